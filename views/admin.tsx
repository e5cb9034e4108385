import type { SignedInOrganizer } from '../src/domain/organizers.ts';
import type { Event } from '../src/domain/events.ts';
import type { EventCounts, Participant, ParticipantPage } from '../src/domain/participants.ts';
import type { AuditLine } from '../src/domain/audit.ts';
import type { LivePairView } from '../src/domain/pairs.ts';
import type { MatchRound } from '../src/domain/rounds.ts';
import {
  AuditList,
  eventPath,
  formatDateTime,
  LivePairs,
  liveTrigger,
  MatchNowForm,
  NoticeBanner,
  PairByHandForm,
  RoundList,
  type Notice,
  type PairByHandFormProps,
  type PersonOption,
  type SpotOption,
  type WaitingFirstTimer,
} from './admin-event-day.tsx';
import { Layout } from './layout.tsx';
import type { FeedbackMailCounts } from '../src/domain/feedback-invitations.ts';
import { FeedbackMailSummary } from './admin/feedback.tsx';

const roleLabels: Record<Participant['role'], string> = { first_timer: 'First-timer', volunteer: 'Volunteer' };
const statusLabels: Record<Participant['status'], string> = {
  registered: 'Registered',
  present: 'Here',
  matched: 'Matched',
  absent: 'Absent',
  withdrawn: 'Withdrawn',
};

function formatDay(isoDate: string): string {
  const at = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return isoDate;
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }).format(at);
}

function eventDates(event: Pick<Event, 'startsOn' | 'endsOn'>): string {
  return event.startsOn === event.endsOn
    ? formatDay(event.startsOn)
    : `${formatDay(event.startsOn)} – ${formatDay(event.endsOn)}`;
}

export function AdminTopBar({ organizer }: { organizer: SignedInOrganizer }) {
  return (
    <header class="topbar">
      <a href="/admin">Buddydesk · Events</a>
      {organizer.name ? (
        <span>
          Signed in as <strong>{organizer.name}</strong> · <a href="/admin/account">Change name</a>
        </span>
      ) : (
        <span>
          Signed in as {organizer.email} · <a href="/admin/account">Add your name</a>
        </span>
      )}
      <form method="post" action="/admin/logout">
        <button type="submit" class="quiet">
          Log out
        </button>
      </form>
    </header>
  );
}

export type EventListPageProps = {
  organizer: SignedInOrganizer;
  events: Pick<Event, 'slug' | 'name' | 'venue' | 'startsOn' | 'endsOn'>[];
};

export function EventListPage({ organizer, events }: EventListPageProps) {
  return (
    <Layout title="Events · Buddydesk" variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <h1>Events</h1>
        {events.length === 0 ? (
          <p>There are no events yet.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Events and their screens</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Screens and links</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => {
                  const slug = encodeURIComponent(e.slug);
                  return (
                    <tr>
                      <td>
                        <a href={eventPath(e.slug)}>{e.name}</a>
                        {e.venue && <span class="hint">{e.venue}</span>}
                      </td>
                      <td>{eventDates(e)}</td>
                      <td>
                        <a href={eventPath(e.slug)}>Dashboard</a> · <a href={`/e/${slug}/desk`}>Desk screen</a> ·{' '}
                        <a href={`/e/${slug}/board`}>Board</a> · <a href={`/e/${slug}/join`}>Join link</a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </main>
    </Layout>
  );
}

/** Refreshes itself when the event changes; the same markup is the page part and the fragment response. */
export function LiveCounts({ slug, counts, oob }: { slug: string; counts: EventCounts; oob?: boolean }) {
  const items: [keyof EventCounts, string][] = [
    ['firstTimersRegistered', 'First-timers registered'],
    ['firstTimersHere', 'First-timers here'],
    ['volunteersRegistered', 'Volunteers registered'],
    ['volunteersHere', 'Volunteers here'],
    ['freeCapacity', 'Free buddy places'],
  ];
  return (
    <div
      id="live-counts"
      class="counts"
      hx-swap-oob={oob ? 'true' : undefined}
      hx-get={`${eventPath(slug)}/counts`}
      hx-trigger={liveTrigger}
      hx-target="this"
      hx-swap="outerHTML settle:0ms"
    >
      {items.map(([key, label]) => (
        <div class="count" data-count={key}>
          <span class="n">{counts[key]}</span> {label}
        </div>
      ))}
    </div>
  );
}

export type ParticipantRowProps = { slug: string; timezone: string; participant: Participant; q: string; page?: number };

export function ParticipantRow({ slug, timezone, participant: p, q, page = 1 }: ParticipantRowProps) {
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
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Participants</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Library or school</th>
                <th scope="col">Desk code</th>
                <th scope="col">Registered</th>
                <th scope="col">Attendance</th>
              </tr>
            </thead>
            <tbody>
              {participants.map((p) => (
                <ParticipantRow slug={slug} timezone={timezone} participant={p} q={q} page={page} />
              ))}
            </tbody>
          </table>
        </div>
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

/** What the event-day sections of the dashboard show. */
export type EventDayData = {
  pairs: LivePairView[];
  /** every live pair, not only those needing attention and the next few */
  showAllPairs: boolean;
  waiting: WaitingFirstTimer[];
  spots: SpotOption[];
  rounds: MatchRound[];
  organizerNames: Map<number, string>;
  audit: AuditLine[];
  firstTimers: PersonOption[];
  volunteers: PersonOption[];
  /** a refused "pair by hand" form, shown again with what was chosen */
  pairByHand?: Pick<PairByHandFormProps, 'values' | 'errors'>;
};

export type DashboardPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'venue' | 'timezone' | 'startsOn' | 'endsOn'>;
  counts: EventCounts;
  q: string;
  participants: ParticipantPage;
  eventDay: EventDayData;
  notice?: Notice | undefined;
  /** what the feedback invitations did, once there are any */
  feedback?: FeedbackMailCounts;
};

export function DashboardPage({ organizer, event, counts, q, participants, eventDay, notice, feedback }: DashboardPageProps) {
  const base = eventPath(event.slug);
  const slug = encodeURIComponent(event.slug);
  return (
    <Layout title={`${event.name} · Dashboard · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <h1>{event.name}</h1>
        <p class="muted">
          {eventDates(event)}
          {event.venue && ` · ${event.venue}`} · times in {event.timezone}
        </p>
        <p class="actions">
          <a class="button secondary" href={`/e/${slug}/desk`}>
            Desk screen
          </a>
          <a class="button secondary" href={`/e/${slug}/board`}>
            Board
          </a>
          <a class="button quiet" href={`/e/${slug}/join`}>
            Join link
          </a>
          <a class="button quiet" href={`${base}/spots`}>
            Meetup spots and timing
          </a>
          <a class="button quiet" href={`${base}/outbox`}>
            Outbox
          </a>
          <a class="button quiet" href={`${base}/feedback`}>
            Feedback
          </a>
          <a class="button quiet" href={`${base}/report`}>
            Report
          </a>
          <a class="button quiet" href={`${base}/letters`}>
            Letters
          </a>
        </p>
        <NoticeBanner notice={notice} id="dashboard-message" />
        {feedback && <FeedbackMailSummary slug={event.slug} counts={feedback} />}

        {/* one event stream for the whole page; each fragment asks for itself again on "changed" */}
        <div hx-ext="sse" sse-connect={`${base}/stream`}>
          <section aria-labelledby="counts-heading">
            <h2 id="counts-heading">Right now</h2>
            <LiveCounts slug={event.slug} counts={counts} />
          </section>

          <section aria-labelledby="rounds-heading">
            <h2 id="rounds-heading">Matching rounds</h2>
            <MatchNowForm slug={event.slug} />
            <RoundList
              slug={event.slug}
              timezone={event.timezone}
              rounds={eventDay.rounds}
              organizerNames={eventDay.organizerNames}
            />
          </section>

          <section aria-labelledby="pairs-heading">
            <h2 id="pairs-heading">Live pairs</h2>
            <LivePairs
              slug={event.slug}
              timezone={event.timezone}
              pairs={eventDay.pairs}
              waiting={eventDay.waiting}
              spots={eventDay.spots}
              showAll={eventDay.showAllPairs}
            />
          </section>

          <section aria-labelledby="pin-heading">
            <h2 id="pin-heading">Pair by hand</h2>
            <PairByHandForm
              slug={event.slug}
              firstTimers={eventDay.firstTimers}
              volunteers={eventDay.volunteers}
              {...eventDay.pairByHand}
            />
          </section>

          <section aria-labelledby="participants-heading">
            <h2 id="participants-heading">Participants</h2>
            <form method="get" action={base} role="search" class="field">
              <label for="participant-search">Search by name, e-mail, library or desk code</label>
              <div class="search-row">
                <input
                  id="participant-search"
                  type="search"
                  name="q"
                  value={q}
                  autocomplete="off"
                  hx-get={`${base}/participants`}
                  hx-trigger="input changed delay:300ms, search"
                  hx-target="#participant-list"
                  hx-swap="outerHTML"
                />
                <button type="submit" class="secondary">
                  Search
                </button>
              </div>
            </form>
            <ParticipantList slug={event.slug} timezone={event.timezone} q={q} list={participants} />
          </section>

          {/* folded: read now and then; it stays open across its live refreshes, being outside them */}
          <section aria-labelledby="audit-heading">
            <details class="fold">
              <summary>
                <h2 id="audit-heading">Recent organizer actions</h2>
              </summary>
              <AuditList slug={event.slug} timezone={event.timezone} entries={eventDay.audit} />
            </details>
          </section>
        </div>
      </main>
    </Layout>
  );
}
