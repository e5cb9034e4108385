import { describe, expect, it } from 'vitest';
import { startAutoWork } from '../../src/auto-work.ts';
import { createLiveHub, type LiveChange } from '../../src/live.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
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
});
