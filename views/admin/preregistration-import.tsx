// The steps of a pre-registration import after the upload: which column is which, then everyone
// who would be added (or every row that needs fixing), with Add and Cancel.
import type { CsvRow } from '../../src/domain/csv-table.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { PeoplePlan } from '../../src/domain/preregistration.ts';
import type { PeopleField, PeopleMapping, RowProblem } from '../../src/domain/preregistration-sheet.ts';
import { plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar } from './chrome.tsx';
import { ColumnSelects, SampleRows } from './csv-mapping.tsx';
import { preregistrationPath, type PreregistrationEvent } from './preregistration.tsx';

export type PeopleMappingPageProps = {
  organizer: SignedInOrganizer;
  event: PreregistrationEvent;
  source: string;
  csv: string;
  headers: string[];
  sample: CsvRow[];
  rowCount: number;
  fields: readonly PeopleField[];
  labels: Record<PeopleField, string>;
  mapping: PeopleMapping;
  /** what the mapping lacks, or why the sheet cannot be read with it */
  problems: string[];
  /** rows that need fixing, each by its line and field */
  rowProblems: RowProblem[];
};

// a sheet of thousands keeps a page of a readable length; the count says how many there are
const shownRows = 200;

function RowProblems({ problems }: { problems: RowProblem[] }) {
  return (
    <section aria-labelledby="problems-heading">
      <h2 id="problems-heading">Rows to fix</h2>
      <div class="table-wrap" tabindex={0} role="region" aria-label="Rows to fix">
        <table id="row-problems">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, shownRows).map((p) => (
              <tr>
                <td class="num">{p.line}</td>
                <td>{p.field}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > shownRows && <p class="muted">… and {problems.length - shownRows} more.</p>}
    </section>
  );
}

export function PeopleMappingPage(props: PeopleMappingPageProps) {
  const { event, mapping } = props;
  const base = preregistrationPath(event.slug);
  const failed = props.problems.length > 0 || props.rowProblems.length > 0;
  return (
    <Layout title={`Which column is which · Pre-registration · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={props.organizer} />
      <main>
        <p>
          <a href={base}>← Pre-registration</a>
        </p>
        <h1>Which column is which?</h1>
        <p>
          <strong>{props.source}</strong>: {plural(props.rowCount, 'row')}. The columns below are guessed from the sheet's
          header; check them against the first rows and correct any that are wrong.
        </p>
        {failed && (
          <div class="banner error" role="alert" id="mapping-error">
            <p>Nobody was added.</p>
            {props.problems.length > 0 && (
              <ul>
                {props.problems.map((p) => (
                  <li>{p}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {props.rowProblems.length > 0 && <RowProblems problems={props.rowProblems} />}
        <form method="post" action={`${base}/import/mapping`} class="card" id="mapping">
          <input type="hidden" name="csv" value={props.csv} />
          <input type="hidden" name="source" value={props.source} />
          <ColumnSelects fields={props.fields} labels={props.labels} required={['name', 'role']} headers={props.headers} columns={mapping.columns} />
          <div class="field">
            <label for="default-role">People with no role in the sheet are</label>
            <select id="default-role" name="defaultRole">
              <option value="">— a row to fix —</option>
              <option value="first_timer" selected={mapping.defaultRole === 'first_timer'}>
                first-timers
              </option>
              <option value="volunteer" selected={mapping.defaultRole === 'volunteer'}>
                volunteers
              </option>
            </select>
          </div>
          <p class="actions">
            <button type="submit">Continue to the preview</button>
            <a class="button quiet" href={base}>
              Cancel
            </a>
          </p>
        </form>
        <SampleRows headers={props.headers} sample={props.sample} rowCount={props.rowCount} />
      </main>
    </Layout>
  );
}

export type PeoplePreviewPageProps = {
  organizer: SignedInOrganizer;
  event: PreregistrationEvent;
  source: string;
  plan: PeoplePlan;
};

export function PeoplePreviewPage({ organizer, event, source, plan }: PeoplePreviewPageProps) {
  const base = preregistrationPath(event.slug);
  const volunteers = plan.people.filter((p) => p.role === 'volunteer').length;
  return (
    <Layout title={`Check the people · Pre-registration · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={base}>← Pre-registration</a>
        </p>
        <h1>Check the people</h1>
        <p id="people-counts">
          <strong>{source}</strong>: {plural(plan.people.length, 'person', 'people')} to add —{' '}
          {plural(plan.people.length - volunteers, 'first-timer')} and {plural(volunteers, 'volunteer')}. Each gets a
          personal page and a desk code. Nobody is added until you press Add.
        </p>
        <form method="post" action={`${base}/import/apply`} class="actions" id="apply">
          <input type="hidden" name="plan" value={JSON.stringify(plan)} />
          <input type="hidden" name="source" value={source} />
          <button type="submit">Add {plural(plan.people.length, 'person', 'people')}</button>
          <a class="button quiet" href={base}>
            Cancel
          </a>
        </form>
        <div class="table-wrap" tabindex={0} role="region" aria-label="People to add">
          <table id="people-to-add">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Library type</th>
                <th scope="col">Region</th>
                <th scope="col">Interests</th>
                <th scope="col">Languages</th>
                <th scope="col" class="num">
                  Capacity
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.people.slice(0, shownRows).map((p) => (
                <tr>
                  <td class="num">{p.line}</td>
                  <td>{p.name}</td>
                  <td>{p.email ?? ''}</td>
                  <td>{p.role === 'volunteer' ? 'volunteer' : 'first-timer'}</td>
                  <td>{p.libraryType}</td>
                  <td>{p.region}</td>
                  <td>{p.interests.join('; ')}</td>
                  <td>{p.languages.join('; ')}</td>
                  <td class="num">{p.role === 'volunteer' ? p.capacity : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {plan.people.length > shownRows && <p class="muted">… and {plan.people.length - shownRows} more.</p>}
      </main>
    </Layout>
  );
}
