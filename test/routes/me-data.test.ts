import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, buddyRequests, feedbackResponses, mailOutbox, pairs, participants, safetyReports } from '../../db/schema.ts';
import { requestBuddy } from '../../src/domain/buddy-requests.ts';
import { reportUncomfortablePairing } from '../../src/domain/safety.ts';
import { saveFeedback } from '../../src/domain/feedback.ts';
import { computeProgramReport } from '../../src/domain/program-report.ts';
import { loadProgramReportInput } from '../../src/domain/program-report-input.ts';
import { eventEnd, pairedEvent } from '../helpers/after-event.ts';
import { makeEvent, makeMail, makeParticipant, reloadParticipant } from '../helpers/factories.ts';
import { countOf, signedInOrganizer } from '../helpers/organizer.ts';
import { pinnedPair, presentPair } from '../helpers/pairs.ts';
import { createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

const page = (slug: string, token: string) => `/e/${slug}/me/${token}`;

/** The report's figures, without the lists that name people or quote them. */
function reportFigures(t: TestApp, eventId: number) {
  const { nextYear: _n, comments: _c, ...figures } = computeProgramReport(loadProgramReportInput(t.db, eventId));
  return figures;
}

describe('GET /e/:slug/me/:token/data', () => {
  it('says what is stored, who sees it and when it is erased, with the download and delete links', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Octavia Reyes' });
    const me = await (await get(t.app, page(event.slug, p.token))).text();
    expect(me).toContain(`href="${page(event.slug, p.token)}/data"`);
    const res = await get(t.app, `${page(event.slug, p.token)}/data`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('What we keep and who sees it');
    expect(html).toContain('first name and last initial');
    // October 15 + 1 + 90 days
    expect(html).toContain('January 14, 2027');
    expect(html).toContain(`href="${page(event.slug, p.token)}/data.json"`);
    expect(html).toContain(`href="${page(event.slug, p.token)}/delete"`);
  });
});

describe('GET /e/:slug/me/:token/data.json', () => {
  it('downloads everything about the person as a JSON attachment, naming the buddy by public name only', async () => {
    const t = createTestApp();
    const { event, catalog } = makeEvent(t.db);
    const youth = catalog.interests.find((i) => i.label === 'Youth services')!;
    const ft = makeParticipant(t.db, event, {
      name: 'Octavia Reyes',
      email: 'octavia@example.org',
      interests: [youth.id],
      sessions: [catalog.sessions[0]!.id],
      accessibilityNeeds: 'step-free route',
      present: true,
    });
    const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', email: 'bart@example.org', present: true });
    const other = makeParticipant(t.db, event, { name: 'Zelda Unrelated', email: 'zelda@example.org' });
    pinnedPair(t, event, ft.id, v.id);
    makeMail(t.db, { eventId: event.id, to: 'octavia@example.org', participantId: ft.id, subject: 'Welcome to the buddy program', text: 'Hello Octavia' });
    makeMail(t.db, { eventId: event.id, to: 'zelda@example.org', participantId: other.id, subject: 'For Zelda only', text: 'Hello Zelda' });

    const res = await get(t.app, `${page(event.slug, ft.token)}/data.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="my-data-.*\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.profile).toMatchObject({ name: 'Octavia Reyes', email: 'octavia@example.org', role: 'first-timer', accessibilityNeeds: 'step-free route' });
    expect(data.choices.interests).toEqual(['Youth services']);
    expect(data.choices.plannedSessions[0]).toMatchObject({ code: 'S1', title: 'Linked Data 101' });
    expect(data.pairs).toHaveLength(1);
    expect(data.pairs[0]).toMatchObject({ buddy: 'Bartholomew Q.', status: 'published', spot: { name: 'Spot A' } });
    expect(data.pairs[0].meetAt).toMatch(/^2026-10-14T/);
    expect(data.mailToYou.map((m: { subject: string }) => m.subject)).toEqual(['Welcome to the buddy program']);
    // the organizer's pin names both; the file names the buddy by public name
    expect(data.organizerLogAboutYou.length).toBeGreaterThan(0);
    expect(data.organizerLogAboutYou.map((a: { detail: string }) => a.detail).join(' ')).toContain('Bartholomew Q.');
    expect(text).not.toContain('Quinn');
    expect(text).not.toContain('bart@example.org');
    expect(text).not.toContain('Zelda');
  });

  it('includes the feedback the person gave', async () => {
    const t = createTestApp();
    const { event, ft } = pairedEvent(t, { met: true });
    t.clock.set(eventEnd);
    saveFeedback(t.db, event, ft, { met: 'once', rating: 5, again: 'yes', comment: 'Lovely buddy', mayContact: true }, t.clock.now());
    const data = (await (await get(t.app, `${page(event.slug, ft.token)}/data.json`)).json()) as { feedback: unknown };
    expect(data.feedback).toMatchObject({ met: 'once', rating: 5, again: 'yes', comment: 'Lovely buddy', mayContact: true });
  });
});

describe('GET /e/:slug/me/:token/data.json with safety reports, a planned pair and buddy requests', () => {
  it('holds the reports the person made, with their note, never one made about them', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const ft = makeParticipant(t.db, event, { name: 'Octavia Reyes', present: true });
    const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', present: true, capacity: 2 });
    const ft2 = makeParticipant(t.db, event, { name: 'Rosa Diaz', present: true });
    const mine = pinnedPair(t, event, ft.id, v.id);
    const aboutHim = pinnedPair(t, event, ft2.id, v.id);
    const now = t.clock.now();
    expect(reportUncomfortablePairing(t.db, event, ft, mine.id, { note: 'He kept asking for my number', rematch: false, now }).ok).toBe(true);
    expect(reportUncomfortablePairing(t.db, event, reloadParticipant(t.db, v.id)!, aboutHim.id, { note: 'Rosa was rude to me', rematch: false, now }).ok).toBe(true);

    const octavia = JSON.parse(await (await get(t.app, `${page(event.slug, ft.token)}/data.json`)).text());
    expect(octavia.safetyReportsYouMade).toEqual([{ note: 'He kept asking for my number', askedForAnotherBuddy: false, madeAt: now.toISOString() }]);
    const bart = await (await get(t.app, `${page(event.slug, v.token)}/data.json`)).text();
    expect(JSON.parse(bart).safetyReportsYouMade).toEqual([{ note: 'Rosa was rude to me', askedForAnotherBuddy: false, madeAt: now.toISOString() }]);
    expect(bart).not.toContain('asking for my number');
  });

  it('holds the planned pair and whom a first-timer asked for; a volunteer sees how many asked, not who', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const ft = makeParticipant(t.db, event, { name: 'Octavia Reyes' });
    const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', listed: true });
    expect(requestBuddy(t.db, event, ft, v.id, t.clock.now()).ok).toBe(true);
    t.db.insert(pairs).values({ eventId: event.id, firstTimerId: ft.id, volunteerId: v.id, status: 'planned', score: 1, reasons: ['Both: Youth services'], createdAt: t.clock.now() }).run();
    const octavia = JSON.parse(await (await get(t.app, `${page(event.slug, ft.token)}/data.json`)).text());
    expect(octavia.pairs).toMatchObject([{ buddy: 'Bartholomew Q.', status: 'planned', reasons: ['Both: Youth services'], meetAt: null }]);
    expect(octavia.choices.askedForVolunteers).toEqual([{ volunteer: 'Bartholomew Q.', askedAt: t.clock.now().toISOString() }]);
    const bart = await (await get(t.app, `${page(event.slug, v.token)}/data.json`)).text();
    expect(JSON.parse(bart).choices.firstTimersWhoAskedForYou).toBe(1);
    expect(JSON.parse(bart).pairs).toMatchObject([{ buddy: 'Octavia R.', status: 'planned' }]);
    expect(bart).not.toContain('Reyes');
  });
});

describe('POST /e/:slug/me/:token/delete by someone who pressed the safety button', () => {
  it('clears their note and keeps the report, anonymous, for the organizers', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const ft = makeParticipant(t.db, event, { name: 'Octavia Reyes', present: true });
    const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', present: true });
    const pair = pinnedPair(t, event, ft.id, v.id);
    reportUncomfortablePairing(t.db, event, ft, pair.id, { note: 'He kept asking for my number', rematch: false, now: t.clock.now() });
    expect((await postForm(t.app, `${page(event.slug, ft.token)}/delete`, { confirm: 'yes' })).status).toBe(200);
    const [report] = t.db.select().from(safetyReports).all();
    expect(report).toMatchObject({ reporterId: ft.id, otherId: v.id, note: '' });
  });
});

describe('a listed volunteer who erases their data', () => {
  it('leaves the volunteer directory and the requests made for them, and the first-timer\'s download named them by public name', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const ft = makeParticipant(t.db, event, { name: 'Octavia Reyes' });
    const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', listed: true });
    const asked = requestBuddy(t.db, event, ft, v.id, t.clock.now());
    expect(asked.ok).toBe(true);
    const data = (await (await get(t.app, `${page(event.slug, ft.token)}/data.json`)).json()) as { choices: { askedForVolunteers: unknown } };
    expect(data.choices.askedForVolunteers).toEqual([{ volunteer: 'Bartholomew Q.', askedAt: t.clock.now().toISOString() }]);
    expect(await (await get(t.app, `${page(event.slug, ft.token)}/volunteers`)).text()).toContain('Bartholomew Q.');

    await postForm(t.app, `${page(event.slug, v.token)}/delete`, { confirm: 'yes' });
    expect(await (await get(t.app, `${page(event.slug, ft.token)}/volunteers`)).text()).not.toContain('Bartholomew');
    expect(t.db.select().from(buddyRequests).all()).toEqual([]);
    expect(reloadParticipant(t.db, v.id)!.listed).toBe(false);
  });
});

describe('GET /e/:slug/me/:token/delete', () => {
  it('asks for confirmation and changes nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Octavia Reyes', email: 'octavia@example.org' });
    const res = await get(t.app, `${page(event.slug, p.token)}/delete`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Delete me?');
    expect(html).toContain('name="confirm"');
    expect(html).toContain(`action="${page(event.slug, p.token)}/delete"`);
    expect(reloadParticipant(t.db, p.id)).toEqual(p);
  });
});

describe('POST /e/:slug/me/:token/delete', () => {
  it('re-renders with 422 and erases nothing when the box is not ticked', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Octavia Reyes', email: 'octavia@example.org' });
    const res = await postForm(t.app, `${page(event.slug, p.token)}/delete`, {});
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Tick the box to confirm. Nothing was erased.');
    expect(reloadParticipant(t.db, p.id)).toEqual(p);
    expect((await get(t.app, page(event.slug, p.token))).status).toBe(200);
  });

  it('refuses a post from another site and erases nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Octavia Reyes' });
    const res = await postForm(t.app, `${page(event.slug, p.token)}/delete`, { confirm: 'yes' }, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(reloadParticipant(t.db, p.id)).toEqual(p);
  });

  it('answers 404 for a wrong token and erases nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Octavia Reyes' });
    const wrong = `${p.token.slice(0, -1)}${p.token.endsWith('A') ? 'B' : 'A'}`;
    const res = await postForm(t.app, `${page(event.slug, wrong)}/delete`, { confirm: 'yes' });
    expect(res.status).toBe(404);
    expect(reloadParticipant(t.db, p.id)).toEqual(p);
  });

  it('erases the personal data, keeps an anonymous row, and the link is a 404 afterwards', async () => {
    const t = createTestApp();
    const { event, catalog } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, {
      name: 'Octavia Reyes',
      email: 'octavia@example.org',
      pronouns: 'she/her',
      affiliation: 'Riverside Public Library',
      libraryType: 'Public',
      region: 'Central',
      languages: ['Spanish'],
      accessibilityNeeds: 'step-free route',
      interests: [catalog.interests[0]!.id],
      present: true,
    });
    makeMail(t.db, { eventId: event.id, to: 'octavia@example.org', participantId: p.id });
    const res = await postForm(t.app, `${page(event.slug, p.token)}/delete`, { confirm: 'yes' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Your data is erased');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('bd_me=;'))).toBe(true);

    const row = reloadParticipant(t.db, p.id)!;
    expect(row).toMatchObject({
      name: 'Erased participant',
      email: null,
      pronouns: '',
      affiliation: '',
      languages: [],
      accessibilityNeeds: '',
      // what the counts need stays
      role: 'first_timer',
      libraryType: 'Public',
      region: 'Central',
      checkedInAt: p.checkedInAt,
      erasedAt: t.clock.now(),
    });
    expect(row.token).not.toBe(p.token);
    expect(row.deskCode).not.toBe(p.deskCode);
    expect(t.db.select().from(mailOutbox).where(eq(mailOutbox.participantId, p.id)).all()).toEqual([]);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.eventId, event.id)).all();
    expect(audit.at(-1)).toMatchObject({ action: 'erase', detail: `participant #${p.id} erased their own personal data`, organizerId: null });
    expect(JSON.stringify(audit)).not.toContain('Octavia');

    expect((await get(t.app, page(event.slug, p.token))).status).toBe(404);
    expect((await get(t.app, `${page(event.slug, p.token)}/data.json`)).status).toBe(404);
    expect((await postForm(t.app, `${page(event.slug, p.token)}/delete`, { confirm: 'yes' })).status).toBe(404);
  });

  it('rematches the first-timer of a volunteer who leaves and tells them on their page and by e-mail', async () => {
    const t = createTestApp();
    const { event, firstTimer, volunteer } = presentPair(t, {
      firstTimer: { name: 'Octavia Reyes', email: 'octavia@example.org' },
      volunteer: { name: 'Bartholomew Quinn', email: 'bart@example.org' },
    });
    const other = makeParticipant(t.db, event, { role: 'volunteer', name: 'Mina Park', present: true, capacity: 1 });
    const pair = pinnedPair(t, event, firstTimer.id, volunteer.id);
    expect(await (await get(t.app, `${page(event.slug, volunteer.token)}/delete`)).text()).toContain('Your buddy will be told');

    const res = await postForm(t.app, `${page(event.slug, volunteer.token)}/delete`, { confirm: 'yes' });
    expect(res.status).toBe(200);
    expect(t.db.select().from(pairs).where(eq(pairs.id, pair.id)).get()!.status).toBe('cancelled');
    const live = t.db.select().from(pairs).where(eq(pairs.firstTimerId, firstTimer.id)).all().filter((p) => p.status === 'published');
    expect(live.map((p) => p.volunteerId)).toEqual([other.id]);
    expect(reloadParticipant(t.db, volunteer.id)!.status).toBe('withdrawn');

    const html = await (await get(t.app, page(event.slug, firstTimer.token))).text();
    expect(html).toContain('Your buddy had to leave the buddy program. We found you a new buddy');
    expect(html).toContain('Mina P.');
    expect(html).not.toContain('Bartholomew');
    const mail = t.db.select().from(mailOutbox).where(eq(mailOutbox.participantId, firstTimer.id)).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ toAddress: 'octavia@example.org', kind: 'buddy-left' });
    expect(mail[0]!.textBody).toContain(page(event.slug, firstTimer.token));
    expect(mail[0]!.textBody).not.toContain('Bartholomew');
  });

  it('gives the volunteer the place back when their first-timer leaves, and tells them', async () => {
    const t = createTestApp();
    const { event, firstTimer, volunteer } = presentPair(t, { firstTimer: { name: 'Octavia Reyes' }, volunteer: { name: 'Bartholomew Quinn' } });
    pinnedPair(t, event, firstTimer.id, volunteer.id);
    await postForm(t.app, `${page(event.slug, firstTimer.token)}/delete`, { confirm: 'yes' });
    expect(reloadParticipant(t.db, volunteer.id)!.status).toBe('present');
    const html = await (await get(t.app, page(event.slug, volunteer.token))).text();
    expect(html).toContain('Your first-timer left the buddy program');
    expect(html).not.toContain('Octavia');
    // and the board shows nobody
    expect(await (await get(t.app, `/e/${event.slug}/board`)).text()).not.toContain('Octavia');
  });

  it('leaves the program report and the dashboard counts as they were after the event', async () => {
    const t = createTestApp();
    const { event, ft, v } = pairedEvent(t, { met: true });
    t.clock.set(eventEnd);
    const { cookie } = signedInOrganizer(t, 'lead@example.org');
    saveFeedback(t.db, event, ft, { met: 'once', rating: 4, again: 'yes', comment: 'Bartholomew was great', mayContact: true }, t.clock.now());
    saveFeedback(t.db, event, v, { met: 'once', rating: 5, again: 'maybe', comment: '', mayContact: false }, t.clock.now());
    const before = reportFigures(t, event.id);
    const dashboardBefore = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();

    expect((await postForm(t.app, `${page(event.slug, ft.token)}/delete`, { confirm: 'yes' })).status).toBe(200);

    expect(reportFigures(t, event.id)).toEqual(before);
    const report = await (await get(t.app, `/admin/e/${event.slug}/report`, { cookie })).text();
    expect(report).not.toContain('Octavia');
    expect(report).not.toContain('Bartholomew was great');
    expect(report).not.toContain('Erased participant');
    const dashboard = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    for (const key of ['firstTimersRegistered', 'firstTimersHere', 'volunteersRegistered', 'volunteersHere', 'freeCapacity']) {
      expect(countOf(dashboard, key)).toBe(countOf(dashboardBefore, key));
    }
    expect(dashboard).not.toContain('Octavia');
    expect(t.db.select().from(feedbackResponses).where(eq(feedbackResponses.participantId, ft.id)).get()).toMatchObject({ rating: 4, comment: '' });
    expect(t.db.select().from(participants).where(eq(participants.id, ft.id)).get()!.erasedAt).not.toBeNull();
  });
});
