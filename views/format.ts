// How Buddydesk writes dates and times. Instants (a meet time, when someone registered) are shown
// in the event's time zone. Program times are stored as the event's local wall-clock time
// ("2026-10-14T10:30"), so they are written as they are, never shifted through a time zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function inZone(at: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      // a mistyped time zone in the settings must not take a page down
      return `${inZone(at, 'UTC', options)} UTC`;
    }
    formatters.set(key, format);
  }
  // newer ICU puts a narrow no-break space before AM/PM; a plain space reads the same and greps the same
  return format.format(at).replace(/\u202f/g, ' ');
}

/** A meet time as people say it, in the event's time zone: "9:05 AM". */
export function formatTime(at: Date, timeZone: string): string {
  return inZone(at, timeZone, { hour: 'numeric', minute: '2-digit' });
}

/** An instant with its day, in the event's time zone: "Oct 14, 9:05 AM". */
export function formatDateTime(at: Date, timeZone: string): string {
  return inZone(at, timeZone, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** A calendar date ("2026-10-14", or the date of a wall-clock time) written with `options`: dates
 * carry no time zone, so noon UTC stands for the day and no zone can shift it. */
function onDay(date: string, options: Intl.DateTimeFormatOptions): string {
  const at = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(at.getTime()) ? date : inZone(at, 'UTC', options);
}

/** A program day: "Wednesday, October 14". */
export function formatDay(date: string): string {
  return onDay(date, { weekday: 'long', month: 'long', day: 'numeric' });
}

/** A calendar date with its year, for a day months away: "January 14, 2027". */
export function formatLongDate(date: string): string {
  return onDay(date, { dateStyle: 'long' });
}

/** A program time, as written: "10:30 AM". */
export function formatClock(localDateTime: string): string {
  const [h = 0, m = 0] = localDateTime.slice(11, 16).split(':').map(Number);
  const suffix = h < 12 ? 'AM' : 'PM';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}:${String(m).padStart(2, '0')} ${suffix}`;
}

const formatCalendarDay = (isoDate: string) => onDay(isoDate, { month: 'short', day: 'numeric', year: 'numeric' });

/** The days of an event: "Oct 14, 2026", or "Oct 14, 2026 – Oct 15, 2026". */
export function formatEventDates(event: { startsOn: string; endsOn: string }): string {
  return event.startsOn === event.endsOn
    ? formatCalendarDay(event.startsOn)
    : `${formatCalendarDay(event.startsOn)} – ${formatCalendarDay(event.endsOn)}`;
}

/** An event's dates as a letter writes them: "October 14–15, 2026", "October 30 – November 1, 2026". */
export function formatDateRange(startsOn: string, endsOn: string): string {
  const full = (d: string) => onDay(d, { month: 'long', day: 'numeric', year: 'numeric' });
  const monthDay = (d: string) => onDay(d, { month: 'long', day: 'numeric' });
  if (startsOn.slice(0, 10) === endsOn.slice(0, 10)) return full(startsOn);
  if (startsOn.slice(0, 4) !== endsOn.slice(0, 4)) return `${full(startsOn)} – ${full(endsOn)}`;
  if (startsOn.slice(5, 7) !== endsOn.slice(5, 7)) return `${monthDay(startsOn)} – ${full(endsOn)}`;
  return `${monthDay(startsOn)}–${onDay(endsOn, { day: 'numeric' })}, ${endsOn.slice(0, 4)}`;
}

/** "1 pair", "3 pairs". */
/** Ends a sentence with a full stop, unless it already ends with one (a name such as "Rosa D."). */
export const endSentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function roleLabel(role: 'first_timer' | 'volunteer'): string {
  return role === 'first_timer' ? 'First-timer' : 'Volunteer buddy';
}
