import type { Event, EventCatalog } from '../src/domain/events.ts';
import type { FieldErrors } from '../src/domain/registration-schema.ts';
import { Layout } from './layout.tsx';
import { FieldError, ProfileFields, type ProfileValues } from './profile-form.tsx';

export type PresenceState = 'at-desk' | 'expired' | 'remote';

export type JoinPageProps = {
  event: Event;
  catalog: EventCatalog;
  values: ProfileValues;
  errors: FieldErrors;
  presence: PresenceState;
  presenceToken?: string | undefined;
  kiosk: boolean;
  /** seconds until a kiosk form gives up and returns to the QR code */
  kioskIdleSeconds?: number;
};

function PresenceBanner({ presence }: { presence: PresenceState }) {
  if (presence === 'at-desk') {
    return <p class="banner ok">You're at the desk: registering also checks you in.</p>;
  }
  if (presence === 'expired') {
    return (
      <p class="banner warn">
        This QR code has expired. You can still register now; scan the code on the desk screen again when you
        arrive to check in.
      </p>
    );
  }
  return (
    <p class="banner">
      Registering ahead? Welcome! When you arrive, scan the QR code at the registration desk with this phone to check in.
    </p>
  );
}

export function KioskCountdown({ seconds, slug }: { seconds: number; slug: string }) {
  return (
    <div class="countdown" data-kiosk-idle={String(seconds)} data-kiosk-home={`/e/${slug}/desk`}>
      <span>
        Back to the start in <strong data-kiosk-seconds>{seconds}</strong> s if nobody types
      </span>
      <a href={`/e/${slug}/desk`}>Cancel</a>
    </div>
  );
}

export function JoinPage(props: JoinPageProps) {
  const { event, values, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout
      title={`Join the buddy program · ${event.name}`}
      scripts={props.kiosk ? ['kiosk.js'] : []}
    >
      {props.kiosk ? <KioskCountdown seconds={props.kioskIdleSeconds ?? 60} slug={event.slug} /> : null}
      <main>
        <h1>Meet a buddy at {event.name}</h1>
        <PresenceBanner presence={props.presence} />
        {hasErrors ? (
          <div class="banner error" role="alert" id="form-errors">
            Please check the fields marked below.
          </div>
        ) : null}
        <form method="post" action={`/e/${event.slug}/join`} class="join-form" novalidate>
          {props.presenceToken ? <input type="hidden" name="k" value={props.presenceToken} /> : null}
          {props.kiosk ? <input type="hidden" name="kiosk" value="1" /> : null}
          <fieldset>
            <legend>I am…</legend>
            <div class="choices">
              <label class="choice role-choice">
                <input type="radio" name="role" value="first_timer" checked={values.role === 'first_timer'} required
                  aria-invalid={errors.role ? 'true' : undefined} aria-describedby={errors.role ? 'role-error' : undefined} />
                <span>
                  New here — this is my first time
                  <span class="sub">We'll pair you with a friendly returning attendee.</span>
                </span>
              </label>
              <label class="choice role-choice">
                <input type="radio" name="role" value="volunteer" checked={values.role === 'volunteer'} />
                <span>
                  A returning volunteer buddy
                  <span class="sub">You'll welcome one to three first-timers.</span>
                </span>
              </label>
            </div>
            <FieldError name="role" errors={errors} />
          </fieldset>
          <ProfileFields
            catalog={props.catalog}
            values={values}
            errors={errors}
          />
          <button type="submit" class="big block">
            Register
          </button>
        </form>
      </main>
    </Layout>
  );
}

/** A registered person's phone scanned the desk QR: one tap checks them in. */
export function CheckInPage(props: {
  event: Event;
  firstName: string;
  personalPath: string;
  /** the desk's presence token; absent when it expired and the person must scan again */
  presenceToken?: string | undefined;
  error?: string;
}) {
  const { event } = props;
  return (
    <Layout title={`Check in · ${event.name}`}>
      <main class="narrow">
        <h1>Welcome back, {props.firstName}!</h1>
        {props.error ? (
          <p class="banner error" role="alert">
            {props.error}
          </p>
        ) : (
          <form method="post" action={`/e/${event.slug}/join/check-in`}>
            <input type="hidden" name="k" value={props.presenceToken} />
            <p>You're at the registration desk. Check in so we can pair you up.</p>
            <p class="actions">
              <button type="submit">I'm here — check me in</button>
            </p>
          </form>
        )}
        <p>
          <a href={props.personalPath}>Go to my page without checking in</a>
        </p>
      </main>
    </Layout>
  );
}
