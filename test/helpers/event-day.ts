// Shared set-up for the event-day domain tests: a fresh app and event per test, an organizer to
// audit under, and short ways to make people and read back pairs, rounds and the audit log.
import { asc, eq } from 'drizzle-orm';
import { auditLog, organizers, pairs, participants } from '../../db/schema.ts';
import type { NewEvent } from '../../src/domain/events.ts';
import { defaultEventSettings } from '../../src/domain/events.ts';
import type { EventSettings } from '../../db/schema.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { createTestApp } from './test-app.ts';
import { makeEvent, makeParticipant } from './factories.ts';

export const MINUTE = 60_000;

export function eventDay(
  opts: { settings?: Partial<EventSettings>; spots?: NewEvent['spots']; now?: Date } = {},
) {
  const { db, clock } = createTestApp({ now: opts.now });
  const organizer = db
    .insert(organizers)
    .values({ email: `org-${Math.random().toString(36).slice(2)}@example.org`, name: 'Desk Lead', passwordHash: 'x' })
    .returning()
    .get();
  const { event, catalog } = makeEvent(db, {
    regions: ['Central', 'Eastern', 'Western'],
    languages: ['English', 'Spanish', 'ASL'],
    ...(opts.settings ? { settings: opts.settings } : {}),
    ...(opts.spots ? { spots: opts.spots } : {}),
  });
  // makeEvent's event row holds the settings as written; the app reads them through the defaults
  const ev = { ...event, settings: defaultEventSettings(event.settings) };
  const [cataloging, youth, tech] = catalog.interests.map((i) => i.id) as [number, number, number];
  type Extra = Parameters<typeof makeParticipant>[2];
  const firstTimer = (name: string, extra: Extra = {}) =>
    makeParticipant(db, ev, { role: 'first_timer', name, present: true, ...extra });
  const volunteer = (name: string, extra: Extra = {}) =>
    makeParticipant(db, ev, { role: 'volunteer', name, present: true, capacity: 1, ...extra });
  return {
    db,
    clock,
    organizerId: organizer.id,
    event: ev,
    catalog,
    interests: { cataloging, youth, tech },
    firstTimer,
    volunteer,
    person: (id: number) => db.select().from(participants).where(eq(participants.id, id)).get()!,
    pairs: () => db.select().from(pairs).where(eq(pairs.eventId, ev.id)).orderBy(asc(pairs.id)).all(),
    livePairs: () =>
      db
        .select()
        .from(pairs)
        .where(eq(pairs.eventId, ev.id))
        .orderBy(asc(pairs.id))
        .all()
        .filter((p) => p.status === 'published' || p.status === 'met'),
    audit: () => db.select().from(auditLog).where(eq(auditLog.eventId, ev.id)).orderBy(asc(auditLog.id)).all(),
  };
}

export const at = (iso: string) => new Date(iso);

type EventDay = ReturnType<typeof eventDay>;

/** Pins two present people as the event's organizer; the new pair's id. */
export function pin(t: EventDay, firstTimerId: number, volunteerId: number) {
  const result = pinPair(t.db, t.event, { firstTimerId, volunteerId, organizerId: t.organizerId, now: t.clock.now() });
  if (!result.ok) throw new Error(`pin refused: ${result.reason}`);
  return result.pairId;
}

export const pairRow = (t: EventDay, id: number) => t.db.select().from(pairs).where(eq(pairs.id, id)).get()!;
