// "I'd like a different buddy" stays quiet (the pair goes on until an organizer acts), but the
// first-timer is never given that buddy again by a round, a rematch or an automatic rematch —
// only an organizer's pin can bring the two back together.
import { describe, expect, it } from 'vitest';
import { runDueAutoWork } from '../../src/domain/auto-work.ts';
import { reportBuddyMissing, requestDifferentBuddy } from '../../src/domain/buddy-actions.ts';
import { markNoShow, pinPair, rematchNow, unpair } from '../../src/domain/pairs.ts';
import { proposeRound, publishRound } from '../../src/domain/rounds.ts';
import { MINUTE, eventDay } from '../helpers/event-day.ts';

type T = ReturnType<typeof eventDay>;

function pin(t: T, firstTimerId: number, volunteerId: number) {
  const result = pinPair(t.db, t.event, { firstTimerId, volunteerId, organizerId: t.organizerId, now: t.clock.now() });
  if (!result.ok) throw new Error(`pin refused: ${result.reason}`);
  return result.pairId;
}

/** Ana asks to leave Vera, the buddy who shares her interest; an organizer then unpairs them. */
function anaLeftVera(opts: Parameters<typeof eventDay>[0] = {}) {
  const t = eventDay(opts);
  const ana = t.firstTimer('Ana Alvarez', { interests: [t.interests.youth] });
  const vera = t.volunteer('Vera Volk', { interests: [t.interests.youth], capacity: 2 });
  const pairId = pin(t, ana.id, vera.id);
  const asked = requestDifferentBuddy(t.db, t.event, ana, pairId, t.clock.now());
  expect(asked.ok).toBe(true);
  // quiet: the pair stays live until an organizer acts
  expect(t.livePairs().map((p) => p.id)).toEqual([pairId]);
  t.clock.advance(MINUTE);
  expect(unpair(t.db, t.event, { pairId, organizerId: t.organizerId, now: t.clock.now() }).ok).toBe(true);
  return { t, ana, vera };
}

describe('after "I\'d like a different buddy"', () => {
  it('a round leaves the first-timer waiting rather than give them that buddy again', () => {
    const { t, ana } = anaLeftVera();
    const proposed = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    if (!proposed.ok) throw new Error(proposed.reason);
    expect(proposed.round.proposal.pairs).toEqual([]);
    expect(proposed.round.proposal.unmatched).toEqual([{ firstTimerId: ana.id, reason: 'forbidden with every free volunteer' }]);
  });

  it('a round gives the first-timer someone else when someone else is free', () => {
    const { t, ana } = anaLeftVera();
    const walt = t.volunteer('Walt Wide');
    const proposed = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    if (!proposed.ok) throw new Error(proposed.reason);
    publishRound(t.db, t.event, { roundId: proposed.round.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(t.livePairs().map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[ana.id, walt.id]]);
  });

  it('an organizer\'s "Rematch now" does not pick that buddy, even later', () => {
    const { t, ana } = anaLeftVera();
    const result = rematchNow(t.db, t.event, { firstTimerId: ana.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(result).toMatchObject({ ok: true, rematch: null });
    expect(t.livePairs()).toEqual([]);
  });

  it('an automatic rematch after "my buddy isn\'t here" does not go back to that buddy', () => {
    const { t, ana, vera } = anaLeftVera({ settings: { autoRematch: true, graceMinutes: 10 } });
    // the organizer pairs Ana with Walt by hand; Walt does not come, and Vera is free again
    const walt = t.volunteer('Walt Wide');
    const pairId = pin(t, ana.id, walt.id);
    const meetAt = t.livePairs()[0]!.meetAt!;
    t.clock.set(meetAt);
    expect(reportBuddyMissing(t.db, t.event, t.person(ana.id), pairId, t.clock.now()).ok).toBe(true);
    t.clock.advance(10 * MINUTE);
    const change = runDueAutoWork(t.db, t.event, t.clock.now());
    expect(change.participantIds).toContain(ana.id);
    expect(t.livePairs().filter((p) => p.volunteerId === vera.id)).toEqual([]);
    expect(t.person(ana.id).waitingSince).not.toBeNull();
  });

  it('a no-show rematch of a later buddy does not go back to that buddy', () => {
    const { t, ana, vera } = anaLeftVera();
    const walt = t.volunteer('Walt Wide');
    const pairId = pin(t, ana.id, walt.id);
    const result = markNoShow(t.db, t.event, { pairId, absentee: 'volunteer', organizerId: t.organizerId, now: t.clock.now() });
    expect(result).toMatchObject({ ok: true, rematch: null });
    expect(t.livePairs().filter((p) => p.volunteerId === vera.id)).toEqual([]);
  });

  it('an organizer can still pin the two together on purpose', () => {
    const { t, ana, vera } = anaLeftVera();
    const result = pinPair(t.db, t.event, { firstTimerId: ana.id, volunteerId: vera.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(result.ok).toBe(true);
    expect(t.livePairs().map((p) => [p.firstTimerId, p.volunteerId, p.pinned])).toEqual([[ana.id, vera.id, true]]);
    // and a round keeps that pinned pair as it is
    t.firstTimer('Bo Brandt');
    const proposed = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    expect(proposed.ok).toBe(true);
  });

  it('other first-timers can still be paired with that buddy', () => {
    const { t, vera } = anaLeftVera();
    const bo = t.firstTimer('Bo Brandt');
    const proposed = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    if (!proposed.ok) throw new Error(proposed.reason);
    expect(proposed.round.proposal.pairs.map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[bo.id, vera.id]]);
  });
});
