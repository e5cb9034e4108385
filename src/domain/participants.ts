import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import {
  auditLog,
  interests,
  participantInterests,
  participantSessions,
  participants,
  programSessions,
} from '../../db/schema.ts';
import type { Conn, Db, Tx } from '../db.ts';
import { offeredSessions, type Event } from './events.ts';
import type { FieldErrors, RegistrationInput } from './registration-schema.ts';
import { newDeskCode, newSecretToken, normalizeDeskCode } from './tokens.ts';

export type Participant = typeof participants.$inferSelect;
export type ParticipantProfile = Participant & { interestIds: number[]; sessionIds: number[] };


export type RegisterResult =
  | { ok: true; participant: Participant }
  | { ok: false; errors: FieldErrors; values: RegistrationInput };

/**
 * Choices must come from the event's own lists; a forged form cannot attach another event's ids.
 * A session retired by a program import is only kept by someone who had already chosen it.
 */
function checkChoices(tx: Conn, event: Event, input: RegistrationInput, chosenBefore: number[] = []): FieldErrors {
  const errors: FieldErrors = {};
  const { libraryTypes, regions, languages } = event.settings;
  if (input.libraryType && !libraryTypes.includes(input.libraryType)) errors.libraryType = 'Choose a library type from the list';
  if (input.region && regions.length > 0 && !regions.includes(input.region)) errors.region = 'Choose a region from the list';
  if (input.languages.some((l) => !languages.includes(l))) errors.languages = 'Choose languages from the list';
  const uniqueInterests = [...new Set(input.interests)];
  if (uniqueInterests.length > 0) {
    const found = tx
      .select({ id: interests.id })
      .from(interests)
      .where(and(eq(interests.eventId, event.id), inArray(interests.id, uniqueInterests)))
      .all();
    if (found.length !== uniqueInterests.length) errors.interests = 'Choose interests from the list';
  }
  const uniqueSessions = [...new Set(input.sessions)];
  if (uniqueSessions.length > 0) {
    const found = tx
      .select({ id: programSessions.id })
      .from(programSessions)
      .where(
        and(
          eq(programSessions.eventId, event.id),
          inArray(programSessions.id, uniqueSessions),
          offeredSessions(chosenBefore),
        ),
      )
      .all();
    if (found.length !== uniqueSessions.length) errors.sessions = 'Choose sessions from the program';
  }
  return errors;
}

function sessionIdsOf(conn: Conn, participantId: number): number[] {
  return conn
    .select({ id: participantSessions.sessionId })
    .from(participantSessions)
    .where(eq(participantSessions.participantId, participantId))
    .all()
    .map((r) => r.id);
}

function profileColumns(input: RegistrationInput) {
  return {
    name: input.name,
    pronouns: input.pronouns,
    email: input.email,
    affiliation: input.affiliation,
    libraryType: input.libraryType,
    region: input.region,
    languages: [...new Set(input.languages)],
    accessibilityNeeds: input.accessibilityNeeds,
    bio: input.role === 'volunteer' ? input.bio : '',
    capacity: input.role === 'volunteer' ? (input.capacity ?? 1) : 0,
    consentContact: input.consentContact,
  };
}

function replaceChoices(tx: Tx, participantId: number, input: RegistrationInput) {
  tx.delete(participantInterests).where(eq(participantInterests.participantId, participantId)).run();
  tx.delete(participantSessions).where(eq(participantSessions.participantId, participantId)).run();
  const interestIds = [...new Set(input.interests)];
  const sessionIds = [...new Set(input.sessions)];
  if (interestIds.length > 0) {
    tx.insert(participantInterests).values(interestIds.map((interestId) => ({ participantId, interestId }))).run();
  }
  if (sessionIds.length > 0) {
    tx.insert(participantSessions).values(sessionIds.map((sessionId) => ({ participantId, sessionId }))).run();
  }
}

function emailTaken(tx: Tx, eventId: number, email: string | null, exceptId?: number): boolean {
  if (email === null) return false;
  const row = tx
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.eventId, eventId), eq(participants.email, email)))
    .get();
  return row !== undefined && row.id !== exceptId;
}

// Saying whose page an e-mail belongs to would let anyone open it, so the message only points to the desk.
const emailTakenMessage =
  'This e-mail is already registered for this conference. Open the personal page you saved, or ask at the registration desk.';

function unusedDeskCode(tx: Tx, eventId: number): string {
  for (;;) {
    const code = newDeskCode();
    const clash = tx
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), eq(participants.deskCode, code)))
      .get();
    if (!clash) return code;
  }
}

export function registerParticipant(
  db: Db,
  event: Event,
  input: RegistrationInput,
  opts: { present: boolean; now: Date },
): RegisterResult {
  return db.transaction(
    (tx) => {
      const errors = checkChoices(tx, event, input);
      if (emailTaken(tx, event.id, input.email)) errors.email = emailTakenMessage;
      if (Object.keys(errors).length > 0) return { ok: false, errors, values: input };
      const participant = tx
        .insert(participants)
        .values({
          eventId: event.id,
          role: input.role,
          status: opts.present ? 'present' : 'registered',
          token: newSecretToken(),
          deskCode: unusedDeskCode(tx, event.id),
          ...profileColumns(input),
          checkedInAt: opts.present ? opts.now : null,
          createdAt: opts.now,
          updatedAt: opts.now,
        })
        .returning()
        .get();
      replaceChoices(tx, participant.id, input);
      return { ok: true, participant };
    },
    { behavior: 'immediate' },
  );
}

export function updateProfile(
  db: Db,
  event: Event,
  participant: Participant,
  input: RegistrationInput,
  now: Date,
): RegisterResult {
  return db.transaction(
    (tx) => {
      const errors = checkChoices(tx, event, input, sessionIdsOf(tx, participant.id));
      if (emailTaken(tx, event.id, input.email, participant.id)) errors.email = emailTakenMessage;
      if (Object.keys(errors).length > 0) return { ok: false, errors, values: input };
      const updated = tx
        .update(participants)
        .set({ ...profileColumns(input), updatedAt: now })
        .where(eq(participants.id, participant.id))
        .returning()
        .get();
      replaceChoices(tx, participant.id, input);
      return { ok: true, participant: updated };
    },
    { behavior: 'immediate' },
  );
}

export function findParticipantByToken(db: Db, eventId: number, token: string): Participant | undefined {
  return db
    .select()
    .from(participants)
    .where(and(eq(participants.eventId, eventId), eq(participants.token, token)))
    .get();
}

export function findParticipantByDeskCode(db: Db, eventId: number, code: string): Participant | undefined {
  return db
    .select()
    .from(participants)
    .where(and(eq(participants.eventId, eventId), eq(participants.deskCode, normalizeDeskCode(code))))
    .get();
}

export function loadProfile(db: Db, participant: Participant): ParticipantProfile {
  const interestIds = db
    .select({ id: participantInterests.interestId })
    .from(participantInterests)
    .where(eq(participantInterests.participantId, participant.id))
    .all()
    .map((r) => r.id);
  return { ...participant, interestIds, sessionIds: sessionIdsOf(db, participant.id) };
}

/** Marks someone as physically at the conference; only present people are matched. */
export function checkInParticipant(db: Db, participant: Participant, now: Date): Participant {
  if (participant.status === 'present' || participant.status === 'matched') return participant;
  return db
    .update(participants)
    .set({ status: 'present', checkedInAt: now, updatedAt: now })
    .where(eq(participants.id, participant.id))
    .returning()
    .get();
}

export type AttendanceResult = { ok: true; participant: Participant } | { ok: false; reason: 'not-found' };

/** An organizer checks someone in or out (the undo of a mistaken check-in); both are audited. */
export function setAttendanceByOrganizer(
  db: Db,
  args: { eventId: number; participantId: number; present: boolean; organizerId: number; now: Date },
): AttendanceResult {
  return db.transaction(
    (tx) => {
      const p = tx
        .select()
        .from(participants)
        .where(and(eq(participants.id, args.participantId), eq(participants.eventId, args.eventId)))
        .get();
      if (!p) return { ok: false, reason: 'not-found' } as const;
      const status = args.present ? (p.status === 'matched' ? 'matched' : 'present') : 'registered';
      const updated = tx
        .update(participants)
        .set({
          status,
          checkedInAt: args.present ? (p.checkedInAt ?? args.now) : null,
          updatedAt: args.now,
        })
        .where(eq(participants.id, p.id))
        .returning()
        .get();
      tx.insert(auditLog)
        .values({
          eventId: args.eventId,
          organizerId: args.organizerId,
          action: args.present ? 'check-in' : 'check-out',
          detail: `${p.name} (#${p.id})`,
          at: args.now,
        })
        .run();
      return { ok: true, participant: updated } as const;
    },
    { behavior: 'immediate' },
  );
}

export type EventCounts = {
  firstTimersRegistered: number;
  firstTimersHere: number;
  volunteersRegistered: number;
  volunteersHere: number;
  freeCapacity: number;
};

export function countParticipants(db: Db, eventId: number): EventCounts {
  const here = sql`${participants.status} in ('present', 'matched')`;
  const row = db
    .select({
      firstTimersRegistered: sql<number>`sum(${participants.role} = 'first_timer' and ${participants.status} != 'withdrawn')`,
      firstTimersHere: sql<number>`sum(${participants.role} = 'first_timer' and ${here})`,
      volunteersRegistered: sql<number>`sum(${participants.role} = 'volunteer' and ${participants.status} != 'withdrawn')`,
      volunteersHere: sql<number>`sum(${participants.role} = 'volunteer' and ${here})`,
      // a volunteer's free places: capacity less the first-timers they hold now, never below zero
      freeCapacity: sql<number>`sum(case when ${participants.role} = 'volunteer' and ${here} then max(0, ${participants.capacity} - (select count(*) from "pairs" where "pairs"."volunteer_id" = "participants"."id" and "pairs"."status" in ('published', 'met'))) else 0 end)`,
    })
    .from(participants)
    .where(eq(participants.eventId, eventId))
    .get();
  return {
    firstTimersRegistered: row?.firstTimersRegistered ?? 0,
    firstTimersHere: row?.firstTimersHere ?? 0,
    volunteersRegistered: row?.volunteersRegistered ?? 0,
    volunteersHere: row?.volunteersHere ?? 0,
    freeCapacity: row?.freeCapacity ?? 0,
  };
}

export type ParticipantPage = {
  participants: Participant[];
  /** everyone who matches the search, on all pages */
  total: number;
  /** the page shown, 1-based; a page past the end shows the last one */
  page: number;
  pageSize: number;
};

/**
 * One page of the people matching a search by name, e-mail, library or desk code, by name. The
 * dashboard shows a page at a time, so 300 people do not make it one endless table.
 */
export function searchParticipants(db: Db, eventId: number, query: string, page: number, pageSize: number): ParticipantPage {
  const q = query.trim();
  const pattern = `%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  const matches = q
    ? or(
        sql`${participants.name} like ${pattern} escape '\\'`,
        sql`${participants.email} like ${pattern} escape '\\'`,
        sql`${participants.affiliation} like ${pattern} escape '\\'`,
        eq(participants.deskCode, q.toUpperCase()),
      )
    : undefined;
  const where = and(eq(participants.eventId, eventId), matches);
  const total = db.select({ n: count() }).from(participants).where(where).get()?.n ?? 0;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(Math.max(1, Math.floor(page)), last);
  const rows = db
    .select()
    .from(participants)
    .where(where)
    .orderBy(asc(participants.name), asc(participants.id))
    .limit(pageSize)
    .offset((shown - 1) * pageSize)
    .all();
  return { participants: rows, total, page: shown, pageSize };
}

export type PersonOption = { id: number; name: string };
export type PairingCandidates = {
  /** present first-timers without a buddy */
  firstTimers: PersonOption[];
  /** present volunteers */
  volunteers: PersonOption[];
  /** present first-timers whose rematch found nobody free, longest waiting first */
  waiting: (PersonOption & { waitingSince: Date })[];
};

/** Everyone checked in right now, for the organizer's pair-by-hand choices and the waiting list. */
export function listPairingCandidates(db: Db, eventId: number): PairingCandidates {
  const here = db
    .select({
      id: participants.id,
      name: participants.name,
      role: participants.role,
      status: participants.status,
      waitingSince: participants.waitingSince,
    })
    .from(participants)
    .where(and(eq(participants.eventId, eventId), inArray(participants.status, ['present', 'matched'])))
    .orderBy(asc(participants.name), asc(participants.id))
    .all();
  const unpaired = here.filter((p) => p.role === 'first_timer' && p.status === 'present');
  return {
    firstTimers: unpaired.map(({ id, name }) => ({ id, name })),
    volunteers: here.filter((p) => p.role === 'volunteer').map(({ id, name }) => ({ id, name })),
    waiting: unpaired
      .flatMap((p) => (p.waitingSince === null ? [] : [{ id: p.id, name: p.name, waitingSince: p.waitingSince }]))
      .sort((a, b) => a.waitingSince.getTime() - b.waitingSince.getTime()),
  };
}
