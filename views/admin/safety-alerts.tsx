// Safety for organizers: the alerts at the top of the dashboard (someone pressed the safety
// button), each until an organizer acknowledges it, and the event's code of conduct and safety
// contact on the event details page.
import type { SafetyAlert, SafetyField, SafetySettings } from '../../src/domain/safety.ts';
import { Field } from '../field.tsx';
import { formatTime } from '../format.ts';
import { eventPath, liveTrigger, PostButton } from './chrome.tsx';

const roleWord = (role: 'first_timer' | 'volunteer') => (role === 'first_timer' ? 'first-timer' : 'volunteer');

/** Refreshes itself with the dashboard; the same markup is the page part and the fragment response. */
export function SafetyAlerts({ slug, timezone, alerts }: { slug: string; timezone: string; alerts: SafetyAlert[] }) {
  const base = eventPath(slug);
  return (
    <div id="safety-alerts" hx-get={`${base}/safety-alerts`} hx-trigger={liveTrigger} hx-target="this" hx-swap="outerHTML settle:0ms">
      {alerts.map((a) => (
        // a region, not role="alert": the list is swapped in again on every refresh, and an alert would be read out each time
        <section class="banner error safety-alert" aria-labelledby={`safety-alert-${a.id}`} id={`safety-report-${a.id}`}>
          {/* the button beside the title, and a long note folded to its first line: the dashboard stays within three screens */}
          <div class="safety-alert-head">
            <h2 id={`safety-alert-${a.id}`} class="safety-alert-title">
              Safety: {a.reporter.name} ended their pairing
            </h2>
            <PostButton
              action={`${base}/safety-alerts/${a.id}/acknowledge`}
              label="Acknowledge"
              what={`the safety alert about ${a.reporter.name}`}
              variant="secondary"
            />
          </div>
          <p class="small">
            At {formatTime(a.createdAt, timezone)}, {a.reporter.name} ({roleWord(a.reporter.role)}) pressed “I don't feel comfortable with
            this pairing” about {a.other ? `${a.other.name} (${roleWord(a.other.role)})` : 'someone whose data has since been erased'}. The{' '}
            {a.planned ? 'planned pair' : 'pair'} ended and they will not be paired again; {a.other ? a.other.name : 'the other person'} was
            only told that the {a.planned ? 'plan' : 'meetup'} is off.
            {a.reporter.role === 'first_timer' ? (a.rematchAsked ? ' They asked for another buddy at once.' : ' They did not ask for another buddy now.') : ''}
          </p>
          <SafetyNote note={a.note} />
        </section>
      ))}
    </div>
  );
}

/** a note up to this long is shown whole; a longer one opens from its first line */
const noteShownWhole = 160;

function SafetyNote({ note }: { note: string }) {
  if (!note) return <p class="muted small">No note.</p>;
  if (note.length <= noteShownWhole) {
    return (
      <p class="safety-note">
        <span class="label">Their note</span> <q>{note}</q>
      </p>
    );
  }
  return (
    <details class="safety-note">
      <summary>
        <span class="label">Their note</span>
        <span class="note-start" aria-hidden="true">
          {note}
        </span>
      </summary>
      <blockquote>{note}</blockquote>
    </details>
  );
}

export type SafetyValues = Record<SafetyField, string>;
export type SafetyErrors = Partial<Record<SafetyField | 'form', string>>;
export type SafetySettingsCardProps = { slug: string; values: SafetyValues; errors: SafetyErrors; saved?: boolean };

export const safetyValuesOf = (s: SafetySettings): SafetyValues => ({ ...s });

/** The code of conduct and whom to reach, shown on personal pages beside the safety button. */
export function SafetySettingsCard({ slug, values, errors }: SafetySettingsCardProps) {
  const refused = Object.keys(errors).length > 0;
  return (
    <section class="card" aria-labelledby="safety-heading" id="safety">
      <h2 id="safety-heading">Code of conduct and safety contact</h2>
      <p>
        Personal pages offer “I don't feel comfortable with this pairing”, which ends a pairing quietly and alerts you on the dashboard.
        Beside it, people see these — all optional.
      </p>
      {refused && (
        <p class="banner error" role="alert" id="safety-settings-error">
          {errors.form ?? 'Please fix the fields marked below. Nothing was saved.'}
        </p>
      )}
      <form method="post" action={`${eventPath(slug)}/safety-settings`} novalidate>
        <Field id="safety-coc" name="codeOfConductUrl" label="Code of conduct (web address)" type="url" value={values.codeOfConductUrl}
          error={errors.codeOfConductUrl} hint="e.g. https://example.org/code-of-conduct" />
        <Field id="safety-contact-text" name="contactText" label="Who to reach" value={values.contactText} error={errors.contactText}
          hint="e.g. “Ask for Maria Lopez at the registration desk, or any organizer in a green lanyard”." />
        <div class="two-fields">
          <Field id="safety-email" name="contactEmail" label="Safety e-mail" type="email" value={values.contactEmail} error={errors.contactEmail} />
          <Field id="safety-phone" name="contactPhone" label="Safety phone" value={values.contactPhone} error={errors.contactPhone} />
        </div>
        <div class="actions">
          <button type="submit">Save code of conduct and contact</button>
        </div>
      </form>
    </section>
  );
}
