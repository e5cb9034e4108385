// Where and when a published pair meets: pure functions of their arguments, no db and no clock.
//
// Slots are aligned to the event's local clock (10:00, 10:15, …), so a pair is told a time a
// person can read off a wall clock, and pairs published a minute apart still share a slot.

const MINUTE = 60_000;
/** how far ahead a pair is looked for a spot with room before it gets the earliest slot anyway */
export const DEFAULT_HORIZON_MINUTES = 24 * 60;

export type SpotRoom = { id: number; pairsAtOnce: number };
export type Meetup = { spotId: number | null; meetAt: Date };

export type SlotClock = {
  slotMinutes: number;
  /** the event's offset from UTC at the moment of publishing, e.g. −240 for New York in October */
  utcOffsetMinutes?: number;
};

function slotMs(slotMinutes: number): number {
  // a broken setting must still give a usable clock rather than a division by zero
  return (Number.isFinite(slotMinutes) && slotMinutes >= 1 ? Math.round(slotMinutes) : 15) * MINUTE;
}

/** The start of the slot that contains `at`. */
export function slotStartAtOrBefore(at: Date, clock: SlotClock): Date {
  const size = slotMs(clock.slotMinutes);
  const offset = (clock.utcOffsetMinutes ?? 0) * MINUTE;
  return new Date(Math.floor((at.getTime() + offset) / size) * size - offset);
}

/** The earliest slot start that is at least `leadMinutes` after `now`. */
export function firstSlotStart(now: Date, clock: SlotClock & { leadMinutes: number }): Date {
  const size = slotMs(clock.slotMinutes);
  const offset = (clock.utcOffsetMinutes ?? 0) * MINUTE;
  const lead = Math.max(0, Number.isFinite(clock.leadMinutes) ? clock.leadMinutes : 0) * MINUTE;
  return new Date(Math.ceil((now.getTime() + lead + offset) / size) * size - offset);
}

export type AllocateInput = SlotClock & {
  now: Date;
  leadMinutes: number;
  /** the event's spots in the order they are tried (by position) */
  spots: SpotRoom[];
  /** live pairs that already hold a spot and time */
  taken: { spotId: number | null; meetAt: Date | null }[];
  /** the upcoming meetup of the volunteer's other first-timers, if any: the new pair joins it */
  group?: Meetup | null;
  horizonMinutes?: number;
};

/**
 * The meetup of a newly published pair: the volunteer's existing upcoming meetup when there is
 * one (a volunteer's first-timers meet together, even if that overfills the spot), otherwise the
 * earliest slot at least `leadMinutes` away at the first spot, in order, with room. With no spots,
 * or none with room within the horizon, the earliest slot and no spot.
 */
export function allocateMeetup(input: AllocateInput): Meetup {
  return createSlotBook(input).allocate(input.group ?? null);
}

export type SlotBook = {
  /** the meetup of one new pair (see allocateMeetup), booked at once so the next pair sees it */
  allocate(group: Meetup | null): Meetup;
};

/**
 * The spots' bookings from `first` on, kept up to date as pairs are placed, so a round of
 * thousands of pairs reads the live pairs once and places each pair in (amortized) constant time:
 * slots only fill up, so the earliest slot with room never moves back.
 */
export function createSlotBook(input: Omit<AllocateInput, 'group'>): SlotBook {
  const first = firstSlotStart(input.now, input).getTime();
  const spots = input.spots.filter((s) => s.pairsAtOnce > 0);
  const size = slotMs(input.slotMinutes);
  const lastSlot = first + Math.max(0, input.horizonMinutes ?? DEFAULT_HORIZON_MINUTES) * MINUTE;
  // spot → slot start → pairs booked there
  const used = new Map<number, Map<number, number>>(spots.map((s) => [s.id, new Map()]));
  const book = (m: { spotId: number | null; meetAt: Date | null }) => {
    if (m.spotId === null || m.meetAt === null || m.meetAt.getTime() < first) return;
    const bySlot = used.get(m.spotId);
    if (bySlot) bySlot.set(m.meetAt.getTime(), (bySlot.get(m.meetAt.getTime()) ?? 0) + 1);
  };
  for (const t of input.taken) book(t);
  const hasRoom = (spot: SpotRoom, at: number) => (used.get(spot.id)!.get(at) ?? 0) < spot.pairsAtOnce;
  // every slot before `cursor` is full at every spot
  let cursor = first;
  return {
    allocate(group) {
      const meetup = group ? { spotId: group.spotId, meetAt: group.meetAt } : findRoom();
      book(meetup);
      return meetup;
    },
  };

  function findRoom(): Meetup {
    if (spots.length === 0) return { spotId: null, meetAt: new Date(first) };
    for (; cursor <= lastSlot; cursor += size) {
      for (const spot of spots) if (hasRoom(spot, cursor)) return { spotId: spot.id, meetAt: new Date(cursor) };
    }
    return { spotId: null, meetAt: new Date(first) };
  }
}

// building a formatter costs far more than using one, and exports convert thousands of times
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/** The offset of an IANA time zone from UTC at one instant, in minutes; 0 for an unknown zone. */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  try {
    const parts = offsetFormat(timeZone).formatToParts(at);
    const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    const whole = at.getTime() - at.getUTCMilliseconds();
    return Math.round((local - whole) / MINUTE);
  } catch {
    return 0;
  }
}
