// Db glue shared by rounds and the organizer's pair actions: giving a pair its meetup, creating
// and ending live pairs with the participants' statuses that go with them, and the one-person
// rematch. Every function runs inside the caller's transaction.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { meetupSpots, pairs, participants } from '../../db/schema.ts';
import { rematchFirstTimer, type RematchChoice } from '../matcher/index.ts';
import type { Conn } from '../db.ts';
import type { Event } from './events.ts';
import {
  countLoads,
  isHere,
  liveStatuses,
  loadEventPeople,
  loadForbidden,
  loadLabels,
  loadLivePairs,
  loadProfiles,
  toMatcherFirstTimer,
  toMatcherVolunteer,
  type LivePairRow,
} from './matching-input.ts';
import type { Participant } from './participants.ts';
import { allocateMeetup, utcOffsetMinutes, type Meetup } from './slot-allocation.ts';

export function loadSpots(conn: Conn, eventId: number) {
  return conn
    .select()
    .from(meetupSpots)
    .where(eq(meetupSpots.eventId, eventId))
    .orderBy(asc(meetupSpots.position), asc(meetupSpots.id))
    .all();
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
  const spots = loadSpots(conn, event.id).map((s) => ({ id: s.id, pairsAtOnce: s.pairsAtOnce }));
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

/** The spot and time for a new pair of this volunteer, given the live pairs already placed. */
export function assignMeetup(conn: Conn, event: Event, volunteerId: number, now: Date): Meetup {
  return createMeetupPlanner(conn, event, now).assign(volunteerId);
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

/** A volunteer whose last live pair ended is free again; one who left (absent, withdrawn) stays out. */
export function releaseVolunteer(conn: Conn, volunteerId: number, now: Date): void {
  if (countLivePairsOf(conn, volunteerId) > 0) return;
  conn
    .update(participants)
    .set({ status: 'present', updatedAt: now })
    .where(and(eq(participants.id, volunteerId), eq(participants.status, 'matched')))
    .run();
}

/** The best present volunteer with room for one first-timer, leaving every other pair alone. */
export function findRematch(
  conn: Conn,
  event: Event,
  firstTimer: Participant,
  excludeVolunteerIds: number[],
): (RematchChoice & { volunteerId: number }) | null {
  const volunteers = loadEventPeople(conn, event.id, 'volunteer').filter(
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

export type RematchOutcome = { pairId: number; volunteerId: number; volunteerName: string } | null;

/**
 * Finds an orphaned first-timer a new buddy at once, with a spot and time; with nobody free they
 * are 'present' and waiting, and go first in the next round (an earlier wait keeps its place).
 */
export function rematchInTx(
  conn: Conn,
  event: Event,
  firstTimerId: number,
  opts: { excludeVolunteerIds: number[]; now: Date },
): RematchOutcome {
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
  return { pairId: pair.id, volunteerId: choice.volunteerId, volunteerName: volunteer?.name ?? '' };
}
