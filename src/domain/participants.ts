// Participants: finding someone, checking in, an organizer's attendance list and counts, and who is
// here to be paired.
import { and, asc, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { auditLog, participantInterests, participantSessions, participants } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { normalizeDeskCode } from './tokens.ts';

export type Participant = typeof participants.$inferSelect;
export type ParticipantProfile = Participant & { interestIds: number[]; sessionIds: number[] };
/** Someone by id and full name, as organizer pages and notices name them. */
export type Person = { id: number; name: string };

/** A participant's personal page, as links in e-mails and mail merges carry it. */
export function personalLink(publicUrl: string, event: { slug: string }, token: string): string {
  return `${publicUrl}/e/${encodeURIComponent(event.slug)}/me/${token}`;
}

/** Checked in and still here: only such people are paired (never someone who erased their data). */
export function isHere(p: Participant): boolean {
  return (p.status === 'present' || p.status === 'matched') && p.erasedAt === null;
}

/** Someone of this event, of the given role if one is given. */
export function findPerson(conn: Conn, eventId: number, id: number, role?: Participant['role']): Participant | undefined {
  const p = conn
    .select()
    .from(participants)
    .where(and(eq(participants.id, id), eq(participants.eventId, eventId)))
    .get();
  return p && (role === undefined || p.role === role) ? p : undefined;
}

export function peopleById(conn: Conn, ids: number[]): Map<number, Participant> {
  if (ids.length === 0) return new Map();
  const rows = conn
    .select()
    .from(participants)
    .where(inArray(participants.id, [...new Set(ids)]))
    .all();
  return new Map(rows.map((p) => [p.id, p]));
}

/** Everyone of one role at the event, in the order they registered. */
export function loadEventPeople(conn: Conn, eventId: number, role: Participant['role']): Participant[] {
  return conn
    .select()
    .from(participants)
    .where(and(eq(participants.eventId, eventId), eq(participants.role, role)))
    .orderBy(asc(participants.id))
    .all();
}

/** The sessions someone plans to attend. */
export function sessionIdsOf(conn: Conn, participantId: number): number[] {
  return conn
    .select({ id: participantSessions.sessionId })
    .from(participantSessions)
    .where(eq(participantSessions.participantId, participantId))
    .all()
    .map((r) => r.id);
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

export function loadProfile(db: Conn, participant: Participant): ParticipantProfile {
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
      if (!p || p.erasedAt) return { ok: false, reason: 'not-found' } as const;
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
      // a volunteer's free places: capacity less the first-timers they hold now (planned ones too), never below zero
      freeCapacity: sql<number>`sum(case when ${participants.role} = 'volunteer' and ${here} then max(0, ${participants.capacity} - (select count(*) from "pairs" where "pairs"."volunteer_id" = "participants"."id" and "pairs"."status" in ('planned', 'published', 'met'))) else 0 end)`,
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

export type PairingCandidates = {
  /** present first-timers without a buddy */
  firstTimers: Person[];
  /** present volunteers */
  volunteers: Person[];
  /** present first-timers whose rematch found nobody free, longest waiting first */
  waiting: (Person & { waitingSince: Date })[];
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
    .where(and(eq(participants.eventId, eventId), inArray(participants.status, ['present', 'matched']), isNull(participants.erasedAt)))
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
