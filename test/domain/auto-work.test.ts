import { describe, expect, it } from 'vitest';
import { reportBuddyMissing } from '../../src/domain/buddy-actions.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { runDueAutoWork } from '../../src/domain/auto-work.ts';
import { listRounds, proposeRound } from '../../src/domain/rounds.ts';
import { MINUTE, at, eventDay } from '../helpers/event-day.ts';

describe('runDueAutoWork: automatic rounds', () => {
  it('does nothing when automatic rounds are off', () => {
    const t = eventDay();
    t.firstTimer('Ana Alvarez');
    t.volunteer('Vera Volk');
    expect(runDueAutoWork(t.db, t.event, t.clock.now())).toEqual({ participantIds: [], board: false, roundId: null });
    expect(listRounds(t.db, t.event.id)).toEqual([]);
  });

  it('proposes and publishes a round when none ran for autoRoundMinutes, and not before', () => {
    const t = eventDay({ settings: { autoRoundMinutes: 5 } });
    const ana = t.firstTimer('Ana Alvarez');
    const vera = t.volunteer('Vera Volk');
    const first = runDueAutoWork(t.db, t.event, t.clock.now());
    expect(first.roundId).not.toBeNull();
    expect(first.board).toBe(true);
    expect(first.participantIds.sort()).toEqual([ana.id, vera.id].sort());
    const [round] = listRounds(t.db, t.event.id);
    expect(round).toMatchObject({
      id: first.roundId,
      trigger: 'auto',
      organizerId: null,
      status: 'published',
      matchedCount: 1,
      createdAt: t.clock.now(),
      publishedAt: t.clock.now(),
    });
    expect(t.livePairs().map((p) => [p.firstTimerId, p.volunteerId, p.roundId])).toEqual([[ana.id, vera.id, first.roundId]]);
    expect(t.audit().map((a) => [a.action, a.organizerId])).toEqual([
      ['propose-round', null],
      ['publish-round', null],
    ]);

    const bo = t.firstTimer('Bo Brandt');
    const walt = t.volunteer('Walt Wide');
    t.clock.advance(5 * MINUTE - 1);
    expect(runDueAutoWork(t.db, t.event, t.clock.now())).toEqual({ participantIds: [], board: false, roundId: null });
    expect(listRounds(t.db, t.event.id)).toHaveLength(1);
    t.clock.advance(1);
    const second = runDueAutoWork(t.db, t.event, t.clock.now());
    expect(second.roundId).not.toBeNull();
    expect(second.participantIds.sort()).toEqual([bo.id, walt.id].sort());
    expect(listRounds(t.db, t.event.id).map((r) => r.id)).toEqual([second.roundId, first.roundId]);
  });

  it('counts an organizer’s round, even one only proposed, as the last round', () => {
    const t = eventDay({ settings: { autoRoundMinutes: 5 } });
    t.firstTimer('Ana Alvarez');
    t.volunteer('Vera Volk');
    proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    t.clock.advance(4 * MINUTE);
    expect(runDueAutoWork(t.db, t.event, t.clock.now()).roundId).toBeNull();
    expect(listRounds(t.db, t.event.id)).toHaveLength(1);
  });

  it('records nothing when nobody is waiting', () => {
    const t = eventDay({ settings: { autoRoundMinutes: 5 } });
    t.volunteer('Vera Volk');
    t.firstTimer('Not Here', { present: false });
    expect(runDueAutoWork(t.db, t.event, t.clock.now())).toEqual({ participantIds: [], board: false, roundId: null });
    expect(listRounds(t.db, t.event.id)).toEqual([]);
    expect(t.audit()).toEqual([]);
  });
});

describe('runDueAutoWork: automatic rematch', () => {
  function missingBuddy(settings: { autoRematch: boolean; graceMinutes: number }) {
    const t = eventDay({ settings });
    const ana = t.firstTimer('Ana Alvarez');
    const vic = t.volunteer('Vic Vanish');
    const pinned = pinPair(t.db, t.event, { firstTimerId: ana.id, volunteerId: vic.id, organizerId: t.organizerId, now: t.clock.now() });
    if (!pinned.ok) throw new Error(pinned.reason);
    const fran = t.volunteer('Fran Free');
    t.clock.set(at('2026-10-14T14:15:00Z'));
    expect(reportBuddyMissing(t.db, t.event, t.person(ana.id), pinned.pairId, t.clock.now()).ok).toBe(true);
    return { t, ana, vic, fran, pairId: pinned.pairId };
  }

  it('treats the volunteer as a no-show once the grace period has passed', () => {
    const { t, ana, vic, fran, pairId } = missingBuddy({ autoRematch: true, graceMinutes: 10 });
    expect(runDueAutoWork(t.db, t.event, at('2026-10-14T14:24:59Z'))).toEqual({ participantIds: [], board: false, roundId: null });
    expect(t.livePairs().map((p) => p.id)).toEqual([pairId]);

    const result = runDueAutoWork(t.db, t.event, at('2026-10-14T14:25:00Z'));
    expect(result.board).toBe(true);
    expect(result.roundId).toBeNull();
    expect(result.participantIds.sort()).toEqual([ana.id, vic.id, fran.id].sort());
    expect(t.pairs().find((p) => p.id === pairId)).toMatchObject({ status: 'no_show', noShowParticipantId: vic.id });
    expect(t.livePairs().map((p) => [p.firstTimerId, p.volunteerId, p.meetAt])).toEqual([
      [ana.id, fran.id, at('2026-10-14T14:30:00Z')],
    ]);
    expect(t.person(vic.id).status).toBe('absent');
    expect(t.audit().at(-1)).toMatchObject({ action: 'no-show', organizerId: null });
    // done once: the next tick finds nothing to do
    expect(runDueAutoWork(t.db, t.event, at('2026-10-14T14:26:00Z')).participantIds).toEqual([]);
  });

  it('leaves it to the organizer when autoRematch is off', () => {
    const { t, pairId } = missingBuddy({ autoRematch: false, graceMinutes: 10 });
    expect(runDueAutoWork(t.db, t.event, at('2026-10-14T15:00:00Z'))).toEqual({ participantIds: [], board: false, roundId: null });
    expect(t.livePairs().map((p) => p.id)).toEqual([pairId]);
  });
});
