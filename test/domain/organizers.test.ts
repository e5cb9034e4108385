import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appSecrets, organizerSessions, organizers } from '../../db/schema.ts';
import { migrateDb, openDb } from '../../src/db.ts';
import {
  completeSetup,
  countOrganizers,
  createSetupToken,
  findSignedInOrganizer,
  hashPassword,
  isSetupTokenValid,
  organizerLabel,
  renameOrganizer,
  signIn,
  signOut,
  upsertOrganizer,
  verifyPassword,
} from '../../src/domain/organizers.ts';

const now = new Date('2026-10-14T14:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 60 * 60 * 1000);

function freshDb() {
  const db = openDb(':memory:');
  migrateDb(db);
  return db;
}

describe('password hashing', () => {
  it('stores scrypt parameters, salt and hash, and a different salt every time', () => {
    const a = hashPassword('correct horse battery');
    const b = hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(verifyPassword('correct horse battery', a)).toBe(true);
    expect(verifyPassword('correct horse batterY', a)).toBe(false);
  });

  it('refuses a damaged stored hash instead of throwing', () => {
    expect(verifyPassword('anything at all', 'scrypt$x$y$z$$')).toBe(false);
    expect(verifyPassword('anything at all', 'plain-text')).toBe(false);
  });
});

describe('upsertOrganizer', () => {
  it('creates the organizer with a lowercased e-mail and never stores the password', () => {
    const db = freshDb();
    const o = upsertOrganizer(db, { email: ' Ana@Example.org ', password: 'long enough pw', name: 'Ana' }, now);
    expect(o).toEqual({ id: o.id, email: 'ana@example.org', name: 'Ana' });
    const row = db.select().from(organizers).where(eq(organizers.id, o.id)).get();
    expect(row?.passwordHash).not.toContain('long enough pw');
    expect(countOrganizers(db)).toBe(1);
  });

  it('gives an organizer made without a name no name, never the local part of the e-mail', () => {
    const db = freshDb();
    const o = upsertOrganizer(db, { email: 'chair@example.org', password: 'long enough pw' }, now);
    expect(o.name).toBe('');
    expect(organizerLabel(o)).toBe('chair@example.org');
    // a later start with ORGANIZER_NAME names them; one without keeps the name they gave
    expect(upsertOrganizer(db, { email: 'chair@example.org', password: 'long enough pw', name: 'Dana Whitfield' }, now).name).toBe('Dana Whitfield');
    expect(upsertOrganizer(db, { email: 'chair@example.org', password: 'long enough pw' }, now).name).toBe('Dana Whitfield');
    expect(renameOrganizer(db, o.id, 'Dana W.')).toEqual({ id: o.id, email: 'chair@example.org', name: 'Dana W.' });
  });

  it('changes the password of an existing organizer and ends their sessions', () => {
    const db = freshDb();
    upsertOrganizer(db, { email: 'ana@example.org', password: 'first password' }, now);
    const before = signIn(db, 'ana@example.org', 'first password', now);
    expect(before.ok).toBe(true);

    upsertOrganizer(db, { email: 'ana@example.org', password: 'second password' }, now);

    expect(countOrganizers(db)).toBe(1);
    expect(signIn(db, 'ana@example.org', 'first password', now).ok).toBe(false);
    expect(signIn(db, 'ana@example.org', 'second password', now).ok).toBe(true);
    if (before.ok) expect(findSignedInOrganizer(db, before.sessionId, now)).toBeNull();
  });

  it('keeps sessions when a restart passes the same password again', () => {
    const db = freshDb();
    upsertOrganizer(db, { email: 'ana@example.org', password: 'same password' }, now);
    const session = signIn(db, 'ana@example.org', 'same password', now);
    upsertOrganizer(db, { email: 'ana@example.org', password: 'same password' }, now);
    expect(session.ok && findSignedInOrganizer(db, session.sessionId, now)).toMatchObject({ email: 'ana@example.org' });
  });
});

describe('signIn / findSignedInOrganizer / signOut', () => {
  it('keeps only a hash of the session id, and the session lasts 12 hours', () => {
    const db = freshDb();
    upsertOrganizer(db, { email: 'ana@example.org', password: 'long enough pw', name: 'Ana' }, now);
    const result = signIn(db, 'ANA@example.org', 'long enough pw', now);
    if (!result.ok) throw new Error('sign-in refused');
    expect(result.sessionId.length).toBeGreaterThanOrEqual(43);
    const rows = db.select().from(organizerSessions).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.idHash).not.toBe(result.sessionId);

    expect(findSignedInOrganizer(db, result.sessionId, hours(11.9))).toMatchObject({ name: 'Ana' });
    expect(findSignedInOrganizer(db, result.sessionId, hours(12))).toBeNull();
  });

  it('refuses a wrong password and an unknown e-mail alike', () => {
    const db = freshDb();
    upsertOrganizer(db, { email: 'ana@example.org', password: 'long enough pw' }, now);
    expect(signIn(db, 'ana@example.org', 'wrong password', now)).toEqual({ ok: false });
    expect(signIn(db, 'nobody@example.org', 'long enough pw', now)).toEqual({ ok: false });
    expect(db.select().from(organizerSessions).all()).toHaveLength(0);
  });

  it('ends only the session that signs out', () => {
    const db = freshDb();
    upsertOrganizer(db, { email: 'ana@example.org', password: 'long enough pw' }, now);
    const laptop = signIn(db, 'ana@example.org', 'long enough pw', now);
    const phone = signIn(db, 'ana@example.org', 'long enough pw', now);
    if (!laptop.ok || !phone.ok) throw new Error('sign-in refused');
    signOut(db, laptop.sessionId);
    expect(findSignedInOrganizer(db, laptop.sessionId, now)).toBeNull();
    expect(findSignedInOrganizer(db, phone.sessionId, now)).not.toBeNull();
  });
});

describe('setup link', () => {
  const input = { name: 'Ana Lima', email: 'ana@example.org', password: 'long enough pw', passwordConfirm: 'long enough pw' };

  it('stores only the hash, and a new link replaces the old one', () => {
    const db = freshDb();
    const first = createSetupToken(db, now);
    const second = createSetupToken(db, now);
    const stored = db.select().from(appSecrets).where(eq(appSecrets.name, 'organizer-setup')).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.value).not.toBe(second);
    expect(isSetupTokenValid(db, first)).toBe(false);
    expect(isSetupTokenValid(db, second)).toBe(true);
  });

  it('creates the first organizer, signs them in and uses up the link', () => {
    const db = freshDb();
    const token = createSetupToken(db, now);
    const result = completeSetup(db, token, input, now);
    if (!result.ok) throw new Error('setup refused');
    expect(result.organizer).toMatchObject({ name: 'Ana Lima', email: 'ana@example.org' });
    expect(findSignedInOrganizer(db, result.sessionId, now)).toMatchObject({ email: 'ana@example.org' });
    expect(isSetupTokenValid(db, token)).toBe(false);
    expect(completeSetup(db, token, { ...input, email: 'eve@example.org' }, now)).toEqual({
      ok: false,
      reason: 'invalid-token',
    });
    expect(countOrganizers(db)).toBe(1);
  });

  it('refuses a wrong token, and any token once an organizer exists', () => {
    const db = freshDb();
    const token = createSetupToken(db, now);
    expect(completeSetup(db, 'not-the-token', input, now)).toEqual({ ok: false, reason: 'invalid-token' });
    upsertOrganizer(db, { email: 'boss@example.org', password: 'long enough pw' }, now);
    expect(isSetupTokenValid(db, token)).toBe(false);
    expect(completeSetup(db, token, input, now)).toEqual({ ok: false, reason: 'invalid-token' });
    expect(countOrganizers(db)).toBe(1);
  });
});
