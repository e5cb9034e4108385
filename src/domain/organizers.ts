import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { and, count, eq, gt, lte } from 'drizzle-orm';
import { z } from 'zod';
import { appSecrets, organizerSessions, organizers } from '../../db/schema.ts';
import type { Conn, Db, Tx } from '../db.ts';

export type SignedInOrganizer = { id: number; email: string; name: string };

export const sessionTtlMs = 12 * 60 * 60 * 1000;
export const minPasswordLength = 10;
const setupSecretName = 'organizer-setup';

// ~100 ms and 32 MiB per hash on a laptop: slow for a guesser, still quick for one login.
// The parameters are stored with each hash, so they can be raised later without locking anyone out.
const scryptParams = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;
const maxmem = 96 * 1024 * 1024;


/** Links and sessions are stored as this hash only, so a copied database file holds none that work. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** 256 random bits, for a session id or a one-time link. */
export const newSecret = () => randomBytes(32).toString('base64url');
const trimmedString = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string());
const rawString = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const { N, r, p } = scryptParams;
  const hash = scryptSync(password, salt, keyLength, { N, r, p, maxmem });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length === 0) return false;
  try {
    const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem,
    });
    return timingSafeEqual(actual, expected);
  } catch {
    // a damaged hash in the database refuses the login rather than crashing the request
    return false;
  }
}

// An unknown e-mail is checked against this, so the response time does not tell which part was wrong.
let dummyHash: string | undefined;
const unknownOrganizerHash = () => (dummyHash ??= hashPassword(newSecret()));

export function toSignedIn(row: { id: number; email: string; name: string }): SignedInOrganizer {
  return { id: row.id, email: row.email, name: row.name };
}

export function countOrganizers(db: Db): number {
  return db.select({ n: count() }).from(organizers).get()?.n ?? 0;
}

/**
 * Creates the organizer or sets a new password (ORGANIZER_EMAIL / ORGANIZER_PASSWORD at start).
 * A name given (ORGANIZER_NAME) is set; without one a new organizer has none yet — never a guess
 * from the e-mail — and the console asks for it.
 */
export function upsertOrganizer(
  db: Db,
  input: { email: string; password: string; name?: string },
  now: Date,
): SignedInOrganizer {
  const email = normalizeEmail(input.email);
  const existing = db.select().from(organizers).where(eq(organizers.email, email)).get();
  // the same password at every restart must not rewrite the hash or end anyone's session
  const passwordChanged = !existing || !verifyPassword(input.password, existing.passwordHash);
  const passwordHash = passwordChanged ? hashPassword(input.password) : existing.passwordHash;
  return db.transaction(
    (tx) => {
      const current = tx.select().from(organizers).where(eq(organizers.email, email)).get();
      if (!current) {
        const created = tx
          .insert(organizers)
          .values({ email, name: input.name?.trim() ?? '', passwordHash, createdAt: now })
          .returning()
          .get();
        return toSignedIn(created);
      }
      const updated = tx
        .update(organizers)
        .set({ passwordHash, ...(input.name?.trim() ? { name: input.name.trim() } : {}) })
        .where(eq(organizers.id, current.id))
        .returning()
        .get();
      // a new password ends sessions that may have been opened with the old one
      if (passwordChanged) tx.delete(organizerSessions).where(eq(organizerSessions.organizerId, current.id)).run();
      return toSignedIn(updated);
    },
    { behavior: 'immediate' },
  );
}

/** Longest text each field takes; a refused form echoes back no more than this. */
export const organizerFieldLimits = { name: 80, email: 200 } as const;

const nameSchema = trimmedString.pipe(
  z.string().min(1, 'Please enter your name').max(organizerFieldLimits.name, `Name can be at most ${organizerFieldLimits.name} characters`),
);

export const organizerNameSchema = z.object({ name: nameSchema });

/** What the console calls an organizer: their name, or their e-mail until they give one. */
export function organizerLabel(o: { name: string; email: string }): string {
  return o.name || o.email;
}

export function renameOrganizer(db: Db, organizerId: number, name: string): SignedInOrganizer | null {
  const updated = db.transaction(
    (tx) => tx.update(organizers).set({ name }).where(eq(organizers.id, organizerId)).returning().get(),
    { behavior: 'immediate' },
  );
  return updated ? toSignedIn(updated) : null;
}

/** A one-time link for the first organizer; only its hash is kept, an earlier link stops working. */
export function createSetupToken(db: Db, now: Date): string {
  const token = newSecret();
  db.transaction(
    (tx) => {
      tx.delete(appSecrets).where(eq(appSecrets.name, setupSecretName)).run();
      tx.insert(appSecrets).values({ name: setupSecretName, value: sha256(token), createdAt: now }).run();
    },
    { behavior: 'immediate' },
  );
  return token;
}

function setupTokenMatches(db: Conn, token: string): boolean {
  const stored = db.select().from(appSecrets).where(eq(appSecrets.name, setupSecretName)).get();
  if (!stored) return false;
  const expected = Buffer.from(stored.value, 'hex');
  const actual = Buffer.from(sha256(token), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function isSetupTokenValid(db: Db, token: string): boolean {
  return setupTokenMatches(db, token) && countOrganizers(db) === 0;
}

/** An e-mail address typed into an organizer form, lower-cased; `empty` is the message when none was typed. */
export const organizerEmailSchema = (empty: string) =>
  trimmedString.pipe(
    z
      .string()
      .min(1, empty)
      .max(organizerFieldLimits.email, `E-mail can be at most ${organizerFieldLimits.email} characters`)
      .pipe(z.email("That doesn't look like an e-mail address"))
      .transform((e) => e.toLowerCase()),
  );

export const organizerSetupSchema = z
  .object({
    name: nameSchema,
    email: organizerEmailSchema('Please enter your e-mail address'),
    password: rawString.pipe(
      z
        .string()
        .min(minPasswordLength, `Use at least ${minPasswordLength} characters`)
        .max(1024, 'Use at most 1024 characters'),
    ),
    passwordConfirm: rawString,
  })
  .superRefine((v, ctx) => {
    if (v.password.length >= minPasswordLength && v.password !== v.passwordConfirm) {
      ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: "The two passwords don't match" });
    }
  });

export type OrganizerSetupInput = z.infer<typeof organizerSetupSchema>;

export type SignInResult = { ok: true; sessionId: string; organizer: SignedInOrganizer } | { ok: false };
export type SetupResult =
  | { ok: true; sessionId: string; organizer: SignedInOrganizer }
  | { ok: false; reason: 'invalid-token' };

export function openSession(tx: Tx, organizerId: number, now: Date): string {
  const sessionId = newSecret();
  // expired sessions are swept on every sign-in, so the table never grows without bound
  tx.delete(organizerSessions).where(lte(organizerSessions.expiresAt, now)).run();
  tx.insert(organizerSessions)
    .values({ idHash: sha256(sessionId), organizerId, expiresAt: new Date(now.getTime() + sessionTtlMs), createdAt: now })
    .run();
  return sessionId;
}

/** Creates the first organizer and uses up the setup link together, then signs them in. */
export function completeSetup(db: Db, token: string, input: OrganizerSetupInput, now: Date): SetupResult {
  const passwordHash = hashPassword(input.password);
  return db.transaction(
    (tx) => {
      // checked inside the write lock: two people opening the same link cannot both become organizers
      if (!setupTokenMatches(tx, token)) return { ok: false, reason: 'invalid-token' } as const;
      const existing = tx.select({ n: count() }).from(organizers).get()?.n ?? 0;
      if (existing > 0) return { ok: false, reason: 'invalid-token' } as const;
      const organizer = tx
        .insert(organizers)
        .values({ email: input.email, name: input.name, passwordHash, createdAt: now })
        .returning()
        .get();
      tx.delete(appSecrets).where(eq(appSecrets.name, setupSecretName)).run();
      return { ok: true, sessionId: openSession(tx, organizer.id, now), organizer: toSignedIn(organizer) } as const;
    },
    { behavior: 'immediate' },
  );
}

export function signIn(db: Db, email: string, password: string, now: Date): SignInResult {
  const organizer = db.select().from(organizers).where(eq(organizers.email, normalizeEmail(email))).get();
  const passwordOk = verifyPassword(password, organizer?.passwordHash ?? unknownOrganizerHash());
  if (!organizer || !passwordOk) return { ok: false };
  const sessionId = db.transaction((tx) => openSession(tx, organizer.id, now), { behavior: 'immediate' });
  return { ok: true, sessionId, organizer: toSignedIn(organizer) };
}

export function findSignedInOrganizer(db: Db, sessionId: string, now: Date): SignedInOrganizer | null {
  if (!sessionId) return null;
  const row = db
    .select({ id: organizers.id, email: organizers.email, name: organizers.name })
    .from(organizerSessions)
    .innerJoin(organizers, eq(organizers.id, organizerSessions.organizerId))
    .where(and(eq(organizerSessions.idHash, sha256(sessionId)), gt(organizerSessions.expiresAt, now)))
    .get();
  return row ? toSignedIn(row) : null;
}

export function signOut(db: Db, sessionId: string): void {
  db.transaction(
    (tx) => {
      tx.delete(organizerSessions).where(eq(organizerSessions.idHash, sha256(sessionId))).run();
    },
    { behavior: 'immediate' },
  );
}
