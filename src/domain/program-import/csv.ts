// A program kept in a spreadsheet and saved as CSV: the header is read first, the organizer
// confirms or corrects which column is which, then every row must read or nothing is imported.
import { checkCsvMapping, guessCsvMapping, type CsvMapping } from './csv-mapping.ts';
import { readDuration, readMoment, splitTimeRange, wallOfParts, type DateParts, type Moment, type TimeParts } from './csv-values.ts';
import { quote } from './input-text.ts';
import { readCsvTable, type CsvRow, type CsvTable } from '../csv-table.ts';
import { checkProgram, cleanSession } from './session-checks.ts';
import {
  guardParse,
  ImportProblem,
  refuse,
  type ImportedSession,
  type ImportRefusal,
  type ParseOptions,
  type ParseResult,
  type ProgramInput,
} from './types.ts';
import { addMinutes, instantAtOffset, wallTimeIn } from '../wall-time.ts';

function readTable(input: ProgramInput): CsvTable {
  const read = readCsvTable(input);
  if (!read.ok) throw new ImportProblem(read.message, read.reason);
  return read.table;
}

export type CsvPreview = {
  ok: true;
  headers: string[];
  /** the first rows, for the organizer to check the mapping against */
  sample: CsvRow[];
  rowCount: number;
  /** the guessed mapping, and what it still lacks (empty when it can be used as it is) */
  mapping: CsvMapping;
  problems: string[];
};

/** The mapping step: the sheet's columns, a few rows and the guessed mapping. */
export function previewCsvProgram(input: ProgramInput, opts: { sampleRows?: number } = {}): CsvPreview | ImportRefusal {
  try {
    const table = readTable(input);
    const mapping = guessCsvMapping(table.headers, table.rows.map((r) => r.cells));
    return {
      ok: true,
      headers: table.headers,
      sample: table.rows.slice(0, opts.sampleRows ?? 5),
      rowCount: table.rows.length,
      mapping,
      problems: checkCsvMapping(mapping, table.headers, table.rows.map((r) => r.cells)),
    };
  } catch (err) {
    if (err instanceof ImportProblem) return refuse(err.reason, err.message);
    return refuse('invalid', `The file could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

type Row = { cell: (field: keyof CsvMapping['columns']) => string; where: string };

function inEventZone(wall: string, moment: Moment, timeZone: string): string {
  return moment.offsetMinutes === undefined ? wall : wallTimeIn(instantAtOffset(wall, moment.offsetMinutes), timeZone);
}

const orderWords = { mdy: 'month/day/year', dmy: 'day/month/year' } as const;

/** The start's date, from the start cell itself or else the date column, with the cell it came from. */
function dateOf(row: Row, mapping: CsvMapping, startCell: string, start: Moment): { date: DateParts; cell: string; what: string } {
  if (start.date) return { date: start.date, cell: startCell, what: 'start' };
  const cell = row.cell('date');
  if (cell === '') {
    throw new ImportProblem(
      `${row.where}: start ${quote(startCell)} has no date, and ${mapping.columns.date === undefined ? 'no date column is chosen' : 'the date is empty'}`,
    );
  }
  const moment = readMoment(cell, mapping.dateOrder);
  if (!moment?.date) throw new ImportProblem(`${row.where}: date ${quote(cell)} is not a date such as 2026-10-14 or 10/14/2026`);
  return { date: moment.date, cell, what: 'date' };
}

function wallOrProblem(row: Row, source: { date: DateParts; cell: string; what: string }, time: TimeParts, mapping: CsvMapping): string {
  const wall = wallOfParts(source.date, time);
  if (!wall) {
    throw new ImportProblem(`${row.where}: ${source.what} ${quote(source.cell)} is not a real date (read as ${orderWords[mapping.dateOrder]})`);
  }
  return wall;
}

function sessionOfRow(row: Row, mapping: CsvMapping, timeZone: string): ImportedSession {
  let startCell = row.cell('start');
  let endCell = row.cell('end');
  if (startCell === '') throw new ImportProblem(`${row.where}: the start is empty`);
  if (!readMoment(startCell, mapping.dateOrder) && endCell === '') {
    const range = splitTimeRange(startCell, mapping.dateOrder);
    if (range) [startCell, endCell] = range;
  }
  const start = readMoment(startCell, mapping.dateOrder);
  if (!start) throw new ImportProblem(`${row.where}: start ${quote(startCell)} is not a time such as 9:30 AM or 14:00`);
  if (!start.time) throw new ImportProblem(`${row.where}: start ${quote(startCell)} has no time of day`);
  const startDate = dateOf(row, mapping, startCell, start);
  const startWall = wallOrProblem(row, startDate, start.time, mapping);
  const startsAt = inEventZone(startWall, start, timeZone);

  let endsAt: string;
  const durationCell = row.cell('duration');
  if (endCell !== '') {
    const end = readMoment(endCell, mapping.dateOrder);
    if (!end?.time) throw new ImportProblem(`${row.where}: end ${quote(endCell)} is not a time such as 10:30 AM or 15:00`);
    const endDate = end.date ? { date: end.date, cell: endCell, what: 'end' } : startDate;
    let endWall = wallOrProblem(row, endDate, end.time, mapping);
    // a session from 23:00 to 00:30 ends on the next day
    if (!end.date && end.offsetMinutes === undefined && endWall < startWall) endWall = addMinutes(endWall, 24 * 60);
    endsAt = inEventZone(endWall, end, timeZone);
  } else if (durationCell !== '') {
    const minutes = readDuration(durationCell);
    if (minutes === undefined) {
      throw new ImportProblem(`${row.where}: duration ${quote(durationCell)} is not a length such as 45, 1:30 or 1h 30m`);
    }
    endsAt = addMinutes(startsAt, minutes);
  } else {
    throw new ImportProblem(`${row.where}: it has neither an end time nor a duration`);
  }
  const id = row.cell('id');
  return cleanSession(
    {
      sourceId: id || undefined,
      code: id || undefined,
      title: row.cell('title'),
      startsAt,
      endsAt,
      room: row.cell('room'),
      track: row.cell('track'),
      description: row.cell('description'),
    },
    row.where,
  );
}

/** Every row of the sheet as a session, with the given mapping or else the guessed one. */
export function parseCsvProgram(input: ProgramInput, opts: ParseOptions & { mapping?: CsvMapping }): ParseResult {
  return guardParse('csv', opts, () => {
    const table = readTable(input);
    const mapping = opts.mapping ?? guessCsvMapping(table.headers, table.rows.map((r) => r.cells));
    const problems = checkCsvMapping(mapping, table.headers, table.rows.map((r) => r.cells));
    if (problems.length > 0) throw new ImportProblem(problems.join(' '), 'mapping');
    const sessions: ImportedSession[] = [];
    const wheres: string[] = [];
    for (const { line, cells } of table.rows) {
      const cell = (field: keyof CsvMapping['columns']) => {
        const column = mapping.columns[field];
        return column === undefined ? '' : (cells[column] ?? '').trim();
      };
      const title = cell('title');
      const where = `line ${line}${title ? ` (${quote(title)})` : ''}`;
      sessions.push(sessionOfRow({ cell, where }, mapping, opts.timeZone));
      wheres.push(where);
    }
    return checkProgram(sessions, wheres);
  });
}
