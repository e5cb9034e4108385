// Asking for a buddy: a first-timer who browsed the volunteer directory asks for up to three listed
// volunteers. A request is a wish, not a booking: the matcher weighs it (w.requested) and honours
// it when that leaves nobody else unmatched. A volunteer's page says how many asked, not who.
import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { buddyRequests, events, pairs, participants } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { auditName, writeAudit } from './audit.ts';
import { asker, listMyRequests, requestCountsByVolunteer, requestsJoined, standing, type MyRequest } from './buddy-request-queries.ts';
import { defaultEventSettings, type Event } from './events.ts';
import { countLivePairsOf, immediate, liveStatuses, livePairOfFirstTimer } from './live-pairs.ts';
import type { Participant } from './participants.ts';
import { preparedOnce } from './prepared.ts';
import { publicName, type PublicName } from './public-name.ts';

export const maxRequestsPerFirstTimer = 3;
/** The most an organizer may let one volunteer be asked for. */
export const maxRequestCap = 50;

export type RequestRefusal =
  | 'not-first-timer'
  | 'not-listed'
  | 'already-paired'
  | 'too-many'
  | 'no-more-requests'
  | 'full';

export type RequestResult = { ok: true; volunteer: PublicName } | { ok: false; reason: RequestRefusal };

/** The event's cap on requests per volunteer, as organizers set it. */
export function requestCapOf(event: Pick<Event, 'settings'>): number {
  return defaultEventSettings(event.settings).requestCap;
}

/**
 * A first-timer asks for a volunteer: a listed volunteer of the same event with room, not asked
 * for by more first-timers than the cap, and no more than three asks each. Asking twice is the same ask.
 */
export function requestBuddy(db: Db, event: Event, me: Participant, volunteerId: number, now: Date): RequestResult {
  return db.transaction((tx) => {
    if (me.role !== 'first_timer' || me.status === 'withdrawn') return { ok: false, reason: 'not-first-timer' } as const;
    const volunteer = tx
      .select()
      .from(participants)
      .where(and(eq(participants.id, volunteerId), eq(participants.eventId, event.id)))
      .get();
    if (!volunteer || volunteer.role !== 'volunteer' || !volunteer.listed || volunteer.status === 'withdrawn') {
      return { ok: false, reason: 'not-listed' } as const;
    }
    const name = publicName(volunteer.name);
    const mine = listMyRequests(tx, me);
    if (mine.some((r) => r.volunteerId === volunteer.id)) return { ok: true, volunteer: name } as const;
    if (livePairOfFirstTimer(tx, me.id)) return { ok: false, reason: 'already-paired' } as const;
    if (mine.length >= maxRequestsPerFirstTimer) return { ok: false, reason: 'too-many' } as const;
    if ((requestCountsByVolunteer(tx, event.id).get(volunteer.id) ?? 0) >= requestCapOf(event)) {
      return { ok: false, reason: 'no-more-requests' } as const;
    }
    // places held by planned pairs count, as the directory's "full" does
    const plannedOfVolunteer = tx
      .select({ n: sql<number>`count(*)` })
      .from(pairs)
      .where(and(eq(pairs.volunteerId, volunteer.id), eq(pairs.status, 'planned')))
      .get()!.n;
    if (countLivePairsOf(tx, volunteer.id) + plannedOfVolunteer >= volunteer.capacity) return { ok: false, reason: 'full' } as const;
    // a request that stopped counting (the volunteer was unlisted, then listed again) is asked anew
    tx.delete(buddyRequests)
      .where(and(eq(buddyRequests.firstTimerId, me.id), eq(buddyRequests.volunteerId, volunteer.id)))
      .run();
    tx.insert(buddyRequests).values({ eventId: event.id, firstTimerId: me.id, volunteerId: volunteer.id, createdAt: now }).run();
    writeAudit(tx, {
      eventId: event.id,
      organizerId: null,
      action: 'buddy-request',
      detail: `${auditName(me)} asked for ${auditName(volunteer)}`,
      at: now,
    });
    return { ok: true, volunteer: name } as const;
  }, immediate);
}

/** A first-timer takes a request back; taking back one that is not there changes nothing. */
export function withdrawBuddyRequest(db: Db, event: Event, me: Participant, volunteerId: number, now: Date): { ok: true; withdrawn: boolean } {
  return db.transaction((tx) => {
    const removed = tx
      .delete(buddyRequests)
      .where(
        and(
          eq(buddyRequests.eventId, event.id),
          eq(buddyRequests.firstTimerId, me.id),
          eq(buddyRequests.volunteerId, volunteerId),
        ),
      )
      .returning()
      .all();
    if (removed.length > 0) {
      const volunteer = tx.select({ id: participants.id, name: participants.name }).from(participants).where(eq(participants.id, volunteerId)).get();
      writeAudit(tx, {
        eventId: event.id,
        organizerId: null,
        action: 'buddy-request-withdrawn',
        detail: `${auditName(me)} no longer asks for ${volunteer ? auditName(volunteer) : `#${volunteerId}`}`,
        at: now,
      });
    }
    return { ok: true, withdrawn: removed.length > 0 } as const;
  }, immediate);
}

/**
 * What the personal page says about requests. A first-timer: whom they asked for, and once they
 * have a buddy, whether a wish came true. A volunteer: how many asked for them, and which of their
 * own first-timers did (those they already know by name).
 */
export type RequestsView =
  | { role: 'first_timer'; asked: MyRequest[]; buddyIds: number[] }
  | { role: 'volunteer'; listed: boolean; askedBy: number; askedByMine: PublicName[] };

// read for every personal status, pushed to each phone a round pairs: compiled once per database
const viewStatements = preparedOnce((db) => {
  const personId = sql.placeholder('personId');
  // a planned pair (pre-event round) answers the wish as a live one does; the statuses are written
  // out, so SQLite can use the partial indexes of a first-timer's live and planned pair
  const buddyOfFirstTimer = (statuses: SQL) =>
    db.select({ id: pairs.volunteerId }).from(pairs).where(and(eq(pairs.firstTimerId, personId), statuses));
  return {
    buddiesOfFirstTimer: buddyOfFirstTimer(sql`${pairs.status} in ('published', 'met')`)
      .unionAll(buddyOfFirstTimer(sql`${pairs.status} = 'planned'`))
      .prepare(),
    buddiesOfVolunteer: db
      .select({ id: pairs.firstTimerId })
      .from(pairs)
      .where(and(eq(pairs.volunteerId, personId), sql`${pairs.status} in ('published', 'met', 'planned')`))
      .prepare(),
    asked: requestsJoined(db)
      .where(and(eq(buddyRequests.firstTimerId, personId), standing))
      .orderBy(buddyRequests.createdAt, buddyRequests.volunteerId)
      .prepare(),
    askedBy: db
      .select({ firstTimerId: buddyRequests.firstTimerId, name: asker.name })
      .from(buddyRequests)
      .innerJoin(asker, eq(asker.id, buddyRequests.firstTimerId))
      .where(and(eq(buddyRequests.volunteerId, personId), ne(asker.status, 'withdrawn')))
      .prepare(),
  };
});

export function loadRequestsView(conn: Conn, me: Participant): RequestsView {
  const statements = viewStatements(conn);
  if (me.role === 'first_timer') {
    return {
      role: 'first_timer',
      asked: statements.asked.all({ personId: me.id }).map((r) => ({ volunteerId: r.volunteerId, name: publicName(r.volunteerName) })),
      buddyIds: statements.buddiesOfFirstTimer.all({ personId: me.id }).map((r) => r.id),
    };
  }
  const rows = statements.askedBy.all({ personId: me.id });
  const mine = new Set(statements.buddiesOfVolunteer.all({ personId: me.id }).map((r) => r.id));
  return {
    role: 'volunteer',
    listed: me.listed,
    askedBy: rows.length,
    askedByMine: rows.filter((r) => mine.has(r.firstTimerId)).map((r) => publicName(r.name)),
  };
}

export type RequestCapResult = { ok: true; changed: boolean } | { ok: false; reason: 'not-found' };

/** An organizer sets how many first-timers may ask for one volunteer; audited. */
export function updateRequestCap(db: Db, args: { eventId: number; organizerId: number; cap: number; now: Date }): RequestCapResult {
  return db.transaction((tx) => {
    const event = tx.select().from(events).where(eq(events.id, args.eventId)).get();
    if (!event) return { ok: false, reason: 'not-found' } as const;
    const settings = defaultEventSettings(event.settings);
    if (settings.requestCap === args.cap) return { ok: true, changed: false } as const;
    tx.update(events).set({ settings: { ...settings, requestCap: args.cap } }).where(eq(events.id, event.id)).run();
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'request-cap-updated',
      detail: `requests per volunteer ${settings.requestCap} → ${args.cap}`,
      at: args.now,
    });
    return { ok: true, changed: true } as const;
  }, immediate);
}
