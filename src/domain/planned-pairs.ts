// The pre-event round and its planned pairs. Before the conference, organizers run a round over
// the people who registered and are not here yet; it is reviewed, published or discarded like the
// day's rounds (rounds.ts calls publishPlannedRound for such a round). A published pair is
// 'planned': both personal pages show the buddy-to-be and both get an introduction e-mail, but
// there is no spot or time. When both have checked in it goes live with a meetup; if one has not
// checked in by the event's hold time it is released and whoever is here goes first in line.
// Either person, or an organizer, may end a planned pair. While it holds, the day's rounds leave
// its first-timer alone and its volunteer's place taken (live-pairs.ts: loadPlannedHolds).
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { events, matchRounds, pairs, participants, type EventSettings, type RoundProposal } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { introductionMail } from '../mail/introduction.ts';
import { bestAvailableReason, matchInstance, parseInstance, pinnedReason, type IdPair } from '../matcher/index.ts';
import { auditName, writeAudit } from './audit.ts';
import { defaultEventSettings, type Event } from './events.ts';
import { committeeSignature } from './feedback-invitations.ts';
import {
  countLoads,
  createMeetupPlanner,
  immediate,
  livePairOfFirstTimer,
  loadLivePairs,
  loadPlannedHolds,
  spotName,
  type LivePairRow,
  type MeetupPlanner,
  type PairChange,
} from './live-pairs.ts';
import { enqueueMail } from './mail-outbox.ts';
import { loadForbidden, loadLabels, loadProfiles, toMatcherFirstTimer, toMatcherVolunteer } from './matching-input.ts';
import { checkInParticipant, findPerson, isHere, loadEventPeople, peopleById, peopleInEvent, personalLink, type Participant, type Person } from './participants.ts';
import { preparedOnce } from './prepared.ts';
import { insertProposedRound, speakNoCommonLanguage } from './round-proposals.ts';
import { firstName, publicName, type PublicName } from './public-name.ts';
import { instantOf } from './wall-time.ts';

export const introductionKind = 'introduction';

type Round = typeof matchRounds.$inferSelect;

// ---------------------------------------------------------------------------------------------
// The hold time

const holdTimePattern = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** The hold-time form: "HH:MM" (a 24-hour clock, "9:30" too), or empty for "hold all day". */
export const plannedHoldFormSchema = z.object({
  plannedHoldUntil: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.union([
      z.literal('').transform(() => null),
      z
        .string()
        .regex(holdTimePattern, 'Enter a time such as 10:30 (24-hour clock), or leave it empty')
        .transform((s) => {
          const [, h, m] = holdTimePattern.exec(s)!;
          return `${h!.padStart(2, '0')}:${m}`;
        }),
    ], { error: 'Enter a time such as 10:30 (24-hour clock), or leave it empty' }),
  ),
});
export type PlannedHoldInput = z.infer<typeof plannedHoldFormSchema>;

/** When planned pairs not yet live are released: the hold time on the event's first day, in its zone; null = never. */
export function plannedHoldEndsAt(event: Pick<Event, 'settings' | 'startsOn' | 'timezone'>): Date | null {
  const hold = defaultEventSettings(event.settings).plannedHoldUntil;
  if (!hold || !holdTimePattern.test(hold)) return null;
  return instantOf(`${event.startsOn.slice(0, 10)}T${hold}`, event.timezone);
}

export function updatePlannedHold(
  db: Db,
  args: { eventId: number; organizerId: number; hold: PlannedHoldInput; now: Date },
): { ok: true; settings: EventSettings } | { ok: false; reason: 'not-found' } {
  return db.transaction((tx) => {
    const event = tx.select().from(events).where(eq(events.id, args.eventId)).get();
    if (!event) return { ok: false, reason: 'not-found' } as const;
    const settings: EventSettings = { ...defaultEventSettings(event.settings), plannedHoldUntil: args.hold.plannedHoldUntil };
    tx.update(events).set({ settings }).where(eq(events.id, event.id)).run();
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'planned-hold-updated',
      detail: args.hold.plannedHoldUntil
        ? `planned pairs hold until ${args.hold.plannedHoldUntil} on ${event.startsOn}`
        : 'planned pairs hold until an organizer ends them',
      at: args.now,
    });
    return { ok: true, settings } as const;
  }, immediate);
}

/** "11:00 AM on Wednesday, October 14", for the introduction e-mail. */
function holdText(event: Event): string | null {
  const at = plannedHoldEndsAt(event);
  if (!at) return null;
  try {
    const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: event.timezone }).format(at);
    const day = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: event.timezone }).format(at);
    return `${time} on ${day}`.replace(/\u202f/g, ' ');
  } catch {
    return `${at.toISOString().slice(11, 16)} UTC on ${event.startsOn}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Proposing and publishing

/** Someone a pre-event round is for: registered, not checked in, not gone (an erased person keeps 'registered'). */
const notHereYet = (p: Participant) => p.status === 'registered' && p.erasedAt === null;

/**
 * Runs the matcher over first-timers who registered and are not here yet, without a planned
 * buddy, and volunteers likewise with room left after their planned pairs. Stored as a proposal
 * of kind 'pre-event', to review, publish or discard like any round.
 */
export function proposePreEventRound(
  db: Db,
  event: Event,
  args: { organizerId: number | null; now: Date },
): { ok: true; round: Round } | { ok: false; reason: 'nobody-waiting' | 'hold-passed' } {
  // pairs planned after the hold time would be released at the ticker's next pass
  const holdEnds = plannedHoldEndsAt(event);
  if (holdEnds !== null && args.now.getTime() >= holdEnds.getTime()) return { ok: false, reason: 'hold-passed' };
  return db.transaction((tx) => {
    const holds = loadPlannedHolds(tx, event.id);
    const firstTimers = loadEventPeople(tx, event.id, 'first_timer').filter((f) => notHereYet(f) && !holds.firstTimerIds.has(f.id));
    if (firstTimers.length === 0) return { ok: false, reason: 'nobody-waiting' } as const;
    const volunteers = loadEventPeople(tx, event.id, 'volunteer')
      .filter(notHereYet)
      .map((v) => ({ v, room: Math.max(0, v.capacity - (holds.places.get(v.id) ?? 0)) }))
      .filter((x) => x.room > 0);
    const inRound = new Set([...firstTimers.map((f) => f.id), ...volunteers.map((x) => x.v.id)]);
    const forbidden = loadForbidden(tx, event.id).filter((f) => inRound.has(f.firstTimerId) && inRound.has(f.volunteerId));
    const labels = loadLabels(tx, event.id);
    const rooms = new Map(volunteers.map((x) => [x.v.id, x.room]));
    const parsed = parseInstance({
      firstTimers: loadProfiles(tx, firstTimers).map(toMatcherFirstTimer),
      volunteers: loadProfiles(tx, volunteers.map((x) => x.v)).map((p) => {
        const { load: _load, ...volunteer } = toMatcherVolunteer(p, rooms.get(p.participant.id)!, 0);
        return volunteer;
      }),
      weights: event.settings.weights,
      forbidden: forbidden.map((f): IdPair => [String(f.firstTimerId), String(f.volunteerId)]),
    });
    if (!parsed.ok) throw new Error(`matcher input from the database is invalid: ${parsed.problems.join('; ')}`);
    const result = matchInstance(parsed.instance, { labels });
    const newPairs: RoundProposal['pairs'] = result.pairs.map((p) => ({
      firstTimerId: Number(p.firstTimer),
      volunteerId: Number(p.volunteer),
      score: p.score,
      reasons: p.reasons,
    }));
    const byId = new Map(firstTimers.map((f) => [f.id, f]));
    const forbiddenKeys = new Set(forbidden.map((f) => `${f.firstTimerId}:${f.volunteerId}`));
    const unmatched = result.unmatched.map((id) => {
      const f = byId.get(Number(id))!;
      const allowed = volunteers.filter((x) => !forbiddenKeys.has(`${f.id}:${x.v.id}`));
      const reason =
        volunteers.length === 0
          ? 'no volunteer registered with room'
          : allowed.length === 0
            ? 'forbidden with every volunteer with room'
            : allowed.every((x) => speakNoCommonLanguage(f.languages, x.v.languages))
              ? 'no shared language with a volunteer with room'
              : 'others were a better fit this round';
      return { firstTimerId: f.id, reason };
    });
    const round = insertProposedRound(tx, {
      eventId: event.id,
      kind: 'pre-event',
      trigger: 'organizer',
      organizerId: args.organizerId,
      proposal: { pairs: newPairs, unmatched, objective: result.objective },
      now: args.now,
      action: 'propose-pre-event-round',
      detail: (id) => `proposed pre-event round #${id}: ${newPairs.length} planned pairs, ${unmatched.length} unmatched`,
    });
    return { ok: true, round } as const;
  }, immediate);
}

/**
 * Publishes a proposed pre-event round inside the caller's transaction: each pair still possible
 * becomes 'planned' and both people get an introduction e-mail.
 */
export function publishPlannedRound(
  tx: Conn,
  event: Event,
  round: Round,
  args: { organizerId: number | null; now: Date; publicUrl?: string | undefined },
): { ok: true; published: number; skipped: number; mailed: number } & PairChange {
  const holds = loadPlannedHolds(tx, event.id);
  const forbidden = new Set(loadForbidden(tx, event.id).map((f) => `${f.firstTimerId}:${f.volunteerId}`));
  const changed = new Set<number>();
  let published = 0;
  let skipped = 0;
  let mailed = 0;
  // everything the checks need, read once, as publishRound does for a day's round
  const people = peopleInEvent(tx, event.id, round.proposal.pairs.flatMap((p) => [p.firstTimerId, p.volunteerId]));
  const live = loadLivePairs(tx, event.id);
  const liveFirstTimers = new Set(live.map((p) => p.firstTimerId));
  const liveLoads = countLoads(live);
  const person = (id: number, role: Participant['role']) => {
    const p = people.get(id);
    return p && p.role === role ? p : undefined;
  };
  for (const proposed of round.proposal.pairs) {
    const firstTimer = person(proposed.firstTimerId, 'first_timer');
    const volunteer = person(proposed.volunteerId, 'volunteer');
    // the world moved since the proposal: someone arrived, left, was planned or forbidden
    const stillPossible =
      firstTimer !== undefined &&
      volunteer !== undefined &&
      notHereYet(firstTimer) &&
      notHereYet(volunteer) &&
      !holds.firstTimerIds.has(firstTimer.id) &&
      !liveFirstTimers.has(firstTimer.id) &&
      (liveLoads.get(volunteer.id) ?? 0) + (holds.places.get(volunteer.id) ?? 0) < volunteer.capacity &&
      !forbidden.has(`${firstTimer.id}:${volunteer.id}`) &&
      !speakNoCommonLanguage(firstTimer.languages, volunteer.languages);
    if (!stillPossible) {
      skipped++;
      continue;
    }
    const pair = tx
      .insert(pairs)
      .values({
        eventId: event.id,
        roundId: round.id,
        firstTimerId: firstTimer.id,
        volunteerId: volunteer.id,
        status: 'planned',
        score: proposed.score,
        reasons: proposed.reasons,
        createdAt: args.now,
      })
      .returning()
      .get();
    holds.firstTimerIds.add(firstTimer.id);
    holds.places.set(volunteer.id, (holds.places.get(volunteer.id) ?? 0) + 1);
    mailed += queueIntroductions(tx, event, pair, firstTimer, volunteer, args.publicUrl ?? '', args.now);
    published++;
    changed.add(firstTimer.id).add(volunteer.id);
  }
  tx.update(matchRounds)
    .set({ status: 'published', publishedAt: args.now, matchedCount: published })
    .where(eq(matchRounds.id, round.id))
    .run();
  writeAudit(tx, {
    eventId: event.id,
    organizerId: args.organizerId,
    action: 'publish-pre-event-round',
    detail:
      `published pre-event round #${round.id}: ${published} planned pairs, ${mailed} introduction e-mails` +
      (skipped > 0 ? `, ${skipped} skipped as no longer possible` : ''),
    at: args.now,
  });
  return { ok: true, published, skipped, mailed, participantIds: [...changed], board: false };
}

/** The reasons the two of them see: never the organizers' pin, nor "the best buddy with room". */
const reasonsForThem = (reasons: string[]) => reasons.filter((r) => r !== pinnedReason && r !== bestAvailableReason);

/** Contact details go only where both said yes. */
const sharedEmail = (me: Participant, buddy: Participant) => (me.consentContact && buddy.consentContact && buddy.email ? buddy.email : null);

function queueIntroductions(
  tx: Conn,
  event: Event,
  pair: LivePairRow,
  firstTimer: Participant,
  volunteer: Participant,
  publicUrl: string,
  now: Date,
): number {
  let written = 0;
  for (const [me, buddy] of [
    [firstTimer, volunteer],
    [volunteer, firstTimer],
  ] as const) {
    if (!me.email) continue;
    const { subject, text } = introductionMail({
      eventName: event.name,
      to: { role: me.role, firstName: firstName(me.name), personalLink: personalLink(publicUrl, event, me.token) },
      buddy: {
        publicName: publicName(buddy.name),
        pronouns: buddy.pronouns,
        bio: buddy.role === 'volunteer' ? buddy.bio : '',
        email: sharedEmail(me, buddy),
      },
      reasons: reasonsForThem(pair.reasons),
      holdUntil: holdText(event),
      signature: committeeSignature(event),
    });
    const queued = enqueueMail(
      tx,
      {
        eventId: event.id,
        to: me.email,
        participantId: me.id,
        kind: introductionKind,
        dedupeKey: `pair:${pair.id}:participant:${me.id}`,
        subject,
        text,
      },
      now,
    );
    if (queued.ok) written++;
  }
  return written;
}

// ---------------------------------------------------------------------------------------------
// Going live, being released, being ended

function plannedPairsOf(conn: Conn, eventId: number, participantId?: number): LivePairRow[] {
  return conn
    .select()
    .from(pairs)
    .where(
      and(
        eq(pairs.eventId, eventId),
        eq(pairs.status, 'planned'),
        participantId === undefined ? undefined : or(eq(pairs.firstTimerId, participantId), eq(pairs.volunteerId, participantId)),
      ),
    )
    .orderBy(asc(pairs.id))
    .all();
}

/** The volunteer a first-timer is planned with, or null. */
export function plannedVolunteerOf(conn: Conn, eventId: number, firstTimerId: number): number | null {
  return plannedPairsOf(conn, eventId, firstTimerId).find((p) => p.firstTimerId === firstTimerId)?.volunteerId ?? null;
}

/** Both are here: the planned pair gets its meetup (the volunteer's first-timers meet together) and goes live. */
function goLive(tx: Conn, event: Event, pair: LivePairRow, people: Map<number, Participant>, planner: MeetupPlanner, now: Date): void {
  const firstTimer = people.get(pair.firstTimerId)!;
  const volunteer = people.get(pair.volunteerId)!;
  if (livePairOfFirstTimer(tx, firstTimer.id)) {
    // an organizer paired the first-timer by hand meanwhile: that pair stands, the plan lapses
    tx.update(pairs).set({ status: 'cancelled', endedAt: now }).where(eq(pairs.id, pair.id)).run();
    writeAudit(tx, {
      eventId: event.id,
      organizerId: null,
      action: 'planned-pair-released',
      detail: `planned pair of ${auditName(firstTimer)} and ${auditName(volunteer)} lapsed: the first-timer already has a buddy`,
      at: now,
    });
    return;
  }
  const meetup = planner.assign(volunteer.id);
  tx.update(pairs).set({ status: 'published', spotId: meetup.spotId, meetAt: meetup.meetAt }).where(eq(pairs.id, pair.id)).run();
  tx.update(participants)
    .set({ status: 'matched', waitingSince: null, updatedAt: now })
    .where(inArray(participants.id, [firstTimer.id, volunteer.id]))
    .run();
  const where = spotName(tx, meetup.spotId);
  writeAudit(tx, {
    eventId: event.id,
    organizerId: null,
    action: 'planned-pair-live',
    detail: `${auditName(firstTimer)} and ${auditName(volunteer)} have both checked in: their planned pair is live${where ? ` at ${where}` : ''}`,
    at: now,
  });
}

/**
 * After someone checks in: each planned pair of theirs whose other person is here too goes live,
 * with a spot and time. Returns whose pages changed (both of each planned pair: the one on the way
 * now reads that their buddy-to-be is here) and whether the board did.
 */
export function goLiveWhenBothHere(db: Db, event: Event, participantId: number, now: Date): PairChange {
  return db.transaction((tx) => {
    const planned = plannedPairsOf(tx, event.id, participantId);
    if (planned.length === 0) return { participantIds: [], board: false };
    const people = peopleById(tx, planned.flatMap((p) => [p.firstTimerId, p.volunteerId]));
    const ready = planned.filter((p) => isHere(people.get(p.firstTimerId)!) && isHere(people.get(p.volunteerId)!));
    if (ready.length > 0) {
      const planner = createMeetupPlanner(tx, event, now);
      for (const pair of ready) goLive(tx, event, pair, people, planner, now);
    }
    // a buddy-to-be still on the way sees on their page that this one is here
    return { participantIds: [...new Set(planned.flatMap((p) => [p.firstTimerId, p.volunteerId]))], board: ready.length > 0 };
  }, immediate);
}

/**
 * The desk's check-in: someone is here now, and each of their planned pairs whose other person is
 * here too goes live. The participant returned is as stored afterwards ('matched' when it did).
 */
export function checkInForPlannedPairs(db: Db, event: Event, participant: Participant, now: Date): { participant: Participant; change: PairChange } {
  const checkedIn = checkInParticipant(db, participant, now);
  const change = goLiveWhenBothHere(db, event, checkedIn.id, now);
  return { participant: change.board ? (findPerson(db, event.id, checkedIn.id) ?? checkedIn) : checkedIn, change };
}

/**
 * An organizer paired the first-timer by hand while a planned pair held them: the plan lapses,
 * inside the caller's transaction. Returns the volunteer it was planned with, whose page changes.
 */
export function lapsePlannedPairOf(tx: Conn, event: Event, firstTimerId: number, now: Date): number | null {
  const [planned] = plannedPairsOf(tx, event.id, firstTimerId).filter((p) => p.firstTimerId === firstTimerId);
  if (!planned) return null;
  tx.update(pairs).set({ status: 'cancelled', endedAt: now }).where(eq(pairs.id, planned.id)).run();
  const people = peopleById(tx, [planned.firstTimerId, planned.volunteerId]);
  writeAudit(tx, {
    eventId: event.id,
    organizerId: null,
    action: 'planned-pair-released',
    detail: `planned pair of ${auditName(people.get(planned.firstTimerId)!)} and ${auditName(people.get(planned.volunteerId)!)} lapsed: the first-timer was paired by hand`,
    at: now,
  });
  return planned.volunteerId;
}

/** A first-timer here whose plan fell through goes first in the next round (an earlier wait keeps its place). */
function firstInLine(tx: Conn, firstTimer: Participant, now: Date): void {
  if (firstTimer.status !== 'present' || livePairOfFirstTimer(tx, firstTimer.id)) return;
  tx.update(participants)
    .set({ waitingSince: firstTimer.waitingSince ?? now, updatedAt: now })
    .where(and(eq(participants.id, firstTimer.id), isNull(participants.waitingSince)))
    .run();
}

/**
 * What the ticker does for planned pairs: any whose two people are both here go live (a check-in
 * path that did not say so is caught here), and once the hold time has passed the others are
 * released — whoever of the two is here goes into the day's rounds, a first-timer first in line.
 */
export function runDuePlannedPairs(db: Db, event: Event, now: Date): PairChange {
  return db.transaction((tx) => {
    const planned = plannedPairsOf(tx, event.id);
    if (planned.length === 0) return { participantIds: [], board: false };
    const people = peopleById(tx, planned.flatMap((p) => [p.firstTimerId, p.volunteerId]));
    const bothHere = (p: LivePairRow) => isHere(people.get(p.firstTimerId)!) && isHere(people.get(p.volunteerId)!);
    const ready = planned.filter(bothHere);
    const holdEnds = plannedHoldEndsAt(event);
    const due = holdEnds !== null && now.getTime() >= holdEnds.getTime() ? planned.filter((p) => !bothHere(p)) : [];
    if (ready.length === 0 && due.length === 0) return { participantIds: [], board: false };
    if (ready.length > 0) {
      const planner = createMeetupPlanner(tx, event, now);
      for (const pair of ready) goLive(tx, event, pair, people, planner, now);
    }
    for (const pair of due) {
      const firstTimer = people.get(pair.firstTimerId)!;
      const volunteer = people.get(pair.volunteerId)!;
      tx.update(pairs).set({ status: 'cancelled', endedAt: now }).where(eq(pairs.id, pair.id)).run();
      firstInLine(tx, firstTimer, now);
      const missing = [firstTimer, volunteer].filter((p) => !isHere(p)).map(auditName);
      writeAudit(tx, {
        eventId: event.id,
        organizerId: null,
        action: 'planned-pair-released',
        detail: `released the planned pair of ${auditName(firstTimer)} and ${auditName(volunteer)}: ${missing.join(' and ')} had not checked in by ${event.settings.plannedHoldUntil}`,
        at: now,
      });
    }
    const changed = new Set([...ready, ...due].flatMap((p) => [p.firstTimerId, p.volunteerId]));
    return { participantIds: [...changed], board: ready.length > 0 };
  }, immediate);
}

/** A planned pair one of whose two left, and the one who stays (null when both left). */
export type LeftPlan = { pairId: number; stays: Participant | null };

/**
 * People leave before their planned pairs went live (they erased their data, or an organizer
 * withdrew them): those plans end, inside the caller's transaction, and whoever stays is free for
 * the day's rounds — a first-timer already here first in line. The caller tells them.
 */
export function endPlannedPairsOfLeaving(tx: Conn, eventId: number, leavingIds: number[], now: Date): LeftPlan[] {
  const leaving = new Set(leavingIds);
  // every planned pair of the event, filtered here: a retention purge passes everyone
  const ended = plannedPairsOf(tx, eventId).filter((p) => leaving.has(p.firstTimerId) || leaving.has(p.volunteerId));
  if (ended.length === 0) return [];
  tx.update(pairs)
    .set({ status: 'cancelled', endedAt: now })
    .where(inArray(pairs.id, ended.map((p) => p.id)))
    .run();
  const people = peopleById(tx, ended.flatMap((p) => [p.firstTimerId, p.volunteerId]));
  return ended.map((pair) => {
    const staysId = [pair.firstTimerId, pair.volunteerId].find((id) => !leaving.has(id));
    const stays = staysId === undefined ? null : (people.get(staysId) ?? null);
    if (stays?.role === 'first_timer') firstInLine(tx, stays, now);
    return { pairId: pair.id, stays };
  });
}

export type PlannedRefusal = 'not-found' | 'not-planned';

/**
 * Ends a planned pair inside the caller's transaction. Asked by one of the two ("I'd like a
 * different buddy"), the pair is marked so no round pairs them again; the other is not told why.
 */
export function endPlannedPairInTx(
  tx: Conn,
  event: Event,
  pair: LivePairRow,
  by: { participant: Participant } | { organizerId: number },
  now: Date,
): ({ ok: true; firstTimer: Person; volunteer: Person } & PairChange) | { ok: false; reason: PlannedRefusal } {
  if ('participant' in by && pair.firstTimerId !== by.participant.id && pair.volunteerId !== by.participant.id) {
    return { ok: false, reason: 'not-found' };
  }
  if (pair.status !== 'planned') return { ok: false, reason: 'not-planned' };
  const people = peopleById(tx, [pair.firstTimerId, pair.volunteerId]);
  const firstTimer = people.get(pair.firstTimerId)!;
  const volunteer = people.get(pair.volunteerId)!;
  const asked = 'participant' in by;
  tx.update(pairs)
    .set({ status: 'cancelled', endedAt: now, ...(asked ? { differentBuddyAt: now } : {}) })
    .where(eq(pairs.id, pair.id))
    .run();
  firstInLine(tx, firstTimer, now);
  writeAudit(tx, {
    eventId: event.id,
    organizerId: asked ? null : by.organizerId,
    action: 'end-planned-pair',
    detail: asked
      ? `${auditName(by.participant)} asked for a different buddy: ended the planned pair of ${auditName(firstTimer)} and ${auditName(volunteer)}; they will not be paired again`
      : `ended the planned pair of ${auditName(firstTimer)} and ${auditName(volunteer)}`,
    at: now,
  });
  return {
    ok: true,
    firstTimer: { id: firstTimer.id, name: firstTimer.name },
    volunteer: { id: volunteer.id, name: volunteer.name },
    participantIds: [firstTimer.id, volunteer.id],
    board: false,
  };
}

/** An organizer ends a planned pair from the planned pairs page. */
export function endPlannedPair(db: Db, event: Event, args: { pairId: number; organizerId: number; now: Date }) {
  return db.transaction((tx) => {
    const pair = tx
      .select()
      .from(pairs)
      .where(and(eq(pairs.id, args.pairId), eq(pairs.eventId, event.id)))
      .get();
    if (!pair) return { ok: false, reason: 'not-found' } as const;
    return endPlannedPairInTx(tx, event, pair, { organizerId: args.organizerId }, args.now);
  }, immediate);
}

// ---------------------------------------------------------------------------------------------
// What pages show

/** A buddy-to-be on a personal page: who, why, and (when both agreed) how to write to them. */
export type PlannedBuddyView = {
  pairId: number;
  name: PublicName;
  pronouns: string;
  /** a volunteer's bio; empty for a first-timer */
  bio: string;
  reasons: string[];
  email: string | null;
  /** the buddy-to-be has checked in */
  buddyHere: boolean;
  /** when the plan lapses if one of them has not checked in; null = it holds */
  holdUntil: Date | null;
};

// every status fragment asks, for every phone a change concerns; most people have none
const plannedStatements = preparedOnce((db) => {
  // `status = 'planned'` written out, so SQLite uses the partial index of a first-timer's planned pair
  const planned = (mine: SQL) =>
    db
      .select()
      .from(pairs)
      .where(and(eq(pairs.eventId, sql.placeholder('eventId')), sql`${pairs.status} = 'planned'`, mine))
      .orderBy(asc(pairs.id))
      .prepare();
  return {
    ofFirstTimer: planned(eq(pairs.firstTimerId, sql.placeholder('id'))),
    ofVolunteer: planned(eq(pairs.volunteerId, sql.placeholder('id'))),
  };
});

/** `preloaded.fresh`: `me` was read just now, no need to read it again. */
export function findPlannedBuddies(conn: Conn, event: Event, me: Participant, preloaded?: { fresh: true }): PlannedBuddyView[] {
  const mine = plannedStatements(conn);
  const rows = (me.role === 'first_timer' ? mine.ofFirstTimer : mine.ofVolunteer).all({ eventId: event.id, id: me.id });
  if (rows.length === 0) return [];
  const buddies = peopleById(conn, rows.map((r) => (me.role === 'first_timer' ? r.volunteerId : r.firstTimerId)));
  const fresh = preloaded?.fresh ? me : (findPerson(conn, event.id, me.id) ?? me);
  const holdUntil = plannedHoldEndsAt(event);
  return rows.flatMap((pair) => {
    const buddy = buddies.get(me.role === 'first_timer' ? pair.volunteerId : pair.firstTimerId);
    // erasing ends a plan; should one outlive it, the page still never shows an erased name
    if (!buddy || buddy.erasedAt !== null) return [];
    return {
      pairId: pair.id,
      name: publicName(buddy.name),
      pronouns: buddy.pronouns,
      bio: buddy.role === 'volunteer' ? buddy.bio : '',
      reasons: reasonsForThem(pair.reasons),
      email: sharedEmail(fresh, buddy),
      buddyHere: isHere(buddy),
      holdUntil,
    };
  });
}

/** A planned pair on the organizers' page. */
export type PlannedPairView = {
  pairId: number;
  firstTimer: Person & { here: boolean };
  volunteer: Person & { here: boolean };
  score: number;
  reasons: string[];
  createdAt: Date;
};

export function listPlannedPairs(db: Db, eventId: number): PlannedPairView[] {
  const rows = plannedPairsOf(db, eventId);
  const people = peopleById(db, rows.flatMap((r) => [r.firstTimerId, r.volunteerId]));
  const who = (id: number) => {
    const p = people.get(id)!;
    return { id: p.id, name: p.name, here: isHere(p) };
  };
  return rows.map((r) => ({
    pairId: r.id,
    firstTimer: who(r.firstTimerId),
    volunteer: who(r.volunteerId),
    score: r.score,
    reasons: r.reasons,
    createdAt: r.createdAt,
  }));
}
