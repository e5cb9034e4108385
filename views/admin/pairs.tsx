// Live pairs for organizers: the list that puts what needs attention first, the actions on each
// pair (no-show, rematch, unpair, forbid, move), who is waiting, and pairing two people by hand.
// Each fragment is both part of the dashboard and its own htmx response.
import type { LivePairView } from '../../src/domain/pair-views.ts';
import type { PairingCandidates, Person } from '../../src/domain/participants.ts';
import { formatTime, plural } from '../format.ts';
import { eventPath, liveTrigger, NoticeBanner, type Notice } from './chrome.tsx';
import { AdminTable } from './table.tsx';

export type WaitingFirstTimer = PairingCandidates['waiting'][number];
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

/** the short list is filled up to this many rows with the next pairs on track to meet (3: with a safety alert on top, 300 people stay within three screens) */
export const pairRowsShown = 3;

const needsAttention = (p: LivePairView) => p.buddyMissingAt !== null || p.overdueMinutes !== null || p.differentBuddyAt !== null;

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
            Buddy isn't here (since <time datetime={p.buddyMissingAt.toISOString()}>{formatTime(p.buddyMissingAt, timezone)}</time>)
          </span>
        )}
        {p.differentBuddyAt && <span class="flag">Asked for a different buddy</span>}
      </td>
      <td>{p.volunteer.name}</td>
      <td>
        {p.spotName || <span class="muted">no spot</span>}
        {p.meetAt && (
          <span class="hint">
            <time datetime={p.meetAt.toISOString()}>{formatTime(p.meetAt, timezone)}</time>
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
  // in the order listLivePairs ranks them: "my buddy isn't here" first, then the longest overdue, then by meet time
  const sorted = pairs;
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
                  since <time datetime={w.waitingSince.toISOString()}>{formatTime(w.waitingSince, timezone)}</time>
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
        <AdminTable
          caption="Live pairs, the ones that need attention first"
          columns={['First-timer', 'Volunteer', 'Meets', 'Status', 'Score', 'Actions']}
        >
          {shown.map((p) => (
            <PairRow slug={slug} timezone={timezone} pair={p} spots={spots} />
          ))}
        </AdminTable>
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

export type PersonOption = Person;
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
