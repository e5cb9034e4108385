// More organizers: one invites another by a one-time link (256 random bits, only its hash kept,
// valid for a week, used once), which lets whoever opens it create their account. Pending
// invitations can be revoked. Every step is in the audit log about no one event.
import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { organizerInvites, organizers } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { writeAudit } from './audit.ts';
import { enqueueMail } from './mail-outbox.ts';
import {
  hashPassword,
  newSecret,
  openSession,
  organizerEmailSchema,
  organizerLabel,
  sha256,
  toSignedIn,
  type OrganizerSetupInput,
  type SignedInOrganizer,
} from './organizers.ts';

export const inviteTtlMs = 7 * 24 * 60 * 60 * 1000;

export const inviteFormSchema = z.object({
  // optional: without one, the inviting organizer passes the link on themselves
  email: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v : null),
    organizerEmailSchema('').nullable(),
  ),
});

export const invitePath = (token: string) => `/admin/invite/${token}`;

export type Invite = typeof organizerInvites.$inferSelect;
export type PendingInvite = Pick<Invite, 'id' | 'email' | 'createdAt' | 'expiresAt'> & { invitedByName: string | null };

const pending = (now: Date) => and(isNull(organizerInvites.acceptedAt), isNull(organizerInvites.revokedAt), gt(organizerInvites.expiresAt, now));

function isOrganizer(conn: Conn, email: string): boolean {
  return conn.select({ id: organizers.id }).from(organizers).where(eq(organizers.email, email)).get() !== undefined;
}

/** "Thursday, October 22" in UTC: the mail says until when, without knowing the reader's zone. */
const untilDay = (d: Date) => new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);

export type CreateInviteResult =
  | { ok: true; link: string; expiresAt: Date; mailed: boolean }
  | { ok: false; reason: 'already-organizer' };

/** The link is returned once, to be shown; with an e-mail it is also written to the outbox for them. */
export function createInvite(
  db: Db,
  args: { by: SignedInOrganizer; email: string | null; now: Date; publicUrl: string },
): CreateInviteResult {
  return db.transaction(
    (tx): CreateInviteResult => {
      if (args.email && isOrganizer(tx, args.email)) return { ok: false, reason: 'already-organizer' };
      const token = newSecret();
      const link = `${args.publicUrl}${invitePath(token)}`;
      const expiresAt = new Date(args.now.getTime() + inviteTtlMs);
      const invite = tx
        .insert(organizerInvites)
        .values({ tokenHash: sha256(token), email: args.email, invitedBy: args.by.id, createdAt: args.now, expiresAt })
        .returning()
        .get();
      let mailed = false;
      if (args.email) {
        const inviter = organizerLabel(args.by);
        const queued = enqueueMail(
          tx,
          {
            eventId: null,
            to: args.email,
            kind: 'organizer-invite',
            dedupeKey: `invite:${invite.id}`,
            subject: `${inviter} invites you to organize with Buddydesk`,
            text:
              `Hello,\n\n${inviter} invites you to join the organizers on Buddydesk, where your conference's first-timers ` +
              `are paired with returning volunteers.\n\nCreate your organizer account here. The link works once, until ` +
              `${untilDay(expiresAt)}:\n\n${link}\n\nIf you did not expect this, you can ignore it.\n`,
          },
          args.now,
        );
        mailed = queued.ok && queued.status === 'queued';
      }
      writeAudit(tx, {
        eventId: null,
        organizerId: args.by.id,
        action: 'organizer-invited',
        detail: `${args.email ?? 'by a link passed on by hand'} (#${invite.id}), valid until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        at: args.now,
      });
      return { ok: true, link, expiresAt, mailed };
    },
    { behavior: 'immediate' },
  );
}

export function listPendingInvites(db: Conn, now: Date): PendingInvite[] {
  return db
    .select({
      id: organizerInvites.id,
      email: organizerInvites.email,
      createdAt: organizerInvites.createdAt,
      expiresAt: organizerInvites.expiresAt,
      inviterName: organizers.name,
      inviterEmail: organizers.email,
    })
    .from(organizerInvites)
    .leftJoin(organizers, eq(organizers.id, organizerInvites.invitedBy))
    .where(pending(now))
    .orderBy(desc(organizerInvites.createdAt), desc(organizerInvites.id))
    .all()
    .map(({ inviterName, inviterEmail, ...invite }) => ({
      ...invite,
      invitedByName: inviterEmail === null ? null : organizerLabel({ name: inviterName ?? '', email: inviterEmail }),
    }));
}

export function revokeInvite(db: Db, args: { inviteId: number; organizerId: number; now: Date }): { ok: true; email: string | null } | { ok: false } {
  return db.transaction(
    (tx) => {
      const invite = tx
        .update(organizerInvites)
        .set({ revokedAt: args.now })
        .where(and(eq(organizerInvites.id, args.inviteId), pending(args.now)))
        .returning()
        .get();
      if (!invite) return { ok: false } as const;
      writeAudit(tx, {
        eventId: null,
        organizerId: args.organizerId,
        action: 'invite-revoked',
        detail: `${invite.email ?? 'the link passed on by hand'} (#${invite.id})`,
        at: args.now,
      });
      return { ok: true, email: invite.email } as const;
    },
    { behavior: 'immediate' },
  );
}

export type InviteState = 'open' | 'used' | 'revoked' | 'expired';

function inviteByToken(conn: Conn, token: string): Invite | undefined {
  return conn.select().from(organizerInvites).where(eq(organizerInvites.tokenHash, sha256(token))).get();
}

function stateOf(invite: Invite, now: Date): InviteState {
  if (invite.acceptedAt) return 'used';
  if (invite.revokedAt) return 'revoked';
  return invite.expiresAt > now ? 'open' : 'expired';
}

/** What a link is now: undefined for a link that was never given out. */
export function findInvite(db: Conn, token: string, now: Date): { state: InviteState; email: string | null } | undefined {
  const invite = inviteByToken(db, token);
  return invite && { state: stateOf(invite, now), email: invite.email };
}

export type AcceptInviteResult =
  | { ok: true; sessionId: string; organizer: SignedInOrganizer }
  | { ok: false; reason: 'email-taken' }
  | { ok: false; reason: 'gone'; state: InviteState | undefined };

/** Creates the account and uses up the link together, then signs the new organizer in. */
export function acceptInvite(db: Db, token: string, input: OrganizerSetupInput, now: Date): AcceptInviteResult {
  const passwordHash = hashPassword(input.password);
  return db.transaction(
    (tx): AcceptInviteResult => {
      // checked inside the write lock: two people opening the same link cannot both use it
      const invite = inviteByToken(tx, token);
      const state = invite && stateOf(invite, now);
      if (!invite || state !== 'open') return { ok: false, reason: 'gone', state };
      if (isOrganizer(tx, input.email)) return { ok: false, reason: 'email-taken' };
      const organizer = tx
        .insert(organizers)
        .values({ email: input.email, name: input.name, passwordHash, createdAt: now })
        .returning()
        .get();
      tx.update(organizerInvites).set({ acceptedAt: now, acceptedBy: organizer.id }).where(eq(organizerInvites.id, invite.id)).run();
      writeAudit(tx, {
        eventId: null,
        organizerId: organizer.id,
        action: 'organizer-joined',
        detail: `${organizer.name} <${organizer.email}>, by invitation #${invite.id}`,
        at: now,
      });
      return { ok: true, sessionId: openSession(tx, organizer.id, now), organizer: toSignedIn(organizer) };
    },
    { behavior: 'immediate' },
  );
}

export function listOrganizers(db: Conn): { id: number; name: string; email: string; createdAt: Date }[] {
  return db
    .select({ id: organizers.id, name: organizers.name, email: organizers.email, createdAt: organizers.createdAt })
    .from(organizers)
    .orderBy(asc(organizers.createdAt), asc(organizers.id))
    .all();
}
