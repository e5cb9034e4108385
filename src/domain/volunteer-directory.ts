// The volunteer directory a first-timer browses before being paired, as library mentoring programs
// let newcomers read the volunteers' short bios and choose. It shows only volunteers who agreed to
// be listed and are still in the program, and of them only what a public screen may show: a first
// name and initial, pronouns, bio, library type, region, interests and languages. Never an
// e-mail, a surname or an affiliation.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { interests, participantInterests, participants } from '../../db/schema.ts';
import type { Conn } from '../db.ts';
import { listMyRequests, requestCountsByVolunteer, type MyRequest } from './buddy-request-queries.ts';
import { maxRequestsPerFirstTimer, requestCapOf } from './buddy-requests.ts';
import { loadEventChoices, type Event } from './events.ts';
import { countLoads, livePairOfFirstTimer, loadLivePairs, loadPlannedHolds } from './live-pairs.ts';
import type { Participant } from './participants.ts';
import { publicName, type PublicName } from './public-name.ts';

export type DirectoryFilters = { interest?: number | undefined; libraryType?: string | undefined; region?: string | undefined };

export type DirectoryCard = {
  id: number;
  name: PublicName;
  pronouns: string;
  bio: string;
  libraryType: string;
  region: string;
  interests: string[];
  languages: string[];
  /** interests this volunteer shares with the first-timer browsing */
  sharedInterests: number;
  /** no room left: live pairs take all the first-timers they offered */
  full: boolean;
  /** the first-timer browsing asked for this volunteer */
  askedByMe: boolean;
  /** as many first-timers asked for this volunteer as organizers allow */
  noMoreRequests: boolean;
};

export type VolunteerDirectory = {
  volunteers: DirectoryCard[];
  /** listed volunteers before the filters */
  listedCount: number;
  filters: DirectoryFilters;
  /** what the filters offer: only what some listed volunteer has */
  options: { interests: { id: number; label: string }[]; libraryTypes: string[]; regions: string[] };
  myRequests: MyRequest[];
  maxRequests: number;
  /** the first-timer already has a buddy: no more asking */
  paired: boolean;
};

/** Labels in the event's own order first, then any others (typed before the list existed) alphabetically. */
function inCatalogOrder(values: Iterable<string>, order: string[]): string[] {
  const present = new Set([...values].filter(Boolean));
  const known = order.filter((o) => present.has(o));
  const rest = [...present].filter((v) => !order.includes(v)).sort((a, b) => a.localeCompare(b));
  return [...known, ...rest];
}

export function loadVolunteerDirectory(conn: Conn, event: Event, me: Participant, filters: DirectoryFilters): VolunteerDirectory {
  const listed = conn
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.eventId, event.id),
        eq(participants.role, 'volunteer'),
        eq(participants.listed, true),
        ne(participants.status, 'withdrawn'),
      ),
    )
    .orderBy(asc(participants.id))
    .all();
  const ids = listed.map((v) => v.id);
  const interestRows =
    ids.length === 0
      ? []
      : conn
          .select({ participantId: participantInterests.participantId, id: interests.id, label: interests.label })
          .from(participantInterests)
          .innerJoin(interests, eq(interests.id, participantInterests.interestId))
          .where(inArray(participantInterests.participantId, ids))
          .orderBy(asc(interests.position), asc(interests.id))
          .all();
  const mine = new Set(
    conn
      .select({ id: participantInterests.interestId })
      .from(participantInterests)
      .where(eq(participantInterests.participantId, me.id))
      .all()
      .map((r) => r.id),
  );
  const interestsOf = new Map<number, { id: number; label: string }[]>();
  for (const r of interestRows) interestsOf.set(r.participantId, [...(interestsOf.get(r.participantId) ?? []), r]);

  const loads = countLoads(loadLivePairs(conn, event.id));
  const holds = loadPlannedHolds(conn, event.id);
  const asks = requestCountsByVolunteer(conn, event.id);
  const cap = requestCapOf(event);
  const myRequests = listMyRequests(conn, me);
  const askedByMe = new Set(myRequests.map((r) => r.volunteerId));

  const matches = (v: Participant) =>
    (filters.interest === undefined || (interestsOf.get(v.id) ?? []).some((x) => x.id === filters.interest)) &&
    (!filters.libraryType || v.libraryType === filters.libraryType) &&
    (!filters.region || v.region === filters.region);
  const shown: DirectoryCard[] = listed
    .filter(matches)
    .map((v) => {
      const theirs = interestsOf.get(v.id) ?? [];
      return {
        id: v.id,
        name: publicName(v.name),
        pronouns: v.pronouns,
        bio: v.bio,
        libraryType: v.libraryType,
        region: v.region,
        interests: theirs.map((i) => i.label),
        languages: v.languages,
        sharedInterests: theirs.filter((i) => mine.has(i.id)).length,
        // a planned pair (pre-event round) holds its place too
        full: (loads.get(v.id) ?? 0) + (holds.places.get(v.id) ?? 0) >= v.capacity,
        askedByMe: askedByMe.has(v.id),
        noMoreRequests: (asks.get(v.id) ?? 0) >= cap,
      };
    })
    // those with most in common first; the order people registered breaks ties, so it never shuffles
    .sort((a, b) => b.sharedInterests - a.sharedInterests || a.id - b.id);

  const choices = loadEventChoices(conn, event.id);
  const interestOptions = [...new Map(interestRows.map((r) => [r.id, { id: r.id, label: r.label }])).values()];
  return {
    volunteers: shown,
    listedCount: listed.length,
    filters,
    options: {
      interests: interestOptions,
      libraryTypes: inCatalogOrder(listed.map((v) => v.libraryType), choices.libraryTypes),
      regions: inCatalogOrder(listed.map((v) => v.region), choices.regions),
    },
    myRequests,
    maxRequests: maxRequestsPerFirstTimer,
    paired: livePairOfFirstTimer(conn, me.id) !== undefined,
  };
}
