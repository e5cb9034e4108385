// What organizers do to live pairs: no-shows, rematches, unpair, pin, forbid, move.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { forbiddenPairs } from '../../db/schema.ts';
import { forbidPair, markNoShow, movePair, pinPair, rematchNow, unpair } from '../../src/domain/pairs.ts';
import { checkInParticipant } from '../../src/domain/participants.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { at, eventDay, pairRow, pin } from '../helpers/event-day.ts';

describe('markNoShow', () => {
  it('rematches the first-timer of an absent volunteer at once, with a new spot and time', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez', { interests: [t.interests.tech] });
    const vic = t.volunteer('Vic Vanish');
    const pairId = pin(t, ana.id, vic.id);
    const free = t.volunteer('Fran Free', { interests: [t.interests.tech] });
    t.volunteer('Other Free');
    t.clock.set(at('2026-10-14T14:26:00Z'));

    const result = markNoShow(t.db, t.event, { pairId, absentee: 'volunteer', organizerId: t.organizerId, now: t.clock.now() });
    expect(result).toMatchObject({
      ok: true,
      board: true,
      firstTimer: { id: ana.id, name: 'Ana Alvarez' },
      volunteer: { id: vic.id },
      rematch: { volunteer: { id: free.id, name: 'Fran Free' }, spotName: t.catalog.spots[0]!.name, meetAt: at('2026-10-14T14:45:00Z') },
    });
    if (!result.ok) throw new Error();
    expect(result.participantIds.sort()).toEqual([ana.id, vic.id, free.id].sort());
    expect(pairRow(t, pairId)).toMatchObject({ status: 'no_show', noShowParticipantId: vic.id, endedAt: t.clock.now() });
    expect(pairRow(t, result.rematch!.pairId)).toMatchObject({
      firstTimerId: ana.id,
      volunteerId: free.id,
      status: 'published',
      spotId: t.catalog.spots[0]!.id,
      meetAt: at('2026-10-14T14:45:00Z'),
      reasons: ['you both picked Library technology'],
    });
    expect(t.person(vic.id).status).toBe('absent');
    expect(t.person(ana.id)).toMatchObject({ status: 'matched', waitingSince: null });
    expect(t.person(free.id).status).toBe('matched');
    expect(t.audit().at(-1)).toMatchObject({
      action: 'no-show',
      organizerId: t.organizerId,
      detail: `volunteer Vic Vanish (#${vic.id}) did not come to meet Ana Alvarez (#${ana.id}); Ana Alvarez (#${ana.id}) rematched with Fran Free (#${free.id})`,
    });
    // an absent volunteer is back in the pool once they check in again
    expect(checkInParticipant(t.db, t.person(vic.id), t.clock.now()).status).toBe('present');
  });

  it('lets the first-timer wait at the front of the next round when nobody is free', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const vic = t.volunteer('Vic Vanish');
    const pairId = pin(t, ana.id, vic.id);
    const busy = t.volunteer('Busy Bee');
    pin(t, t.firstTimer('Other First').id, busy.id);
    t.clock.set(at('2026-10-14T14:26:00Z'));
    const result = markNoShow(t.db, t.event, { pairId, absentee: 'volunteer', organizerId: t.organizerId, now: t.clock.now() });
    expect(result).toEqual({
      ok: true,
      participantIds: [ana.id, vic.id],
      board: true,
      firstTimer: { id: ana.id, name: 'Ana Alvarez' },
      volunteer: { id: vic.id, name: 'Vic Vanish' },
      rematch: null,
    });
    expect(t.person(ana.id)).toMatchObject({ status: 'present', waitingSince: t.clock.now() });
    expect(t.livePairs().map((p) => p.firstTimerId)).not.toContain(ana.id);
    expect(t.audit().at(-1)!.detail).toContain('waits for the next round: no volunteer free');
  });

  it('ends every unmet pair of an absent volunteer and rematches each first-timer', () => {
    const t = eventDay();
    const vic = t.volunteer('Vic Vanish', { capacity: 2 });
    const a = t.firstTimer('Ana Alvarez');
    const b = t.firstTimer('Bo Brandt');
    const pa = pin(t, a.id, vic.id);
    const pb = pin(t, b.id, vic.id);
    const fran = t.volunteer('Fran Free', { capacity: 2 });
    const result = markNoShow(t.db, t.event, { pairId: pa, absentee: 'volunteer', organizerId: null, now: t.clock.now() });
    expect(result.ok).toBe(true);
    expect(pairRow(t, pb)).toMatchObject({ status: 'no_show', noShowParticipantId: vic.id });
    expect(t.livePairs().map((p) => [p.firstTimerId, p.volunteerId])).toEqual([
      [a.id, fran.id],
      [b.id, fran.id],
    ]);
    // the two still meet together
    const [x, y] = t.livePairs();
    expect([y!.spotId, y!.meetAt]).toEqual([x!.spotId, x!.meetAt]);
  });

  it('frees the volunteer when the first-timer did not come', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const vera = t.volunteer('Vera Volk');
    const pairId = pin(t, ana.id, vera.id);
    const result = markNoShow(t.db, t.event, { pairId, absentee: 'first_timer', organizerId: t.organizerId, now: t.clock.now() });
    expect(result).toEqual({
      ok: true,
      participantIds: [ana.id, vera.id],
      board: true,
      firstTimer: { id: ana.id, name: 'Ana Alvarez' },
      volunteer: { id: vera.id, name: 'Vera Volk' },
      rematch: null,
    });
    expect(pairRow(t, pairId)).toMatchObject({ status: 'no_show', noShowParticipantId: ana.id });
    expect(t.person(ana.id).status).toBe('absent');
    expect(t.person(vera.id).status).toBe('present');
    expect(t.audit().at(-1)).toMatchObject({ action: 'no-show', organizerId: t.organizerId });
    // Vera has room again: a new first-timer can be pinned to her
    const bo = t.firstTimer('Bo Brandt');
    expect(pinPair(t.db, t.event, { firstTimerId: bo.id, volunteerId: vera.id, organizerId: t.organizerId, now: t.clock.now() }).ok).toBe(true);
  });

  it('refuses an ended pair and another event’s pair', () => {
    const t = eventDay();
    const other = makeEvent(t.db);
    const pairId = pin(t, t.firstTimer('Ana Alvarez').id, t.volunteer('Vera Volk').id);
    expect(markNoShow(t.db, other.event, { pairId, absentee: 'volunteer', organizerId: null, now: t.clock.now() })).toEqual({
      ok: false,
      reason: 'not-found',
    });
    markNoShow(t.db, t.event, { pairId, absentee: 'first_timer', organizerId: null, now: t.clock.now() });
    expect(markNoShow(t.db, t.event, { pairId, absentee: 'volunteer', organizerId: null, now: t.clock.now() })).toEqual({
      ok: false,
      reason: 'not-live',
    });
  });
});

describe('organizer pair actions', () => {
  it('rematchNow ends the current pair and finds someone else', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez', { interests: [t.interests.tech] });
    const vera = t.volunteer('Vera Volk', { interests: [t.interests.tech] });
    const old = pin(t, ana.id, vera.id);
    const walt = t.volunteer('Walt Wide');
    const result = rematchNow(t.db, t.event, { firstTimerId: ana.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(result).toMatchObject({ ok: true, board: true, firstTimer: { id: ana.id }, rematch: { volunteer: { id: walt.id } } });
    expect(pairRow(t, old)).toMatchObject({ status: 'cancelled', endedAt: t.clock.now() });
    expect(t.person(vera.id).status).toBe('present');
    expect(t.person(walt.id).status).toBe('matched');
    expect(t.audit().at(-1)).toMatchObject({ action: 'rematch', organizerId: t.organizerId });
    expect(rematchNow(t.db, t.event, { firstTimerId: vera.id, organizerId: t.organizerId, now: t.clock.now() })).toEqual({
      ok: false,
      reason: 'not-found',
    });
    const away = t.firstTimer('Away Person', { present: false });
    expect(rematchNow(t.db, t.event, { firstTimerId: away.id, organizerId: t.organizerId, now: t.clock.now() })).toEqual({
      ok: false,
      reason: 'not-present',
    });
  });

  it('unpair cancels the pair, frees both, and puts the first-timer first in line', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const vera = t.volunteer('Vera Volk');
    const pairId = pin(t, ana.id, vera.id);
    expect(unpair(t.db, t.event, { pairId, organizerId: t.organizerId, now: t.clock.now() })).toEqual({
      ok: true,
      participantIds: [ana.id, vera.id],
      board: true,
      firstTimer: { id: ana.id, name: 'Ana Alvarez' },
      volunteer: { id: vera.id, name: 'Vera Volk' },
    });
    expect(pairRow(t, pairId)).toMatchObject({ status: 'cancelled', endedAt: t.clock.now() });
    expect(t.person(ana.id)).toMatchObject({ status: 'present', waitingSince: t.clock.now() });
    expect(t.person(vera.id).status).toBe('present');
    expect(t.audit().at(-1)).toMatchObject({
      action: 'unpair',
      detail: `unpaired Ana Alvarez (#${ana.id}) and Vera Volk (#${vera.id})`,
    });
    expect(unpair(t.db, t.event, { pairId, organizerId: t.organizerId, now: t.clock.now() })).toEqual({ ok: false, reason: 'not-live' });
    expect(unpair(t.db, t.event, { pairId: pairId + 999, organizerId: t.organizerId, now: t.clock.now() })).toEqual({
      ok: false,
      reason: 'not-found',
    });
  });

  it('pinPair refuses who is away, already paired, forbidden, full, or from another event', () => {
    const t = eventDay();
    const other = makeEvent(t.db);
    const now = t.clock.now();
    const org = t.organizerId;
    const ana = t.firstTimer('Ana Alvarez');
    const bo = t.firstTimer('Bo Brandt');
    const away = t.firstTimer('Away Person', { present: false });
    const vera = t.volunteer('Vera Volk', { capacity: 1 });
    const walt = t.volunteer('Walt Wide', { capacity: 1 });
    const stranger = makeParticipant(t.db, other.event, { role: 'volunteer', name: 'Other Event', present: true });
    const tryPin = (f: number, v: number) => pinPair(t.db, t.event, { firstTimerId: f, volunteerId: v, organizerId: org, now });

    expect(tryPin(ana.id, stranger.id)).toEqual({ ok: false, reason: 'not-found' });
    expect(tryPin(vera.id, ana.id)).toEqual({ ok: false, reason: 'not-found' });
    expect(tryPin(away.id, vera.id)).toEqual({ ok: false, reason: 'not-present' });
    const first = tryPin(ana.id, vera.id);
    expect(first).toMatchObject({ ok: true, participantIds: [ana.id, vera.id], board: true });
    expect(tryPin(ana.id, walt.id)).toEqual({ ok: false, reason: 'already-paired' });
    expect(tryPin(bo.id, vera.id)).toEqual({ ok: false, reason: 'full' });
    forbidPair(t.db, t.event, { firstTimerId: bo.id, volunteerId: walt.id, organizerId: org, now });
    expect(tryPin(bo.id, walt.id)).toEqual({ ok: false, reason: 'forbidden' });

    expect(t.livePairs()).toHaveLength(1);
    expect(t.livePairs()[0]).toMatchObject({ pinned: true, spotId: t.catalog.spots[0]!.id, meetAt: at('2026-10-14T14:15:00Z') });
    expect(t.person(ana.id).status).toBe('matched');
    expect(t.audit().map((a) => a.action)).toEqual(['pin', 'forbid']);
  });

  it('forbidPair is idempotent, ends a live pair between them and rematches the first-timer', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const vera = t.volunteer('Vera Volk');
    const pairId = pin(t, ana.id, vera.id);
    const walt = t.volunteer('Walt Wide');
    const args = { firstTimerId: ana.id, volunteerId: vera.id, organizerId: t.organizerId, now: t.clock.now() };
    const result = forbidPair(t.db, t.event, args);
    expect(result.ok).toBe(true);
    if (!result.ok) throw new Error();
    expect(result.board).toBe(true);
    expect(result).toMatchObject({ ended: true, volunteer: { id: vera.id, name: 'Vera Volk' }, rematch: { volunteer: { id: walt.id, name: 'Walt Wide' } } });
    expect(result.participantIds.sort()).toEqual([ana.id, vera.id, walt.id].sort());
    expect(pairRow(t, pairId).status).toBe('cancelled');
    expect(t.livePairs().map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[ana.id, walt.id]]);
    expect(t.person(vera.id).status).toBe('present');

    expect(forbidPair(t.db, t.event, args)).toEqual({
      ok: true,
      participantIds: [],
      board: false,
      firstTimer: { id: ana.id, name: 'Ana Alvarez' },
      volunteer: { id: vera.id, name: 'Vera Volk' },
      ended: false,
      rematch: null,
    });
    expect(t.db.select().from(forbiddenPairs).where(eq(forbiddenPairs.eventId, t.event.id)).all()).toHaveLength(1);
    expect(t.audit().map((a) => a.action)).toEqual(['pin', 'forbid', 'forbid']);
    expect(forbidPair(t.db, t.event, { ...args, volunteerId: ana.id })).toEqual({ ok: false, reason: 'not-found' });
  });

  it('movePair moves the volunteer’s whole group and refuses a spot of another event', () => {
    const t = eventDay({ spots: [{ name: 'Blue banner', pairsAtOnce: 4 }, { name: 'Coffee cart', pairsAtOnce: 4 }] });
    const other = makeEvent(t.db); // another event in the same database
    const vera = t.volunteer('Vera Volk', { capacity: 3 });
    const a = t.firstTimer('Ana Alvarez');
    const b = t.firstTimer('Bo Brandt');
    const pa = pin(t, a.id, vera.id);
    const pb = pin(t, b.id, vera.id);
    const solo = pin(t, t.firstTimer('Cy Cole').id, t.volunteer('Walt Wide').id);
    const coffee = t.catalog.spots[1]!;
    const now = t.clock.now();

    expect(movePair(t.db, t.event, { pairId: pa, spotId: other.catalog.spots[0]!.id, organizerId: t.organizerId, now })).toEqual({
      ok: false,
      reason: 'not-found',
    });
    const result = movePair(t.db, t.event, { pairId: pa, spotId: coffee.id, organizerId: t.organizerId, now });
    expect(result.ok).toBe(true);
    if (!result.ok) throw new Error();
    expect(result.participantIds.sort()).toEqual([a.id, b.id, vera.id].sort());
    expect([pairRow(t, pa).spotId, pairRow(t, pb).spotId, pairRow(t, solo).spotId]).toEqual([
      coffee.id,
      coffee.id,
      t.catalog.spots[0]!.id,
    ]);
    expect(t.audit().at(-1)).toMatchObject({ action: 'move', organizerId: t.organizerId });
    expect(t.audit().at(-1)!.detail).toContain('to Coffee cart');
  });
});
