// The two steps between reading a program file and saving it: which CSV column is which, and the
// preview of what the import would add, change and remove, with Apply and Cancel.
import type { CsvField, CsvMapping, FieldChange, ProgramFormat, ProgramImportPlan } from '../../src/domain/program-import/index.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { formatClock, formatDay, plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar } from './chrome.tsx';
import { CappedTable, MappingStepPage, type SheetSample } from './import-steps.tsx';
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
  sheet: SheetSample;
  fields: readonly CsvField[];
  labels: Record<CsvField, string>;
  mapping: CsvMapping;
  /** what the mapping still lacks, or the row that cannot be read with it */
  problems: string[];
};

export function CsvMappingPage(props: CsvMappingPageProps) {
  const { event, mapping } = props;
  return (
    <MappingStepPage
      organizer={props.organizer}
      title={`Program · ${event.name}`}
      back={{ href: programPath(event.slug), label: 'Program' }}
      action={`${programPath(event.slug)}/import/mapping`}
      source={props.source}
      csv={props.csv}
      sheet={props.sheet}
      fields={props.fields}
      labels={props.labels}
      required={['title', 'start']}
      columns={mapping.columns}
      note={`Times are read as ${event.timezone} unless a cell gives its own offset.`}
      refusedLead="Nothing was imported."
      problems={props.problems}
    >
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
    </MappingStepPage>
  );
}

const when = (wall: string) => `${formatDay(wall)}, ${formatClock(wall)}`;

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
        <CappedTable
          id="added"
          heading="To add"
          label="Sessions to add"
          columns={['When', 'Session', 'Room', 'Track']}
          rows={plan.added}
          row={(s) => (
            <tr>
              <td>
                {when(s.startsAt)} – {formatClock(s.endsAt)}
              </td>
              <td>{s.title}</td>
              <td>{s.room}</td>
              <td>{s.track}</td>
            </tr>
          )}
        />
      )}
      {plan.changed.length > 0 && (
        <CappedTable
          id="changed"
          heading="To change"
          label="Sessions to change"
          columns={['Session', 'What changes']}
          rows={plan.changed}
          row={(c) => (
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
          )}
        />
      )}
      {plan.removed.length > 0 && (
        <CappedTable
          id="removed"
          heading="Not in the file any more"
          label="Sessions not in the file any more"
          columns={['When', 'Session', 'Room', 'What happens']}
          rows={plan.removed}
          row={(r) => (
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
          )}
        />
      )}
    </>
  );
}
