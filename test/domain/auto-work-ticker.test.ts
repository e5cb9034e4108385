import { describe, expect, it } from 'vitest';
import { startAutoWork } from '../../src/auto-work.ts';
import { createLiveHub, type LiveChange } from '../../src/live.ts';
import { pairs } from '../../db/schema.ts';
import { withDefaults } from '../../src/domain/events.ts';
import { checkInParticipant } from '../../src/domain/participants.ts';
import { proposePreEventRound } from '../../src/domain/planned-pairs.ts';
import { publishRound } from '../../src/domain/rounds.ts';
import { makeEvent, makeParticipant, reloadParticipant } from '../helpers/factories.ts';
import { createTestApp, testOrigin } from '../helpers/test-app.ts';

describe('startAutoWork', () => {
  it('publishes an automatic round for an event that asks for one and tells the live pages', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db, { settings: { autoRoundMinutes: 5 }, languages: ['English'] });
    const ft = makeParticipant(t.db, event, { present: true });
    const v = makeParticipant(t.db, event, { role: 'volunteer', present: true });
    const { event: quiet } = makeEvent(t.db);
    makeParticipant(t.db, quiet, { present: true });
    makeParticipant(t.db, quiet, { role: 'volunteer', present: true });

    const live = createLiveHub();
    const heard: LiveChange[] = [];
    live.subscribe(event.id, (c) => heard.push(c));
    live.subscribe(quiet.id, (c) => heard.push(c));
    const stop = startAutoWork({ db: t.db, live, publicUrl: testOrigin, now: t.clock.now, intervalMs: 10 });
    await expect.poll(() => heard.length).toBeGreaterThan(0);
    stop();
    expect(heard[0]).toMatchObject({ eventId: event.id, board: true });
    expect(heard[0]!.participantIds.sort()).toEqual([ft.id, v.id].sort());
    // the other event has automatic rounds off
    expect(heard.every((c) => c.eventId === event.id)).toBe(true);
  });

  it('releases a planned pair at the hold time and tells both pages', async () => {
    const t = createTestApp({ now: new Date('2026-10-07T15:00:00Z') });
    const { event } = makeEvent(t.db, { languages: ['English'] });
    const ft = makeParticipant(t.db, event, { name: 'Ana Alvarez' });
    const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk' });
    const proposed = proposePreEventRound(t.db, withDefaults(event), { organizerId: null, now: t.clock.now() });
    if (!proposed.ok) throw new Error(proposed.reason);
    publishRound(t.db, withDefaults(event), { roundId: proposed.round.id, organizerId: null, now: t.clock.now(), publicUrl: testOrigin });
    // 11:00 in New York on the first day: Ana is here, Vera is not
    t.clock.set(new Date('2026-10-14T14:30:00Z'));
    checkInParticipant(t.db, reloadParticipant(t.db, ft.id)!, t.clock.now());
    t.clock.set(new Date('2026-10-14T15:00:00Z'));

    const live = createLiveHub();
    const heard: LiveChange[] = [];
    live.subscribe(event.id, (c) => heard.push(c));
    const stop = startAutoWork({ db: t.db, live, publicUrl: testOrigin, now: t.clock.now, intervalMs: 10 });
    await expect.poll(() => heard.length).toBeGreaterThan(0);
    stop();
    expect(heard[0]!.participantIds.sort()).toEqual([ft.id, v.id].sort());
    expect(t.db.select().from(pairs).get()!.status).toBe('cancelled');
    expect(reloadParticipant(t.db, ft.id)!.waitingSince).toEqual(t.clock.now());
  });
});
