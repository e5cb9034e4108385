import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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

// A one-time link that lets someone create an organizer account. Only the SHA-256 of its token is
// stored, as for sessions; it works once, until it expires or is revoked.
export const organizerInvites = sqliteTable('organizer_invites', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tokenHash: text('token_hash').notNull().unique(),
  /** whom it was meant for, when the inviting organizer said (the invite is e-mailed there too) */
  email: text('email'),
  invitedBy: integer('invited_by').references(() => organizers.id, { onDelete: 'set null' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
  acceptedBy: integer('accepted_by').references(() => organizers.id, { onDelete: 'set null' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
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
  /** a meetup starts at least this many minutes after publishing, so people can walk there */
  leadMinutes: number;
  graceMinutes: number;
  /** run and publish a round by itself every N minutes; null = off */
  autoRoundMinutes: number | null;
  /** rematch a first-timer by itself when "my buddy isn't here" is still open after the grace period */
  autoRematch: boolean;
  /** feedback stays open this many days after it opens */
  feedbackDays: number;
  /** one reminder this many days after the invitations, to those who have not answered */
  feedbackReminderDays: number;
  /** what the volunteers' recognition letters say */
  letter: LetterSettings;
  /**
   * "HH:MM" on the event's first day, in its time zone: a planned pair (from a pre-event round)
   * whose two people have not both checked in by then is released; null = held until ended by hand
   */
  plannedHoldUntil: string | null;
  /** how many first-timers may ask for one volunteer from the directory; beyond it, "no more requests" */
  requestCap: number;
  /** at most this many people are checked in by one presence token (one kiosk, one two-minute window) */
  presenceCap: number;
  /** the code of conduct and whom to reach, shown beside the safety button on personal pages */
  safety: SafetySettings;
};

export type SafetySettings = {
  /** http(s) address of the event's code of conduct, or '' */
  codeOfConductUrl: string;
  /** who to reach and how, in the organizers' words, e.g. "Ask for Maria at the registration desk" */
  contactText: string;
  contactEmail: string;
  contactPhone: string;
};

export type LetterSettings = {
  /** the association that thanks its volunteers, e.g. "Riverlands Library Association" */
  association: string;
  signerName: string;
  signerTitle: string;
  /** a short paragraph of thanks in the committee's own words */
  text: string;
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
  /** an organizer opened feedback before the event's end */
  feedbackOpenedAt: integer('feedback_opened_at', { mode: 'timestamp_ms' }),
  /** the feedback invitations were written to the outbox (once per event) */
  feedbackInvitedAt: integer('feedback_invited_at', { mode: 'timestamp_ms' }),
  /** the one feedback reminder was written to the outbox */
  feedbackRemindedAt: integer('feedback_reminded_at', { mode: 'timestamp_ms' }),
  /** the program is over: read-only for organizers, and its public pages are closed */
  archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
  /** personal data is erased this many days after the event ends (docs/decisions/erasure.md) */
  retentionDays: integer('retention_days').notNull().default(90),
  /** the retention purge erased the event's personal data; only anonymous rows remain */
  personalDataErasedAt: integer('personal_data_erased_at', { mode: 'timestamp_ms' }),
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
    /** no longer offered; kept, shown and counted for the people who chose it */
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('interests_event_label').on(t.eventId, t.label)],
);

export const profileChoiceKinds = ['library_type', 'region', 'language'] as const;
export type ProfileChoiceKind = (typeof profileChoiceKinds)[number];

// The library types, regions and languages people choose from. A participant keeps the label
// itself (participants.library_type, .region, .languages), so a rename rewrites those labels in
// the same transaction: docs/decisions/choices-by-label.md.
export const profileChoices = sqliteTable(
  'profile_choices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: profileChoiceKinds }).notNull(),
    label: text('label').notNull(),
    position: integer('position').notNull().default(0),
    /** no longer offered; kept, shown and counted for the people who chose it */
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('profile_choices_event_kind_label').on(t.eventId, t.kind, t.label)],
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
    track: text('track').notNull().default(''),
    description: text('description').notNull().default(''),
    /** the id or guid the imported program gave it, so a re-import updates it in place */
    sourceId: text('source_id'),
    /** set when a re-import dropped it while someone still planned to attend: kept for them, not offered to others */
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('program_sessions_event_code').on(t.eventId, t.code),
    // SQLite treats NULLs as distinct, so sessions typed in by hand need no source id
    uniqueIndex('program_sessions_event_source').on(t.eventId, t.sourceId),
  ],
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
    /** a volunteer agreed to be shown in the volunteer directory that first-timers browse */
    listed: integer('listed', { mode: 'boolean' }).notNull().default(false),
    checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
    /** set when a rematch found nobody free: this first-timer goes first in the next round */
    waitingSince: integer('waiting_since', { mode: 'timestamp_ms' }),
    /** the first visit to the personal page while feedback was open: "opened" on the dashboard */
    feedbackSeenAt: integer('feedback_seen_at', { mode: 'timestamp_ms' }),
    /** added by an organizer from a pre-registration list, not registered by the person */
    importedAt: integer('imported_at', { mode: 'timestamp_ms' }),
    /** the person (or an organizer on request, or the retention purge) erased their personal data:
     * the row stays, anonymous, so the counts still add up (docs/decisions/erasure.md) */
    erasedAt: integer('erased_at', { mode: 'timestamp_ms' }),
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

// A desk screen an organizer enrolled: only it shows the presence QR. The organizer's one-time
// enrolment code and the key the kiosk keeps in its cookie are stored as SHA-256 hashes only.
export const kiosks = sqliteTable(
  'kiosks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** the one-time enrolment code; cleared when used */
    enrolCodeHash: text('enrol_code_hash').unique(),
    enrolExpiresAt: integer('enrol_expires_at', { mode: 'timestamp_ms' }),
    /** the key in the enrolled kiosk's cookie */
    keyHash: text('key_hash').unique(),
    createdBy: integer('created_by').references(() => organizers.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    enrolledAt: integer('enrolled_at', { mode: 'timestamp_ms' }),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('kiosks_event').on(t.eventId)],
);

// How many people one kiosk's presence token (one two-minute window) has checked in, to cap it.
export const presenceUses = sqliteTable(
  'presence_uses',
  {
    kioskId: integer('kiosk_id')
      .notNull()
      .references(() => kiosks.id, { onDelete: 'cascade' }),
    window: integer('window').notNull(),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.kioskId, t.window] })],
);

export const roundStatuses = ['proposed', 'published', 'discarded'] as const;
/** 'day': over the people here; 'pre-event': over those registered and not yet here, whose pairs are planned */
export const roundKinds = ['day', 'pre-event'] as const;
export type RoundKind = (typeof roundKinds)[number];

export type RoundProposal = {
  pairs: { firstTimerId: number; volunteerId: number; score: number; reasons: string[] }[];
  unmatched: { firstTimerId: number; reason: string }[];
  objective: number;
};

export const matchRounds = sqliteTable(
  'match_rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    status: text('status', { enum: roundStatuses }).notNull().default('proposed'),
    kind: text('kind', { enum: roundKinds }).notNull().default('day'),
    trigger: text('trigger', { enum: ['organizer', 'auto'] }).notNull(),
    organizerId: integer('organizer_id').references(() => organizers.id, { onDelete: 'set null' }),
    proposal: text('proposal', { mode: 'json' }).$type<RoundProposal>().notNull(),
    matchedCount: integer('matched_count').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('match_rounds_event_created').on(t.eventId, t.createdAt)],
);

// 'planned': made by a pre-event round, no spot or time yet; it turns 'published' (live) when both have checked in
export const pairStatuses = ['planned', 'published', 'met', 'no_show', 'cancelled'] as const;
export type PairStatus = (typeof pairStatuses)[number];

export const pairs = sqliteTable(
  'pairs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    roundId: integer('round_id').references(() => matchRounds.id, { onDelete: 'set null' }),
    firstTimerId: integer('first_timer_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    status: text('status', { enum: pairStatuses }).notNull().default('published'),
    score: real('score').notNull().default(0),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull().default([]),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    spotId: integer('spot_id').references(() => meetupSpots.id, { onDelete: 'set null' }),
    meetAt: integer('meet_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    metAt: integer('met_at', { mode: 'timestamp_ms' }),
    /** the first-timer pressed "My buddy isn't here" */
    buddyMissingAt: integer('buddy_missing_at', { mode: 'timestamp_ms' }),
    /** the first-timer quietly asked for a different buddy; only organizers see it */
    differentBuddyAt: integer('different_buddy_at', { mode: 'timestamp_ms' }),
    /** who did not come, when an organizer marked the pair as a no-show */
    noShowParticipantId: integer('no_show_participant_id').references(() => participants.id, { onDelete: 'set null' }),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('pairs_event_status').on(t.eventId, t.status),
    index('pairs_volunteer').on(t.volunteerId),
    // a first-timer has at most one live buddy at a time
    uniqueIndex('pairs_one_live_per_first_timer')
      .on(t.firstTimerId)
      .where(sql`status in ('published', 'met')`),
    // and at most one buddy-to-be
    uniqueIndex('pairs_one_planned_per_first_timer').on(t.firstTimerId).where(sql`status = 'planned'`),
  ],
);

export const forbiddenPairs = sqliteTable(
  'forbidden_pairs',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    firstTimerId: integer('first_timer_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.firstTimerId, t.volunteerId] })],
);

// A first-timer asked for a listed volunteer from the directory: a wish the matcher weighs
// (w.requested), not a booking. At most three per first-timer and a cap per volunteer, checked
// in buddy-requests.ts.
export const buddyRequests = sqliteTable(
  'buddy_requests',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    firstTimerId: integer('first_timer_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    volunteerId: integer('volunteer_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firstTimerId, t.volunteerId] }),
    index('buddy_requests_event_volunteer').on(t.eventId, t.volunteerId),
  ],
);

// One row per address and event (event null: mail about no event), so every message to that
// address carries the same unguessable unsubscribe link and the opt-out lives beside it.
export const mailRecipients = sqliteTable(
  'mail_recipients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'cascade' }),
    /** lower-cased, as participants' e-mails are */
    address: text('address').notNull(),
    unsubscribeToken: text('unsubscribe_token').notNull().unique(),
    unsubscribedAt: integer('unsubscribed_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // NULLs are distinct in a unique index, so mail about no event has its own
  (t) => [
    uniqueIndex('mail_recipients_event_address').on(t.eventId, t.address).where(sql`event_id is not null`),
    uniqueIndex('mail_recipients_no_event_address').on(t.address).where(sql`event_id is null`),
  ],
);

export const mailStatuses = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type MailStatus = (typeof mailStatuses)[number];

export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'cascade' }),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => mailRecipients.id, { onDelete: 'cascade' }),
    // a person who erases their data takes their messages with them
    participantId: integer('participant_id').references(() => participants.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    /** what the message is for, e.g. 'feedback-invite'; also scopes the dedupe key */
    kind: text('kind').notNull(),
    /** the same logical message is enqueued once per event and kind, e.g. 'participant:12' */
    dedupeKey: text('dedupe_key').notNull(),
    /** essential messages still go to someone who unsubscribed */
    essential: integer('essential', { mode: 'boolean' }).notNull().default(false),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    status: text('status', { enum: mailStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** queued: not before this; sending: the claim's lease runs out at this time */
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    /** why the last attempt failed, or why the message was skipped */
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** the Message-ID header, fixed at the first claim so a retry after a crash carries the same one */
    smtpMessageId: text('smtp_message_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('mail_outbox_dedupe').on(t.eventId, t.kind, t.dedupeKey).where(sql`event_id is not null`),
    uniqueIndex('mail_outbox_no_event_dedupe').on(t.kind, t.dedupeKey).where(sql`event_id is null`),
    index('mail_outbox_due').on(t.status, t.nextAttemptAt),
    index('mail_outbox_event_created').on(t.eventId, t.createdAt),
  ],
);

export const feedbackMetAnswers = ['no', 'once', 'more'] as const;
export type FeedbackMet = (typeof feedbackMetAnswers)[number];
export const feedbackAgainAnswers = ['yes', 'maybe', 'no'] as const;
export type FeedbackAgain = (typeof feedbackAgainAnswers)[number];

// One answer per person, changed in place until feedback closes.
export const feedbackResponses = sqliteTable(
  'feedback_responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .unique()
      .references(() => participants.id, { onDelete: 'cascade' }),
    met: text('met', { enum: feedbackMetAnswers }).notNull(),
    /** 1–5; may be left out by someone who did not meet their buddy */
    rating: integer('rating'),
    /** first-timers: volunteer next year; volunteers: volunteer again */
    again: text('again', { enum: feedbackAgainAnswers }).notNull(),
    comment: text('comment').notNull().default(''),
    /** the committee may contact them about next year */
    mayContact: integer('may_contact', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('feedback_responses_event').on(t.eventId)],
);

// What a person's page says once, after something happened to them that no pair shows any more:
// their buddy erased their data and left the program. The text names no one.
export const participantNotices = sqliteTable(
  'participant_notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('participant_notices_participant').on(t.participantId)],
);

// Someone pressed "I don't feel comfortable with this pairing": the pair ended at once and is
// forbidden for good. The row is the organizers' alert until one of them acknowledges it; the
// other person is never told why. The note is the reporter's own, so it goes with them.
export const safetyReports = sqliteTable(
  'safety_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    pairId: integer('pair_id').references(() => pairs.id, { onDelete: 'set null' }),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** the buddy they no longer want to be paired with; null once that person's data is erased */
    otherId: integer('other_id').references(() => participants.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    /** they asked for another buddy at once */
    rematchAsked: integer('rematch_asked', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }),
    acknowledgedBy: integer('acknowledged_by').references(() => organizers.id, { onDelete: 'set null' }),
  },
  (t) => [index('safety_reports_event_open').on(t.eventId, t.acknowledgedAt)],
);
