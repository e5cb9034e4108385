// The read models of live pairs: a phone's buddies, the board's lines, the dashboard's rows.
import { describe, expect, it } from 'vitest';
import { findMyPairs, listBoardPairs, listLivePairs } from '../../src/domain/pair-views.ts';
import { confirmMet, reportBuddyMissing } from '../../src/domain/buddy-actions.ts';
import { markNoShow, movePair } from '../../src/domain/pairs.ts';
import { MINUTE, at, eventDay, pairRow, pin } from '../helpers/event-day.ts';

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
      notices: [],
      offMeetups: [],
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
    expect(findMyPairs(t.db, t.event, lone, t.clock.now())).toEqual({
      buddies: [],
      meetups: [],
      waitingSince: t.clock.now(),
      nextChangeAt: null,
      notices: [],
      // after a no-show the page says what happens next, not that the meetup is off
      offMeetups: [],
    });
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
    expect(board).toMatchObject([
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
