// Erasing a person's personal data: by themselves from their personal page, by an organizer on
// their request, or by the retention purge for a whole event (retention.ts). The participant row
// stays, anonymous — role, status, check-in time, library type, region, capacity, interests and
// sessions chosen, pairs and ratings — so the program report and the dashboard still add up; every
// field that says who they are goes, their link stops working, the mail to them and the words in
// the audit log that name them go too. Why a row and not a table of counts: docs/decisions/erasure.md.
import { and, eq, gt, inArray, like, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  auditLog,
  buddyRequests,
  feedbackResponses,
  mailOutbox,
  mailRecipients,
  pairs,
  participantNotices,
  participants,
  safetyReports,
} from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { auditName, writeAudit } from './audit.ts';
import type { Event } from './events.ts';
import { eventEndsAt } from './feedback.ts';
import { endPair, immediate, isLive, rematchInTx, releaseVolunteer, type PairChange } from './live-pairs.ts';
import { enqueueMail } from './mail-outbox.ts';
import { findPerson, personalLink, type Participant } from './participants.ts';
import { endPlannedPairsOfLeaving } from './planned-pairs.ts';
import { jsonList, preparedOnce } from './prepared.ts';
import { firstName } from './public-name.ts';

/** "Delete me" and an organizer's erase both want an explicit tick: confirm=yes. */
export const erasureConfirmSchema = z.object({ confirm: z.literal('yes') });

/** What organizer pages and exports show where an erased person's name was. */
export const erasedName = 'Erased participant';

/** How the audit log names someone once they are erased. */
export const erasedAuditName = (id: number) => `erased participant (#${id})`;

export type ErasedBy = { kind: 'self' } | { kind: 'organizer'; organizerId: number };

export type ErasureResult =
  | ({ ok: true; participantId: number; buddiesTold: number } & PairChange)
  | { ok: false; reason: 'not-found' };

const buddyLeftKind = 'buddy-left';

/**
 * The anonymous rows that remain, inside the caller's transaction: identifying fields blanked, the
 * token and desk code replaced by values no link or kiosk can produce (a token is 43 characters, a
 * typed desk code upper-case without hyphens), feedback free text dropped, mail and notices gone.
 */
export function anonymizeInTx(tx: Conn, eventId: number, people: Pick<Participant, 'id' | 'name' | 'email'>[], now: Date): void {
  if (people.length === 0) return;
  const ids = people.map((p) => p.id);
  scrubAuditNames(tx, eventId, people);
  // a plan with someone who is gone will never happen (eraseParticipant has told the other already)
  endPlannedPairsOfLeaving(tx, eventId, ids, now);
  // by chunks: SQLite takes a bounded number of parameters
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const emails = people
      .slice(i, i + 500)
      .flatMap((p) => (p.email ? [p.email] : []));
    tx.update(participants)
      .set({
        name: erasedName,
        pronouns: '',
        email: null,
        affiliation: '',
        languages: [],
        accessibilityNeeds: '',
        bio: '',
        consentContact: false,
        listed: false,
        token: sql`'erased-' || ${participants.id}`,
        deskCode: sql`'erased-' || ${participants.id}`,
        waitingSince: null,
        erasedAt: now,
        updatedAt: now,
      })
      .where(inArray(participants.id, chunk))
      .run();
    tx.update(feedbackResponses)
      .set({ comment: '', mayContact: false })
      .where(inArray(feedbackResponses.participantId, chunk))
      .run();
    tx.delete(participantNotices).where(inArray(participantNotices.participantId, chunk)).run();
    // a safety report stays for the organizers' counts and alert; the reporter's own words go
    tx.update(safetyReports).set({ note: '' }).where(inArray(safetyReports.reporterId, chunk)).run();
    // whom they asked for, and who asked for them: wishes for matching, gone with the person
    tx.delete(buddyRequests)
      .where(or(inArray(buddyRequests.firstTimerId, chunk), inArray(buddyRequests.volunteerId, chunk)))
      .run();
    tx.delete(mailOutbox).where(inArray(mailOutbox.participantId, chunk)).run();
    // the address itself (and its opt-out) is theirs; its messages go with it
    if (emails.length > 0) {
      tx.delete(mailRecipients)
        .where(and(eq(mailRecipients.eventId, eventId), inArray(mailRecipients.address, emails)))
        .run();
    }
  }
}

/** The audit log names people as "Name (#id)"; each of these becomes "erased participant (#id)". */
function scrubAuditNames(tx: Conn, eventId: number, people: Pick<Participant, 'id' | 'name'>[]): void {
  const byId = new Map(people.map((p) => [p.id, p.name]));
  const rows = tx
    .select({ id: auditLog.id, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.eventId, eventId), like(auditLog.detail, '%(#%')))
    .all();
  for (const row of rows) {
    let detail = row.detail;
    for (const m of row.detail.matchAll(/\(#(\d+)\)/g)) {
      const name = byId.get(Number(m[1]));
      if (name !== undefined) detail = detail.split(auditName({ id: Number(m[1]), name })).join(erasedAuditName(Number(m[1])));
    }
    if (detail !== row.detail) tx.update(auditLog).set({ detail }).where(eq(auditLog.id, row.id)).run();
  }
}

function tell(tx: Conn, participantId: number, text: string, now: Date): void {
  tx.insert(participantNotices).values({ participantId, text, createdAt: now }).run();
}

export const buddyLeftTexts = {
  volunteer: 'Your first-timer left the buddy program, so that meetup is off. You have room for another first-timer.',
  rematched: 'Your buddy had to leave the buddy program. We found you a new buddy — see below.',
  waiting: "Your buddy had to leave the buddy program. We'll find you a new buddy: you go first when a volunteer is free.",
} as const;

/** What a buddy-to-be reads when the other of a planned pair erased their data: the plan is off, and what happens next. */
export const plannedBuddyLeftTexts = {
  volunteer: "Your first-timer-to-be can't take part after all, so that plan is off. You have room for another first-timer.",
  here: "Your buddy-to-be can't take part after all, so that plan is off. We'll find you a buddy: you go first when a volunteer is free.",
  notHere: "Your buddy-to-be can't take part after all, so that plan is off. Check in at the desk when you arrive and we'll find you a buddy.",
} as const;

function mailBuddy(tx: Conn, event: Event, buddy: Participant, pairId: number, text: string, publicUrl: string, now: Date): void {
  if (!buddy.email) return;
  enqueueMail(
    tx,
    {
      eventId: event.id,
      to: buddy.email,
      participantId: buddy.id,
      kind: buddyLeftKind,
      dedupeKey: `pair:${pairId}`,
      essential: true,
      subject: `Your buddy program at ${event.name}: a change`,
      text: [
        `Hi ${firstName(buddy.name) || buddy.name},`,
        '',
        text,
        '',
        `Your page: ${personalLink(publicUrl, event, buddy.token)}`,
      ].join('\n'),
    },
    now,
  );
}

/**
 * Erases one person of the event. While the conference is on, their pairs that have not met end:
 * a first-timer left alone is rematched at once (or waits first in line), a volunteer gets the
 * place back; both are told on their page and, when they gave an e-mail, through the outbox.
 * Pairs that met, and every pair once the event is over, stay as they are: the report counts them.
 */
export function eraseParticipant(
  db: Db,
  event: Event,
  args: { participantId: number; by: ErasedBy; now: Date; publicUrl: string },
): ErasureResult {
  return db.transaction((tx): ErasureResult => {
    const p = findPerson(tx, event.id, args.participantId);
    if (!p || p.erasedAt) return { ok: false, reason: 'not-found' };
    const { now } = args;
    const changed = new Set<number>();
    let board = false;
    let told = 0;
    const rematches: string[] = [];
    const stillOn = now < eventEndsAt(event);
    if (stillOn) {
      const mine = tx
        .select()
        .from(pairs)
        .where(and(eq(pairs.eventId, event.id), eq(pairs.status, 'published'), or(eq(pairs.firstTimerId, p.id), eq(pairs.volunteerId, p.id))))
        .all()
        .filter(isLive);
      for (const pair of mine) endPair(tx, pair, { status: 'cancelled', now });
      for (const pair of mine) {
        board = true;
        const buddyId = p.role === 'first_timer' ? pair.volunteerId : pair.firstTimerId;
        // read once: the audit line and the mail want only their name, e-mail and token, which rematching leaves alone
        const buddy = findPerson(tx, event.id, buddyId)!;
        changed.add(buddyId);
        let text: string;
        if (p.role === 'first_timer') {
          releaseVolunteer(tx, buddyId, now);
          text = buddyLeftTexts.volunteer;
        } else {
          const outcome = rematchInTx(tx, event, buddyId, { excludeVolunteerIds: [p.id], now });
          if (outcome) changed.add(outcome.volunteer.id);
          text = outcome ? buddyLeftTexts.rematched : buddyLeftTexts.waiting;
          rematches.push(outcome ? `${auditName(buddy)} rematched with ${auditName(outcome.volunteer)}` : `${auditName(buddy)} waits for the next round`);
        }
        tell(tx, buddyId, text, now);
        mailBuddy(tx, event, buddy, pair.id, text, args.publicUrl, now);
        told++;
      }
      // a plan made before the conference ends too; the one who stays is free for the day's rounds
      for (const plan of endPlannedPairsOfLeaving(tx, event.id, [p.id], now)) {
        if (!plan.stays) continue;
        const text =
          plan.stays.role === 'volunteer'
            ? plannedBuddyLeftTexts.volunteer
            : plan.stays.status === 'present'
              ? plannedBuddyLeftTexts.here
              : plannedBuddyLeftTexts.notHere;
        changed.add(plan.stays.id);
        tell(tx, plan.stays.id, text, now);
        mailBuddy(tx, event, plan.stays, plan.pairId, text, args.publicUrl, now);
        told++;
      }
      // someone here leaves the pool, as anyone who withdraws does
      if (p.status === 'present' || p.status === 'matched') {
        tx.update(participants).set({ status: 'withdrawn' }).where(eq(participants.id, p.id)).run();
      }
    }
    anonymizeInTx(tx, event.id, [p], now);
    const ended = told > 0 ? `; ${told} unmet ${told === 1 ? 'pair' : 'pairs'} ended${rematches.length > 0 ? `; ${rematches.join('; ')}` : ''}` : '';
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.by.kind === 'organizer' ? args.by.organizerId : null,
      action: 'erase',
      detail:
        (args.by.kind === 'organizer'
          ? `an organizer erased participant #${p.id} on their request`
          : `participant #${p.id} erased their own personal data`) + ended,
      at: now,
    });
    return { ok: true, participantId: p.id, buddiesTold: told, participantIds: [p.id, ...changed], board };
  }, immediate);
}

const noticeHours = 12;

/** What a person's page says about their buddy leaving, for half a day after it happened. */
export function loadNotices(conn: Conn, participantId: number, now: Date): string[] {
  return noticeStatements(conn)
    .recent.all({ participantId, since: now.getTime() - noticeHours * 3_600_000 })
    .map((r) => r.text);
}

/** The recent notices of several people in one read, each person's in the order `loadNotices` gives them. */
export function loadNoticesOf(conn: Conn, participantIds: readonly number[], now: Date): Map<number, string[]> {
  const byPerson = new Map<number, string[]>(participantIds.map((id) => [id, []]));
  const rows = noticeStatements(conn).recentOf.all({ ids: jsonList([...new Set(participantIds)]), since: now.getTime() - noticeHours * 3_600_000 });
  for (const r of rows) byPerson.get(r.participantId)?.push(r.text);
  return byPerson;
}

// read by every status fragment, for every phone a change concerns
const noticeStatements = preparedOnce((db) => ({
  recentOf: db
    .select({ participantId: participantNotices.participantId, text: participantNotices.text })
    .from(participantNotices)
    .where(
      and(
        sql`${participantNotices.participantId} in (select value from json_each(${sql.placeholder('ids')}))`,
        gt(participantNotices.createdAt, sql.placeholder('since')),
      ),
    )
    .orderBy(participantNotices.id)
    .prepare(),
  recent: db
    .select({ text: participantNotices.text })
    .from(participantNotices)
    .where(and(eq(participantNotices.participantId, sql.placeholder('participantId')), gt(participantNotices.createdAt, sql.placeholder('since'))))
    .orderBy(participantNotices.id)
    .prepare(),
}));
