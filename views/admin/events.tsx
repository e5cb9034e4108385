// The organizer's start page: every event, with its dashboard, screens and links.
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { formatEventDates } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath } from './chrome.tsx';

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
                      <td>{formatEventDates(e)}</td>
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
