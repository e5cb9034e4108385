import { raw } from 'hono/html';
import type { Event } from '../src/domain/events.ts';
import { Field } from './field.tsx';
import { KioskCountdown } from './join.tsx';
import { Layout } from './layout.tsx';

export type DeskQrProps = { slug: string; joinUrl: string; qrSvg: string; refreshSeconds: number };

/**
 * The QR code with its presence token; it fetches itself again before the token goes stale (and
 * on `desk:retry`, which kiosk.js sends while the server is unreachable). A hung request gives up
 * after 8 s, so a desk whose network silently died still notices.
 */
export function DeskQr(props: DeskQrProps) {
  return (
    <div
      id="desk-qr"
      hx-get={`/e/${props.slug}/desk/qr`}
      hx-trigger={`every ${props.refreshSeconds}s, desk:retry`}
      hx-target="this"
      hx-swap="outerHTML"
      hx-request='{"timeout": 8000}'
      data-join-url={props.joinUrl}
    >
      <div class="qr" role="img" aria-label="QR code to register for a buddy">
        {raw(props.qrSvg)}
      </div>
    </div>
  );
}

/** One screen, never scrolled: the QR takes whatever the words and buttons leave. */
export function DeskPage(props: { event: Event; qr: DeskQrProps; shortUrl: string }) {
  const { event } = props;
  return (
    <Layout title={`Buddy desk · ${event.name}`} variant="kiosk" scripts={['kiosk.js']}>
      <main class="desk" data-desk>
        <p class="desk-offline" role="alert" hidden data-desk-offline>
          Can't reach the server — this QR code may be out of date. Trying again…
        </p>
        <div class="desk-intro">
          <h1>First time at {event.name}?</h1>
          <p class="lead">Scan to meet a buddy who knows their way around. Returning volunteers: scan to check in.</p>
        </div>
        <div class="desk-scan">
          <DeskQr {...props.qr} />
        </div>
        <p class="short-url">or open {props.shortUrl}</p>
        <p class="actions desk-actions">
          {/* a link, not a token baked into the page: the desk stays open for hours, tokens last minutes */}
          <a class="button" href={`/e/${event.slug}/desk/register`}>
            Register on this screen
          </a>
          <a class="button secondary" href={`/e/${event.slug}/desk/check-in`}>
            Check in with my desk code
          </a>
        </p>
      </main>
    </Layout>
  );
}

export function DeskCheckInPage(props: {
  event: Event;
  code: string;
  error?: string | undefined;
}) {
  const { event } = props;
  return (
    <Layout title={`Check in · ${event.name}`} scripts={['kiosk.js']}>
      <KioskCountdown seconds={60} slug={event.slug} />
      <main class="narrow">
        <h1>Check in with your desk code</h1>
        <p>Your 6-character desk code is on your personal page.</p>
        <form method="post" action={`/e/${event.slug}/desk/check-in`} novalidate>
          <div class="field">
            <label for="code">Desk code</label>
            <input
              type="text"
              id="code"
              name="code"
              value={props.code}
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxlength={12}
              class="desk-code"
              aria-invalid={props.error ? 'true' : undefined}
              aria-describedby={props.error ? 'code-error' : undefined}
            />
            {props.error ? (
              <p class="field-error" id="code-error">
                {props.error}
              </p>
            ) : null}
          </div>
          <button type="submit" class="big block">
            Check in
          </button>
        </form>
      </main>
    </Layout>
  );
}

function welcomeText(p: { checkedIn: boolean; role: 'first_timer' | 'volunteer'; hasBuddy?: boolean }): string {
  if (!p.checkedIn) return "You're registered.";
  if (p.role === 'volunteer') return "You're checked in as a volunteer buddy. Thank you! Your first-timers will appear on your personal page.";
  return p.hasBuddy
    ? "You're checked in, and you have a buddy: your personal page says where and when to meet."
    : "You're checked in. We'll find you a buddy shortly.";
}

export function DeskWelcomePage(props: {
  event: Event;
  firstName: string;
  deskCode: string;
  /** QR of the personal page, so someone who registered on the kiosk can carry it to their phone */
  personalQrSvg?: string | undefined;
  checkedIn: boolean;
  role: 'first_timer' | 'volunteer';
  /** a first-timer who already has a buddy is not told we will find one */
  hasBuddy?: boolean;
}) {
  const { event } = props;
  return (
    <Layout title={`Welcome · ${event.name}`} scripts={['kiosk.js']}>
      <KioskCountdown seconds={props.personalQrSvg ? 60 : 15} slug={event.slug} />
      <main class="narrow">
        <h1>Welcome, {props.firstName}!</h1>
        <p class="banner ok" role="status">
          {welcomeText(props)}
        </p>
        <p>
          Your desk code: <span class="desk-code">{props.deskCode}</span>
        </p>
        {props.personalQrSvg ? (
          <>
            <p>Scan this with your phone to keep your personal page: your buddy, meeting spot and time appear there.</p>
            <div class="qr" role="img" aria-label="QR code of your personal page">
              {raw(props.personalQrSvg)}
            </div>
          </>
        ) : null}
        <p class="actions">
          <a class="button" href={`/e/${event.slug}/desk`}>
            Done
          </a>
        </p>
      </main>
    </Layout>
  );
}

/** The enrolment form: the organizer types the one-time code from the Kiosks page (or opened its link). */
function EnrolForm(props: { slug: string; code: string; error?: string | undefined }) {
  return (
    <form method="post" action={`/e/${props.slug}/desk/enrol`} class="card" novalidate>
      <Field
        id="enrol-code"
        name="code"
        label="Enrolment code"
        hint="10 characters, from the organizer console: Kiosks. It works once."
        value={props.code}
        error={props.error}
        autocomplete="off"
      />
      <div class="actions">
        <button type="submit">Enrol this screen as a kiosk</button>
      </div>
    </form>
  );
}

/**
 * The desk address on a screen no organizer enrolled: it says so, offers the plain join link (no
 * presence token, so nobody is checked in by it) and the enrolment form.
 */
export function DeskNotEnrolledPage(props: { event: Event; joinUrl: string; joinQrSvg: string; status?: 'revoked' | undefined }) {
  const { event } = props;
  return (
    <Layout title={`Not a kiosk · ${event.name}`} variant="kiosk">
      <main class="narrow desk-not-enrolled">
        <h1>This screen is not a registration kiosk</h1>
        {props.status === 'revoked' ? (
          <p class="banner error" role="alert">
            An organizer revoked this kiosk.
          </p>
        ) : null}
        <p class="lead">Ask an organizer to enrol it. Until then it checks nobody in.</p>
        <section aria-labelledby="join-heading">
          <h2 id="join-heading">Register for a buddy</h2>
          <p>
            Open <a href={props.joinUrl}>{props.joinUrl}</a> on your phone, then check in at the registration desk when you are
            there.
          </p>
          <div class="qr small-qr" role="img" aria-label="QR code of the registration link">
            {raw(props.joinQrSvg)}
          </div>
        </section>
        <section aria-labelledby="enrol-heading">
          <h2 id="enrol-heading">Organizers: enrol this screen</h2>
          <EnrolForm slug={event.slug} code="" />
        </section>
      </main>
    </Layout>
  );
}

/** The page an enrolment link opens, and the form again when a code was refused. */
export function DeskEnrolPage(props: { event: Event; code: string; error?: string | undefined }) {
  const { event } = props;
  return (
    <Layout title={`Enrol a kiosk · ${event.name}`} variant="kiosk">
      <main class="narrow">
        <h1>Enrol this screen as a kiosk</h1>
        <p>
          An enrolled kiosk shows the desk QR code for {event.name}: people who scan it are checked in. Only enrol a screen
          that stays at the registration desk.
        </p>
        <EnrolForm slug={event.slug} code={props.code} error={props.error} />
      </main>
    </Layout>
  );
}
