// The event's program for organizers: the sessions as they are now, by day and time, and the
// forms that import a new or updated program from a file or a web address.
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { ProgramEntry } from '../../src/domain/program.ts';
import { formatClock, formatDay } from '../format.ts';
import { Layout } from '../layout.tsx';
import { groupProgram } from '../program-days.ts';
import { AdminTopBar, eventPath, NoticeBanner, type Notice } from './chrome.tsx';

export type ProgramEvent = Pick<Event, 'slug' | 'name' | 'timezone' | 'startsOn' | 'endsOn'>;

/** An import that was refused before any preview: what was tried and why, to show by the form. */
export type ImportRefused = { source: 'file' | 'url'; message: string; url?: string; allowFetch?: boolean };

export type ProgramPageProps = {
  organizer: SignedInOrganizer;
  event: ProgramEvent;
  sessions: ProgramEntry[];
  notice?: Notice | undefined;
  refused?: ImportRefused | undefined;
};

export const programPath = (slug: string) => `${eventPath(slug)}/program`;

function ImportForms({ event, refused }: { event: ProgramEvent; refused: ImportRefused | undefined }) {
  const action = `${programPath(event.slug)}/import`;
  const fileError = refused?.source === 'file' ? refused.message : undefined;
  const urlError = refused?.source === 'url' ? refused.message : undefined;
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import a program</h2>
      <p>
        From your conference system's export — the schedule JSON or XML that pretalx and frab publish, an iCalendar
        (.ics) feed — or a spreadsheet saved as CSV. You see every change before anything is saved; importing the file
        again later updates the sessions in place.
      </p>
      {refused && (
        <div class="banner error" role="alert" id="import-error">
          Nothing was imported. {refused.message}
        </div>
      )}
      <div class="import-forms">
        <form method="post" action={action} enctype="multipart/form-data" class="card" id="import-file">
          <input type="hidden" name="source" value="file" />
          <div class="field">
            <label for="program-file">Schedule file</label>
            <span class="hint" id="program-file-hint">
              schedule.json, schedule.xml, .ics or .csv; up to 8 MB.
            </span>
            <input
              id="program-file"
              type="file"
              name="file"
              accept=".json,.xml,.ics,.ical,.csv,.txt,.tsv,application/json,text/xml,text/calendar,text/csv"
              aria-describedby={fileError ? 'program-file-hint import-error' : 'program-file-hint'}
              aria-invalid={fileError ? 'true' : undefined}
              required
            />
          </div>
          <button type="submit">Read the file</button>
        </form>
        <form method="post" action={action} enctype="multipart/form-data" class="card" id="import-url">
          <input type="hidden" name="source" value="url" />
          <div class="field">
            <label for="program-url">Web address of the schedule</label>
            <span class="hint" id="program-url-hint">
              For example https://pretalx.example.org/conf/schedule/export/schedule.json
            </span>
            <input
              id="program-url"
              type="url"
              name="url"
              value={refused?.url}
              aria-describedby={urlError ? 'program-url-hint import-error' : 'program-url-hint'}
              aria-invalid={urlError ? 'true' : undefined}
              required
            />
          </div>
          <div class="field">
            <label class="choice" for="program-allow-fetch">
              <input id="program-allow-fetch" type="checkbox" name="allowFetch" value="yes" checked={refused?.allowFetch ?? false} />
              Let Buddydesk fetch this address from the server
            </label>
          </div>
          <button type="submit">Fetch and read</button>
        </form>
      </div>
    </section>
  );
}

function SessionRow({ s }: { s: ProgramEntry }) {
  const retired = s.retiredAt !== null;
  return (
    <tr class={retired ? 'retired' : undefined}>
      <td>
        {formatClock(s.startsAt)} – {formatClock(s.endsAt)}
        {s.endsAt.slice(0, 10) !== s.startsAt.slice(0, 10) && <span class="muted"> (next day)</span>}
      </td>
      <td>
        {s.title}
        {retired && <span class="flag warn">No longer offered; kept for those who planned it</span>}
      </td>
      <td>{s.room}</td>
      <td>{s.track}</td>
      <td class="num">{s.plannedBy}</td>
      <td>{s.code}</td>
    </tr>
  );
}

function CurrentProgram({ event, sessions }: { event: ProgramEvent; sessions: ProgramEntry[] }) {
  const offered = sessions.filter((s) => s.retiredAt === null).length;
  return (
    <section aria-labelledby="program-heading">
      <h2 id="program-heading">The program now</h2>
      {sessions.length === 0 ? (
        <p>There is no program yet. Import one above; people then pick the sessions they plan to attend.</p>
      ) : (
        <p class="muted">
          {offered} {offered === 1 ? 'session' : 'sessions'} offered
          {sessions.length > offered && `, ${sessions.length - offered} no longer offered`}. Times in {event.timezone}.
        </p>
      )}
      {[...groupProgram(sessions)].map(([day, slots]) => (
        <>
          <h3>{formatDay(day)}</h3>
          <div class="table-wrap" tabindex={0} role="region" aria-label={`Sessions on ${formatDay(day)}`}>
            <table class="program-day">
              <caption class="visually-hidden">Sessions on {formatDay(day)}</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Session</th>
                  <th scope="col">Room</th>
                  <th scope="col">Track</th>
                  <th scope="col" class="num">
                    Planned by
                  </th>
                  <th scope="col">Code</th>
                </tr>
              </thead>
              <tbody>
                {[...slots.values()].flat().map((s) => (
                  <SessionRow s={s} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ))}
    </section>
  );
}

export function ProgramPage({ organizer, event, sessions, notice, refused }: ProgramPageProps) {
  return (
    <Layout title={`Program · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={eventPath(event.slug)}>← {event.name} dashboard</a>
        </p>
        <h1>Program</h1>
        <NoticeBanner notice={notice} id="program-message" />
        <ImportForms event={event} refused={refused} />
        <CurrentProgram event={event} sessions={sessions} />
      </main>
    </Layout>
  );
}
