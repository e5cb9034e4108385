// The frab / c3voc schedule JSON that pretalx and frab export:
// schedule.conference.days[].rooms{ROOM: [event]}.
import { describeFrabEvent, frabConferenceZone, frabSession, type FrabEvent } from './frab.ts';
import { decodeInput } from './input-text.ts';
import { checkProgram } from './session-checks.ts';
import { guardParse, ImportProblem, type ImportedSession, type ParseOptions, type ParseResult, type ProgramInput } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8 names the place (a position, or the text around it); one line reads better in a message
    throw new ImportProblem(`The file is not valid JSON: ${message.replace(/\s+/g, ' ')}`);
  }
}

const fields = ['guid', 'id', 'title', 'subtitle', 'date', 'duration', 'room', 'track', 'abstract', 'description'] as const;

function toFrabEvent(raw: Record<string, unknown>, room: string, position: string): FrabEvent {
  const e = {} as FrabEvent;
  for (const field of fields) {
    const v = raw[field];
    if (v === undefined || v === null) e[field] = '';
    else if (typeof v === 'string') e[field] = v;
    else if (typeof v === 'number') e[field] = String(v);
    else {
      const where = describeFrabEvent({ title: typeof raw.title === 'string' ? raw.title : '', guid: '', id: '' }, position);
      throw new ImportProblem(`${where}: field '${field}' is not text`);
    }
  }
  if (e.room === '') e.room = room;
  return e;
}

export function parseFrabJson(input: ProgramInput, opts: ParseOptions): ParseResult {
  return guardParse('frab-json', opts, () => {
    const text = decodeInput(input);
    if (text.trim() === '') throw new ImportProblem('The file is empty.', 'empty');
    const doc = readJson(text);
    const conference = isObject(doc) && isObject(doc.schedule) ? doc.schedule.conference : undefined;
    if (!isObject(conference) || !Array.isArray(conference.days)) {
      throw new ImportProblem(
        'This JSON is not a frab or pretalx schedule: it has no schedule.conference.days. Export the schedule as "JSON (frab compatible)".',
        'unrecognised',
      );
    }
    const conferenceZone = frabConferenceZone(conference.time_zone_name);
    const sessions: ImportedSession[] = [];
    const wheres: string[] = [];
    conference.days.forEach((day, d) => {
      const rooms = isObject(day) ? day.rooms : undefined;
      if (!isObject(rooms)) throw new ImportProblem(`schedule.conference.days[${d}] has no rooms`);
      for (const [room, list] of Object.entries(rooms)) {
        if (!Array.isArray(list)) throw new ImportProblem(`schedule.conference.days[${d}].rooms['${room}'] is not a list of events`);
        list.forEach((raw, i) => {
          const position = `#${i + 1} in room '${room}' on day ${d + 1}`;
          if (!isObject(raw)) throw new ImportProblem(`the event ${position} is not an object`);
          const event = toFrabEvent(raw, room, position);
          const where = describeFrabEvent(event, position);
          sessions.push(frabSession(event, where, { timeZone: opts.timeZone, conferenceZone }));
          wheres.push(where);
        });
      }
    });
    return checkProgram(sessions, wheres);
  });
}
