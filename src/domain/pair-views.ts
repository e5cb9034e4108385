// What pages show of live pairs, one read model per audience: the organizer's dashboard rows
// (with what needs attention first), the board's lines (public names only), and a phone's buddies
// and meetups (never the organizers' pin, an e-mail only when both agreed).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { meetupSpots, pairs, participants, programSessions, safetyReports } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { bestAvailableReason, hasNoTopic, pinnedReason } from '../matcher/index.ts';
import type { Event, ProgramSession } from './events.ts';
import { isLive, liveStatuses, type LivePairRow } from './live-pairs.ts';
import { loadProfiles } from './matching-input.ts';
import { chooseOpener, type Opener } from './openers.ts';
import { loadNotices, loadNoticesOf } from './erasure.ts';
import { findPerson, peopleById, type Participant, type Person } from './participants.ts';
import { jsonList, preparedOnce } from './prepared.ts';
import { publicName, type PublicName } from './public-name.ts';
import { slotStartAtOrBefore, utcOffsetMinutes } from './slot-allocation.ts';

export type MeetupView = { spotId: number | null; spotName: string; directions: string; meetAt: Date | null };

/** One live pair, for the organizer's dashboard. */
export type LivePairView = MeetupView & {
  pairId: number;
  status: 'published' | 'met';
  pinned: boolean;
  score: number;
  reasons: string[];
  firstTimer: Person;
  volunteer: Person;
  /** minutes since meet time + grace passed without "We met"; null when not overdue */
  overdueMinutes: number | null;
  buddyMissingAt: Date | null;
  differentBuddyAt: Date | null;
};

/** What a personal page shows about one buddy. */
export type BuddyView = MeetupView & {
  pairId: number;
  status: 'published' | 'met';
  /** first name + last initial */
  name: PublicName;
  pronouns: string;
  /** a volunteer's short bio; empty for a first-timer */
  bio: string;
  /** why they were paired, in words for the two of them: never the organizer's pin */
  reasons: string[];
  /** something to start with when the reasons are only a shared language, or nothing */
  opener: Opener | null;
  /** only when both consented and the buddy gave one */
  email: string | null;
  buddyMissingAt: Date | null;
  /** on the first-timer's own page only: they asked for someone else (quietly, the buddy never sees it) */
  differentBuddyAt?: Date | null;
};

/** One meetup of a person: a volunteer's first-timers at the same spot and time meet together. */
export type MyMeetup = MeetupView & { buddies: BuddyView[] };

export type MyPairs = {
  buddies: BuddyView[];
  /** the same buddies by meetup, earliest first */
  meetups: MyMeetup[];
  /** a first-timer whose rematch found nobody free: "we'll find you a buddy" */
  waitingSince: Date | null;
  /** when the page next changes by itself, without anyone acting (a meet time arriving); null if never */
  nextChangeAt: Date | null;
  /** "your buddy left the program", for a while after it happened */
  notices: string[];
  /** meetups that ended lately, by an organizer or the other person: only that they are off, never why */
  offMeetups: { pairId: number; name: PublicName; /** planned before the conference, never given a time */ planned: boolean }[];
};

/** Board line: first name + last initial only, never e-mails or interests. */
export type BoardPairView = {
  pairId: number;
  firstTimer: PublicName;
  volunteer: PublicName;
  spotId: number | null;
  spotName: string;
  directions: string;
  meetAt: Date;
  /** they said "We met" */
  met: boolean;
};

const MINUTE = 60_000;

// a personal status is rendered for every person a round pairs, and the board for every change
const statements = preparedOnce((db) => {
  const eventId = sql.placeholder('eventId');
  // written out, not bound: SQLite uses the partial index on a first-timer's live pair only when it can see the statuses
  const live = sql`${pairs.status} in ('published', 'met')`;
  // the live pairs of a batch of people, in the order `mine` gives each one's
  const ofMany = (column: typeof pairs.firstTimerId | typeof pairs.volunteerId) =>
    db
      .select()
      .from(pairs)
      .where(and(eq(pairs.eventId, eventId), sql`${column} in (select value from json_each(${sql.placeholder('ids')}))`, live))
      .orderBy(asc(pairs.meetAt), asc(pairs.id))
      .prepare();
  const mine = (column: typeof pairs.firstTimerId | typeof pairs.volunteerId) =>
    db
      .select()
      .from(pairs)
      .where(and(eq(pairs.eventId, eventId), eq(column, sql.placeholder('personId')), live))
      .orderBy(asc(pairs.meetAt), asc(pairs.id))
      .prepare();
  // after a no-show the page says what happens next; a cancelled meetup would just vanish
  const off = (column: typeof pairs.firstTimerId | typeof pairs.volunteerId) =>
    db
      .select()
      .from(pairs)
      .where(
        and(
          eq(pairs.eventId, eventId),
          eq(column, sql.placeholder('personId')),
          // written out too: bound, SQLite plans it five times slower (16 against 3 µs a person)
          sql`${pairs.status} = 'cancelled'`,
          sql`${pairs.endedAt} >= ${sql.placeholder('since')}`,
        ),
      )
      .orderBy(asc(pairs.endedAt), asc(pairs.id))
      .prepare();
  return {
    pairsOfFirstTimer: mine(pairs.firstTimerId),
    pairsOfVolunteer: mine(pairs.volunteerId),
    pairsOfFirstTimers: ofMany(pairs.firstTimerId),
    pairsOfVolunteers: ofMany(pairs.volunteerId),
    offOfFirstTimer: off(pairs.firstTimerId),
    offOfVolunteer: off(pairs.volunteerId),
    livePairs: db.select().from(pairs).where(and(eq(pairs.eventId, eventId), live)).prepare(),
    people: db
      .select()
      .from(participants)
      .where(sql`${participants.id} in (select value from json_each(${sql.placeholder('ids')}))`)
      .prepare(),
    spots: db.select().from(meetupSpots).where(eq(meetupSpots.eventId, eventId)).prepare(),
    sessions: db.select().from(programSessions).where(eq(programSessions.eventId, eventId)).prepare(),
  };
});

/** An event's meetup spots by id. */
type SpotsById = Map<number, typeof meetupSpots.$inferSelect>;

function spotsById(conn: Conn, eventId: number): SpotsById {
  const rows = statements(conn).spots.all({ eventId });
  return new Map(rows.map((s) => [s.id, s]));
}

/**
 * What a caller rendering many people reads once for all of them: the people as just read, the
 * event's spots, and, by person, their live pairs, their buddies on those, and their notices.
 */
export type Preloaded = {
  fresh: true;
  spots: SpotsById;
  livePairs: Map<number, LivePairRow[]>;
  buddies: Map<number, Participant>;
  notices: Map<number, string[]>;
  /** for openers, read at the first one a batch needs: the program, and the sessions each of the batch and their buddies plans */
  openerInput: () => OpenerInput;
};

type OpenerInput = { sessions: ProgramSession[]; plannedBy: Map<number, number[]> };

/** Reads for `people` (as just read) what `findMyPairs` needs of each, one query per kind. */
export function preloadMyPairs(conn: Conn, event: Event, people: readonly Participant[], now: Date): Preloaded {
  const livePairs = new Map<number, LivePairRow[]>(people.map((p) => [p.id, []]));
  const firstTimers = people.filter((p) => p.role === 'first_timer').map((p) => p.id);
  const volunteers = people.filter((p) => p.role !== 'first_timer').map((p) => p.id);
  const buddyIds: number[] = [];
  if (firstTimers.length > 0)
    for (const r of statements(conn).pairsOfFirstTimers.all({ eventId: event.id, ids: jsonList(firstTimers) })) {
      livePairs.get(r.firstTimerId)!.push(r);
      buddyIds.push(r.volunteerId);
    }
  if (volunteers.length > 0)
    for (const r of statements(conn).pairsOfVolunteers.all({ eventId: event.id, ids: jsonList(volunteers) })) {
      livePairs.get(r.volunteerId)!.push(r);
      buddyIds.push(r.firstTimerId);
    }
  const buddies = peopleOf(conn, buddyIds);
  let openerInput: OpenerInput | undefined;
  return {
    fresh: true,
    spots: spotsById(conn, event.id),
    livePairs,
    buddies,
    notices: loadNoticesOf(
      conn,
      people.map((p) => p.id),
      now,
    ),
    openerInput: () => {
      if (openerInput) return openerInput;
      const everyone = new Map([...people, ...buddies.values()].map((p) => [p.id, p]));
      const plannedBy = new Map(loadProfiles(conn, [...everyone.values()]).map((p) => [p.participant.id, p.sessions.map(Number)]));
      return (openerInput = { sessions: statements(conn).sessions.all({ eventId: event.id }), plannedBy });
    },
  };
}

function peopleOf(conn: Conn, ids: number[]): Map<number, Participant> {
  if (ids.length === 0) return new Map();
  const rows = statements(conn).people.all({ ids: jsonList([...new Set(ids)]) });
  return new Map(rows.map((p) => [p.id, p]));
}

function meetupOf(pair: LivePairRow, spots: SpotsById): MeetupView {
  const spot = pair.spotId === null ? undefined : spots.get(pair.spotId);
  return {
    spotId: spot?.id ?? null,
    spotName: spot?.name ?? '',
    directions: spot?.directions ?? '',
    meetAt: pair.meetAt,
  };
}

export function findMyPairs(db: Db, event: Event, me: Participant, now: Date, preloaded?: Preloaded): MyPairs {
  // the row the caller holds may predate a rematch that just happened, unless it was read just now
  const fresh = preloaded ? me : (findPerson(db, event.id, me.id) ?? me);
  const firstTimer = fresh.role === 'first_timer';
  const mine = firstTimer ? statements(db).pairsOfFirstTimer : statements(db).pairsOfVolunteer;
  let rows = (preloaded?.livePairs.get(fresh.id) ?? mine.all({ eventId: event.id, personId: fresh.id })).filter(isLive);
  const buddyIds = rows.map((r) => (firstTimer ? r.volunteerId : r.firstTimerId));
  const allBuddies = preloaded
    ? new Map(buddyIds.flatMap((id) => (preloaded.buddies.has(id) ? [[id, preloaded.buddies.get(id)!] as const] : [])))
    : peopleOf(db, buddyIds);
  // a buddy who erased their data is gone from the page; the pair stays for the counts
  const buddies = new Map([...allBuddies].filter(([, b]) => b.erasedAt === null));
  rows = rows.filter((r) => buddies.has(firstTimer ? r.volunteerId : r.firstTimerId));
  const spots = preloaded?.spots ?? spotsById(db, event.id);
  const openers = openerSource(db, event, fresh, preloaded);
  const views: BuddyView[] = rows.map((pair) => {
    const buddy = buddies.get(firstTimer ? pair.volunteerId : pair.firstTimerId)!;
    // the pin is the organizers' business; "the best buddy with room" says nothing to talk about
    const reasons = pair.reasons.filter((r) => r !== pinnedReason && r !== bestAvailableReason);
    return {
      ...meetupOf(pair, spots),
      pairId: pair.id,
      status: pair.status,
      name: publicName(buddy.name),
      pronouns: buddy.pronouns,
      bio: buddy.role === 'volunteer' ? buddy.bio : '',
      reasons,
      opener: hasNoTopic(reasons) ? openers.choose(pair, buddy) : null,
      // contact details are shared only when both said yes
      email: fresh.consentContact && buddy.consentContact && buddy.email ? buddy.email : null,
      buddyMissingAt: pair.buddyMissingAt,
      ...(firstTimer ? { differentBuddyAt: pair.differentBuddyAt } : {}),
    };
  });
  // "my buddy isn't here" is offered from the meet time on, so the page changes then
  const upcoming = firstTimer
    ? views
        .filter((b) => b.status === 'published' && !b.buddyMissingAt && b.meetAt && b.meetAt.getTime() > now.getTime())
        .map((b) => b.meetAt!.getTime())
    : [];
  return {
    buddies: views,
    meetups: groupByMeetup(views),
    offMeetups: findOffMeetups(db, event, fresh, rows, now),
    waitingSince: firstTimer && views.length === 0 ? fresh.waitingSince : null,
    nextChangeAt: upcoming.length > 0 ? new Date(Math.min(...upcoming)) : null,
    notices: preloaded?.notices.get(fresh.id) ?? loadNotices(db, fresh.id, now),
  };
}

/** how long a personal page says that a meetup is off */
const offShownMinutes = 60;

function findOffMeetups(db: Db, event: Event, me: Participant, live: LivePairRow[], now: Date): MyPairs['offMeetups'] {
  const firstTimer = me.role === 'first_timer';
  const ended = (firstTimer ? statements(db).offOfFirstTimer : statements(db).offOfVolunteer).all({
    eventId: event.id,
    personId: me.id,
    since: now.getTime() - offShownMinutes * MINUTE,
  });
  if (ended.length === 0) return [];
  // the person who pressed the safety button knows; paired again with the same buddy, nothing is off
  const mine = new Set(
    db
      .select({ pairId: safetyReports.pairId })
      .from(safetyReports)
      .where(and(eq(safetyReports.eventId, event.id), eq(safetyReports.reporterId, me.id)))
      .all()
      .map((r) => r.pairId),
  );
  const buddyOf = (p: LivePairRow) => (firstTimer ? p.volunteerId : p.firstTimerId);
  const current = new Set(live.map(buddyOf));
  const shown = ended.filter((p) => !mine.has(p.id) && !current.has(buddyOf(p)));
  const people = peopleById(db, shown.map(buddyOf));
  const seen = new Set<number>();
  return shown.flatMap((p) => {
    const buddy = people.get(buddyOf(p));
    // a buddy who erased their data: the notice that they left says it, without a name
    if (!buddy || buddy.erasedAt !== null || seen.has(buddy.id)) return [];
    seen.add(buddy.id);
    return [{ pairId: p.id, name: publicName(buddy.name), planned: p.meetAt === null }];
  });
}

function groupByMeetup(buddies: BuddyView[]): MyMeetup[] {
  const groups = new Map<string, MyMeetup>();
  for (const b of buddies) {
    const key = `${b.meetAt?.getTime() ?? 'none'}@${b.spotId ?? 'none'}`;
    const group = groups.get(key);
    if (group) group.buddies.push(b);
    else groups.set(key, { spotId: b.spotId, spotName: b.spotName, directions: b.directions, meetAt: b.meetAt, buddies: [b] });
  }
  return [...groups.values()];
}

/** Chooses openers for one person's pairs, reading the program and session plans only when one is needed. */
function openerSource(db: Db, event: Event, me: Participant, preloaded?: Preloaded) {
  let sessions: ProgramSession[] | undefined;
  const plannedOf = (a: Participant, b: Participant): Set<number> => {
    if (!preloaded) return new Set(loadProfiles(db, [a, b]).flatMap((p) => p.sessions.map(Number)));
    const { plannedBy } = preloaded.openerInput();
    return new Set([...(plannedBy.get(a.id) ?? []), ...(plannedBy.get(b.id) ?? [])]);
  };
  return {
    choose(pair: LivePairRow, buddy: Participant): Opener {
      sessions ??= preloaded ? preloaded.openerInput().sessions : statements(db).sessions.all({ eventId: event.id });
      const planned = plannedOf(me, buddy);
      return chooseOpener({
        pairId: pair.id,
        meetAt: pair.meetAt,
        slotMinutes: event.settings.slotMinutes,
        timeZone: event.timezone,
        sessions,
        planned,
      });
    },
  };
}

function overdueMinutes(pair: LivePairRow, graceMinutes: number, now: Date): number | null {
  if (pair.status !== 'published' || pair.meetAt === null) return null;
  const late = now.getTime() - (pair.meetAt.getTime() + graceMinutes * MINUTE);
  return late > 0 ? Math.ceil(late / MINUTE) : null;
}

export function listLivePairs(db: Db, event: Event, now: Date): LivePairView[] {
  const rows = db
    .select()
    .from(pairs)
    .where(and(eq(pairs.eventId, event.id), inArray(pairs.status, [...liveStatuses])))
    .all()
    .filter(isLive);
  const people = peopleById(db, rows.flatMap((r) => [r.firstTimerId, r.volunteerId]));
  const spots = spotsById(db, event.id);
  const views = rows.map((pair): LivePairView => {
    const f = people.get(pair.firstTimerId)!;
    const v = people.get(pair.volunteerId)!;
    return {
      ...meetupOf(pair, spots),
      pairId: pair.id,
      status: pair.status,
      pinned: pair.pinned,
      score: pair.score,
      reasons: pair.reasons,
      firstTimer: { id: f.id, name: f.name },
      volunteer: { id: v.id, name: v.name },
      overdueMinutes: overdueMinutes(pair, event.settings.graceMinutes, now),
      buddyMissingAt: pair.buddyMissingAt,
      differentBuddyAt: pair.differentBuddyAt,
    };
  });
  // what needs the organizer first: someone says their buddy isn't here, then the overdue
  const rank = (p: LivePairView) => (p.buddyMissingAt ? 0 : p.overdueMinutes !== null ? 1 : 2);
  const time = (d: Date | null) => (d ? d.getTime() : Number.MAX_SAFE_INTEGER);
  return views.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? time(a.buddyMissingAt) - time(b.buddyMissingAt) : 0) ||
      time(a.meetAt) - time(b.meetAt) ||
      a.pairId - b.pairId,
  );
}

/** The board: the pairs meeting in the current slot and after. */
export function listBoardPairs(db: Db, event: Event, now: Date): BoardPairView[] {
  const slotStart = slotStartAtOrBefore(now, {
    slotMinutes: event.settings.slotMinutes,
    utcOffsetMinutes: utcOffsetMinutes(event.timezone, now),
  });
  return listPublicPairs(db, event, slotStart);
}

/** Live pairs with a meetup, as public screens and the desk's printed sheet show them: by time, then spot; from `since` on, if given. */
export function listPublicPairs(db: Db, event: Event, since?: Date): BoardPairView[] {
  let rows = statements(db)
    .livePairs.all({ eventId: event.id })
    .filter((p) => p.meetAt !== null && (since === undefined || p.meetAt.getTime() >= since.getTime()));
  const everyone = peopleOf(db, rows.flatMap((r) => [r.firstTimerId, r.volunteerId]));
  // public screens never show a pair with someone who erased their data
  const people = new Map([...everyone].filter(([, p]) => p.erasedAt === null));
  rows = rows.filter((r) => people.has(r.firstTimerId) && people.has(r.volunteerId));
  const spots = spotsById(db, event.id);
  const position = (p: LivePairRow) =>
    p.spotId !== null && spots.has(p.spotId) ? spots.get(p.spotId)!.position : Number.MAX_SAFE_INTEGER;
  rows.sort((a, b) => a.meetAt!.getTime() - b.meetAt!.getTime() || position(a) - position(b) || a.id - b.id);
  return rows.map((pair) => {
    const { spotId, spotName, directions } = meetupOf(pair, spots);
    return {
      pairId: pair.id,
      firstTimer: publicName(people.get(pair.firstTimerId)!.name),
      volunteer: publicName(people.get(pair.volunteerId)!.name),
      spotId,
      spotName,
      directions,
      meetAt: pair.meetAt!,
      met: pair.status === 'met',
    };
  });
}
