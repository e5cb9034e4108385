// The adapter to the matcher: what it needs to know about an event's people, read from the
// database and turned into its shapes — ids as strings, interests and sessions as id strings with
// labels, so reasons read in words ("you both picked Youth services"), the volunteers each first-timer
// asked for from the directory — and the pairs it may not make.
// Why the matcher is exact: docs/decisions/exact-matcher.md.
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import {
  forbiddenPairs,
  interests,
  pairs,
  participantInterests,
  participantSessions,
  programSessions,
} from '../../db/schema.ts';
import type { Labels, RematchFirstTimer, RematchVolunteer } from '../matcher/index.ts';
import type { Conn } from '../db.ts';
import { requestedVolunteerIds } from './buddy-request-queries.ts';
import type { Participant } from './participants.ts';
import { jsonList, preparedOnce } from './prepared.ts';

export type MatchProfile = {
  participant: Participant;
  interests: string[];
  sessions: string[];
  /** the volunteers a first-timer asked for, still listed and in the program (none for a volunteer) */
  requested: string[];
};

export function loadLabels(conn: Conn, eventId: number): Labels {
  const interestRows = conn
    .select({ id: interests.id, label: interests.label })
    .from(interests)
    .where(eq(interests.eventId, eventId))
    .all();
  const sessionRows = conn
    .select({ id: programSessions.id, title: programSessions.title })
    .from(programSessions)
    .where(eq(programSessions.eventId, eventId))
    .all();
  return {
    interests: Object.fromEntries(interestRows.map((r) => [String(r.id), r.label])),
    sessions: Object.fromEntries(sessionRows.map((r) => [String(r.id), r.title])),
  };
}

/** The matcher's ids are strings: each person's chosen ids, in the order read. */
function idsByPerson(rows: { participantId: number; id: number }[]): Map<number, string[]> {
  const byPerson = new Map<number, string[]>();
  for (const r of rows) {
    const list = byPerson.get(r.participantId);
    if (list) list.push(String(r.id));
    else byPerson.set(r.participantId, [String(r.id)]);
  }
  return byPerson;
}

// a round reads thousands of profiles and a status fragment two (for an opener): one compiled
// statement each, the ids in one JSON placeholder
const profileStatements = preparedOnce((db) => {
  const among = (column: typeof participantInterests.participantId | typeof participantSessions.participantId) =>
    sql`${column} in (select value from json_each(${sql.placeholder('ids')}))`;
  return {
    interests: db
      .select({ participantId: participantInterests.participantId, id: participantInterests.interestId })
      .from(participantInterests)
      .where(among(participantInterests.participantId))
      .orderBy(asc(participantInterests.interestId))
      .prepare(),
    sessions: db
      .select({ participantId: participantSessions.participantId, id: participantSessions.sessionId })
      .from(participantSessions)
      .where(among(participantSessions.participantId))
      .orderBy(asc(participantSessions.sessionId))
      .prepare(),
  };
});

/** Profiles (with their interest and session ids, and whom a first-timer asked for) of the given people, in the order given. */
export function loadProfiles(conn: Conn, people: Participant[]): MatchProfile[] {
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const list = { ids: jsonList(ids) };
  const interestsOf = idsByPerson(profileStatements(conn).interests.all(list));
  const sessionsOf = idsByPerson(profileStatements(conn).sessions.all(list));
  const requestedBy = requestedVolunteerIds(
    conn,
    people.filter((p) => p.role === 'first_timer').map((p) => p.id),
  );
  return people.map((participant) => ({
    participant,
    interests: interestsOf.get(participant.id) ?? [],
    sessions: sessionsOf.get(participant.id) ?? [],
    requested: (requestedBy.get(participant.id) ?? []).map(String),
  }));
}

export function toMatcherFirstTimer(p: MatchProfile): RematchFirstTimer & { id: string } {
  return {
    id: String(p.participant.id),
    interests: p.interests,
    sessions: p.sessions,
    libraryType: p.participant.libraryType || undefined,
    region: p.participant.region || undefined,
    languages: p.participant.languages,
    requested: p.requested,
  };
}

export function toMatcherVolunteer(p: MatchProfile, capacity: number, load: number): RematchVolunteer {
  return {
    id: String(p.participant.id),
    interests: p.interests,
    sessions: p.sessions,
    libraryType: p.participant.libraryType || undefined,
    region: p.participant.region || undefined,
    languages: p.participant.languages,
    capacity,
    load,
  };
}

/**
 * Pairs no round or rematch may make: those an organizer forbade, and a first-timer with any buddy
 * they asked to leave ("I'd like a different buddy"). Only an organizer's pin brings such a pair
 * back, since pins do not read this list.
 */
export function loadForbidden(conn: Conn, eventId: number): { firstTimerId: number; volunteerId: number }[] {
  const forbidden = conn
    .select({ firstTimerId: forbiddenPairs.firstTimerId, volunteerId: forbiddenPairs.volunteerId })
    .from(forbiddenPairs)
    .where(eq(forbiddenPairs.eventId, eventId))
    .all();
  const left = conn
    .selectDistinct({ firstTimerId: pairs.firstTimerId, volunteerId: pairs.volunteerId })
    .from(pairs)
    .where(and(eq(pairs.eventId, eventId), isNotNull(pairs.differentBuddyAt)))
    .all();
  const seen = new Set(forbidden.map((f) => `${f.firstTimerId}:${f.volunteerId}`));
  return [...forbidden, ...left.filter((p) => !seen.has(`${p.firstTimerId}:${p.volunteerId}`))];
}
