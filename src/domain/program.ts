// The event's program as organizers see it: every session, retired ones too, with how many people
// plan to attend each — for the program page and for planning an import against it.
import { asc, count, eq } from 'drizzle-orm';
import { participantSessions, programSessions } from '../../db/schema.ts';
import type { Conn } from '../db.ts';
import type { ProgramSession } from './events.ts';

export type ProgramEntry = ProgramSession & { plannedBy: number };

/** Every session of the event in program order, with the number of people who chose it. */
export function listProgram(conn: Conn, eventId: number): ProgramEntry[] {
  const planned = new Map(
    conn
      .select({ sessionId: participantSessions.sessionId, n: count() })
      .from(participantSessions)
      .innerJoin(programSessions, eq(programSessions.id, participantSessions.sessionId))
      .where(eq(programSessions.eventId, eventId))
      .groupBy(participantSessions.sessionId)
      .all()
      .map((r) => [r.sessionId, r.n]),
  );
  return conn
    .select()
    .from(programSessions)
    .where(eq(programSessions.eventId, eventId))
    .orderBy(asc(programSessions.startsAt), asc(programSessions.id))
    .all()
    .map((s) => ({ ...s, plannedBy: planned.get(s.id) ?? 0 }));
}
