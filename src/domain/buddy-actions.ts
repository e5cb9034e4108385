// What a participant does with their pair from their phone: "We met", "My buddy isn't here" (from
// the meet time on) and a quiet "I'd like a different buddy" that only organizers see; on a planned
// pair (before the conference) either of the two may ask it, and it ends the plan.
import { eq, sql } from 'drizzle-orm';
import { pairs } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import type { Event } from './events.ts';
import { findPair, immediate, isLive, refuse, type PairResult } from './live-pairs.ts';
import type { Participant } from './participants.ts';
import { endPlannedPairInTx } from './planned-pairs.ts';
import { preparedOnce } from './prepared.ts';

// pressed on phones all morning: each is one read and one write, both compiled once
const statements = preparedOnce((db) => {
  const pairId = eq(pairs.id, sql.placeholder('pairId'));
  const now = sql`${sql.placeholder('now')}`;
  return {
    met: db.update(pairs).set({ status: 'met', metAt: now, buddyMissingAt: null }).where(pairId).prepare(),
    missing: db.update(pairs).set({ buddyMissingAt: now }).where(pairId).prepare(),
    different: db.update(pairs).set({ differentBuddyAt: now }).where(pairId).prepare(),
  };
});

export function confirmMet(db: Db, event: Event, me: Participant, pairId: number, now: Date): PairResult {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, pairId);
    if (!pair || (pair.firstTimerId !== me.id && pair.volunteerId !== me.id)) return refuse('not-found');
    if (pair.status === 'met') return { ok: true, participantIds: [], board: false };
    if (!isLive(pair)) return refuse('not-live');
    // they found each other: a "my buddy isn't here" no longer needs the organizer
    statements(tx).met.run({ pairId: pair.id, now: now.getTime() });
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
    statements(tx).missing.run({ pairId: pair.id, now: now.getTime() });
    return { ok: true, participantIds: [pair.firstTimerId, pair.volunteerId], board: false };
  }, immediate);
}

export function requestDifferentBuddy(db: Db, event: Event, me: Participant, pairId: number, now: Date): PairResult<{ planEnded?: true }> {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, pairId);
    // a planned pair (pre-event round) is ended by either of the two, and not made again
    if (pair?.status === 'planned') {
      const ended = endPlannedPairInTx(tx, event, pair, { participant: me }, now);
      // the page says the plan ended, not that it was "passed on"
      return ended.ok ? { ok: true, participantIds: ended.participantIds, board: false, planEnded: true } : refuse('not-found');
    }
    if (!pair || pair.firstTimerId !== me.id) return refuse('not-found');
    if (!isLive(pair)) return refuse('not-live');
    if (pair.differentBuddyAt !== null) return { ok: true, participantIds: [], board: false };
    statements(tx).different.run({ pairId: pair.id, now: now.getTime() });
    // quiet: the volunteer's page must not change
    return { ok: true, participantIds: [pair.firstTimerId], board: false };
  }, immediate);
}
