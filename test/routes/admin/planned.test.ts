// The pre-event round through the routes: the organizer's button, review and publish; the planned
// pairs page, its hold time and "End"; both personal pages; the desk check-in that makes it live.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, mailOutbox, matchRounds, pairs } from '../../../db/schema.ts';
import { introductionKind } from '../../../src/domain/planned-pairs.ts';
import { auditOf, makeEvent, makeParticipant, reloadParticipant } from '../../helpers/factories.ts';
import { followToDashboard, signedInOrganizer } from '../../helpers/organizer.ts';
import { enrolKioskCookie } from '../../helpers/kiosk.ts';
import { recordChanges } from '../../helpers/pairs.ts';
import { createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

const weekBefore = new Date('2026-10-07T15:00:00Z');

/** Rosa (first-timer) and Marcus (volunteer, room for one) registered from home, both sharing contact. */
function registeredFromHome(t: TestApp) {
  const { event, catalog } = makeEvent(t.db);
  const youth = catalog.interests.find((i) => i.label === 'Youth services')!.id;
  const rosa = makeParticipant(t.db, event, {
    name: 'Rosa Diaz',
    email: 'rosa@example.org',
    consentContact: true,
    interests: [youth],
    now: weekBefore,
  });
  const marcus = makeParticipant(t.db, event, {
    role: 'volunteer',
    name: 'Marcus Webb',
    pronouns: 'he/him',
    bio: 'Teen services, twelfth conference.',
    email: 'marcus@example.org',
    consentContact: true,
    capacity: 1,
    interests: [youth],
    now: weekBefore,
  });
  return { event, rosa, marcus };
}

async function runPreEventRound(t: TestApp, slug: string, cookie: string) {
  const propose = await postForm(t.app, `/admin/e/${slug}/rounds/pre-event`, {}, { cookie });
  expect(propose.status).toBe(303);
  const round = t.db.select().from(matchRounds).all().at(-1)!;
  expect(propose.headers.get('Location')).toBe(`/admin/e/${slug}/rounds/${round.id}`);
  return { round, propose };
}

/** Rosa and Marcus registered from home and planned together by a published pre-event round, a week before. */
async function plannedFromHome() {
  const t = createTestApp({ now: weekBefore });
  const { cookie, organizer } = signedInOrganizer(t);
  const { event, rosa, marcus } = registeredFromHome(t);
  const { round } = await runPreEventRound(t, event.slug, cookie);
  await postForm(t.app, `/admin/e/${event.slug}/rounds/${round.id}/publish`, {}, { cookie });
  return { t, cookie, organizer, event, rosa, marcus, round };
}

const plannedPairs = (t: TestApp, eventId: number) =>
  t.db.select().from(pairs).where(and(eq(pairs.eventId, eventId), eq(pairs.status, 'planned'))).all();

describe('POST /admin/e/:slug/rounds/pre-event → review → publish', () => {
  it('plans the pair, queues both introductions, and both personal pages show the buddy-to-be', async () => {
    const t = createTestApp({ now: weekBefore });
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = registeredFromHome(t);
    const dashboard = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(dashboard).toContain(`action="/admin/e/${event.slug}/rounds/pre-event"`);
    expect(dashboard).toContain(`href="/admin/e/${event.slug}/planned"`);

    const { round } = await runPreEventRound(t, event.slug, cookie);
    expect(round).toMatchObject({ kind: 'pre-event', status: 'proposed' });
    const review = await (await get(t.app, `/admin/e/${event.slug}/rounds/${round.id}`, { cookie })).text();
    expect(review).toContain('Pre-event round of');
    expect(review).toContain('Rosa Diaz');
    expect(review).toContain('Marcus Webb');
    expect(review).toContain('Plan 1 pair and send introductions');

    const changes = recordChanges(t, event);
    const publish = await postForm(t.app, `/admin/e/${event.slug}/rounds/${round.id}/publish`, {}, { cookie });
    expect(publish.headers.get('Location')).toBe(`/admin/e/${event.slug}/planned`);
    const page = await followToDashboard(t, publish, cookie);
    expect(page).toContain('Planned 1 pair; 2 introduction e-mails in the outbox.');
    expect(page).toMatch(/<td>Rosa Diaz <span class="hint">not here yet<\/span><\/td>/);
    expect(changes.at(-1)).toMatchObject({ board: false });
    expect(changes.at(-1)!.participantIds.sort()).toEqual([rosa.id, marcus.id].sort());

    const [pair] = plannedPairs(t, event.id);
    expect(pair).toMatchObject({ firstTimerId: rosa.id, volunteerId: marcus.id, spotId: null, meetAt: null });
    const mail = t.db.select().from(mailOutbox).where(eq(mailOutbox.kind, introductionKind)).all();
    expect(mail.map((m) => m.toAddress).sort()).toEqual(['marcus@example.org', 'rosa@example.org']);
    expect(mail.find((m) => m.toAddress === 'rosa@example.org')!.textBody).toContain('marcus@example.org');

    const rosaPage = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}`)).text();
    expect(rosaPage).toContain('Your buddy-to-be: Marcus W.');
    expect(rosaPage).toContain('(he/him)');
    expect(rosaPage).toContain('Teen services, twelfth conference.');
    expect(rosaPage).toContain('Youth services');
    expect(rosaPage).toContain('marcus@example.org');
    expect(rosaPage).not.toContain('Webb');
    expect(rosaPage).toContain(`action="/e/${event.slug}/me/${rosa.token}/pairs/${pair!.id}/different"`);
    const marcusStatus = await (await get(t.app, `/e/${event.slug}/me/${marcus.token}/status`)).text();
    expect(marcusStatus).toContain('Your first-timer-to-be: Rosa D.');
    expect(marcusStatus).toContain('Once you have both checked in at the desk');
  });

  it('comes back to the planned pairs page and makes no round when nobody is waiting', async () => {
    const t = createTestApp({ now: weekBefore });
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    makeParticipant(t.db, event, { name: 'Paula Present', present: true });
    const res = await postForm(t.app, `/admin/e/${event.slug}/rounds/pre-event`, {}, { cookie });
    const page = await followToDashboard(t, res, cookie);
    expect(page).toContain('Nobody is waiting for a planned buddy');
    expect(t.db.select().from(matchRounds).all()).toEqual([]);
  });

  it('refuses, saying why, once the hold time has passed', async () => {
    const t = createTestApp({ now: new Date('2026-10-14T15:00:00Z') });
    const { cookie } = signedInOrganizer(t);
    const { event } = registeredFromHome(t);
    const res = await postForm(t.app, `/admin/e/${event.slug}/rounds/pre-event`, {}, { cookie });
    expect(await followToDashboard(t, res, cookie)).toContain('Planned pairs hold until 11:00 on 2026-10-14, and that has passed: nothing was planned.');
    expect(t.db.select().from(matchRounds).all()).toEqual([]);
  });

  it('sends a visitor to the login and runs no round', async () => {
    const t = createTestApp({ now: weekBefore });
    const { event } = registeredFromHome(t);
    const res = await postForm(t.app, `/admin/e/${event.slug}/rounds/pre-event`, {});
    expect(res.headers.get('Location')).toBe('/admin/login');
    expect(t.db.select().from(matchRounds).all()).toEqual([]);
  });
});

describe('the day: checking in at the desk', () => {
  /** Types a desk code on the enrolled desk kiosk. */
  async function deskCheckIn(t: TestApp, slug: string, code: string, kiosk: string) {
    return postForm(t.app, `/e/${slug}/desk/check-in`, { code }, { cookie: kiosk });
  }

  it('turns the planned pair live with a spot and time when the second one checks in, and tells both phones and the board', async () => {
    const { t, cookie, event, rosa, marcus } = await plannedFromHome();
    t.clock.set(new Date('2026-10-14T13:30:00Z'));
    const kiosk = (await enrolKioskCookie(t, event.slug)).cookie;
    const changes = recordChanges(t, event);

    expect((await deskCheckIn(t, event.slug, rosa.deskCode, kiosk)).status).toBe(200);
    // Marcus's page now says Rosa is here; no meetup yet, so the board stays as it is
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ eventId: event.id, board: false });
    expect(changes[0]!.participantIds.sort()).toEqual([rosa.id, marcus.id].sort());
    const waiting = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}/status`)).text();
    expect(waiting).toContain('Marcus W. hasn&#39;t checked in yet');
    expect(await (await get(t.app, `/e/${event.slug}/me/${marcus.token}/status`)).text()).toContain('Rosa D. is already here');

    const res = await deskCheckIn(t, event.slug, marcus.deskCode, kiosk);
    expect(res.status).toBe(200);
    expect(changes).toHaveLength(2);
    expect(changes[1]).toMatchObject({ eventId: event.id, board: true });
    expect(changes[1]!.participantIds.sort()).toEqual([rosa.id, marcus.id].sort());
    expect(reloadParticipant(t.db, marcus.id)?.status).toBe('matched');
    const live = t.db.select().from(pairs).where(eq(pairs.eventId, event.id)).get()!;
    expect(live).toMatchObject({ status: 'published' });
    expect(live.spotId).not.toBeNull();
    const status = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}/status`)).text();
    expect(status).toContain('Your buddy: Marcus W.');
    expect(status).toContain('Spot A');
    expect(status).toContain('9:45 AM');
    expect(status).not.toContain('buddy-to-be');
    const board = await (await get(t.app, `/e/${event.slug}/board`)).text();
    expect(board).toContain('Rosa D.');
    expect(board).toContain('Marcus W.');
  });
});

describe("the day: an organizer's check-in from the dashboard", () => {
  it('turns the planned pair live too, and tells both phones and the board', async () => {
    const { t, cookie, event, rosa, marcus } = await plannedFromHome();
    t.clock.set(new Date('2026-10-14T13:30:00Z'));
    // a week later: the organizer signs in again on the day
    const onTheDay = signedInOrganizer(t, 'desk@example.org').cookie;
    const changes = recordChanges(t, event);
    const first = await postForm(t.app, `/admin/e/${event.slug}/participants/${rosa.id}/check-in`, {}, { cookie: onTheDay });
    expect(first.headers.get('Location')).toBe(`/admin/e/${event.slug}`);
    expect(plannedPairs(t, event.id)).toHaveLength(1);
    expect(changes.at(-1)).toMatchObject({ board: false });
    await postForm(t.app, `/admin/e/${event.slug}/participants/${marcus.id}/check-in`, {}, { cookie: onTheDay });
    expect(plannedPairs(t, event.id)).toEqual([]);
    expect(t.db.select().from(pairs).where(eq(pairs.eventId, event.id)).get()).toMatchObject({ status: 'published', firstTimerId: rosa.id });
    expect(changes.at(-1)).toMatchObject({ board: true });
    expect(changes.at(-1)!.participantIds.sort()).toEqual([rosa.id, marcus.id].sort());
  });
});

describe('/admin/e/:slug/planned', () => {
  it('saves the hold time, and re-renders with 422 and saves nothing for a time that is not one', async () => {
    const t = createTestApp({ now: weekBefore });
    const { cookie, organizer } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const page = await (await get(t.app, `/admin/e/${event.slug}/planned`, { cookie })).text();
    expect(page).toContain('value="11:00"');
    const bad = await postForm(t.app, `/admin/e/${event.slug}/planned/hold`, { plannedHoldUntil: '25:99' }, { cookie });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Enter a time such as 10:30');
    expect(html).toContain('value="25:99"');
    const settings = () => t.db.select().from(events).where(eq(events.id, event.id)).get()!.settings;
    expect(settings().plannedHoldUntil).toBe('11:00');

    const ok = await postForm(t.app, `/admin/e/${event.slug}/planned/hold`, { plannedHoldUntil: '9:30' }, { cookie });
    expect(await followToDashboard(t, ok, cookie)).toContain('Planned pairs hold until 09:30 on 2026-10-14.');
    expect(settings().plannedHoldUntil).toBe('09:30');
    const off = await postForm(t.app, `/admin/e/${event.slug}/planned/hold`, { plannedHoldUntil: '' }, { cookie });
    expect(off.status).toBe(303);
    expect(settings().plannedHoldUntil).toBeNull();
    expect(auditOf(t.db, event.id).map((a) => [a.action, a.organizerId])).toEqual([
      ['planned-hold-updated', organizer.id],
      ['planned-hold-updated', organizer.id],
    ]);
  });

  it('lets an organizer end a planned pair: both pages lose it, the audit log says who', async () => {
    const { t, cookie, organizer, event, rosa, marcus } = await plannedFromHome();
    const [pair] = plannedPairs(t, event.id);
    const changes = recordChanges(t, event);

    const res = await postForm(t.app, `/admin/e/${event.slug}/planned/${pair!.id}/end`, {}, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="planned-pairs"');
    expect(html).toContain('Ended the planned pair of Rosa Diaz and Marcus Webb.');
    expect(plannedPairs(t, event.id)).toEqual([]);
    expect(changes.at(-1)!.participantIds.sort()).toEqual([rosa.id, marcus.id].sort());
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'end-planned-pair', organizerId: organizer.id });
    expect(await (await get(t.app, `/e/${event.slug}/me/${rosa.token}`)).text()).not.toContain('buddy-to-be');

    const again = await postForm(t.app, `/admin/e/${event.slug}/planned/${pair!.id}/end`, {}, { cookie });
    expect(await followToDashboard(t, again, cookie)).toContain('That pair is no longer planned');
    expect((await postForm(t.app, `/admin/e/${event.slug}/planned/999999/end`, {}, { cookie })).status).toBe(404);
    expect((await postForm(t.app, `/admin/e/${event.slug}/planned/abc/end`, {}, { cookie })).status).toBe(404);
  });
});

describe('POST /e/:slug/me/:token/pairs/:pairId/different on a planned pair', () => {
  it('ends it for either of the two; the other page reads only that the plan is off', async () => {
    const { t, cookie, event, rosa, marcus } = await plannedFromHome();
    const [pair] = plannedPairs(t, event.id);
    const res = await postForm(t.app, `/e/${event.slug}/me/${marcus.token}/pairs/${pair!.id}/different`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/e/${event.slug}/me/${marcus.token}?notice=plan-ended`);
    expect(plannedPairs(t, event.id)).toEqual([]);
    // the one who asked reads that the plan ended, not that it was "passed on"
    const marcusPage = await (await get(t.app, res.headers.get('Location')!)).text();
    expect(marcusPage).toContain('That plan has ended: you two won&#39;t be paired together.');
    expect(marcusPage).not.toContain('we passed it on quietly');
    // the other page drops the buddy-to-be and, as after any ended meetup, says only that it is off
    const other = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}/status`)).text();
    expect(other).not.toContain(`planned-${pair!.id}`);
    expect(other).toContain('Your plan to meet Marcus W. is off.');
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'end-planned-pair', organizerId: null });
  });
});
