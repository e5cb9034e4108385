// A small event after the conference for the feedback, report and letter tests: the factory event
// (October 14–15, 2026, New York) with a first-timer and a volunteer paired by hand.
import type { EventCatalog } from '../../src/domain/events.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import type { RegistrationInput } from '../../src/domain/registration-schema.ts';
import { confirmMet } from '../../src/domain/buddy-actions.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { makeEvent, makeParticipant } from './factories.ts';
import type { TestApp } from './test-app.ts';

/** Midnight after October 15 in New York: feedback opens by itself. */
export const eventEnd = new Date('2026-10-16T04:00:00Z');
/** The end of November 5 in New York (EST by then): 21 days from October 16, feedback closes. */
export const feedbackClose = new Date('2026-11-06T05:00:00Z');

let n = 0;

type Profile = Partial<Pick<RegistrationInput, 'interests' | 'sessions' | 'libraryType' | 'region'>>;

export function pairedEvent(t: TestApp, opts: { met?: boolean; profiles?: (catalog: EventCatalog) => { ft?: Profile; v?: Profile } } = {}) {
  const { event, catalog } = makeEvent(t.db);
  const profiles = opts.profiles?.(catalog) ?? {};
  const organizer = upsertOrganizer(t.db, { email: `organizer${n++}@example.org`, password: 'long enough secret' }, t.clock.now());
  const ft = makeParticipant(t.db, event, { name: 'Octavia Reyes', email: `octavia${n}@example.org`, present: true, ...profiles.ft });
  const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', email: `bart${n}@example.org`, present: true, ...profiles.v });
  const pinned = pinPair(t.db, event, { firstTimerId: ft.id, volunteerId: v.id, organizerId: organizer.id, now: t.clock.now() });
  if (!pinned.ok) throw new Error(pinned.reason);
  if (opts.met) {
    const met = confirmMet(t.db, event, ft, pinned.pairId, t.clock.now());
    if (!met.ok) throw new Error(met.reason);
  }
  return { event, catalog, organizer, ft, v, pairId: pinned.pairId };
}
