import { describe, expect, it } from 'vitest';
import { parseIcal, parseProgram, type ParseResult } from '../../../src/domain/program-import/index.ts';

const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.sessions;
};

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
const ny = { timeZone: 'America/New_York' };

// what Outlook writes: a Windows zone name, defined in the file
const outlookEastern = [
  'BEGIN:VTIMEZONE', 'TZID:Eastern Standard Time',
  'BEGIN:STANDARD', 'DTSTART:16010101T020000', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11', 'END:STANDARD',
  'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3', 'END:DAYLIGHT',
  'END:VTIMEZONE',
];

describe('parseIcal', () => {
  it('reads title, room, track, description and UID, with folded lines and escaped text', () => {
    const ics = calendar(
      ...vevent(
        'UID:keynote-1@conf.example',
        'SUMMARY:Libraries\\, Data\\; and You',
        'LOCATION:Ballroom A',
        'CATEGORIES:Keynotes,Plenary',
        'DESCRIPTION:First line\\nsecond line that is folded ac',
        ' ross two lines',
        'DTSTART:20261014T140000Z',
        'DTEND:20261014T150000Z',
      ),
    );
    expect(ok(parseIcal(ics, ny))).toEqual([
      {
        sourceId: 'keynote-1@conf.example',
        code: undefined,
        title: 'Libraries, Data; and You',
        startsAt: '2026-10-14T10:00',
        endsAt: '2026-10-14T11:00',
        room: 'Ballroom A',
        track: 'Keynotes, Plenary',
        description: 'First line\nsecond line that is folded across two lines',
      },
    ]);
  });

  it('converts an IANA TZID into the event zone', () => {
    const ics = calendar(...vevent('UID:a', 'SUMMARY:Berlin talk', 'DTSTART;TZID=Europe/Berlin:20261014T160000', 'DTEND;TZID=Europe/Berlin:20261014T170000'));
    expect(ok(parseIcal(ics, ny))[0]).toMatchObject({ startsAt: '2026-10-14T10:00', endsAt: '2026-10-14T11:00' });
  });

  it('converts a TZID the file defines in a VTIMEZONE (Outlook\'s "Eastern Standard Time")', () => {
    const ics = calendar(...outlookEastern, ...vevent('UID:a', 'SUMMARY:Outlook', 'DTSTART;TZID=Eastern Standard Time:20261014T103000', 'DTEND;TZID=Eastern Standard Time:20261014T113000'));
    expect(ok(parseIcal(ics, { timeZone: 'UTC' }))[0]).toMatchObject({ startsAt: '2026-10-14T14:30', endsAt: '2026-10-14T15:30' });
  });

  it('takes floating times as the event\'s local time, or the calendar\'s X-WR-TIMEZONE when it names one', () => {
    const floating = vevent('UID:a', 'SUMMARY:Local', 'DTSTART:20261014T093000', 'DURATION:PT45M');
    expect(ok(parseIcal(calendar(...floating), ny))[0]).toMatchObject({ startsAt: '2026-10-14T09:30', endsAt: '2026-10-14T10:15' });
    expect(ok(parseIcal(calendar('X-WR-TIMEZONE:America/Chicago', ...floating), ny))[0]).toMatchObject({ startsAt: '2026-10-14T10:30' });
  });

  it('keeps an all-day event on its day, from midnight to midnight', () => {
    const ics = calendar(...vevent('UID:a', 'SUMMARY:Exhibit hall open', 'DTSTART;VALUE=DATE:20261014'));
    expect(ok(parseIcal(ics, ny))[0]).toMatchObject({ startsAt: '2026-10-14T00:00', endsAt: '2026-10-15T00:00' });
  });

  it('leaves out cancelled events', () => {
    const ics = calendar(
      ...vevent('UID:a', 'SUMMARY:On', 'DTSTART:20261014T140000Z', 'DTEND:20261014T150000Z'),
      ...vevent('UID:b', 'SUMMARY:Off', 'STATUS:CANCELLED', 'DTSTART:20261014T140000Z', 'DTEND:20261014T150000Z'),
    );
    expect(ok(parseIcal(ics, ny)).map((s) => s.title)).toEqual(['On']);
  });

  it('turns a repeating coffee break into one session a day, with a moved occurrence where it moved', () => {
    const ics = calendar(
      ...vevent('UID:coffee', 'SUMMARY:Coffee', 'DTSTART;TZID=America/New_York:20261014T100000', 'DTEND;TZID=America/New_York:20261014T103000', 'RRULE:FREQ=DAILY;COUNT=3'),
      ...vevent('UID:coffee', 'RECURRENCE-ID;TZID=America/New_York:20261015T100000', 'SUMMARY:Coffee (late)', 'DTSTART;TZID=America/New_York:20261015T110000', 'DTEND;TZID=America/New_York:20261015T113000'),
    );
    expect(ok(parseIcal(ics, ny)).map((s) => [s.sourceId, s.title, s.startsAt])).toEqual([
      ['coffee#2026-10-14T10:00:00', 'Coffee', '2026-10-14T10:00'],
      ['coffee#2026-10-15T10:00:00', 'Coffee (late)', '2026-10-15T11:00'],
      ['coffee#2026-10-16T10:00:00', 'Coffee', '2026-10-16T10:00'],
    ]);
  });

  it('refuses an event that repeats without end, naming it', () => {
    const ics = calendar(...vevent('UID:x', 'SUMMARY:Forever', 'DTSTART:20261014T100000', 'RRULE:FREQ=DAILY'));
    expect(parseIcal(ics, ny)).toMatchObject({ ok: false, message: "event 'Forever' (UID x): it repeats without end (RRULE without COUNT or UNTIL)" });
  });

  it('refuses a TZID that is neither a known zone nor defined in the file, naming the event', () => {
    const ics = calendar(...vevent('UID:x', 'SUMMARY:Mars', 'DTSTART;TZID=Olympus Mons Time:20261014T100000'));
    expect(parseIcal(ics, ny)).toMatchObject({ ok: false, message: "event 'Mars' (UID x): the start is in time zone 'Olympus Mons Time', which the file does not define" });
  });

  it('refuses the whole calendar when one event has a broken start', () => {
    const ics = calendar(
      ...vevent('UID:a', 'SUMMARY:Fine', 'DTSTART:20261014T140000Z'),
      ...vevent('UID:b', 'SUMMARY:Broken', 'DTSTART:2026-10-14 nine'),
    );
    expect(parseIcal(ics, ny)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^event 'Broken' \(UID b\): /) });
  });

  it('refuses an event without a start or without a title', () => {
    expect(parseIcal(calendar(...vevent('UID:a', 'SUMMARY:When?')), ny)).toMatchObject({ message: "event 'When?' (UID a): it has no DTSTART (start)" });
    expect(parseIcal(calendar(...vevent('UID:b', 'DTSTART:20261014T140000Z')), ny)).toMatchObject({
      message: 'an event without a SUMMARY (UID b): it has no SUMMARY (title)',
    });
  });

  it('refuses a calendar cut off in the middle', () => {
    expect(parseProgram('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Half\r\n', ny)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^The calendar could not be read/) });
  });

  it('refuses a calendar with no events as empty', () => {
    expect(parseIcal(calendar(), ny)).toMatchObject({ ok: false, reason: 'empty' });
  });
});
