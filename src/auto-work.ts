import type { Db } from './db.ts';
import { listEvents } from './domain/events.ts';
import { runDueAutoWork } from './domain/auto-work.ts';
import { sendDueFeedbackMail } from './domain/feedback-invitations.ts';
import type { LiveHub } from './live.ts';

/**
 * Checks every event on a timer for automatic rounds and automatic rematches (both off unless an
 * organizer turns them on), and for planned pairs to make live or release at the hold time, and
 * pushes what changed to the live pages; after an event, writes its
 * feedback invitations and reminder to the outbox when they are due. One pass is cheap when there
 * is nothing to do: a few indexed reads per event.
 */
export function startAutoWork(deps: {
  db: Db;
  live: LiveHub;
  /** the base of the personal links in feedback invitations */
  publicUrl: string;
  now?: () => Date;
  intervalMs?: number;
}): () => void {
  const now = deps.now ?? (() => new Date());
  const tick = () => {
    // an archived event is over: no rounds, no mail
    for (const event of listEvents(deps.db).filter((e) => !e.archivedAt)) {
      try {
        const change = runDueAutoWork(deps.db, event, now());
        if (change.participantIds.length > 0 || change.board) {
          deps.live.publish({ eventId: event.id, participantIds: change.participantIds, board: change.board });
        }
      } catch (err) {
        // one event's failure must not stop the others' rounds; the next tick tries again
        console.error(`automatic round for ${event.slug} failed:`, err);
      }
      try {
        sendDueFeedbackMail(deps.db, event, now(), deps.publicUrl);
      } catch (err) {
        console.error(`feedback e-mail for ${event.slug} failed:`, err);
      }
    }
  };
  const timer = setInterval(tick, deps.intervalMs ?? 15_000);
  timer.unref();
  return () => clearInterval(timer);
}
