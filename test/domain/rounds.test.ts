import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { matchRounds, participants } from '../../db/schema.ts';
import { setAttendanceByOrganizer } from '../../src/domain/participants.ts';
import { forbidPair, pinPair } from '../../src/domain/pairs.ts';
import { discardRound, listRounds, loadRound, proposeRound, publishRound } from '../../src/domain/rounds.ts';
import { makeEvent } from '../helpers/factories.ts';
import { MINUTE, at, eventDay } from '../helpers/event-day.ts';

function propose(t: ReturnType<typeof eventDay>) {
  const result = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
  if (!result.ok) throw new Error(`expected a proposal, got ${result.reason}`);
  return result.round;
}

describe('proposeRound', () => {
  it('stores nothing and says so when nobody present is waiting', () => {
    const t = eventDay();
    t.firstTimer('Not Here', { present: false });
    t.volunteer('Vera Volunteer');
    const result = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    expect(result).toEqual({ ok: false, reason: 'nobody-waiting' });
    expect(listRounds(t.db, t.event.id)).toEqual([]);
    expect(t.audit()).toEqual([]);
  });

  it('pairs only people who are here, within languages, and explains the pair in words', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez', { languages: ['English'], interests: [t.interests.youth] });
    const bo = t.firstTimer('Bo Brandt', { languages: ['Spanish'] });
    const away = t.firstTimer('Away Person', { present: false });
    const vera = t.volunteer('Vera Volk', { languages: ['English', 'ASL'], interests: [t.interests.youth], capacity: 2 });
    t.volunteer('Absent Spanish', { languages: ['Spanish'], present: false });

    const round = propose(t);
    expect(round.status).toBe('proposed');
    expect(round.trigger).toBe('organizer');
    expect(round.organizerId).toBe(t.organizerId);
    expect(round.createdAt).toEqual(t.clock.now());
    expect(round.matchedCount).toBe(1);
    expect(round.proposal.pairs).toEqual([
      { firstTimerId: ana.id, volunteerId: vera.id, score: 3, reasons: ['you both picked Youth services'] },
    ]);
    expect(round.proposal.unmatched).toEqual([
      { firstTimerId: bo.id, reason: 'no shared language with a free volunteer' },
    ]);
    expect(round.proposal.objective).toBe(3);
    const named = [...round.proposal.pairs.map((p) => p.firstTimerId), ...round.proposal.unmatched.map((u) => u.firstTimerId)];
    expect(named).not.toContain(away.id);
    // proposing changes nobody's status: nothing is live until it is published
    expect(t.person(ana.id).status).toBe('present');
    expect(t.livePairs()).toEqual([]);
    expect(t.audit().map((a) => a.action)).toEqual(['propose-round']);
  });

  it('fills volunteers up to their capacity and says why the rest wait', () => {
    const t = eventDay();
    const fts = [
      t.firstTimer('Fa One', { interests: [t.interests.youth] }),
      t.firstTimer('Fb Two', { interests: [t.interests.youth] }),
      t.firstTimer('Fc Three'),
    ];
    const vera = t.volunteer('Vera Volk', { capacity: 2, interests: [t.interests.youth] });
    const round = propose(t);
    expect(round.proposal.pairs.map((p) => [p.firstTimerId, p.volunteerId])).toEqual([
      [fts[0]!.id, vera.id],
      [fts[1]!.id, vera.id],
    ]);
    expect(round.proposal.unmatched).toEqual([{ firstTimerId: fts[2]!.id, reason: 'others were a better fit this round' }]);
    // 3 + 3 for the shared interest, less one extra-slot point for Vera's second first-timer
    expect(round.proposal.objective).toBe(5);
  });

  it('never proposes a forbidden pair', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const vera = t.volunteer('Vera Volk');
    forbidPair(t.db, t.event, { firstTimerId: ana.id, volunteerId: vera.id, organizerId: t.organizerId, now: t.clock.now() });
    const round = propose(t);
    expect(round.proposal.pairs).toEqual([]);
    expect(round.proposal.unmatched).toEqual([{ firstTimerId: ana.id, reason: 'forbidden with every free volunteer' }]);
  });

  it('keeps live pairs as they are and counts them against capacity', () => {
    const t = eventDay();
    const old = t.firstTimer('Olga Old');
    const vera = t.volunteer('Vera Volk', { capacity: 1 });
    const pin = pinPair(t.db, t.event, { firstTimerId: old.id, volunteerId: vera.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(pin.ok).toBe(true);
    const ana = t.firstTimer('Ana Alvarez');
    const round = propose(t);
    expect(round.proposal.pairs).toEqual([]);
    expect(round.proposal.unmatched).toEqual([{ firstTimerId: ana.id, reason: 'no volunteer free' }]);

    const wide = t.volunteer('Walt Wide', { capacity: 2 });
    const again = propose(t);
    expect(again.proposal.pairs.map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[ana.id, wide.id]]);
    expect(t.livePairs().map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[old.id, vera.id]]);
  });

  it('places first-timers who have been waiting first, longest wait first', () => {
    const t = eventDay();
    const keen = t.firstTimer('Kim Keen', { interests: [t.interests.cataloging, t.interests.tech] });
    const late = t.firstTimer('Lou Late');
    const early = t.firstTimer('Eve Early');
    const vera = t.volunteer('Vera Volk', { capacity: 1, interests: [t.interests.cataloging, t.interests.tech] });
    const walt = t.volunteer('Walt Wide', { capacity: 1 });
    t.db.update(participants).set({ waitingSince: at('2026-10-14T13:40:00Z') }).where(eq(participants.id, late.id)).run();
    t.db.update(participants).set({ waitingSince: at('2026-10-14T13:20:00Z') }).where(eq(participants.id, early.id)).run();

    const round = propose(t);
    // without the queue Kim would take Vera (two shared interests); the waiting take both places
    expect(round.proposal.pairs.map((p) => [p.firstTimerId, p.volunteerId])).toEqual([
      [early.id, vera.id],
      [late.id, walt.id],
    ]);
    expect(round.proposal.unmatched).toEqual([{ firstTimerId: keen.id, reason: 'others were a better fit this round' }]);
  });
});

describe('publishRound', () => {
  it('makes the pairs live at clock-aligned slots after the lead time, filling spots in order', () => {
    const t = eventDay({
      now: at('2026-10-14T14:01:30Z'),
      spots: [
        { name: 'Blue banner', directions: 'Left of Hall C', pairsAtOnce: 1 },
        { name: 'Coffee cart', directions: 'By the escalators', pairsAtOnce: 1 },
      ],
    });
    const fts = ['Fa One', 'Fb Two', 'Fc Three'].map((n) => t.firstTimer(n));
    const vols = ['Va One', 'Vb Two', 'Vc Three'].map((n) => t.volunteer(n));
    const round = propose(t);
    t.clock.advance(5 * MINUTE); // 14:06:30: the 14:15 slot is still ≥ 5 minutes away

    const result = publishRound(t.db, t.event, { roundId: round.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(result).toEqual({
      ok: true,
      published: 3,
      skipped: 0,
      participantIds: expect.arrayContaining([...fts, ...vols].map((p) => p.id)),
      board: true,
    });
    const [blue, coffee] = t.catalog.spots;
    const live = t.livePairs();
    expect(live.map((p) => [p.spotId, p.meetAt?.toISOString(), p.roundId, p.status])).toEqual([
      [blue!.id, '2026-10-14T14:15:00.000Z', round.id, 'published'],
      [coffee!.id, '2026-10-14T14:15:00.000Z', round.id, 'published'],
      [blue!.id, '2026-10-14T14:30:00.000Z', round.id, 'published'],
    ]);
    for (const p of [...fts, ...vols]) expect(t.person(p.id)).toMatchObject({ status: 'matched', waitingSince: null });
    const stored = t.db.select().from(matchRounds).where(eq(matchRounds.id, round.id)).get()!;
    expect(stored).toMatchObject({ status: 'published', publishedAt: t.clock.now(), matchedCount: 3 });
    expect(t.audit().at(-1)).toMatchObject({
      action: 'publish-round',
      organizerId: t.organizerId,
      detail: `published round #${round.id}: 3 pairs`,
    });
  });

  it('moves to the next slot when the lead time would be cut short', () => {
    const t = eventDay({ now: at('2026-10-14T14:10:01Z') });
    t.firstTimer('Fa One');
    t.volunteer('Va One');
    const round = propose(t);
    publishRound(t.db, t.event, { roundId: round.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(t.livePairs()[0]!.meetAt).toEqual(at('2026-10-14T14:30:00Z'));
  });

  it('sends a volunteer’s first-timers to the same spot and time, even past the spot’s room', () => {
    const t = eventDay({ spots: [{ name: 'Tiny nook', pairsAtOnce: 1 }, { name: 'Big hall', pairsAtOnce: 5 }] });
    t.firstTimer('Fa One');
    t.firstTimer('Fb Two');
    t.volunteer('Vera Volk', { capacity: 2 });
    const round = propose(t);
    publishRound(t.db, t.event, { roundId: round.id, organizerId: t.organizerId, now: t.clock.now() });
    const live = t.livePairs();
    expect(live).toHaveLength(2);
    expect(live[1]!.spotId).toBe(live[0]!.spotId);
    expect(live[1]!.meetAt).toEqual(live[0]!.meetAt);
    expect(live[0]!.spotId).toBe(t.catalog.spots[0]!.id);
  });

  it('skips pairs that are no longer possible and publishes the rest', () => {
    const t = eventDay();
    const { cataloging, youth, tech } = t.interests;
    const [f1, f2, f3] = [cataloging, youth, tech].map((i, n) => t.firstTimer(`First ${n}`, { interests: [i] }));
    const [v1, v2, v3] = [cataloging, youth, tech].map((i, n) => t.volunteer(`Volunteer ${n}`, { interests: [i] }));
    const round = propose(t);
    expect(round.proposal.pairs.map((p) => [p.firstTimerId, p.volunteerId])).toEqual([
      [f1!.id, v1!.id],
      [f2!.id, v2!.id],
      [f3!.id, v3!.id],
    ]);
    const now = t.clock.now();
    forbidPair(t.db, t.event, { firstTimerId: f1!.id, volunteerId: v1!.id, organizerId: t.organizerId, now });
    setAttendanceByOrganizer(t.db, { eventId: t.event.id, participantId: f2!.id, present: false, organizerId: t.organizerId, now });

    const result = publishRound(t.db, t.event, { roundId: round.id, organizerId: t.organizerId, now });
    expect(result).toMatchObject({ ok: true, published: 1, skipped: 2, participantIds: [f3!.id, v3!.id] });
    expect(t.livePairs().map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[f3!.id, v3!.id]]);
    expect(t.person(f1!.id).status).toBe('present');
    expect(t.audit().at(-1)!.detail).toBe(`published round #${round.id}: 1 pairs, 2 skipped as no longer possible`);
  });

  it('refuses an unknown, another event’s, or an already published round', () => {
    const t = eventDay();
    const other = makeEvent(t.db);
    t.firstTimer('Fa One');
    t.volunteer('Va One');
    const round = propose(t);
    const now = t.clock.now();
    expect(publishRound(t.db, other.event, { roundId: round.id, organizerId: null, now })).toEqual({ ok: false, reason: 'not-found' });
    expect(publishRound(t.db, t.event, { roundId: round.id + 99, organizerId: null, now })).toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect(publishRound(t.db, t.event, { roundId: round.id, organizerId: t.organizerId, now }).ok).toBe(true);
    expect(publishRound(t.db, t.event, { roundId: round.id, organizerId: t.organizerId, now })).toEqual({
      ok: false,
      reason: 'not-proposed',
    });
    expect(discardRound(t.db, t.event, { roundId: round.id, organizerId: t.organizerId, now })).toEqual({
      ok: false,
      reason: 'not-proposed',
    });
  });
});

describe('discardRound, loadRound and listRounds', () => {
  it('keeps every round, newest first, with names for the review screen', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez', { languages: ['English'] });
    const bo = t.firstTimer('Bo Brandt', { languages: ['Spanish'] });
    const vera = t.volunteer('Vera Volk', { languages: ['English'] });
    const first = propose(t);
    expect(loadRound(t.db, t.event.id, first.id)).toEqual({
      round: first,
      pairs: [
        {
          firstTimer: { id: ana.id, name: 'Ana Alvarez' },
          volunteer: { id: vera.id, name: 'Vera Volk' },
          score: 0,
          reasons: ['you both speak English'],
        },
      ],
      unmatched: [{ firstTimer: { id: bo.id, name: 'Bo Brandt' }, reason: 'no shared language with a free volunteer' }],
    });
    expect(loadRound(t.db, t.event.id + 1, first.id)).toBeUndefined();

    expect(discardRound(t.db, t.event, { roundId: first.id, organizerId: t.organizerId, now: t.clock.now() })).toEqual({ ok: true });
    expect(t.livePairs()).toEqual([]);
    t.clock.advance(MINUTE);
    const second = propose(t);
    expect(listRounds(t.db, t.event.id).map((r) => [r.id, r.status])).toEqual([
      [second.id, 'proposed'],
      [first.id, 'discarded'],
    ]);
    expect(t.audit().map((a) => [a.action, a.organizerId])).toEqual([
      ['propose-round', t.organizerId],
      ['discard-round', t.organizerId],
      ['propose-round', t.organizerId],
    ]);
  });
});
