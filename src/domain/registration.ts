// Registering at the desk or from a link, and changing one's own profile later: one
// transaction each, with the choices checked against the event's own lists.
import { and, eq, inArray } from 'drizzle-orm';
import { participantInterests, participantSessions, participants, programSessions } from '../../db/schema.ts';
import type { Conn, Db, Tx } from '../db.ts';
import { loadEventChoices, offeredSessions, type Event, type EventChoices, type KeptChoices } from './events.ts';
import { loadProfile, type Participant } from './participants.ts';
import type { FieldErrors, RegistrationInput } from './registration-schema.ts';
import { newDeskCode, newSecretToken } from './tokens.ts';

export type RegisterResult =
  | { ok: true; participant: Participant }
  | { ok: false; errors: FieldErrors; values: RegistrationInput };

/**
 * Choices must come from the event's own lists; a forged form cannot attach another event's ids.
 * A choice retired by an organizer or a program import is only kept by someone who had already
 * chosen it (`before`). `offered` is the event's lists loaded with `before` kept: an import
 * that adds thousands of people loads them once.
 */
function checkChoices(
  tx: Conn,
  event: Event,
  input: RegistrationInput,
  before: KeptChoices = {},
  offered: EventChoices = loadEventChoices(tx, event.id, before),
): FieldErrors {
  const errors: FieldErrors = {};
  const { libraryTypes, regions, languages } = offered;
  // a label typed before the list was set up (a region, say) is kept as it is, too
  if (input.libraryType && !libraryTypes.includes(input.libraryType) && input.libraryType !== before.libraryType) {
    errors.libraryType = 'Choose a library type from the list';
  }
  // with no regions to choose from, people type their own
  if (input.region && regions.length > 0 && !regions.includes(input.region) && input.region !== before.region) {
    errors.region = 'Choose a region from the list';
  }
  if (input.languages.some((l) => !languages.includes(l))) errors.languages = 'Choose languages from the list';
  const interestIds = new Set(offered.interests.map((i) => i.id));
  if (input.interests.some((id) => !interestIds.has(id))) errors.interests = 'Choose interests from the list';
  const uniqueSessions = [...new Set(input.sessions)];
  if (uniqueSessions.length > 0) {
    const found = tx
      .select({ id: programSessions.id })
      .from(programSessions)
      .where(
        and(
          eq(programSessions.eventId, event.id),
          inArray(programSessions.id, uniqueSessions),
          offeredSessions(before.sessionIds),
        ),
      )
      .all();
    if (found.length !== uniqueSessions.length) errors.sessions = 'Choose sessions from the program';
  }
  return errors;
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
    // only volunteers are shown in the directory
    listed: input.role === 'volunteer' && input.listed === true,
  };
}

function replaceChoices(tx: Tx, participantId: number, input: RegistrationInput) {
  tx.delete(participantInterests).where(eq(participantInterests.participantId, participantId)).run();
  tx.delete(participantSessions).where(eq(participantSessions.participantId, participantId)).run();
  insertChoices(tx, participantId, input);
}

function insertChoices(tx: Tx, participantId: number, input: RegistrationInput) {
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

/**
 * Registers one person inside the caller's transaction: the choices checked, the e-mail free,
 * a personal token and a desk code of their own. A pre-registration import adds a whole list
 * this way in one transaction, with the event's lists (`offered`) loaded once.
 */
export function insertParticipant(
  tx: Tx,
  event: Event,
  input: RegistrationInput,
  opts: { present: boolean; now: Date; imported?: boolean; offered?: EventChoices },
): RegisterResult {
  const errors = checkChoices(tx, event, input, {}, opts.offered);
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
      importedAt: opts.imported ? opts.now : null,
      createdAt: opts.now,
      updatedAt: opts.now,
    })
    .returning()
    .get();
  insertChoices(tx, participant.id, input);
  return { ok: true, participant };
}

export function registerParticipant(
  db: Db,
  event: Event,
  input: RegistrationInput,
  opts: { present: boolean; now: Date },
): RegisterResult {
  return db.transaction((tx) => insertParticipant(tx, event, input, opts), { behavior: 'immediate' });
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
      const errors = checkChoices(tx, event, input, loadProfile(tx, participant));
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
