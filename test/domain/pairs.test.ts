import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { forbiddenPairs, pairs } from '../../db/schema.ts';
import {
  confirmMet,
  findMyPairs,
  forbidPair,
  listBoardPairs,
  listLivePairs,
  markNoShow,
  movePair,
  pinPair,
  rematchNow,
  reportBuddyMissing,
  requestDifferentBuddy,
  unpair,
} from '../../src/domain/pairs.ts';
import { checkInParticipant } from '../../src/domain/participants.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { MINUTE, at, eventDay } from '../helpers/event-day.ts';

type T = ReturnType<typeof eventDay>;

function pin(t: T, firstTimerId: number, volunteerId: number) {
  const result = pinPair(t.db, t.event, { firstTimerId, volunteerId, organizerId: t.organizerId, now: t.clock.now() });
  if (!result.ok) throw new Error(`pin refused: ${result.reason}`);
  return result.pairId;
}

const pairRow = (t: T, id: number) => t.db.select().from(pairs).where(eq(pairs.id, id)).get()!;

describe('findMyPairs', () => {
  it('shows a first-timer their buddy, why, where and when, and the e-mail only when both consented', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Maria Alvarez', { email: 'ana@example.org', consentContact: true, interests: [t.interests.youth] });
    const vera = t.volunteer('Vera Volk', {
      email: 'vera@example.org',
      consentContact: true,
      pronouns: 'she/her',
      bio: 'Teen librarian in Lexington.',
      interests: [t.interests.youth],
    });
    const pairId = pin(t, ana.id, vera.id);
    const mine = findMyPairs(t.db, t.event, ana, t.clock.now());
    const buddy = {
      pairId,
      status: 'published',
      name: 'Vera V.',
      pronouns: 'she/her',
      bio: 'Teen librarian in Lexington.',
      // the pin is the organizers' business: a phone never shows it
      reasons: ['you both picked Youth services'],
      opener: null,
      email: 'vera@example.org',
      buddyMissingAt: null,
      differentBuddyAt: null,
      spotId: t.catalog.spots[0]!.id,
      spotName: 'Spot A',
      directions: 'Blue banner left of Hall C',
      meetAt: at('2026-10-14T14:15:00Z'),
    };
    expect(mine).toEqual({
      buddies: [buddy],
      meetups: [
        { spotId: buddy.spotId, spotName: 'Spot A', directions: 'Blue banner left of Hall C', meetAt: buddy.meetAt, buddies: [buddy] },
      ],
      waitingSince: null,
      // "my buddy isn't here" appears at the meet time
      nextChangeAt: at('2026-10-14T14:15:00Z'),
    });
    // the volunteer sees the first-timer, with no bio
    const theirs = findMyPairs(t.db, t.event, vera, t.clock.now());
    expect(theirs.buddies.map((b) => [b.name, b.bio, b.email])).toEqual([['Ana A.', '', 'ana@example.org']]);
  });

  it('hides the e-mail when either person did not consent, or the buddy gave none', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez', { email: 'ana@example.org', consentContact: false });
    const vera = t.volunteer('Vera Volk', { email: 'vera@example.org', consentContact: true });
    pin(t, ana.id, vera.id);
    expect(findMyPairs(t.db, t.event, ana, t.clock.now()).buddies[0]!.email).toBeNull();
    expect(findMyPairs(t.db, t.event, vera, t.clock.now()).buddies[0]!.email).toBeNull();

    const bo = t.firstTimer('Bo Brandt', { email: 'bo@example.org', consentContact: true });
    const walt = t.volunteer('Walt Wide', { email: null, consentContact: true });
    pin(t, bo.id, walt.id);
    expect(findMyPairs(t.db, t.event, bo, t.clock.now()).buddies[0]!.email).toBeNull();
    expect(findMyPairs(t.db, t.event, walt, t.clock.now()).buddies[0]!.email).toBe('bo@example.org');
  });

  it('lists all of a volunteer’s first-timers, and says when a first-timer is waiting', () => {
    const t = eventDay();
    const vera = t.volunteer('Vera Volk', { capacity: 2 });
    const a = t.firstTimer('Ana Alvarez');
    const b = t.firstTimer('Bo Brandt');
    pin(t, a.id, vera.id);
    pin(t, b.id, vera.id);
    expect(findMyPairs(t.db, t.event, vera, t.clock.now()).buddies.map((x) => x.name)).toEqual(['Ana A.', 'Bo B.']);

    const lone = t.firstTimer('Lone Wolf');
    const vic = t.volunteer('Vic Vanish');
    const pairId = pin(t, lone.id, vic.id);
    t.clock.advance(20 * MINUTE);
    markNoShow(t.db, t.event, { pairId, absentee: 'volunteer', organizerId: t.organizerId, now: t.clock.now() });
    expect(findMyPairs(t.db, t.event, lone, t.clock.now())).toEqual({ buddies: [], meetups: [], waitingSince: t.clock.now(), nextChangeAt: null });
  });
});

describe('listBoardPairs', () => {
  it('shows upcoming pairs by time and spot with public names only', () => {
    const t = eventDay({
      spots: [
        { name: 'Blue banner', directions: 'Left of Hall C', pairsAtOnce: 1 },
        { name: 'Coffee cart', directions: 'By the escalators', pairsAtOnce: 1 },
      ],
    });
    const people = ['Ana Alvarez', 'Bo Brandt', 'Cy Cole'].map((n) =>
      [t.firstTimer(n, { email: `${n.split(' ')[0]}@example.org`, consentContact: true }), t.volunteer(`Vol ${n}`)] as const,
    );
    const ids = people.map(([f, v]) => pin(t, f.id, v.id));
    // the first pair is moved to the second spot: the board orders by time, then spot position
    movePair(t.db, t.event, { pairId: ids[0]!, spotId: t.catalog.spots[1]!.id, organizerId: t.organizerId, now: t.clock.now() });
    movePair(t.db, t.event, { pairId: ids[1]!, spotId: t.catalog.spots[0]!.id, organizerId: t.organizerId, now: t.clock.now() });
    const board = listBoardPairs(t.db, t.event, t.clock.now());
    expect(board).toEqual([
      { pairId: ids[1], firstTimer: 'Bo B.', volunteer: 'Vol B.', spotName: 'Blue banner', directions: 'Left of Hall C', meetAt: at('2026-10-14T14:15:00Z') },
      { pairId: ids[0], firstTimer: 'Ana A.', volunteer: 'Vol A.', spotName: 'Coffee cart', directions: 'By the escalators', meetAt: at('2026-10-14T14:15:00Z') },
      { pairId: ids[2], firstTimer: 'Cy C.', volunteer: 'Vol C.', spotName: 'Blue banner', directions: 'Left of Hall C', meetAt: at('2026-10-14T14:30:00Z') },
    ]);
    expect(JSON.stringify(board)).not.toContain('@');
    // during the 14:15 slot its pairs still show; once the slot is over they leave the board
    expect(listBoardPairs(t.db, t.event, at('2026-10-14T14:29:59Z'))).toHaveLength(3);
    expect(listBoardPairs(t.db, t.event, at('2026-10-14T14:30:00Z')).map((b) => b.pairId)).toEqual([ids[2]]);
  });
});

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

describe('listLivePairs', () => {
  it('puts "my buddy isn’t here" first, then overdue pairs with their minutes, then by meet time', () => {
    const t = eventDay({ settings: { graceMinutes: 10 } });
    const make = (n: string) => pin(t, t.firstTimer(`First ${n}`).id, t.volunteer(`Vol ${n}`).id);
    const early = make('Early'); // 14:15
    const missing = make('Missing'); // 14:15
    const met = make('Met'); // 14:15
    t.clock.set(at('2026-10-14T14:20:00Z'));
    const later = make('Later'); // 14:30
    const missingPair = pairRow(t, missing);
    reportBuddyMissing(t.db, t.event, t.person(missingPair.firstTimerId), missing, t.clock.now());
    confirmMet(t.db, t.event, t.person(pairRow(t, met).firstTimerId), met, t.clock.now());

    const now = at('2026-10-14T14:27:30Z'); // 14:15 + 10 grace = 14:25: 2½ minutes overdue
    const list = listLivePairs(t.db, t.event, now);
    expect(list.map((p) => [p.pairId, p.overdueMinutes])).toEqual([
      [missing, 3],
      [early, 3],
      [met, null],
      [later, null],
    ]);
    expect(list[0]).toMatchObject({ firstTimer: { name: 'First Missing' }, volunteer: { name: 'Vol Missing' }, pinned: true });
  });
});

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
    expect(result).toMatchObject({ ok: true, board: true, rematch: { volunteerId: free.id } });
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
    expect(result).toEqual({ ok: true, participantIds: [ana.id, vic.id], board: true, rematch: null });
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
    expect(result).toEqual({ ok: true, participantIds: [ana.id, vera.id], board: true, rematch: null });
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
    expect(result).toMatchObject({ ok: true, board: true, rematch: { volunteerId: walt.id } });
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
    expect(result.participantIds.sort()).toEqual([ana.id, vera.id, walt.id].sort());
    expect(pairRow(t, pairId).status).toBe('cancelled');
    expect(t.livePairs().map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[ana.id, walt.id]]);
    expect(t.person(vera.id).status).toBe('present');

    expect(forbidPair(t.db, t.event, args)).toEqual({ ok: true, participantIds: [], board: false });
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
