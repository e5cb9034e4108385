// The organizer's event day: matching rounds, live pairs and what can be done to them, pairing by
// hand, and the audit list. Each fragment is both part of the dashboard and its own htmx response.
import type { SignedInOrganizer } from '../src/domain/organizers.ts';
import type { AuditLine } from '../src/domain/audit.ts';
import type { Event } from '../src/domain/events.ts';
import type { LivePairView } from '../src/domain/pairs.ts';
import type { MatchRound, RoundView } from '../src/domain/rounds.ts';
import { AdminTopBar } from './admin.tsx';
import { Layout } from './layout.tsx';

export type Notice = { kind: 'ok' | 'error'; text: string };

/** Fragments refresh when the event changes (server-sent "changed") and every 15 s as a fallback. */
export const liveTrigger = 'sse:changed, every 15s';

export const eventPath = (slug: string) => `/admin/e/${encodeURIComponent(slug)}`;

function format(at: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone }).format(at);
  } catch {
    // a mistyped timezone in the settings must not take the console down
    return `${new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(at)} UTC`;
  }
}

/** "Oct 14, 9:05 AM" in the event's timezone. */
export function formatDateTime(at: Date, timeZone: string): string {
  return format(at, timeZone, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** "9:05 AM" in the event's timezone. */
export function formatClockTime(at: Date, timeZone: string): string {
  return format(at, timeZone, { hour: 'numeric', minute: '2-digit' });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function NoticeBanner({ notice, id }: { notice: Notice | undefined; id?: string }) {
  // an empty slot stays in the page, so a later notice can replace it out of band
  if (!notice) return id ? <div id={id}></div> : null;
  return notice.kind === 'ok' ? (
    <div class="banner ok" role="status" id={id}>
      {notice.text}
    </div>
  ) : (
    <div class="banner error" role="alert" id={id}>
      {notice.text}
    </div>
  );
}

/** Where the dashboard shows what just happened: at the top after a redirect, by the pairs, by the pair-by-hand form. */
export const dashboardNoticeSlots = ['dashboard-message', 'pairs-message', 'pair-by-hand-message'] as const;
export type DashboardNoticeSlot = (typeof dashboardNoticeSlots)[number];

/**
 * Empties the dashboard's other notice slots (htmx out-of-band) along with a response that brings
 * its own notice, so an old "done" never stands beside a new refusal.
 */
export function ClearOtherNotices({ keep }: { keep: DashboardNoticeSlot[] }) {
  return (
    <>
      {dashboardNoticeSlots
        .filter((id) => !keep.includes(id))
        .map((id) => (
          <div id={id} hx-swap-oob="true"></div>
        ))}
    </>
  );
}

// --- matching rounds ---

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

export function RoundList({ slug, timezone, rounds, organizerNames }: RoundListProps) {
  const base = eventPath(slug);
  return (
    <div id="round-list" hx-get={`${base}/rounds`} hx-trigger={liveTrigger} hx-target="this" hx-swap="outerHTML settle:0ms">
      {rounds.length === 0 ? (
        <p class="muted">No rounds yet.</p>
      ) : (
        // focusable so a keyboard can scroll it on a phone
        <div class="table-wrap" tabindex={0} role="region" aria-label="Past matching rounds">
          <table>
            <caption class="visually-hidden">Past matching rounds</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Status</th>
                <th scope="col">Matched</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr id={`round-${r.id}`}>
                  <td>
                    <time datetime={r.createdAt.toISOString()}>{formatDateTime(r.createdAt, timezone)}</time>
                  </td>
                  <td>{roundWho(r, organizerNames)}</td>
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
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function MatchNowForm({ slug }: { slug: string }) {
  return (
    <form method="post" action={`${eventPath(slug)}/rounds`} class="actions">
      <button type="submit">Match now</button>
      <span class="hint">Proposes pairs for everyone waiting; you review them before anyone sees them.</span>
    </form>
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
  return (
    <Layout title={`Round of ${when} · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={base}>← {event.name} dashboard</a>
        </p>
        <h1>Matching round of {when}</h1>
        <p class="muted">
          Started by {who} · {roundStatusLabels[round.status]}
        </p>
        <NoticeBanner notice={notice} id="round-message" />

        <section aria-labelledby="proposed-heading">
          <h2 id="proposed-heading">{round.status === 'proposed' ? 'Proposed pairs' : 'Pairs in this round'}</h2>
          {pairs.length === 0 ? (
            <p>No pairs could be made in this round.</p>
          ) : (
            <div class="table-wrap" tabindex={0} role="region" aria-label="Proposed pairs">
              <table id="round-pairs">
                <caption class="visually-hidden">Pairs in this round with their score and reasons</caption>
                <thead>
                  <tr>
                    <th scope="col">First-timer</th>
                    <th scope="col">Volunteer</th>
                    <th scope="col">Score</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
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
                </tbody>
              </table>
            </div>
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
                <button type="submit">Publish {plural(pairs.length, 'pair')}</button>
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

// --- live pairs ---

export type WaitingFirstTimer = { id: number; name: string; waitingSince: Date };
export type SpotOption = { id: number; name: string };

export type LivePairsProps = {
  slug: string;
  timezone: string;
  pairs: LivePairView[];
  /** first-timers whose rematch found nobody free */
  waiting: WaitingFirstTimer[];
  spots: SpotOption[];
  notice?: Notice | undefined;
  /** list every pair; otherwise those needing attention and the next few to meet */
  showAll?: boolean;
};

/** the short list is filled up to this many rows with the next pairs on track to meet */
export const pairRowsShown = 5;

const needsAttention = (p: LivePairView) => p.buddyMissingAt !== null || p.overdueMinutes !== null || p.differentBuddyAt !== null;

// "my buddy isn't here" first, then the longest overdue, then by meet time
function urgency(a: LivePairView, b: LivePairView): number {
  const missing = (p: LivePairView) => (p.buddyMissingAt ? 0 : 1);
  if (missing(a) !== missing(b)) return missing(a) - missing(b);
  if (a.buddyMissingAt && b.buddyMissingAt) return a.buddyMissingAt.getTime() - b.buddyMissingAt.getTime();
  const overdue = (p: LivePairView) => p.overdueMinutes ?? -1;
  if (overdue(a) !== overdue(b)) return overdue(b) - overdue(a);
  const at = (p: LivePairView) => p.meetAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return at(a) - at(b) || a.pairId - b.pairId;
}

type PostButtonProps = {
  url: string;
  label: string;
  /** who the button acts on, for screen readers reading a row out of context */
  who: string;
  fields?: Record<string, string>;
  confirm?: string;
  kind?: 'secondary' | 'danger';
};

function PostButton({ url, label, who, fields = {}, confirm, kind = 'secondary' }: PostButtonProps) {
  return (
    <form method="post" action={url} hx-post={url} hx-target="#live-pairs" hx-swap="outerHTML" hx-confirm={confirm}>
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={kind}>
        {label}
        <span class="visually-hidden"> ({who})</span>
      </button>
    </form>
  );
}

function PairRow({ slug, timezone, pair: p, spots }: { slug: string; timezone: string; pair: LivePairView; spots: SpotOption[] }) {
  const base = eventPath(slug);
  const pairUrl = `${base}/pairs/${p.pairId}`;
  const who = `${p.firstTimer.name} and ${p.volunteer.name}`;
  const rowClass = p.buddyMissingAt ? 'pair-alert' : p.overdueMinutes !== null ? 'pair-overdue' : undefined;
  return (
    <tr id={`pair-${p.pairId}`} class={rowClass}>
      <td>
        <strong>{p.firstTimer.name}</strong>
        {p.buddyMissingAt && (
          <span class="flag alert">
            Buddy isn't here (since <time datetime={p.buddyMissingAt.toISOString()}>{formatClockTime(p.buddyMissingAt, timezone)}</time>)
          </span>
        )}
        {p.differentBuddyAt && <span class="flag">Asked for a different buddy</span>}
      </td>
      <td>{p.volunteer.name}</td>
      <td>
        {p.spotName || <span class="muted">no spot</span>}
        {p.meetAt && (
          <span class="hint">
            <time datetime={p.meetAt.toISOString()}>{formatClockTime(p.meetAt, timezone)}</time>
          </span>
        )}
      </td>
      <td>
        <span class={`status ${p.status === 'met' ? 'present' : 'matched'}`}>{p.status === 'met' ? 'Met' : 'To meet'}</span>
        {p.overdueMinutes !== null && <span class="flag warn">waiting {plural(p.overdueMinutes, 'min', 'min')}</span>}
        {p.pinned && <span class="hint">paired by hand</span>}
      </td>
      <td class="pair-why">
        {p.score}
        {p.reasons.length > 0 && (
          <span class="hint" title={p.reasons.join('; ')}>
            {p.reasons.join('; ')}
          </span>
        )}
      </td>
      <td class="pair-do">
        {/* the day's actions on one line, the rarer ones on the next: a row stays two lines high */}
        <div class="pair-actions">
          {p.status === 'published' && (
            <>
              <PostButton url={`${pairUrl}/no-show`} fields={{ absentee: 'volunteer' }} label="Volunteer didn't come" who={p.volunteer.name} />
              <PostButton url={`${pairUrl}/no-show`} fields={{ absentee: 'first_timer' }} label="First-timer didn't come" who={p.firstTimer.name} />
            </>
          )}
          {(p.buddyMissingAt || p.differentBuddyAt) && (
            <PostButton url={`${base}/first-timers/${p.firstTimer.id}/rematch`} label="Rematch now" who={p.firstTimer.name} />
          )}
        </div>
        <div class="pair-actions">
          <PostButton url={`${pairUrl}/unpair`} label="Unpair" who={who} confirm={`Unpair ${who}?`} />
          <PostButton
            url={`${base}/forbidden-pairs`}
            fields={{ firstTimerId: String(p.firstTimer.id), volunteerId: String(p.volunteer.id) }}
            label="Forbid this pair"
            who={who}
            confirm={`Never pair ${who} again?`}
            kind="danger"
          />
          {(spots.length > 1 || (spots.length === 1 && p.spotId === null)) && (
            <form method="post" action={`${pairUrl}/move`} hx-post={`${pairUrl}/move`} hx-target="#live-pairs" hx-swap="outerHTML" class="move">
              <label for={`move-${p.pairId}`} class="visually-hidden">
                Meetup spot for {who}
              </label>
              <select id={`move-${p.pairId}`} name="spotId">
                {spots.map((s) => (
                  <option value={String(s.id)} selected={s.id === p.spotId}>
                    {s.name}
                  </option>
                ))}
              </select>
              <button type="submit" class="secondary">
                Move to spot<span class="visually-hidden"> ({who})</span>
              </button>
            </form>
          )}
        </div>
      </td>
    </tr>
  );
}

export function LivePairs({ slug, timezone, pairs, waiting, spots, notice, showAll = false }: LivePairsProps) {
  const base = eventPath(slug);
  const sorted = [...pairs].sort(urgency);
  // with hundreds of pairs the page would be endless: what needs the organizer, then the next few
  const attention = sorted.filter(needsAttention);
  const onTrack = sorted.filter((p) => !needsAttention(p));
  const shown = showAll ? sorted : [...attention, ...onTrack.slice(0, Math.max(0, pairRowsShown - attention.length))];
  const hidden = sorted.length - shown.length;
  return (
    <div
      id="live-pairs"
      hx-get={`${base}/pairs${showAll ? '?all=1' : ''}`}
      hx-trigger={liveTrigger}
      hx-target="this"
      hx-swap="outerHTML settle:0ms"
    >
      <NoticeBanner notice={notice} id="pairs-message" />
      {waiting.length > 0 && (
        <div class="card waiting">
          <h3>Waiting for a buddy</h3>
          <ul>
            {waiting.map((w) => (
              <li id={`waiting-${w.id}`}>
                <strong>{w.name}</strong>{' '}
                <span class="muted">
                  since <time datetime={w.waitingSince.toISOString()}>{formatClockTime(w.waitingSince, timezone)}</time>
                </span>{' '}
                <PostButton url={`${base}/first-timers/${w.id}/rematch`} label="Rematch now" who={w.name} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {sorted.length === 0 ? (
        <p class="muted">No live pairs yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Live pairs, the ones that need attention first</caption>
            <thead>
              <tr>
                <th scope="col">First-timer</th>
                <th scope="col">Volunteer</th>
                <th scope="col">Meets</th>
                <th scope="col">Status</th>
                <th scope="col">Score</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <PairRow slug={slug} timezone={timezone} pair={p} spots={spots} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hidden > 0 ? (
        <p class="actions">
          <span class="muted">
            {plural(hidden, 'more pair')} on track, meeting later.
          </span>
          <a class="button secondary" href={`${base}?pairs=all#pairs-heading`}>
            Show all {sorted.length} pairs
          </a>
        </p>
      ) : showAll && sorted.length > Math.max(attention.length, pairRowsShown) ? (
        <p class="actions">
          <a class="button secondary" href={`${base}#pairs-heading`}>
            Show only the pairs that need attention and the next to meet
          </a>
        </p>
      ) : null}
    </div>
  );
}

// --- pair by hand ---

export type PersonOption = { id: number; name: string };
export type PairByHandField = 'firstTimerId' | 'volunteerId';

export type PairByHandFormProps = {
  slug: string;
  /** present first-timers without a buddy */
  firstTimers: PersonOption[];
  /** present volunteers */
  volunteers: PersonOption[];
  values?: Partial<Record<PairByHandField, string>>;
  errors?: Partial<Record<PairByHandField | 'form', string>>;
  /** sent along with another fragment to refresh the choices (htmx out-of-band swap) */
  oob?: boolean;
};

export function PairByHandForm({ slug, firstTimers, volunteers, values = {}, errors = {}, oob }: PairByHandFormProps) {
  const url = `${eventPath(slug)}/pairs`;
  const select = (field: PairByHandField, label: string, people: PersonOption[]) => {
    const id = `pin-${field}`;
    const errorId = errors[field] ? `${id}-error` : undefined;
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <select id={id} name={field} required aria-invalid={errorId ? 'true' : undefined} aria-describedby={errorId}>
          <option value="">Choose…</option>
          {people.map((p) => (
            <option value={String(p.id)} selected={values[field] === String(p.id)}>
              {p.name}
            </option>
          ))}
        </select>
        {errorId && (
          <p class="field-error" id={errorId}>
            {errors[field]}
          </p>
        )}
      </div>
    );
  };
  return (
    <div id="pair-by-hand" hx-swap-oob={oob ? 'true' : undefined}>
      <NoticeBanner notice={errors.form ? { kind: 'error', text: errors.form } : undefined} id="pair-by-hand-message" />
      {firstTimers.length === 0 || volunteers.length === 0 ? (
        <p class="muted">
          {firstTimers.length === 0
            ? 'Every first-timer who is here has a buddy.'
            : 'No volunteer is checked in.'}
        </p>
      ) : (
        <form method="post" action={url} hx-post={url} hx-target="#live-pairs" hx-swap="outerHTML" class="card pair-by-hand">
          {select('firstTimerId', 'First-timer', firstTimers)}
          {select('volunteerId', 'Volunteer', volunteers)}
          <div class="actions">
            <button type="submit">Pair them</button>
          </div>
        </form>
      )}
    </div>
  );
}

// --- audit log ---

const actionLabels: Record<string, string> = {
  'check-in': 'Checked in',
  'check-out': 'Checked out',
  'spot-added': 'Added a meetup spot',
  'spot-updated': 'Changed a meetup spot',
  'timing-updated': 'Changed the timing',
  'propose-round': 'Proposed a round',
  'publish-round': 'Published a round',
  'discard-round': 'Discarded a round',
  'no-show': 'Marked a no-show',
  rematch: 'Rematched',
  unpair: 'Unpaired',
  pin: 'Paired by hand',
  forbid: 'Forbade a pair',
  move: 'Moved a pair',
};

export function actionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const words = action.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function AuditList({ slug, timezone, entries }: { slug: string; timezone: string; entries: AuditLine[] }) {
  return (
    <div id="audit-log" hx-get={`${eventPath(slug)}/audit`} hx-trigger={liveTrigger} hx-target="this" hx-swap="outerHTML settle:0ms">
      {entries.length === 0 ? (
        <p class="muted">No organizer actions yet.</p>
      ) : (
        <div class="table-wrap" tabindex={0} role="region" aria-label="Recent organizer actions">
          <table>
            <caption class="visually-hidden">The latest organizer actions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>
                    <time datetime={e.at.toISOString()}>{formatDateTime(e.at, timezone)}</time>
                  </td>
                  <td>{e.organizerName ?? <em>automatic</em>}</td>
                  <td>
                    {actionLabel(e.action)}
                    {e.detail && <span class="hint">{e.detail}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
