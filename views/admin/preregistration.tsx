// Pre-registration for organizers: import the people the association already registered, then
// hand out their personal links — a CSV for a mail merge, or a welcome e-mail each.
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { PreregistrationCounts } from '../../src/domain/preregistration.ts';
import { plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, NoticeBanner, type Notice } from './chrome.tsx';

export type PreregistrationEvent = Pick<Event, 'slug' | 'name'>;

export const preregistrationPath = (slug: string) => `${eventPath(slug)}/preregistration`;

export type PreregistrationPageProps = {
  organizer: SignedInOrganizer;
  event: PreregistrationEvent;
  counts: PreregistrationCounts;
  /** the labels a sheet's choices are matched against, to show before the upload */
  choices: { libraryTypes: string[]; regions: string[]; languages: string[]; interests: string[] };
  /** true when SMTP_URL is set; otherwise e-mails wait in the outbox */
  mailSending: boolean;
  notice?: Notice | undefined;
  /** an upload refused before the mapping step, and why */
  refused?: string | undefined;
  /** the welcome form was sent without its tick */
  welcomeError?: string | undefined;
};


function Choices({ label, list }: { label: string; list: string[] }) {
  return (
    <li>
      <strong>{label}:</strong> {list.length > 0 ? list.join(' · ') : 'any text'}
    </li>
  );
}

export function PreregistrationPage(props: PreregistrationPageProps) {
  const { event, counts, choices } = props;
  const base = preregistrationPath(event.slug);
  return (
    <Layout title={`Pre-registration · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={props.organizer} />
      <main>
        <p>
          <a href={eventPath(event.slug)}>← {event.name} dashboard</a>
        </p>
        <h1>Pre-registration</h1>
        <NoticeBanner notice={props.notice} id="preregistration-message" />

        <section aria-labelledby="import-heading">
          <h2 id="import-heading">Import people</h2>
          <p>
            A CSV of the people who already signed up for the buddy program — from your registration system or a
            spreadsheet — one person a row: name (or first and last name), e-mail, role (first-timer or volunteer), and if
            you have them library type, region, interests, languages, library or school, and how many first-timers each
            volunteer takes (1–3). You choose which column is which and see everyone before anyone is added; a sheet with a
            bad row adds nobody.
          </p>
          <details class="card">
            <summary>What choices are matched against (case does not matter)</summary>
            <ul>
              <Choices label="Library types" list={choices.libraryTypes} />
              <Choices label="Regions" list={choices.regions} />
              <Choices label="Interests" list={choices.interests} />
              <Choices label="Languages" list={choices.languages} />
            </ul>
            <p class="hint">Several interests or languages in one cell are separated by semicolons.</p>
          </details>
          {props.refused && (
            <div class="banner error" role="alert" id="import-error">
              Nobody was added. {props.refused}
            </div>
          )}
          <form method="post" action={`${base}/import`} enctype="multipart/form-data" class="card" id="import-file">
            <div class="field">
              <label for="people-file">Sheet of people (CSV)</label>
              <span class="hint" id="people-file-hint">
                Saved from a spreadsheet as CSV (UTF-8); up to 8 MB.
              </span>
              <input
                id="people-file"
                type="file"
                name="file"
                accept=".csv,.txt,.tsv,text/csv"
                aria-describedby={props.refused ? 'people-file-hint import-error' : 'people-file-hint'}
                aria-invalid={props.refused ? 'true' : undefined}
                required
              />
            </div>
            <button type="submit">Read the sheet</button>
          </form>
        </section>

        <section aria-labelledby="links-heading">
          <h2 id="links-heading">Their personal links</h2>
          {counts.people === 0 ? (
            <p>Nobody has been imported yet.</p>
          ) : (
            <>
              <p>
                {plural(counts.people, 'person', 'people')} imported ({plural(counts.firstTimers, 'first-timer')},{' '}
                {plural(counts.people - counts.firstTimers, 'volunteer')}); {counts.withEmail} with an e-mail address. Each has
                a personal page and a desk code; they are registered, and count as here once they check in at the desk.
              </p>
              <p class="actions">
                <a class="button secondary" href={`${base}/links.csv`} download>
                  Download the links (CSV)
                </a>
                <span class="hint">Name, e-mail, role, personal link and desk code, for a mail merge.</span>
              </p>
              <form method="post" action={`${base}/welcome`} class="card" id="welcome">
                <p>
                  Or let Buddydesk e-mail each of them their link and desk code.{' '}
                  {counts.welcomed > 0 && `${plural(counts.welcomed, 'welcome e-mail')} written so far; nobody gets a second one. `}
                  {props.mailSending ? 'They are sent at once.' : 'E-mail is not set up on this server, so they wait in the outbox.'}
                </p>
                {props.welcomeError && (
                  <p class="field-error" id="welcome-error">
                    {props.welcomeError}
                  </p>
                )}
                <div class="field">
                  <label class="choice" for="welcome-confirm">
                    <input
                      id="welcome-confirm"
                      type="checkbox"
                      name="confirm"
                      value="yes"
                      aria-invalid={props.welcomeError ? 'true' : undefined}
                      aria-describedby={props.welcomeError ? 'welcome-error' : undefined}
                    />
                    Yes, e-mail everyone imported their personal link
                  </label>
                </div>
                <button type="submit">Write the welcome e-mails</button>
              </form>
            </>
          )}
        </section>
      </main>
    </Layout>
  );
}
