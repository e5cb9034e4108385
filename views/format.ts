// Program times are stored as the event's local wall-clock time ("2026-10-14T10:30"), so they are
// formatted as written, never shifted through the server's timezone.

export function formatDay(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  return new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
}

export function formatClock(localDateTime: string): string {
  const [h = 0, m = 0] = localDateTime.slice(11, 16).split(':').map(Number);
  const suffix = h < 12 ? 'AM' : 'PM';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}:${String(m).padStart(2, '0')} ${suffix}`;
}

/** An instant shown in the event's own timezone, e.g. "Oct 14, 9:05 AM". */
export function formatInstant(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(at);
}

export function roleLabel(role: 'first_timer' | 'volunteer'): string {
  return role === 'first_timer' ? 'First-timer' : 'Volunteer buddy';
}

/** A meet time as people say it, in the event's timezone: "10:30 AM". */
export function formatTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone }).format(at);
}

/** An event's dates as a letter writes them: "October 14–15, 2026", "October 30 – November 1, 2026". */
export function formatDateRange(startsOn: string, endsOn: string): string {
  const part = (date: string, opts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-US', { ...opts, timeZone: 'UTC' }).format(new Date(`${date.slice(0, 10)}T12:00:00Z`));
  const [y1, m1] = [startsOn.slice(0, 4), startsOn.slice(5, 7)];
  const [y2, m2] = [endsOn.slice(0, 4), endsOn.slice(5, 7)];
  const full = (d: string) => part(d, { month: 'long', day: 'numeric', year: 'numeric' });
  if (startsOn === endsOn) return full(startsOn);
  if (y1 !== y2) return `${full(startsOn)} – ${full(endsOn)}`;
  if (m1 !== m2) return `${part(startsOn, { month: 'long', day: 'numeric' })} – ${full(endsOn)}`;
  return `${part(startsOn, { month: 'long', day: 'numeric' })}–${part(endsOn, { day: 'numeric' })}, ${y2}`;
}
