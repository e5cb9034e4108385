// What organizers do to live pairs on the event day: mark a no-show (and rematch the first-timer
// left alone), rematch now, unpair, pair two people by hand (pinned), forbid a pair, move a pair to
// another spot. Refusals are values; each action is one transaction with its audit-log line, and
// its result names the people, so the page can say what happened without asking again.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { forbiddenPairs, meetupSpots, pairs, participants } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { matchInstance, parseInstance, pinnedReason } from '../matcher/index.ts';
import { auditName, writeAudit } from './audit.ts';
import type { Event } from './events.ts';
import {
  countLivePairsOf,
  createLivePair,
  endPair,
  findPair,
  immediate,
  isForbidden,
  isLive,
  livePairOfFirstTimer,
  liveStatuses,
  loadPlannedHolds,
  refuse,
  rematchInTx,
  releaseVolunteer,
  spotName,
  withoutHeldPlaces,
  type PairResult,
  type Rematched,
} from './live-pairs.ts';
import { loadLabels, loadProfiles, toMatcherFirstTimer, toMatcherVolunteer } from './matching-input.ts';
import { findPerson, isHere, peopleById, type Participant, type Person } from './participants.ts';
import { lapsePlannedPairOf, plannedVolunteerOf } from './planned-pairs.ts';

const person = (p: Participant): Person => ({ id: p.id, name: p.name });

/** The first-timer and the volunteer an organizer named, both of this event, or undefined. */
function namedPair(conn: Conn, event: Event, ids: { firstTimerId: number; volunteerId: number }) {
  const firstTimer = findPerson(conn, event.id, ids.firstTimerId, 'first_timer');
  const volunteer = findPerson(conn, event.id, ids.volunteerId, 'volunteer');
  return firstTimer && volunteer ? { firstTimer, volunteer } : undefined;
}

/** How a rematch reads in the audit log. */
function rematchText(outcome: Rematched | null, firstTimer: Participant): string {
  return outcome
    ? `${auditName(firstTimer)} rematched with ${auditName(outcome.volunteer)}`
    : `${auditName(firstTimer)} waits for the next round: no volunteer free`;
}

export function markNoShow(
  db: Db,
  event: Event,
  args: { pairId: number; absentee: 'first_timer' | 'volunteer'; organizerId: number | null; now: Date },
): PairResult<{ firstTimer: Person; volunteer: Person; rematch: Rematched | null }> {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, args.pairId);
    if (!pair) return refuse('not-found');
    if (!isLive(pair)) return refuse('not-live');
    const people = peopleById(tx, [pair.firstTimerId, pair.volunteerId]);
    const firstTimer = people.get(pair.firstTimerId)!;
    const volunteer = people.get(pair.volunteerId)!;
    const changed = new Set([firstTimer.id, volunteer.id]);
    const { now } = args;
    let rematch: Rematched | null = null;
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
        if (outcome) changed.add(outcome.volunteer.id);
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
    return { ok: true, participantIds: [...changed], board: true, firstTimer: person(firstTimer), volunteer: person(volunteer), rematch };
  }, immediate);
}

export function rematchNow(
  db: Db,
  event: Event,
  args: { firstTimerId: number; organizerId: number | null; now: Date },
): PairResult<{ firstTimer: Person; rematch: Rematched | null }> {
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
    if (outcome) changed.add(outcome.volunteer.id);
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
      firstTimer: person(firstTimer),
      rematch: outcome,
    };
  }, immediate);
}

export function unpair(
  db: Db,
  event: Event,
  args: { pairId: number; organizerId: number; now: Date },
): PairResult<{ firstTimer: Person; volunteer: Person }> {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, args.pairId);
    if (!pair) return refuse('not-found');
    if (!isLive(pair)) return refuse('not-live');
    const people = peopleById(tx, [pair.firstTimerId, pair.volunteerId]);
    const firstTimer = people.get(pair.firstTimerId)!;
    const volunteer = people.get(pair.volunteerId)!;
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
      detail: `unpaired ${auditName(firstTimer)} and ${auditName(volunteer)}`,
      at: args.now,
    });
    return {
      ok: true,
      participantIds: [pair.firstTimerId, pair.volunteerId],
      board: true,
      firstTimer: person(firstTimer),
      volunteer: person(volunteer),
    };
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
): PairResult<{ pairId: number; firstTimer: Person; volunteer: Person; spotName: string; meetAt: Date | null }> {
  return db.transaction((tx) => {
    const named = namedPair(tx, event, args);
    if (!named) return refuse('not-found');
    const { firstTimer, volunteer } = named;
    if (!isHere(firstTimer) || !isHere(volunteer)) return refuse('not-present');
    if (livePairOfFirstTimer(tx, firstTimer.id)) return refuse('already-paired');
    if (isForbidden(tx, event.id, firstTimer.id, volunteer.id)) return refuse('forbidden');
    const live = countLivePairsOf(tx, volunteer.id);
    if (live >= volunteer.capacity) return refuse('full');
    // places planned pairs hold are taken, but for this first-timer's own plan with this volunteer, which this pair replaces
    const holds = loadPlannedHolds(tx, event.id);
    const ownPlan = plannedVolunteerOf(tx, event.id, firstTimer.id) === volunteer.id;
    if (ownPlan) holds.places.set(volunteer.id, (holds.places.get(volunteer.id) ?? 1) - 1);
    if (live >= withoutHeldPlaces([volunteer], holds)[0]!.capacity) return refuse('held');
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
    // a buddy-to-be from the pre-event round is no longer theirs
    const planned = lapsePlannedPairOf(tx, event, firstTimer.id, args.now);
    return {
      ok: true,
      participantIds: [firstTimer.id, volunteer.id, ...(planned !== null && planned !== volunteer.id ? [planned] : [])],
      board: true,
      pairId: pair.id,
      firstTimer: person(firstTimer),
      volunteer: person(volunteer),
      spotName: spotName(tx, pair.spotId),
      meetAt: pair.meetAt,
    };
  }, immediate);
}

export function forbidPair(
  db: Db,
  event: Event,
  args: { firstTimerId: number; volunteerId: number; organizerId: number; now: Date },
): PairResult<{ firstTimer: Person; volunteer: Person; ended: boolean; rematch: Rematched | null }> {
  return db.transaction((tx) => {
    const named = namedPair(tx, event, args);
    if (!named) return refuse('not-found');
    const { firstTimer, volunteer } = named;
    tx.insert(forbiddenPairs)
      .values({ eventId: event.id, firstTimerId: firstTimer.id, volunteerId: volunteer.id, createdAt: args.now })
      .onConflictDoNothing()
      .run();
    let detail = `never pair ${auditName(firstTimer)} with ${auditName(volunteer)}`;
    const current = livePairOfFirstTimer(tx, firstTimer.id);
    if (!current || current.volunteerId !== volunteer.id) {
      writeAudit(tx, { eventId: event.id, organizerId: args.organizerId, action: 'forbid', detail, at: args.now });
      return { ok: true, participantIds: [], board: false, firstTimer: person(firstTimer), volunteer: person(volunteer), ended: false, rematch: null };
    }
    endPair(tx, current, { status: 'cancelled', now: args.now });
    releaseVolunteer(tx, volunteer.id, args.now);
    const outcome = rematchInTx(tx, event, firstTimer.id, { excludeVolunteerIds: [volunteer.id], now: args.now });
    detail += `; their pair ended; ${rematchText(outcome, firstTimer)}`;
    writeAudit(tx, { eventId: event.id, organizerId: args.organizerId, action: 'forbid', detail, at: args.now });
    const changed = new Set([firstTimer.id, volunteer.id]);
    if (outcome) changed.add(outcome.volunteer.id);
    return {
      ok: true,
      participantIds: [...changed],
      board: true,
      firstTimer: person(firstTimer),
      volunteer: person(volunteer),
      ended: true,
      rematch: outcome,
    };
  }, immediate);
}

export function movePair(
  db: Db,
  event: Event,
  args: { pairId: number; spotId: number; organizerId: number; now: Date },
): PairResult<{ firstTimer: Person; volunteer: Person; spotName: string; meetAt: Date | null }> {
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
    return {
      ok: true,
      participantIds: [...people.keys()],
      board: true,
      firstTimer: person(people.get(pair.firstTimerId)!),
      volunteer: person(people.get(pair.volunteerId)!),
      spotName: spot.name,
      meetAt: pair.meetAt,
    };
  }, immediate);
}
