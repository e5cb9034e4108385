// Bursts of registrations: the latest registrations grouped by the minute they came in, so an
// organizer can spot a scripted burst and withdraw it together. Withdrawn people leave the pool,
// the board and the counts; a real person paired with one of them goes first in the next round;
// their planned pairs and buddy requests end with them.
import { and, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { buddyRequests, participants } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { auditName, writeAudit } from './audit.ts';
import type { Event } from './events.ts';
import { endPair, isLive, loadLivePairs, releaseVolunteer } from './live-pairs.ts';
import type { Participant } from './participants.ts';
import { endPlannedPairsOfLeaving } from './planned-pairs.ts';

/** the most registrations the page lists; a burst bigger than this is withdrawn in several goes */
export const burstListLimit = 1000;

export type BurstPerson = Pick<Participant, 'id' | 'name' | 'role' | 'status' | 'createdAt' | 'checkedInAt'>;
/** The registrations of one minute, newest minute first. */
export type Burst = { minute: Date; people: BurstPerson[] };

/** What the burst list and its confirmation show of each person: a BurstPerson. */
const burstPersonColumns = {
  id: participants.id,
  name: participants.name,
  role: participants.role,
  status: participants.status,
  createdAt: participants.createdAt,
  checkedInAt: participants.checkedInAt,
};

/** Registrations people made themselves (not imported, not withdrawn), newest first, by minute. */
export function listRecentBursts(db: Conn, eventId: number): Burst[] {
  const rows = db
    .select(burstPersonColumns)
    .from(participants)
    .where(and(eq(participants.eventId, eventId), isNull(participants.importedAt), ne(participants.status, 'withdrawn')))
    .orderBy(desc(participants.createdAt), desc(participants.id))
    .limit(burstListLimit)
    .all();
  const bursts: Burst[] = [];
  for (const row of rows) {
    const minute = Math.floor(row.createdAt.getTime() / 60_000) * 60_000;
    const last = bursts[bursts.length - 1];
    if (last && last.minute.getTime() === minute) last.people.push(row);
    else bursts.push({ minute: new Date(minute), people: [row] });
  }
  return bursts;
}

/** The people of this event with these ids, for the confirmation page; unknown ids are left out. */
export function findPeopleToWithdraw(db: Conn, eventId: number, ids: number[]): BurstPerson[] {
  if (ids.length === 0) return [];
  return db
    .select(burstPersonColumns)
    .from(participants)
    .where(and(eq(participants.eventId, eventId), inArray(participants.id, [...new Set(ids)])))
    .all();
}

export type WithdrawResult =
  | { ok: true; withdrawn: number; alreadyWithdrawn: number; participantIds: number[] }
  | { ok: false; reason: 'none-selected' | 'not-found' };

const auditNamesShown = 20;

/** Withdraws them all or, when one is not of this event, none; their live and planned pairs and their buddy requests end. */
export function withdrawParticipants(db: Db, event: Event, args: { ids: number[]; organizerId: number; now: Date }): WithdrawResult {
  const ids = [...new Set(args.ids)];
  if (ids.length === 0) return { ok: false, reason: 'none-selected' };
  return db.transaction(
    (tx): WithdrawResult => {
      const people = findPeopleToWithdraw(tx, event.id, ids);
      if (people.length !== ids.length) return { ok: false, reason: 'not-found' };
      const leaving = people.filter((p) => p.status !== 'withdrawn');
      const leavingIds = new Set(leaving.map((p) => p.id));
      const touched = new Set(leavingIds);
      if (leaving.length > 0) {
        tx.update(participants)
          .set({ status: 'withdrawn', waitingSince: null, updatedAt: args.now })
          .where(inArray(participants.id, [...leavingIds]))
          .run();
        // plans and wishes made with them go too: no round keeps a place for them, no report counts them
        for (const plan of endPlannedPairsOfLeaving(tx, event.id, [...leavingIds], args.now)) if (plan.stays) touched.add(plan.stays.id);
        for (let i = 0; i < leaving.length; i += 500) {
          const chunk = leaving.slice(i, i + 500).map((p) => p.id);
          tx.delete(buddyRequests)
            .where(and(eq(buddyRequests.eventId, event.id), or(inArray(buddyRequests.firstTimerId, chunk), inArray(buddyRequests.volunteerId, chunk))))
            .run();
        }
        for (const pair of loadLivePairs(tx, event.id)) {
          if (!isLive(pair) || !(leavingIds.has(pair.firstTimerId) || leavingIds.has(pair.volunteerId))) continue;
          endPair(tx, pair, { status: 'cancelled', now: args.now });
          touched.add(pair.firstTimerId).add(pair.volunteerId);
          // a real first-timer whose buddy was a fake lost them through no fault of their own
          if (!leavingIds.has(pair.firstTimerId)) {
            tx.update(participants)
              .set({ status: 'present', waitingSince: args.now, updatedAt: args.now })
              .where(and(eq(participants.id, pair.firstTimerId), eq(participants.status, 'matched')))
              .run();
          }
          if (!leavingIds.has(pair.volunteerId)) releaseVolunteer(tx, pair.volunteerId, args.now);
        }
        const names = leaving.slice(0, auditNamesShown).map(auditName).join(', ');
        const more = leaving.length > auditNamesShown ? ` and ${leaving.length - auditNamesShown} more` : '';
        writeAudit(tx, {
          eventId: event.id,
          organizerId: args.organizerId,
          action: 'registrations-withdrawn',
          detail: `withdrew ${leaving.length} registration${leaving.length === 1 ? '' : 's'} together: ${names}${more}`,
          at: args.now,
        });
      }
      return { ok: true, withdrawn: leaving.length, alreadyWithdrawn: people.length - leaving.length, participantIds: [...touched] };
    },
    { behavior: 'immediate' },
  );
}
