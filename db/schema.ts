import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`);

export const organizers = sqliteTable('organizers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
});

// Only the SHA-256 of a session id is stored, so a copied database file holds no live logins.
export const organizerSessions = sqliteTable('organizer_sessions', {
  idHash: text('id_hash').primaryKey(),
  organizerId: integer('organizer_id')
    .notNull()
    .references(() => organizers.id, { onDelete: 'cascade' }),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  createdAt: createdAt(),
});

// Server-wide secrets (presence-token HMAC key, one-time organizer setup link) survive restarts.
export const appSecrets = sqliteTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

export type EventSettings = {
  weights: {
    interests: number;
    sessions: number;
    libraryType: number;
    region: number;
    requested: number;
    extraSlot: number;
  };
  slotMinutes: number;
  graceMinutes: number;
  autoRoundMinutes: number | null;
  libraryTypes: string[];
  regions: string[];
  languages: string[];
};

export const events = sqliteTable('events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  venue: text('venue').notNull().default(''),
  timezone: text('timezone').notNull().default('UTC'),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  settings: text('settings', { mode: 'json' }).$type<EventSettings>().notNull(),
  createdAt: createdAt(),
});

export const interests = sqliteTable(
  'interests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('interests_event_label').on(t.eventId, t.label)],
);

// Times are local to the event's timezone ("2026-10-14T10:30"), as printed in the program.
export const programSessions = sqliteTable(
  'program_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    title: text('title').notNull(),
    room: text('room').notNull().default(''),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
  },
  (t) => [uniqueIndex('program_sessions_event_code').on(t.eventId, t.code)],
);

export const meetupSpots = sqliteTable('meetup_spots', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  eventId: integer('event_id')
    .notNull()
    .references(() => events.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  directions: text('directions').notNull().default(''),
  pairsAtOnce: integer('pairs_at_once').notNull().default(6),
  position: integer('position').notNull().default(0),
});

export const participantRoles = ['first_timer', 'volunteer'] as const;
export type ParticipantRole = (typeof participantRoles)[number];
export const participantStatuses = ['registered', 'present', 'matched', 'absent', 'withdrawn'] as const;
export type ParticipantStatus = (typeof participantStatuses)[number];

export const participants = sqliteTable(
  'participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    role: text('role', { enum: participantRoles }).notNull(),
    status: text('status', { enum: participantStatuses }).notNull().default('registered'),
    token: text('token').notNull().unique(),
    deskCode: text('desk_code').notNull(),
    name: text('name').notNull(),
    pronouns: text('pronouns').notNull().default(''),
    email: text('email'),
    affiliation: text('affiliation').notNull().default(''),
    libraryType: text('library_type').notNull().default(''),
    region: text('region').notNull().default(''),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default([]),
    accessibilityNeeds: text('accessibility_needs').notNull().default(''),
    bio: text('bio').notNull().default(''),
    capacity: integer('capacity').notNull().default(0),
    consentContact: integer('consent_contact', { mode: 'boolean' }).notNull().default(false),
    checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('participants_event_desk_code').on(t.eventId, t.deskCode),
    // one record per e-mail per event; SQLite treats NULLs as distinct, so e-mail stays optional
    uniqueIndex('participants_event_email').on(t.eventId, t.email),
    index('participants_event_role_status').on(t.eventId, t.role, t.status),
  ],
);

export const participantInterests = sqliteTable(
  'participant_interests',
  {
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    interestId: integer('interest_id')
      .notNull()
      .references(() => interests.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.interestId] })],
);

export const participantSessions = sqliteTable(
  'participant_sessions',
  {
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => programSessions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.sessionId] })],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'cascade' }),
    organizerId: integer('organizer_id').references(() => organizers.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    detail: text('detail').notNull().default(''),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('audit_log_event_at').on(t.eventId, t.at)],
);
