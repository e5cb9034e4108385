// What organizers print: the desk poster (the join link as a large QR code, for people to register
// before the day) and the sheet of current pairs by spot and time for the volunteers at the desk.
// Both are pages that print as they are; the Print button only opens the browser's dialog.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Event, MeetupSpot } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { BoardPairView } from '../../src/domain/pair-views.ts';
import { formatDateTime, formatEventDates, formatTime } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath } from './chrome.tsx';
import { AdminTable } from './table.tsx';

function PrintTools({ back, backLabel, children }: { back: string; backLabel: string; children?: Child }) {
  return (
    <div class="print-tools no-print">
      <a href={back}>← {backLabel}</a>
      {/* shown by print.js; without JavaScript the browser's own Print prints the page as it is */}
      <button type="button" data-print hidden>
        Print
      </button>
      <span class="hint">{children ?? 'Or print this page from your browser (Ctrl+P, or ⌘P on a Mac).'}</span>
    </div>
  );
}

export type PosterPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'venue' | 'startsOn' | 'endsOn'>;
  joinUrl: string;
  /** the join address as people type it: without "http://" */
  shortUrl: string;
  qrSvg: string;
};

export function PosterPage({ organizer, event, joinUrl, shortUrl, qrSvg }: PosterPageProps) {
  return (
    <Layout title={`Desk poster · ${event.name} · Buddydesk`} variant="admin" scripts={['print.js']}>
      <AdminTopBar organizer={organizer} />
      <main>
        <PrintTools back={eventPath(event.slug)} backLabel={`${event.name} dashboard`}>
          One page, portrait. It carries the registration link without the desk’s rotating code: people who scan it register from
          wherever they are and check in at the desk when they arrive.
        </PrintTools>
        <article class="poster" aria-labelledby="poster-heading">
          <h1 id="poster-heading">First time here? Get a buddy.</h1>
          <p class="poster-lead">
            A returning volunteer meets you at the start of the conference and shows you around. Scan to sign up — it takes a minute.
          </p>
          <div class="poster-qr" role="img" aria-label={`QR code of ${joinUrl}`}>
            {raw(qrSvg)}
          </div>
          <p class="poster-url">{shortUrl}</p>
          <p class="poster-event">
            {event.name}
            <br />
            {formatEventDates(event)}
            {event.venue && ` · ${event.venue}`}
          </p>
        </article>
      </main>
    </Layout>
  );
}

export type DeskSheetPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'timezone'>;
  spots: Pick<MeetupSpot, 'id' | 'name' | 'directions'>[];
  pairs: BoardPairView[];
  now: Date;
};

/** Every live pair with a meetup, by spot (in the spots' order), then time; first name and initial only. */
export function DeskSheetPage({ organizer, event, spots, pairs, now }: DeskSheetPageProps) {
  const known = new Set(spots.map((s) => s.id));
  const groups = [
    ...spots.map((s) => ({ key: String(s.id), name: s.name, directions: s.directions, pairs: pairs.filter((p) => p.spotId === s.id) })),
    { key: 'none', name: 'No spot', directions: '', pairs: pairs.filter((p) => p.spotId === null || !known.has(p.spotId)) },
  ].filter((g) => g.pairs.length > 0);
  return (
    <Layout title={`Pairs at the desk · ${event.name} · Buddydesk`} variant="admin" scripts={['print.js']}>
      <AdminTopBar organizer={organizer} />
      <main class="desk-sheet">
        <PrintTools back={eventPath(event.slug)} backLabel={`${event.name} dashboard`} />
        <h1>Pairs by meetup spot</h1>
        <p>
          {event.name} · as of {formatDateTime(now, event.timezone)}. First names and initials only. Reprint after each round.
        </p>
        {groups.length === 0 && <p>There are no pairs with a meetup yet.</p>}
        {groups.map((g) => (
          <section aria-labelledby={`sheet-${g.key}`}>
            <h2 id={`sheet-${g.key}`}>
              {g.name}
              {g.directions && <span class="hint">{g.directions}</span>}
            </h2>
            <AdminTable caption={`Pairs meeting at ${g.name}`} columns={['Time', 'First-timer', 'Volunteer', 'Met']}>
              {g.pairs.map((p) => (
                <tr>
                  <td>{formatTime(p.meetAt, event.timezone)}</td>
                  <td>{p.firstTimer}</td>
                  <td>{p.volunteer}</td>
                  <td>{p.met ? '✓ met' : ''}</td>
                </tr>
              ))}
            </AdminTable>
          </section>
        ))}
      </main>
    </Layout>
  );
}
