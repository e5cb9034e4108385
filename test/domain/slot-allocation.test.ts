import { describe, expect, it } from 'vitest';
import {
  allocateMeetup,
  firstSlotStart,
  slotStartAtOrBefore,
  utcOffsetMinutes,
  type Meetup,
} from '../../src/domain/slot-allocation.ts';

const at = (iso: string) => new Date(iso);
const base = { slotMinutes: 15, leadMinutes: 5, utcOffsetMinutes: 0 };

describe('firstSlotStart', () => {
  it('gives the earliest clock-aligned slot at least the lead time away', () => {
    expect(firstSlotStart(at('2026-10-14T10:00:00Z'), base)).toEqual(at('2026-10-14T10:15:00Z'));
    expect(firstSlotStart(at('2026-10-14T10:09:59Z'), base)).toEqual(at('2026-10-14T10:15:00Z'));
    expect(firstSlotStart(at('2026-10-14T10:10:00Z'), base)).toEqual(at('2026-10-14T10:15:00Z'));
    expect(firstSlotStart(at('2026-10-14T10:10:01Z'), base)).toEqual(at('2026-10-14T10:30:00Z'));
  });

  it('aligns to the local clock of a zone with a half-hour offset', () => {
    // 10:05 in Kolkata (UTC+5:30) is 04:35Z; 45-minute slots run from local midnight (… 9:45, 10:30),
    // so the first one after 10:10 is 10:30 local = 05:00Z (UTC-aligned slots would say 05:15Z)
    expect(firstSlotStart(at('2026-10-14T04:35:00Z'), { slotMinutes: 45, leadMinutes: 5, utcOffsetMinutes: 330 })).toEqual(
      at('2026-10-14T05:00:00Z'),
    );
    expect(slotStartAtOrBefore(at('2026-10-14T04:35:00Z'), { slotMinutes: 15, utcOffsetMinutes: 330 })).toEqual(
      at('2026-10-14T04:30:00Z'),
    );
  });
});

describe('utcOffsetMinutes', () => {
  it('reads the offset of an IANA zone, and 0 for an unknown one', () => {
    expect(utcOffsetMinutes('America/New_York', at('2026-10-14T14:00:00Z'))).toBe(-240);
    expect(utcOffsetMinutes('America/New_York', at('2026-12-14T14:00:00Z'))).toBe(-300);
    expect(utcOffsetMinutes('Asia/Kolkata', at('2026-10-14T14:00:00Z'))).toBe(330);
    expect(utcOffsetMinutes('Not/AZone', at('2026-10-14T14:00:00Z'))).toBe(0);
  });
});

describe('allocateMeetup', () => {
  const now = at('2026-10-14T10:02:00Z');
  const first = at('2026-10-14T10:15:00Z');
  const second = at('2026-10-14T10:30:00Z');

  it('fills a spot up to its pairs-at-once, then the next spot, then the next slot', () => {
    const spots = [
      { id: 1, pairsAtOnce: 2 },
      { id: 2, pairsAtOnce: 1 },
    ];
    const taken: { spotId: number | null; meetAt: Date }[] = [];
    const got = [];
    for (let i = 0; i < 5; i++) {
      const m = allocateMeetup({ ...base, now, spots, taken });
      taken.push(m);
      got.push(m);
    }
    expect(got).toEqual([
      { spotId: 1, meetAt: first },
      { spotId: 1, meetAt: first },
      { spotId: 2, meetAt: first },
      { spotId: 1, meetAt: second },
      { spotId: 1, meetAt: second },
    ]);
  });

  it('puts a volunteer’s new first-timer with their upcoming group, even in a full spot', () => {
    const group = { spotId: 1, meetAt: first };
    const m = allocateMeetup({ ...base, now, spots: [{ id: 1, pairsAtOnce: 1 }], taken: [group], group });
    expect(m).toEqual(group);
  });

  it('ignores taken places in past slots', () => {
    const m = allocateMeetup({
      ...base,
      now,
      spots: [{ id: 1, pairsAtOnce: 1 }],
      taken: [{ spotId: 1, meetAt: at('2026-10-14T10:00:00Z') }],
    });
    expect(m).toEqual({ spotId: 1, meetAt: first });
  });

  it('gives the earliest slot and no spot when the event has no spots', () => {
    expect(allocateMeetup({ ...base, now, spots: [], taken: [] })).toEqual({ spotId: null, meetAt: first });
  });

  it('looks a whole day ahead, then gives up with no spot at the earliest slot', () => {
    const spots = [{ id: 7, pairsAtOnce: 1 }];
    const taken: Meetup[] = Array.from({ length: 24 * 4 }, (_, i) => ({ spotId: 7, meetAt: new Date(first.getTime() + i * 15 * 60_000) }));
    const last = allocateMeetup({ ...base, now, spots, taken });
    expect(last).toEqual({ spotId: 7, meetAt: new Date(first.getTime() + 24 * 60 * 60_000) });
    taken.push(last);
    expect(allocateMeetup({ ...base, now, spots, taken })).toEqual({ spotId: null, meetAt: first });
  });
});
