// Meetup spots and the event's timing: what the organizer sets up before the doors open and
// adjusts on the day. Each change is one transaction with its audit-log line.
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { events, meetupSpots, type EventSettings } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { writeAudit } from './audit.ts';
import { defaultEventSettings, type Event, type MeetupSpot } from './events.ts';

const text = (min: number, max: number, messages: { empty?: string; long: string }) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string())
    .pipe(z.string().min(min, messages.empty ?? messages.long).max(max, messages.long));

// a number field arrives as text; anything but plain digits is refused with the field's own message
const wholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d{1,6}\s*$/.test(v) ? Number(v) : undefined),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );

export const spotFormSchema = z.object({
  name: text(1, 80, { empty: 'Give the spot a name', long: 'Keep the name to 80 characters' }),
  directions: text(0, 300, { long: 'Keep the directions to 300 characters' }),
  pairsAtOnce: wholeNumber(1, 50, 'Enter a whole number of pairs from 1 to 50'),
});
export type SpotInput = z.infer<typeof spotFormSchema>;

export const timingFormSchema = z.object({
  slotMinutes: wholeNumber(5, 60, 'Enter a slot length from 5 to 60 minutes'),
  leadMinutes: wholeNumber(0, 30, 'Enter from 0 to 30 minutes'),
  graceMinutes: wholeNumber(0, 60, 'Enter a grace period from 0 to 60 minutes'),
  // an empty field (or "off") turns automatic rounds off
  autoRoundMinutes: z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && /^\s*(off)?\s*$/i.test(v)) ? null : v),
    wholeNumber(2, 60, 'Leave empty for off, or enter from 2 to 60 minutes').nullable(),
  ),
  // an unticked checkbox is simply absent from the form
  autoRematch: z.preprocess((v) => v !== undefined && v !== '', z.boolean()),
});
export type TimingInput = z.infer<typeof timingFormSchema>;

export type SpotField = keyof SpotInput;
export type TimingField = keyof TimingInput;

export function listSpots(db: Conn, eventId: number): MeetupSpot[] {
  return db
    .select()
    .from(meetupSpots)
    .where(eq(meetupSpots.eventId, eventId))
    .orderBy(asc(meetupSpots.position), asc(meetupSpots.id))
    .all();
}

const describeSpot = (s: Pick<MeetupSpot, 'id' | 'name' | 'pairsAtOnce'>) =>
  `${s.name} (#${s.id}), ${s.pairsAtOnce} ${s.pairsAtOnce === 1 ? 'pair' : 'pairs'} at once`;

export function addSpot(
  db: Db,
  args: { eventId: number; organizerId: number; spot: SpotInput; now: Date },
): MeetupSpot {
  return db.transaction(
    (tx) => {
      const last = tx
        .select({ position: sql<number | null>`max(${meetupSpots.position})` })
        .from(meetupSpots)
        .where(eq(meetupSpots.eventId, args.eventId))
        .get();
      const spot = tx
        .insert(meetupSpots)
        .values({ eventId: args.eventId, ...args.spot, position: (last?.position ?? -1) + 1 })
        .returning()
        .get();
      writeAudit(tx, {
        eventId: args.eventId,
        organizerId: args.organizerId,
        action: 'spot-added',
        detail: describeSpot(spot),
        at: args.now,
      });
      return spot;
    },
    { behavior: 'immediate' },
  );
}

export type UpdateSpotResult = { ok: true; spot: MeetupSpot } | { ok: false; reason: 'not-found' };

/** Pairs already placed at the spot keep their time; a smaller capacity applies to new pairs. */
export function updateSpot(
  db: Db,
  args: { eventId: number; spotId: number; organizerId: number; spot: SpotInput; now: Date },
): UpdateSpotResult {
  return db.transaction(
    (tx) => {
      const spot = tx
        .update(meetupSpots)
        .set(args.spot)
        .where(and(eq(meetupSpots.id, args.spotId), eq(meetupSpots.eventId, args.eventId)))
        .returning()
        .get();
      if (!spot) return { ok: false, reason: 'not-found' } as const;
      writeAudit(tx, {
        eventId: args.eventId,
        organizerId: args.organizerId,
        action: 'spot-updated',
        detail: describeSpot(spot),
        at: args.now,
      });
      return { ok: true, spot } as const;
    },
    { behavior: 'immediate' },
  );
}

export type UpdateTimingResult = { ok: true; settings: EventSettings } | { ok: false; reason: 'not-found' };

export function updateEventTiming(
  db: Db,
  args: { eventId: number; organizerId: number; timing: TimingInput; now: Date },
): UpdateTimingResult {
  return db.transaction(
    (tx) => {
      const event = tx.select().from(events).where(eq(events.id, args.eventId)).get();
      if (!event) return { ok: false, reason: 'not-found' } as const;
      // the other settings (weights, lists) are kept as they are
      const settings: EventSettings = { ...defaultEventSettings(event.settings), ...args.timing };
      tx.update(events).set({ settings }).where(eq(events.id, event.id)).run();
      const t = args.timing;
      writeAudit(tx, {
        eventId: args.eventId,
        organizerId: args.organizerId,
        action: 'timing-updated',
        detail:
          `slots of ${t.slotMinutes} min, ${t.leadMinutes} min to walk there, ${t.graceMinutes} min grace, ` +
          `auto rounds ${t.autoRoundMinutes === null ? 'off' : `every ${t.autoRoundMinutes} min`}, ` +
          `auto rematch ${t.autoRematch ? 'on' : 'off'}`,
        at: args.now,
      });
      return { ok: true, settings } as const;
    },
    { behavior: 'immediate' },
  );
}

/** The timing part of an event's settings, as the form shows it. */
export function eventTiming(event: Pick<Event, 'settings'>): TimingInput {
  const s = defaultEventSettings(event.settings);
  return {
    slotMinutes: s.slotMinutes,
    leadMinutes: s.leadMinutes,
    graceMinutes: s.graceMinutes,
    autoRoundMinutes: s.autoRoundMinutes,
    autoRematch: s.autoRematch,
  };
}
