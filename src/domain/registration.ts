// Registering at the desk or from a link, and changing one's own profile later: one
// transaction each, with the choices checked against the event's own lists.
import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import {
  interests,
  participantInterests,
  participantSessions,
  participants,
  profileChoices,
  programSessions,
} from '../../db/schema.ts';
import type { Conn, Db, Tx } from '../db.ts';
import { loadEventChoices, offeredSessions, type Event, type EventChoices, type KeptChoices } from './events.ts';
import { loadProfile, type Participant } from './participants.ts';
import { jsonList, preparedOnce } from './prepared.ts';
import type { FieldErrors, RegistrationInput } from './registration-schema.ts';
import { newDeskCode, newSecretToken } from './tokens.ts';

export type RegisterResult =
  | { ok: true; participant: Participant }
  | { ok: false; errors: FieldErrors; values: RegistrationInput };

type OfferedLists = {
  libraryTypes: readonly string[];
  regions: readonly string[];
  languages: readonly string[];
  interestIds: ReadonlySet<number>;
  /** how many of the distinct sessions asked for the event offers */
  sessionsOffered: number;
};

/**
 * Choices must come from the event's own lists; a forged form cannot attach another event's ids.
 * A choice retired by an organizer or a program import is only kept by someone who had already
 * chosen it (`before`), and `offered` lists it for them.
 */
function choiceErrors(input: RegistrationInput, before: KeptChoices, offered: OfferedLists): FieldErrors {
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
  if (input.interests.some((id) => !offered.interestIds.has(id))) errors.interests = 'Choose interests from the list';
  if (offered.sessionsOffered !== new Set(input.sessions).size) errors.sessions = 'Choose sessions from the program';
  return errors;
}

/**
 * The choices checked against the event's lists loaded with `before` kept. `offered` is those
 * lists loaded once by the caller: an import that adds thousands of people loads them once.
 */
function checkChoices(
  tx: Conn,
  event: Event,
  input: RegistrationInput,
  before: KeptChoices = {},
  offered: EventChoices = loadEventChoices(tx, event.id, before),
): FieldErrors {
  const uniqueSessions = [...new Set(input.sessions)];
  const sessionsOffered =
    uniqueSessions.length === 0
      ? 0
      : tx
          .select({ id: programSessions.id })
          .from(programSessions)
          .where(
            and(
              eq(programSessions.eventId, event.id),
              inArray(programSessions.id, uniqueSessions),
              offeredSessions(before.sessionIds),
            ),
          )
          .all().length;
  return choiceErrors(input, before, { ...offered, interestIds: new Set(offered.interests.map((i) => i.id)), sessionsOffered });
}

const statements = preparedOnce((db) => {
  const eventId = sql.placeholder('eventId');
  const offeredKinds = db
    .select({ kind: sql<string>`'interest'`.as('kind'), id: interests.id, label: interests.label, position: interests.position })
    .from(interests)
    .where(and(eq(interests.eventId, eventId), isNull(interests.retiredAt)))
    .unionAll(
      db
        .select({ kind: profileChoices.kind, id: profileChoices.id, label: profileChoices.label, position: profileChoices.position })
        .from(profileChoices)
        .where(and(eq(profileChoices.eventId, eventId), isNull(profileChoices.retiredAt))),
    )
    .unionAll(
      db
        .select({ kind: sql<string>`'session'`.as('kind'), id: programSessions.id, label: programSessions.code, position: sql<number>`0`.as('position') })
        .from(programSessions)
        .where(
          and(
            eq(programSessions.eventId, eventId),
            isNull(programSessions.retiredAt),
            sql`${programSessions.id} in (select value from json_each(${sql.placeholder('sessionIds')}))`,
          ),
        ),
    );
  const participantId = sql.placeholder('participantId');
  const ids = sql`select ${participantId}, value from json_each(${sql.placeholder('ids')})`;
  return {
    /** the participant insert for each set of columns given (in practice one), see insertRow */
    inserts: new Map<string, ParticipantInsert>(),
    // a registration's checks in one read: the offered lists, and which asked-for sessions are offered
    offered: offeredKinds.prepare(),
    addInterests: db.insert(participantInterests).select(ids).prepare(),
    addSessions: db.insert(participantSessions).select(ids).prepare(),
  };
});

/** The event's lists for a new registration and the sessions asked for that it offers, in one statement. */
function loadOfferedFor(conn: Conn, eventId: number, input: RegistrationInput): OfferedLists {
  const rows = statements(conn)
    .offered.all({ eventId, sessionIds: jsonList([...new Set(input.sessions)]) })
    .sort((a, b) => a.position - b.position || a.id - b.id);
  const labels = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.label);
  return {
    libraryTypes: labels('library_type'),
    regions: labels('region'),
    languages: labels('language'),
    interestIds: new Set(rows.filter((r) => r.kind === 'interest').map((r) => r.id)),
    sessionsOffered: rows.filter((r) => r.kind === 'session').length,
  };
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

function insertChoices(tx: Conn, participantId: number, input: RegistrationInput) {
  const interestIds = [...new Set(input.interests)];
  const sessionIds = [...new Set(input.sessions)];
  if (interestIds.length > 0) statements(tx).addInterests.run({ participantId, ids: jsonList(interestIds) });
  if (sessionIds.length > 0) statements(tx).addSessions.run({ participantId, ids: jsonList(sessionIds) });
}

function emailTaken(tx: Conn, eventId: number, email: string | null, exceptId?: number): boolean {
  if (email === null) return false;
  const row = tx
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.eventId, eventId), eq(participants.email, email)))
    .get();
  return row !== undefined && row.id !== exceptId;
}

// The message neither says whose page an e-mail belongs to nor that it is registered at all (anyone
// can type an address): it tells the person how to reach their own page instead.
const emailTakenMessage =
  "We can't register this e-mail here. If you registered for this conference before, open the personal page you saved or the link in our e-mails, or ask at the registration desk: they can find you by name.";

const uniqueViolation = (err: unknown): err is Error =>
  err instanceof Error && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';

// a clash of random codes is rare; this many in a row means something else is wrong
const maxCodeDraws = 50;

/**
 * Inserts the row with a fresh personal token and desk code. The unique indexes check the e-mail
 * and the codes as the row goes in, so a registration does not read them first; a clash of
 * random codes draws again.
 */
type NewParticipantRow = Omit<typeof participants.$inferInsert, 'token' | 'deskCode'>;
type ParticipantInsert = { get(values: Record<string, unknown>): Participant };

const participantColumns = getTableColumns(participants);

/**
 * The prepared insert for exactly these columns: built from the row itself, so a column added to
 * the profile later is written without touching this statement. Values go in encoded already
 * (drizzle's encoders do not pass a null through a placeholder).
 */
function insertFor(conn: Conn, columns: string[]): ParticipantInsert {
  const { inserts } = statements(conn);
  const key = columns.join(',');
  let insert = inserts.get(key);
  if (!insert) {
    const values = Object.fromEntries(columns.map((c) => [c, sql`${sql.placeholder(c)}`]));
    insert = conn.insert(participants).values(values as unknown as typeof participants.$inferInsert).returning().prepare();
    inserts.set(key, insert);
  }
  return insert;
}

/**
 * Inserts the row with a fresh personal token and desk code. The unique indexes check the e-mail
 * and the codes as the row goes in, so a registration does not read them first; a clash of
 * random codes draws again.
 */
function insertRow(tx: Conn, row: NewParticipantRow): Participant | 'email-taken' {
  const encoded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const column = participantColumns[name as keyof typeof participantColumns];
    encoded[name] = value === null ? null : column.mapToDriverValue(value);
  }
  const insert = insertFor(tx, [...Object.keys(encoded), 'token', 'deskCode']);
  for (let draw = 1; ; draw++) {
    try {
      return insert.get({ ...encoded, token: newSecretToken(), deskCode: newDeskCode() });
    } catch (err) {
      if (!uniqueViolation(err) || draw >= maxCodeDraws) throw err;
      if (err.message.includes('participants.email')) return 'email-taken';
    }
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
  const errors = opts.offered
    ? checkChoices(tx, event, input, {}, opts.offered)
    : choiceErrors(input, {}, loadOfferedFor(tx, event.id, input));
  if (Object.keys(errors).length > 0) {
    // the form says everything that is wrong at once
    if (emailTaken(tx, event.id, input.email)) errors.email = emailTakenMessage;
    return { ok: false, errors, values: input };
  }
  const row = insertRow(tx, {
    eventId: event.id,
    role: input.role,
    status: opts.present ? 'present' : 'registered',
    ...profileColumns(input),
    checkedInAt: opts.present ? opts.now : null,
    importedAt: opts.imported ? opts.now : null,
    createdAt: opts.now,
    updatedAt: opts.now,
  });
  if (row === 'email-taken') return { ok: false, errors: { email: emailTakenMessage }, values: input };
  insertChoices(tx, row.id, input);
  return { ok: true, participant: row };
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
