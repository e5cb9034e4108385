import { Layout } from './layout.tsx';

export function NotFoundPage({ message }: { message?: string }) {
  return (
    <Layout title="Not found · Buddydesk">
      <main class="narrow">
        <h1>We couldn't find that page</h1>
        <p>{message ?? 'The link may be mistyped or out of date.'}</p>
        <p>If you are at the conference, the registration desk can help.</p>
      </main>
    </Layout>
  );
}

/** A public page of an archived event: the conference is over and its pages are closed. */
export function EventClosedPage({ eventName }: { eventName: string }) {
  return (
    <Layout title={`${eventName} is over · Buddydesk`}>
      <main class="narrow">
        <h1>{eventName} is over</h1>
        <p>Its registration, desk screen, board and personal pages are closed now. Thank you for taking part.</p>
        <p>If you need something from the organizers, write to them directly.</p>
      </main>
    </Layout>
  );
}

/** An organizer's change to an archived event: refused, with the way to restore it. */
export function EventArchivedPage({ eventName, back }: { eventName: string; back: string }) {
  return (
    <Layout title={`${eventName} is archived · Buddydesk`} variant="admin">
      <main class="narrow">
        <h1>{eventName} is archived</h1>
        <p>An archived event is read-only, so nothing was changed. Restore it to make changes.</p>
        <p>
          <a class="button" href={back}>
            Restore or delete it
          </a>
        </p>
      </main>
    </Layout>
  );
}

export function ErrorPage() {
  return (
    <Layout title="Something went wrong · Buddydesk">
      <main class="narrow">
        <h1>Something went wrong on our side</h1>
        <p>Nothing you entered was lost on purpose — please try again in a moment, or ask at the registration desk.</p>
      </main>
    </Layout>
  );
}

export function BadRequestPage({ message }: { message: string }) {
  return (
    <Layout title="Can't do that · Buddydesk">
      <main class="narrow">
        <h1>That request didn't make sense to us</h1>
        <p>{message}</p>
      </main>
    </Layout>
  );
}

/** A form post we would not act on: sent from another site, or not a form at all. */
export function FormRefusedPage({ reason, back }: { reason: 'not-a-form' | 'cross-site'; back: string }) {
  return (
    <Layout title="Not sent · Buddydesk">
      <main class="narrow">
        <h1>That form was not sent</h1>
        <p>
          {reason === 'cross-site'
            ? 'It seemed to come from another website, so nothing was changed. Open the form on this site and send it again.'
            : 'What arrived was not a form we can read, so nothing was changed.'}
        </p>
        <p>
          <a class="button" href={back}>
            Back to the form
          </a>
        </p>
      </main>
    </Layout>
  );
}

export function TooLargePage({ maxKb }: { maxKb: number }) {
  return (
    <Layout title="Too much · Buddydesk">
      <main class="narrow">
        <h1>That was too much to send</h1>
        <p>We take up to {maxKb >= 1024 ? `${Math.round(maxKb / 1024)} MB` : `${maxKb} KB`} at once, so nothing was saved. Please shorten what you typed, or send a smaller file, and try again.</p>
      </main>
    </Layout>
  );
}
