import type { Db } from './db.ts';
import { runDuePurges } from './domain/retention.ts';

/**
 * The retention purge, on a timer like the automatic rounds (src/auto-work.ts): at start and then
 * every hour it erases the personal data of each event whose retention period is over. An event
 * is due from the start of its erase day in the event's zone, so in effect it runs once a day;
 * one pass with nothing due is one read of the events.
 */
export function startRetentionJob(deps: { db: Db; now?: () => Date; intervalMs?: number }): () => void {
  const now = deps.now ?? (() => new Date());
  const tick = () => {
    try {
      for (const done of runDuePurges(deps.db, now())) {
        console.log(`Retention: erased the personal data of ${done.erased} people of ${done.event.slug} (due ${done.day}).`);
      }
    } catch (err) {
      // the next pass tries again; a purge is one transaction per event, so nothing is half done
      console.error('retention purge failed:', err);
    }
  };
  tick();
  const timer = setInterval(tick, deps.intervalMs ?? 60 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
