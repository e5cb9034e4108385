// Live pairs on the event day: what each person and the board see, and what people and
// organizers do with a pair (we met, my buddy isn't here, no-show, rematch, unpair, pin, forbid,
// move). Refusals are values; every organizer action is audited in its own transaction.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { forbiddenPairs, meetupSpots, pairs, participants, programSessions } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import { bestAvailableReason, hasNoTopic, matchInstance, parseInstance, pinnedReason } from '../matcher/index.ts';
import type { Conn } from '../db.ts';
import { auditName, writeAudit } from './audit.ts';
import type { Event, ProgramSession } from './events.ts';
import {
  countLivePairsOf,
  createLivePair,
  endPair,
  livePairOfFirstTimer,
  releaseVolunteer,
  rematchInTx,
  type RematchOutcome,
} from './live-pairs.ts';
import {
  isHere,
  liveStatuses,
  loadLabels,
  loadProfiles,
  toMatcherFirstTimer,
  toMatcherVolunteer,
  type LivePairRow,
} from './matching-input.ts';
import { chooseOpener, type Opener } from './openers.ts';
import type { Participant } from './participants.ts';
import { publicName, type PublicName } from './public-name.ts';
import { slotStartAtOrBefore, utcOffsetMinutes } from './slot-allocation.ts';


export type PairChange = {
  /** people whose personal pages changed, for live updates */
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

export type MeetupView = { spotId: number | null; spotName: string; directions: string; meetAt: Date | null };

/** One live pair, for the organizer's dashboard. */
export type LivePairView = MeetupView & {
  pairId: number;
  status: 'published' | 'met';
  pinned: boolean;
  score: number;
  reasons: string[];
  firstTimer: { id: number; name: string };
  volunteer: { id: number; name: string };
  /** minutes since meet time + grace passed without "We met"; null when not overdue */
  overdueMinutes: number | null;
  buddyMissingAt: Date | null;
  differentBuddyAt: Date | null;
};

/** What a personal page shows about one buddy. */
export type BuddyView = MeetupView & {
  pairId: number;
  status: 'published' | 'met';
  /** first name + last initial */
  name: PublicName;
  pronouns: string;
  /** a volunteer's short bio; empty for a first-timer */
  bio: string;
  /** why they were paired, in words for the two of them: never the organizer's pin */
  reasons: string[];
  /** something to start with when the reasons are only a shared language, or nothing */
  opener: Opener | null;
  /** only when both consented and the buddy gave one */
  email: string | null;
  buddyMissingAt: Date | null;
  /** on the first-timer's own page only: they asked for someone else (quietly, the buddy never sees it) */
  differentBuddyAt?: Date | null;
};

/** One meetup of a person: a volunteer's first-timers at the same spot and time meet together. */
export type MyMeetup = MeetupView & { buddies: BuddyView[] };

export type MyPairs = {
  buddies: BuddyView[];
  /** the same buddies by meetup, earliest first */
  meetups: MyMeetup[];
  /** a first-timer whose rematch found nobody free: "we'll find you a buddy" */
  waitingSince: Date | null;
  /** when the page next changes by itself, without anyone acting (a meet time arriving); null if never */
  nextChangeAt: Date | null;
};

/** Board line: first name + last initial only, never e-mails or interests. */
export type BoardPairView = { pairId: number; firstTimer: PublicName; volunteer: PublicName; spotName: string; directions: string; meetAt: Date };

const MINUTE = 60_000;
const immediate = { behavior: 'immediate' } as const;

function refuse(reason: PairRefusal): { ok: false; reason: PairRefusal } {
  return { ok: false, reason };
}

function isLive(pair: LivePairRow): pair is LivePairRow & { status: 'published' | 'met' } {
  return pair.status === 'published' || pair.status === 'met';
}

function findPair(conn: Conn, eventId: number, pairId: number): LivePairRow | undefined {
  return conn
    .select()
    .from(pairs)
    .where(and(eq(pairs.id, pairId), eq(pairs.eventId, eventId)))
    .get();
}

function findPerson(conn: Conn, eventId: number, id: number, role?: Participant['role']): Participant | undefined {
  const p = conn
    .select()
    .from(participants)
    .where(and(eq(participants.id, id), eq(participants.eventId, eventId)))
    .get();
  return p && (role === undefined || p.role === role) ? p : undefined;
}

function peopleById(conn: Conn, ids: number[]): Map<number, Participant> {
  if (ids.length === 0) return new Map();
  const rows = conn
    .select()
    .from(participants)
    .where(inArray(participants.id, [...new Set(ids)]))
    .all();
  return new Map(rows.map((p) => [p.id, p]));
}

function spotsById(conn: Conn, eventId: number) {
  const rows = conn.select().from(meetupSpots).where(eq(meetupSpots.eventId, eventId)).all();
  return new Map(rows.map((s) => [s.id, s]));
}

function meetupOf(pair: LivePairRow, spots: Map<number, typeof meetupSpots.$inferSelect>): MeetupView {
  const spot = pair.spotId === null ? undefined : spots.get(pair.spotId);
  return {
    spotId: spot?.id ?? null,
    spotName: spot?.name ?? '',
    directions: spot?.directions ?? '',
    meetAt: pair.meetAt,
  };
}

function isForbidden(conn: Conn, eventId: number, firstTimerId: number, volunteerId: number): boolean {
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

function rematchText(outcome: RematchOutcome, firstTimer: Participant): string {
  return outcome
    ? `${auditName(firstTimer)} rematched with ${outcome.volunteerName} (#${outcome.volunteerId})`
    : `${auditName(firstTimer)} waits for the next round: no volunteer free`;
}

export function findMyPairs(db: Db, event: Event, me: Participant, now: Date): MyPairs {
  // the row the caller holds may predate a rematch that just happened
  const fresh = findPerson(db, event.id, me.id) ?? me;
  const firstTimer = fresh.role === 'first_timer';
  const mine = firstTimer ? eq(pairs.firstTimerId, fresh.id) : eq(pairs.volunteerId, fresh.id);
  const rows = db
    .select()
    .from(pairs)
    .where(and(eq(pairs.eventId, event.id), mine, inArray(pairs.status, [...liveStatuses])))
    .orderBy(asc(pairs.meetAt), asc(pairs.id))
    .all()
    .filter(isLive);
  const buddies = peopleById(
    db,
    rows.map((r) => (firstTimer ? r.volunteerId : r.firstTimerId)),
  );
  const spots = spotsById(db, event.id);
  const openers = openerSource(db, event, fresh);
  const views: BuddyView[] = rows.map((pair) => {
    const buddy = buddies.get(firstTimer ? pair.volunteerId : pair.firstTimerId)!;
    // the pin is the organizers' business; "the best buddy with room" says nothing to talk about
    const reasons = pair.reasons.filter((r) => r !== pinnedReason && r !== bestAvailableReason);
    return {
      ...meetupOf(pair, spots),
      pairId: pair.id,
      status: pair.status,
      name: publicName(buddy.name),
      pronouns: buddy.pronouns,
      bio: buddy.role === 'volunteer' ? buddy.bio : '',
      reasons,
      opener: hasNoTopic(reasons) ? openers.choose(pair, buddy) : null,
      // contact details are shared only when both said yes
      email: fresh.consentContact && buddy.consentContact && buddy.email ? buddy.email : null,
      buddyMissingAt: pair.buddyMissingAt,
      ...(firstTimer ? { differentBuddyAt: pair.differentBuddyAt } : {}),
    };
  });
  // "my buddy isn't here" is offered from the meet time on, so the page changes then
  const upcoming = firstTimer
    ? views
        .filter((b) => b.status === 'published' && !b.buddyMissingAt && b.meetAt && b.meetAt.getTime() > now.getTime())
        .map((b) => b.meetAt!.getTime())
    : [];
  return {
    buddies: views,
    meetups: groupByMeetup(views),
    waitingSince: firstTimer && views.length === 0 ? fresh.waitingSince : null,
    nextChangeAt: upcoming.length > 0 ? new Date(Math.min(...upcoming)) : null,
  };
}

function groupByMeetup(buddies: BuddyView[]): MyMeetup[] {
  const groups = new Map<string, MyMeetup>();
  for (const b of buddies) {
    const key = `${b.meetAt?.getTime() ?? 'none'}@${b.spotId ?? 'none'}`;
    const group = groups.get(key);
    if (group) group.buddies.push(b);
    else groups.set(key, { spotId: b.spotId, spotName: b.spotName, directions: b.directions, meetAt: b.meetAt, buddies: [b] });
  }
  return [...groups.values()];
}

/** Chooses openers for one person's pairs, reading the program and session plans only when one is needed. */
function openerSource(db: Db, event: Event, me: Participant) {
  let sessions: ProgramSession[] | undefined;
  return {
    choose(pair: LivePairRow, buddy: Participant): Opener {
      sessions ??= db.select().from(programSessions).where(eq(programSessions.eventId, event.id)).all();
      const planned = new Set(loadProfiles(db, [me, buddy]).flatMap((p) => p.sessions.map(Number)));
      return chooseOpener({
        pairId: pair.id,
        meetAt: pair.meetAt,
        slotMinutes: event.settings.slotMinutes,
        timeZone: event.timezone,
        sessions,
        planned,
      });
    },
  };
}

function overdueMinutes(pair: LivePairRow, graceMinutes: number, now: Date): number | null {
  if (pair.status !== 'published' || pair.meetAt === null) return null;
  const late = now.getTime() - (pair.meetAt.getTime() + graceMinutes * MINUTE);
  return late > 0 ? Math.ceil(late / MINUTE) : null;
}

export function listLivePairs(db: Db, event: Event, now: Date): LivePairView[] {
  const rows = db
    .select()
    .from(pairs)
    .where(and(eq(pairs.eventId, event.id), inArray(pairs.status, [...liveStatuses])))
    .all()
    .filter(isLive);
  const people = peopleById(db, rows.flatMap((r) => [r.firstTimerId, r.volunteerId]));
  const spots = spotsById(db, event.id);
  const views = rows.map((pair): LivePairView => {
    const f = people.get(pair.firstTimerId)!;
    const v = people.get(pair.volunteerId)!;
    return {
      ...meetupOf(pair, spots),
      pairId: pair.id,
      status: pair.status,
      pinned: pair.pinned,
      score: pair.score,
      reasons: pair.reasons,
      firstTimer: { id: f.id, name: f.name },
      volunteer: { id: v.id, name: v.name },
      overdueMinutes: overdueMinutes(pair, event.settings.graceMinutes, now),
      buddyMissingAt: pair.buddyMissingAt,
      differentBuddyAt: pair.differentBuddyAt,
    };
  });
  // what needs the organizer first: someone says their buddy isn't here, then the overdue
  const rank = (p: LivePairView) => (p.buddyMissingAt ? 0 : p.overdueMinutes !== null ? 1 : 2);
  const time = (d: Date | null) => (d ? d.getTime() : Number.MAX_SAFE_INTEGER);
  return views.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? time(a.buddyMissingAt) - time(b.buddyMissingAt) : 0) ||
      time(a.meetAt) - time(b.meetAt) ||
      a.pairId - b.pairId,
  );
}

export function listBoardPairs(db: Db, event: Event, now: Date): BoardPairView[] {
  const slotStart = slotStartAtOrBefore(now, {
    slotMinutes: event.settings.slotMinutes,
    utcOffsetMinutes: utcOffsetMinutes(event.timezone, now),
  });
  const rows = db
    .select()
    .from(pairs)
    .where(and(eq(pairs.eventId, event.id), inArray(pairs.status, [...liveStatuses])))
    .all()
    .filter((p) => p.meetAt !== null && p.meetAt.getTime() >= slotStart.getTime());
  const people = peopleById(db, rows.flatMap((r) => [r.firstTimerId, r.volunteerId]));
  const spots = spotsById(db, event.id);
  const position = (p: LivePairRow) =>
    p.spotId !== null && spots.has(p.spotId) ? spots.get(p.spotId)!.position : Number.MAX_SAFE_INTEGER;
  rows.sort((a, b) => a.meetAt!.getTime() - b.meetAt!.getTime() || position(a) - position(b) || a.id - b.id);
  return rows.map((pair) => {
    const { spotName, directions } = meetupOf(pair, spots);
    return {
      pairId: pair.id,
      firstTimer: publicName(people.get(pair.firstTimerId)!.name),
      volunteer: publicName(people.get(pair.volunteerId)!.name),
      spotName,
      directions,
      meetAt: pair.meetAt!,
    };
  });
}

export function confirmMet(db: Db, event: Event, me: Participant, pairId: number, now: Date): PairResult {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, pairId);
    if (!pair || (pair.firstTimerId !== me.id && pair.volunteerId !== me.id)) return refuse('not-found');
    if (pair.status === 'met') return { ok: true, participantIds: [], board: false };
    if (!isLive(pair)) return refuse('not-live');
    // they found each other: a "my buddy isn't here" no longer needs the organizer
    tx.update(pairs).set({ status: 'met', metAt: now, buddyMissingAt: null }).where(eq(pairs.id, pair.id)).run();
    return { ok: true, participantIds: [pair.firstTimerId, pair.volunteerId], board: false };
  }, immediate);
}

export function reportBuddyMissing(db: Db, event: Event, me: Participant, pairId: number, now: Date): PairResult {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, pairId);
    if (!pair || pair.firstTimerId !== me.id) return refuse('not-found');
    if (!isLive(pair)) return refuse('not-live');
    if (pair.meetAt !== null && now.getTime() < pair.meetAt.getTime()) return refuse('too-early');
    if (pair.buddyMissingAt !== null) return { ok: true, participantIds: [], board: false };
    tx.update(pairs).set({ buddyMissingAt: now }).where(eq(pairs.id, pair.id)).run();
    return { ok: true, participantIds: [pair.firstTimerId, pair.volunteerId], board: false };
  }, immediate);
}

export function requestDifferentBuddy(db: Db, event: Event, me: Participant, pairId: number, now: Date): PairResult {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, pairId);
    if (!pair || pair.firstTimerId !== me.id) return refuse('not-found');
    if (!isLive(pair)) return refuse('not-live');
    if (pair.differentBuddyAt !== null) return { ok: true, participantIds: [], board: false };
    tx.update(pairs).set({ differentBuddyAt: now }).where(eq(pairs.id, pair.id)).run();
    // quiet: the volunteer's page must not change
    return { ok: true, participantIds: [pair.firstTimerId], board: false };
  }, immediate);
}

export function markNoShow(
  db: Db,
  event: Event,
  args: { pairId: number; absentee: 'first_timer' | 'volunteer'; organizerId: number | null; now: Date },
): PairResult<{ rematch: { pairId: number; volunteerId: number } | null }> {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, args.pairId);
    if (!pair) return refuse('not-found');
    if (!isLive(pair)) return refuse('not-live');
    const people = peopleById(tx, [pair.firstTimerId, pair.volunteerId]);
    const firstTimer = people.get(pair.firstTimerId)!;
    const volunteer = people.get(pair.volunteerId)!;
    const changed = new Set([firstTimer.id, volunteer.id]);
    const { now } = args;
    let rematch: RematchOutcome = null;
    let detail: string;

    if (args.absentee === 'volunteer') {
      // an absent volunteer is absent for all their first-timers still waiting to meet them
      const orphans = [
        pair,
        ...tx
          .select()
          .from(pairs)
          .where(and(eq(pairs.volunteerId, volunteer.id), eq(pairs.status, 'published')))
          .orderBy(asc(pairs.id))
          .all()
          .filter((p) => p.id !== pair.id),
      ];
      for (const p of orphans) endPair(tx, p, { status: 'no_show', noShowParticipantId: volunteer.id, now });
      tx.update(participants).set({ status: 'absent', updatedAt: now }).where(eq(participants.id, volunteer.id)).run();
      const texts: string[] = [];
      for (const p of orphans) {
        const orphan = p.id === pair.id ? firstTimer : findPerson(tx, event.id, p.firstTimerId)!;
        changed.add(orphan.id);
        const outcome = rematchInTx(tx, event, orphan.id, { excludeVolunteerIds: [volunteer.id], now });
        if (p.id === pair.id) rematch = outcome;
        if (outcome) changed.add(outcome.volunteerId);
        texts.push(rematchText(outcome, orphan));
      }
      detail = `volunteer ${auditName(volunteer)} did not come to meet ${orphans.length === 1 ? auditName(firstTimer) : `${orphans.length} first-timers`}; ${texts.join('; ')}`;
    } else {
      endPair(tx, pair, { status: 'no_show', noShowParticipantId: firstTimer.id, now });
      tx.update(participants)
        .set({ status: 'absent', waitingSince: null, updatedAt: now })
        .where(eq(participants.id, firstTimer.id))
        .run();
      releaseVolunteer(tx, volunteer.id, now);
      detail = `first-timer ${auditName(firstTimer)} did not come to meet ${auditName(volunteer)}; the volunteer has room again`;
    }
    writeAudit(tx, { eventId: event.id, organizerId: args.organizerId, action: 'no-show', detail, at: now });
    return {
      ok: true,
      participantIds: [...changed],
      board: true,
      rematch: rematch && { pairId: rematch.pairId, volunteerId: rematch.volunteerId },
    };
  }, immediate);
}

export function rematchNow(
  db: Db,
  event: Event,
  args: { firstTimerId: number; organizerId: number | null; now: Date },
): PairResult<{ rematch: { pairId: number; volunteerId: number } | null }> {
  return db.transaction((tx) => {
    const firstTimer = findPerson(tx, event.id, args.firstTimerId, 'first_timer');
    if (!firstTimer) return refuse('not-found');
    if (!isHere(firstTimer)) return refuse('not-present');
    const changed = new Set([firstTimer.id]);
    const current = livePairOfFirstTimer(tx, firstTimer.id);
    let ended = '';
    if (current) {
      endPair(tx, current, { status: 'cancelled', now: args.now });
      releaseVolunteer(tx, current.volunteerId, args.now);
      changed.add(current.volunteerId);
      const old = findPerson(tx, event.id, current.volunteerId);
      ended = `ended the pair with ${old ? auditName(old) : `#${current.volunteerId}`}; `;
    }
    // the buddy they had is not the one to give them again
    const exclude = current ? [current.volunteerId] : [];
    const outcome = rematchInTx(tx, event, firstTimer.id, { excludeVolunteerIds: exclude, now: args.now });
    if (outcome) changed.add(outcome.volunteerId);
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'rematch',
      detail: ended + rematchText(outcome, firstTimer),
      at: args.now,
    });
    return {
      ok: true,
      participantIds: [...changed],
      board: current !== undefined || outcome !== null,
      rematch: outcome && { pairId: outcome.pairId, volunteerId: outcome.volunteerId },
    };
  }, immediate);
}

export function unpair(db: Db, event: Event, args: { pairId: number; organizerId: number; now: Date }): PairResult {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, args.pairId);
    if (!pair) return refuse('not-found');
    if (!isLive(pair)) return refuse('not-live');
    const people = peopleById(tx, [pair.firstTimerId, pair.volunteerId]);
    endPair(tx, pair, { status: 'cancelled', now: args.now });
    // the first-timer lost a buddy through no fault of their own, so they go first next round
    tx.update(participants)
      .set({ status: 'present', waitingSince: args.now, updatedAt: args.now })
      .where(and(eq(participants.id, pair.firstTimerId), eq(participants.status, 'matched')))
      .run();
    releaseVolunteer(tx, pair.volunteerId, args.now);
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'unpair',
      detail: `unpaired ${auditName(people.get(pair.firstTimerId)!)} and ${auditName(people.get(pair.volunteerId)!)}`,
      at: args.now,
    });
    return { ok: true, participantIds: [pair.firstTimerId, pair.volunteerId], board: true };
  }, immediate);
}

/** Score and reasons of a hand-made pair, as the matcher would explain it ("pinned by an organizer", …). */
function explainPinned(conn: Conn, event: Event, firstTimer: Participant, volunteer: Participant) {
  const [f, v] = loadProfiles(conn, [firstTimer, volunteer]);
  const parsed = parseInstance({
    firstTimers: [toMatcherFirstTimer(f!)],
    volunteers: [{ ...toMatcherVolunteer(v!, 1, 0), load: undefined }],
    weights: event.settings.weights,
    pinned: [[String(firstTimer.id), String(volunteer.id)]],
  });
  if (!parsed.ok) return { score: 0, reasons: [pinnedReason] };
  const pair = matchInstance(parsed.instance, { labels: loadLabels(conn, event.id) }).pairs[0];
  return pair ? { score: pair.score, reasons: pair.reasons } : { score: 0, reasons: [pinnedReason] };
}

export function pinPair(
  db: Db,
  event: Event,
  args: { firstTimerId: number; volunteerId: number; organizerId: number; now: Date },
): PairResult<{ pairId: number }> {
  return db.transaction((tx) => {
    const firstTimer = findPerson(tx, event.id, args.firstTimerId, 'first_timer');
    const volunteer = findPerson(tx, event.id, args.volunteerId, 'volunteer');
    if (!firstTimer || !volunteer) return refuse('not-found');
    if (!isHere(firstTimer) || !isHere(volunteer)) return refuse('not-present');
    if (livePairOfFirstTimer(tx, firstTimer.id)) return refuse('already-paired');
    if (isForbidden(tx, event.id, firstTimer.id, volunteer.id)) return refuse('forbidden');
    if (countLivePairsOf(tx, volunteer.id) >= volunteer.capacity) return refuse('full');
    const pair = createLivePair(tx, event, {
      firstTimerId: firstTimer.id,
      volunteerId: volunteer.id,
      ...explainPinned(tx, event, firstTimer, volunteer),
      pinned: true,
      roundId: null,
      now: args.now,
    });
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'pin',
      detail: `paired ${auditName(firstTimer)} with ${auditName(volunteer)} by hand`,
      at: args.now,
    });
    return { ok: true, participantIds: [firstTimer.id, volunteer.id], board: true, pairId: pair.id };
  }, immediate);
}

export function forbidPair(
  db: Db,
  event: Event,
  args: { firstTimerId: number; volunteerId: number; organizerId: number; now: Date },
): PairResult {
  return db.transaction((tx) => {
    const firstTimer = findPerson(tx, event.id, args.firstTimerId, 'first_timer');
    const volunteer = findPerson(tx, event.id, args.volunteerId, 'volunteer');
    if (!firstTimer || !volunteer) return refuse('not-found');
    tx.insert(forbiddenPairs)
      .values({ eventId: event.id, firstTimerId: firstTimer.id, volunteerId: volunteer.id, createdAt: args.now })
      .onConflictDoNothing()
      .run();
    let detail = `never pair ${auditName(firstTimer)} with ${auditName(volunteer)}`;
    const current = livePairOfFirstTimer(tx, firstTimer.id);
    if (!current || current.volunteerId !== volunteer.id) {
      writeAudit(tx, { eventId: event.id, organizerId: args.organizerId, action: 'forbid', detail, at: args.now });
      return { ok: true, participantIds: [], board: false };
    }
    endPair(tx, current, { status: 'cancelled', now: args.now });
    releaseVolunteer(tx, volunteer.id, args.now);
    const outcome = rematchInTx(tx, event, firstTimer.id, { excludeVolunteerIds: [volunteer.id], now: args.now });
    detail += `; their pair ended; ${rematchText(outcome, firstTimer)}`;
    writeAudit(tx, { eventId: event.id, organizerId: args.organizerId, action: 'forbid', detail, at: args.now });
    const changed = new Set([firstTimer.id, volunteer.id]);
    if (outcome) changed.add(outcome.volunteerId);
    return { ok: true, participantIds: [...changed], board: true };
  }, immediate);
}

export function movePair(
  db: Db,
  event: Event,
  args: { pairId: number; spotId: number; organizerId: number; now: Date },
): PairResult {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, args.pairId);
    if (!pair) return refuse('not-found');
    if (!isLive(pair)) return refuse('not-live');
    const spot = tx
      .select()
      .from(meetupSpots)
      .where(and(eq(meetupSpots.id, args.spotId), eq(meetupSpots.eventId, event.id)))
      .get();
    if (!spot) return refuse('not-found');
    // a volunteer's first-timers meet together, so the whole group moves
    const group = tx
      .select()
      .from(pairs)
      .where(and(eq(pairs.volunteerId, pair.volunteerId), inArray(pairs.status, [...liveStatuses])))
      .all()
      .filter((p) => p.id === pair.id || (p.meetAt?.getTime() ?? null) === (pair.meetAt?.getTime() ?? null));
    tx.update(pairs)
      .set({ spotId: spot.id })
      .where(inArray(pairs.id, group.map((p) => p.id)))
      .run();
    const people = peopleById(tx, group.flatMap((p) => [p.firstTimerId, p.volunteerId]));
    const names = group.map((p) => `${auditName(people.get(p.firstTimerId)!)} with ${auditName(people.get(p.volunteerId)!)}`);
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'move',
      detail: `moved ${names.join(', ')} to ${spot.name}`,
      at: args.now,
    });
    return { ok: true, participantIds: [...people.keys()], board: true };
  }, immediate);
}
