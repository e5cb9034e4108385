// The dashboard's participant list: search, pages of ten, and checking someone in or out.
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { Participant, ParticipantPage } from '../../src/domain/participants.ts';
import { ConfirmField } from '../field.tsx';
import { formatDateTime } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, liveTrigger } from './chrome.tsx';
import { AdminTable } from './table.tsx';

const roleLabels: Record<Participant['role'], string> = { first_timer: 'First-timer', volunteer: 'Volunteer' };
const statusLabels: Record<Participant['status'], string> = {
  registered: 'Registered',
  present: 'Here',
  matched: 'Matched',
  absent: 'Absent',
  withdrawn: 'Withdrawn',
};

export type ParticipantRowProps = { slug: string; timezone: string; participant: Participant; q: string; page?: number };

/** Someone who erased their data: an anonymous row, counted, with nothing to act on. */
function ErasedRow({ participant: p, timezone }: { participant: Participant; timezone: string }) {
  return (
    <tr id={`participant-${p.id}`}>
      <td class="muted">
        Erased participant <span class="hint">#{p.id}, erased {formatDateTime(p.erasedAt!, timezone)}</span>
      </td>
      <td>{roleLabels[p.role]}</td>
      <td>
        <span class={`status ${p.status}`}>{statusLabels[p.status]}</span>
      </td>
      <td colspan={4}></td>
    </tr>
  );
}

export function ParticipantRow({ slug, timezone, participant: p, q, page = 1 }: ParticipantRowProps) {
  if (p.erasedAt) return <ErasedRow participant={p} timezone={timezone} />;
  const here = p.status === 'present' || p.status === 'matched';
  const action = `${eventPath(slug)}/participants/${p.id}/${here ? 'check-out' : 'check-in'}`;
  return (
    <tr id={`participant-${p.id}`}>
      <td>
        <strong>{p.name}</strong>
        {p.pronouns && <span class="small muted"> ({p.pronouns})</span>}
        {p.email && <span class="hint">{p.email}</span>}
        {/* organizers plan for access needs; this column never reaches public screens */}
        {p.accessibilityNeeds && <span class="hint">needs: {p.accessibilityNeeds}</span>}
      </td>
      <td>{roleLabels[p.role]}</td>
      <td>
        <span class={`status ${p.status}`}>{statusLabels[p.status]}</span>
      </td>
      <td>{p.affiliation}</td>
      <td>
        <code>{p.deskCode}</code>
      </td>
      <td>
        <time datetime={p.createdAt.toISOString()}>{formatDateTime(p.createdAt, timezone)}</time>
      </td>
      <td>
        <form method="post" action={action} hx-post={action} hx-target="closest tr" hx-swap="outerHTML">
          {q && <input type="hidden" name="q" value={q} />}
          {page > 1 && <input type="hidden" name="page" value={String(page)} />}
          <button type="submit" class={here ? 'secondary' : undefined}>
            {here ? 'Check out' : 'Check in'} <span class="visually-hidden">{p.name}</span>
          </button>
        </form>
        {' '}
        <a class="small" href={`${eventPath(slug)}/participants/${p.id}/erase`}>
          Erase… <span class="visually-hidden">the data of {p.name}</span>
        </a>
      </td>
    </tr>
  );
}

export type ParticipantListProps = {
  slug: string;
  timezone: string;
  q: string;
  list: ParticipantPage;
};

/** The dashboard (without JavaScript) or the list fragment (with htmx) at one search and page. */
export function participantListUrl(slug: string, q: string, page: number, fragment: boolean): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `${eventPath(slug)}${fragment ? '/participants' : ''}${query ? `?${query}` : ''}`;
}

export function ParticipantList({ slug, timezone, q, list }: ParticipantListProps) {
  const { participants, total, page, pageSize } = list;
  const first = (page - 1) * pageSize + 1;
  const last = first + participants.length - 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (to: number, label: string, rel: 'prev' | 'next') => (
    <a
      class="button secondary"
      rel={rel}
      href={`${participantListUrl(slug, q, to, false)}#participants-heading`}
      hx-get={participantListUrl(slug, q, to, true)}
      hx-target="#participant-list"
      hx-swap="outerHTML"
    >
      {label}
    </a>
  );
  // statuses change as people are matched or marked absent, so the list follows live changes
  return (
    <div
      id="participant-list"
      hx-get={participantListUrl(slug, q, page, true)}
      hx-trigger={liveTrigger}
      hx-target="this"
      hx-swap="outerHTML settle:0ms"
    >
      <p class="muted small" role="status">
        {total === 0
          ? q
            ? `No one matches “${q}”.`
            : 'No one has registered yet.'
          : total <= pageSize
            ? `${total} ${total === 1 ? 'person' : 'people'}${q ? ` matching “${q}”` : ''}.`
            : `${first}–${last} of ${total} people${q ? ` matching “${q}”` : ''}, by name. Search to find someone.`}
      </p>
      {participants.length > 0 && (
        <AdminTable
          caption="Participants"
          columns={['Name', 'Role', 'Status', 'Library or school', 'Desk code', 'Registered', 'Attendance']}
        >
          {participants.map((p) => (
            <ParticipantRow slug={slug} timezone={timezone} participant={p} q={q} page={page} />
          ))}
        </AdminTable>
      )}
      {pages > 1 && (
        <nav class="actions pager" aria-label="Pages of participants">
          {page > 1 && pageLink(page - 1, '← Previous', 'prev')}
          <span class="muted">
            Page {page} of {pages}
          </span>
          {page < pages && pageLink(page + 1, 'Next →', 'next')}
        </nav>
      )}
    </div>
  );
}

export type ErasePersonPageProps = {
  organizer: SignedInOrganizer;
  event: { slug: string; name: string };
  person: Pick<Participant, 'id' | 'name' | 'email' | 'role' | 'importedAt'>;
  error?: string | undefined;
};

/** An organizer erases someone's personal data on their request: what it does, then an explicit confirmation. */
export function ErasePersonPage({ organizer, event, person, error }: ErasePersonPageProps) {
  const action = `${eventPath(event.slug)}/participants/${person.id}/erase`;
  return (
    <Layout title={`Erase ${person.name} · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main class="narrow">
        <p>
          <a href={eventPath(event.slug)}>← {event.name} dashboard</a>
        </p>
        <h1>Erase {person.name}'s data?</h1>
        <section class="card">
          <p>
            {roleLabels[person.role]} #{person.id}
            {person.email ? `, ${person.email}` : ''}
            {person.importedAt ? ' (pre-registered)' : ''}.
          </p>
          <p>
            Do this when they ask for it. Their name, e-mail, profile, what they wrote and their feedback comments are erased for good, and
            their personal link stops working. A buddy they have not met yet is told and found someone else. They stay in the counts and the
            report as an anonymous person. The audit log records that you erased participant #{person.id}, without the name.
          </p>
          <form method="post" action={action}>
            <ConfirmField id="erase-confirm" label="They asked for it: erase their personal data. This cannot be undone." error={error} />
            <div class="actions">
              <button type="submit" class="danger">
                Erase their data
              </button>
              <a href={eventPath(event.slug)}>Keep it</a>
            </div>
          </form>
        </section>
      </main>
    </Layout>
  );
}
