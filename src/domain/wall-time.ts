// Wall-clock times as program_sessions stores them ("2026-10-14T10:30"), and conversions between
// instants and wall times of an IANA zone with nothing but Intl: for the program import, the
// feedback window (its days end at the event's midnight) and the date on a letter.
import { utcOffsetMinutes } from './slot-allocation.ts';

const MINUTE = 60_000;

export type WallParts = { year: number; month: number; day: number; hour: number; minute: number };

export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall time of the parts, or null when they name no real day or time (February 30th, 25:00). */
export function wallTime(p: WallParts): string | null {
  if (p.hour < 0 || p.hour > 23 || p.minute < 0 || p.minute > 59) return null;
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
  if (d.getUTCFullYear() !== p.year || d.getUTCMonth() !== p.month - 1 || d.getUTCDate() !== p.day) return null;
  if (p.year < 1900 || p.year > 2999) return null;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

// wall times are handled as if they were UTC instants, so calendar arithmetic needs no zone
const asUtc = (wall: string) => new Date(`${wall}:00Z`);
const fromUtc = (d: Date) => d.toISOString().slice(0, 16);

export function addMinutes(wall: string, minutes: number): string {
  return fromUtc(new Date(asUtc(wall).getTime() + minutes * MINUTE));
}

/** The wall time an instant shows on clocks in the zone (seconds dropped). */
export function wallTimeIn(instant: Date, timeZone: string): string {
  return fromUtc(new Date(instant.getTime() + utcOffsetMinutes(timeZone, instant) * MINUTE));
}

/**
 * The instant a wall time names in the zone. A time that clocks show twice (autumn) is the first
 * of the two; one they skip (spring) is read with the offset before the change, so 02:30 becomes
 * 03:30, as calendar programs do.
 */
export function instantOf(wall: string, timeZone: string): Date {
  const base = asUtc(wall).getTime();
  // a zone changes its offset at most once within a day either side
  const before = utcOffsetMinutes(timeZone, new Date(base - 720 * MINUTE));
  const after = utcOffsetMinutes(timeZone, new Date(base + 720 * MINUTE));
  const shown = [before, after]
    .map((offset) => base - offset * MINUTE)
    .filter((t) => wallTimeIn(new Date(t), timeZone) === wall);
  return new Date(shown.length > 0 ? Math.min(...shown) : base - before * MINUTE);
}

/** The instant of a wall time written with a fixed UTC offset (minutes east of UTC). */
export function instantAtOffset(wall: string, offsetMinutes: number): Date {
  return new Date(asUtc(wall).getTime() - offsetMinutes * MINUTE);
}
