// Who we write to, per event, and who asked us to stop. One unguessable token per address and
// event makes every message's unsubscribe link, so the link in an old message still works.
import { and, eq, isNull } from 'drizzle-orm';
import { mailRecipients } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import type { Conn } from '../db.ts';
import { newSecretToken } from './tokens.ts';

export type MailRecipient = typeof mailRecipients.$inferSelect;

export const normalizeAddress = (address: string) => address.trim().toLowerCase();

const sameEvent = (eventId: number | null) =>
  eventId === null ? isNull(mailRecipients.eventId) : eq(mailRecipients.eventId, eventId);

/** The recipient row for this address and event, made on first use inside the caller's transaction. */
export function recipientFor(conn: Conn, eventId: number | null, address: string, now: Date): MailRecipient {
  const key = normalizeAddress(address);
  const find = () =>
    conn
      .select()
      .from(mailRecipients)
      .where(and(sameEvent(eventId), eq(mailRecipients.address, key)))
      .get();
  const existing = find();
  if (existing) return existing;
  // the unique index settles a race with a caller on another connection
  conn
    .insert(mailRecipients)
    .values({ eventId, address: key, unsubscribeToken: newSecretToken(), createdAt: now })
    .onConflictDoNothing()
    .run();
  return find()!;
}

/** The recipient a link's token belongs to, only within the event the link names (null: no event). */
export function findRecipientByToken(db: Conn, eventId: number | null, token: string): MailRecipient | undefined {
  return db
    .select()
    .from(mailRecipients)
    .where(and(sameEvent(eventId), eq(mailRecipients.unsubscribeToken, token)))
    .get();
}

export type UnsubscribeResult = { ok: true; recipient: MailRecipient } | { ok: false; reason: 'not-found' };

/** Records the opt-out once; pressing the button again keeps the first time. */
export function unsubscribe(db: Db, input: { eventId: number | null; token: string; now: Date }): UnsubscribeResult {
  return db.transaction(
    (tx) => {
      const recipient = findRecipientByToken(tx, input.eventId, input.token);
      if (!recipient) return { ok: false, reason: 'not-found' } as const;
      if (recipient.unsubscribedAt) return { ok: true, recipient } as const;
      const updated = tx
        .update(mailRecipients)
        .set({ unsubscribedAt: input.now })
        .where(eq(mailRecipients.id, recipient.id))
        .returning()
        .get();
      return { ok: true, recipient: updated } as const;
    },
    { behavior: 'immediate' },
  );
}

