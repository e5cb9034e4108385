// Live pairs, the store: which pairs are live, finding and counting them, creating one with its
// meetup and ending one with the participants' statuses that go with it, and the one-person
// rematch. Every function here runs inside the caller's transaction. What people do with a pair
// is in pairs.ts (organizers) and buddy-actions.ts (participants); what pages show, pair-views.ts.
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { forbiddenPairs, meetupSpots, pairs, participants } from '../../db/schema.ts';
import type { Conn } from '../db.ts';
import { rematchFirstTimer, type RematchChoice } from '../matcher/index.ts';
import type { Event } from './events.ts';
import { loadForbidden, loadLabels, loadProfiles, toMatcherFirstTimer, toMatcherVolunteer } from './matching-input.ts';
import { isHere, loadEventPeople, type Participant, type Person } from './participants.ts';
import { jsonList, preparedOnce } from './prepared.ts';
import { createSlotBook, utcOffsetMinutes, type Meetup } from './slot-allocation.ts';
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
  | 'held' // the volunteer's room left is held by planned pairs (pre-event round)
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

// the statuses written out, not bound: SQLite uses the partial index of a first-timer's live pair only when it can see them
const isLiveStatus = sql`${pairs.status} in ('published', 'met')`;

const statements = preparedOnce((db) => ({
  byId: db
    .select()
    .from(pairs)
    .where(and(eq(pairs.id, sql.placeholder('pairId')), eq(pairs.eventId, sql.placeholder('eventId'))))
    .prepare(),
  countOfVolunteer: db
    .select({ n: count() })
    .from(pairs)
    .where(and(eq(pairs.volunteerId, sql.placeholder('volunteerId')), isLiveStatus))
    .prepare(),
  ofFirstTimer: db
    .select()
    .from(pairs)
    .where(and(eq(pairs.firstTimerId, sql.placeholder('firstTimerId')), isLiveStatus))
    .prepare(),
}));

/** A pair of this event, live or not. */
export function findPair(conn: Conn, eventId: number, pairId: number): LivePairRow | undefined {
  return statements(conn).byId.get({ eventId, pairId });
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
  return statements(conn).countOfVolunteer.get({ volunteerId })?.n ?? 0;
}

export function livePairOfFirstTimer(conn: Conn, firstTimerId: number): LivePairRow | undefined {
  return statements(conn).ofFirstTimer.get({ firstTimerId });
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
 * Places new pairs at spots and times, reading the live pairs once and booking what it hands
 * out as it goes, so publishing a round of thousands of pairs is linear, not quadratic.
 */
export function createMeetupPlanner(conn: Conn, event: Event, now: Date): MeetupPlanner {
  const taken = conn
    .select({ volunteerId: pairs.volunteerId, spotId: pairs.spotId, meetAt: pairs.meetAt })
    .from(pairs)
    .where(and(eq(pairs.eventId, event.id), inArray(pairs.status, [...liveStatuses])))
    .orderBy(asc(pairs.id))
    .all();
  const spots = listSpots(conn, event.id).map((s) => ({ id: s.id, pairsAtOnce: s.pairsAtOnce }));
  const book = createSlotBook({
    now,
    slotMinutes: event.settings.slotMinutes,
    leadMinutes: event.settings.leadMinutes,
    utcOffsetMinutes: utcOffsetMinutes(event.timezone, now),
    spots,
    taken,
  });
  // each volunteer's earliest upcoming meetup (the first made, of equal times): their new first-timers join it
  const groups = new Map<number, Meetup>();
  const join = (volunteerId: number, m: { spotId: number | null; meetAt: Date | null }) => {
    if (m.meetAt === null || m.meetAt.getTime() < now.getTime()) return;
    const group = groups.get(volunteerId);
    if (!group || m.meetAt.getTime() < group.meetAt.getTime()) groups.set(volunteerId, { spotId: m.spotId, meetAt: m.meetAt });
  };
  for (const t of taken) join(t.volunteerId, t);
  return {
    assign(volunteerId) {
      const meetup = book.allocate(groups.get(volunteerId) ?? null);
      join(volunteerId, meetup);
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

const batchStatements = preparedOnce((db) => ({
  // the whole batch is one JSON array bound to one placeholder: a round of any size is one
  // compiled statement, and json_each keeps the array's order, so ids follow the proposal
  insertPairs: db
    .insert(pairs)
    .select(
      // every column of pairs in the schema's order: a new id, the pair and its meetup, nothing met or ended yet
      sql`select null, ${sql.placeholder('eventId')}, value ->> 'roundId', value ->> 'firstTimerId', value ->> 'volunteerId', 'published',
        value ->> 'score', value -> 'reasons', value ->> 'pinned', value ->> 'spotId', value ->> 'meetAt', ${sql.placeholder('now')},
        null, null, null, null, null
        from json_each(${sql.placeholder('rows')}) order by key`,
    )
    .prepare(),
  matchPeople: db
    .update(participants)
    .set({ status: 'matched', waitingSince: null, updatedAt: sql`${sql.placeholder('now')}` })
    .where(sql`${participants.id} in (select value from json_each(${sql.placeholder('ids')}))`)
    .prepare(),
}));

/**
 * Inserts many new live pairs at once, meetups already chosen, in the order given: one insert and
 * one status update for everyone, inside the caller's transaction.
 */
export function insertLivePairs(
  conn: Conn,
  event: Event,
  batch: (Omit<NewLivePair, 'planner' | 'now'> & Meetup)[],
  now: Date,
): void {
  if (batch.length === 0) return;
  const rows = batch.map((p) => ({
    roundId: p.roundId,
    firstTimerId: p.firstTimerId,
    volunteerId: p.volunteerId,
    score: p.score,
    reasons: p.reasons,
    pinned: p.pinned ? 1 : 0,
    spotId: p.spotId,
    meetAt: p.meetAt.getTime(),
  }));
  const statements = batchStatements(conn);
  statements.insertPairs.run({ eventId: event.id, now: now.getTime(), rows: JSON.stringify(rows) });
  statements.matchPeople.run({ now: now.getTime(), ids: jsonList([...new Set(batch.flatMap((p) => [p.firstTimerId, p.volunteerId]))]) });
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
