// One entry point for an upload: find which of the formats it is, then read it with that parser.
import type { CsvMapping } from './csv-mapping.ts';
import { parseCsvProgram } from './csv.ts';
import { parseFrabJson } from './frab-json.ts';
import { parseFrabXml } from './frab-xml.ts';
import { parseIcal } from './ical.ts';
import { decodeInput, isZipContainer } from './input-text.ts';
import { refuse, type ImportRefusal, type ParseOptions, type ParseResult, type ProgramFormat, type ProgramInput } from './types.ts';

const byExtension: Record<string, ProgramFormat> = { json: 'frab-json', xml: 'frab-xml', ics: 'ical', ical: 'ical', csv: 'csv', txt: 'csv', tsv: 'csv' };

/** The format of an upload, by its content first and its file name only when the content does not say. */
export function detectProgramFormat(input: ProgramInput, filename = ''): { ok: true; format: ProgramFormat } | ImportRefusal {
  if (isZipContainer(input) || /\.(xlsx|xls|ods|numbers)$/i.test(filename)) {
    return refuse('unrecognised', 'Spreadsheet files cannot be read directly. Save the sheet as CSV (UTF-8) and upload that.');
  }
  const text = decodeInput(input);
  const head = text.trimStart().slice(0, 200);
  if (head === '') return refuse('empty', 'The file is empty.');
  if (text.includes('\u0000')) return refuse('unrecognised', 'This is not a text file. Upload a schedule (JSON, XML, iCalendar) or a CSV.');
  if (/^(<!doctype html|<html)/i.test(head)) {
    return refuse('unrecognised', 'This is a web page, not a schedule. Use the link to the JSON, XML or iCal export.');
  }
  if (head.startsWith('{') || head.startsWith('[')) return { ok: true, format: 'frab-json' };
  if (head.startsWith('<')) return { ok: true, format: 'frab-xml' };
  if (/^BEGIN:VCALENDAR/i.test(head)) return { ok: true, format: 'ical' };
  const ext = /\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return { ok: true, format: (ext && byExtension[ext]) || 'csv' };
}

export type ParseProgramOptions = ParseOptions & {
  /** skip detection, e.g. when the organizer chose the format */
  format?: ProgramFormat;
  filename?: string;
  /** the organizer's corrected CSV mapping; without it the guessed one is used */
  csvMapping?: CsvMapping;
};

/** Reads an upload in any supported format into sessions in the event's time zone, or one clear refusal. */
export function parseProgram(input: ProgramInput, opts: ParseProgramOptions): ParseResult {
  const detected = opts.format ? { ok: true as const, format: opts.format } : detectProgramFormat(input, opts.filename);
  if (!detected.ok) return detected;
  switch (detected.format) {
    case 'frab-json':
      return parseFrabJson(input, opts);
    case 'frab-xml':
      return parseFrabXml(input, opts);
    case 'ical':
      return parseIcal(input, opts);
    case 'csv':
      return parseCsvProgram(input, { timeZone: opts.timeZone, mapping: opts.csvMapping });
  }
}
