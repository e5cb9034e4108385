// Dates, times and lengths as people type them into spreadsheets: ISO and US dates (or day-first
// where the sheet says so), month names, 12- and 24-hour clocks, "90", "1:30" or "1h 30m".
import { addMinutes, wallTime } from '../wall-time.ts';

export type DateOrder = 'mdy' | 'dmy';
export type DateParts = { year: number; month: number; day: number };
export type TimeParts = { hour: number; minute: number };
/** What one cell said: a date, a time of day, or both; an offset only when the cell wrote one. */
export type Moment = { date?: DateParts; time?: TimeParts; offsetMinutes?: number };

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1–12 for a month's name or its abbreviation ("Oct", "Sept", "October"). */
function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase();
  const i = months.findIndex((m) => m.startsWith(key));
  return key.length >= 3 && i >= 0 ? i + 1 : undefined;
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

function readDate(text: string, order: DateOrder): DateParts | undefined {
  const s = text.replace(/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '').trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    return order === 'mdy' ? { year: fullYear(m[4]!), month: a, day: b } : { year: fullYear(m[4]!), month: b, day: a };
  }
  // dots are written day first everywhere they are used
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(s);
  if (m) return { year: fullYear(m[3]!), month: Number(m[2]), day: Number(m[1]) };
  m = /^([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(s);
  if (m && monthNumber(m[1]!)) return { year: Number(m[3]), month: monthNumber(m[1]!)!, day: Number(m[2]) };
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,})\.?,?[\s-]+(\d{4}|\d{2})$/i.exec(s);
  if (m && monthNumber(m[2]!)) return { year: fullYear(m[3]!), month: monthNumber(m[2]!)!, day: Number(m[1]) };
  return undefined;
}

const clock = String.raw`(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*(?:([ap])\.?\s*m?\.?)?`;
const timeOnly = new RegExp(`^${clock}$`, 'i');
const dateThenTime = new RegExp(`^(.+?)(?:[\\s,T@]+|\\s+at\\s+)${clock}$`, 'i');

function readTime(m: RegExpExecArray, at: number): TimeParts | undefined {
  const [h, mi, ampm] = [m[at], m[at + 1], m[at + 3]];
  // a bare number is not a time: "2026" would otherwise read as 20:26
  if (mi === undefined && ampm === undefined) return undefined;
  let hour = Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  if (minute > 59) return undefined;
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  } else if (hour > 24 || (hour === 24 && minute > 0)) return undefined;
  return { hour, minute };
}

const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** What a date, time or date-and-time cell says, or undefined when it is none of them. */
export function readMoment(cell: string, order: DateOrder): Moment | undefined {
  const s = cell.trim().replace(/\s+/g, ' ');
  if (s === '') return undefined;
  const full = iso.exec(s);
  if (full) {
    const moment: Moment = {
      date: { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]) },
      time: { hour: Number(full[4]), minute: Number(full[5]) },
    };
    const offset = full[6];
    if (offset) {
      const digits = offset.toUpperCase() === 'Z' ? '+0000' : offset.replace(':', '');
      const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
      moment.offsetMinutes = digits.startsWith('-') ? -minutes : minutes;
    }
    return moment.time!.hour > 23 || moment.time!.minute > 59 ? undefined : moment;
  }
  const onlyTime = timeOnly.exec(s);
  if (onlyTime) {
    const time = readTime(onlyTime, 1);
    if (time) return { time };
  }
  const both = dateThenTime.exec(s);
  if (both) {
    const date = readDate(both[1]!, order);
    const time = readTime(both, 2);
    if (date && time) return { date, time };
  }
  const date = readDate(s, order);
  return date ? { date } : undefined;
}

/** The wall time of a date and a time of day, 24:00 being the next midnight; null for February 30th. */
export function wallOfParts(date: DateParts, time: TimeParts): string | null {
  const midnight = time.hour === 24;
  const wall = wallTime({ ...date, hour: midnight ? 0 : time.hour, minute: time.minute });
  return wall && midnight ? addMinutes(wall, 24 * 60) : wall;
}

/** How a slash date in the cell orders day and month, when it shows: 10/14 is US, 14/10 day-first. */
export function slashDateOrder(cell: string): DateOrder | undefined {
  const m = /(?:^|\s)(\d{1,2})[/-](\d{1,2})[/-](?:\d{4}|\d{2})(?:\s|,|$)/.exec(cell.trim());
  if (!m) return undefined;
  if (Number(m[1]) > 12) return 'dmy';
  if (Number(m[2]) > 12) return 'mdy';
  return undefined;
}

/** Minutes in a length cell: "45", "45 min", "1:30", "1h", "1h 30m", "1.5 hours", "90 minutes". */
export function readDuration(cell: string): number | undefined {
  const s = cell.trim().toLowerCase();
  let m = /^(\d{1,4})\s*(?:m|min|mins|minutes?)?\.?$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(\d{1,2}):([0-5]\d)(?::00)?$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(\d{1,2}(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?)\.?(?:\s*(\d{1,2})\s*(?:m|min|mins|minutes?)?\.?)?$/.exec(s);
  if (m) {
    const hours = Number(m[1]!.replace(',', '.'));
    return Math.round(hours * 60) + (m[2] ? Number(m[2]) : 0);
  }
  return undefined;
}

/** "9:00 - 10:15" or "Oct 14, 2026 9:00 AM to 10:30 AM" in one cell: its start and end, when both read. */
export function splitTimeRange(cell: string, order: DateOrder = 'mdy'): [string, string] | undefined {
  const m = /^(.+?)\s*(?:–|—|-|\bto\b)\s*(\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s*m?\.?)?)$/i.exec(cell.trim());
  if (!m || !readMoment(m[1]!, order)?.time || !readMoment(m[2]!, order)?.time) return undefined;
  return [m[1]!, m[2]!];
}
