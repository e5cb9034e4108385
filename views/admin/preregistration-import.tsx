// The steps of a pre-registration import after the upload: which column is which, then everyone
// who would be added (or every row that needs fixing), with Add and Cancel.
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { PeoplePlan } from '../../src/domain/preregistration.ts';
import type { PeopleField, PeopleMapping, RowProblem } from '../../src/domain/preregistration-sheet.ts';
import { plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar } from './chrome.tsx';
import { CappedTable, MappingStepPage, type SheetSample } from './import-steps.tsx';
import { preregistrationPath, type PreregistrationEvent } from './preregistration.tsx';

export type PeopleMappingPageProps = {
  organizer: SignedInOrganizer;
  event: PreregistrationEvent;
  source: string;
  csv: string;
  sheet: SheetSample;
  fields: readonly PeopleField[];
  labels: Record<PeopleField, string>;
  mapping: PeopleMapping;
  /** what the mapping lacks, or why the sheet cannot be read with it */
  problems: string[];
  /** rows that need fixing, each by its line and field */
  rowProblems: RowProblem[];
};

function RowProblems({ problems }: { problems: RowProblem[] }) {
  return (
    <CappedTable
      id="row-problems"
      heading="Rows to fix"
      label="Rows to fix"
      columns={['Line', 'Field', 'Problem']}
      numeric={[0]}
      rows={problems}
      row={(p) => (
        <tr>
          <td class="num">{p.line}</td>
          <td>{p.field}</td>
          <td>{p.message}</td>
        </tr>
      )}
    />
  );
}

export function PeopleMappingPage(props: PeopleMappingPageProps) {
  const { event, mapping } = props;
  const base = preregistrationPath(event.slug);
  const refused = props.problems.length > 0 ? props.problems : props.rowProblems.length > 0 ? ['Fix the rows below in the sheet and upload it again.'] : [];
  return (
    <MappingStepPage
      organizer={props.organizer}
      title={`Pre-registration · ${event.name}`}
      back={{ href: base, label: 'Pre-registration' }}
      action={`${base}/import/mapping`}
      source={props.source}
      csv={props.csv}
      sheet={props.sheet}
      fields={props.fields}
      labels={props.labels}
      required={[]}
      columns={mapping.columns}
      refusedLead="Nobody was added."
      problems={refused}
      rowProblems={props.rowProblems.length > 0 ? <RowProblems problems={props.rowProblems} /> : undefined}
    >
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
    </MappingStepPage>
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
        <CappedTable
          id="people-to-add"
          label="People to add"
          columns={['Line', 'Name', 'E-mail', 'Role', 'Library type', 'Region', 'Interests', 'Languages', 'Capacity']}
          numeric={[0, 8]}
          rows={plan.people}
          row={(p) => (
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
          )}
        />
      </main>
    </Layout>
  );
}
