// The frab / c3voc schedule, as pretalx and frab export it, in either of its forms: both parsers
// reduce an event to the same few fields and share this reading of them.
import { quote } from './input-text.ts';
import { cleanSession } from './session-checks.ts';
import { ImportProblem, type ImportedSession } from './types.ts';
import { instantAtOffset, instantOf, isTimeZone, wallTime, wallTimeIn } from '../wall-time.ts';

export type FrabEvent = {
  guid: string;
  id: string;
  title: string;
  subtitle: string;
  /** ISO 8601 with an offset, "2019-08-21T11:00:00+02:00" */
  date: string;
  duration: string;
  room: string;
  track: string;
  abstract: string;
  description: string;
};

export function describeFrabEvent(e: Pick<FrabEvent, 'title' | 'guid' | 'id'>, position: string): string {
  const name = e.title.trim() ? `event ${quote(e.title)}` : `the event ${position}`;
  const ids = e.guid ? ` (guid ${e.guid})` : e.id ? ` (id ${e.id})` : '';
  return `${name}${ids}`;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const hhmm = /^(\d{1,3}):([0-5]\d)(?::[0-5]\d)?$/;

/**
 * The instant the event starts. frab writes the offset into `date`; a date without one is read in
 * the conference's own zone (`time_zone_name`), or else in the event's.
 */
function startOf(e: FrabEvent, where: string, zoneWithoutOffset: string): Date {
  if (e.date.trim() === '') throw new ImportProblem(`${where}: it has no date`);
  const m = isoDate.exec(e.date.trim());
  const wall = m ? wallTime({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! }) : null;
  if (!m || !wall) throw new ImportProblem(`${where}: date ${quote(e.date)} is not an ISO date and time like 2019-08-21T11:00:00+02:00`);
  const offset = m[7];
  if (offset === undefined) return instantOf(wall, zoneWithoutOffset);
  if (offset === 'Z') return instantAtOffset(wall, 0);
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return instantAtOffset(wall, digits.startsWith('-') ? -minutes : minutes);
}

function durationOf(e: FrabEvent, where: string): number {
  const m = hhmm.exec(e.duration.trim());
  if (!m) throw new ImportProblem(`${where}: duration ${quote(e.duration)} is not HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function frabConferenceZone(name: unknown): string | undefined {
  return typeof name === 'string' && isTimeZone(name) ? name : undefined;
}

export function frabSession(
  e: FrabEvent,
  where: string,
  opts: { timeZone: string; conferenceZone: string | undefined },
): ImportedSession {
  const start = startOf(e, where, opts.conferenceZone ?? opts.timeZone);
  // the duration is time that passes, so it is added to the instant, not to the wall clock
  const end = new Date(start.getTime() + durationOf(e, where) * 60_000);
  const startsAt = wallTimeIn(start, opts.timeZone);
  const endsAt = wallTimeIn(end, opts.timeZone);
  const paragraphs = [e.subtitle, e.abstract, e.description].map((p) => p.trim()).filter((p) => p !== '');
  return cleanSession(
    {
      sourceId: e.guid || e.id || undefined,
      code: e.id || undefined,
      title: e.title,
      startsAt,
      endsAt,
      room: e.room,
      track: e.track,
      description: [...new Set(paragraphs)].join('\n\n'),
    },
    where,
  );
}
