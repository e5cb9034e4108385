// The organizer's start page: every event with its dates and counts, its dashboard, screens and
// links; archived events below; and the way to create one.
import type { EventSummary } from '../../src/domain/event-admin.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { formatEventDates } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, NoticeBanner, type Notice } from './chrome.tsx';

export type EventListPageProps = {
  organizer: SignedInOrganizer;
  events: Pick<EventSummary, 'slug' | 'name' | 'venue' | 'startsOn' | 'endsOn' | 'archivedAt' | 'counts'>[];
  notice?: Notice | undefined;
};

type Row = EventListPageProps['events'][number];

function Counts({ counts }: { counts: Row['counts'] }) {
  return (
    <>
      <td class="num">{counts.firstTimers}</td>
      <td class="num">{counts.volunteers}</td>
      <td class="num">{counts.here}</td>
      <td class="num">{counts.pairs}</td>
    </>
  );
}

function EventTable({ caption, events, archived }: { caption: string; events: Row[]; archived: boolean }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Dates</th>
            <th scope="col" class="num">First-timers</th>
            <th scope="col" class="num">Volunteers</th>
            <th scope="col" class="num">Here</th>
            <th scope="col" class="num">Live pairs</th>
            <th scope="col">{archived ? 'Pages' : 'Screens and links'}</th>
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
                <td>{formatEventDates(e)}</td>
                <Counts counts={e.counts} />
                <td>
                  {archived ? (
                    <>
                      <a href={eventPath(e.slug)}>Dashboard (read-only)</a> · <a href={`${eventPath(e.slug)}/edit`}>Restore or delete</a>
                    </>
                  ) : (
                    <>
                      <a href={eventPath(e.slug)}>Dashboard</a> · <a href={`/e/${slug}/desk`}>Desk screen</a> ·{' '}
                      <a href={`/e/${slug}/board`}>Board</a> · <a href={`/e/${slug}/join`}>Join link</a>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function EventListPage({ organizer, events, notice }: EventListPageProps) {
  const current = events.filter((e) => !e.archivedAt);
  const archived = events.filter((e) => e.archivedAt);
  return (
    <Layout title="Events · Buddydesk" variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <h1>Events</h1>
        <NoticeBanner notice={notice} id="events-message" />
        <p class="actions">
          <a class="button" href="/admin/events/new">
            New event
          </a>
          <a class="button quiet" href="/admin/organizers">
            Organizers and invitations
          </a>
        </p>
        {current.length === 0 ? (
          <p>There are no current events. Create one to get started.</p>
        ) : (
          <EventTable caption="Current events, their counts and screens" events={current} archived={false} />
        )}
        {archived.length > 0 && (
          <section aria-labelledby="archived-heading">
            <h2 id="archived-heading">Archived</h2>
            <p class="muted">Over and read-only; their public pages are closed.</p>
            <EventTable caption="Archived events" events={archived} archived={true} />
          </section>
        )}
      </main>
    </Layout>
  );
}
