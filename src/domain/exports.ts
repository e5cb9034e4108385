// What organizers take away as spreadsheets: the people, the pairs, the rounds and the audit log
// of an event, each as a header and rows of plain values, read in a handful of queries and built
// in one pass (3,000 people export as fast as the dashboard loads). Times are wall-clock times in
// the event's zone ("2026-10-14 10:30"), as the organizers read them on their pages.
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { auditLog, interests, matchRounds, meetupSpots, pairs, participantInterests, participantSessions, participants, programSessions, type PairStatus } from '../../db/schema.ts';
import type { Conn } from '../db.ts';
import { listAuditLog, listOrganizerNames } from './audit.ts';
import type { Event } from './events.ts';
import { liveStatuses } from './live-pairs.ts';
import { idsOfEventPeople } from './program-report-input.ts';
import { wallTimeIn } from './wall-time.ts';

export type ExportTable = { header: string[]; rows: (string | number | null)[][] };
type ExportEvent = Pick<Event, 'id' | 'timezone'>;

const localTime = (at: Date | null, timeZone: string) => (at === null ? null : wallTimeIn(at, timeZone).replace('T', ' '));
const yesNo = (v: boolean) => (v ? 'yes' : 'no');
const roleWord = (role: 'first_timer' | 'volunteer') => (role === 'volunteer' ? 'volunteer' : 'first-timer');
const pairStatusWords: Record<PairStatus, string> = { planned: 'planned', published: 'published', met: 'met', no_show: 'no-show', cancelled: 'cancelled' };
const list = (labels: (string | undefined)[]) => labels.filter((l): l is string => l !== undefined).join('; ');

function labelsById(conn: Conn, eventId: number) {
  return {
    interests: new Map(conn.select({ id: interests.id, label: interests.label }).from(interests).where(eq(interests.eventId, eventId)).all().map((r) => [r.id, r.label])),
    sessions: new Map(
      conn.select({ id: programSessions.id, title: programSessions.title }).from(programSessions).where(eq(programSessions.eventId, eventId)).all().map((r) => [r.id, r.title]),
    ),
  };
}

/** Everyone registered, with where they are (status, checked in) and their live buddy or first-timers. */
export function exportPeople(conn: Conn, event: ExportEvent): ExportTable {
  // someone who erased their data is not in the list at all (the report still counts them)
  const people = conn.select().from(participants).where(and(eq(participants.eventId, event.id), isNull(participants.erasedAt))).orderBy(asc(participants.id)).all();
  const names = new Map(people.map((p) => [p.id, p.name]));
  const labels = labelsById(conn, event.id);
  const interestsOf = idsOfEventPeople(conn, event.id, participantInterests, participantInterests.interestId);
  const sessionsOf = idsOfEventPeople(conn, event.id, participantSessions, participantSessions.sessionId);
  const buddies = new Map<number, string[]>();
  const live = conn
    .select({ firstTimerId: pairs.firstTimerId, volunteerId: pairs.volunteerId })
    .from(pairs)
    .where(and(eq(pairs.eventId, event.id), inArray(pairs.status, [...liveStatuses])))
    .orderBy(asc(pairs.id))
    .all();
  for (const pair of live) {
    buddies.set(pair.firstTimerId, [...(buddies.get(pair.firstTimerId) ?? []), names.get(pair.volunteerId) ?? '']);
    buddies.set(pair.volunteerId, [...(buddies.get(pair.volunteerId) ?? []), names.get(pair.firstTimerId) ?? '']);
  }
  return {
    header: [
      'id', 'name', 'email', 'role', 'status', 'checked_in', 'checked_in_at', 'buddy', 'desk_code', 'pronouns', 'affiliation',
      'library_type', 'region', 'languages', 'interests', 'sessions', 'capacity', 'accessibility_needs', 'shares_email',
      'pre_registered', 'registered_at',
    ],
    rows: people.map((p) => [
      p.id,
      p.name,
      p.email,
      roleWord(p.role),
      p.status,
      yesNo(p.checkedInAt !== null),
      localTime(p.checkedInAt, event.timezone),
      list(buddies.get(p.id) ?? []),
      p.deskCode,
      p.pronouns,
      p.affiliation,
      p.libraryType,
      p.region,
      p.languages.join('; '),
      list((interestsOf.get(p.id) ?? []).map((id) => labels.interests.get(id))),
      list((sessionsOf.get(p.id) ?? []).map((id) => labels.sessions.get(id))),
      p.role === 'volunteer' ? p.capacity : null,
      p.accessibilityNeeds,
      yesNo(p.consentContact),
      yesNo(p.importedAt !== null),
      localTime(p.createdAt, event.timezone),
    ]),
  };
}

/** Every pair ever made, live or ended, with its score, reasons, meetup and how it ended. */
export function exportPairs(conn: Conn, event: ExportEvent): ExportTable {
  const people = new Map(
    conn.select({ id: participants.id, name: participants.name, email: participants.email }).from(participants).where(eq(participants.eventId, event.id)).all().map((p) => [p.id, p]),
  );
  const spots = new Map(conn.select({ id: meetupSpots.id, name: meetupSpots.name }).from(meetupSpots).where(eq(meetupSpots.eventId, event.id)).all().map((s) => [s.id, s.name]));
  const rows = conn.select().from(pairs).where(eq(pairs.eventId, event.id)).orderBy(asc(pairs.id)).all();
  return {
    header: [
      'id', 'first_timer', 'first_timer_email', 'volunteer', 'volunteer_email', 'score', 'reasons', 'spot', 'meet_at', 'status',
      'pinned', 'round', 'made_at', 'met_at', 'ended_at', 'did_not_come',
    ],
    rows: rows.map((p) => [
      p.id,
      people.get(p.firstTimerId)?.name ?? null,
      people.get(p.firstTimerId)?.email ?? null,
      people.get(p.volunteerId)?.name ?? null,
      people.get(p.volunteerId)?.email ?? null,
      p.score,
      p.reasons.join('; '),
      p.spotId === null ? null : (spots.get(p.spotId) ?? null),
      localTime(p.meetAt, event.timezone),
      pairStatusWords[p.status],
      yesNo(p.pinned),
      p.roundId,
      localTime(p.createdAt, event.timezone),
      localTime(p.metAt, event.timezone),
      localTime(p.endedAt, event.timezone),
      p.noShowParticipantId === null ? null : (people.get(p.noShowParticipantId)?.name ?? null),
    ]),
  };
}

/** Every matching round: when, who or what started it, and what it proposed. */
export function exportRounds(conn: Conn, event: ExportEvent): ExportTable {
  const rounds = conn.select().from(matchRounds).where(eq(matchRounds.eventId, event.id)).orderBy(asc(matchRounds.createdAt), asc(matchRounds.id)).all();
  const organizers = listOrganizerNames(conn, rounds.flatMap((r) => (r.organizerId === null ? [] : [r.organizerId])));
  return {
    header: ['id', 'started_at', 'started_by', 'status', 'pairs_proposed', 'unmatched', 'objective', 'published_at'],
    rows: rounds.map((r) => [
      r.id,
      localTime(r.createdAt, event.timezone),
      r.trigger === 'auto' ? 'automatic' : r.organizerId === null ? 'a former organizer' : (organizers.get(r.organizerId) ?? 'a former organizer'),
      r.status,
      r.proposal.pairs.length,
      r.proposal.unmatched.length,
      r.proposal.objective,
      localTime(r.publishedAt, event.timezone),
    ]),
  };
}

/** Every organizer action and what the app did by itself, oldest first. */
export function exportAuditLog(conn: Conn, event: ExportEvent): ExportTable {
  return {
    header: ['at', 'by', 'action', 'detail'],
    rows: listAuditLog(conn, event.id, null).map((a) => [localTime(a.at, event.timezone), a.organizerName ?? 'Buddydesk (automatic)', a.action, a.detail]),
  };
}

export const exportKinds = ['people', 'pairs', 'rounds', 'audit'] as const;
export type ExportKind = (typeof exportKinds)[number];

export const exportTables: Record<ExportKind, (conn: Conn, event: ExportEvent) => ExportTable> = {
  people: exportPeople,
  pairs: exportPairs,
  rounds: exportRounds,
  audit: exportAuditLog,
};

/** How many rows each export has now, for the exports page. */
export function countExportRows(conn: Conn, eventId: number): Record<ExportKind, number> {
  const n = (table: typeof participants | typeof pairs | typeof matchRounds | typeof auditLog) =>
    conn.select({ n: count() }).from(table).where(eq(table.eventId, eventId)).get()!.n;
  const people = conn.select({ n: count() }).from(participants).where(and(eq(participants.eventId, eventId), isNull(participants.erasedAt))).get()!.n;
  return { people, pairs: n(pairs), rounds: n(matchRounds), audit: n(auditLog) };
}
