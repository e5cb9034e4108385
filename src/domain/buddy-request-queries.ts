// Reading buddy requests: who asked for whom, counted the way every page and the matcher count
// them. Kept apart from the actions (buddy-requests.ts) so the matcher's input can read requests
// without depending on the live-pair store.
//
// A request counts while both people are still in the program and the volunteer is still listed;
// a volunteer who stops being listed or leaves takes no more requests, and theirs stop counting
// against the asker's three (the rows stay, so relisting brings them back).
import { and, count, eq, inArray, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { buddyRequests, participants } from '../../db/schema.ts';
import type { Conn } from '../db.ts';
import type { Participant } from './participants.ts';
import { publicName, type PublicName } from './public-name.ts';

export const asker = alias(participants, 'asker');
export const asked = alias(participants, 'asked');

/** A request that still counts: both still in the program, the volunteer still listed. */
export const standing = and(eq(asked.listed, true), ne(asked.status, 'withdrawn'), ne(asker.status, 'withdrawn'));

export function requestsJoined(conn: Conn) {
  return conn
    .select({
      firstTimerId: buddyRequests.firstTimerId,
      volunteerId: buddyRequests.volunteerId,
      volunteerName: asked.name,
      createdAt: buddyRequests.createdAt,
    })
    .from(buddyRequests)
    .innerJoin(asker, eq(asker.id, buddyRequests.firstTimerId))
    .innerJoin(asked, eq(asked.id, buddyRequests.volunteerId));
}

/** The volunteers each of these first-timers asked for (and who still count), as the matcher wants them. */
export function requestedVolunteerIds(conn: Conn, firstTimerIds: number[]): Map<number, number[]> {
  const byFirstTimer = new Map<number, number[]>();
  if (firstTimerIds.length === 0) return byFirstTimer;
  const rows = requestsJoined(conn)
    .where(and(inArray(buddyRequests.firstTimerId, [...new Set(firstTimerIds)]), standing))
    .orderBy(buddyRequests.firstTimerId, buddyRequests.volunteerId)
    .all();
  for (const r of rows) {
    const list = byFirstTimer.get(r.firstTimerId);
    if (list) list.push(r.volunteerId);
    else byFirstTimer.set(r.firstTimerId, [r.volunteerId]);
  }
  return byFirstTimer;
}

/** How many first-timers asked for each volunteer of the event (who still count). */
export function requestCountsByVolunteer(conn: Conn, eventId: number): Map<number, number> {
  const rows = conn
    .select({ volunteerId: buddyRequests.volunteerId, n: count() })
    .from(buddyRequests)
    .innerJoin(asker, eq(asker.id, buddyRequests.firstTimerId))
    .innerJoin(asked, eq(asked.id, buddyRequests.volunteerId))
    .where(and(eq(buddyRequests.eventId, eventId), standing))
    .groupBy(buddyRequests.volunteerId)
    .all();
  return new Map(rows.map((r) => [r.volunteerId, r.n]));
}

/** Every request of the event as "firstTimerId:volunteerId" keys, also those that stopped counting (for the report: they were asked). */
export function requestKeys(conn: Conn, eventId: number): Set<string> {
  return new Set(
    conn
      .select({ firstTimerId: buddyRequests.firstTimerId, volunteerId: buddyRequests.volunteerId })
      .from(buddyRequests)
      .where(eq(buddyRequests.eventId, eventId))
      .all()
      .map((r) => `${r.firstTimerId}:${r.volunteerId}`),
  );
}

export type MyRequest = { volunteerId: number; name: PublicName };

/** Whom a first-timer asked for, oldest request first, by public name. */
export function listMyRequests(conn: Conn, firstTimer: Pick<Participant, 'id'>): MyRequest[] {
  return requestsJoined(conn)
    .where(and(eq(buddyRequests.firstTimerId, firstTimer.id), standing))
    .orderBy(buddyRequests.createdAt, buddyRequests.volunteerId)
    .all()
    .map((r) => ({ volunteerId: r.volunteerId, name: publicName(r.volunteerName) }));
}

