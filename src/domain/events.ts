import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import {
  events,
  interests,
  meetupSpots,
  programSessions,
  type EventSettings,
} from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { insertProfileChoices, offeredLabels } from './choices.ts';

export type Event = typeof events.$inferSelect;
export type Interest = typeof interests.$inferSelect;
export type ProgramSession = typeof programSessions.$inferSelect;
export type MeetupSpot = typeof meetupSpots.$inferSelect;
/** What a profile's fields choose from besides the program, in order: what is offered, and the retired choices a person already made. */
export type EventChoices = {
  interests: Interest[];
  libraryTypes: string[];
  /** empty: the region is free text */
  regions: string[];
  languages: string[];
};
/** What people choose from, the program and the meeting spots included. */
export type EventCatalog = EventChoices & { sessions: ProgramSession[]; spots: MeetupSpot[] };
/** A person's own choices, which they still see (and keep) after an organizer or an import retired them. */
export type KeptChoices = {
  sessionIds?: readonly number[];
  interestIds?: readonly number[];
  libraryType?: string;
  region?: string;
  languages?: readonly string[];
};

export const defaultLibraryTypes = [
  'Public',
  'Academic',
  'School',
  'Special',
  'Archives & museums',
  'LIS student',
  'Other',
];

export const defaultLanguages = ['English', 'Spanish'];

export function defaultEventSettings(overrides: Partial<EventSettings> = {}): EventSettings {
  return {
    weights: { interests: 3, sessions: 2, libraryType: 1, region: 1, requested: 10, extraSlot: 1 },
    slotMinutes: 15,
    leadMinutes: 5,
    graceMinutes: 10,
    autoRoundMinutes: null,
    autoRematch: false,
    feedbackDays: 21,
    feedbackReminderDays: 7,
    letter: { association: '', signerName: '', signerTitle: '', text: '' },
    plannedHoldUntil: '11:00',
    requestCap: 5,
    presenceCap: 30,
    safety: { codeOfConductUrl: '', contactText: '', contactEmail: '', contactPhone: '' },
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
  /** days personal data is kept after the event; 90 when left out */
  retentionDays?: number;
  settings?: Partial<EventSettings>;
  /** what people choose from; a list left out gets the defaults (no regions: people type their own) */
  libraryTypes?: string[];
  regions?: string[];
  languages?: string[];
  interests: string[];
  sessions: { code: string; title: string; room?: string; startsAt: string; endsAt: string }[];
  spots: { name: string; directions?: string; pairsAtOnce?: number }[];
};

export function createEvent(db: Db, input: NewEvent, now: Date): Event {
  return db.transaction((tx) => insertEvent(tx, input, now), { behavior: 'immediate' });
}

/** The event and everything it starts with, inside the caller's transaction. */
export function insertEvent(tx: Conn, input: NewEvent, now: Date): Event {
  const event = tx
    .insert(events)
    .values({
      slug: input.slug,
      name: input.name,
      venue: input.venue ?? '',
      timezone: input.timezone ?? 'UTC',
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      ...(input.retentionDays === undefined ? {} : { retentionDays: input.retentionDays }),
      settings: defaultEventSettings(input.settings),
      createdAt: now,
    })
    .returning()
    .get();
  insertProfileChoices(tx, event.id, 'library_type', input.libraryTypes ?? defaultLibraryTypes);
  insertProfileChoices(tx, event.id, 'region', input.regions ?? []);
  insertProfileChoices(tx, event.id, 'language', input.languages ?? defaultLanguages);
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
}

// settings written by an older version lack newer keys; the defaults fill them in
export function withDefaults(event: Event): Event {
  return { ...event, settings: defaultEventSettings(event.settings) };
}

export function findEventBySlug(db: Db, slug: string): Event | undefined {
  const event = db.select().from(events).where(eq(events.slug, slug)).get();
  return event && withDefaults(event);
}

export function listEvents(db: Db): Event[] {
  return db.select().from(events).orderBy(asc(events.startsOn), asc(events.name)).all().map(withDefaults);
}

/** Sessions in the program, and the retired ones in `keep` (those a person chose before they were retired). */
export function offeredSessions(keep: readonly number[] = []): SQL | undefined {
  const inProgram = isNull(programSessions.retiredAt);
  return keep.length > 0 ? or(inProgram, inArray(programSessions.id, [...keep])) : inProgram;
}

/** Interests offered, and the retired ones in `keep`. */
export function offeredInterests(keep: readonly number[] = []): SQL | undefined {
  const offered = isNull(interests.retiredAt);
  return keep.length > 0 ? or(offered, inArray(interests.id, [...keep])) : offered;
}

const kept = (value: string | undefined) => (value ? [value] : []);

/**
 * The event's lists of choices, in their order, as offered now; the ones in `keep` (those a
 * person already chose) too, though retired. The one place that knows where each is kept.
 */
export function loadEventChoices(conn: Conn, eventId: number, keep: KeptChoices = {}): EventChoices {
  return {
    interests: conn
      .select()
      .from(interests)
      .where(and(eq(interests.eventId, eventId), offeredInterests(keep.interestIds)))
      .orderBy(asc(interests.position), asc(interests.id))
      .all(),
    libraryTypes: offeredLabels(conn, eventId, 'library_type', kept(keep.libraryType)),
    regions: offeredLabels(conn, eventId, 'region', kept(keep.region)),
    languages: offeredLabels(conn, eventId, 'language', keep.languages),
  };
}

/**
 * What people choose from. Choices an organizer or a program import retired are left out, except
 * those in `keep` (the ones this person already chose), which they still see.
 */
export function loadEventCatalog(db: Conn, eventId: number, opts: { keep?: KeptChoices } = {}): EventCatalog {
  const keep = opts.keep ?? {};
  return {
    ...loadEventChoices(db, eventId, keep),
    sessions: db
      .select()
      .from(programSessions)
      .where(and(eq(programSessions.eventId, eventId), offeredSessions(keep.sessionIds)))
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
