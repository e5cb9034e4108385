// iCalendar (.ics): one VEVENT a session. ical.js reads the text (line folding, escapes, value
// types, recurrence); turning its times into the event's wall clock is ours, with Intl.
import ICAL from 'ical.js';
import { decodeInput, quote } from './input-text.ts';
import { checkProgram, cleanSession } from './session-checks.ts';
import { guardParse, ImportProblem, type ImportedSession, type ParseOptions, type ParseResult, type ProgramInput } from './types.ts';
import { instantAtOffset, instantOf, isTimeZone, wallTime, wallTimeIn } from '../wall-time.ts';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Timezone = InstanceType<typeof ICAL.Timezone>;

// a repeating event in a conference program is a daily coffee break, not a year of them
const maxOccurrences = 60;

type Zones = {
  /** the event's zone, into which everything is converted */
  target: string;
  /** where times without a zone are read: the calendar's X-WR-TIMEZONE, else the event's zone */
  floating: string;
  /** VTIMEZONE definitions in the file, by TZID */
  defined: Map<string, Timezone>;
};

/** "/mozilla.org/20050126_1/America/New_York" and friends carry an IANA name at their end. */
function ianaName(tzid: string): string | undefined {
  const parts = tzid.replace(/^"|"$/g, '').split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/');
    if (isTimeZone(candidate)) return candidate;
  }
  return undefined;
}

function wallOf(t: Time, tzid: string | null, zones: Zones, where: string, what: string): string {
  const wall = wallTime({ year: t.year, month: t.month, day: t.day, hour: t.isDate ? 0 : t.hour, minute: t.isDate ? 0 : t.minute });
  if (!wall) throw new ImportProblem(`${where}: ${what} ${t.toString()} is not a real date and time`);
  // an all-day event is a calendar day wherever one stands
  if (t.isDate) return wall;
  if (t.zone?.tzid === 'UTC') return wallTimeIn(instantAtOffset(wall, 0), zones.target);
  if (tzid) {
    const iana = ianaName(tzid);
    if (iana) return wallTimeIn(instantOf(wall, iana), zones.target);
    const defined = zones.defined.get(tzid);
    if (defined) return wallTimeIn(instantAtOffset(wall, defined.utcOffset(t) / 60), zones.target);
    throw new ImportProblem(`${where}: the ${what} is in time zone ${quote(tzid)}, which the file does not define`);
  }
  return zones.floating === zones.target ? wall : wallTimeIn(instantOf(wall, zones.floating), zones.target);
}

const tzidOf = (c: Component, name: string): string | null => {
  const v = c.getFirstProperty(name)?.getParameter('tzid');
  return typeof v === 'string' ? v : null;
};

const textOf = (c: Component, name: string): string => {
  const v = c.getFirstPropertyValue(name);
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
};

function categoriesOf(c: Component): string {
  return c
    .getAllProperties('categories')
    .flatMap((p) => p.getValues().map(String))
    .filter((s) => s.trim() !== '')
    .join(', ');
}

function describe(c: Component): string {
  const title = textOf(c, 'summary').trim();
  const uid = textOf(c, 'uid').trim();
  return `${title ? `event ${quote(title)}` : 'an event without a SUMMARY'}${uid ? ` (UID ${uid})` : ''}`;
}

function isCancelled(c: Component): boolean {
  return textOf(c, 'status').toUpperCase() === 'CANCELLED';
}

function session(
  item: Component,
  start: Time,
  end: Time,
  sourceId: string | undefined,
  zones: Zones,
  where: string,
): ImportedSession {
  if (!textOf(item, 'summary').trim()) throw new ImportProblem(`${where}: it has no SUMMARY (title)`);
  const startsAt = wallOf(start, tzidOf(item, 'dtstart'), zones, where, 'start');
  // an end given as a DURATION is in the start's zone
  const endsAt = wallOf(end, tzidOf(item, 'dtend') ?? tzidOf(item, 'dtstart'), zones, where, 'end');
  return cleanSession(
    {
      sourceId,
      title: textOf(item, 'summary'),
      startsAt,
      endsAt,
      room: textOf(item, 'location'),
      track: categoriesOf(item),
      description: textOf(item, 'description'),
    },
    where,
  );
}

/** A repeating event must stop (COUNT or UNTIL) and stop soon, or it is not a program session. */
function occurrencesOf(event: InstanceType<typeof ICAL.Event>, zones: Zones, where: string, uid: string): ImportedSession[] {
  const endless = event.component.getAllProperties('rrule').some((p) => {
    const rule = p.getFirstValue() as InstanceType<typeof ICAL.Recur>;
    return !rule.count && !rule.until;
  });
  if (endless) throw new ImportProblem(`${where}: it repeats without end (RRULE without COUNT or UNTIL)`);
  const out: ImportedSession[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (out.length >= maxOccurrences) throw new ImportProblem(`${where}: it repeats more than ${maxOccurrences} times`);
    const details = event.getOccurrenceDetails(next);
    const item = details.item.component;
    if (isCancelled(item)) continue;
    const occurrence = details.recurrenceId.toString();
    out.push(session(item, details.startDate, details.endDate, uid ? `${uid}#${occurrence}` : undefined, zones, `${where} on ${occurrence}`));
  }
  return out;
}

function readCalendars(text: string): Component[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (err) {
    throw new ImportProblem(`The calendar could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  // several VCALENDARs in one file come back as a list of them
  const list = Array.isArray(jcal) && Array.isArray(jcal[0]) ? (jcal as unknown[]) : [jcal];
  return list.map((j) => new ICAL.Component(j as unknown[]));
}

export function parseIcal(input: ProgramInput, opts: ParseOptions): ParseResult {
  return guardParse('ical', opts, () => {
    const text = decodeInput(input);
    if (text.trim() === '') throw new ImportProblem('The file is empty.', 'empty');
    if (!/^\s*BEGIN:VCALENDAR/i.test(text)) {
      throw new ImportProblem('This is not an iCalendar file: it does not start with BEGIN:VCALENDAR.', 'unrecognised');
    }
    const sessions: ImportedSession[] = [];
    const wheres: string[] = [];
    for (const calendar of readCalendars(text)) {
      const wr = textOf(calendar, 'x-wr-timezone');
      const zones: Zones = {
        target: opts.timeZone,
        floating: (wr && ianaName(wr)) || opts.timeZone,
        defined: new Map(
          calendar.getAllSubcomponents('vtimezone').map((c) => {
            const tzid = textOf(c, 'tzid');
            return [tzid, new ICAL.Timezone({ component: c, tzid })] as const;
          }),
        ),
      };
      const vevents = calendar.getAllSubcomponents('vevent');
      // a changed occurrence of a repeating event is its own VEVENT with the master's UID and a RECURRENCE-ID
      const masters = new Set(vevents.filter((c) => !c.hasProperty('recurrence-id')).map((c) => textOf(c, 'uid')));
      const exceptions = new Map<string, Component[]>();
      for (const c of vevents) {
        const uid = textOf(c, 'uid');
        if (c.hasProperty('recurrence-id') && masters.has(uid)) exceptions.set(uid, [...(exceptions.get(uid) ?? []), c]);
      }
      for (const c of vevents) {
        const uid = textOf(c, 'uid').trim();
        if (c.hasProperty('recurrence-id') && masters.has(uid)) continue;
        const where = describe(c);
        try {
          if (isCancelled(c)) continue;
          if (!c.hasProperty('dtstart')) throw new ImportProblem(`${where}: it has no DTSTART (start)`);
          const event = new ICAL.Event(c);
          for (const exception of exceptions.get(uid) ?? []) event.relateException(exception);
          const found = event.isRecurring()
            ? occurrencesOf(event, zones, where, uid)
            : [session(c, event.startDate, event.endDate, c.hasProperty('recurrence-id') && uid ? `${uid}#${textOf(c, 'recurrence-id')}` : uid || undefined, zones, where)];
          sessions.push(...found);
          wheres.push(...found.map(() => where));
        } catch (err) {
          if (err instanceof ImportProblem) throw err;
          throw new ImportProblem(`${where}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    return checkProgram(sessions, wheres);
  });
}
