import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import {
  events,
  interests,
  meetupSpots,
  programSessions,
  type EventSettings,
} from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';

export type Event = typeof events.$inferSelect;
export type Interest = typeof interests.$inferSelect;
export type ProgramSession = typeof programSessions.$inferSelect;
export type MeetupSpot = typeof meetupSpots.$inferSelect;
export type EventCatalog = { interests: Interest[]; sessions: ProgramSession[]; spots: MeetupSpot[] };

export const defaultLibraryTypes = [
  'Public',
  'Academic',
  'School',
  'Special',
  'Archives & museums',
  'LIS student',
  'Other',
];

export function defaultEventSettings(overrides: Partial<EventSettings> = {}): EventSettings {
  return {
    weights: { interests: 3, sessions: 2, libraryType: 1, region: 1, requested: 10, extraSlot: 1 },
    slotMinutes: 15,
    leadMinutes: 5,
    graceMinutes: 10,
    autoRoundMinutes: null,
    autoRematch: false,
    libraryTypes: defaultLibraryTypes,
    regions: [],
    languages: ['English', 'Spanish'],
    feedbackDays: 21,
    feedbackReminderDays: 7,
    letter: { association: '', signerName: '', signerTitle: '', text: '' },
    ...overrides,
  };
}

export type NewEvent = {
  slug: string;
  name: string;
  venue?: string;
  timezone?: string;
  startsOn: string;
  endsOn: string;
  settings?: Partial<EventSettings>;
  interests: string[];
  sessions: { code: string; title: string; room?: string; startsAt: string; endsAt: string }[];
  spots: { name: string; directions?: string; pairsAtOnce?: number }[];
};

export function createEvent(db: Db, input: NewEvent, now: Date): Event {
  return db.transaction(
    (tx) => {
      const event = tx
        .insert(events)
        .values({
          slug: input.slug,
          name: input.name,
          venue: input.venue ?? '',
          timezone: input.timezone ?? 'UTC',
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          settings: defaultEventSettings(input.settings),
          createdAt: now,
        })
        .returning()
        .get();
      if (input.interests.length > 0) {
        tx.insert(interests)
          .values(input.interests.map((label, position) => ({ eventId: event.id, label, position })))
          .run();
      }
      if (input.sessions.length > 0) {
        tx.insert(programSessions)
          .values(input.sessions.map((s) => ({ eventId: event.id, room: '', ...s })))
          .run();
      }
      if (input.spots.length > 0) {
        tx.insert(meetupSpots)
          .values(input.spots.map((s, position) => ({ eventId: event.id, position, ...s })))
          .run();
      }
      return event;
    },
    { behavior: 'immediate' },
  );
}

// settings written by an older version lack newer keys; the defaults fill them in
function withDefaults(event: Event): Event {
  return { ...event, settings: defaultEventSettings(event.settings) };
}

export function findEventBySlug(db: Db, slug: string): Event | undefined {
  const event = db.select().from(events).where(eq(events.slug, slug)).get();
  return event && withDefaults(event);
}

export function listEvents(db: Db): Event[] {
  return db.select().from(events).orderBy(asc(events.startsOn), asc(events.name)).all().map(withDefaults);
}

/** What people choose from besides the program: the labels a profile's fields must come from. */
export type EventChoices = {
  libraryTypes: string[];
  /** empty: the region is free text */
  regions: string[];
  languages: string[];
  interests: Pick<Interest, 'id' | 'label'>[];
};

/** The event's lists of choices, in their order; the one place that knows where each is kept. */
export function loadEventChoices(conn: Conn, event: Pick<Event, 'id' | 'settings'>): EventChoices {
  const settings = defaultEventSettings(event.settings);
  return {
    libraryTypes: settings.libraryTypes,
    regions: settings.regions,
    languages: settings.languages,
    interests: conn
      .select({ id: interests.id, label: interests.label })
      .from(interests)
      .where(eq(interests.eventId, event.id))
      .orderBy(asc(interests.position), asc(interests.id))
      .all(),
  };
}

/** Sessions in the program, and the retired ones in `keep` (those a person chose before they were retired). */
export function offeredSessions(keep: readonly number[] = []): SQL | undefined {
  const inProgram = isNull(programSessions.retiredAt);
  return keep.length > 0 ? or(inProgram, inArray(programSessions.id, [...keep])) : inProgram;
}

/**
 * What people choose from. Sessions a program import retired are left out, except those in
 * `keepSessionIds` (the ones this person already chose), which they still see.
 */
export function loadEventCatalog(db: Db, eventId: number, opts: { keepSessionIds?: readonly number[] } = {}): EventCatalog {
  const keep = opts.keepSessionIds ?? [];
  return {
    interests: db
      .select()
      .from(interests)
      .where(eq(interests.eventId, eventId))
      .orderBy(asc(interests.position), asc(interests.id))
      .all(),
    sessions: db
      .select()
      .from(programSessions)
      .where(and(eq(programSessions.eventId, eventId), offeredSessions(keep)))
      .orderBy(asc(programSessions.startsAt), asc(programSessions.room), asc(programSessions.code))
      .all(),
    spots: db
      .select()
      .from(meetupSpots)
      .where(eq(meetupSpots.eventId, eventId))
      .orderBy(asc(meetupSpots.position), asc(meetupSpots.id))
      .all(),
  };
}
