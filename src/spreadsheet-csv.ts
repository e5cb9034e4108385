import { stringify } from 'csv-stringify/sync';

// A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
// (OWASP "CSV injection"); a leading apostrophe makes it plain text and is not shown.
const formulaStart = /^[=+\-@\t\r]/;

export const spreadsheetSafe = (value: string) => (formulaStart.test(value) ? `'${value}` : value);

/**
 * CSV that spreadsheets open safely: UTF-8 with a byte-order mark (so Excel reads accents), every
 * field quoted as needed, and text that would start a formula made plain.
 */
export function spreadsheetCsv(header: string[], rows: (string | number | null)[][]): string {
  return stringify([header, ...rows], {
    bom: true,
    record_delimiter: 'windows',
    cast: { string: spreadsheetSafe },
  });
}
