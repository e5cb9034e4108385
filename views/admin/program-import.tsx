// The two steps between reading a program file and saving it: which CSV column is which, and the
// preview of what the import would add, change and remove, with Apply and Cancel.
import type { CsvField, CsvMapping, FieldChange, ProgramFormat, ProgramImportPlan } from '../../src/domain/program-import/index.ts';
import type { CsvRow } from '../../src/domain/csv-table.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { formatClock, formatDay, plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar } from './chrome.tsx';
import { ColumnSelects, SampleRows } from './csv-mapping.tsx';
import { programPath, type ProgramEvent } from './program.tsx';

export const formatNames: Record<ProgramFormat, string> = {
  'frab-json': 'schedule JSON (pretalx, frab)',
  'frab-xml': 'schedule XML (frab, pretalx)',
  ical: 'iCalendar',
  csv: 'CSV',
};

export type CsvMappingPageProps = {
  organizer: SignedInOrganizer;
  event: ProgramEvent;
  /** the file name or web address, to say what is being imported */
  source: string;
  csv: string;
  headers: string[];
  sample: CsvRow[];
  rowCount: number;
  fields: readonly CsvField[];
  labels: Record<CsvField, string>;
  mapping: CsvMapping;
  /** what the mapping still lacks, or the row that cannot be read with it */
  problems: string[];
};

export function CsvMappingPage(props: CsvMappingPageProps) {
  const { event, mapping } = props;
  return (
    <Layout title={`Which column is which · Program · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={props.organizer} />
      <main>
        <p>
          <a href={programPath(event.slug)}>← Program</a>
        </p>
        <h1>Which column is which?</h1>
        <p>
          <strong>{props.source}</strong>: {props.rowCount} {props.rowCount === 1 ? 'row' : 'rows'}. The columns below are
          guessed from the sheet's header; check them against the first rows and correct any that are wrong. Times are read
          as {event.timezone} unless a cell gives its own offset.
        </p>
        {props.problems.length > 0 && (
          <div class="banner error" role="alert" id="mapping-error">
            <p>Nothing was imported.</p>
            <ul>
              {props.problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </div>
        )}
        <form method="post" action={`${programPath(event.slug)}/import/mapping`} class="card" id="mapping">
          <input type="hidden" name="csv" value={props.csv} />
          <input type="hidden" name="source" value={props.source} />
          <ColumnSelects fields={props.fields} labels={props.labels} required={['title', 'start']} headers={props.headers} columns={mapping.columns} />
          <div class="field">
            <label for="date-order">Dates such as 03/04/2026 are</label>
            <select id="date-order" name="dateOrder">
              <option value="mdy" selected={mapping.dateOrder === 'mdy'}>
                month/day/year (March 4)
              </option>
              <option value="dmy" selected={mapping.dateOrder === 'dmy'}>
                day/month/year (3 April)
              </option>
            </select>
          </div>
          <p class="actions">
            <button type="submit">Continue to the preview</button>
            <a class="button quiet" href={programPath(event.slug)}>
              Cancel
            </a>
          </p>
        </form>
        <SampleRows headers={props.headers} sample={props.sample} rowCount={props.rowCount} />
      </main>
    </Layout>
  );
}

const when = (wall: string) => `${formatDay(wall)}, ${formatClock(wall)}`;
// a preview of thousands of sessions stays a page; the counts above say how many there are
const shownPerList = 300;

function describeChange(c: FieldChange): string {
  switch (c.field) {
    case 'title':
      return `Title: “${c.from}” → “${c.to}”`;
    case 'startsAt':
      return `Starts: ${when(c.from)} → ${when(c.to)}`;
    case 'endsAt':
      return `Ends: ${when(c.from)} → ${when(c.to)}`;
    case 'room':
      return `Room: ${c.from || '(none)'} → ${c.to || '(none)'}`;
    case 'track':
      return `Track: ${c.from || '(none)'} → ${c.to || '(none)'}`;
    case 'description':
      return 'New description';
    case 'sourceId':
      return `Linked to the file's id ${c.to}`;
    case 'retired':
      return 'Offered again';
  }
}

function More({ total }: { total: number }) {
  return total > shownPerList ? <p class="muted">… and {total - shownPerList} more.</p> : null;
}

export type ProgramPreviewPageProps = {
  organizer: SignedInOrganizer;
  event: ProgramEvent;
  source: string;
  format: ProgramFormat;
  plan: ProgramImportPlan;
  /** set when applying found the program changed since the last preview: this is the new one */
  stale?: string | undefined;
};

export function ProgramPreviewPage({ organizer, event, source, format, plan, stale }: ProgramPreviewPageProps) {
  const retired = plan.removed.filter((r) => r.outcome === 'retire');
  const deleted = plan.removed.length - retired.length;
  const nothing = plan.added.length === 0 && plan.changed.length === 0 && plan.removed.length === 0;
  return (
    <Layout title={`Check the changes · Program · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={programPath(event.slug)}>← Program</a>
        </p>
        <h1>Check the changes</h1>
        <p>
          <strong>{source}</strong> ({formatNames[format]}): {plural(plan.sessions.length, 'session')}. Times in{' '}
          {event.timezone}. Nothing is saved until you apply.
        </p>
        {stale && (
          <div class="banner error" role="alert" id="preview-stale">
            {stale}
          </div>
        )}
        {plan.warnings.map((w) => (
          <div class="banner warn" role="status">
            {w}
          </div>
        ))}
        <ul class="plan-counts" id="plan-counts">
          <li>
            <strong>{plan.added.length}</strong> to add
          </li>
          <li>
            <strong>{plan.changed.length}</strong> to change
          </li>
          <li>
            <strong>{deleted}</strong> to delete
          </li>
          <li>
            <strong>{retired.length}</strong> to keep for those who planned them, no longer offered
          </li>
          <li>
            <strong>{plan.unchanged}</strong> unchanged
          </li>
        </ul>
        {nothing ? (
          <div class="banner ok" role="status" id="preview-nothing">
            Nothing would change: the program already matches this file.{' '}
            <a href={programPath(event.slug)}>Back to the program</a>
          </div>
        ) : (
          <form method="post" action={`${programPath(event.slug)}/import/apply`} class="actions" id="apply">
            <input type="hidden" name="plan" value={JSON.stringify(plan)} />
            <input type="hidden" name="source" value={source} />
            <input type="hidden" name="format" value={format} />
            <button type="submit">Apply these changes</button>
            <a class="button quiet" href={programPath(event.slug)}>
              Cancel
            </a>
          </form>
        )}
        <PlanLists plan={plan} />
      </main>
    </Layout>
  );
}

function PlanLists({ plan }: { plan: ProgramImportPlan }) {
  return (
    <>
      {plan.added.length > 0 && (
        <section aria-labelledby="added-heading">
          <h2 id="added-heading">To add</h2>
          <div class="table-wrap" tabindex={0} role="region" aria-label="Sessions to add">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Session</th>
                  <th scope="col">Room</th>
                  <th scope="col">Track</th>
                </tr>
              </thead>
              <tbody>
                {plan.added.slice(0, shownPerList).map((s) => (
                  <tr>
                    <td>
                      {when(s.startsAt)} – {formatClock(s.endsAt)}
                    </td>
                    <td>{s.title}</td>
                    <td>{s.room}</td>
                    <td>{s.track}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More total={plan.added.length} />
        </section>
      )}
      {plan.changed.length > 0 && (
        <section aria-labelledby="changed-heading">
          <h2 id="changed-heading">To change</h2>
          <div class="table-wrap" tabindex={0} role="region" aria-label="Sessions to change">
            <table>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">What changes</th>
                </tr>
              </thead>
              <tbody>
                {plan.changed.slice(0, shownPerList).map((c) => (
                  <tr>
                    <td>{c.title}</td>
                    <td>
                      <ul class="changes">
                        {c.changes.map((x) => (
                          <li>{describeChange(x)}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More total={plan.changed.length} />
        </section>
      )}
      {plan.removed.length > 0 && (
        <section aria-labelledby="removed-heading">
          <h2 id="removed-heading">Not in the file any more</h2>
          <div class="table-wrap" tabindex={0} role="region" aria-label="Sessions not in the file any more">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Session</th>
                  <th scope="col">Room</th>
                  <th scope="col">What happens</th>
                </tr>
              </thead>
              <tbody>
                {plan.removed.slice(0, shownPerList).map((r) => (
                  <tr>
                    <td>{when(r.startsAt)}</td>
                    <td>{r.title}</td>
                    <td>{r.room}</td>
                    <td>
                      {r.outcome === 'delete'
                        ? 'Deleted (nobody planned it)'
                        : `Kept for the ${plural(r.plannedBy, 'person', 'people')} who planned it; no longer offered`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More total={plan.removed.length} />
        </section>
      )}
    </>
  );
}
