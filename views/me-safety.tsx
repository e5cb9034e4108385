// The safety button's page: a person who does not feel comfortable with their pairing ends it
// here, after reading what happens. Its own page rather than a panel in the live part of the
// personal page, so a live refresh never closes it or loses a note being typed. Also the small
// parts the personal page shows: the code of conduct and contact, and "your meetup is off".
import type { Event } from '../src/domain/events.ts';
import type { MyPairs } from '../src/domain/pair-views.ts';
import type { ParticipantProfile } from '../src/domain/participants.ts';
import type { SafetySettings } from '../src/domain/safety.ts';
import { Layout } from './layout.tsx';

/** The code of conduct and whom to reach, as far as the organizers set them. */
export function SafetyContact({ safety, id }: { safety: SafetySettings; id?: string }) {
  const { codeOfConductUrl, contactText, contactEmail, contactPhone } = safety;
  if (!codeOfConductUrl && !contactText && !contactEmail && !contactPhone) return null;
  return (
    <div class="safety-contact small" id={id}>
      {codeOfConductUrl ? (
        <p>
          <a href={codeOfConductUrl} rel="noopener noreferrer" target="_blank">
            Our code of conduct
          </a>
        </p>
      ) : null}
      {contactText || contactEmail || contactPhone ? (
        <p>
          <span class="label">Someone to talk to</span> {contactText}
          {contactEmail ? (
            <>
              {contactText ? ' · ' : ''}
              <a href={`mailto:${contactEmail}`}>{contactEmail}</a>
            </>
          ) : null}
          {contactPhone ? (
            <>
              {contactText || contactEmail ? ' · ' : ''}
              <a href={`tel:${contactPhone.replace(/[^0-9+]/g, '')}`}>{contactPhone}</a>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** Meetups that ended lately: only that they are off, never why. */
export function OffMeetups({ off }: { off: MyPairs['offMeetups'] }) {
  if (off.length === 0) return null;
  return (
    <div class="banner" role="status" id="meetup-off">
      {off.map((m) => (
        <p>{m.planned ? `Your plan to meet ${m.name} is off.` : `Your meetup with ${m.name} is off.`}</p>
      ))}
    </div>
  );
}

export const safetyLinkText = "I don't feel comfortable with this pairing";

export type SafetyValues = { note: string; rematch: boolean };
export type SafetyErrors = Partial<Record<'note' | 'rematch' | 'form', string>>;

export function SafetyPage(props: {
  event: Pick<Event, 'slug' | 'name'>;
  me: Pick<ParticipantProfile, 'token' | 'role'>;
  pairId: number;
  buddyName: string;
  /** a buddy-to-be of a pre-event round: what ends is the plan */
  planned?: boolean;
  safety: SafetySettings;
  noteLimit: number;
  values: SafetyValues;
  errors: SafetyErrors;
}) {
  const { event, me, values, errors } = props;
  const base = `/e/${event.slug}/me/${me.token}`;
  const firstTimer = me.role === 'first_timer';
  return (
    <Layout title={`Your pairing · ${event.name}`}>
      <main class="narrow">
        <p>
          <a href={base}>← Back to your page</a>
        </p>
        <h1>Not comfortable with this pairing?</h1>
        <p>That's all right, and you don't have to explain. If you end the pairing with {props.buddyName}:</p>
        <ul>
          <li>it ends now, and you won't be paired with them again;</li>
          <li>
            {props.buddyName} only sees that the {props.planned ? 'plan' : 'meetup'} is off — not why, and not your note;
            {firstTimer ? '' : ' we look for another buddy for them;'}
          </li>
          <li>the organizers are told, so someone can check in with you if you like.</li>
        </ul>
        <SafetyContact safety={props.safety} id="safety-contact" />
        {errors.form || errors.note ? (
          <p class="banner error" role="alert" id="safety-error">
            {errors.form ?? 'Please shorten your note. Nothing was changed yet.'}
          </p>
        ) : null}
        <form method="post" action={`${base}/safety/${props.pairId}`} class="card" novalidate>
          <div class="field">
            <label for="safety-note">
              A note for the organizers <span class="muted">(optional)</span>
            </label>
            <span class="hint" id="safety-note-hint">
              Only organizers read this. Up to {props.noteLimit} characters.
            </span>
            <textarea
              id="safety-note"
              name="note"
              maxlength={props.noteLimit}
              aria-invalid={errors.note ? 'true' : undefined}
              aria-describedby={`safety-note-hint${errors.note ? ' safety-note-error' : ''}`}
            >
              {values.note}
            </textarea>
            {errors.note ? (
              <p class="field-error" id="safety-note-error">
                {errors.note}
              </p>
            ) : null}
          </div>
          {firstTimer ? (
            <label class="choice">
              <input type="checkbox" name="rematch" value="yes" checked={values.rematch} />
              <span>
                Find me another buddy now
                <span class="sub">Otherwise you can stay on your own; a later round may still pair you with someone else.</span>
              </span>
            </label>
          ) : null}
          <div class="actions">
            <button type="submit" class="danger">
              End this pairing
            </button>
            <a href={base}>Keep it</a>
          </div>
        </form>
      </main>
    </Layout>
  );
}
