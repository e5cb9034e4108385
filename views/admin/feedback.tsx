// The organizer's feedback page: when feedback opens and closes, opening it early, how the
// invitations did (sent, opened, answered), and the settings; and the line the dashboard shows.
import type { Event } from '../../src/domain/events.ts';
import type { FeedbackMailCounts } from '../../src/domain/feedback-invitations.ts';
import type { FeedbackSettingsField, FeedbackWindow } from '../../src/domain/feedback.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { ConfirmField, Field } from '../field.tsx';
import { formatDateTime, formatDay, plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, NoticeBanner, type Notice } from './chrome.tsx';

export const feedbackPath = (slug: string) => `${eventPath(slug)}/feedback`;

/** The dashboard's line about feedback: what the invitations did, with the way to the details. */
export function FeedbackMailSummary({ slug, counts }: { slug: string; counts: FeedbackMailCounts }) {
  if (counts.invited === 0 && counts.responses === 0) return null;
  return (
    <p class="banner" id="feedback-summary">
      <strong>Feedback:</strong> {plural(counts.invited, 'invitation')} · {counts.sent} sent · {counts.opened} opened ·{' '}
      {counts.answered} answered{counts.responses > counts.answered ? ` (${counts.responses} answers in all)` : ''} ·{' '}
      <a href={feedbackPath(slug)}>Details</a> · <a href={`${eventPath(slug)}/report`}>Report</a>
    </p>
  );
}

export type FeedbackSettingsValues = Record<FeedbackSettingsField, string>;

export type FeedbackAdminPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'timezone'>;
  window: FeedbackWindow;
  counts: FeedbackMailCounts;
  settings: FeedbackSettingsValues;
  /** a refused settings form, or a refused "open now" */
  errors?: Partial<Record<FeedbackSettingsField | 'confirm', string>>;
  notice?: Notice | undefined;
  sending: boolean;
};

function WindowState({ window, timezone }: { window: FeedbackWindow; timezone: string }) {
  switch (window.state) {
    case 'not-yet':
      return (
        <p id="feedback-state">
          Feedback opens by itself when the event ends, <strong>{formatDateTime(window.opensAt, timezone)}</strong>, and
          everyone with an e-mail gets their personal link then. It stays open until the end of {formatDay(window.lastDay)}.
        </p>
      );
    case 'open':
      return (
        <p id="feedback-state">
          <strong>Feedback is open</strong> since {formatDateTime(window.opensAt, timezone)}, until the end of{' '}
          {formatDay(window.lastDay)}.
        </p>
      );
    case 'closed':
      return (
        <p id="feedback-state">
          <strong>Feedback is closed</strong> since the end of {formatDay(window.lastDay)}.
        </p>
      );
  }
}

export function FeedbackAdminPage(props: FeedbackAdminPageProps) {
  const { event, counts, errors = {} } = props;
  const base = feedbackPath(event.slug);
  const rows: [string, number, string][] = [
    ['Invitations written', counts.invited, 'one per person with an e-mail, once'],
    ['Sent', counts.sent, 'handed to the mail server'],
    ['Waiting in the outbox', counts.waiting, props.sending ? 'being sent or waiting to retry' : 'nothing is sent without SMTP_URL'],
    ['Not delivered', counts.notDelivered, 'failed, or the person unsubscribed'],
    ['Opened', counts.opened, 'visited their personal page after the invitation'],
    ['Answered', counts.answered, 'of those invited'],
    ['Reminders written', counts.reminded, 'one, to those who had not answered'],
    ['Answers in all', counts.responses, 'also from people without an e-mail'],
  ];
  return (
    <Layout title={`Feedback · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={props.organizer} />
      <main>
        <p>
          <a href={eventPath(event.slug)}>← {event.name} dashboard</a>
        </p>
        <h1>Feedback</h1>
        <NoticeBanner notice={props.notice} id="feedback-message" />
        <WindowState window={props.window} timezone={event.timezone} />
        {props.window.state === 'not-yet' ? (
          <form method="post" action={`${base}/open`} class="card" id="open-feedback">
            <h2>Open feedback now</h2>
            <p>Everyone with an e-mail gets their personal link at once; the reminder follows after the days set below.</p>
            <ConfirmField id="open-confirm" label="Yes, e-mail everyone their feedback link now" error={errors.confirm} />
            <button type="submit">Open feedback now</button>
          </form>
        ) : null}

        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">Invitations</h2>
          <div class="table-wrap" tabindex={0} role="region" aria-label="What the invitations did">
            <table id="feedback-counts">
              <caption class="visually-hidden">What the feedback invitations did</caption>
              <tbody>
                {rows.map(([label, n, hint]) => (
                  <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{n}</td>
                    <td class="muted small">{hint}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="actions">
            <a class="button secondary" href={`${eventPath(event.slug)}/report`}>
              Program report
            </a>
            <a class="button quiet" href={`${eventPath(event.slug)}/outbox`}>
              Outbox
            </a>
          </p>
        </section>

        <section aria-labelledby="feedback-settings-heading">
          <h2 id="feedback-settings-heading">Settings</h2>
          <form method="post" action={`${base}/settings`} class="card" id="feedback-settings" novalidate>
            <Field
              id="feedback-days"
              name="feedbackDays"
              label="Days feedback stays open"
              hint="Counted from the day it opens; from 1 to 90."
              type="number"
              min={1}
              max={90}
              value={props.settings.feedbackDays}
              error={errors.feedbackDays}
              required
            />
            <Field
              id="feedback-reminder-days"
              name="feedbackReminderDays"
              label="Remind those who have not answered after … days"
              hint="One reminder, while feedback is still open; from 1 to 60."
              type="number"
              min={1}
              max={60}
              value={props.settings.feedbackReminderDays}
              error={errors.feedbackReminderDays}
              required
            />
            <button type="submit">Save settings</button>
          </form>
        </section>
      </main>
    </Layout>
  );
}
