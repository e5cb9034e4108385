// A spreadsheet saved as CSV, read into a header and numbered rows for the importers (the program,
// pre-registrations): any encoding decodeInput knows, a UTF-8 byte-order mark, CRLF, quoted commas
// and line breaks, and the semicolons or tabs some locales write instead of commas.
import { parse } from 'csv-parse/sync';
import { decodeInput, isZipContainer } from './program-import/input-text.ts';

/** A row with the line of the file it starts on, so a refusal can name it. */
export type CsvRow = { line: number; cells: string[] };
export type CsvTable = { headers: string[]; rows: CsvRow[] };

export type CsvTableResult =
  | { ok: true; table: CsvTable }
  | { ok: false; reason: 'empty' | 'unrecognised' | 'invalid'; message: string };

/** Comma, or the semicolon and tab that spreadsheets in some locales write: whichever the header line uses most. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return count > 0 ? best : ',';
}

/** The header and the rows that are not blank, or why the file cannot be read as CSV. */
export function readCsvTable(input: Uint8Array | string): CsvTableResult {
  if (isZipContainer(input)) {
    return {
      ok: false,
      reason: 'unrecognised',
      message: 'This looks like an Excel or OpenDocument file. Save the sheet as CSV (UTF-8) and upload that.',
    };
  }
  const text = decodeInput(input);
  if (text.trim() === '') return { ok: false, reason: 'empty', message: 'The file is empty.' };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // with `info`, csv-parse returns each record with the line it ended on (its types do not say so)
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as unknown as typeof records;
  } catch (err) {
    const lines = (err as { lines?: unknown }).lines;
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: 'invalid', message: `${typeof lines === 'number' ? `Line ${lines}: ` : ''}the CSV cannot be read: ${message}` };
  }
  const rows: CsvRow[] = [];
  let previousEnd = 0;
  for (const { record, info } of records) {
    // a quoted cell may span lines, so a row starts just after the one before it ended
    const line = previousEnd + 1;
    previousEnd = info.lines;
    if (record.every((cell) => cell.trim() === '')) continue;
    rows.push({ line, cells: record });
  }
  const [header, ...data] = rows;
  if (!header) return { ok: false, reason: 'empty', message: 'The file is empty.' };
  return { ok: true, table: { headers: header.cells.map((h) => h.trim()), rows: data } };
}
