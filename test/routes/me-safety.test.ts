import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, forbiddenPairs, pairs, participants as schemaParticipants, safetyReports } from '../../db/schema.ts';
import { defaultEventSettings } from '../../src/domain/events.ts';
import { proposeRound } from '../../src/domain/rounds.ts';
import { dbChecksum } from '../helpers/db-checksum.ts';
import { auditOf, makeParticipant, reloadParticipant } from '../helpers/factories.ts';
import { livePairsOf, pinnedPair, recordChanges, rosaAndMarcus } from '../helpers/pairs.ts';
import { signedInOrganizer } from '../helpers/organizer.ts';
import { createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

const note = 'He kept asking for my room number.';

/** Rosa (first-timer) paired with Marcus (volunteer); the event has a code of conduct and a contact. */
function pairedWithConduct(t: TestApp) {
  const { event, catalog, rosa, marcus } = rosaAndMarcus(t);
  const settings = defaultEventSettings({
    ...event.settings,
    safety: {
      codeOfConductUrl: 'https://example.org/conduct',
      contactText: 'Ask for Maria at the registration desk',
      contactEmail: 'safety@example.org',
      contactPhone: '+1 502 555 0199',
    },
  });
  t.db.update(events).set({ settings }).where(eq(events.id, event.id)).run();
  const pair = pinnedPair(t, { ...event, settings }, rosa.id, marcus.id);
  return { event: { ...event, settings }, catalog, rosa, marcus, pair };
}

const safetyPath = (slug: string, token: string, pairId: number | string) => `/e/${slug}/me/${token}/safety/${pairId}`;
const pairRow = (t: TestApp, id: number) => t.db.select().from(pairs).where(eq(pairs.id, id)).get()!;
const reportsOf = (t: TestApp, eventId: number) => t.db.select().from(safetyReports).where(eq(safetyReports.eventId, eventId)).all();

describe('GET /e/:slug/me/:token (the safety button)', () => {
  it('offers "I don\'t feel comfortable with this pairing" on each buddy card, with the code of conduct and contact', async () => {
    const t = createTestApp();
    const { event, rosa, marcus, pair } = pairedWithConduct(t);
    for (const person of [rosa, marcus]) {
      const html = await (await get(t.app, `/e/${event.slug}/me/${person.token}`)).text();
      expect(html).toContain(`href="${safetyPath(event.slug, person.token, pair.id)}"`);
      expect(html).toContain('I don&#39;t feel comfortable with this pairing');
      expect(html).toContain('href="https://example.org/conduct"');
      expect(html).toContain('Ask for Maria at the registration desk');
      expect(html).toContain('href="mailto:safety@example.org"');
      expect(html).toContain('href="tel:+15025550199"');
    }
  });

  it('offers no safety button to someone without a buddy', async () => {
    const t = createTestApp();
    const { event, rosa } = rosaAndMarcus(t);
    const html = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}`)).text();
    expect(html).not.toContain('/safety/');
  });
});

describe('GET /e/:slug/me/:token/safety/:pairId', () => {
  it('explains what ending the pairing does, with a note field and "find me another buddy now" for a first-timer', async () => {
    const t = createTestApp();
    const { event, rosa, pair } = pairedWithConduct(t);
    const res = await get(t.app, safetyPath(event.slug, rosa.token, pair.id));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Marcus W. only sees that the meetup is off');
    expect(html).toContain('name="note"');
    expect(html).toContain('maxlength="1000"');
    expect(html).toContain('Find me another buddy now');
    expect(html).toContain('End this pairing');
    expect(html).toContain('href="https://example.org/conduct"');
  });

  it("answers 404 for a pair that is not the person's own, or no pair at all", async () => {
    const t = createTestApp();
    const a = pairedWithConduct(t);
    const b = pairedWithConduct(t);
    expect((await get(t.app, safetyPath(a.event.slug, a.rosa.token, b.pair.id))).status).toBe(404);
    expect((await get(t.app, safetyPath(a.event.slug, a.rosa.token, 'abc'))).status).toBe(404);
  });
});

describe('POST /e/:slug/me/:token/safety/:pairId', () => {
  it('ends the pair at once, forbids it for good, stores the note for organizers and tells both phones and the board', async () => {
    const t = createTestApp();
    const { event, rosa, marcus, pair } = pairedWithConduct(t);
    const heard = recordChanges(t, event);
    const res = await postForm(t.app, safetyPath(event.slug, rosa.token, pair.id), { note });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/me/${rosa.token}?notice=safety`);

    const ended = pairRow(t, pair.id);
    expect(ended.status).toBe('cancelled');
    expect(ended.endedAt?.getTime()).toBe(t.clock.now().getTime());
    const forbidden = t.db.select().from(forbiddenPairs).where(and(eq(forbiddenPairs.firstTimerId, rosa.id), eq(forbiddenPairs.volunteerId, marcus.id))).all();
    expect(forbidden).toHaveLength(1);
    const [report] = reportsOf(t, event.id);
    expect(report).toMatchObject({ pairId: pair.id, reporterId: rosa.id, otherId: marcus.id, note, rematchAsked: false, acknowledgedAt: null });
    // Marcus has room again; Rosa did not ask for someone new now
    expect(reloadParticipant(t.db, marcus.id)!.status).toBe('present');
    expect(reloadParticipant(t.db, rosa.id)).toMatchObject({ status: 'present', waitingSince: null });
    expect(heard).toEqual([{ eventId: event.id, participantIds: expect.arrayContaining([rosa.id, marcus.id]), board: true }]);
    // the log says what happened; the note stays in the alert
    const audit = auditOf(t.db, event.id).filter((a) => a.action === 'safety-report');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain(note);

    const page = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}?notice=safety`)).text();
    expect(page).toContain('We&#39;ve ended that pairing');
    expect(page).not.toContain('Your meetup with Marcus W. is off');
  });

  it('shows the other person only that the meetup is off: no reason, no note, no safety wording', async () => {
    const t = createTestApp();
    const { event, rosa, marcus, pair } = pairedWithConduct(t);
    await postForm(t.app, safetyPath(event.slug, rosa.token, pair.id), { note });
    for (const path of [`/e/${event.slug}/me/${marcus.token}`, `/e/${event.slug}/me/${marcus.token}/status`]) {
      const html = await (await get(t.app, path)).text();
      expect(html).toContain('Your meetup with Rosa D. is off.');
      expect(html).not.toContain(note);
      expect(html).not.toMatch(/comfortable|safety report|forbid|reported/i);
      expect(html).not.toContain(`/safety/${pair.id}`);
    }
    // the board no longer lists them
    const board = await (await get(t.app, `/e/${event.slug}/board/pairs`)).text();
    expect(board).not.toContain('Rosa D.');
    // an hour later the page no longer mentions it
    t.clock.advance(61 * 60_000);
    expect(await (await get(t.app, `/e/${event.slug}/me/${marcus.token}/status`)).text()).not.toContain('is off');
  });

  it('finds a first-timer another buddy at once when they ask, never the one they left', async () => {
    const t = createTestApp();
    const { event, catalog, rosa, marcus, pair } = pairedWithConduct(t);
    const youth = catalog.interests.find((i) => i.label === 'Youth services')!;
    const nadia = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Okafor', interests: [youth.id], capacity: 1, present: true });
    const res = await postForm(t.app, safetyPath(event.slug, rosa.token, pair.id), { note: '', rematch: 'yes' });
    expect(res.status).toBe(303);
    const live = livePairsOf(t, event.id);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ firstTimerId: rosa.id, volunteerId: nadia.id });
    expect(reportsOf(t, event.id)[0]!.rematchAsked).toBe(true);
    const page = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}`)).text();
    expect(page).toContain('Your buddy: Nadia O.');
    expect(page).not.toContain('Marcus');
    void marcus;
  });

  it('keeps a first-timer waiting, first in line, when they ask and nobody else is free; a round never pairs them with the one they left', async () => {
    const t = createTestApp();
    const { event, rosa, marcus, pair } = pairedWithConduct(t);
    await postForm(t.app, safetyPath(event.slug, rosa.token, pair.id), { rematch: 'yes' });
    expect(reloadParticipant(t.db, rosa.id)!.waitingSince?.getTime()).toBe(t.clock.now().getTime());
    const round = proposeRound(t.db, event, { organizerId: null, trigger: 'organizer', now: t.clock.now() });
    expect(round.ok && round.round.proposal.pairs).toEqual([]);
    void marcus;
  });

  it("rematches the first-timer when their volunteer presses it, and the volunteer's place is free again", async () => {
    const t = createTestApp();
    const { event, catalog, rosa, marcus, pair } = pairedWithConduct(t);
    const youth = catalog.interests.find((i) => i.label === 'Youth services')!;
    const nadia = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Okafor', interests: [youth.id], capacity: 1, present: true });
    const heard = recordChanges(t, event);
    // a volunteer gets no "find me another" choice: their place simply frees up
    expect(await (await get(t.app, safetyPath(event.slug, marcus.token, pair.id))).text()).not.toContain('Find me another buddy now');
    const res = await postForm(t.app, safetyPath(event.slug, marcus.token, pair.id), { note: 'Not a good fit.', rematch: 'yes' });
    expect(res.status).toBe(303);
    const live = livePairsOf(t, event.id);
    expect(live).toMatchObject([{ firstTimerId: rosa.id, volunteerId: nadia.id }]);
    expect(reloadParticipant(t.db, marcus.id)!.status).toBe('present');
    expect(reportsOf(t, event.id)[0]).toMatchObject({ reporterId: marcus.id, otherId: rosa.id, rematchAsked: false });
    expect(heard[0]!.participantIds).toEqual(expect.arrayContaining([rosa.id, marcus.id, nadia.id]));
    const rosaPage = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}`)).text();
    expect(rosaPage).toContain('Your meetup with Marcus W. is off.');
    expect(rosaPage).toContain('Your buddy: Nadia O.');
    expect(rosaPage).not.toContain('Not a good fit.');
  });

  it('refuses a note that is too long with 422, shows it back, and writes nothing', async () => {
    const t = createTestApp();
    const { event, rosa, pair } = pairedWithConduct(t);
    const heard = recordChanges(t, event);
    const before = dbChecksum(t.db);
    const res = await postForm(t.app, safetyPath(event.slug, rosa.token, pair.id), { note: 'x'.repeat(1001), rematch: 'yes' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Keep the note to 1000 characters');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/<input type="checkbox" name="rematch" value="yes" checked/);
    expect(dbChecksum(t.db)).toBe(before);
    expect(heard).toEqual([]);
  });

  it("refuses a second press, another person's pair, a bad id and a cross-site post, and writes nothing", async () => {
    const t = createTestApp();
    const a = pairedWithConduct(t);
    const b = pairedWithConduct(t);
    expect((await postForm(t.app, safetyPath(a.event.slug, a.rosa.token, a.pair.id), {})).status).toBe(303);
    const before = dbChecksum(t.db);
    expect((await postForm(t.app, safetyPath(a.event.slug, a.rosa.token, a.pair.id), {})).status).toBe(404);
    expect((await postForm(t.app, safetyPath(a.event.slug, a.marcus.token, a.pair.id), {})).status).toBe(404);
    expect((await postForm(t.app, safetyPath(a.event.slug, a.rosa.token, b.pair.id), {})).status).toBe(404);
    expect((await postForm(t.app, safetyPath(b.event.slug, a.rosa.token, b.pair.id), {})).status).toBe(404);
    expect((await postForm(t.app, safetyPath(a.event.slug, a.rosa.token, '0x1'), {})).status).toBe(404);
    expect((await postForm(t.app, safetyPath(b.event.slug, b.rosa.token, b.pair.id), {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect(dbChecksum(t.db)).toBe(before);
    expect(pairRow(t, b.pair.id).status).toBe('published');
  });
});

describe('the safety button for a volunteer with two first-timers', () => {
  it('ends only the pairing it was pressed on; the other first-timer keeps their buddy', async () => {
    const t = createTestApp();
    const { event, rosa, marcus } = rosaAndMarcus(t);
    t.db.update(schemaParticipants).set({ capacity: 2 }).where(eq(schemaParticipants.id, marcus.id)).run();
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', present: true });
    const withRosa = pinnedPair(t, event, rosa.id, marcus.id);
    const withAna = pinnedPair(t, event, ana.id, marcus.id);
    const res = await postForm(t.app, safetyPath(event.slug, marcus.token, withRosa.id), {});
    expect(res.status).toBe(303);
    expect(pairRow(t, withRosa.id).status).toBe('cancelled');
    expect(pairRow(t, withAna.id).status).toBe('published');
    expect(reloadParticipant(t.db, marcus.id)!.status).toBe('matched');
    const anaPage = await (await get(t.app, `/e/${event.slug}/me/${ana.token}`)).text();
    expect(anaPage).toContain('Your buddy: Marcus W.');
    expect(anaPage).not.toContain('is off');
  });
});

describe('the safety button on a planned pair (before the conference)', () => {
  /** Rosa and Marcus registered from home; a pre-event round planned them together. */
  function plannedTogether(t: TestApp) {
    const { event } = rosaAndMarcus(t);
    const rosa = makeParticipant(t.db, event, { name: 'Rosa Planned' });
    const marcus = makeParticipant(t.db, event, { role: 'volunteer', name: 'Marcus Planned', capacity: 1 });
    const pair = t.db
      .insert(pairs)
      .values({ eventId: event.id, firstTimerId: rosa.id, volunteerId: marcus.id, status: 'planned', score: 1, reasons: [], createdAt: t.clock.now() })
      .returning()
      .get();
    return { event, rosa, marcus, pair };
  }

  it('is on the buddy-to-be card of both, and its page names the buddy-to-be', async () => {
    const t = createTestApp();
    const { event, rosa, marcus, pair } = plannedTogether(t);
    for (const person of [rosa, marcus]) {
      const html = await (await get(t.app, `/e/${event.slug}/me/${person.token}/status`)).text();
      expect(html).toContain(`href="${safetyPath(event.slug, person.token, pair.id)}"`);
      expect(html).toContain('I don&#39;t feel comfortable with this pairing');
    }
    const page = await get(t.app, safetyPath(event.slug, rosa.token, pair.id));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('If you end the pairing with Marcus P.');
    expect(html).toContain('Marcus P. only sees that the plan is off');
  });

  it('ends the plan, forbids the pair, raises the alert, and the other reads only that the plan is off', async () => {
    const t = createTestApp();
    const { event, rosa, marcus, pair } = plannedTogether(t);
    const changes = recordChanges(t, event);
    const res = await postForm(t.app, safetyPath(event.slug, marcus.token, pair.id), { note });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/e/${event.slug}/me/${marcus.token}?notice=safety`);
    expect(pairRow(t, pair.id)).toMatchObject({ status: 'cancelled', endedAt: t.clock.now() });
    expect(t.db.select().from(forbiddenPairs).where(eq(forbiddenPairs.eventId, event.id)).all()).toMatchObject([{ firstTimerId: rosa.id, volunteerId: marcus.id }]);
    expect(reportsOf(t, event.id)).toMatchObject([{ pairId: pair.id, reporterId: marcus.id, otherId: rosa.id, note, acknowledgedAt: null }]);
    // Rosa is not here yet: nobody pairs her before she checks in
    expect(reloadParticipant(t.db, rosa.id)).toMatchObject({ status: 'registered' });
    expect(livePairsOf(t, event.id)).toEqual([]);
    expect(changes.at(-1)!.participantIds.sort()).toEqual([rosa.id, marcus.id].sort());
    const rosaPage = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}/status`)).text();
    expect(rosaPage).toContain('Your plan to meet Marcus P. is off.');
    expect(rosaPage).not.toContain('Your buddy-to-be');
    expect(rosaPage).not.toContain(note);
    expect(rosaPage).not.toMatch(/comfortable|safety|forbid|reported/i);
    const marcusPage = await (await get(t.app, `/e/${event.slug}/me/${marcus.token}/status`)).text();
    expect(marcusPage).not.toContain('is off');
    expect(marcusPage).not.toContain('first-timer-to-be');
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'safety-report' });
    expect(auditOf(t.db, event.id).at(-1)!.detail).not.toContain(note);
    // the organizers' alert says what Rosa was told
    const { cookie } = signedInOrganizer(t);
    const dashboard = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(dashboard).toContain('Safety: Marcus Planned ended their pairing');
    expect(dashboard).toMatch(/The\s+planned pair ended/);
    expect(dashboard).toMatch(/only told that the plan is off/);
  });
});
