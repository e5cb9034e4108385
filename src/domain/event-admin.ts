// What organizers do with whole events: create one with sensible defaults, change its details,
// archive it when the program is over (and restore it), delete it for good. Each is one
// transaction with its audit-log line; a deleted event's line is kept without the event.
import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { events, mailOutbox, pairs, participants } from '../../db/schema.ts';
import type { Db, Tx } from '../db.ts';
import { slugPattern } from '../form-input.ts';
import { writeAudit } from './audit.ts';
import { insertEvent, listEvents, type Event } from './events.ts';
import { feedbackWindow, type FeedbackWindow } from './feedback.ts';
import { isKnownTimeZone } from './time-zones.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const longestEventDays = 31;

const text = (max: number, messages: { empty?: string; long: string }) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string())
    .pipe(z.string().min(messages.empty ? 1 : 0, messages.empty ?? '').max(max, messages.long));

const realDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T12:00:00Z`).toISOString().slice(0, 10) === d;
const day = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().refine((d) => realDay(d) && d >= '2000-01-01' && d <= '2099-12-31', message));

/** Longest text each field takes; a refused form echoes back no more than this. */
export const eventFieldLimits = { name: 120, slug: 63, venue: 120, timezone: 64, startsOn: 10, endsOn: 10, retentionDays: 4 } as const;

const retentionMessage = 'Enter the days to keep personal data after the event, from 0 to 3650';

export const eventFormSchema = z
  .object({
    name: text(eventFieldLimits.name, { empty: 'Give the event a name', long: `Keep the name to ${eventFieldLimits.name} characters` }),
    slug: z
      .preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string())
      .pipe(
        z
          .string()
          .min(1, 'Choose the short name that goes in the event’s addresses, e.g. rla-2026')
          .regex(slugPattern, 'Use lowercase letters, digits and hyphens, starting with a letter or digit, at most 63 characters'),
      ),
    venue: text(eventFieldLimits.venue, { long: `Keep the venue to ${eventFieldLimits.venue} characters` }),
    timezone: z.preprocess(
      (v) => (typeof v === 'string' ? v : ''),
      z.string().refine(isKnownTimeZone, 'Choose the time zone the conference is in from the list'),
    ),
    startsOn: day('Enter the first day as a date, e.g. 2026-10-14'),
    endsOn: day('Enter the last day as a date, e.g. 2026-10-15'),
    // left out (an older form, a script): the default period
    retentionDays: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : '90'),
      z.string().regex(/^\d{1,4}$/, retentionMessage).transform(Number).pipe(z.number().max(3650, retentionMessage)),
    ),
  })
  .superRefine((v, ctx) => {
    if (!realDay(v.startsOn) || !realDay(v.endsOn)) return;
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The last day cannot be before the first day' });
    else if ((Date.parse(v.endsOn) - Date.parse(v.startsOn)) / DAY_MS >= longestEventDays) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `An event can last at most ${longestEventDays} days` });
    }
  });

export type EventDetails = z.infer<typeof eventFormSchema>;
export type EventField = keyof EventDetails;

// What a new event starts with, for the organizer to edit: a handful of common interests and
// choices, the default weights and timing, and one meetup spot, so the desk works from the start.
export const newEventStart = {
  interests: [
    'Cataloging & metadata',
    'Youth & teen services',
    'Reference & instruction',
    'Library technology',
    'Management & leadership',
    'Advocacy & policy',
    'Archives & special collections',
    'Outreach & community engagement',
  ],
  regions: ['North', 'South', 'East', 'West', 'Central', 'Out of state'],
  languages: ['English', 'Spanish', 'French', 'ASL'],
  spots: [{ name: 'Spot A', directions: 'By the registration desk', pairsAtOnce: 6 }],
};

function slugTaken(tx: Tx, slug: string, exceptId?: number): boolean {
  const mine = exceptId === undefined ? eq(events.slug, slug) : and(eq(events.slug, slug), ne(events.id, exceptId));
  return tx.select({ id: events.id }).from(events).where(mine).get() !== undefined;
}

type Acting = { organizerId: number; now: Date };

export type CreateEventResult = { ok: true; event: Event } | { ok: false; reason: 'slug-taken' };

export function setUpEvent(db: Db, args: Acting & { details: EventDetails }): CreateEventResult {
  return db.transaction(
    (tx): CreateEventResult => {
      if (slugTaken(tx, args.details.slug)) return { ok: false, reason: 'slug-taken' };
      const event = insertEvent(tx, { ...args.details, ...newEventStart, sessions: [] }, args.now);
      writeAudit(tx, {
        eventId: event.id,
        organizerId: args.organizerId,
        action: 'event-created',
        detail: `${event.name} (${event.slug}), ${event.startsOn} to ${event.endsOn}, ${event.timezone}`,
        at: args.now,
      });
      return { ok: true, event };
    },
    { behavior: 'immediate' },
  );
}

export type UpdateEventResult = { ok: true; event: Event; changed: string[] } | { ok: false; reason: 'slug-taken' | 'not-found' };

const detailWords: Record<EventField, string> = {
  name: 'name',
  slug: 'address',
  venue: 'venue',
  timezone: 'time zone',
  startsOn: 'first day',
  endsOn: 'last day',
  retentionDays: 'days personal data is kept',
};

export function updateEventDetails(db: Db, args: Acting & { eventId: number; details: EventDetails }): UpdateEventResult {
  return db.transaction(
    (tx): UpdateEventResult => {
      const before = tx.select().from(events).where(eq(events.id, args.eventId)).get();
      if (!before) return { ok: false, reason: 'not-found' };
      if (slugTaken(tx, args.details.slug, before.id)) return { ok: false, reason: 'slug-taken' };
      const fields = Object.keys(detailWords) as EventField[];
      const changed = fields.filter((f) => before[f] !== args.details[f]);
      const event = tx.update(events).set(args.details).where(eq(events.id, before.id)).returning().get();
      if (changed.length > 0) {
        writeAudit(tx, {
          eventId: event.id,
          organizerId: args.organizerId,
          action: 'event-updated',
          detail: changed.map((f) => `${detailWords[f]}: ${before[f] || '—'} → ${event[f] || '—'}`).join('; '),
          at: args.now,
        });
      }
      return { ok: true, event, changed: changed.map((f) => detailWords[f]) };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Why archiving now would cut something off, if it would: the conference is still running (its
 * desk, board and registration close), or feedback is still open (personal pages close, and with
 * them the feedback form and the letters).
 */
export function archiveWarning(event: Pick<Event, 'endsOn' | 'timezone' | 'settings' | 'feedbackOpenedAt'>, now: Date): FeedbackWindow | null {
  const window = feedbackWindow(event, now);
  return window.state === 'closed' ? null : window;
}

export type ArchiveResult =
  | { ok: true; skippedMail: number }
  | { ok: false; reason: 'already-archived' | 'not-found' }
  | { ok: false; reason: 'still-running'; window: FeedbackWindow };

/** Read-only for organizers and off the public addresses; mail still waiting about it is not sent. */
export function archiveEvent(db: Db, args: Acting & { eventId: number; anyway: boolean }): ArchiveResult {
  return db.transaction(
    (tx): ArchiveResult => {
      const event = tx.select().from(events).where(eq(events.id, args.eventId)).get();
      if (!event) return { ok: false, reason: 'not-found' };
      if (event.archivedAt) return { ok: false, reason: 'already-archived' };
      const warning = archiveWarning(event, args.now);
      if (warning && !args.anyway) return { ok: false, reason: 'still-running', window: warning };
      tx.update(events).set({ archivedAt: args.now }).where(eq(events.id, event.id)).run();
      const skipped = tx
        .update(mailOutbox)
        .set({ status: 'skipped', lastError: 'the event was archived' })
        .where(and(eq(mailOutbox.eventId, event.id), eq(mailOutbox.status, 'queued')))
        .returning({ id: mailOutbox.id })
        .all().length;
      writeAudit(tx, {
        eventId: event.id,
        organizerId: args.organizerId,
        action: 'event-archived',
        detail: `${warning ? `while feedback was ${warning.state === 'open' ? 'open' : 'not yet open'}; ` : ''}${skipped} waiting messages not sent`,
        at: args.now,
      });
      return { ok: true, skippedMail: skipped };
    },
    { behavior: 'immediate' },
  );
}

export function restoreEvent(db: Db, args: Acting & { eventId: number }): { ok: boolean } {
  return db.transaction(
    (tx) => {
      const restored = tx.update(events).set({ archivedAt: null }).where(eq(events.id, args.eventId)).returning().get();
      if (!restored) return { ok: false };
      writeAudit(tx, { eventId: restored.id, organizerId: args.organizerId, action: 'event-restored', detail: '', at: args.now });
      return { ok: true };
    },
    { behavior: 'immediate' },
  );
}

export type DeleteEventResult = { ok: true; name: string; people: number } | { ok: false; reason: 'confirmation' | 'not-found' };

/** Everything of the event goes (people, pairs, mail, answers); the audit line that says so stays, about no event. */
export function deleteEvent(db: Db, args: Acting & { eventId: number; confirmation: string }): DeleteEventResult {
  return db.transaction(
    (tx): DeleteEventResult => {
      const event = tx.select().from(events).where(eq(events.id, args.eventId)).get();
      if (!event) return { ok: false, reason: 'not-found' };
      if (args.confirmation.trim() !== event.slug) return { ok: false, reason: 'confirmation' };
      const people = tx.select({ n: count() }).from(participants).where(eq(participants.eventId, event.id)).get()?.n ?? 0;
      tx.delete(events).where(eq(events.id, event.id)).run();
      writeAudit(tx, {
        eventId: null,
        organizerId: args.organizerId,
        action: 'event-deleted',
        detail: `${event.name} (${event.slug}), ${event.startsOn} to ${event.endsOn}, with ${people} ${people === 1 ? 'person' : 'people'}`,
        at: args.now,
      });
      return { ok: true, name: event.name, people };
    },
    { behavior: 'immediate' },
  );
}

export type EventCountsSummary = { firstTimers: number; volunteers: number; here: number; pairs: number };
export type EventSummary = Event & { counts: EventCountsSummary };

/** Every event with its people and pairs, for the organizer's list. */
export function listEventSummaries(db: Db): EventSummary[] {
  const people = db
    .select({ eventId: participants.eventId, role: participants.role, status: participants.status, n: count() })
    .from(participants)
    .groupBy(participants.eventId, participants.role, participants.status)
    .all();
  const livePairs = db
    .select({ eventId: pairs.eventId, n: count() })
    .from(pairs)
    .where(inArray(pairs.status, ['published', 'met']))
    .groupBy(pairs.eventId)
    .all();
  return listEvents(db).map((event) => {
    const mine = people.filter((p) => p.eventId === event.id);
    const sum = (rows: typeof mine) => rows.reduce((n, r) => n + r.n, 0);
    return {
      ...event,
      counts: {
        firstTimers: sum(mine.filter((p) => p.role === 'first_timer')),
        volunteers: sum(mine.filter((p) => p.role === 'volunteer')),
        here: sum(mine.filter((p) => p.status === 'present' || p.status === 'matched')),
        pairs: livePairs.find((p) => p.eventId === event.id)?.n ?? 0,
      },
    };
  });
}
