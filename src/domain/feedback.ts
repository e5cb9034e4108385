// Feedback after the conference: when it is open, the three-tap answer each person gives (one per
// person, changed in place until it closes), and the organizer's settings for how long it stays
// open. The invitations and the reminder are in feedback-invitations.ts.
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import {
  events,
  feedbackAgainAnswers,
  feedbackMetAnswers,
  feedbackResponses,
  participants,
  type EventSettings,
} from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { writeAudit } from './audit.ts';
import { defaultEventSettings, type Event } from './events.ts';
import type { Participant } from './participants.ts';
import { addMinutes, instantOf, wallTimeIn } from './wall-time.ts';

export type FeedbackResponse = typeof feedbackResponses.$inferSelect;

type WindowEvent = Pick<Event, 'endsOn' | 'timezone' | 'settings' | 'feedbackOpenedAt'>;

export type FeedbackWindow = {
  state: 'not-yet' | 'open' | 'closed';
  opensAt: Date;
  /** the end of the last day it is open, in the event's zone */
  closesAt: Date;
  /** that last day, "2026-11-05", for saying "until Thursday, November 5" */
  lastDay: string;
};

const DAY_MINUTES = 24 * 60;

/** Midnight after the event's last day, in its own time zone: when feedback opens by itself. */
export function eventEndsAt(event: Pick<Event, 'endsOn' | 'timezone'>): Date {
  return instantOf(addMinutes(`${event.endsOn}T00:00`, DAY_MINUTES), event.timezone);
}

/**
 * Feedback opens when the event ends, or earlier when an organizer opens it, and stays open for
 * the event's feedbackDays whole days, counted from the day it opened (in the event's zone), so
 * everyone is told a date rather than a time of day.
 */
export function feedbackWindow(event: WindowEvent, now: Date): FeedbackWindow {
  const endsAt = eventEndsAt(event);
  const opened = event.feedbackOpenedAt;
  const opensAt = opened && opened < endsAt ? opened : endsAt;
  const days = defaultEventSettings(event.settings).feedbackDays;
  const firstDay = wallTimeIn(opensAt, event.timezone).slice(0, 10);
  const closesAt = instantOf(addMinutes(`${firstDay}T00:00`, days * DAY_MINUTES), event.timezone);
  const lastDay = addMinutes(`${firstDay}T00:00`, (days - 1) * DAY_MINUTES).slice(0, 10);
  const state = now < opensAt ? 'not-yet' : now < closesAt ? 'open' : 'closed';
  return { state, opensAt, closesAt, lastDay };
}

/** After the event (or once an organizer opened feedback): letters may be printed, feedback given. */
export function isEventOver(event: WindowEvent, now: Date): boolean {
  return feedbackWindow(event, now).state !== 'not-yet';
}

// --- the form ---

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v : undefined), z.enum(values, { error: message }));

export const feedbackFormSchema = z
  .object({
    met: choice(feedbackMetAnswers, 'Choose whether you met: no, once or more than once'),
    // an empty choice is no rating; anything else must be a whole star count
    rating: z.preprocess(
      (v) => (v === undefined || v === '' ? null : typeof v === 'string' && /^[1-5]$/.test(v) ? Number(v) : Number.NaN),
      z.number({ error: 'Choose from 1 to 5' }).int().min(1, 'Choose from 1 to 5').max(5, 'Choose from 1 to 5').nullable(),
    ),
    again: choice(feedbackAgainAnswers, 'Choose yes, maybe or no'),
    comment: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z.string().max(2000, 'Keep the comment to 2000 characters'),
    ),
    // an unticked checkbox is absent from the form
    mayContact: z.preprocess((v) => v !== undefined && v !== '', z.boolean()),
  })
  // someone who never met their buddy may have nothing to rate; everyone else rates the match
  .refine((v) => v.met === 'no' || v.rating !== null, {
    path: ['rating'],
    message: 'Choose how good a match it was, from 1 to 5',
    // also when another question is unanswered, so every missing answer is marked at once
    when: (payload) => payload.issues.every((i) => i.path?.[0] !== 'met' && i.path?.[0] !== 'rating'),
  });

export type FeedbackInput = z.infer<typeof feedbackFormSchema>;
export type FeedbackField = keyof FeedbackInput;

export function findFeedback(db: Db, participantId: number): FeedbackResponse | undefined {
  return db.select().from(feedbackResponses).where(eq(feedbackResponses.participantId, participantId)).get();
}

export type SaveFeedbackResult =
  | { ok: true; created: boolean; window: FeedbackWindow }
  | { ok: false; reason: 'not-open' | 'closed'; window: FeedbackWindow };

/** One answer per person: the first save writes it, later saves change it, until feedback closes. */
export function saveFeedback(db: Db, event: Event, me: Participant, input: FeedbackInput, now: Date): SaveFeedbackResult {
  const window = feedbackWindow(event, now);
  if (window.state === 'not-yet') return { ok: false, reason: 'not-open', window };
  if (window.state === 'closed') return { ok: false, reason: 'closed', window };
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ id: feedbackResponses.id })
        .from(feedbackResponses)
        .where(eq(feedbackResponses.participantId, me.id))
        .get();
      const values = { ...input, updatedAt: now };
      if (existing) {
        tx.update(feedbackResponses).set(values).where(eq(feedbackResponses.id, existing.id)).run();
      } else {
        tx.insert(feedbackResponses)
          .values({ eventId: event.id, participantId: me.id, createdAt: now, ...values })
          .run();
      }
      return { ok: true, created: !existing, window } as const;
    },
    { behavior: 'immediate' },
  );
}

/**
 * The first visit to the personal page once the invitations are out counts as "opened" on the
 * dashboard (only visits after them, so a visit in the seconds before does not hide a later one).
 */
export function recordFeedbackVisit(db: Db, event: Event, me: Participant, now: Date): void {
  if (me.feedbackSeenAt !== null || event.feedbackInvitedAt === null) return;
  if (feedbackWindow(event, now).state !== 'open') return;
  db.update(participants)
    .set({ feedbackSeenAt: now })
    .where(and(eq(participants.id, me.id), isNull(participants.feedbackSeenAt)))
    .run();
}

// --- the organizer's settings ---

const wholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d{1,6}\s*$/.test(v) ? Number(v) : undefined),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );

export const feedbackSettingsSchema = z.object({
  feedbackDays: wholeNumber(1, 90, 'Enter from 1 to 90 days'),
  feedbackReminderDays: wholeNumber(1, 60, 'Enter from 1 to 60 days'),
});
export type FeedbackSettingsInput = z.infer<typeof feedbackSettingsSchema>;
export type FeedbackSettingsField = keyof FeedbackSettingsInput;

export function feedbackSettingsOf(event: Pick<Event, 'settings'>): FeedbackSettingsInput {
  const s = defaultEventSettings(event.settings);
  return { feedbackDays: s.feedbackDays, feedbackReminderDays: s.feedbackReminderDays };
}

/** Merges a part of the event's settings, keeping the rest as it is, in the caller's transaction. */
export function mergeEventSettings(
  tx: Conn,
  eventId: number,
  change: Partial<EventSettings>,
): EventSettings | null {
  const event = tx.select({ settings: events.settings }).from(events).where(eq(events.id, eventId)).get();
  if (!event) return null;
  const settings: EventSettings = { ...defaultEventSettings(event.settings), ...change };
  tx.update(events).set({ settings }).where(eq(events.id, eventId)).run();
  return settings;
}

export function updateFeedbackSettings(
  db: Db,
  args: { eventId: number; organizerId: number; settings: FeedbackSettingsInput; now: Date },
): { ok: true } | { ok: false; reason: 'not-found' } {
  return db.transaction(
    (tx) => {
      if (!mergeEventSettings(tx, args.eventId, args.settings)) return { ok: false, reason: 'not-found' } as const;
      writeAudit(tx, {
        eventId: args.eventId,
        organizerId: args.organizerId,
        action: 'feedback-settings',
        detail: `feedback open for ${args.settings.feedbackDays} days, one reminder after ${args.settings.feedbackReminderDays} days`,
        at: args.now,
      });
      return { ok: true } as const;
    },
    { behavior: 'immediate' },
  );
}
