// What a participant does with their pair from their phone: "We met", "My buddy isn't here" (from
// the meet time on) and a quiet "I'd like a different buddy" that only organizers see; on a planned
// pair (before the conference) either of the two may ask it, and it ends the plan.
import { eq } from 'drizzle-orm';
import { pairs } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import type { Event } from './events.ts';
import { findPair, immediate, isLive, refuse, type PairResult } from './live-pairs.ts';
import type { Participant } from './participants.ts';
import { endPlannedPairInTx } from './planned-pairs.ts';

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
    // a planned pair (pre-event round) is ended by either of the two, and not made again
    if (pair?.status === 'planned') {
      const ended = endPlannedPairInTx(tx, event, pair, { participant: me }, now);
      return ended.ok ? { ok: true, participantIds: ended.participantIds, board: false } : refuse('not-found');
    }
    if (!pair || pair.firstTimerId !== me.id) return refuse('not-found');
    if (!isLive(pair)) return refuse('not-live');
    if (pair.differentBuddyAt !== null) return { ok: true, participantIds: [], board: false };
    tx.update(pairs).set({ differentBuddyAt: now }).where(eq(pairs.id, pair.id)).run();
    // quiet: the volunteer's page must not change
    return { ok: true, participantIds: [pair.firstTimerId], board: false };
  }, immediate);
}
