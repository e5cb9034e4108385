// The event's dashboard: the counts, and the day's sections — rounds, live pairs, pairing by
// hand, participants, the audit log — on one page that follows the event live.
import type { AuditLine } from '../../src/domain/audit.ts';
import type { Event } from '../../src/domain/events.ts';
import type { FeedbackMailCounts } from '../../src/domain/feedback-invitations.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { LivePairView } from '../../src/domain/pair-views.ts';
import type { EventCounts, ParticipantPage } from '../../src/domain/participants.ts';
import type { RetentionState } from '../../src/domain/retention.ts';
import type { MatchRound } from '../../src/domain/rounds.ts';
import { formatDateTime, formatEventDates } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AuditList } from './audit.tsx';
import { FeedbackMailSummary } from './feedback.tsx';
import { AdminTopBar, eventPath, liveTrigger, NoticeBanner, type Notice } from './chrome.tsx';
import {
  LivePairs,
  PairByHandForm,
  type PairByHandFormProps,
  type PersonOption,
  type SpotOption,
  type WaitingFirstTimer,
} from './pairs.tsx';
import { ParticipantList } from './participants.tsx';
import { SafetyAlerts } from './safety-alerts.tsx';
import type { SafetyAlert } from '../../src/domain/safety.ts';
import { MatchNowForm, RoundList } from './rounds.tsx';

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
  event: Pick<Event, 'slug' | 'name' | 'venue' | 'timezone' | 'startsOn' | 'endsOn' | 'archivedAt'>;
  counts: EventCounts;
  q: string;
  participants: ParticipantPage;
  eventDay: EventDayData;
  notice?: Notice | undefined;
  /** what the feedback invitations did, once there are any */
  feedback?: FeedbackMailCounts;
  /** when the event's personal data is erased (docs/decisions/erasure.md) */
  retention?: RetentionState;
  /** someone pressed the safety button and no organizer has acknowledged it yet */
  safetyAlerts?: SafetyAlert[];
};

/** The pages that set the event up, before the doors open. */
function SetupLinks({ slug }: { slug: string }) {
  const base = eventPath(slug);
  return (
    <nav class="setup-links" aria-label="Set up the event">
      <span class="label">Set up:</span> <a href={`${base}/edit`}>Event details</a> · <a href={`${base}/choices`}>What people choose from</a> ·{' '}
      <a href={`${base}/program`}>Program</a> · <a href={`${base}/preregistration`}>Pre-registration</a> ·{' '}
      <a href={`${base}/spots`}>Meetup spots</a> · <a href={`${base}/weights`}>Matching weights</a> · <a href={`${base}/poster`}>Desk poster</a> ·{' '}
      <a href={`${base}/kiosks`}>Kiosks</a> ·{' '}
      <a href={`${base}/desk-sheet`}>Pairs sheet</a>
    </nav>
  );
}

export function DashboardPage({ organizer, event, counts, q, participants, eventDay, notice, feedback, retention, safetyAlerts = [] }: DashboardPageProps) {
  const base = eventPath(event.slug);
  const slug = encodeURIComponent(event.slug);
  return (
    <Layout title={`${event.name} · Dashboard · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <h1>{event.name}</h1>
        {/* one event stream for the whole page; each fragment asks for itself again on "changed" */}
        <div hx-ext="sse" sse-connect={`${base}/stream`}>
        <SafetyAlerts slug={event.slug} timezone={event.timezone} alerts={safetyAlerts} />
        <p class="muted">
          {formatEventDates(event)}
          {event.venue && ` · ${event.venue}`} · times in {event.timezone}
          {retention && (
            <>
              {' · '}
              <a href={`${base}/edit`} id="retention-line">
                {retention.state === 'erased'
                  ? `Personal data was erased on ${formatDateTime(retention.at, event.timezone)}; anonymous counts remain.`
                  : `Personal data will be erased on ${retention.day}.`}
              </a>
            </>
          )}
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
          <a class="button quiet" href={`${base}/outbox`}>
            Outbox
          </a>
          <a class="button quiet" href={`${base}/feedback`}>
            Feedback
          </a>
          <a class="button quiet" href={`${base}/exports`}>
            Exports
          </a>
          <a class="button quiet" href={`${base}/report`}>
            Report
          </a>
          <a class="button quiet" href={`${base}/letters`}>
            Letters
          </a>
        </p>
        <SetupLinks slug={event.slug} />
        {event.archivedAt && (
          <div class="banner warn" id="archived-banner">
            This event is archived: read-only, and its public pages are closed. <a href={`${base}/edit`}>Restore it</a> to make changes.
          </div>
        )}
        <NoticeBanner notice={notice} id="dashboard-message" />
        {feedback && <FeedbackMailSummary slug={event.slug} counts={feedback} />}

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
