// The matching weights: each one in plain words, and a preview of the same few example pairs
// scored with the current and the edited weights, side by side, before saving.
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { Shared, WeightKey, WeightPreview } from '../../src/domain/weights.ts';
import { plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, NoticeBanner, type Notice } from './chrome.tsx';

const weightWords: { key: WeightKey; label: string; hint: string }[] = [
  { key: 'interests', label: 'Each interest both picked', hint: 'Points for every interest the two have in common. Usually the strongest reason to pair people.' },
  { key: 'sessions', label: 'Each session both plan to attend', hint: 'Points for every program session both ticked: a buddy easy to find again.' },
  { key: 'libraryType', label: 'Same kind of library', hint: 'Points when both said and it is the same (public, academic, …). Negative prefers someone from another kind of library.' },
  { key: 'region', label: 'Same region', hint: 'Points when both said and it is the same. Negative prefers a buddy from somewhere else.' },
  { key: 'requested', label: 'The first-timer asked for this volunteer', hint: 'Points when a first-timer asked for this buddy by name.' },
  { key: 'extraSlot', label: 'Cost of a volunteer’s second first-timer', hint: 'Taken off for a volunteer’s second first-timer, twice that for the third, so buddies are spread before anyone gets two. 0 or more.' },
];

/** "3", "-1", "0.25": as typed, never "0.30000000000000004" or "-0". */
const points = (n: number) => {
  const rounded = Number(n.toFixed(6));
  return Object.is(rounded, -0) ? '0' : String(rounded);
};

function describeShared(s: Shared): string {
  const parts = [
    s.requested && 'asked for',
    s.interests > 0 && plural(s.interests, 'interest'),
    s.sessions > 0 && plural(s.sessions, 'session'),
    s.libraryType && 'same library type',
    s.region && 'same region',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'nothing counted';
}

const sourceWords: Record<WeightPreview['source'], string> = {
  pairs: 'The event’s latest live pairs.',
  people: 'The event’s first first-timers, each with the volunteer they score best with now.',
  'made-up': 'Made-up pairs, until people register.',
};

function PreviewTable({ preview }: { preview: WeightPreview }) {
  const cell = (now: number, edited: number) => (
    <>
      <td class="num">{points(now)}</td>
      <td class={now === edited ? 'num' : 'num changed'}>{points(edited)}</td>
    </>
  );
  return (
    <div class="table-wrap" id="weights-preview">
      <table>
        <caption>Example pairs, scored with the current and the edited weights. {sourceWords[preview.source]}</caption>
        <thead>
          <tr>
            <th scope="col">First-timer</th>
            <th scope="col">Volunteer</th>
            <th scope="col">What counts</th>
            <th scope="col" class="num">Now</th>
            <th scope="col" class="num">Edited</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => (
            <tr>
              <td>{r.firstTimer}</td>
              <td>{r.volunteer}</td>
              <td>{describeShared(r.shared)}</td>
              {cell(r.now, r.edited)}
            </tr>
          ))}
          {preview.extraSlots.map((x) => (
            <tr>
              <td colspan={3}>A volunteer’s {x.nth === 2 ? 'second' : 'third'} first-timer costs</td>
              {cell(x.now, x.edited)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type WeightsPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name'>;
  values: Record<WeightKey, string>;
  errors: Partial<Record<WeightKey, string>>;
  /** null while the form has errors: there is nothing valid to score yet */
  preview: WeightPreview | null;
  /** the preview shows weights that are not saved yet */
  unsaved: boolean;
  /** how many first-timers may ask for one volunteer, as stored or as typed into a refused form */
  requestCap: { value: string; error?: string | undefined };
  notice?: Notice | undefined;
};

export function WeightsPage({ organizer, event, values, errors, preview, unsaved, requestCap, notice }: WeightsPageProps) {
  const base = eventPath(event.slug);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title={`Matching weights · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={base}>← {event.name} dashboard</a>
        </p>
        <h1>Matching weights</h1>
        <p>
          Every possible pair gets points for what the two have in common; each round matches as many first-timers as it can, then
          picks the pairs with the most points in all. Decimals are fine; a negative weight rewards difference instead.
        </p>
        <NoticeBanner notice={notice} id="weights-message" />
        {hasErrors && (
          <div class="banner error" role="alert" id="weights-error">
            Please fix the weights marked below. Nothing was saved.
          </div>
        )}
        {unsaved && !hasErrors && (
          <div class="banner warn" role="status" id="weights-unsaved">
            Not saved yet: these are the edited weights. Save them to use them from the next round on.
          </div>
        )}
        <form method="post" action={`${base}/weights`} class="card" novalidate>
          <div class="weights-form">
            {weightWords.map((w) => {
              const id = `weight-${w.key}`;
              const error = errors[w.key];
              return (
                <div class="field">
                  <label for={id}>{w.label}</label>
                  <span class="hint" id={`${id}-hint`}>
                    {w.hint}
                  </span>
                  <input
                    id={id}
                    name={w.key}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    value={values[w.key]}
                    aria-invalid={error ? 'true' : undefined}
                    aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
                  />
                  {error && (
                    <p class="field-error" id={`${id}-error`}>
                      {error}
                    </p>
                  )}
                </div>
              );
            })}
          </div>
          <div class="actions">
            {/* first, so Enter in a field previews rather than saves */}
            <button type="submit" name="intent" value="preview" class="secondary">
              Preview
            </button>
            <button type="submit" name="intent" value="save">
              Save weights
            </button>
          </div>
        </form>
        {preview && <PreviewTable preview={preview} />}
        <RequestCapForm action={`${base}/weights/request-cap`} {...requestCap} />
      </main>
    </Layout>
  );
}

/** First-timers ask for volunteers from the directory; a popular volunteer takes no more than this many requests. */
function RequestCapForm({ action, value, error }: { action: string; value: string; error?: string | undefined }) {
  return (
    <form method="post" action={action} class="card" id="request-cap" novalidate>
      <h2>Requests per volunteer</h2>
      {error && (
        <div class="banner error" role="alert">
          Please fix the number below. Nothing was saved.
        </div>
      )}
      <div class="field">
        <label for="request-cap-input">How many first-timers may ask for one volunteer</label>
        <span class="hint" id="request-cap-hint">
          First-timers browse the listed volunteers and ask for up to three. Once this many asked for the same volunteer, their card
          says “no more requests”.
        </span>
        <input
          id="request-cap-input"
          name="requestCap"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`request-cap-hint${error ? ' request-cap-error' : ''}`}
        />
        {error && (
          <p class="field-error" id="request-cap-error">
            {error}
          </p>
        )}
      </div>
      <div class="actions">
        <button type="submit">Save the cap</button>
      </div>
    </form>
  );
}
