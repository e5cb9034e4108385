// The Kiosks page (enrolment codes, revoking, the per-QR cap) and withdrawing a burst of registrations.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, buddyRequests, events, kiosks, pairs, participants } from '../../../db/schema.ts';
import { requestBuddy } from '../../../src/domain/buddy-requests.ts';
import { findPlannedBuddies } from '../../../src/domain/planned-pairs.ts';
import { countParticipants } from '../../../src/domain/participants.ts';
import { makeEvent, makeParticipant } from '../../helpers/factories.ts';
import { countOf, signedInOrganizer } from '../../helpers/organizer.ts';
import { createEnrolment, enrolKioskCookie } from '../../helpers/kiosk.ts';
import { pinnedPair } from '../../helpers/pairs.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

const statusOf = (t: TestApp, id: number) => t.db.select().from(participants).where(eq(participants.id, id)).get()!.status;

describe('GET /admin/e/:slug/kiosks', () => {
  it('is linked from the dashboard, for organizers only, and lists kiosks with when they were enrolled and last seen', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    expect(await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text()).toContain(`href="/admin/e/${event.slug}/kiosks"`);
    expect((await get(t.app, `/admin/e/${event.slug}/kiosks`)).status).toBe(303);

    await enrolKioskCookie(t, event.slug, { organizerCookie: cookie, name: 'Hall A tablet' });
    await createEnrolment(t, event.slug, { organizerCookie: cookie, name: 'Spare tablet' });
    const html = await (await get(t.app, `/admin/e/${event.slug}/kiosks`, { cookie })).text();
    expect(html).toMatch(/<td>Hall A tablet<\/td><td>enrolled<\/td><td>[^<]*10:00 AM<\/td><td>[^<]*10:00 AM<\/td>/);
    expect(html).toContain('<td>Spare tablet</td><td>waiting to be enrolled</td>');
    expect(html).toContain('value="30"');
  });

  it('shows a new enrolment code once, in a notice, and audits it', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/admin/e/${event.slug}/kiosks`, { name: 'Main desk' }, { cookie });
    expect(res.status).toBe(303);
    const page = await (await get(t.app, `/admin/e/${event.slug}/kiosks`, { cookie: `${cookie}; ${cookiesFrom(res)}` })).text();
    expect(page).toMatch(/Enrolment code for “Main desk”: [A-Z0-9]{5}-[A-Z0-9]{5}/);
    expect(page).toMatch(new RegExp(`value="http://buddydesk.test/e/${event.slug}/desk/enrol\\?code=[A-Z0-9]{10}"`));
    expect(await (await get(t.app, `/admin/e/${event.slug}/kiosks`, { cookie })).text()).not.toContain('Enrolment code for');
    expect(t.db.select().from(auditLog).all().map((a) => a.action)).toEqual(['kiosk-enrolment-created']);
  });

  it('refuses an empty kiosk name with 422 and creates nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/admin/e/${event.slug}/kiosks`, { name: '   ' }, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Give the kiosk a name');
    expect(t.db.select().from(kiosks).all()).toHaveLength(0);
  });

  it('saves the per-QR cap in the event settings, audited, and refuses a bad one with 422', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const bad = await postForm(t.app, `/admin/e/${event.slug}/kiosks/cap`, { presenceCap: '0' }, { cookie });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Enter a whole number from 1 to 200');
    expect(t.db.select().from(events).where(eq(events.id, event.id)).get()!.settings.presenceCap).toBe(30);
    const ok = await postForm(t.app, `/admin/e/${event.slug}/kiosks/cap`, { presenceCap: '12' }, { cookie });
    expect(ok.status).toBe(303);
    const saved = t.db.select().from(events).where(eq(events.id, event.id)).get()!.settings;
    expect(saved.presenceCap).toBe(12);
    expect(saved.slotMinutes).toBe(15);
    expect(t.db.select().from(auditLog).all().at(-1)).toMatchObject({ action: 'presence-cap' });
  });

  it('refuses to revoke a kiosk of another event', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    await enrolKioskCookie(t, other.slug, { organizerCookie: cookie });
    const kiosk = t.db.select().from(kiosks).get()!;
    const res = await postForm(t.app, `/admin/e/${event.slug}/kiosks/${kiosk.id}/revoke`, {}, { cookie });
    expect(res.status).toBe(303);
    expect(t.db.select().from(kiosks).get()!.revokedAt).toBeNull();
    expect((await postForm(t.app, `/admin/e/${event.slug}/kiosks/not-a-number/revoke`, {}, { cookie })).status).toBe(303);
  });
});

describe('GET /admin/e/:slug/registrations', () => {
  it('groups recent registrations by minute, and "select this burst" ticks that minute only', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const real = makeParticipant(t.db, event, { name: 'Real Person', now: new Date('2026-10-14T13:02:30Z') });
    const fakes = [0, 1, 2].map((i) => makeParticipant(t.db, event, { name: `Fake ${i}`, present: true, now: new Date(`2026-10-14T13:05:0${i}Z`) }));
    const html = await (await get(t.app, `/admin/e/${event.slug}/registrations`, { cookie })).text();
    expect(html).toContain('9:05 AM: 3 registrations, 3 checked in');
    expect(html).toContain('9:02 AM: 1 registration, 0 checked in');
    expect(html).not.toMatch(/name="ids" value="\d+" checked/);
    const minute = new Date('2026-10-14T13:05:00Z').getTime();
    expect(html).toContain(`href="/admin/e/${event.slug}/registrations?select=${minute}#burst-${minute}"`);

    const selected = await (await get(t.app, `/admin/e/${event.slug}/registrations?select=${minute}`, { cookie })).text();
    for (const f of fakes) expect(selected).toContain(`name="ids" value="${f.id}" checked=""`);
    expect(selected).toContain(`name="ids" value="${real.id}"/>`);
  });
});

describe('POST /admin/e/:slug/registrations/withdraw', () => {
  it('asks for confirmation first, changing nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const fakes = [0, 1].map((i) => makeParticipant(t.db, event, { name: `Fake ${i}`, present: true }));
    const res = await postForm(t.app, `/admin/e/${event.slug}/registrations/withdraw`, { ids: fakes.map((f) => String(f.id)) }, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Withdraw 2 registrations?');
    expect(html).toContain('Fake 0');
    expect(html).toContain('name="confirm" value="yes"');
    expect(fakes.map((f) => statusOf(t, f.id))).toEqual(['present', 'present']);
    expect(t.db.select().from(auditLog).all()).toHaveLength(0);
  });

  it('withdraws the burst: out of the pool and the counts, their pairs ended, the real buddy freed to go first, audited', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const realFirstTimer = makeParticipant(t.db, event, { name: 'Octavia Reyes', present: true });
    const realVolunteer = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', present: true });
    const fakeVolunteer = makeParticipant(t.db, event, { role: 'volunteer', name: 'Fake Volunteer', present: true });
    const fakeFirstTimer = makeParticipant(t.db, event, { name: 'Fake Firsttimer', present: true });
    pinnedPair(t, event, realFirstTimer.id, fakeVolunteer.id);
    pinnedPair(t, event, fakeFirstTimer.id, realVolunteer.id);
    const before = countParticipants(t.db, event.id);

    const ids = [String(fakeVolunteer.id), String(fakeFirstTimer.id)];
    const res = await postForm(t.app, `/admin/e/${event.slug}/registrations/withdraw`, { ids, confirm: 'yes' }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/e/${event.slug}/registrations`);

    expect(statusOf(t, fakeVolunteer.id)).toBe('withdrawn');
    expect(statusOf(t, fakeFirstTimer.id)).toBe('withdrawn');
    const octavia = t.db.select().from(participants).where(eq(participants.id, realFirstTimer.id)).get()!;
    expect(octavia.status).toBe('present');
    expect(octavia.waitingSince).toEqual(t.clock.now());
    expect(statusOf(t, realVolunteer.id)).toBe('present');
    expect(t.db.select().from(pairs).all().map((p) => p.status)).toEqual(['cancelled', 'cancelled']);
    const after = countParticipants(t.db, event.id);
    expect(after.firstTimersRegistered).toBe(before.firstTimersRegistered - 1);
    expect(after.volunteersRegistered).toBe(before.volunteersRegistered - 1);
    expect(after.firstTimersHere).toBe(before.firstTimersHere - 1);
    expect(after.volunteersHere).toBe(before.volunteersHere - 1);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'registrations-withdrawn')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'registrations-withdrawn', organizerId: expect.any(Number) });
    expect(audit[0]!.detail).toContain(`withdrew 2 registrations together: Fake Volunteer (#${fakeVolunteer.id}), Fake Firsttimer (#${fakeFirstTimer.id})`);

    // the notice, the list without them, and the dashboard's counts
    const page = await (await get(t.app, res.headers.get('location')!, { cookie: `${cookie}; ${cookiesFrom(res)}` })).text();
    expect(page).toContain('Withdrew 2 registrations.');
    expect(page).not.toContain('Fake Volunteer');
    const dashboard = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(countOf(dashboard, 'volunteersHere')).toBe(1);
  });

  it('ends the planned pairs and the buddy requests of the people withdrawn; the real buddy-to-be reads that the plan is off', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const octavia = makeParticipant(t.db, event, { name: 'Octavia Reyes' });
    const bart = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', listed: true, capacity: 2 });
    const fakeVolunteer = makeParticipant(t.db, event, { role: 'volunteer', name: 'Fake Volunteer', listed: true });
    const fakeFirstTimer = makeParticipant(t.db, event, { name: 'Fake Firsttimer' });
    const plan = (firstTimerId: number, volunteerId: number) =>
      t.db.insert(pairs).values({ eventId: event.id, firstTimerId, volunteerId, status: 'planned', score: 1, reasons: [], createdAt: t.clock.now() }).run();
    plan(octavia.id, fakeVolunteer.id);
    plan(fakeFirstTimer.id, bart.id);
    expect(requestBuddy(t.db, event, octavia, fakeVolunteer.id, t.clock.now()).ok).toBe(true);
    expect(requestBuddy(t.db, event, fakeFirstTimer, bart.id, t.clock.now()).ok).toBe(true);

    const ids = [String(fakeVolunteer.id), String(fakeFirstTimer.id)];
    expect((await postForm(t.app, `/admin/e/${event.slug}/registrations/withdraw`, { ids, confirm: 'yes' }, { cookie })).status).toBe(303);

    expect(t.db.select().from(pairs).all().map((p) => [p.status, p.endedAt])).toEqual([
      ['cancelled', t.clock.now()],
      ['cancelled', t.clock.now()],
    ]);
    expect(t.db.select().from(buddyRequests).all()).toEqual([]);
    const reloaded = (id: number) => t.db.select().from(participants).where(eq(participants.id, id)).get()!;
    expect(findPlannedBuddies(t.db, event, reloaded(octavia.id))).toEqual([]);
    expect(findPlannedBuddies(t.db, event, reloaded(bart.id))).toEqual([]);
    const page = await (await get(t.app, `/e/${event.slug}/me/${octavia.token}/status`)).text();
    expect(page).toContain('Your plan to meet Fake V. is off.');
    expect(page).not.toContain('You asked for');
  });

  it('refuses with 422 when nothing is ticked, or when one id is of another event or unknown, withdrawing nobody', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    const mine = makeParticipant(t.db, event, { present: true });
    const theirs = makeParticipant(t.db, other, { present: true });
    const path = `/admin/e/${event.slug}/registrations/withdraw`;
    const none = await postForm(t.app, path, { confirm: 'yes' }, { cookie });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Tick the registrations to withdraw first');
    for (const ids of [[String(mine.id), String(theirs.id)], [String(mine.id), '999999'], ['abc']]) {
      for (const confirm of [undefined, 'yes']) {
        const res = await postForm(t.app, path, { ids, confirm }, { cookie });
        expect(res.status).toBe(422);
        expect(await res.text()).toContain('Nothing was changed');
      }
    }
    expect(statusOf(t, mine.id)).toBe('present');
    expect(statusOf(t, theirs.id)).toBe('present');
    expect(t.db.select().from(auditLog).all()).toHaveLength(0);
  });

  it('is for organizers only, and refuses a cross-site post', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { present: true });
    const anonymous = await postForm(t.app, `/admin/e/${event.slug}/registrations/withdraw`, { ids: String(p.id), confirm: 'yes' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/admin\/login/);
    const crossSite = await postForm(
      t.app,
      `/admin/e/${event.slug}/registrations/withdraw`,
      { ids: String(p.id), confirm: 'yes' },
      { cookie, origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(statusOf(t, p.id)).toBe('present');
  });
});
