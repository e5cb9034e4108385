// Pre-registration: people the association already registered, imported from its list before the
// conference. Each gets a personal page (registered, not yet here) like someone who registered
// from a link; the organizer hands out the links by mail merge or a welcome e-mail. A list with
// one bad row adds nobody.
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { mailOutbox, participantRoles, participants, type ParticipantRole } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { writeAudit } from './audit.ts';
import { readCsvTable, type CsvRow } from './csv-table.ts';
import { loadEventChoices, type Event } from './events.ts';
import { committeeSignature } from './feedback-invitations.ts';
import { enqueueMail } from './mail-outbox.ts';
import { personalLink } from './participants.ts';
import { checkPeopleMapping, guessPeopleMapping, peopleFieldLabels, readPeopleRows, type PeopleMapping, type RowProblem, type SheetPerson } from './preregistration-sheet.ts';
import { firstName } from './public-name.ts';
import { insertParticipant } from './registration.ts';
import { profileFieldLimits as max } from './registration-schema.ts';

export const welcomeMailKind = 'welcome';
/** the most people one import takes: a state association's conference is a few thousand */
export const maxPeoplePerImport = 5000;

export type PeoplePlan = { eventId: number; people: SheetPerson[] };

type Refusal = { ok: false; reason: 'empty' | 'unrecognised' | 'invalid' | 'mapping'; message: string; problems: RowProblem[] };
export type PeoplePlanResult = { ok: true; plan: PeoplePlan } | Refusal;

export type PeopleSheetPreview =
  | { ok: true; headers: string[]; sample: CsvRow[]; rowCount: number; mapping: PeopleMapping; problems: string[] }
  | Refusal;

/** The mapping step: the sheet's columns, its first rows and the guessed mapping. */
export function previewPeopleSheet(input: Uint8Array | string, sampleRows = 5): PeopleSheetPreview {
  const read = readCsvTable(input);
  if (!read.ok) return { ...read, problems: [] };
  const { headers, rows } = read.table;
  const mapping = guessPeopleMapping(headers);
  return { ok: true, headers, sample: rows.slice(0, sampleRows), rowCount: rows.length, mapping, problems: checkPeopleMapping(mapping, headers) };
}

const takenMessage = (email: string) => `${email} is already registered for this event`;

/** Who in the sheet would be added, or every row's problems (including e-mails already registered); reads only. */
export function planPreregistration(conn: Conn, event: Event, input: Uint8Array | string, mapping: PeopleMapping): PeoplePlanResult {
  const read = readCsvTable(input);
  if (!read.ok) return { ...read, problems: [] };
  const { headers, rows } = read.table;
  const mappingProblems = checkPeopleMapping(mapping, headers);
  if (mappingProblems.length > 0) return { ok: false, reason: 'mapping', message: mappingProblems.join(' '), problems: [] };
  if (rows.length === 0) return { ok: false, reason: 'empty', message: 'The sheet has a header but no people.', problems: [] };
  if (rows.length > maxPeoplePerImport) {
    return { ok: false, reason: 'invalid', message: `The sheet has ${rows.length} people; at most ${maxPeoplePerImport} can be imported at once.`, problems: [] };
  }
  const { people, problems } = readPeopleRows(rows, mapping, loadEventChoices(conn, event.id));
  const taken = registeredEmails(conn, event.id);
  for (const p of people) {
    if (p.email !== null && taken.has(p.email)) problems.push({ line: p.line, field: peopleFieldLabels.email, message: takenMessage(p.email) });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const lines = new Set(problems.map((p) => p.line)).size;
    return { ok: false, reason: 'invalid', message: `${lines} ${lines === 1 ? 'row needs' : 'rows need'} fixing; nobody was added.`, problems };
  }
  return { ok: true, plan: { eventId: event.id, people } };
}

function registeredEmails(conn: Conn, eventId: number): Set<string> {
  return new Set(
    conn
      .select({ email: participants.email })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), isNotNull(participants.email)))
      .all()
      .map((r) => r.email!),
  );
}

const text = (limit: number) => z.string().max(limit);
/** A plan that came back from the preview's form: the shape is checked here, the choices by registration. */
export const peoplePlanSchema = z.object({
  eventId: z.number().int(),
  people: z
    .array(
      z.object({
        line: z.number().int().positive(),
        name: text(max.name).min(1),
        email: z.email().max(max.email).nullable(),
        role: z.enum(participantRoles),
        affiliation: text(max.affiliation),
        libraryType: text(max.libraryType),
        region: text(max.region),
        languages: z.array(text(40)).max(50),
        interests: z.array(text(200)).max(300),
        capacity: z.number().int().min(0).max(3),
      }),
    )
    .min(1)
    .max(maxPeoplePerImport),
});

export type ApplyPeopleResult =
  | { ok: true; added: number; firstTimers: number; volunteers: number }
  | { ok: false; reason: 'stale' | 'invalid'; message: string; problems: RowProblem[] };

const fieldNames: Record<string, string> = {
  email: peopleFieldLabels.email,
  libraryType: peopleFieldLabels.libraryType,
  region: peopleFieldLabels.region,
  languages: peopleFieldLabels.languages,
  interests: peopleFieldLabels.interests,
};

class Rollback extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('rollback');
  }
}

/** Adds everyone in the plan in one transaction, or nobody: a row that no longer fits refuses the whole plan. */
export function applyPreregistration(db: Db, event: Event, plan: unknown, opts: { organizerId: number; now: Date }): ApplyPeopleResult {
  const parsed = peoplePlanSchema.safeParse(plan);
  if (!parsed.success || parsed.data.eventId !== event.id) {
    return { ok: false, reason: 'invalid', message: 'The preview could not be read. Import the file again.', problems: [] };
  }
  const { people } = parsed.data;
  try {
    return db.transaction(
      (tx) => {
        const offered = loadEventChoices(tx, event.id);
        const interestIds = new Map(offered.interests.map((i) => [i.label, i.id]));
        const problems: RowProblem[] = [];
        for (const p of people) {
          const ids = p.interests.map((label) => interestIds.get(label));
          if (ids.some((id) => id === undefined)) {
            problems.push({ line: p.line, field: fieldNames.interests!, message: 'an interest is no longer in the event’s list' });
            continue;
          }
          const result = insertParticipant(
            tx,
            event,
            {
              role: p.role, name: p.name, pronouns: '', email: p.email, affiliation: p.affiliation, libraryType: p.libraryType,
              region: p.region, languages: p.languages, interests: ids as number[], sessions: [], accessibilityNeeds: '', bio: '',
              capacity: p.role === 'volunteer' ? Math.max(1, p.capacity) : undefined, consentContact: false,
            },
            { present: false, now: opts.now, imported: true, offered },
          );
          if (!result.ok) {
            for (const [field, message] of Object.entries(result.errors)) {
              problems.push({ line: p.line, field: fieldNames[field] ?? field, message: field === 'email' ? takenMessage(p.email!) : message! });
            }
          }
        }
        if (problems.length > 0) throw new Rollback(problems);
        const volunteers = people.filter((p) => p.role === 'volunteer').length;
        const firstTimers = people.length - volunteers;
        writeAudit(tx, {
          eventId: event.id,
          organizerId: opts.organizerId,
          action: 'preregistration-import',
          detail: `Pre-registration import: ${people.length} added (first-timers: ${firstTimers}, volunteers: ${volunteers}).`,
          at: opts.now,
        });
        return { ok: true, added: people.length, firstTimers, volunteers } as const;
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    return {
      ok: false,
      reason: 'stale',
      message: 'The event changed since this preview (someone registered, or a choice was renamed); nobody was added. Import the file again.',
      problems: err.problems,
    };
  }
}

export type PreregisteredPerson = { id: number; name: string; email: string | null; role: ParticipantRole; token: string; deskCode: string };

/** Everyone added from a pre-registration list, in the order they were added. */
export function listPreregistered(conn: Conn, eventId: number): PreregisteredPerson[] {
  return conn
    .select({ id: participants.id, name: participants.name, email: participants.email, role: participants.role, token: participants.token, deskCode: participants.deskCode })
    .from(participants)
    .where(and(eq(participants.eventId, eventId), isNotNull(participants.importedAt), isNull(participants.erasedAt)))
    .orderBy(participants.id)
    .all();
}

export type PreregistrationCounts = { people: number; firstTimers: number; withEmail: number; welcomed: number };

export function countPreregistered(conn: Conn, eventId: number): PreregistrationCounts {
  const row = conn
    .select({
      people: count(),
      firstTimers: sql<number>`coalesce(sum(${participants.role} = 'first_timer'), 0)`,
      withEmail: sql<number>`coalesce(sum(${participants.email} is not null), 0)`,
    })
    .from(participants)
    .where(and(eq(participants.eventId, eventId), isNotNull(participants.importedAt)))
    .get()!;
  const welcomed = conn
    .select({ n: count() })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.eventId, eventId), eq(mailOutbox.kind, welcomeMailKind)))
    .get()!.n;
  return { ...row, welcomed };
}

/** The welcome e-mail: the personal link, and how to check in at the desk. */
export function welcomeMail(event: Pick<Event, 'slug' | 'name' | 'settings'>, person: PreregisteredPerson, publicUrl: string) {
  const volunteer = person.role === 'volunteer';
  const name = event.name.replace(/\s+/g, ' ').trim().slice(0, 150);
  return {
    subject: `Your buddy program page: ${name}`,
    text: [
      `Hi ${firstName(person.name) || 'there'},`,
      '',
      volunteer
        ? `thank you for volunteering as a buddy for first-timers at ${name}. This is your personal page:`
        : `you are registered for the first-timer buddy program at ${name}. This is your personal page:`,
      '',
      personalLink(publicUrl, event, person.token),
      '',
      'Keep this e-mail. On that page you can add what you are into and the sessions you plan to attend, ' +
        (volunteer ? 'and at the conference you will see the first-timers you welcome, where and when to meet.' : 'and at the conference you will see your buddy, where and when to meet.'),
      '',
      `When you arrive, check in at the registration desk: scan the QR code on the desk screen with the phone that has your page open, or type your desk code ${person.deskCode} on the desk screen. ` +
        (volunteer ? 'Only checked-in volunteers are paired.' : 'We pair you with a buddy once you are checked in.'),
      '',
      committeeSignature(event),
    ].join('\n'),
  };
}

/** Writes a welcome e-mail for everyone imported who has an e-mail and has none yet, in one transaction. */
export function queueWelcomeMail(
  db: Db,
  event: Event,
  publicUrl: string,
  opts: { organizerId: number; now: Date },
): { written: number; already: number } {
  return db.transaction(
    (tx) => {
      let written = 0;
      let already = 0;
      for (const p of listPreregistered(tx, event.id)) {
        if (!p.email) continue;
        const { subject, text } = welcomeMail(event, p, publicUrl);
        const result = enqueueMail(
          tx,
          { eventId: event.id, to: p.email, participantId: p.id, kind: welcomeMailKind, dedupeKey: `participant:${p.id}`, subject, text },
          opts.now,
        );
        if (result.ok) written++;
        else if (result.reason === 'duplicate') already++;
      }
      if (written > 0) {
        writeAudit(tx, { eventId: event.id, organizerId: opts.organizerId, action: 'welcome-mail', detail: `Welcome e-mails: ${written} written to the outbox.`, at: opts.now });
      }
      return { written, already };
    },
    { behavior: 'immediate' },
  );
}
