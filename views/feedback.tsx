// After the conference, on the personal page: the three-tap feedback form (also its own page for a
// refused answer without JavaScript), a line once it has closed, and a volunteer's letter link.
import type { FeedbackAgain, FeedbackMet, ParticipantRole } from '../db/schema.ts';
import type { Event } from '../src/domain/events.ts';
import type { FeedbackField, FeedbackWindow } from '../src/domain/feedback.ts';
import { formatDay } from './format.ts';
import { Layout } from './layout.tsx';

/** What the form shows: the saved answer, or what was sent back refused. */
export type FeedbackValues = { met: string; rating: string; again: string; comment: string; mayContact: boolean };

export const emptyFeedback: FeedbackValues = { met: '', rating: '', again: '', comment: '', mayContact: false };

export type AfterEventProps = {
  slug: string;
  token: string;
  role: ParticipantRole;
  window: Pick<FeedbackWindow, 'state' | 'lastDay'>;
  /** their saved answer, if any */
  answered: boolean;
  values: FeedbackValues;
  errors?: Partial<Record<FeedbackField, string>>;
  /** the answer was just saved (htmx swap) */
  saved?: boolean;
  hasEmail: boolean;
  /** a volunteer's letter of thanks is ready */
  letter: boolean;
};

const metLabels: Record<FeedbackMet, string> = { no: 'No', once: 'Once', more: 'More than once' };
const againLabels: Record<FeedbackAgain, string> = { yes: 'Yes', maybe: 'Maybe', no: 'No' };

function Taps(props: {
  name: FeedbackField;
  legend: string;
  hint?: string;
  options: [string, string][];
  value: string;
  error: string | undefined;
  columns: 'three' | 'five';
}) {
  const hintId = props.hint ? `feedback-${props.name}-hint` : undefined;
  const errorId = props.error ? `feedback-${props.name}-error` : undefined;
  return (
    <fieldset
      class={`taps ${props.columns}`}
      id={`feedback-${props.name}`}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      )}
      <div class="tap-row">
        {props.options.map(([value, label]) => (
          <label class="tap">
            <input
              type="radio"
              name={props.name}
              value={value}
              checked={props.value === value}
              aria-invalid={props.error ? 'true' : undefined}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
      {props.error && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

export function FeedbackForm(props: AfterEventProps) {
  const { values, errors = {}, role } = props;
  const volunteer = role === 'volunteer';
  const action = `/e/${props.slug}/me/${props.token}/feedback`;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <section id="feedback" class="card feedback" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">How was it?</h2>
      {props.saved ? (
        <p class="banner ok" role="status">
          Thank you! Your answers are saved.
        </p>
      ) : null}
      {hasErrors ? (
        <p class="banner error" role="alert">
          Please check the answers marked below. Nothing was saved.
        </p>
      ) : null}
      <p class="muted small">
        {props.answered ? 'You answered already; you can' : 'Three taps. You can'} change your answers until the end of{' '}
        {formatDay(props.window.lastDay)}.
      </p>
      <form method="post" action={action} hx-post={action} hx-target="#feedback" hx-swap="outerHTML" novalidate>
        <Taps
          name="met"
          legend={volunteer ? 'Did you meet your first-timers?' : 'Did you meet your buddy?'}
          options={Object.entries(metLabels)}
          value={values.met}
          error={errors.met}
          columns="three"
        />
        <Taps
          name="rating"
          legend={volunteer ? 'How good a match were they?' : 'How good a match was it?'}
          hint="1 = poor, 5 = great. Skip it if you did not meet."
          options={['1', '2', '3', '4', '5'].map((n) => [n, n])}
          value={values.rating}
          error={errors.rating}
          columns="five"
        />
        <Taps
          name="again"
          legend={volunteer ? 'Would you volunteer again?' : 'Would you volunteer as a buddy next year?'}
          options={Object.entries(againLabels)}
          value={values.again}
          error={errors.again}
          columns="three"
        />
        <div class="field">
          <label for="feedback-comment">Anything else? (optional)</label>
          <textarea
            id="feedback-comment"
            name="comment"
            rows={3}
            maxlength={2000}
            aria-invalid={errors.comment ? 'true' : undefined}
            aria-describedby={errors.comment ? 'feedback-comment-error' : undefined}
          >
            {values.comment}
          </textarea>
          {errors.comment && (
            <p class="field-error" id="feedback-comment-error">
              {errors.comment}
            </p>
          )}
        </div>
        <div class="field">
          <label class="choice" for="feedback-contact">
            <input id="feedback-contact" type="checkbox" name="mayContact" value="yes" checked={values.mayContact} />
            <span>
              The committee may contact me about next year
              <span class="sub">
                {props.hasEmail ? 'at the e-mail you registered with' : 'add an e-mail to your profile so they can'}
              </span>
            </span>
          </label>
        </div>
        <button type="submit" class="big block">
          {props.answered ? 'Save my answers' : 'Send'}
        </button>
      </form>
    </section>
  );
}

/** What the personal page shows after the event: the form while it is open, then a line; the letter. */
export function AfterEvent(props: AfterEventProps) {
  const { window } = props;
  if (window.state === 'not-yet' && !props.letter) return null;
  return (
    <>
      {window.state === 'open' ? <FeedbackForm {...props} /> : null}
      {window.state === 'closed' ? (
        <p class="banner" id="feedback">
          Feedback closed at the end of {formatDay(window.lastDay)}.{props.answered ? ' Thank you for yours!' : ''}
        </p>
      ) : null}
      {props.letter ? (
        <section class="card" aria-labelledby="letter-heading">
          <h2 id="letter-heading">Your letter of thanks</h2>
          <p>A letter recognising your service as a volunteer buddy, to print or save as PDF.</p>
          <p>
            <a class="button secondary" href={`/e/${props.slug}/me/${props.token}/letter`}>
              Open my letter
            </a>
          </p>
        </section>
      ) : null}
    </>
  );
}

/** The form on a page of its own: where a refused answer comes back without JavaScript. */
export function FeedbackPage(props: AfterEventProps & { event: Pick<Event, 'name'> }) {
  return (
    <Layout title={`Feedback · ${props.event.name}`}>
      <main>
        <p>
          <a href={`/e/${props.slug}/me/${props.token}`}>← Your page</a>
        </p>
        <h1>{props.event.name}</h1>
        <FeedbackForm {...props} />
      </main>
    </Layout>
  );
}

/** A refused answer that is not about a field: feedback is not open yet, or closed. */
export function FeedbackRefusedPage(props: { slug: string; token: string; message: string }) {
  return (
    <Layout title="Feedback · Buddydesk">
      <main class="narrow">
        <h1>Your answer was not saved</h1>
        <p role="alert">{props.message}</p>
        <p>
          <a href={`/e/${props.slug}/me/${props.token}`}>Back to your page</a>
        </p>
      </main>
    </Layout>
  );
}
