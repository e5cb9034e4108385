import { describe, expect, it } from 'vitest';
import { parseFrabJson, parseFrabXml, parseProgram, type ParseResult } from '../../../src/domain/program-import/index.ts';
import { sample, sampleText } from './samples.ts';

const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.sessions;
};

/** The source's instant moved by a fixed offset, worked out without our code: the check on every session. */
const shifted = (isoWithOffset: string, hours: number) =>
  new Date(new Date(isoWithOffset).getTime() + hours * 3_600_000).toISOString().slice(0, 16);

describe('parseFrabJson on the Chaos Communication Camp 2019 schedule', () => {
  it('reads all 79 events, with guid, frab id, room, track and abstract', () => {
    const sessions = ok(parseFrabJson(sample('frab-camp2019.json'), { timeZone: 'Europe/Berlin' }));
    expect(sessions).toHaveLength(79);
    expect(sessions[0]).toMatchObject({
      sourceId: 'a0a0fcfe-b7fb-46e3-84b6-97a5406016b4',
      code: '10386',
      title: 'Opening Ceremony',
      startsAt: '2019-08-21T11:00',
      endsAt: '2019-08-21T11:30',
      room: 'Curie',
      track: 'CCC',
      description: 'A hearty welcome me lasses and lads!',
    });
  });

  it('puts every session into an America/New_York event, which is UTC-4 in August', () => {
    const sessions = ok(parseFrabJson(sample('frab-camp2019.json'), { timeZone: 'America/New_York' }));
    const source = JSON.parse(sampleText('frab-camp2019.json')).schedule.conference.days.flatMap((d: { rooms: object }) =>
      Object.values(d.rooms).flat(),
    ) as { date: string; title: string }[];
    expect(sessions.map((s) => [s.title, s.startsAt])).toEqual(source.map((e) => [e.title.trim(), shifted(e.date, -4)]));
    expect(sessions[0]!.startsAt).toBe('2019-08-21T05:00');
  });
});

describe('parseFrabJson on the pretalx DemoCon export', () => {
  it('reads all 36 talks and uses the offset in each date, not the UTC the file names as its zone', () => {
    const sessions = ok(parseFrabJson(sample('pretalx-democon.json'), { timeZone: 'UTC' }));
    expect(sessions).toHaveLength(36);
    // "date": "2020-12-14T09:00:00+01:00", "duration": "00:30"
    expect(sessions[0]).toMatchObject({ title: 'Focused 5thgeneration hardware', startsAt: '2020-12-14T08:00', endsAt: '2020-12-14T08:30', room: 'Gray Room', track: 'Phased' });
  });
});

describe('parseFrabXml on the 31C3 schedule.xml', () => {
  it('reads all 138 events with their rooms and tracks, entities decoded', () => {
    const sessions = ok(parseFrabXml(sample('frab-31c3.xml'), { timeZone: 'Europe/Berlin' }));
    expect(sessions).toHaveLength(138);
    expect(new Set(sessions.map((s) => s.room))).toEqual(new Set(['Saal 1', 'Saal 2', 'Saal G', 'Saal 6']));
    const third = sessions.find((s) => s.sourceId === 'HOqeNIb6G7M4hYFKFRkCmQ');
    expect(third).toMatchObject({ code: '6264', track: 'Ethics, Society & Politics', startsAt: '2014-12-27T12:45', endsAt: '2014-12-27T13:45' });
  });

  it('puts a talk at 11:00+01:00 at 05:00 in an America/New_York event (UTC-5 in December), and every other one too', () => {
    const sessions = ok(parseFrabXml(sample('frab-31c3.xml'), { timeZone: 'America/New_York' }));
    expect(sessions[0]).toMatchObject({ title: '31C3 Opening Event', startsAt: '2014-12-27T05:00', endsAt: '2014-12-27T05:30' });
    const dates = [...sampleText('frab-31c3.xml').matchAll(/<date>([^<]+)<\/date>/g)].map((m) => m[1]!);
    expect(sessions.map((s) => s.startsAt)).toEqual(dates.map((d) => shifted(d, -5)));
  });

  it('dates a midnight screening listed under the first day by its own date, not the day it is listed under', () => {
    const sessions = ok(parseFrabXml(sample('frab-31c3.xml'), { timeZone: 'Europe/Berlin' }));
    // <event id='6581'> is inside <day index='1' date='2014-12-27'> with <date>2014-12-28T00:00:00+01:00</date>, 02:15
    expect(sessions.find((s) => s.code === '6581')).toMatchObject({ title: 'Citizenfour', startsAt: '2014-12-28T00:00', endsAt: '2014-12-28T02:15' });
  });
});

describe('frab refusals', () => {
  const tz = { timeZone: 'Europe/Berlin' };
  const oneEvent = (event: object) => JSON.stringify({ schedule: { conference: { days: [{ rooms: { Curie: [event] } }] } } });
  const opening = { guid: 'g-1', id: 1, title: 'Opening', date: '2026-10-14T10:00:00+02:00', duration: '00:30' };

  it('names the event and the field when a duration is not HH:MM', () => {
    expect(parseFrabJson(oneEvent({ ...opening, duration: '1h' }), tz)).toEqual({
      ok: false,
      reason: 'invalid',
      message: "event 'Opening' (guid g-1): duration '1h' is not HH:MM",
    });
  });

  it('names the event when its date is not ISO', () => {
    const r = parseFrabJson(oneEvent({ ...opening, date: '14.10.2026 10:00' }), tz);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("event 'Opening' (guid g-1): date '14.10.2026 10:00' is not an ISO date") });
  });

  it('names an event without a title by its place in the schedule', () => {
    const r = parseFrabJson(oneEvent({ ...opening, title: '' }), tz);
    expect(r).toMatchObject({ ok: false, message: "the event #1 in room 'Curie' on day 1 (guid g-1): the title is empty" });
  });

  it('refuses a schedule in which two events share a guid, naming both', () => {
    const doc = { schedule: { conference: { days: [{ rooms: { Curie: [opening, { ...opening, title: 'Closing' }] } }] } } };
    const r = parseFrabJson(JSON.stringify(doc), tz);
    expect(r).toMatchObject({ ok: false, message: "event 'Closing' (guid g-1): the id 'g-1' is already used by event 'Opening' (guid g-1)" });
  });

  it('shows where the JSON is broken', () => {
    const r = parseFrabJson('{\n"schedule": {\n  "conference": ]\n}', tz);
    expect(r).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^The file is not valid JSON: Unexpected token '\]'/) });
  });

  it('calls JSON that is no schedule unrecognised', () => {
    expect(parseFrabJson('{"talks": []}', tz)).toMatchObject({ ok: false, reason: 'unrecognised' });
  });

  it('says where XML is not well-formed', () => {
    const r = parseFrabXml("<schedule>\n<day>\n<room name='A'>\n</day></schedule>", tz);
    expect(r).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^The file is not well-formed XML \(line 4/) });
  });

  it('names the XML event with a bad duration', () => {
    const xml = "<schedule><day><room name='Saal 1'><event guid='g-9' id='9'><title>Keynote</title><date>2014-12-27T11:00:00+01:00</date><duration>90</duration></event></room></day></schedule>";
    expect(parseFrabXml(xml, tz)).toMatchObject({ ok: false, message: "event 'Keynote' (guid g-9): duration '90' is not HH:MM" });
  });

  it('refuses a schedule with no events as empty', () => {
    expect(parseProgram('{"schedule":{"conference":{"days":[]}}}', tz)).toMatchObject({ ok: false, reason: 'empty' });
  });
});
