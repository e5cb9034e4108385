import { describe, expect, it } from 'vitest';
import {
  guessCsvMapping,
  parseCsvProgram,
  parseProgram,
  previewCsvProgram,
  type ParseResult,
} from '../../../src/domain/program-import/index.ts';

const ny = { timeZone: 'America/New_York' };
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  return r.sessions;
};
const bytes = (text: string) => new TextEncoder().encode(text);

describe('guessCsvMapping', () => {
  it('recognises the usual header names and their synonyms', () => {
    const headers = ['Session', 'Date', 'Start Time', 'End Time', 'Location', 'Track', 'Abstract', 'Session ID'];
    expect(guessCsvMapping(headers).columns).toEqual({ title: 0, date: 1, start: 2, end: 3, room: 4, track: 5, description: 6, id: 7 });
  });

  it('reads "Begins", "Length", "Where" and "Category" too, and leaves unknown columns out', () => {
    const headers = ['Speaker', 'Talk title', 'Begins', 'Length', 'Where', 'Category', 'Notes'];
    expect(guessCsvMapping(headers).columns).toEqual({ title: 1, start: 2, duration: 3, room: 4, track: 5, description: 6 });
  });

  it('prefers "Start Time" for the start and "Start Date" for the date when both are there', () => {
    expect(guessCsvMapping(['Title', 'Start Date', 'Start Time', 'Duration (min)']).columns).toEqual({ title: 0, date: 1, start: 2, duration: 3 });
  });

  it('reads slash dates day-first only when some date cannot be month-first', () => {
    expect(guessCsvMapping(['Title', 'Date'], [['a', '03/04/2026'], ['b', '14/04/2026']]).dateOrder).toBe('dmy');
    expect(guessCsvMapping(['Title', 'Date'], [['a', '03/04/2026'], ['b', '04/14/2026']]).dateOrder).toBe('mdy');
    expect(guessCsvMapping(['Title', 'Date'], [['a', '03/04/2026']]).dateOrder).toBe('mdy');
  });
});

describe('previewCsvProgram', () => {
  it('gives the mapping step the headers, the first rows with their line numbers and the guess', () => {
    const preview = previewCsvProgram(bytes('Title,Start,Length\nA,2026-10-14 09:00,30\nB,2026-10-14 10:00,30\n'));
    expect(preview).toMatchObject({
      ok: true,
      headers: ['Title', 'Start', 'Length'],
      sample: [{ line: 2, cells: ['A', '2026-10-14 09:00', '30'] }, { line: 3, cells: ['B', '2026-10-14 10:00', '30'] }],
      rowCount: 2,
      mapping: { columns: { title: 0, start: 1, duration: 2 }, dateOrder: 'mdy' },
      problems: [],
    });
  });

  it('says what the guess is missing', () => {
    const preview = previewCsvProgram('Talk,Speaker,Hall\nA,B,C\n');
    expect(preview).toMatchObject({
      ok: true,
      problems: ['Choose the column with the start times.', 'Choose a column with the end times or one with the durations.'],
    });
  });
});

describe('parseCsvProgram', () => {
  it('handles a UTF-8 BOM, CRLF line ends and quoted commas, quotes and line breaks', () => {
    const csv = '\uFEFFTitle,Date,Start,End,Room,Description\r\n"Linked Data, Demystified",2026-10-14,09:00,10:00,"Room A","Bring ""real"" records,\r\nand questions"\r\n';
    expect(ok(parseCsvProgram(bytes(csv), ny))).toEqual([
      {
        sourceId: undefined,
        code: undefined,
        title: 'Linked Data, Demystified',
        startsAt: '2026-10-14T09:00',
        endsAt: '2026-10-14T10:00',
        room: 'Room A',
        track: '',
        description: 'Bring "real" records,\nand questions',
      },
    ]);
  });

  it('reads US and ISO dates, 12- and 24-hour times, to the same wall time', () => {
    const csv = [
      'Title,Date,Start,End',
      'US 12h,10/14/2026,9:30 AM,10:45 AM',
      'ISO 24h,2026-10-14,09:30,10:45',
      'Names,"Wed, Oct 14, 2026",9:30am,10:45am',
      'Afternoon,10/14/2026,1:15 PM,2:00 PM',
      'Noon,10/14/26,12:00 PM,12:30 PM',
    ].join('\n');
    expect(ok(parseCsvProgram(csv, ny)).map((s) => [s.title, s.startsAt, s.endsAt])).toEqual([
      ['US 12h', '2026-10-14T09:30', '2026-10-14T10:45'],
      ['ISO 24h', '2026-10-14T09:30', '2026-10-14T10:45'],
      ['Names', '2026-10-14T09:30', '2026-10-14T10:45'],
      ['Afternoon', '2026-10-14T13:15', '2026-10-14T14:00'],
      ['Noon', '2026-10-14T12:00', '2026-10-14T12:30'],
    ]);
  });

  it('takes a duration in minutes, H:MM or hours and minutes when there is no end', () => {
    const csv = ['Title,Start,Duration', 'A,2026-10-14 09:00,45', 'B,2026-10-14 09:00,1:30', 'C,2026-10-14 09:00,1h 15m', 'D,2026-10-14 09:00,90 min'].join('\n');
    expect(ok(parseCsvProgram(csv, ny)).map((s) => s.endsAt)).toEqual([
      '2026-10-14T09:45',
      '2026-10-14T10:30',
      '2026-10-14T10:15',
      '2026-10-14T10:30',
    ]);
  });

  it('prefers the end over the duration when a row has both, and moves an end before the start to the next day', () => {
    const csv = ['Title,Start,End,Length', 'Both,2026-10-14 09:00,09:50,45', 'Late,2026-10-14 23:00,00:30,'].join('\n');
    expect(ok(parseCsvProgram(csv, ny)).map((s) => s.endsAt)).toEqual(['2026-10-14T09:50', '2026-10-15T00:30']);
  });

  it('reads date and time from one column or from two, and a "9:00 - 10:15" range in one cell', () => {
    const one = 'Title,Starts,Ends\nOne,10/14/2026 9:00 AM,10/14/2026 10:15 AM\n';
    const two = 'Title,Day,Time,Until\nTwo,10/14/2026,9:00 AM,10:15 AM\n';
    const range = 'Title,Day,Time\nRange,2026-10-14,9:00 - 10:15\n';
    for (const csv of [one, two, range]) {
      expect(ok(parseCsvProgram(csv, ny))[0]).toMatchObject({ startsAt: '2026-10-14T09:00', endsAt: '2026-10-14T10:15' });
    }
  });

  it('converts times written with an offset or Z into the event zone', () => {
    const csv = 'Title,Start,End\nZoned,2026-10-14T14:00:00Z,2026-10-14T15:00:00+01:00\n';
    expect(ok(parseCsvProgram(csv, ny))[0]).toMatchObject({ startsAt: '2026-10-14T10:00', endsAt: '2026-10-14T10:00' });
  });

  it('reads a semicolon-separated sheet with day-first dotted dates', () => {
    const csv = 'Titel;Datum;Beginn;Ende;Raum\nEröffnung;14.10.2026;09:00;09:30;Saal 1\n';
    const preview = previewCsvProgram(csv);
    expect(preview).toMatchObject({ ok: true, headers: ['Titel', 'Datum', 'Beginn', 'Ende', 'Raum'] });
    const mapping = { columns: { title: 0, date: 1, start: 2, end: 3, room: 4 }, dateOrder: 'dmy' as const };
    expect(ok(parseCsvProgram(csv, { ...ny, mapping }))[0]).toMatchObject({ title: 'Eröffnung', startsAt: '2026-10-14T09:00', room: 'Saal 1' });
  });

  it('reads a Windows-1252 file from an older Excel', () => {
    const csv = new Uint8Array([...bytes('Title,Start,Length\nCaf'), 0xe9, ...bytes(' talk,2026-10-14 09:00,30\n')]);
    expect(ok(parseCsvProgram(csv, ny))[0]!.title).toBe('Café talk');
  });

  it('uses the organizer\'s corrected mapping over the guess', () => {
    // "Name" is guessed as the title, but here it is the speaker
    const csv = 'Name,Session title,Start,Length\nAda,Compilers for librarians,2026-10-14 09:00,30\n';
    expect(ok(parseCsvProgram(csv, ny))[0]!.title).toBe('Compilers for librarians');
    const mapping = { columns: { title: 0, start: 2, duration: 3 }, dateOrder: 'mdy' as const };
    expect(ok(parseCsvProgram(csv, { ...ny, mapping }))[0]!.title).toBe('Ada');
  });

  it('keeps the id column as the source id and the preferred code', () => {
    const csv = 'ID,Title,Start,Length\nS12,Weeding,2026-10-14 09:00,30\n';
    expect(ok(parseCsvProgram(csv, ny))[0]).toMatchObject({ sourceId: 'S12', code: 'S12' });
  });
});

describe('parseCsvProgram refusals name the line', () => {
  const header = 'Title,Date,Start,End\n';

  it('refuses the whole sheet for one bad time, naming its line and title', () => {
    const csv = `${header}Fine,10/14/2026,9:00 AM,10:00 AM\nBroken,10/14/2026,25:00,26:00\nAlso fine,10/14/2026,11:00,12:00\n`;
    expect(parseCsvProgram(csv, ny)).toEqual({
      ok: false,
      reason: 'invalid',
      message: "line 3 ('Broken'): start '25:00' is not a time such as 9:30 AM or 14:00",
    });
  });

  it('counts lines inside quoted cells, so the line named is the one in the file', () => {
    const csv = `${header}"Two\nlines",10/14/2026,9:00,10:00\nBad date,13/45/2026,9:00,10:00\n`;
    expect(parseCsvProgram(csv, ny)).toMatchObject({ message: "line 4 ('Bad date'): date '13/45/2026' is not a real date (read as month/day/year)" });
  });

  it('names an impossible date, an end before the start, an empty title and a bad duration', () => {
    expect(parseCsvProgram(`${header}Feb,02/30/2026,9:00,10:00\n`, ny)).toMatchObject({ message: "line 2 ('Feb'): date '02/30/2026' is not a real date (read as month/day/year)" });
    const backwards = 'Title,Start,End\nBackwards,2026-10-14 10:00,2026-10-14 09:00\n';
    expect(parseCsvProgram(backwards, ny)).toMatchObject({ message: "line 2 ('Backwards'): it ends (2026-10-14 09:00) before it starts (2026-10-14 10:00)" });
    expect(parseCsvProgram(`${header},10/14/2026,9:00,10:00\n`, ny)).toMatchObject({ message: 'line 2: the title is empty' });
    expect(parseCsvProgram('Title,Start,Duration\nLong,2026-10-14 09:00,forever\n', ny)).toMatchObject({
      message: "line 2 ('Long'): duration 'forever' is not a length such as 45, 1:30 or 1h 30m",
    });
  });

  it('names a start with no date when the sheet has no date column', () => {
    expect(parseCsvProgram('Title,Start,End\nWhen,9:00,10:00\n', ny)).toMatchObject({
      message: "line 2 ('When'): start '9:00' has no date, and no date column is chosen",
    });
  });

  it('names both lines that use the same id', () => {
    const csv = 'ID,Title,Start,Length\nS1,One,2026-10-14 09:00,30\nS1,Two,2026-10-14 10:00,30\n';
    expect(parseCsvProgram(csv, ny)).toMatchObject({ message: "line 3 ('Two'): the id 'S1' is already used by line 2 ('One')" });
  });

  it('says where a quote is left open', () => {
    expect(parseCsvProgram(`${header}"Open,10/14/2026,9:00,10:00\n`, ny)).toMatchObject({ ok: false, message: expect.stringMatching(/^Line 2: the CSV cannot be read: Quote Not Closed/) });
  });

  it('refuses a mapping without a title or start column', () => {
    expect(parseCsvProgram('Speaker,Room\nAda,A\n', ny)).toMatchObject({ ok: false, reason: 'mapping', message: expect.stringContaining('Choose the column with the session titles.') });
  });
});

describe('parseProgram', () => {
  it('detects each format from the content', () => {
    expect(parseProgram('Title,Start,Length\nA,2026-10-14 09:00,30\n', ny)).toMatchObject({ ok: true, format: 'csv' });
    expect(parseProgram('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:A\r\nDTSTART:20261014T090000\r\nEND:VEVENT\r\nEND:VCALENDAR', ny)).toMatchObject({ ok: true, format: 'ical' });
  });

  it('refuses an empty file, a blank one and a header with no rows', () => {
    expect(parseProgram(new Uint8Array(), ny)).toEqual({ ok: false, reason: 'empty', message: 'The file is empty.' });
    expect(parseProgram('  \n\r\n', ny)).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseProgram('Title,Start,Length\n', ny)).toMatchObject({ ok: false, reason: 'empty', message: 'The file has no sessions in it.' });
  });

  it('refuses an Excel file, a picture and a web page as the wrong format', () => {
    expect(parseProgram(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), { ...ny, filename: 'program.xlsx' })).toMatchObject({
      ok: false,
      reason: 'unrecognised',
      message: expect.stringContaining('Save the sheet as CSV'),
    });
    expect(parseProgram(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), ny)).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(parseProgram('<!DOCTYPE html><html><body>Program</body></html>', ny)).toMatchObject({ ok: false, reason: 'unrecognised' });
  });

  it('refuses an unknown event time zone instead of reading every time as UTC', () => {
    expect(parseProgram('Title,Start,Length\nA,2026-10-14 09:00,30\n', { timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
