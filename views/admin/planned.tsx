// Before the conference: the pre-event round's button, the time planned pairs hold until, and the
// planned pairs themselves, each of which an organizer may end.
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { PlannedPairView } from '../../src/domain/planned-pairs.ts';
import { Field } from '../field.tsx';
import { formatEventDates } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, liveTrigger, NoticeBanner, type Notice } from './chrome.tsx';
import { AdminTable } from './table.tsx';

export function PlannedPairList({ slug, pairs, notice }: { slug: string; pairs: PlannedPairView[]; notice?: Notice | undefined }) {
  const base = eventPath(slug);
  const here = (p: { here: boolean }) => (p.here ? <span class="flag ok">checked in</span> : <span class="hint">not here yet</span>);
  return (
    <div id="planned-pairs" hx-get={`${base}/planned/list`} hx-trigger={liveTrigger} hx-target="this" hx-swap="outerHTML settle:0ms">
      <NoticeBanner notice={notice} id="planned-pairs-message" />
      {pairs.length === 0 ? (
        <p class="muted">No planned pairs right now.</p>
      ) : (
        <AdminTable
          caption="Planned pairs, waiting for both to check in"
          columns={['First-timer', 'Volunteer', 'Why']}
          actions
          region="Planned pairs"
        >
          {pairs.map((p) => {
            const who = `${p.firstTimer.name} and ${p.volunteer.name}`;
            const url = `${base}/planned/${p.pairId}/end`;
            return (
              <tr id={`planned-${p.pairId}`}>
                <td>
                  {p.firstTimer.name} {here(p.firstTimer)}
                </td>
                <td>
                  {p.volunteer.name} {here(p.volunteer)}
                </td>
                <td>
                  {p.score}
                  {p.reasons.length > 0 && <span class="hint"> {p.reasons.join('; ')}</span>}
                </td>
                <td>
                  <form method="post" action={url} hx-post={url} hx-target="#planned-pairs" hx-swap="outerHTML" hx-confirm={`End the planned pair of ${who}?`}>
                    <button type="submit" class="secondary">
                      End<span class="visually-hidden"> the planned pair of {who}</span>
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </AdminTable>
      )}
    </div>
  );
}

export type PlannedPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'timezone' | 'startsOn' | 'endsOn'>;
  pairs: PlannedPairView[];
  hold: { value: string; error?: string | undefined };
  notice?: Notice | undefined;
};

export function PlannedPage({ organizer, event, pairs, hold, notice }: PlannedPageProps) {
  const base = eventPath(event.slug);
  return (
    <Layout title={`Planned pairs · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={base}>← {event.name} dashboard</a>
        </p>
        <h1>Planned pairs</h1>
        <p class="muted">
          {formatEventDates(event)} · times in {event.timezone}
        </p>
        <NoticeBanner notice={notice} id="planned-message" />

        <section aria-labelledby="pre-event-heading">
          <h2 id="pre-event-heading">Pre-event round</h2>
          <p>
            Plans a buddy for each first-timer who registered and is not here yet, among the volunteers likewise. You review the
            pairs before anyone sees them; once published, both see their buddy-to-be on their personal page and get an introduction
            e-mail (with e-mail addresses only when both agreed to share them). A planned pair gets a meetup spot and time when
            both have checked in.
          </p>
          <form method="post" action={`${base}/rounds/pre-event`} class="actions">
            <button type="submit">Run a pre-event round</button>
          </form>
        </section>

        <section aria-labelledby="hold-heading">
          <h2 id="hold-heading">How long planned pairs hold</h2>
          <form method="post" action={`${base}/planned/hold`} class="card" id="planned-hold">
            <Field
              id="planned-hold-until"
              name="plannedHoldUntil"
              label="Planned pairs hold until"
              hint={`On the first day (${event.startsOn}), in ${event.timezone}. If one of the two has not checked in by then, the pair is released and whoever is here goes into the day's rounds, a first-timer first in line. Leave empty to hold them until you end them.`}
              type="time"
              value={hold.value}
              error={hold.error}
            />
            <button type="submit">Save</button>
          </form>
        </section>

        {/* the list follows check-ins and releases through the dashboard's event stream */}
        <section aria-labelledby="planned-heading" hx-ext="sse" sse-connect={`${base}/stream`}>
          <h2 id="planned-heading">Waiting for both to check in</h2>
          <PlannedPairList slug={event.slug} pairs={pairs} />
        </section>
      </main>
    </Layout>
  );
}
