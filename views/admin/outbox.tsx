// The event's outgoing mail for organizers: the list by status, and one message in full.
import type { MailStatus } from '../../db/schema.ts';
import type { Event } from '../../src/domain/events.ts';
import type { OutboxCounts, OutboxFilter, OutboxMessage } from '../../src/domain/mail-outbox.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { ComposedMail } from '../../src/mail/compose.tsx';
import { formatDateTime } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath } from './chrome.tsx';
import { AdminTable } from './table.tsx';

type OutboxEvent = Pick<Event, 'slug' | 'name' | 'timezone'>;

const statusLabels: Record<MailStatus, string> = {
  queued: 'Waiting',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
};

const filterLabels: Record<OutboxFilter, string> = {
  all: 'All',
  unsent: 'Not sent yet',
  sent: 'Sent',
  skipped: 'Skipped',
};

const outboxPath = (slug: string) => `${eventPath(slug)}/outbox`;
const withFilter = (path: string, filter: OutboxFilter) => (filter === 'all' ? path : `${path}?status=${filter}`);

function filterCount(counts: OutboxCounts, filter: OutboxFilter): number {
  switch (filter) {
    case 'all':
      return Object.values(counts).reduce((a, b) => a + b, 0);
    case 'unsent':
      return counts.queued + counts.sending + counts.failed;
    default:
      return counts[filter];
  }
}

function SendingBanner({ sending }: { sending: boolean }) {
  return sending ? (
    <p class="banner" id="mail-sending">
      E-mail is being sent through the server's SMTP connection. A message the mail server refuses for now is tried again
      for about four hours.
    </p>
  ) : (
    <p class="banner warn" id="mail-sending">
      <strong>E-mail is not being sent:</strong> the server has no <code>SMTP_URL</code>, so every message waits here.
      Read and copy them, or download those not sent yet for a mail merge. Once <code>SMTP_URL</code> and{' '}
      <code>MAIL_FROM</code> are set and the server restarted, every waiting message goes out, so anyone you already
      wrote to by hand gets it twice.
    </p>
  );
}

/** What happened to a message, in words: when it went, why not, or when it is tried next. */
function Outcome({ m, timezone }: { m: OutboxMessage; timezone: string }) {
  if (m.status === 'sent' && m.sentAt) return <>{formatDateTime(m.sentAt, timezone)}</>;
  if (m.status === 'queued' && m.attempts > 0) {
    return (
      <>
        Try {m.attempts + 1} at {formatDateTime(m.nextAttemptAt, timezone)}
        {m.lastError && <span class="hint">{m.lastError}</span>}
      </>
    );
  }
  if (m.status === 'failed' || m.status === 'skipped') return <>{m.lastError}</>;
  return null;
}

export type OutboxPageProps = {
  organizer: SignedInOrganizer;
  event: OutboxEvent;
  counts: OutboxCounts;
  filter: OutboxFilter;
  messages: OutboxMessage[];
  /** the page shows at most this many; the download has all */
  limit: number;
  sending: boolean;
};

export function OutboxPage({ organizer, event, counts, filter, messages, limit, sending }: OutboxPageProps) {
  const base = outboxPath(event.slug);
  return (
    <Layout title={`Outbox · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={eventPath(event.slug)}>← {event.name} dashboard</a>
        </p>
        <h1>Outbox</h1>
        <SendingBanner sending={sending} />
        <nav aria-label="Which messages" class="actions">
          {(['all', 'unsent', 'sent', 'skipped'] as const).map((f) => (
            <a
              href={withFilter(base, f)}
              class={`button ${f === filter ? 'secondary' : 'quiet'}`}
              aria-current={f === filter ? 'page' : undefined}
            >
              {filterLabels[f]} ({filterCount(counts, f)})
            </a>
          ))}
        </nav>
        <p class="actions">
          <a class="button" href={withFilter(`${base}.csv`, filter)} download>
            Download {filter === 'all' ? 'all' : `“${filterLabels[filter]}”`} as CSV
          </a>
          <span class="hint">One row per message: address, name, subject and the full text with its unsubscribe link.</span>
        </p>
        <p class="muted small" role="status">
          {messages.length === 0
            ? 'No messages here.'
            : messages.length >= limit
              ? `Showing the newest ${limit}; the download has them all.`
              : `${messages.length} ${messages.length === 1 ? 'message' : 'messages'}, newest first.`}
        </p>
        {messages.length > 0 && (
          // focusable so a keyboard can scroll it on a phone
          <AdminTable
            caption="Messages in the outbox"
            columns={['Written', 'To', 'Subject', 'Status', 'Sent, or why not']}
            region="Messages in the outbox"
          >
            {messages.map((m) => (
              <tr id={`mail-${m.id}`}>
                <td>
                  <time datetime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt, event.timezone)}</time>
                </td>
                <td>
                  {m.participantName && <strong>{m.participantName}</strong>}
                  <span class="hint">{m.toAddress}</span>
                </td>
                <td>
                  <a href={`${base}/${m.id}`}>{m.subject}</a>
                  <span class="hint">{m.kind}</span>
                </td>
                <td>
                  <span class={`status mail-${m.status}`}>{statusLabels[m.status]}</span>
                </td>
                <td>
                  <Outcome m={m} timezone={event.timezone} />
                </td>
              </tr>
            ))}
          </AdminTable>
        )}
      </main>
    </Layout>
  );
}

export type OutboxMessagePageProps = {
  organizer: SignedInOrganizer;
  event: OutboxEvent;
  message: OutboxMessage;
  composed: ComposedMail;
};

export function OutboxMessagePage({ organizer, event, message: m, composed }: OutboxMessagePageProps) {
  return (
    <Layout title={`${m.subject} · Outbox · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={outboxPath(event.slug)}>← Outbox</a>
        </p>
        <h1>{m.subject}</h1>
        <dl class="mail-facts">
          <dt>To</dt>
          <dd>
            {m.participantName ? `${m.participantName} <${m.toAddress}>` : m.toAddress}
          </dd>
          <dt>Status</dt>
          <dd>
            <span class={`status mail-${m.status}`}>{statusLabels[m.status]}</span>{' '}
            <Outcome m={m} timezone={event.timezone} />
          </dd>
          <dt>Written</dt>
          <dd>{formatDateTime(m.createdAt, event.timezone)}</dd>
          <dt>Attempts</dt>
          <dd>{m.attempts}</dd>
          <dt>What for</dt>
          <dd>
            {m.kind}
            {m.essential && ' (sent even to people who unsubscribed)'}
          </dd>
          {m.smtpMessageId && (
            <>
              <dt>Message-ID</dt>
              <dd>
                <code>{m.smtpMessageId}</code>
              </dd>
            </>
          )}
          <dt>List-Unsubscribe</dt>
          <dd>
            <code>{composed.headers['List-Unsubscribe']}</code>
          </dd>
        </dl>
        <h2 id="mail-text-heading">The message as it is sent</h2>
        <pre class="mail-text" role="region" aria-labelledby="mail-text-heading" tabindex={0}>
          {composed.text}
        </pre>
        {composed.html !== null && (
          <details>
            <summary>HTML version (source)</summary>
            <pre class="mail-text">{composed.html}</pre>
          </details>
        )}
      </main>
    </Layout>
  );
}
