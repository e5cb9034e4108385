// Enrolled kiosks: only a desk screen an organizer enrolled shows the presence QR, so a script that
// opens the public desk page gets no token. An organizer creates a one-time enrolment code (typed
// on the tablet, or opened as a link); the tablet trades it for a kiosk key of 256 random bits that
// it keeps in an HttpOnly cookie. Only SHA-256 hashes of both are stored. Revoking a kiosk stops
// its screen and every presence token it showed at once. Every step is in the event's audit log.
import { randomInt } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { kiosks } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { writeAudit } from './audit.ts';
import { mergeEventSettings } from './feedback.ts';
import { newSecret, sha256 } from './organizers.ts';
import { deskCodeAlphabet, normalizeDeskCode } from './tokens.ts';

/** An enrolment code works once, for this long: the organizer is standing by the tablet. */
export const enrolTtlMs = 30 * 60 * 1000;
// a lastSeen write per QR refresh (every 20 s) per kiosk is needless; a minute is precise enough
const lastSeenEveryMs = 60 * 1000;
const enrolCodeLength = 10;

export type Kiosk = typeof kiosks.$inferSelect;
export type KioskState = 'waiting' | 'expired' | 'enrolled' | 'revoked';
export type KioskLine = Pick<Kiosk, 'id' | 'name' | 'createdAt' | 'enrolledAt' | 'lastSeenAt' | 'revokedAt' | 'enrolExpiresAt'> & {
  state: KioskState;
};

export const kioskNameSchema = z.object({
  name: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().min(1, 'Give the kiosk a name, e.g. “Main desk tablet”').max(60, 'Keep the name under 60 characters'),
  ),
});

export const presenceCapSchema = z.object({
  presenceCap: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d{1,6}\s*$/.test(v) ? Number(v) : undefined),
    z
      .number({ error: 'Enter a whole number from 1 to 200' })
      .int('Enter a whole number from 1 to 200')
      .min(1, 'Enter a whole number from 1 to 200')
      .max(200, 'Enter a whole number from 1 to 200'),
  ),
});

/** Typed on a tablet: ten characters without look-alikes (about 50 bits), shown as ABCDE-FGHJK. */
function newEnrolCode(): string {
  let code = '';
  for (let i = 0; i < enrolCodeLength; i++) code += deskCodeAlphabet[randomInt(deskCodeAlphabet.length)];
  return code;
}

export const formatEnrolCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

function stateOf(k: Kiosk, now: Date): KioskState {
  if (k.revokedAt) return 'revoked';
  if (k.enrolledAt) return 'enrolled';
  return k.enrolExpiresAt && k.enrolExpiresAt > now ? 'waiting' : 'expired';
}

/** A new kiosk waiting to be enrolled; its code is returned once, to be shown to the organizer. */
export function createKioskEnrolment(
  db: Db,
  args: { eventId: number; name: string; organizerId: number; now: Date },
): { kiosk: Kiosk; code: string } {
  return db.transaction(
    (tx) => {
      const code = newEnrolCode();
      const kiosk = tx
        .insert(kiosks)
        .values({
          eventId: args.eventId,
          name: args.name,
          enrolCodeHash: sha256(code),
          enrolExpiresAt: new Date(args.now.getTime() + enrolTtlMs),
          createdBy: args.organizerId,
          createdAt: args.now,
        })
        .returning()
        .get();
      writeAudit(tx, {
        eventId: args.eventId,
        organizerId: args.organizerId,
        action: 'kiosk-enrolment-created',
        detail: `${kiosk.name} (kiosk #${kiosk.id}), code valid for ${enrolTtlMs / 60_000} minutes`,
        at: args.now,
      });
      return { kiosk, code };
    },
    { behavior: 'immediate' },
  );
}

export type EnrolResult =
  | { ok: true; kiosk: Kiosk; key: string }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'revoked' };

/** Uses up the code and gives the tablet its key. Checked inside the write lock: a code works once. */
export function enrolKiosk(db: Db, args: { eventId: number; code: string; now: Date }): EnrolResult {
  const code = normalizeDeskCode(args.code);
  if (code.length !== enrolCodeLength) return { ok: false, reason: 'unknown' };
  return db.transaction(
    (tx): EnrolResult => {
      const kiosk = tx
        .select()
        .from(kiosks)
        .where(and(eq(kiosks.eventId, args.eventId), eq(kiosks.enrolCodeHash, sha256(code))))
        .get();
      if (!kiosk) return { ok: false, reason: 'unknown' };
      const state = stateOf(kiosk, args.now);
      if (state === 'enrolled') return { ok: false, reason: 'used' };
      if (state !== 'waiting') return { ok: false, reason: state };
      const key = newSecret();
      const enrolled = tx
        .update(kiosks)
        .set({ keyHash: sha256(key), enrolledAt: args.now, lastSeenAt: args.now })
        .where(eq(kiosks.id, kiosk.id))
        .returning()
        .get();
      writeAudit(tx, {
        eventId: args.eventId,
        organizerId: kiosk.createdBy,
        action: 'kiosk-enrolled',
        detail: `${kiosk.name} (kiosk #${kiosk.id}) enrolled with its one-time code`,
        at: args.now,
      });
      return { ok: true, kiosk: enrolled, key };
    },
    { behavior: 'immediate' },
  );
}

/** The kiosk of this event whose key this is, enrolled or revoked. */
export function findKioskByKey(conn: Conn, eventId: number, key: string | undefined): Kiosk | undefined {
  if (!key || !/^[A-Za-z0-9_-]{43}$/.test(key)) return undefined;
  return conn
    .select()
    .from(kiosks)
    .where(and(eq(kiosks.eventId, eventId), eq(kiosks.keyHash, sha256(key))))
    .get();
}

/** The enrolled, unrevoked kiosk of this event whose key this is; notes that it was seen. */
export function findEnrolledKiosk(db: Db, eventId: number, key: string | undefined, now: Date): Kiosk | undefined {
  const kiosk = findKioskByKey(db, eventId, key);
  if (!kiosk || kiosk.revokedAt || !kiosk.enrolledAt) return undefined;
  if (!kiosk.lastSeenAt || now.getTime() - kiosk.lastSeenAt.getTime() >= lastSeenEveryMs) {
    db.update(kiosks).set({ lastSeenAt: now }).where(eq(kiosks.id, kiosk.id)).run();
  }
  return kiosk;
}

/** Whether presence tokens of this kiosk still count: enrolled for this event and not revoked. */
export function isKioskActive(conn: Conn, eventId: number, kioskId: number): boolean {
  const kiosk = conn
    .select({ enrolledAt: kiosks.enrolledAt, revokedAt: kiosks.revokedAt })
    .from(kiosks)
    .where(and(eq(kiosks.id, kioskId), eq(kiosks.eventId, eventId)))
    .get();
  return !!kiosk && kiosk.enrolledAt !== null && kiosk.revokedAt === null;
}

export function listKiosks(db: Conn, eventId: number, now: Date): KioskLine[] {
  return db
    .select()
    .from(kiosks)
    .where(eq(kiosks.eventId, eventId))
    .orderBy(asc(kiosks.createdAt), asc(kiosks.id))
    .all()
    .map((k) => ({
      id: k.id,
      name: k.name,
      createdAt: k.createdAt,
      enrolledAt: k.enrolledAt,
      lastSeenAt: k.lastSeenAt,
      revokedAt: k.revokedAt,
      enrolExpiresAt: k.enrolExpiresAt,
      state: stateOf(k, now),
    }));
}

/** Stops a kiosk (or its unused code) at once: its screen falls back and its tokens are refused. */
export function revokeKiosk(
  db: Db,
  args: { eventId: number; kioskId: number; organizerId: number; now: Date },
): { ok: true; name: string } | { ok: false; reason: 'not-found' | 'already-revoked' } {
  return db.transaction(
    (tx) => {
      const kiosk = tx
        .select()
        .from(kiosks)
        .where(and(eq(kiosks.id, args.kioskId), eq(kiosks.eventId, args.eventId)))
        .get();
      if (!kiosk) return { ok: false, reason: 'not-found' } as const;
      if (kiosk.revokedAt) return { ok: false, reason: 'already-revoked' } as const;
      tx.update(kiosks).set({ revokedAt: args.now }).where(eq(kiosks.id, kiosk.id)).run();
      writeAudit(tx, {
        eventId: args.eventId,
        organizerId: args.organizerId,
        action: 'kiosk-revoked',
        detail: `${kiosk.name} (kiosk #${kiosk.id})`,
        at: args.now,
      });
      return { ok: true, name: kiosk.name } as const;
    },
    { behavior: 'immediate' },
  );
}

export function updatePresenceCap(
  db: Db,
  args: { eventId: number; organizerId: number; presenceCap: number; now: Date },
): { ok: true } | { ok: false; reason: 'not-found' } {
  return db.transaction(
    (tx) => {
      if (!mergeEventSettings(tx, args.eventId, { presenceCap: args.presenceCap })) return { ok: false, reason: 'not-found' } as const;
      writeAudit(tx, {
        eventId: args.eventId,
        organizerId: args.organizerId,
        action: 'presence-cap',
        detail: `at most ${args.presenceCap} check-ins per desk QR code (two minutes)`,
        at: args.now,
      });
      return { ok: true } as const;
    },
    { behavior: 'immediate' },
  );
}
