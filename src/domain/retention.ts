// Retention: an event's personal data is kept for its retention period (90 days by default) after
// the event ends, then erased in one go by the daily job (src/retention-job.ts) or by
// `npm run purge`. What stays is anonymous (erasure.ts), so the program report still adds up.
import { and, count, eq, isNull } from 'drizzle-orm';
import { events, mailRecipients, participants } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import { writeAudit } from './audit.ts';
import { anonymizeInTx } from './erasure.ts';
import { listEvents, type Event } from './events.ts';
import { addMinutes, instantOf } from './wall-time.ts';

const DAY_MINUTES = 24 * 60;

export const defaultRetentionDays = 90;

type RetentionEvent = Pick<Event, 'endsOn' | 'timezone' | 'retentionDays'>;

/** The day the personal data goes: the retention period counted from the day after the last day. */
export function personalDataEraseDay(event: RetentionEvent): string {
  return addMinutes(`${event.endsOn}T00:00`, (1 + event.retentionDays) * DAY_MINUTES).slice(0, 10);
}

/** The start of that day in the event's zone. */
export function personalDataEraseAt(event: RetentionEvent): Date {
  return instantOf(`${personalDataEraseDay(event)}T00:00`, event.timezone);
}

/** What the dashboard says: when it will happen, or when it did. */
export type RetentionState = { state: 'due-on'; day: string } | { state: 'erased'; at: Date };

export function retentionState(event: RetentionEvent & Pick<Event, 'personalDataErasedAt'>): RetentionState {
  return event.personalDataErasedAt ? { state: 'erased', at: event.personalDataErasedAt } : { state: 'due-on', day: personalDataEraseDay(event) };
}

export type DuePurge = { event: Event; day: string; people: number };

/** The events whose retention period is over and whose personal data is still there (someone who registered late included). */
export function listDuePurges(db: Db, now: Date): DuePurge[] {
  return listEvents(db)
    .filter((e) => personalDataEraseAt(e) <= now)
    .map((event) => ({
      event,
      day: personalDataEraseDay(event),
      people:
        db
          .select({ n: count() })
          .from(participants)
          .where(and(eq(participants.eventId, event.id), isNull(participants.erasedAt)))
          .get()?.n ?? 0,
    }))
    .filter((d) => d.event.personalDataErasedAt === null || d.people > 0);
}

/** Erases the personal data of everyone of the event who is not erased yet, in one transaction. */
export function purgeEvent(db: Db, event: Event, now: Date): number {
  return db.transaction(
    (tx) => {
      const people = tx
        .select({ id: participants.id, name: participants.name, email: participants.email })
        .from(participants)
        .where(and(eq(participants.eventId, event.id), isNull(participants.erasedAt)))
        .all();
      anonymizeInTx(tx, event.id, people, now);
      // every address the event wrote to, and the messages with it
      tx.delete(mailRecipients).where(eq(mailRecipients.eventId, event.id)).run();
      tx.update(events).set({ personalDataErasedAt: event.personalDataErasedAt ?? now }).where(eq(events.id, event.id)).run();
      writeAudit(tx, {
        eventId: event.id,
        organizerId: null,
        action: 'retention-purge',
        detail: `erased the personal data of ${people.length} ${people.length === 1 ? 'person' : 'people'}, ${event.retentionDays} days after the event; anonymous counts kept`,
        at: now,
      });
      return people.length;
    },
    { behavior: 'immediate' },
  );
}

/** What the daily job and `npm run purge` do: every due event, each in its own transaction. */
export function runDuePurges(db: Db, now: Date): (DuePurge & { erased: number })[] {
  return listDuePurges(db, now).map((due) => ({ ...due, erased: purgeEvent(db, due.event, now) }));
}
