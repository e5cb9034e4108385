// Matching rounds for organizers: the list of past rounds, "Match now", and the review page of
// one proposal (its pairs with their reasons, who stays unmatched and why) before it goes live.
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { MatchRound, RoundView } from '../../src/domain/rounds.ts';
import { formatDateTime, plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, liveTrigger, NoticeBanner, type Notice } from './chrome.tsx';
import { AdminTable } from './table.tsx';

const roundStatusLabels: Record<MatchRound['status'], string> = {
  proposed: 'Waiting for review',
  published: 'Published',
  discarded: 'Discarded',
};

export type RoundListProps = {
  slug: string;
  timezone: string;
  rounds: MatchRound[];
  /** names of the organizers who started rounds by hand */
  organizerNames: Map<number, string>;
};

export function roundWho(round: Pick<MatchRound, 'trigger' | 'organizerId'>, names: Map<number, string>): string {
  if (round.trigger === 'auto') return 'auto';
  return (round.organizerId !== null && names.get(round.organizerId)) || 'an organizer';
}

/** A pre-event round plans pairs for people not here yet; the day's rounds are the plain kind. */
const preEvent = (round: Pick<MatchRound, 'kind'>) => round.kind === 'pre-event';

export function RoundList({ slug, timezone, rounds, organizerNames }: RoundListProps) {
  const base = eventPath(slug);
  return (
    <div id="round-list" hx-get={`${base}/rounds`} hx-trigger={liveTrigger} hx-target="this" hx-swap="outerHTML settle:0ms">
      {rounds.length === 0 ? (
        <p class="muted">No rounds yet.</p>
      ) : (
        // focusable so a keyboard can scroll it on a phone
        <AdminTable caption="Past matching rounds" columns={['When', 'Who', 'Status', 'Matched']} region="Past matching rounds">
      {rounds.map((r) => (
        <tr id={`round-${r.id}`}>
          <td>
            <time datetime={r.createdAt.toISOString()}>{formatDateTime(r.createdAt, timezone)}</time>
          </td>
          <td>
            {roundWho(r, organizerNames)}
            {preEvent(r) && <span class="hint"> pre-event</span>}
          </td>
          <td>
            {r.status === 'proposed' ? (
              <a href={`${base}/rounds/${r.id}`}>
                {roundStatusLabels[r.status]}
                <span class="visually-hidden"> (round of {formatDateTime(r.createdAt, timezone)})</span>
              </a>
            ) : (
              roundStatusLabels[r.status]
            )}
          </td>
          <td>
            {r.status === 'proposed'
              ? `${plural(r.proposal.pairs.length, 'pair')} proposed`
              : r.status === 'published'
                ? plural(r.matchedCount, 'pair')
                : '–'}
          </td>
        </tr>
      ))}
        </AdminTable>
      )}
    </div>
  );
}

/** "Match now", and beside it the pre-event round for people not here yet: one row, so the dashboard stays short. */
export function MatchNowForm({ slug }: { slug: string }) {
  const base = eventPath(slug);
  return (
    <div class="actions">
      <form method="post" action={`${base}/rounds`}>
        <button type="submit">Match now</button>
      </form>
      <form method="post" action={`${base}/rounds/pre-event`}>
        <button type="submit" class="secondary">
          Pre-event round
        </button>
      </form>
      <span class="hint">
        You review the pairs before anyone sees them. Pre-event: for people not here yet (<a href={`${base}/planned`}>planned pairs</a>).
      </span>
    </div>
  );
}

export type RoundReviewPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'timezone'>;
  view: RoundView;
  who: string;
  notice?: Notice | undefined;
};

export function RoundReviewPage({ organizer, event, view, who, notice }: RoundReviewPageProps) {
  const base = eventPath(event.slug);
  const { round, pairs, unmatched } = view;
  const when = formatDateTime(round.createdAt, event.timezone);
  const planned = preEvent(round);
  const name = planned ? 'Pre-event round' : 'Matching round';
  return (
    <Layout title={`${planned ? 'Pre-event round' : 'Round'} of ${when} · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={base}>← {event.name} dashboard</a>
        </p>
        <h1>
          {name} of {when}
        </h1>
        <p class="muted">
          Started by {who} · {roundStatusLabels[round.status]}
        </p>
        {planned && (
          <p>
            Over people registered and not yet here. Published pairs are planned: both see their buddy-to-be and get an introduction
            e-mail; they get a meetup spot and time once both have checked in.
          </p>
        )}
        <NoticeBanner notice={notice} id="round-message" />

        <section aria-labelledby="proposed-heading">
          <h2 id="proposed-heading">
            {round.status === 'proposed' ? (planned ? 'Proposed planned pairs' : 'Proposed pairs') : 'Pairs in this round'}
          </h2>
          {pairs.length === 0 ? (
            <p>No pairs could be made in this round.</p>
          ) : (
            <AdminTable
              caption="Pairs in this round with their score and reasons"
              columns={['First-timer', 'Volunteer', 'Score', 'Why']}
              region="Proposed pairs"
              id="round-pairs"
            >
              {pairs.map((p) => (
                <tr>
                  <td>{p.firstTimer.name}</td>
                  <td>{p.volunteer.name}</td>
                  <td>{p.score}</td>
                  <td>
                    {p.reasons.length === 0 ? (
                      <span class="muted">nothing in common; best available</span>
                    ) : (
                      <ul class="reasons">
                        {p.reasons.map((r) => (
                          <li>{r}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </AdminTable>
          )}
        </section>

        <section aria-labelledby="unmatched-heading">
          <h2 id="unmatched-heading">Still waiting after this round</h2>
          {unmatched.length === 0 ? (
            <p>Everyone waiting gets a buddy.</p>
          ) : (
            <ul id="round-unmatched">
              {unmatched.map((u) => (
                <li>
                  <strong>{u.firstTimer.name}</strong>: {u.reason}
                </li>
              ))}
            </ul>
          )}
        </section>

        {round.status === 'proposed' && (
          <div class="actions">
            {pairs.length > 0 && (
              <form method="post" action={`${base}/rounds/${round.id}/publish`}>
                <button type="submit">
                  {planned ? `Plan ${plural(pairs.length, 'pair')} and send introductions` : `Publish ${plural(pairs.length, 'pair')}`}
                </button>
              </form>
            )}
            <form method="post" action={`${base}/rounds/${round.id}/discard`}>
              <button type="submit" class="secondary">
                Discard this round
              </button>
            </form>
          </div>
        )}
      </main>
    </Layout>
  );
}
