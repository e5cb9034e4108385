// Recognition letters: for academic librarians, mentoring counts as service toward tenure and
// promotion, so each volunteer gets a letter that says what they did, and a verification address
// that anyone reading the letter can open to see it is genuine. The address carries an HMAC of
// the event and the volunteer under a server secret: unguessable, and nothing to store.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { pairs, participants, type LetterSettings } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import { writeAudit } from './audit.ts';
import { defaultEventSettings, type Event } from './events.ts';
import { isEventOver, mergeEventSettings } from './feedback.ts';
import { liveStatuses } from './live-pairs.ts';
import type { Participant } from './participants.ts';
import { firstName, publicName, type PublicName } from './public-name.ts';
import { getOrCreateSecret } from './secrets.ts';

export type LetterView = {
  /** the verification code in the letter's address */
  code: string;
  volunteer: { id: number; name: string; firstName: string };
  /** first name + initial of each first-timer they welcomed, in the order they were paired */
  firstTimers: PublicName[];
  /** pairs that said "We met" */
  meetupsConfirmed: number;
};

export const letterSecret = (db: Db, now: Date) => getOrCreateSecret(db, 'letter-hmac', now);

// 22 base64url characters: 132 bits, as unguessable as the personal links need
function mac(secret: string, eventId: number, volunteerId: number): string {
  return createHmac('sha256', secret).update(`letter:${eventId}:${volunteerId}`).digest('base64url').slice(0, 22);
}

export function letterCode(secret: string, eventId: number, volunteerId: number): string {
  return `${volunteerId}-${mac(secret, eventId, volunteerId)}`;
}

const codePattern = /^([1-9][0-9]{0,14})-([A-Za-z0-9_-]{22})$/;

/** The volunteer a code names, when it was made by this server for this event; null for anything else. */
export function volunteerOfCode(secret: string, eventId: number, code: string): number | null {
  const parsed = codePattern.exec(code);
  if (!parsed) return null;
  // the MAC itself may hold a "-": the id is what comes before the first one
  const [, id, given] = parsed as unknown as [string, string, string];
  const volunteerId = Number(id);
  const expected = Buffer.from(mac(secret, eventId, volunteerId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? volunteerId : null;
}

/**
 * Who gets a letter: a volunteer who welcomed at least one first-timer (a pair that stood), or who
 * was checked in and available. Someone marked as not here, or who left the program, does not.
 */
function serves(v: Pick<Participant, 'status'>, welcomed: number): boolean {
  return welcomed > 0 || v.status === 'present' || v.status === 'matched';
}

/** The letters of the event's volunteers (or of one), by name. */
export function loadLetters(db: Db, event: Pick<Event, 'id'>, secret: string, opts: { volunteerId?: number } = {}): LetterView[] {
  const volunteers = db
    .select({ id: participants.id, name: participants.name, status: participants.status })
    .from(participants)
    .where(
      and(
        eq(participants.eventId, event.id),
        eq(participants.role, 'volunteer'),
        // no letter for someone who erased their data
        isNull(participants.erasedAt),
        opts.volunteerId === undefined ? undefined : eq(participants.id, opts.volunteerId),
      ),
    )
    .orderBy(asc(participants.name), asc(participants.id))
    .all();
  if (volunteers.length === 0) return [];
  const stood = db
    .select({ volunteerId: pairs.volunteerId, status: pairs.status, firstTimerName: participants.name, erasedAt: participants.erasedAt })
    .from(pairs)
    .innerJoin(participants, eq(participants.id, pairs.firstTimerId))
    .where(
      and(
        eq(pairs.eventId, event.id),
        inArray(pairs.status, [...liveStatuses]),
        opts.volunteerId === undefined ? undefined : eq(pairs.volunteerId, opts.volunteerId),
      ),
    )
    .orderBy(asc(pairs.id))
    .all();
  const byVolunteer = new Map<number, { names: PublicName[]; met: number }>();
  for (const p of stood) {
    const entry = byVolunteer.get(p.volunteerId) ?? { names: [], met: 0 };
    // a first-timer who erased their data was welcomed all the same, but is not named
    entry.names.push(p.erasedAt === null ? publicName(p.firstTimerName) : 'a first-timer');
    if (p.status === 'met') entry.met++;
    byVolunteer.set(p.volunteerId, entry);
  }
  return volunteers.flatMap((v) => {
    const done = byVolunteer.get(v.id) ?? { names: [], met: 0 };
    if (!serves(v, done.names.length)) return [];
    return [
      {
        code: letterCode(secret, event.id, v.id),
        volunteer: { id: v.id, name: v.name, firstName: firstName(v.name) || v.name },
        firstTimers: done.names,
        meetupsConfirmed: done.met,
      },
    ];
  });
}

export type MyLetterResult =
  | { ok: true; letter: LetterView }
  | { ok: false; reason: 'not-volunteer' | 'not-yet' | 'no-service' };

/** A volunteer's own letter, from their personal page, once the event is over. */
export function findMyLetter(db: Db, event: Event, me: Participant, now: Date): MyLetterResult {
  if (me.role !== 'volunteer') return { ok: false, reason: 'not-volunteer' };
  if (!isEventOver(event, now)) return { ok: false, reason: 'not-yet' };
  const [letter] = loadLetters(db, event, letterSecret(db, now), { volunteerId: me.id });
  return letter ? { ok: true, letter } : { ok: false, reason: 'no-service' };
}

/** The letter a verification code names, or undefined when the code is not genuine. */
export function verifyLetter(db: Db, event: Event, code: string, now: Date): LetterView | undefined {
  const secret = letterSecret(db, now);
  const volunteerId = volunteerOfCode(secret, event.id, code);
  if (volunteerId === null) return undefined;
  return loadLetters(db, event, secret, { volunteerId })[0];
}

/** Whether a volunteer's personal page offers the letter: the same rule as loadLetters, in one count. */
export function offersLetter(db: Db, event: Event, me: Participant, now: Date): boolean {
  if (me.role !== 'volunteer' || !isEventOver(event, now)) return false;
  if (serves(me, 0)) return true;
  return db
    .select({ id: pairs.id })
    .from(pairs)
    .where(and(eq(pairs.volunteerId, me.id), inArray(pairs.status, [...liveStatuses])))
    .limit(1)
    .get() !== undefined;
}

// --- what the organizer sets ---

const line = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : ''),
    z.string().max(max, `Keep the ${label} to ${max} characters`),
  );

export const letterSettingsSchema = z.object({
  association: line(120, "association's name"),
  signerName: line(120, "signer's name"),
  signerTitle: line(120, "signer's title"),
  text: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : ''),
    z.string().max(1500, 'Keep the text to 1500 characters'),
  ),
});
export type LetterSettingsField = keyof LetterSettings;

export const letterSettingsOf = (event: Pick<Event, 'settings'>): LetterSettings => defaultEventSettings(event.settings).letter;

export function updateLetterSettings(
  db: Db,
  args: { eventId: number; organizerId: number; letter: LetterSettings; now: Date },
): { ok: true } | { ok: false; reason: 'not-found' } {
  return db.transaction(
    (tx) => {
      if (!mergeEventSettings(tx, args.eventId, { letter: args.letter })) return { ok: false, reason: 'not-found' } as const;
      const l = args.letter;
      writeAudit(tx, {
        eventId: args.eventId,
        organizerId: args.organizerId,
        action: 'letter-settings',
        detail: `letters from ${l.association || '(no association)'}, signed by ${l.signerName || '(no signer)'}${l.signerTitle ? `, ${l.signerTitle}` : ''}`,
        at: args.now,
      });
      return { ok: true } as const;
    },
    { behavior: 'immediate' },
  );
}
