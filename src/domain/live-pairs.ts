// Live pairs, the store: which pairs are live, finding and counting them, creating one with its
// meetup and ending one with the participants' statuses that go with it, and the one-person
// rematch. Every function here runs inside the caller's transaction. What people do with a pair
// is in pairs.ts (organizers) and buddy-actions.ts (participants); what pages show, pair-views.ts.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { forbiddenPairs, meetupSpots, pairs, participants } from '../../db/schema.ts';
import type { Conn } from '../db.ts';
import { rematchFirstTimer, type RematchChoice } from '../matcher/index.ts';
import type { Event } from './events.ts';
import { loadForbidden, loadLabels, loadProfiles, toMatcherFirstTimer, toMatcherVolunteer } from './matching-input.ts';
import { isHere, loadEventPeople, type Participant, type Person } from './participants.ts';
import { allocateMeetup, utcOffsetMinutes, type Meetup } from './slot-allocation.ts';
import { listSpots } from './spots.ts';

export const liveStatuses = ['published', 'met'] as const;

export type LivePairRow = typeof pairs.$inferSelect;

/** What an action changed, for the live pages. */
export type PairChange = {
  /** people whose personal pages changed */
  participantIds: number[];
  /** whether the board changed */
  board: boolean;
};

export type PairRefusal =
  | 'not-found' // no such pair / person in this event
  | 'not-live' // the pair already ended
  | 'too-early' // "my buddy isn't here" before the meet time
  | 'full' // the volunteer has no room
  | 'forbidden' // the organizer forbade this pair
  | 'not-present' // someone is not checked in
  | 'already-paired'; // the first-timer already has a live buddy

export type PairResult<T = object> = ({ ok: true } & PairChange & T) | { ok: false; reason: PairRefusal };

export const refuse = (reason: PairRefusal): { ok: false; reason: PairRefusal } => ({ ok: false, reason });

// a write transaction takes the lock at once, so two organizers acting on one pair queue up
export const immediate = { behavior: 'immediate' } as const;

export function isLive(pair: LivePairRow): pair is LivePairRow & { status: 'published' | 'met' } {
  return pair.status === 'published' || pair.status === 'met';
}

/** A pair of this event, live or not. */
export function findPair(conn: Conn, eventId: number, pairId: number): LivePairRow | undefined {
  return conn
    .select()
    .from(pairs)
    .where(and(eq(pairs.id, pairId), eq(pairs.eventId, eventId)))
    .get();
}

/** The event's live pairs, oldest first. */
export function loadLivePairs(conn: Conn, eventId: number): LivePairRow[] {
  return conn
    .select()
    .from(pairs)
    .where(and(eq(pairs.eventId, eventId), inArray(pairs.status, [...liveStatuses])))
    .orderBy(asc(pairs.id))
    .all();
}

/** Live pairs per volunteer id. */
export function countLoads(live: LivePairRow[]): Map<number, number> {
  const loads = new Map<number, number>();
  for (const p of live) loads.set(p.volunteerId, (loads.get(p.volunteerId) ?? 0) + 1);
  return loads;
}

export function countLivePairsOf(conn: Conn, volunteerId: number): number {
  return conn
    .select({ id: pairs.id })
    .from(pairs)
    .where(and(eq(pairs.volunteerId, volunteerId), inArray(pairs.status, [...liveStatuses])))
    .all().length;
}

export function livePairOfFirstTimer(conn: Conn, firstTimerId: number): LivePairRow | undefined {
  return conn
    .select()
    .from(pairs)
    .where(and(eq(pairs.firstTimerId, firstTimerId), inArray(pairs.status, [...liveStatuses])))
    .get();
}

/**
 * What the pre-event round's planned pairs hold while they wait for both people to check in: their
 * first-timers (no round may pair them again) and places of their volunteers' capacity.
 */
export type PlannedHolds = { firstTimerIds: Set<number>; places: Map<number, number> };

export function loadPlannedHolds(conn: Conn, eventId: number): PlannedHolds {
  const rows = conn
    .select({ firstTimerId: pairs.firstTimerId, volunteerId: pairs.volunteerId })
    .from(pairs)
    .where(and(eq(pairs.eventId, eventId), eq(pairs.status, 'planned')))
    .all();
  const places = new Map<number, number>();
  for (const r of rows) places.set(r.volunteerId, (places.get(r.volunteerId) ?? 0) + 1);
  return { firstTimerIds: new Set(rows.map((r) => r.firstTimerId)), places };
}

/** The volunteers with the places their planned pairs hold taken off their capacity. */
export function withoutHeldPlaces(volunteers: Participant[], holds: PlannedHolds): Participant[] {
  if (holds.places.size === 0) return volunteers;
  return volunteers.map((v) => {
    const held = holds.places.get(v.id) ?? 0;
    return held === 0 ? v : { ...v, capacity: Math.max(0, v.capacity - held) };
  });
}

export function isForbidden(conn: Conn, eventId: number, firstTimerId: number, volunteerId: number): boolean {
  return (
    conn
      .select({ id: forbiddenPairs.firstTimerId })
      .from(forbiddenPairs)
      .where(
        and(
          eq(forbiddenPairs.eventId, eventId),
          eq(forbiddenPairs.firstTimerId, firstTimerId),
          eq(forbiddenPairs.volunteerId, volunteerId),
        ),
      )
      .get() !== undefined
  );
}

export type MeetupPlanner = { assign(volunteerId: number): Meetup };

/**
 * Places new pairs at spots and times, reading the live pairs once and remembering what it has
 * handed out since, so publishing a round of hundreds of pairs is not quadratic in queries.
 */
export function createMeetupPlanner(conn: Conn, event: Event, now: Date): MeetupPlanner {
  const taken = conn
    .select({ volunteerId: pairs.volunteerId, spotId: pairs.spotId, meetAt: pairs.meetAt })
    .from(pairs)
    .where(and(eq(pairs.eventId, event.id), inArray(pairs.status, [...liveStatuses])))
    .orderBy(asc(pairs.id))
    .all();
  const spots = listSpots(conn, event.id).map((s) => ({ id: s.id, pairsAtOnce: s.pairsAtOnce }));
  const clock = {
    now,
    slotMinutes: event.settings.slotMinutes,
    leadMinutes: event.settings.leadMinutes,
    utcOffsetMinutes: utcOffsetMinutes(event.timezone, now),
  };
  return {
    assign(volunteerId) {
      const group = taken
        .filter((p) => p.volunteerId === volunteerId && p.meetAt !== null && p.meetAt.getTime() >= now.getTime())
        .sort((a, b) => a.meetAt!.getTime() - b.meetAt!.getTime())[0];
      const meetup = allocateMeetup({ ...clock, spots, taken, group: group ? { spotId: group.spotId, meetAt: group.meetAt! } : null });
      taken.push({ volunteerId, spotId: meetup.spotId, meetAt: meetup.meetAt });
      return meetup;
    },
  };
}

export type NewLivePair = {
  firstTimerId: number;
  volunteerId: number;
  score: number;
  reasons: string[];
  pinned: boolean;
  roundId: number | null;
  now: Date;
  /** one planner for a batch of new pairs; a single pair gets its own */
  planner?: MeetupPlanner;
};

/** Inserts a live pair with its meetup; both people become 'matched' and the first-timer stops waiting. */
export function createLivePair(conn: Conn, event: Event, p: NewLivePair): LivePairRow {
  const meetup = (p.planner ?? createMeetupPlanner(conn, event, p.now)).assign(p.volunteerId);
  const pair = conn
    .insert(pairs)
    .values({
      eventId: event.id,
      roundId: p.roundId,
      firstTimerId: p.firstTimerId,
      volunteerId: p.volunteerId,
      status: 'published',
      score: p.score,
      reasons: p.reasons,
      pinned: p.pinned,
      spotId: meetup.spotId,
      meetAt: meetup.meetAt,
      createdAt: p.now,
    })
    .returning()
    .get();
  conn
    .update(participants)
    .set({ status: 'matched', waitingSince: null, updatedAt: p.now })
    .where(inArray(participants.id, [p.firstTimerId, p.volunteerId]))
    .run();
  return pair;
}

export function endPair(
  conn: Conn,
  pair: LivePairRow,
  how: { status: 'cancelled' | 'no_show'; noShowParticipantId?: number; now: Date },
): void {
  conn
    .update(pairs)
    .set({ status: how.status, noShowParticipantId: how.noShowParticipantId ?? null, endedAt: how.now })
    .where(eq(pairs.id, pair.id))
    .run();
}

/** A volunteer whose last live pair ended is free again; one who left (absent, withdrawn) stays out. */
export function releaseVolunteer(conn: Conn, volunteerId: number, now: Date): void {
  if (countLivePairsOf(conn, volunteerId) > 0) return;
  conn
    .update(participants)
    .set({ status: 'present', updatedAt: now })
    .where(and(eq(participants.id, volunteerId), eq(participants.status, 'matched')))
    .run();
}

/** The name of a meetup spot, or '' for none. */
export function spotName(conn: Conn, spotId: number | null): string {
  if (spotId === null) return '';
  return conn.select({ name: meetupSpots.name }).from(meetupSpots).where(eq(meetupSpots.id, spotId)).get()?.name ?? '';
}

/** The best present volunteer with room for one first-timer, leaving every other pair alone. */
function findRematch(
  conn: Conn,
  event: Event,
  firstTimer: Participant,
  excludeVolunteerIds: number[],
): (RematchChoice & { volunteerId: number }) | null {
  const volunteers = withoutHeldPlaces(loadEventPeople(conn, event.id, 'volunteer'), loadPlannedHolds(conn, event.id)).filter(
    (v) => isHere(v) && !excludeVolunteerIds.includes(v.id),
  );
  const loads = countLoads(loadLivePairs(conn, event.id));
  const [me] = loadProfiles(conn, [firstTimer]);
  const choice = rematchFirstTimer(
    {
      firstTimer: toMatcherFirstTimer(me!),
      volunteers: loadProfiles(conn, volunteers).map((v) =>
        toMatcherVolunteer(v, v.participant.capacity, loads.get(v.participant.id) ?? 0),
      ),
      weights: event.settings.weights,
      forbidden: loadForbidden(conn, event.id)
        .filter((f) => f.firstTimerId === firstTimer.id)
        .map((f) => [String(f.firstTimerId), String(f.volunteerId)] as [string, string]),
    },
    { labels: loadLabels(conn, event.id) },
  );
  return choice && { ...choice, volunteerId: Number(choice.volunteer) };
}

/** A first-timer's new buddy after a rematch: who, and where and when they meet. */
export type Rematched = { pairId: number; volunteer: Person; spotName: string; meetAt: Date | null };

/**
 * Finds an orphaned first-timer a new buddy at once, with a spot and time; with nobody free they
 * are 'present' and waiting, and go first in the next round (an earlier wait keeps its place).
 */
export function rematchInTx(
  conn: Conn,
  event: Event,
  firstTimerId: number,
  opts: { excludeVolunteerIds: number[]; now: Date },
): Rematched | null {
  const firstTimer = conn.select().from(participants).where(eq(participants.id, firstTimerId)).get();
  if (!firstTimer) return null;
  const choice = findRematch(conn, event, firstTimer, opts.excludeVolunteerIds);
  if (!choice) {
    conn
      .update(participants)
      .set({ status: 'present', waitingSince: firstTimer.waitingSince ?? opts.now, updatedAt: opts.now })
      .where(and(eq(participants.id, firstTimer.id), ne(participants.status, 'withdrawn')))
      .run();
    return null;
  }
  const pair = createLivePair(conn, event, {
    firstTimerId: firstTimer.id,
    volunteerId: choice.volunteerId,
    score: choice.score,
    reasons: choice.reasons,
    pinned: false,
    roundId: null,
    now: opts.now,
  });
  const volunteer = conn.select({ name: participants.name }).from(participants).where(eq(participants.id, choice.volunteerId)).get();
  return {
    pairId: pair.id,
    volunteer: { id: choice.volunteerId, name: volunteer?.name ?? '' },
    spotName: spotName(conn, pair.spotId),
    meetAt: pair.meetAt,
  };
}
