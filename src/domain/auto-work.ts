// What runs by itself on a timer (src/auto-work.ts calls it for every event): automatic rounds,
// proposed and published without review, and automatic rematches after "my buddy isn't here".
// Both are off unless an organizer turns them on under Meetup spots and timing. Also the planned
// pairs of a pre-event round: live once both are here, released at the event's hold time.
import { and, eq, isNotNull } from 'drizzle-orm';
import { pairs } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import type { Event } from './events.ts';
import type { PairChange } from './live-pairs.ts';
import { markNoShow } from './pairs.ts';
import { runDuePlannedPairs } from './planned-pairs.ts';
import { listRounds, proposeRound, publishRound } from './rounds.ts';

const MINUTE = 60_000;

/**
 * What runs by itself on a timer: an auto round (propose + publish) when the event's
 * autoRoundMinutes have passed since the last round, and automatic rematches of "my buddy isn't
 * here" after the grace period when autoRematch is on.
 */
export function runDueAutoWork(db: Db, event: Event, now: Date): PairChange & { roundId: number | null } {
  const changed = new Set<number>();
  let board = false;
  let roundId: number | null = null;
  const merge = (change: PairChange) => {
    for (const id of change.participantIds) changed.add(id);
    board ||= change.board;
  };

  // planned pairs whose two are here go live; past the hold time the rest are released, and a
  // first-timer left here waits at the front of the round below
  merge(runDuePlannedPairs(db, event, now));

  // rematches first: an orphan nobody can take now then waits at the front of the round below
  if (event.settings.autoRematch) {
    const grace = event.settings.graceMinutes * MINUTE;
    const due = db
      .select({ id: pairs.id, buddyMissingAt: pairs.buddyMissingAt })
      .from(pairs)
      .where(and(eq(pairs.eventId, event.id), eq(pairs.status, 'published'), isNotNull(pairs.buddyMissingAt)))
      .orderBy(pairs.buddyMissingAt, pairs.id)
      .all()
      .filter((p) => now.getTime() >= p.buddyMissingAt!.getTime() + grace);
    for (const p of due) {
      const result = markNoShow(db, event, { pairId: p.id, absentee: 'volunteer', organizerId: null, now });
      if (result.ok) merge(result);
    }
  }

  const every = event.settings.autoRoundMinutes;
  if (every !== null && every > 0) {
    const [last] = listRounds(db, event.id, 1);
    if (!last || now.getTime() - last.createdAt.getTime() >= every * MINUTE) {
      const proposed = proposeRound(db, event, { organizerId: null, trigger: 'auto', now });
      if (proposed.ok) {
        roundId = proposed.round.id;
        const result = publishRound(db, event, { roundId, organizerId: null, now });
        if (result.ok) merge(result);
      }
    }
  }
  return { participantIds: [...changed], board, roundId };
}
