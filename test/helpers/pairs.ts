// Present people and live pairs for the tests of the event day: made through the domain, the way
// the desk and an organizer's "Pair them" make them.
import { and, eq, inArray } from 'drizzle-orm';
import { pairs } from '../../db/schema.ts';
import type { Event, NewEvent } from '../../src/domain/events.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import type { LiveChange } from '../../src/live.ts';
import { makeEvent, makeParticipant } from './factories.ts';
import type { TestApp } from './test-app.ts';

type Extra = Parameters<typeof makeParticipant>[2];

/**
 * An event with a present first-timer and a present volunteer (room for one) who both picked
 * "Youth services", not yet paired. Names and other fields can be given for either.
 */
export function presentPair(t: TestApp, opts: { spots?: NewEvent['spots']; firstTimer?: Extra; volunteer?: Extra } = {}) {
  const { event, catalog } = makeEvent(t.db, opts.spots ? { spots: opts.spots } : {});
  const youth = catalog.interests.find((i) => i.label === 'Youth services')!;
  const firstTimer = makeParticipant(t.db, event, { interests: [youth.id], present: true, ...opts.firstTimer });
  const volunteer = makeParticipant(t.db, event, { role: 'volunteer', interests: [youth.id], capacity: 1, present: true, ...opts.volunteer });
  return { event, catalog, firstTimer, volunteer };
}

/** An organizer to act as in domain calls; not signed in. */
export function deskLead(t: TestApp) {
  const email = `lead-${Math.random().toString(36).slice(2)}@example.org`;
  return upsertOrganizer(t.db, { email, password: 'long enough secret', name: 'Desk Lead' }, t.clock.now());
}

/** Pairs two present people as an organizer's "Pair them" does (pinned, with a spot and time) and returns the pair's row. */
export function pinnedPair(t: TestApp, event: Event, firstTimerId: number, volunteerId: number, organizerId = deskLead(t).id) {
  const result = pinPair(t.db, event, { firstTimerId, volunteerId, organizerId, now: t.clock.now() });
  if (!result.ok) throw new Error(`pin refused: ${result.reason}`);
  return t.db.select().from(pairs).where(eq(pairs.id, result.pairId)).get()!;
}

/** Every change the routes announce from now on, for asserting that live pages are told. */
export function recordChanges(t: TestApp, event: Event): LiveChange[] {
  const seen: LiveChange[] = [];
  t.app.live.subscribe(event.id, (change) => seen.push(change));
  return seen;
}

const twoSpots: NewEvent['spots'] = [
  { name: 'Spot A', directions: 'Blue banner left of Hall C', pairsAtOnce: 4 },
  { name: 'Spot B', directions: 'By the coffee cart', pairsAtOnce: 4 },
];

/** Rosa Diaz (first-timer) and Marcus Webb (volunteer, room for one), both here, at an event with Spot A and Spot B. */
export function rosaAndMarcus(t: TestApp) {
  const { event, catalog, firstTimer: rosa, volunteer: marcus } = presentPair(t, {
    spots: twoSpots,
    firstTimer: { name: 'Rosa Diaz' },
    volunteer: { name: 'Marcus Webb' },
  });
  return { event, catalog, rosa, marcus };
}

/** The event's live pairs as stored. */
export const livePairsOf = (t: TestApp, eventId: number) =>
  t.db
    .select()
    .from(pairs)
    .where(and(eq(pairs.eventId, eventId), inArray(pairs.status, ['published', 'met'])))
    .all();

/** Every pair ever made, of any event and status. */
export const allPairs = (t: TestApp) => t.db.select().from(pairs).all();
