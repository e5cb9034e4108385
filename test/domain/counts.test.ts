import { describe, expect, it } from 'vitest';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { countParticipants } from '../../src/domain/participants.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { createTestApp } from '../helpers/test-app.ts';

describe('countParticipants', () => {
  it('counts free buddy places as the capacity of present volunteers less the first-timers they hold', () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const organizer = upsertOrganizer(t.db, { email: 'o@example.org', password: 'long enough secret' }, t.clock.now());
    const ft = makeParticipant(t.db, event, { present: true });
    makeParticipant(t.db, event, { present: false });
    const busy = makeParticipant(t.db, event, { role: 'volunteer', capacity: 2, present: true });
    makeParticipant(t.db, event, { role: 'volunteer', capacity: 3, present: true });
    makeParticipant(t.db, event, { role: 'volunteer', capacity: 3, present: false });
    expect(countParticipants(t.db, event.id).freeCapacity).toBe(5);
    const pinned = pinPair(t.db, event, { firstTimerId: ft.id, volunteerId: busy.id, organizerId: organizer.id, now: t.clock.now() });
    expect(pinned.ok).toBe(true);
    expect(countParticipants(t.db, event.id)).toEqual({
      firstTimersRegistered: 2,
      firstTimersHere: 1,
      volunteersRegistered: 3,
      volunteersHere: 2,
      freeCapacity: 4,
    });
  });
});
