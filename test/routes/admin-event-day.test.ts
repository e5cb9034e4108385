import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, matchRounds, pairs, participants } from '../../db/schema.ts';
import type { Event } from '../../src/domain/events.ts';
import { signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import type { LiveChange } from '../../src/live.ts';
import { makeEvent, makeParticipant, reloadParticipant } from '../helpers/factories.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

const spots = [
  { name: 'Spot A', directions: 'Blue banner left of Hall C', pairsAtOnce: 4 },
  { name: 'Spot B', directions: 'By the coffee cart', pairsAtOnce: 4 },
];

function signedIn(t: TestApp) {
  const email = 'ana@example.org';
  const password = 'a long password';
  const organizer = upsertOrganizer(t.db, { email, password, name: 'Ana Organizer' }, t.clock.now());
  const session = signIn(t.db, email, password, t.clock.now());
  if (!session.ok) throw new Error('sign-in refused');
  return { organizer, cookie: `bd_session=${session.sessionId}` };
}

/** Every change the routes announce, for asserting that live pages are told. */
function recordChanges(t: TestApp, event: Event): LiveChange[] {
  const seen: LiveChange[] = [];
  t.app.live.subscribe(event.id, (change) => seen.push(change));
  return seen;
}

/** An event with a present first-timer and a present volunteer who share an interest. */
function rosaAndMarcus(t: TestApp) {
  const { event, catalog } = makeEvent(t.db, { spots });
  const youth = catalog.interests.find((i) => i.label === 'Youth services')!;
  const rosa = makeParticipant(t.db, event, { name: 'Rosa Diaz', interests: [youth.id], present: true });
  const marcus = makeParticipant(t.db, event, { role: 'volunteer', name: 'Marcus Webb', interests: [youth.id], capacity: 1, present: true });
  return { event, catalog, rosa, marcus };
}

const livePairsOf = (t: TestApp, eventId: number) =>
  t.db
    .select()
    .from(pairs)
    .where(and(eq(pairs.eventId, eventId), inArray(pairs.status, ['published', 'met'])))
    .all();
const auditOf = (t: TestApp, eventId: number) => t.db.select().from(auditLog).where(eq(auditLog.eventId, eventId)).all();
const allPairs = (t: TestApp) => t.db.select().from(pairs).all();

/** The dashboard as the browser sees it after a redirect: the notice cookie goes along. */
async function followToDashboard(t: TestApp, res: Response, cookie: string) {
  expect(res.status).toBe(303);
  const location = res.headers.get('Location')!;
  const page = await get(t.app, location, { cookie: `${cookie}; ${cookiesFrom(res)}` });
  expect(page.status).toBe(200);
  return page.text();
}

async function pinByHand(t: TestApp, event: Event, cookie: string, firstTimerId: number, volunteerId: number) {
  const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(firstTimerId), volunteerId: String(volunteerId) }, { cookie });
  expect(res.status).toBe(303);
  const pair = livePairsOf(t, event.id).find((p) => p.firstTimerId === firstTimerId);
  if (!pair) throw new Error('pin made no pair');
  return pair;
}

describe('event-day pages when signed out', () => {
  it('sends a visitor to the login and runs no round', async () => {
    const t = createTestApp();
    const { event } = rosaAndMarcus(t);
    const page = await get(t.app, `/admin/e/${event.slug}/pairs`);
    expect(page.status).toBe(303);
    expect(page.headers.get('Location')).toContain('/admin/login?next=');
    const post = await postForm(t.app, `/admin/e/${event.slug}/rounds`, {});
    expect(post.status).toBe(303);
    expect(post.headers.get('Location')).toBe('/admin/login');
    expect(t.db.select().from(matchRounds).all()).toHaveLength(0);
  });
});

describe('GET /admin/e/:slug (event day)', () => {
  it('wires the counts, rounds, pairs and audit fragments to the event stream with a 15 s fallback', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = rosaAndMarcus(t);
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(html).toContain(`hx-ext="sse" sse-connect="/admin/e/${event.slug}/stream"`);
    for (const [id, path] of [
      ['live-counts', 'counts'],
      ['round-list', 'rounds'],
      ['live-pairs', 'pairs'],
      ['audit-log', 'audit'],
    ]) {
      expect(html).toMatch(
        new RegExp(`id="${id}"[^>]*hx-get="/admin/e/${event.slug}/${path}" hx-trigger="sse:changed, every 15s" hx-target="this" hx-swap="outerHTML settle:0ms"`),
      );
    }
    expect(html).toContain(`action="/admin/e/${event.slug}/rounds"`);
    expect(html).toContain('<label for="pin-firstTimerId">First-timer</label>');
    expect(html).toContain('<label for="pin-volunteerId">Volunteer</label>');
  });
});

describe('Match now → review → publish', () => {
  it('proposes a round, shows the pairs with their reasons, publishes it, and the pairs go live', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const lonely = makeParticipant(t.db, event, { name: 'Lena Park', present: true });
    const changes = recordChanges(t, event);

    const propose = await postForm(t.app, `/admin/e/${event.slug}/rounds`, {}, { cookie });
    expect(propose.status).toBe(303);
    const round = t.db.select().from(matchRounds).where(eq(matchRounds.eventId, event.id)).get()!;
    expect(round).toMatchObject({ status: 'proposed', trigger: 'organizer', organizerId: organizer.id });
    expect(propose.headers.get('Location')).toBe(`/admin/e/${event.slug}/rounds/${round.id}`);
    expect(livePairsOf(t, event.id)).toHaveLength(0);

    const review = await get(t.app, `/admin/e/${event.slug}/rounds/${round.id}`, { cookie });
    expect(review.status).toBe(200);
    const reviewHtml = await review.text();
    const proposed = round.proposal.pairs[0]!;
    expect(proposed).toMatchObject({ firstTimerId: rosa.id, volunteerId: marcus.id });
    expect(reviewHtml).toContain('Rosa Diaz');
    expect(reviewHtml).toContain('Marcus Webb');
    expect(reviewHtml).toContain(proposed.reasons[0]!);
    expect(reviewHtml).toContain('Youth services');
    // Marcus takes one first-timer, so Lena stays unmatched, with the reason
    expect(reviewHtml).toMatch(/<li><strong>Lena Park<\/strong>: [^<]+<\/li>/);
    expect(reviewHtml).toContain(`action="/admin/e/${event.slug}/rounds/${round.id}/publish"`);
    expect(reviewHtml).toContain(`action="/admin/e/${event.slug}/rounds/${round.id}/discard"`);
    expect(reviewHtml).toContain('Started by Ana Organizer');

    const publish = await postForm(t.app, `/admin/e/${event.slug}/rounds/${round.id}/publish`, {}, { cookie });
    expect(publish.headers.get('Location')).toBe(`/admin/e/${event.slug}`);
    const live = livePairsOf(t, event.id);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ firstTimerId: rosa.id, volunteerId: marcus.id, status: 'published', roundId: round.id });
    expect(live[0]!.spotId).not.toBeNull();
    expect(live[0]!.meetAt).not.toBeNull();
    expect(reloadParticipant(t.db, lonely.id)?.status).toBe('present');
    expect(t.db.select().from(matchRounds).where(eq(matchRounds.id, round.id)).get()?.status).toBe('published');
    expect(changes.at(-1)).toMatchObject({ eventId: event.id, board: true });
    expect(changes.at(-1)!.participantIds.sort()).toEqual([rosa.id, marcus.id].sort());

    const dashboard = await followToDashboard(t, publish, cookie);
    expect(dashboard).toContain('Published 1 pair.');
    const pairsSection = dashboard.slice(dashboard.indexOf('id="live-pairs"'), dashboard.indexOf('id="pair-by-hand"'));
    expect(pairsSection).toContain(`id="pair-${live[0]!.id}"`);
    expect(pairsSection).toContain('Rosa Diaz');
    expect(pairsSection).toContain('Marcus Webb');
    expect(pairsSection).toMatch(/Spot [AB]/);
    const roundsSection = dashboard.slice(dashboard.indexOf('id="round-list"'), dashboard.indexOf('id="live-pairs"'));
    expect(roundsSection).toContain('Ana Organizer');
    expect(roundsSection).toContain('Published');
    expect(roundsSection).toContain('1 pair');
    const auditSection = dashboard.slice(dashboard.indexOf('id="audit-log"'));
    expect(auditSection).toContain('Published a round');
    expect(auditSection).toContain('Proposed a round');
    expect(auditOf(t, event.id).map((r) => [r.action, r.organizerId])).toEqual([
      ['propose-round', organizer.id],
      ['publish-round', organizer.id],
    ]);

    // a second publish of the same round changes nothing
    const again = await postForm(t.app, `/admin/e/${event.slug}/rounds/${round.id}/publish`, {}, { cookie });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already published or discarded');
    expect(livePairsOf(t, event.id)).toHaveLength(1);
  });

  it('comes back to the dashboard with a notice and makes no round when nobody is waiting', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db, { spots });
    makeParticipant(t.db, event, { role: 'volunteer', present: true });
    const res = await postForm(t.app, `/admin/e/${event.slug}/rounds`, {}, { cookie });
    expect(res.headers.get('Location')).toBe(`/admin/e/${event.slug}`);
    const html = await followToDashboard(t, res, cookie);
    expect(html).toContain('Nobody is waiting for a buddy right now');
    expect(t.db.select().from(matchRounds).all()).toHaveLength(0);
  });

  it('discards a proposed round without making pairs', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = rosaAndMarcus(t);
    await postForm(t.app, `/admin/e/${event.slug}/rounds`, {}, { cookie });
    const round = t.db.select().from(matchRounds).get()!;
    const res = await postForm(t.app, `/admin/e/${event.slug}/rounds/${round.id}/discard`, {}, { cookie });
    const html = await followToDashboard(t, res, cookie);
    expect(html).toContain('Discarded the round');
    expect(t.db.select().from(matchRounds).get()?.status).toBe('discarded');
    expect(allPairs(t)).toHaveLength(0);
  });

  it('answers 404 for a round of another event and publishes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = rosaAndMarcus(t);
    const other = rosaAndMarcus(t).event;
    await postForm(t.app, `/admin/e/${other.slug}/rounds`, {}, { cookie });
    const foreign = t.db.select().from(matchRounds).where(eq(matchRounds.eventId, other.id)).get()!;
    expect((await get(t.app, `/admin/e/${event.slug}/rounds/${foreign.id}`, { cookie })).status).toBe(404);
    expect((await get(t.app, `/admin/e/${event.slug}/rounds/abc`, { cookie })).status).toBe(404);
    expect((await postForm(t.app, `/admin/e/${event.slug}/rounds/${foreign.id}/publish`, {}, { cookie })).status).toBe(404);
    expect((await postForm(t.app, `/admin/e/${event.slug}/rounds/${foreign.id}/discard`, {}, { cookie })).status).toBe(404);
    expect(t.db.select().from(matchRounds).where(eq(matchRounds.id, foreign.id)).get()?.status).toBe('proposed');
    expect(allPairs(t)).toHaveLength(0);
  });
});

describe('POST /admin/e/:slug/pairs (pair by hand)', () => {
  it('pins a pair, announces it, and says where and when they meet', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const changes = recordChanges(t, event);
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    const html = await followToDashboard(t, res, cookie);
    expect(html).toMatch(/Rosa Diaz and Marcus Webb are paired at Spot [AB], \d{1,2}:\d\d [AP]M\./);
    expect(livePairsOf(t, event.id)).toMatchObject([{ firstTimerId: rosa.id, volunteerId: marcus.id, pinned: true }]);
    expect(changes).toHaveLength(1);
    expect(auditOf(t, event.id)).toMatchObject([{ action: 'pin', organizerId: organizer.id }]);
  });

  it('refuses a volunteer with no room left with 409, keeps the choices, and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const lena = makeParticipant(t.db, event, { name: 'Lena Park', present: true });
    await pinByHand(t, event, cookie, rosa.id, marcus.id);
    const before = { pairs: allPairs(t), audit: auditOf(t, event.id) };
    const changes = recordChanges(t, event);

    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(lena.id), volunteerId: String(marcus.id) }, { cookie });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('That volunteer has no room left');
    expect(html).toMatch(new RegExp(`<option value="${lena.id}" selected="">Lena Park</option>`));

    // with htmx the form itself is swapped back, not the pairs list
    const htmx = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(lena.id), volunteerId: String(marcus.id) }, { cookie, htmx: true });
    expect(htmx.status).toBe(409);
    expect(htmx.headers.get('HX-Retarget')).toBe('#pair-by-hand');
    expect(await htmx.text()).toMatch(/^<div id="pair-by-hand">/);

    const again = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already has a buddy');

    expect(allPairs(t)).toEqual(before.pairs);
    expect(auditOf(t, event.id)).toEqual(before.audit);
    expect(changes).toHaveLength(0);
  });

  it('replaces the notices already on the dashboard when htmx brings a new one', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event, catalog, rosa, marcus } = rosaAndMarcus(t);
    const lena = makeParticipant(t.db, event, { name: 'Lena Park', present: true });
    const pair = await pinByHand(t, event, cookie, rosa.id, marcus.id);
    const otherSpot = catalog.spots.find((s) => s.id !== pair.spotId)!;
    const emptied = (html: string, id: string) => html.includes(`<div id="${id}" hx-swap-oob="true"></div>`);

    // a refused pin: its error sits by the form, the success by the pairs and at the top go
    const refused = await (
      await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(lena.id), volunteerId: String(marcus.id) }, { cookie, htmx: true })
    ).text();
    expect(refused).toContain('<div class="banner error" role="alert" id="pair-by-hand-message">That volunteer has no room left');
    expect(emptied(refused, 'pairs-message')).toBe(true);
    expect(emptied(refused, 'dashboard-message')).toBe(true);
    expect(emptied(refused, 'pair-by-hand-message')).toBe(false);

    // a pair action that works: its notice by the pairs; the form's old error and the top go
    const moved = await (
      await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/move`, { spotId: String(otherSpot.id) }, { cookie, htmx: true })
    ).text();
    expect(moved).toContain(`<div class="banner ok" role="status" id="pairs-message">Rosa Diaz and Marcus Webb now meet at ${otherSpot.name}`);
    expect(moved).toMatch(/<div id="pair-by-hand" hx-swap-oob="true"><div id="pair-by-hand-message"><\/div>/);
    expect(emptied(moved, 'dashboard-message')).toBe(true);

    // a refused pair action: its error by the pairs; the form's message and the top go
    await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/unpair`, {}, { cookie });
    const again = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/unpair`, {}, { cookie, htmx: true });
    expect(again.status).toBe(409);
    const againHtml = await again.text();
    expect(againHtml).toContain('id="pairs-message">That pair has already ended');
    expect(emptied(againHtml, 'pair-by-hand-message')).toBe(true);
    expect(emptied(againHtml, 'dashboard-message')).toBe(true);
  });

  it('re-renders with 422 when nobody was chosen', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = rosaAndMarcus(t);
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: '', volunteerId: 'x' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Choose a first-timer.');
    expect(html).toContain('aria-describedby="pin-volunteerId-error"');
    expect(allPairs(t)).toHaveLength(0);
  });
});

describe('POST /admin/e/:slug/pairs/:id/no-show', () => {
  it('rematches the first-timer with the second volunteer when the first did not come', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = await pinByHand(t, event, cookie, rosa.id, marcus.id);
    const nadia = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Okafor', present: true });
    const changes = recordChanges(t, event);

    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'volunteer' }, { cookie });
    const html = await followToDashboard(t, res, cookie);
    expect(html).toMatch(/Marcus Webb is marked as not here\. Rosa Diaz was rematched with Nadia Okafor at Spot [AB], \d{1,2}:\d\d [AP]M\./);

    expect(livePairsOf(t, event.id)).toMatchObject([{ firstTimerId: rosa.id, volunteerId: nadia.id, status: 'published' }]);
    expect(t.db.select().from(pairs).where(eq(pairs.id, pair.id)).get()).toMatchObject({ status: 'no_show', noShowParticipantId: marcus.id });
    expect(reloadParticipant(t.db, marcus.id)?.status).toBe('absent');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.participantIds).toEqual(expect.arrayContaining([rosa.id, marcus.id, nadia.id]));
    expect(auditOf(t, event.id).at(-1)).toMatchObject({ action: 'no-show', organizerId: organizer.id });
  });

  it('returns the live-pairs fragment with the notice to htmx, and says when no volunteer is free', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = await pinByHand(t, event, cookie, rosa.id, marcus.id);
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'volunteer' }, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="live-pairs"/);
    expect(html).toContain('No volunteer is free; Rosa Diaz goes first in the next round.');
    // Rosa now waits, with a button to rematch her by hand
    expect(html).toContain(`action="/admin/e/${event.slug}/first-timers/${rosa.id}/rematch"`);
    expect(html).toContain('hx-swap-oob="true"');
    expect(livePairsOf(t, event.id)).toHaveLength(0);
  });

  it('gives the volunteer the place back when the first-timer did not come', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = await pinByHand(t, event, cookie, rosa.id, marcus.id);
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'first_timer' }, { cookie });
    const html = await followToDashboard(t, res, cookie);
    expect(html).toContain('Rosa Diaz is marked as not here; Marcus Webb has the place free again.');
    expect(reloadParticipant(t.db, rosa.id)?.status).toBe('absent');
    expect(livePairsOf(t, event.id)).toHaveLength(0);
  });

  it('refuses a pair that already ended with 409 and an unreadable form with 422, changing nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = await pinByHand(t, event, cookie, rosa.id, marcus.id);
    const bad = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'organizer' }, { cookie });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Say who did not come.');
    await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/unpair`, {}, { cookie });
    const before = { pairs: allPairs(t), audit: auditOf(t, event.id) };
    const ended = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'volunteer' }, { cookie, htmx: true });
    expect(ended.status).toBe(409);
    expect(await ended.text()).toContain('That pair has already ended');
    expect(allPairs(t)).toEqual(before.pairs);
    expect(auditOf(t, event.id)).toEqual(before.audit);
    expect(reloadParticipant(t.db, marcus.id)?.status).not.toBe('absent');
  });
});

describe('the other pair actions', () => {
  it('unpairs, moves, forbids and rematches, each announcing the change', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event, catalog, rosa, marcus } = rosaAndMarcus(t);
    const spotB = catalog.spots.find((s) => s.name === 'Spot B')!;
    const nadia = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Okafor', present: true });
    const changes = recordChanges(t, event);

    const pair = await pinByHand(t, event, cookie, rosa.id, marcus.id);
    const move = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/move`, { spotId: String(spotB.id) }, { cookie });
    expect(await followToDashboard(t, move, cookie)).toMatch(/Rosa Diaz and Marcus Webb now meet at Spot B/);
    expect(livePairsOf(t, event.id)[0]?.spotId).toBe(spotB.id);

    const forbid = await postForm(
      t.app,
      `/admin/e/${event.slug}/forbidden-pairs`,
      { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) },
      { cookie },
    );
    expect(await followToDashboard(t, forbid, cookie)).toContain('Rosa Diaz and Marcus Webb will not be paired again. Rosa Diaz was rematched with Nadia Okafor');
    expect(livePairsOf(t, event.id)).toMatchObject([{ firstTimerId: rosa.id, volunteerId: nadia.id }]);

    const unpaired = await postForm(t.app, `/admin/e/${event.slug}/pairs/${livePairsOf(t, event.id)[0]!.id}/unpair`, {}, { cookie });
    expect(await followToDashboard(t, unpaired, cookie)).toContain('Rosa Diaz and Nadia Okafor are no longer paired.');
    expect(livePairsOf(t, event.id)).toHaveLength(0);

    const rematch = await postForm(t.app, `/admin/e/${event.slug}/first-timers/${rosa.id}/rematch`, {}, { cookie });
    // Marcus is forbidden, so Nadia is the one volunteer free for Rosa
    expect(await followToDashboard(t, rematch, cookie)).toMatch(/Rosa Diaz was rematched with Nadia Okafor at Spot [AB], /);
    expect(livePairsOf(t, event.id)).toMatchObject([{ firstTimerId: rosa.id, volunteerId: nadia.id }]);
    expect(changes).toHaveLength(5);
    expect(changes.every((c) => c.eventId === event.id)).toBe(true);
  });

  it('refuses a forbidden pair made by hand with 409', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    await postForm(t.app, `/admin/e/${event.slug}/forbidden-pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('an organizer forbade it');
    expect(allPairs(t)).toHaveLength(0);
  });
});

describe('forged ids and forged origins', () => {
  it('answers 404 for pairs, people and spots of another event, and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const mine = rosaAndMarcus(t);
    const theirs = rosaAndMarcus(t);
    const theirPair = await pinByHand(t, theirs.event, cookie, theirs.rosa.id, theirs.marcus.id);
    const myPair = await pinByHand(t, mine.event, cookie, mine.rosa.id, mine.marcus.id);
    const theirSpot = theirs.catalog.spots[1]!;
    const before = { pairs: allPairs(t), audit: t.db.select().from(auditLog).all(), people: t.db.select().from(participants).all() };
    const slug = mine.event.slug;

    const attempts: [string, Record<string, string>][] = [
      [`/admin/e/${slug}/pairs/${theirPair.id}/no-show`, { absentee: 'volunteer' }],
      [`/admin/e/${slug}/pairs/${theirPair.id}/unpair`, {}],
      [`/admin/e/${slug}/pairs/${theirPair.id}/move`, { spotId: String(mine.catalog.spots[0]!.id) }],
      [`/admin/e/${slug}/pairs/${myPair.id}/move`, { spotId: String(theirSpot.id) }],
      [`/admin/e/${slug}/pairs/abc/unpair`, {}],
      [`/admin/e/${slug}/forbidden-pairs`, { firstTimerId: String(theirs.rosa.id), volunteerId: String(mine.marcus.id) }],
      [`/admin/e/${slug}/first-timers/${theirs.rosa.id}/rematch`, {}],
      [`/admin/e/${slug}/pairs`, { firstTimerId: String(theirs.rosa.id), volunteerId: String(mine.marcus.id) }],
    ];
    for (const [path, fields] of attempts) {
      const res = await postForm(t.app, path, fields, { cookie });
      expect(res.status, path).toBe(404);
      const htmx = await postForm(t.app, path, fields, { cookie, htmx: true });
      expect(htmx.status, `${path} (htmx)`).toBe(404);
    }
    expect(allPairs(t)).toEqual(before.pairs);
    expect(t.db.select().from(auditLog).all()).toEqual(before.audit);
    expect(t.db.select().from(participants).all()).toEqual(before.people);
  });

  it('refuses POSTs without an Origin header with 403 and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = await pinByHand(t, event, cookie, rosa.id, marcus.id);
    const noOrigin = (path: string, fields: Record<string, string>) =>
      t.app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await noOrigin(`/admin/e/${event.slug}/rounds`, {})).status).toBe(403);
    expect((await noOrigin(`/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'volunteer' })).status).toBe(403);
    expect((await noOrigin(`/admin/e/${event.slug}/pairs/${pair.id}/unpair`, {})).status).toBe(403);
    expect(t.db.select().from(matchRounds).all()).toHaveLength(0);
    expect(livePairsOf(t, event.id)).toMatchObject([{ id: pair.id, status: 'published' }]);
  });
});

describe('GET /admin/e/:slug/pairs', () => {
  it('puts "my buddy isn\'t here" first, flags overdue pairs and shows a request for a different buddy', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const lena = makeParticipant(t.db, event, { name: 'Lena Park', present: true });
    const nadia = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Okafor', present: true });
    const first = await pinByHand(t, event, cookie, rosa.id, marcus.id);
    const second = await pinByHand(t, event, cookie, lena.id, nadia.id);
    // well past the meet time and the grace period; Lena says her buddy isn't here and asked for another
    t.clock.set(new Date(first.meetAt!.getTime() + 25 * 60_000));
    t.db.update(pairs).set({ buddyMissingAt: t.clock.now(), differentBuddyAt: t.clock.now() }).where(eq(pairs.id, second.id)).run();

    const res = await get(t.app, `/admin/e/${event.slug}/pairs`, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="live-pairs"/);
    expect(html.indexOf(`id="pair-${second.id}"`)).toBeLessThan(html.indexOf(`id="pair-${first.id}"`));
    expect(html).toContain(`<tr id="pair-${second.id}" class="pair-alert">`);
    expect(html).toContain('Buddy isn&#39;t here');
    expect(html).toContain('Asked for a different buddy');
    expect(html).toMatch(/waiting \d+ min/);
    // every button names its row for screen readers
    expect(html).toContain('Volunteer didn&#39;t come<span class="visually-hidden"> (Marcus Webb)</span>');
    expect(html).toContain(`<label for="move-${first.id}" class="visually-hidden">`);
    expect(html).toContain(`action="/admin/e/${event.slug}/first-timers/${lena.id}/rematch"`);
  });

  it('lists what needs attention and the next to meet, and every pair on asking, also after an action', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db, { spots: [{ name: 'Spot A', directions: '', pairsAtOnce: 20 }] });
    const made = [];
    for (let i = 0; i < 9; i++) {
      const f = makeParticipant(t.db, event, { name: `First ${i}`, present: true });
      const v = makeParticipant(t.db, event, { role: 'volunteer', name: `Vol ${i}`, present: true });
      made.push(await pinByHand(t, event, cookie, f.id, v.id));
    }
    // two of them need the organizer: they are listed whatever their place
    t.db.update(pairs).set({ differentBuddyAt: t.clock.now() }).where(inArray(pairs.id, [made[7]!.id, made[8]!.id])).run();
    const rows = (html: string) => [...html.matchAll(/<tr id="pair-(\d+)"/g)].map((m) => Number(m[1]));

    const short = await (await get(t.app, `/admin/e/${event.slug}/pairs`, { cookie, htmx: true })).text();
    expect(rows(short)).toEqual([made[7]!.id, made[8]!.id, made[0]!.id, made[1]!.id, made[2]!.id]);
    expect(short).toContain('4 more pairs on track, meeting later.');
    expect(short).toContain(`href="/admin/e/${event.slug}?pairs=all#pairs-heading"`);

    const all = await (await get(t.app, `/admin/e/${event.slug}?pairs=all`, { cookie })).text();
    expect(rows(all)).toHaveLength(9);
    expect(all).toContain(`hx-get="/admin/e/${event.slug}/pairs?all=1"`);
    expect(rows(await (await get(t.app, `/admin/e/${event.slug}/pairs?all=1`, { cookie, htmx: true })).text())).toHaveLength(9);

    // an action taken on the long list answers with the long list (htmx says where it came from)
    const res = await t.app.request(`http://buddydesk.test/admin/e/${event.slug}/pairs/${made[3]!.id}/unpair`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://buddydesk.test',
        Cookie: cookie,
        'HX-Request': 'true',
        'HX-Current-URL': `http://buddydesk.test/admin/e/${event.slug}?pairs=all`,
      },
      body: '',
    });
    expect(res.status).toBe(200);
    expect(rows(await res.text())).toHaveLength(8);
  });
});

describe('GET /admin/e/:slug/stream', () => {
  it('is an event stream subscribed to this event that says "changed" on any change', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = rosaAndMarcus(t);
    const abort = new AbortController();
    const res = await t.app.request(`/admin/e/${event.slug}/stream`, { headers: { Cookie: cookie }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    await expect.poll(() => t.app.live.size()).toBe(1);
    t.app.live.publish({ eventId: event.id, participantIds: [], board: false });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toContain('event: changed');
    abort.abort();
    await reader.cancel().catch(() => {});
    await expect.poll(() => t.app.live.size()).toBe(0);
  });
});
describe('GET /admin/e/:slug/audit', () => {
  it('lists the latest organizer actions with who and when in the event’s timezone, automatic ones too', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    const other = makeEvent(t.db).event;
    const timing = { slotMinutes: '20', leadMinutes: '3', graceMinutes: '5', autoRoundMinutes: '', autoRematch: 'yes' };
    expect((await postForm(t.app, `/admin/e/${event.slug}/timing`, timing, { cookie })).status).toBe(303);
    t.db.insert(auditLog).values({ eventId: event.id, organizerId: null, action: 'publish-round', detail: 'published round #7: 2 pairs', at: new Date('2026-10-14T14:05:00Z') }).run();
    t.db.insert(auditLog).values({ eventId: other.id, organizerId: null, action: 'pin', detail: 'not this event', at: new Date('2026-10-14T14:06:00Z') }).run();

    const res = await get(t.app, `/admin/e/${event.slug}/audit`, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="audit-log"/);
    expect(html).toContain('hx-trigger="sse:changed, every 15s"');
    expect(html).not.toContain('not this event');
    const rows = [...html.matchAll(/<tr><td><time[^>]*>([^<]*)<\/time><\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toHaveLength(2);
    // newest first; 14:05 UTC is 10:05 in New York
    expect(rows[0]![0]).toBe('Oct 14, 10:05 AM');
    expect(rows[0]![1]).toBe('<em>automatic</em>');
    expect(rows[0]![2]).toContain('Published a round');
    expect(rows[1]![0]).toBe('Oct 14, 10:00 AM');
    expect(rows[1]![1]).toBe('Ana Organizer');
    expect(rows[1]![2]).toContain('Changed the timing');
  });

  it('shows at most the last 20 actions', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    for (let i = 0; i < 25; i++) {
      t.db.insert(auditLog).values({ eventId: event.id, action: 'move', detail: `move number ${i}.`, at: new Date(Date.UTC(2026, 9, 14, 13, i)) }).run();
    }
    const html = await (await get(t.app, `/admin/e/${event.slug}/audit`, { cookie })).text();
    expect(html.match(/move number \d+\./g)).toHaveLength(20);
    expect(html).toContain('move number 24.');
    expect(html).not.toContain('move number 4.');
  });
});
