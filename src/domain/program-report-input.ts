// What the program report reads: the event's people with their profile ids, its pairs and its
// answers, as plain rows, in a handful of queries. The computation is in program-report.ts.
import { asc, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import {
  feedbackResponses,
  pairs,
  participantInterests,
  participantSessions,
  participants,
  type FeedbackAgain,
  type FeedbackMet,
  type PairStatus,
  type ParticipantRole,
  type ParticipantStatus,
} from '../../db/schema.ts';
import type { Conn } from '../db.ts';
import { requestKeys } from './buddy-request-queries.ts';

export type ReportPerson = {
  id: number;
  role: ParticipantRole;
  status: ParticipantStatus;
  checkedIn: boolean;
  capacity: number;
  libraryType: string;
  region: string;
  interestIds: readonly number[];
  sessionIds: readonly number[];
  name: string;
  email: string | null;
  /** erased their personal data: counted, never listed by name */
  erased?: boolean;
};

export type ReportPair = {
  /** ids grow in the order pairs were made */
  id: number;
  firstTimerId: number;
  volunteerId: number;
  status: PairStatus;
  noShowParticipantId: number | null;
  requested: boolean;
};

export type ReportResponse = {
  participantId: number;
  met: FeedbackMet;
  rating: number | null;
  again: FeedbackAgain;
  comment: string;
  mayContact: boolean;
  updatedAt: Date;
};

export type ReportInput = { people: ReportPerson[]; pairs: ReportPair[]; responses: ReportResponse[] };

/** The interest (or session) ids of each person of the event, from their link table. */
export function idsOfEventPeople(
  db: Conn,
  eventId: number,
  link: typeof participantInterests | typeof participantSessions,
  idColumn: SQLiteColumn,
): Map<number, number[]> {
  const rows = db
    .select({ participantId: link.participantId, id: sql<number>`${idColumn}` })
    .from(link)
    .innerJoin(participants, eq(participants.id, link.participantId))
    .where(eq(participants.eventId, eventId))
    .all();
  const map = new Map<number, number[]>();
  for (const r of rows) {
    const list = map.get(r.participantId);
    if (list) list.push(r.id);
    else map.set(r.participantId, [r.id]);
  }
  return map;
}

export function loadProgramReportInput(db: Conn, eventId: number): ReportInput {
  const rows = db
    .select({
      id: participants.id,
      role: participants.role,
      status: participants.status,
      checkedInAt: participants.checkedInAt,
      capacity: participants.capacity,
      libraryType: participants.libraryType,
      region: participants.region,
      name: participants.name,
      email: participants.email,
      erasedAt: participants.erasedAt,
    })
    .from(participants)
    .where(eq(participants.eventId, eventId))
    .orderBy(asc(participants.id))
    .all();
  const interestsOf = idsOfEventPeople(db, eventId, participantInterests, participantInterests.interestId);
  const sessionsOf = idsOfEventPeople(db, eventId, participantSessions, participantSessions.sessionId);
  const asked = requestKeys(db, eventId);
  return {
    people: rows.map((p) => ({
      id: p.id,
      role: p.role,
      status: p.status,
      checkedIn: p.checkedInAt !== null,
      capacity: p.capacity,
      libraryType: p.libraryType,
      region: p.region,
      interestIds: interestsOf.get(p.id) ?? [],
      sessionIds: sessionsOf.get(p.id) ?? [],
      name: p.name,
      email: p.email,
      erased: p.erasedAt !== null,
    })),
    pairs: db
      .select({
        id: pairs.id,
        firstTimerId: pairs.firstTimerId,
        volunteerId: pairs.volunteerId,
        status: pairs.status,
        noShowParticipantId: pairs.noShowParticipantId,
      })
      .from(pairs)
      .where(eq(pairs.eventId, eventId))
      .orderBy(asc(pairs.id))
      .all()
      .map((p) => ({
        id: p.id,
        firstTimerId: p.firstTimerId,
        volunteerId: p.volunteerId,
        status: p.status,
        noShowParticipantId: p.noShowParticipantId,
        requested: asked.has(`${p.firstTimerId}:${p.volunteerId}`),
      })),
    responses: db
      .select()
      .from(feedbackResponses)
      .where(eq(feedbackResponses.eventId, eventId))
      .all()
      .map((r) => ({
        participantId: r.participantId,
        met: r.met,
        rating: r.rating,
        again: r.again,
        comment: r.comment,
        mayContact: r.mayContact,
        updatedAt: r.updatedAt,
      })),
  };
}
