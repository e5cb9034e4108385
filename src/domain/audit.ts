import { asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import * as schema from '../../db/schema.ts';
import type { Conn } from '../db.ts';
import { organizerLabel } from './organizers.ts';

export type AuditEntry = {
  /** null for what concerns no one event: organizer accounts, invitations, a deleted event */
  eventId: number | null;
  /** null when the app did it by itself (auto rounds, auto rematches) */
  organizerId: number | null;
  action: string;
  /** in words, with names, for the organizer reading the log */
  detail: string;
  at: Date;
};

/** Called inside the transaction of the action it records, so the log never disagrees with the data. */
export function writeAudit(conn: Conn, entry: AuditEntry): void {
  conn.insert(schema.auditLog).values(entry).run();
}

/** "Octavia Reyes (#12)", how people are named in the audit log. */
export function auditName(p: { id: number; name: string }): string {
  return `${p.name} (#${p.id})`;
}

/** One line of the organizer's audit list; organizerName is null for what the app did by itself. */
export type AuditLine = { id: number; action: string; detail: string; at: Date; organizerName: string | null };

/**
 * The latest organizer actions of an event (or, for null, about no event: accounts, invitations,
 * deleted events), newest first; or, with `limit` null, all of them, oldest first (for the export).
 */
export function listAuditLog(db: Conn, eventId: number | null, limit: number | null = 20): AuditLine[] {
  const query = db
    .select({
      id: schema.auditLog.id,
      action: schema.auditLog.action,
      detail: schema.auditLog.detail,
      at: schema.auditLog.at,
      organizerId: schema.auditLog.organizerId,
      organizerName: schema.organizers.name,
      organizerEmail: schema.organizers.email,
    })
    .from(schema.auditLog)
    .leftJoin(schema.organizers, eq(schema.organizers.id, schema.auditLog.organizerId))
    .where(eventId === null ? isNull(schema.auditLog.eventId) : eq(schema.auditLog.eventId, eventId));
  const rows =
    limit === null
      ? query.orderBy(asc(schema.auditLog.at), asc(schema.auditLog.id)).all()
      : query.orderBy(desc(schema.auditLog.at), desc(schema.auditLog.id)).limit(limit).all();
  return rows.map(({ organizerId, organizerName, organizerEmail, ...line }) => ({
    ...line,
    // an organizer account removed later still did it by hand
    organizerName:
      organizerId === null
        ? null
        : organizerName === null || organizerEmail === null
          ? 'a former organizer'
          : organizerLabel({ name: organizerName, email: organizerEmail }),
  }));
}

/** Organizer names by id, for lists (such as past rounds) that say who started something. */
export function listOrganizerNames(db: Conn, ids: number[]): Map<number, string> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = db
    .select({ id: schema.organizers.id, name: schema.organizers.name, email: schema.organizers.email })
    .from(schema.organizers)
    .where(inArray(schema.organizers.id, unique))
    .all();
  return new Map(rows.map((r) => [r.id, organizerLabel(r)]));
}
