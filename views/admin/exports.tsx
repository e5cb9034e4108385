// Exports for organizers: the event's people, pairs, rounds and audit log as spreadsheets (CSV),
// each with what it holds, so the committee can keep its own records.
import type { Event } from '../../src/domain/events.ts';
import type { ExportKind } from '../../src/domain/exports.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath } from './chrome.tsx';

export const exportsPath = (slug: string) => `${eventPath(slug)}/exports`;

const what: Record<ExportKind, { title: string; noun: [string, string]; holds: string }> = {
  people: {
    title: 'People',
    noun: ['person', 'people'],
    holds:
      'Everyone registered: name, e-mail, role, status, whether and when they checked in, their buddy (or a volunteer’s first-timers), desk code, profile, interests, sessions, capacity, accessibility needs, whether they were pre-registered.',
  },
  pairs: {
    title: 'Pairs',
    noun: ['pair', 'pairs'],
    holds: 'Every pair made, live or ended: first-timer, volunteer, score, reasons, meetup spot and time, status (published, met, no-show, cancelled), pinned, round, who did not come.',
  },
  rounds: {
    title: 'Matching rounds',
    noun: ['round', 'rounds'],
    holds: 'Every round: when, who started it (or automatic), whether it was published or discarded, pairs proposed, first-timers left unmatched, total score.',
  },
  audit: {
    title: 'Audit log',
    noun: ['entry', 'entries'],
    holds: 'Every organizer action and what Buddydesk did by itself, oldest first: when, who, what.',
  },
};

export type ExportsPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'timezone'>;
  counts: Record<ExportKind, number>;
};

export function ExportsPage({ organizer, event, counts }: ExportsPageProps) {
  const base = exportsPath(event.slug);
  return (
    <Layout title={`Exports · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={eventPath(event.slug)}>← {event.name} dashboard</a>
        </p>
        <h1>Exports</h1>
        <p>
          Spreadsheets (CSV, UTF-8) of the event as it is now. Times are in {event.timezone}. They hold e-mail addresses
          and other personal data: keep them where only the committee can read them.
        </p>
        <div class="export-list">
          {(Object.keys(what) as ExportKind[]).map((kind) => (
            <section class="card" aria-labelledby={`export-${kind}`}>
              <h2 id={`export-${kind}`}>{what[kind].title}</h2>
              <p>{what[kind].holds}</p>
              <p class="actions">
                <a class="button secondary" href={`${base}/${kind}.csv`} download>
                  Download {what[kind].title.toLowerCase()} (CSV)
                </a>
                <span class="muted">{plural(counts[kind], ...what[kind].noun)}</span>
              </p>
            </section>
          ))}
        </div>
      </main>
    </Layout>
  );
}
