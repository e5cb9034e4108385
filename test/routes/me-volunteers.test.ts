import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buddyRequests, events, participants } from '../../db/schema.ts';
import { proposeRound, publishRound } from '../../src/domain/rounds.ts';
import { auditOf, makeEvent, makeParticipant } from '../helpers/factories.ts';
import { deskLead, pinnedPair } from '../helpers/pairs.ts';
import { createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

type Extra = Parameters<typeof makeParticipant>[2];

/** An event with a first-timer into youth services and three listed volunteers (and one unlisted). */
function directory(t: TestApp, opts: { settings?: Parameters<typeof makeEvent>[1] } = {}) {
  const { event, catalog } = makeEvent(t.db, opts.settings ?? {});
  const [cataloging, youth, tech] = catalog.interests.map((i) => i.id) as [number, number, number];
  const volunteer = (name: string, extra: Extra = {}) =>
    makeParticipant(t.db, event, { role: 'volunteer', name, listed: true, capacity: 1, ...extra });
  const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', interests: [youth] });
  const vera = volunteer('Vera Volkonskaya', {
    pronouns: 'she/her',
    email: 'vera@example.org',
    affiliation: 'Riverside Public Library',
    bio: 'Children’s librarian, sixth conference.',
    libraryType: 'Public',
    region: 'Eastern',
    languages: ['English', 'Spanish'],
    interests: [youth],
  });
  const walt = volunteer('Walt Whitfield', { libraryType: 'Academic', region: 'Western', interests: [cataloging, tech] });
  const hidden = volunteer('Hilda Hiddenmann', { listed: false, interests: [youth] });
  return { event, catalog, interests: { cataloging, youth, tech }, ana, vera, walt, hidden, volunteer };
}

const page = (slug: string, token: string, query = '') => `/e/${slug}/me/${token}/volunteers${query}`;

function requestsOf(t: TestApp, firstTimerId: number) {
  return t.db.select().from(buddyRequests).where(eq(buddyRequests.firstTimerId, firstTimerId)).all();
}

describe('GET /e/:slug/me/:token/volunteers', () => {
  it("shows listed volunteers' public name, pronouns, bio, library type, region, interests and languages — no e-mail, surname or employer", async () => {
    const t = createTestApp();
    const d = directory(t);
    const res = await get(t.app, page(d.event.slug, d.ana.token));
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Vera V.');
    expect(html).toContain('she/her');
    expect(html).toContain('Children’s librarian, sixth conference.');
    expect(html).toContain('Public');
    expect(html).toContain('Eastern');
    expect(html).toContain('Youth services');
    expect(html).toContain('English, Spanish');
    expect(html).toContain('Walt W.');
    expect(html).not.toContain('Volkonskaya');
    expect(html).not.toContain('Whitfield');
    expect(html).not.toContain('vera@example.org');
    expect(html).not.toContain('Riverside Public Library');
    expect(html).toContain('a wish, not a booking');
  });

  it('leaves out unlisted and withdrawn volunteers, first-timers and the volunteers of other events', async () => {
    const t = createTestApp();
    const d = directory(t);
    const gone = d.volunteer('Greta Gone');
    t.db.update(participants).set({ status: 'withdrawn' }).where(eq(participants.id, gone.id)).run();
    makeParticipant(t.db, d.event, { name: 'Fiona Firsttimer' });
    const other = makeEvent(t.db).event;
    makeParticipant(t.db, other, { role: 'volunteer', name: 'Otto Otherevent', listed: true });
    const html = await (await get(t.app, page(d.event.slug, d.ana.token))).text();
    expect(html).toContain('Vera V.');
    expect(html).not.toContain('Hilda');
    expect(html).not.toContain('Greta');
    expect(html).not.toContain('Fiona');
    expect(html).not.toContain('Otto');
    expect(html).toContain('2 volunteers');
  });

  it("is a plain 404 for a volunteer's link, a wrong link, and another event's first-timer", async () => {
    const t = createTestApp();
    const d = directory(t);
    const other = makeEvent(t.db).event;
    const stranger = makeParticipant(t.db, other, { name: 'Sam Stranger' });
    for (const path of [
      page(d.event.slug, d.vera.token),
      page(d.event.slug, 'x'.repeat(43)),
      page(d.event.slug, 'short'),
      page(d.event.slug, stranger.token),
    ]) {
      const res = await get(t.app, path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('Vera V.');
    }
  });

  it('is closed (410) once the event is archived', async () => {
    const t = createTestApp();
    const d = directory(t);
    t.db.update(events).set({ archivedAt: t.clock.now() }).where(eq(events.id, d.event.id)).run();
    const res = await get(t.app, page(d.event.slug, d.ana.token));
    expect(res.status).toBe(410);
    expect(await res.text()).not.toContain('Vera V.');
  });

  it('filters by interest, library type and region with a plain GET form', async () => {
    const t = createTestApp();
    const d = directory(t);
    const html = await (await get(t.app, page(d.event.slug, d.ana.token))).text();
    expect(html).toMatch(/<form method="get" action="[^"]+\/volunteers"/);
    const byInterest = await (await get(t.app, page(d.event.slug, d.ana.token, `?interest=${d.interests.tech}`))).text();
    expect(byInterest).toContain('Walt W.');
    expect(byInterest).not.toContain('Vera V.');
    expect(byInterest).toContain('1 volunteer of 2 match');
    const byType = await (await get(t.app, page(d.event.slug, d.ana.token, '?libraryType=Public'))).text();
    expect(byType).toContain('Vera V.');
    expect(byType).not.toContain('Walt W.');
    const byRegion = await (await get(t.app, page(d.event.slug, d.ana.token, '?region=Western&libraryType=Academic'))).text();
    expect(byRegion).toContain('Walt W.');
    expect(byRegion).not.toContain('Vera V.');
    const none = await (await get(t.app, page(d.event.slug, d.ana.token, '?region=Western&libraryType=Public'))).text();
    expect(none).toContain('No listed volunteer matches these filters');
    // a malformed filter shows everyone rather than failing
    const bad = await get(t.app, page(d.event.slug, d.ana.token, '?interest=1e3&region=' + 'x'.repeat(500)));
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain('Walt W.');
  });

  it('says "full" when live pairs take all of a volunteer\'s room', async () => {
    const t = createTestApp();
    const d = directory(t);
    const bo = makeParticipant(t.db, d.event, { name: 'Bo Brandt', present: true });
    t.db.update(participants).set({ status: 'present' }).where(eq(participants.id, d.vera.id)).run();
    pinnedPair(t, d.event, bo.id, d.vera.id, deskLead(t).id);
    const html = await (await get(t.app, page(d.event.slug, d.ana.token))).text();
    const vera = html.slice(html.indexOf(`id="volunteer-${d.vera.id}"`));
    expect(vera.slice(0, vera.indexOf('</li>'))).toContain('Full: no room');
  });
});

describe('POST /e/:slug/me/:token/volunteers/:id/request', () => {
  it('stores the request, audits it and goes back to the same filtered list', async () => {
    const t = createTestApp();
    const d = directory(t);
    const res = await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/request`, { libraryType: 'Public' });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`${page(d.event.slug, d.ana.token)}?libraryType=Public&notice=asked#volunteer-${d.vera.id}`);
    expect(requestsOf(t, d.ana.id)).toMatchObject([{ eventId: d.event.id, volunteerId: d.vera.id, createdAt: t.clock.now() }]);
    expect(auditOf(t.db, d.event.id).at(-1)).toMatchObject({ action: 'buddy-request', organizerId: null });
    const html = await (await get(t.app, page(d.event.slug, d.ana.token, '?notice=asked'))).text();
    expect(html).toContain('You asked for Vera V.');
    expect(html).toContain('Take back my request');
    // asking again is the same request
    expect((await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/request`, {})).status).toBe(303);
    expect(requestsOf(t, d.ana.id)).toHaveLength(1);
  });

  it('refuses a fourth request with 409 and stores nothing', async () => {
    const t = createTestApp();
    const d = directory(t);
    const more = [d.vera, d.walt, d.volunteer('Xena Xu'), d.volunteer('Yuri Yang')];
    for (const v of more.slice(0, 3)) {
      expect((await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${v.id}/request`, {})).status).toBe(303);
    }
    const res = await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${more[3]!.id}/request`, {});
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('up to three');
    expect(requestsOf(t, d.ana.id).map((r) => r.volunteerId).sort()).toEqual(more.slice(0, 3).map((v) => v.id).sort());
  });

  it("refuses beyond the organizers' cap per volunteer, and the card says no more requests", async () => {
    const t = createTestApp();
    const d = directory(t, { settings: { settings: { requestCap: 2 } } });
    for (const name of ['Bo Brandt', 'Cy Chen']) {
      const ft = makeParticipant(t.db, d.event, { name });
      expect((await postForm(t.app, `${page(d.event.slug, ft.token)}/${d.vera.id}/request`, {})).status).toBe(303);
    }
    const res = await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/request`, {});
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('take no more requests');
    expect(requestsOf(t, d.ana.id)).toEqual([]);
    const html = await (await get(t.app, page(d.event.slug, d.ana.token))).text();
    expect(html).toContain('No more requests');
    // one of them takes theirs back: there is room to ask again
    const cy = t.db.select().from(participants).where(eq(participants.name, 'Cy Chen')).get()!;
    expect((await postForm(t.app, `${page(d.event.slug, cy.token)}/${d.vera.id}/withdraw`, {})).status).toBe(303);
    expect((await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/request`, {})).status).toBe(303);
  });

  it("refuses an unlisted volunteer, another event's volunteer, a first-timer and a volunteer asking for themselves", async () => {
    const t = createTestApp();
    const d = directory(t);
    const other = makeEvent(t.db).event;
    const otto = makeParticipant(t.db, other, { role: 'volunteer', name: 'Otto Otherevent', listed: true });
    const bo = makeParticipant(t.db, d.event, { name: 'Bo Brandt' });
    for (const id of [d.hidden.id, otto.id, bo.id, 999999]) {
      const res = await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${id}/request`, {});
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('not in the directory');
    }
    const self = await postForm(t.app, `${page(d.event.slug, d.vera.token)}/${d.vera.id}/request`, {});
    expect(self.status).toBe(404);
    expect(t.db.select().from(buddyRequests).all()).toEqual([]);
  });

  it('refuses a request without our Origin', async () => {
    const t = createTestApp();
    const d = directory(t);
    const res = await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/request`, {}, { origin: 'http://evil.test' });
    expect(res.status).toBe(403);
    expect(requestsOf(t, d.ana.id)).toEqual([]);
  });
});

describe('POST /e/:slug/me/:token/volunteers/:id/withdraw', () => {
  it('takes a request back, audits it, and frees one of the three', async () => {
    const t = createTestApp();
    const d = directory(t);
    await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/request`, {});
    const res = await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/withdraw`, {});
    expect(res.status).toBe(303);
    expect(requestsOf(t, d.ana.id)).toEqual([]);
    expect(auditOf(t.db, d.event.id).at(-1)).toMatchObject({ action: 'buddy-request-withdrawn' });
    // taking back what was never asked changes nothing
    expect((await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.walt.id}/withdraw`, {})).status).toBe(303);
  });
});

describe('the personal page and buddy requests', () => {
  it("a first-timer's page links to the directory and says a request is a wish, not a booking", async () => {
    const t = createTestApp();
    const d = directory(t);
    await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/request`, {});
    const html = await (await get(t.app, `/e/${d.event.slug}/me/${d.ana.token}`)).text();
    expect(html).toContain(`href="${page(d.event.slug, d.ana.token)}"`);
    expect(html).toContain('You asked for Vera V.');
    expect(html).toContain('a wish, not a booking');
  });

  it('after a round is published, says whether the request was met', async () => {
    const t = createTestApp();
    const d = directory(t);
    // Bo likes youth services as much as Ana does: only the requests decide who gets Vera
    const bo = makeParticipant(t.db, d.event, { name: 'Bo Brandt', interests: [d.interests.youth] });
    await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/request`, {});
    await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.walt.id}/request`, {});
    await postForm(t.app, `${page(d.event.slug, bo.token)}/${d.walt.id}/request`, {});
    t.db.update(participants).set({ status: 'present' }).where(and(eq(participants.eventId, d.event.id))).run();
    const round = proposeRound(t.db, d.event, { organizerId: null, trigger: 'auto', now: t.clock.now() });
    if (!round.ok) throw new Error(round.reason);
    expect(publishRound(t.db, d.event, { roundId: round.round.id, organizerId: null, now: t.clock.now() }).ok).toBe(true);

    const ana = await (await get(t.app, `/e/${d.event.slug}/me/${d.ana.token}/status`)).text();
    expect(ana).toContain('You asked for Vera V.; you&#39;re paired with Vera V.');
    expect(ana).toContain('Walt W. couldn&#39;t be your buddy this time.');
    const boPage = await (await get(t.app, `/e/${d.event.slug}/me/${bo.token}`)).text();
    expect(boPage).toContain('You asked for Walt W.; you&#39;re paired with Walt W.');
  });

  it("a volunteer's page counts who asked, without names until paired", async () => {
    const t = createTestApp();
    const d = directory(t);
    const bo = makeParticipant(t.db, d.event, { name: 'Bo Brandt', present: true });
    await postForm(t.app, `${page(d.event.slug, d.ana.token)}/${d.vera.id}/request`, {});
    await postForm(t.app, `${page(d.event.slug, bo.token)}/${d.vera.id}/request`, {});
    const before = await (await get(t.app, `/e/${d.event.slug}/me/${d.vera.token}`)).text();
    expect(before).toContain('2 first-timers asked for you');
    expect(before).not.toContain('Bo B.');
    expect(before).not.toContain('Ana A.');
    t.db.update(participants).set({ status: 'present' }).where(eq(participants.id, d.vera.id)).run();
    pinnedPair(t, d.event, bo.id, d.vera.id, deskLead(t).id);
    const after = await (await get(t.app, `/e/${d.event.slug}/me/${d.vera.token}`)).text();
    expect(after).toContain('Bo B. asked for you.');
    expect(after).not.toContain('Ana A.');
  });
});

describe('choosing to be listed', () => {
  it('a volunteer who ticks "List me" when registering is listed; a first-timer who sends it is not', async () => {
    const t = createTestApp();
    const d = directory(t);
    const form = { name: 'Lena Listed', bio: 'Archivist, fourth conference.', capacity: '2', listed: 'yes' };
    const joined = await postForm(t.app, `/e/${d.event.slug}/join`, { role: 'volunteer', email: 'lena@example.org', ...form });
    expect(joined.status).toBe(303);
    const ft = await postForm(t.app, `/e/${d.event.slug}/join`, { role: 'first_timer', name: 'Fran Forged', listed: 'yes' });
    expect(ft.status).toBe(303);
    const stored = (name: string) => t.db.select().from(participants).where(eq(participants.name, name)).get()!;
    expect(stored('Lena Listed').listed).toBe(true);
    expect(stored('Fran Forged').listed).toBe(false);
    const html = await (await get(t.app, page(d.event.slug, d.ana.token))).text();
    expect(html).toContain('Lena L.');
    expect(html).not.toContain('lena@example.org');
    expect(html).not.toContain('Fran');
  });

  it('a volunteer can stop being listed (or start) from their profile, and the profile form shows the choice', async () => {
    const t = createTestApp();
    const d = directory(t);
    const edit = `/e/${d.event.slug}/me/${d.vera.token}/edit`;
    expect(await (await get(t.app, edit)).text()).toMatch(/name="listed" value="yes" checked/);
    expect(await (await get(t.app, `/e/${d.event.slug}/me/${d.ana.token}/edit`)).text()).not.toContain('name="listed"');
    const res = await postForm(t.app, edit, { name: 'Vera Volkonskaya', bio: 'Still here.', capacity: '1', interests: String(d.interests.youth) });
    expect(res.status).toBe(303);
    expect(t.db.select().from(participants).where(eq(participants.id, d.vera.id)).get()!.listed).toBe(false);
    expect(await (await get(t.app, page(d.event.slug, d.ana.token))).text()).not.toContain('Vera V.');
    await postForm(t.app, edit, { name: 'Vera Volkonskaya', bio: 'Still here.', capacity: '1', listed: 'yes' });
    expect(await (await get(t.app, page(d.event.slug, d.ana.token))).text()).toContain('Vera V.');
  });
});

describe('the request lines on a personal page', () => {
  it('end a sentence on a public name with one full stop, not two', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const octavia = makeParticipant(t.db, event, { name: 'Octavia Reyes', present: true });
    const bart = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quist', listed: true, present: true });
    const status = `/e/${event.slug}/me/${octavia.token}/status`;
    expect((await postForm(t.app, `/e/${event.slug}/me/${octavia.token}/volunteers/${bart.id}/request`, {})).status).toBe(303);
    const asked = await (await get(t.app, status)).text();
    expect(asked).toContain('<p>You asked for Bartholomew Q.</p>');
    pinnedPair(t, event, octavia.id, bart.id);
    const paired = await (await get(t.app, status)).text();
    expect(paired).toContain('You asked for Bartholomew Q.; you&#39;re paired with Bartholomew Q.</p>');
    expect(asked + paired).not.toContain('Q..');
  });
});
