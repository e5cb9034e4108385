// frab's schedule.xml: <schedule><day date=…><room name=…><event guid=… id=…><date>…
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describeFrabEvent, frabConferenceZone, frabSession, type FrabEvent } from './frab.ts';
import { decodeInput } from './input-text.ts';
import { checkProgram } from './session-checks.ts';
import { guardParse, ImportProblem, type ImportedSession, type ParseOptions, type ParseResult, type ProgramInput } from './types.ts';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // ids such as 0042 and times such as 00:30 stay exactly as written
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // a program names no external entities; leaving DOCTYPE entities out keeps hostile files small
  processEntities: true,
  htmlEntities: false,
  isArray: (name, jpath) =>
    jpath === 'schedule.day' || jpath === 'schedule.day.room' || jpath === 'schedule.day.room.event',
});

/** The text of an element or attribute, whether the parser gave a string or an element with attributes. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && '#text' in v) return text((v as Node)['#text']);
  return '';
}

function toFrabEvent(raw: Node, room: string): FrabEvent {
  return {
    guid: text(raw['@guid']) || text(raw.guid),
    id: text(raw['@id']),
    title: text(raw.title),
    subtitle: text(raw.subtitle),
    date: text(raw.date),
    duration: text(raw.duration),
    room: text(raw.room) || room,
    track: text(raw.track),
    abstract: text(raw.abstract),
    description: text(raw.description),
  };
}

export function parseFrabXml(input: ProgramInput, opts: ParseOptions): ParseResult {
  return guardParse('frab-xml', opts, () => {
    const xml = decodeInput(input);
    if (xml.trim() === '') throw new ImportProblem('The file is empty.', 'empty');
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      // the validator lists tags left open as a JSON array; say it in words
      const open = /^Invalid '\[(.*)\]' found\.$/s.exec(valid.err.msg);
      const what = open ? `unclosed ${open[1]!.replace(/[\s"]/g, '').split(',').map((t) => `<${t}>`).join(', ')}` : valid.err.msg;
      throw new ImportProblem(`The file is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${what}`);
    }
    const doc = parser.parse(xml) as Node;
    // an empty <schedule></schedule> comes back as '', which still is a schedule (with no sessions)
    const schedule = doc.schedule === '' ? {} : (doc.schedule as Node | undefined);
    if (typeof schedule !== 'object' || schedule === null) {
      throw new ImportProblem('This XML is not a frab schedule.xml: it has no <schedule> element.', 'unrecognised');
    }
    const conference = (schedule.conference ?? {}) as Node;
    const conferenceZone = frabConferenceZone(text(conference.time_zone_name));
    const sessions: ImportedSession[] = [];
    const wheres: string[] = [];
    ((schedule.day ?? []) as Node[]).forEach((day, d) => {
      for (const roomNode of (day.room ?? []) as Node[]) {
        const room = text(roomNode['@name']);
        ((roomNode.event ?? []) as Node[]).forEach((raw, i) => {
          const event = toFrabEvent(raw, room);
          const where = describeFrabEvent(event, `#${i + 1} in room '${room}' on day ${d + 1}`);
          sessions.push(frabSession(event, where, { timeZone: opts.timeZone, conferenceZone }));
          wheres.push(where);
        });
      }
    });
    return checkProgram(sessions, wheres);
  });
}
