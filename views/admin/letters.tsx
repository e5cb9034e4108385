// Recognition letters for organizers: what the letters say (association, signer, a short text),
// which volunteers get one, and every letter on its own printed page.
import type { LetterSettings } from '../../db/schema.ts';
import type { Event } from '../../src/domain/events.ts';
import type { LetterSettingsField, LetterView } from '../../src/domain/letters.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { Field } from '../field.tsx';
import { Layout } from '../layout.tsx';
import { Letter, type LetterProps } from '../letter.tsx';
import { AdminTopBar, eventPath, NoticeBanner, type Notice } from './chrome.tsx';

export const lettersPath = (slug: string) => `${eventPath(slug)}/letters`;

export type LettersPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name'>;
  settings: LetterSettings;
  errors?: Partial<Record<LetterSettingsField, string>>;
  letters: (LetterView & { verifyPath: string })[];
  notice?: Notice | undefined;
};

export function LettersPage({ organizer, event, settings, errors = {}, letters, notice }: LettersPageProps) {
  const base = lettersPath(event.slug);
  const missing = !settings.association || !settings.signerName;
  return (
    <Layout title={`Letters · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={eventPath(event.slug)}>← {event.name} dashboard</a>
        </p>
        <h1>Letters of recognition</h1>
        <NoticeBanner notice={notice} id="letters-message" />
        {Object.keys(errors).length > 0 && (
          <div class="banner error" role="alert">
            Please fix the fields marked below. Nothing was saved.
          </div>
        )}
        <p>
          Every volunteer who welcomed a first-timer, or checked in ready to, gets a letter: their name, the event and its
          dates, the first-timers they welcomed (first name and initial) and how many meetups were confirmed, with an
          address that shows the letter is genuine. Volunteers open theirs from their personal page once the event is over.
        </p>

        <section aria-labelledby="letter-settings-heading">
          <h2 id="letter-settings-heading">What the letters say</h2>
          {missing && (
            <p class="banner warn" id="letter-settings-missing">
              Add the association's name and the signer before printing: without them the letters are signed with the
              event's name and an empty signature line.
            </p>
          )}
          <form method="post" action={`${base}/settings`} class="card" id="letter-settings" novalidate>
            <Field
              id="letter-association"
              name="association"
              label="Association"
              hint="Who thanks the volunteers, e.g. “Riverlands Library Association”."
              value={settings.association}
              error={errors.association}
            />
            <Field id="letter-signer" name="signerName" label="Signer's name" value={settings.signerName} error={errors.signerName} />
            <Field
              id="letter-title"
              name="signerTitle"
              label="Signer's title"
              hint="E.g. “Chair, New Members Round Table”."
              value={settings.signerTitle}
              error={errors.signerTitle}
            />
            <div class="field">
              <label for="letter-text">A short text of thanks</label>
              <span class="hint" id="letter-text-hint">
                A paragraph or two in the committee's own words; a blank line starts a new paragraph. Up to 1500 characters.
              </span>
              <textarea
                id="letter-text"
                name="text"
                rows={5}
                aria-invalid={errors.text ? 'true' : undefined}
                aria-describedby={errors.text ? 'letter-text-hint letter-text-error' : 'letter-text-hint'}
              >
                {settings.text}
              </textarea>
              {errors.text && (
                <p class="field-error" id="letter-text-error">
                  {errors.text}
                </p>
              )}
            </div>
            <button type="submit">Save</button>
          </form>
        </section>

        <section aria-labelledby="letters-heading">
          <h2 id="letters-heading">Volunteers' letters</h2>
          {letters.length === 0 ? (
            <p>No volunteer has served yet, so there are no letters.</p>
          ) : (
            <>
              <p class="actions">
                <a class="button" href={`${base}/print`}>
                  Print all {letters.length} letters
                </a>
                <span class="muted small">One page per letter; use your browser's Print, or “Save as PDF”.</span>
              </p>
              <div class="table-wrap" tabindex={0} role="region" aria-label="Volunteers' letters">
                <table id="letters">
                  <caption class="visually-hidden">Volunteers and their letters</caption>
                  <thead>
                    <tr>
                      <th scope="col">Volunteer</th>
                      <th scope="col" class="num">
                        First-timers
                      </th>
                      <th scope="col" class="num">
                        Meetups confirmed
                      </th>
                      <th scope="col">Letter</th>
                    </tr>
                  </thead>
                  <tbody>
                    {letters.map((l) => (
                      <tr>
                        <td>{l.volunteer.name}</td>
                        <td class="num">{l.firstTimers.length}</td>
                        <td class="num">{l.meetupsConfirmed}</td>
                        <td>
                          <a href={`${base}/print?volunteer=${l.volunteer.id}`}>
                            Print<span class="visually-hidden"> the letter for {l.volunteer.name}</span>
                          </a>{' '}
                          · <a href={l.verifyPath}>Verification page<span class="visually-hidden"> of {l.volunteer.name}</span></a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      </main>
    </Layout>
  );
}

/** Every letter (or one), each on its own page when printed. */
export function LettersPrintPage(props: { event: Pick<Event, 'slug' | 'name'>; letters: LetterProps[] }) {
  return (
    <Layout title={`Letters · ${props.event.name}`}>
      <div class="letter-tools no-print">
        <a href={lettersPath(props.event.slug)}>← Letters</a>
        <p class="muted small">
          {props.letters.length} {props.letters.length === 1 ? 'letter' : 'letters'}, one per page. Use your browser's Print, or
          choose “Save as PDF” there.
        </p>
      </div>
      <main class="letters">
        {props.letters.map((l) => (
          <Letter {...l} />
        ))}
      </main>
    </Layout>
  );
}
