// The outgoing-mail queue. A feature enqueues a message inside the transaction of the change that
// causes it (so the change and its message are written together or not at all); the sender in
// src/mail/ claims due messages one at a time, sends them, and records what happened.
//
//   queued ──claim──▶ sending ──250──▶ sent
//     ▲                  │ 4xx, connection trouble: back to queued, later (1, 2, 4 … 60 minutes)
//     └──────────────────┘ 5xx refusal of this message, or attempts used up: failed
//   queued (non-essential, recipient unsubscribed) ──▶ skipped
//
// A message left in 'sending' (the process died mid-send) is claimed again once its lease has run
// out. The lease is far longer than an SMTP attempt may take, so a sender that is alive never has
// its message taken over: only a crash between the server's "250 OK" and our write of 'sent' can
// send a message twice, and the retry then carries the same Message-ID
// (docs/decisions/mail-never-twice.md).
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { events, mailOutbox, mailRecipients, participants, type MailStatus } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { recipientFor } from './mail-recipients.ts';

export type MailRow = typeof mailOutbox.$inferSelect;

/** A message with what it takes to show or send it: its event, unsubscribe token and person. */
export type OutboxMessage = MailRow & {
  event: { slug: string; name: string } | null;
  unsubscribeToken: string;
  participantName: string | null;
};

/** A claimed message must be sent or given up within this; afterwards another claim may take it. */
export const mailLeaseMs = 15 * 60_000;
export const maxMailAttempts = 10;

/** Wait after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour (about 4 hours in all). */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

const oneLine = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is empty`)
    .max(max, `${label} is longer than ${max} characters`)
    .refine((s) => !/[\r\n]/.test(s), `${label} must be one line`);

export const newMailSchema = z.object({
  eventId: z.number().int().positive().nullable(),
  to: z.string().trim().max(254, 'the address is too long').pipe(z.email('the address is not an e-mail address')),
  participantId: z.number().int().positive().nullable().default(null),
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'kind must be a short lower-case word such as feedback-invite'),
  dedupeKey: oneLine(200, 'dedupeKey'),
  subject: oneLine(200, 'the subject'),
  text: z.string().min(1, 'the text part is empty').max(100_000, 'the text part is too long'),
  html: z.string().max(500_000, 'the HTML part is too long').nullable().default(null),
  essential: z.boolean().default(false),
  notBefore: z.date().optional(),
});

/**
 * What a feature hands to enqueueMail. The unsubscribe link is added to every part when the
 * message is shown or sent; do not put one in the text yourself.
 */
export type NewMail = z.input<typeof newMailSchema>;

export type EnqueueResult =
  | { ok: true; id: number; status: 'queued' | 'skipped' }
  | { ok: false; reason: 'duplicate'; id: number }
  | { ok: false; reason: 'invalid'; problem: string };

const unsubscribedNote = 'The recipient unsubscribed from this e-mail.';

/**
 * Puts a message in the outbox inside the caller's transaction (pass `tx`), so it exists exactly
 * when the change that causes it is committed. The same (event, kind, dedupeKey) is enqueued once:
 * a second call answers `duplicate` and writes nothing. A non-essential message to someone who
 * unsubscribed from the event is kept as `skipped`, never sent.
 */
export function enqueueMail(conn: Conn, mail: NewMail, now: Date): EnqueueResult {
  const parsed = newMailSchema.safeParse(mail);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: 'invalid', problem: `${issue.path.join('.') || 'message'}: ${issue.message}` };
  }
  const m = parsed.data;
  const existing = findByDedupeKey(conn, m.eventId, m.kind, m.dedupeKey);
  if (existing) return { ok: false, reason: 'duplicate', id: existing.id };

  const recipient = recipientFor(conn, m.eventId, m.to, now);
  const skipped = recipient.unsubscribedAt !== null && !m.essential;
  const row = conn
    .insert(mailOutbox)
    .values({
      eventId: m.eventId,
      recipientId: recipient.id,
      participantId: m.participantId,
      toAddress: m.to,
      kind: m.kind,
      dedupeKey: m.dedupeKey,
      essential: m.essential,
      subject: m.subject,
      textBody: m.text,
      htmlBody: m.html,
      status: skipped ? 'skipped' : 'queued',
      lastError: skipped ? unsubscribedNote : null,
      nextAttemptAt: m.notBefore ?? now,
      createdAt: now,
    })
    // the unique index settles a race with a caller on another connection
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id })
    .get();
  if (!row) return { ok: false, reason: 'duplicate', id: findByDedupeKey(conn, m.eventId, m.kind, m.dedupeKey)!.id };
  return { ok: true, id: row.id, status: skipped ? 'skipped' : 'queued' };
}

function findByDedupeKey(conn: Conn, eventId: number | null, kind: string, dedupeKey: string) {
  return conn
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(
      and(
        eventId === null ? sql`${mailOutbox.eventId} is null` : eq(mailOutbox.eventId, eventId),
        eq(mailOutbox.kind, kind),
        eq(mailOutbox.dedupeKey, dedupeKey),
      ),
    )
    .get();
}

function selectMessages(conn: Conn) {
  return conn
    .select({
      mail: mailOutbox,
      eventSlug: events.slug,
      eventName: events.name,
      unsubscribeToken: mailRecipients.unsubscribeToken,
      unsubscribedAt: mailRecipients.unsubscribedAt,
      participantName: participants.name,
    })
    .from(mailOutbox)
    .innerJoin(mailRecipients, eq(mailRecipients.id, mailOutbox.recipientId))
    .leftJoin(events, eq(events.id, mailOutbox.eventId))
    .leftJoin(participants, eq(participants.id, mailOutbox.participantId))
    .$dynamic();
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectMessages>['all']>>[number];

function toMessage(r: SelectedRow): OutboxMessage {
  return {
    ...r.mail,
    event: r.eventSlug !== null && r.eventName !== null ? { slug: r.eventSlug, name: r.eventName } : null,
    unsubscribeToken: r.unsubscribeToken,
    participantName: r.participantName,
  };
}

export type ClaimOptions = {
  now: Date;
  /** the Message-ID header for a message claimed the first time, e.g. "<uuid@example.org>" */
  newMessageId: () => string;
  leaseMs?: number;
  maxAttempts?: number;
};

/**
 * Takes the next due message for sending, or null when none is due. Due: queued and its time has
 * come, or left in 'sending' past its lease. On the way it settles what must not be sent: a
 * non-essential message whose recipient has since unsubscribed is skipped, and a message whose
 * last allowed attempt was cut off by a crash is failed (it may or may not have arrived).
 */
export function claimNextMail(db: Db, opts: ClaimOptions): OutboxMessage | null {
  const leaseMs = opts.leaseMs ?? mailLeaseMs;
  const maxAttempts = opts.maxAttempts ?? maxMailAttempts;
  return db.transaction(
    (tx) => {
      for (;;) {
        const next = selectMessages(tx)
          .where(and(inArray(mailOutbox.status, ['queued', 'sending']), lte(mailOutbox.nextAttemptAt, opts.now)))
          .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
          .limit(1)
          .get();
        if (!next) return null;
        const m = next.mail;
        if (!m.essential && next.unsubscribedAt !== null) {
          settle(tx, m.id, { status: 'skipped', lastError: unsubscribedNote });
          continue;
        }
        if (m.status === 'sending' && m.attempts >= maxAttempts) {
          settle(tx, m.id, {
            status: 'failed',
            lastError: 'The sender stopped during the last attempt; not tried again, as it may have been delivered.',
          });
          continue;
        }
        const claimed = tx
          .update(mailOutbox)
          .set({
            status: 'sending',
            attempts: m.attempts + 1,
            nextAttemptAt: new Date(opts.now.getTime() + leaseMs),
            smtpMessageId: m.smtpMessageId ?? opts.newMessageId(),
          })
          .where(eq(mailOutbox.id, m.id))
          .returning()
          .get();
        return toMessage({ ...next, mail: claimed });
      }
    },
    { behavior: 'immediate' },
  );
}

function settle(conn: Conn, id: number, change: { status: MailStatus; lastError: string }) {
  conn.update(mailOutbox).set(change).where(eq(mailOutbox.id, id)).run();
}

/** The claim a sender holds: a later claim of the same message (after its lease) has more attempts. */
type Claim = Pick<MailRow, 'id' | 'attempts'>;

const stillClaimed = (claim: Claim) =>
  and(eq(mailOutbox.id, claim.id), eq(mailOutbox.status, 'sending'), eq(mailOutbox.attempts, claim.attempts));

export function recordMailSent(db: Db, claim: Claim, now: Date): void {
  db.update(mailOutbox).set({ status: 'sent', sentAt: now, lastError: null }).where(stillClaimed(claim)).run();
}

export type FailureOutcome = 'retrying' | 'failed';

/** A permanent failure (the server refused this message) or the last attempt ends it; else it waits and retries. */
export function recordMailFailed(
  db: Db,
  claim: Claim,
  failure: { now: Date; error: string; permanent: boolean; maxAttempts?: number },
): FailureOutcome {
  const lastError = failure.error.slice(0, 1000);
  const outcome: FailureOutcome =
    failure.permanent || claim.attempts >= (failure.maxAttempts ?? maxMailAttempts) ? 'failed' : 'retrying';
  const change =
    outcome === 'failed'
      ? { status: 'failed' as const, lastError }
      : { status: 'queued' as const, lastError, nextAttemptAt: new Date(failure.now.getTime() + retryDelayMs(claim.attempts)) };
  db.update(mailOutbox).set(change).where(stillClaimed(claim)).run();
  return outcome;
}

// --- what organizers read ---

export const outboxFilters = ['all', 'unsent', 'sent', 'skipped'] as const;
export type OutboxFilter = (typeof outboxFilters)[number];

const filterStatuses: Record<OutboxFilter, MailStatus[] | null> = {
  all: null,
  unsent: ['queued', 'sending', 'failed'],
  sent: ['sent'],
  skipped: ['skipped'],
};

function eventMessages(eventId: number, filter: OutboxFilter) {
  const statuses = filterStatuses[filter];
  return and(eq(mailOutbox.eventId, eventId), statuses ? inArray(mailOutbox.status, statuses) : undefined);
}

/** The event's messages, newest first for the page, or oldest first (the order they were written) for a download. */
export function listOutbox(
  db: Conn,
  eventId: number,
  opts: { filter: OutboxFilter; order: 'newest' | 'oldest'; limit?: number },
): OutboxMessage[] {
  const order =
    opts.order === 'newest' ? [desc(mailOutbox.createdAt), desc(mailOutbox.id)] : [asc(mailOutbox.createdAt), asc(mailOutbox.id)];
  const query = selectMessages(db)
    .where(eventMessages(eventId, opts.filter))
    .orderBy(...order);
  return (opts.limit === undefined ? query : query.limit(opts.limit)).all().map(toMessage);
}

export type OutboxCounts = Record<MailStatus, number>;

export function countOutbox(db: Conn, eventId: number): OutboxCounts {
  const counts: OutboxCounts = { queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  const rows = db
    .select({ status: mailOutbox.status, n: sql<number>`count(*)` })
    .from(mailOutbox)
    .where(eq(mailOutbox.eventId, eventId))
    .groupBy(mailOutbox.status)
    .all();
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export function findOutboxMessage(db: Conn, eventId: number, id: number): OutboxMessage | undefined {
  const row = selectMessages(db)
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.eventId, eventId)))
    .get();
  return row && toMessage(row);
}
