// What a participant does with their pair from their phone.
import { describe, expect, it } from 'vitest';
import { confirmMet, reportBuddyMissing, requestDifferentBuddy } from '../../src/domain/buddy-actions.ts';
import { findMyPairs, listLivePairs } from '../../src/domain/pair-views.ts';
import { unpair } from '../../src/domain/pairs.ts';
import { MINUTE, at, eventDay, pairRow, pin } from '../helpers/event-day.ts';

describe('a person acts on their pair', () => {
  it('confirmMet: either person, once; strangers and ended pairs are refused', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const vera = t.volunteer('Vera Volk');
    const stranger = t.firstTimer('Stan Ger');
    const pairId = pin(t, ana.id, vera.id);
    expect(confirmMet(t.db, t.event, stranger, pairId, t.clock.now())).toEqual({ ok: false, reason: 'not-found' });
    t.clock.advance(16 * MINUTE);
    expect(confirmMet(t.db, t.event, vera, pairId, t.clock.now())).toEqual({ ok: true, participantIds: [ana.id, vera.id], board: false });
    expect(pairRow(t, pairId)).toMatchObject({ status: 'met', metAt: t.clock.now() });
    const metAt = t.clock.now();
    t.clock.advance(MINUTE);
    expect(confirmMet(t.db, t.event, ana, pairId, t.clock.now())).toEqual({ ok: true, participantIds: [], board: false });
    expect(pairRow(t, pairId).metAt).toEqual(metAt);

    const bo = t.firstTimer('Bo Brandt');
    const walt = t.volunteer('Walt Wide');
    const ended = pin(t, bo.id, walt.id);
    unpair(t.db, t.event, { pairId: ended, organizerId: t.organizerId, now: t.clock.now() });
    expect(confirmMet(t.db, t.event, bo, ended, t.clock.now())).toEqual({ ok: false, reason: 'not-live' });
  });

  it('reportBuddyMissing: only the first-timer, only from the meet time on', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const vera = t.volunteer('Vera Volk');
    const pairId = pin(t, ana.id, vera.id); // meets at 14:15
    t.clock.set(at('2026-10-14T14:14:59Z'));
    expect(reportBuddyMissing(t.db, t.event, ana, pairId, t.clock.now())).toEqual({ ok: false, reason: 'too-early' });
    expect(pairRow(t, pairId).buddyMissingAt).toBeNull();
    t.clock.set(at('2026-10-14T14:15:00Z'));
    expect(reportBuddyMissing(t.db, t.event, vera, pairId, t.clock.now())).toEqual({ ok: false, reason: 'not-found' });
    expect(reportBuddyMissing(t.db, t.event, ana, pairId, t.clock.now())).toEqual({
      ok: true,
      participantIds: [ana.id, vera.id],
      board: false,
    });
    expect(pairRow(t, pairId).buddyMissingAt).toEqual(at('2026-10-14T14:15:00Z'));
    expect(listLivePairs(t.db, t.event, t.clock.now())[0]!.buddyMissingAt).toEqual(at('2026-10-14T14:15:00Z'));
  });

  it('requestDifferentBuddy: the first-timer asks quietly; only their own page changes', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const vera = t.volunteer('Vera Volk');
    const pairId = pin(t, ana.id, vera.id);
    expect(requestDifferentBuddy(t.db, t.event, vera, pairId, t.clock.now())).toEqual({ ok: false, reason: 'not-found' });
    expect(requestDifferentBuddy(t.db, t.event, ana, pairId, t.clock.now())).toEqual({
      ok: true,
      participantIds: [ana.id],
      board: false,
    });
    expect(pairRow(t, pairId).differentBuddyAt).toEqual(t.clock.now());
    expect(listLivePairs(t.db, t.event, t.clock.now())[0]!.differentBuddyAt).toEqual(t.clock.now());
    expect(findMyPairs(t.db, t.event, vera, t.clock.now()).buddies[0]).not.toHaveProperty('differentBuddyAt');
  });
});
