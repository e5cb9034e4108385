// The mapping step of a spreadsheet import (the program, pre-registrations): a select per field,
// prefilled with the guessed column, and the sheet's first rows to check the guess against.
import type { CsvRow } from '../../src/domain/csv-table.ts';

export type ColumnChoice<F extends string> = {
  fields: readonly F[];
  labels: Record<F, string>;
  /** fields the import cannot do without, marked so on their select */
  required?: readonly F[];
  headers: string[];
  columns: Partial<Record<F, number>>;
};

const columnName = (headers: string[], c: number) => `Column ${c + 1}: ${headers[c] || '(no header)'}`;

/** One select per field; its value is the column's index, or empty for "not in this sheet". */
export function ColumnSelects<F extends string>({ fields, labels, required = [], headers, columns }: ColumnChoice<F>) {
  return (
    <div class="mapping-grid">
      {fields.map((field) => (
        <div class="field">
          <label for={`column-${field}`}>
            {labels[field]}
            {required.includes(field) && <span class="muted"> (needed)</span>}
          </label>
          <select id={`column-${field}`} name={`column.${field}`}>
            <option value="">— not in this sheet —</option>
            {headers.map((_, c) => (
              <option value={String(c)} selected={columns[field] === c}>
                {columnName(headers, c)}
              </option>
            ))}
          </select>
        </div>
      ))}
    </div>
  );
}

/** The sheet's first rows under its own header, with the line each starts on. */
export function SampleRows({ headers, sample, rowCount }: { headers: string[]; sample: CsvRow[]; rowCount: number }) {
  return (
    <section aria-labelledby="sample-heading">
      <h2 id="sample-heading">
        The first {sample.length} of {rowCount} rows
      </h2>
      <div class="table-wrap" tabindex={0} role="region" aria-label="The first rows of the sheet">
        <table class="sample">
          <caption class="visually-hidden">The first rows of the sheet, as read</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              {headers.map((h, c) => (
                <th scope="col">{columnName(headers, c).replace(/^Column (\d+): /, '$1 · ')}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sample.map((row) => (
              <tr>
                <td class="num">{row.line}</td>
                {headers.map((_, c) => (
                  <td>{cut(row.cells[c] ?? '')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const cut = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
