// Which spreadsheet column holds what. The guess reads the header the way an organizer wrote it
// ("Session", "Start Time", "Begins", "Location", "Length"); the organizer corrects it if needed.
import { columnProblems, guessColumns } from '../csv-header-guess.ts';
import { splitTimeRange, slashDateOrder, type DateOrder } from './csv-values.ts';

export const csvFields = ['title', 'date', 'start', 'end', 'duration', 'room', 'track', 'description', 'id'] as const;
export type CsvField = (typeof csvFields)[number];

export type CsvMapping = {
  /** column index (0-based) for each field the sheet has */
  columns: Partial<Record<CsvField, number>>;
  /** how slash dates such as 03/04/2026 read: US month first, or day first */
  dateOrder: DateOrder;
};

export const csvFieldLabels: Record<CsvField, string> = {
  title: 'Title',
  date: 'Date',
  start: 'Start (time, or date and time)',
  end: 'End (time, or date and time)',
  duration: 'Duration',
  room: 'Room',
  track: 'Track',
  description: 'Description',
  id: 'Id (stays the same when the sheet changes)',
};

// earlier names in a list are stronger evidence than later ones
const synonyms: Record<CsvField, readonly string[]> = {
  title: ['title', 'session title', 'session name', 'session', 'talk title', 'talk', 'event title', 'event name', 'event',
    'name', 'subject', 'topic', 'presentation', 'program item', 'summary'],
  date: ['date', 'day', 'session date', 'event date', 'start date', 'date of session'],
  start: ['start', 'start time', 'starts', 'starts at', 'begins', 'begin', 'begin time', 'begins at', 'from', 'time from',
    'session start', 'start date time', 'start datetime', 'start date and time', 'time', 'when', 'schedule'],
  end: ['end', 'end time', 'ends', 'ends at', 'finish', 'finish time', 'finishes', 'until', 'to', 'time to', 'session end',
    'end date time', 'end datetime', 'end date and time', 'stop'],
  duration: ['duration', 'length', 'duration min', 'duration mins', 'duration minutes', 'length min', 'length minutes',
    'minutes', 'mins', 'running time', 'runtime'],
  room: ['room', 'location', 'venue', 'place', 'hall', 'stage', 'where', 'room name', 'session room', 'space', 'rooms'],
  track: ['track', 'tracks', 'category', 'categories', 'stream', 'strand', 'theme', 'topic area', 'session type', 'type', 'format'],
  description: ['description', 'abstract', 'session description', 'details', 'synopsis', 'blurb', 'about', 'notes', 'desc'],
  id: ['id', 'session id', 'session code', 'code', 'guid', 'uid', 'event id', 'talk id', 'session number', 'reference', 'ref',
    'key', 'number', 'no', 'nr'],
};

/** The likeliest column for each field: the strongest header matches first, each column used once. */
export function guessCsvMapping(headers: string[], rows: string[][] = []): CsvMapping {
  const columns = guessColumns(headers, csvFields, synonyms);
  return { columns, dateOrder: guessDateOrder(rows, columns) };
}

/** Day-first only when some date in the sheet cannot be month-first (14/10/2026) and none is day-first-impossible. */
function guessDateOrder(rows: string[][], columns: CsvMapping['columns']): DateOrder {
  const dateColumns = [columns.date, columns.start, columns.end].filter((c): c is number => c !== undefined);
  let dmy = 0;
  let mdy = 0;
  for (const row of rows) {
    for (const c of dateColumns) {
      const order = slashDateOrder(row[c] ?? '');
      if (order === 'dmy') dmy++;
      if (order === 'mdy') mdy++;
    }
  }
  return dmy > 0 && mdy === 0 ? 'dmy' : 'mdy';
}

/** What is missing or contradictory in a mapping, in words for the mapping step; empty when it can be used. */
export function checkCsvMapping(mapping: CsvMapping, headers: string[], rows: string[][] = []): string[] {
  const { notInSheet, chosenTwice } = columnProblems(mapping.columns, headers, csvFieldLabels);
  const problems = [...notInSheet];
  if (mapping.columns.title === undefined) problems.push('Choose the column with the session titles.');
  if (mapping.columns.start === undefined) problems.push('Choose the column with the start times.');
  const { start, end, duration } = mapping.columns;
  if (end === undefined && duration === undefined && !(start !== undefined && startsAreRanges(rows, start))) {
    problems.push('Choose a column with the end times or one with the durations.');
  }
  return [...problems, ...chosenTwice];
}

/** A "Time" column of "9:00 - 10:15" gives both ends, so no end or duration column is needed. */
function startsAreRanges(rows: string[][], column: number): boolean {
  const cells = rows.map((r) => (r[column] ?? '').trim()).filter((c) => c !== '');
  return cells.length > 0 && cells.every((c) => splitTimeRange(c) !== undefined);
}
