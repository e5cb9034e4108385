// What the spreadsheet imports (the program, pre-registrations) share: the mapping step — a select
// per field prefilled with the guessed column, the sheet's first rows to check it against — and
// the capped tables their previews list rows in.
import type { Child } from 'hono/jsx';
import type { CsvRow } from '../../src/domain/csv-table.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar } from './chrome.tsx';

// a preview of thousands of rows stays a page of readable length; its counts say how many there are
export const shownRows = 300;

const columnName = (headers: string[], c: number) => `Column ${c + 1}: ${headers[c] || '(no header)'}`;
const cut = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A sheet as the mapping step shows it: its header, its first rows and how many rows it has. */
export type SheetSample = { headers: string[]; sample: CsvRow[]; rowCount: number };

export type ColumnChoice<F extends string> = {
  fields: readonly F[];
  labels: Record<F, string>;
  /** fields the import cannot do without, marked so on their select */
  required: readonly F[];
  headers: string[];
  columns: Partial<Record<F, number>>;
};

/** One select per field; its value is the column's index, or empty for "not in this sheet". */
function ColumnSelects<F extends string>({ fields, labels, required, headers, columns }: ColumnChoice<F>) {
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

/** Rows in a table of their own section, at most `shownRows` of them, the rest counted below. */
export function CappedTable<T>(props: { id: string; heading?: string; label: string; columns: string[]; numeric?: number[]; rows: readonly T[]; row: (item: T) => Child }) {
  const numeric = new Set(props.numeric ?? []);
  const table = (
    <>
      <div class="table-wrap" tabindex={0} role="region" aria-label={props.label}>
        <table id={props.id}>
          <thead>
            <tr>
              {props.columns.map((c, i) => (
                <th scope="col" class={numeric.has(i) ? 'num' : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{props.rows.slice(0, shownRows).map(props.row)}</tbody>
        </table>
      </div>
      {props.rows.length > shownRows && <p class="muted">… and {props.rows.length - shownRows} more.</p>}
    </>
  );
  if (!props.heading) return table;
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.heading}</h2>
      {table}
    </section>
  );
}

function SampleRows({ headers, sample, rowCount }: SheetSample) {
  return (
    <CappedTable
      id="sample"
      heading={`The first ${sample.length} of ${plural(rowCount, 'row')}`}
      label="The first rows of the sheet"
      columns={['Line', ...headers.map((_, c) => columnName(headers, c).replace(/^Column (\d+): /, '$1 · '))]}
      numeric={[0]}
      rows={sample}
      row={(r) => (
        <tr>
          <td class="num">{r.line}</td>
          {headers.map((_, c) => (
            <td>{cut(r.cells[c] ?? '')}</td>
          ))}
        </tr>
      )}
    />
  );
}

export type MappingStepProps<F extends string> = Omit<ColumnChoice<F>, 'headers'> & {
  organizer: SignedInOrganizer;
  /** the page's title after "Which column is which", e.g. "Program · Riverlands 2026" */
  title: string;
  back: { href: string; label: string };
  action: string;
  /** the file name or web address the sheet came from */
  source: string;
  csv: string;
  sheet: SheetSample;
  /** a sentence after the standard introduction, e.g. which time zone times are read in */
  note?: string;
  /** what a refusal says happened: "Nothing was imported." */
  refusedLead: string;
  /** what the mapping lacks, or why the sheet cannot be read with it */
  problems: string[];
  /** a table of rows to fix, when the refusal is about rows */
  rowProblems?: Child;
  /** the importer's own setting below the columns (how dates read, a role for everyone) */
  children?: Child;
};

/** The mapping step: check the guessed columns against the first rows, correct them, continue. */
export function MappingStepPage<F extends string>(props: MappingStepProps<F>) {
  return (
    <Layout title={`Which column is which · ${props.title} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={props.organizer} />
      <main>
        <p>
          <a href={props.back.href}>← {props.back.label}</a>
        </p>
        <h1>Which column is which?</h1>
        <p>
          <strong>{props.source}</strong>: {plural(props.sheet.rowCount, 'row')}. The columns below are guessed from the sheet's
          header; check them against the first rows and correct any that are wrong.{props.note ? ` ${props.note}` : ''}
        </p>
        {props.problems.length > 0 && (
          <div class="banner error" role="alert" id="mapping-error">
            <p>{props.refusedLead}</p>
            <ul>
              {props.problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {props.rowProblems}
        <form method="post" action={props.action} class="card" id="mapping">
          <input type="hidden" name="csv" value={props.csv} />
          <input type="hidden" name="source" value={props.source} />
          <ColumnSelects fields={props.fields} labels={props.labels} required={props.required} headers={props.sheet.headers} columns={props.columns} />
          {props.children}
          <p class="actions">
            <button type="submit">Continue to the preview</button>
            <a class="button quiet" href={props.back.href}>
              Cancel
            </a>
          </p>
        </form>
        <SampleRows {...props.sheet} />
      </main>
    </Layout>
  );
}
