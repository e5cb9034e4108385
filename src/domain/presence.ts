// The desk QR carries a token that proves "I was at the desk just now". Only an enrolled kiosk
// shows one (src/domain/kiosks.ts), and the token names that kiosk: it changes every two minutes
// and the previous one is still honoured, so a photo of the screen stops working within four
// (docs/decisions/presence-tokens.md); revoking the kiosk stops its tokens at once. A photo that
// is passed around or scripted checks in at most `presenceCap` people per token (the event's
// setting, 30 by default): beyond that they are registered but not present, and check in at the desk.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { participants, presenceUses } from '../../db/schema.ts';
import type { Conn, Db, Tx } from '../db.ts';
import { defaultEventSettings, type Event } from './events.ts';
import { isKioskActive } from './kiosks.ts';
import type { Participant } from './participants.ts';
import { insertParticipant, type RegisterResult } from './registration.ts';
import { inSharedCommit } from './shared-commit.ts';
import type { RegistrationInput } from './registration-schema.ts';

export const presenceWindowMs = 2 * 60 * 1000;

/** remote: no token; expired: too old, forged, or its kiosk revoked; over-cap: its window is used up */
export type Presence = 'at-desk' | 'remote' | 'expired' | 'over-cap';

function windowOf(now: Date): number {
  return Math.floor(now.getTime() / presenceWindowMs);
}

function sign(secret: string, slug: string, kioskId: number, window: number): string {
  return createHmac('sha256', secret).update(`presence:${slug}:${kioskId}:${window}`).digest('base64url').slice(0, 22);
}

export function makePresenceToken(secret: string, slug: string, kioskId: number, now: Date): string {
  const w = windowOf(now);
  return `${w.toString(36)}.${kioskId.toString(36)}.${sign(secret, slug, kioskId, w)}`;
}

/** The kiosk and window a token was made for, if we made it for this event and it is still fresh. */
export function readPresenceToken(secret: string, slug: string, token: string | undefined, now: Date): { kioskId: number; window: number } | undefined {
  if (!token) return undefined;
  const match = /^([0-9a-z]{1,12})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return undefined;
  const window = parseInt(match[1]!, 36);
  const kioskId = parseInt(match[2]!, 36);
  const current = windowOf(now);
  if (window !== current && window !== current - 1) return undefined;
  const expected = Buffer.from(sign(secret, slug, kioskId, window));
  const given = Buffer.from(match[3]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { kioskId, window } : undefined;
}

/** The token's kiosk and window when it is fresh and its kiosk still active. */
function activeToken(conn: Conn, secret: string, event: Event, token: string, now: Date): { kioskId: number; window: number } | undefined {
  const read = readPresenceToken(secret, event.slug, token, now);
  return read && isKioskActive(conn, event.id, read.kioskId) ? read : undefined;
}

/** What a token says now, without using it up: for showing "you're at the desk" on a form. */
export function presenceOf(conn: Conn, secret: string, event: Event, token: string | undefined, now: Date): Exclude<Presence, 'over-cap'> {
  if (!token) return 'remote';
  return activeToken(conn, secret, event, token, now) ? 'at-desk' : 'expired';
}

/** Counts one check-in against the token's window, inside the caller's transaction, if the cap allows. */
function claimPresence(tx: Tx, secret: string, event: Event, token: string | undefined, now: Date): Presence {
  if (!token) return 'remote';
  // read once: the HMAC and the kiosk lookup are not repeated for the window
  const active = activeToken(tx, secret, event, token, now);
  if (!active) return 'expired';
  const { kioskId, window } = active;
  const cap = defaultEventSettings(event.settings).presenceCap;
  // only the current and previous windows' tokens are accepted, so older counts can go
  tx.delete(presenceUses)
    .where(and(eq(presenceUses.kioskId, kioskId), lt(presenceUses.window, window - 1)))
    .run();
  const claimed = tx
    .insert(presenceUses)
    .values({ kioskId, window, used: 1 })
    .onConflictDoUpdate({
      target: [presenceUses.kioskId, presenceUses.window],
      set: { used: sql`${presenceUses.used} + 1` },
      setWhere: sql`${presenceUses.used} < ${cap}`,
    })
    .returning({ used: presenceUses.used })
    .get();
  return claimed && claimed.used <= cap ? 'at-desk' : 'over-cap';
}

type RegisterArgs = { secret: string; event: Event; input: RegistrationInput; token: string | undefined; now: Date };

function insertWithPresence(tx: Tx, args: RegisterArgs): RegisterResult & { presence: Presence } {
  // a refused form uses nothing up: the window is claimed only once the person is saved
  const result = insertParticipant(tx, args.event, args.input, { present: false, now: args.now });
  if (!result.ok) return { ...result, presence: presenceOf(tx, args.secret, args.event, args.token, args.now) };
  const presence = claimPresence(tx, args.secret, args.event, args.token, args.now);
  return { ok: true, participant: presence === 'at-desk' ? markPresent(tx, result.participant.id, args.now) : result.participant, presence };
}

/**
 * Registers someone from the join form; present when their token is fresh and not used up.
 * Registrations that arrive together share one commit (shared-commit.ts), and each is answered
 * once it is on disk.
 */
export function registerWithPresenceSoon(db: Db, args: RegisterArgs): Promise<RegisterResult & { presence: Presence }> {
  return inSharedCommit(db, (tx) => insertWithPresence(tx, args));
}

function markPresent(tx: Tx, id: number, now: Date): Participant {
  return tx
    .update(participants)
    .set({ status: 'present', checkedInAt: now, updatedAt: now })
    .where(eq(participants.id, id))
    .returning()
    .get();
}

export type CheckInResult = { ok: true; participant: Participant } | { ok: false; reason: Exclude<Presence, 'at-desk'> | 'withdrawn' };

/** Checks in a registered person whose phone scanned the desk QR; someone already here uses nothing up. */
export function checkInWithPresence(
  db: Db,
  args: { secret: string; event: Event; participant: Participant; token: string | undefined; now: Date },
): CheckInResult {
  const p = args.participant;
  // someone an organizer withdrew (a burst of fakes, say) does not come back by scanning
  if (p.status === 'withdrawn') return { ok: false, reason: 'withdrawn' };
  if (p.status === 'present' || p.status === 'matched') {
    const presence = presenceOf(db, args.secret, args.event, args.token, args.now);
    return presence === 'at-desk' ? { ok: true, participant: p } : { ok: false, reason: presence };
  }
  return db.transaction(
    (tx): CheckInResult => {
      const presence = claimPresence(tx, args.secret, args.event, args.token, args.now);
      if (presence !== 'at-desk') return { ok: false, reason: presence };
      return { ok: true, participant: markPresent(tx, p.id, args.now) };
    },
    { behavior: 'immediate' },
  );
}
