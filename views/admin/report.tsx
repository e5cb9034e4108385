// The program report for organizers: its sections, each chart (drawn in report-figures.tsx) with
// its numbers in a table beside it, printable as it is.
import type { Child } from 'hono/jsx';
import type { FeedbackMet, ParticipantRole } from '../../db/schema.ts';
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { CriterionGroup, ProgramReport, Rate, RatingStats } from '../../src/domain/program-report.ts';
import { formatDateRange, plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath } from './chrome.tsx';
import { BarChart, bothRoles, Few, Figure, FigureTable, mean, percent, share, smallSample } from './report-figures.tsx';

const roleNames: Record<ParticipantRole, string> = { first_timer: 'First-timers', volunteer: 'Volunteers' };
const metNames: Record<FeedbackMet, string> = { no: 'No', once: 'Once', more: 'More than once' };

// --- sections ---

const rateCells = (r: Rate): Child[] => [`${r.n} of ${r.of}`, percent(r)];

function NumbersSection({ report }: { report: ProgramReport }) {
  const ft = report.firstTimers;
  const v = report.volunteers;
  const p = report.pairs;
  const funnel: [string, number][] = [
    ['Registered', ft.registered],
    ['Present', ft.present.n],
    ['Matched', ft.matched.n],
    ['Met their buddy', ft.met.n],
    ['Rematched', ft.rematched.n],
  ];
  const of = (word: string) => (n: number) => `${n} ${word}`;
  const pairs = (n: number) => plural(n, 'pair');
  const rows: [string, Rate, (n: number) => string][] = [
    ['First-timers present', ft.present, of('registered')],
    ['First-timers matched', ft.matched, of('present')],
    ['First-timers who met their buddy', ft.met, of('matched')],
    ['First-timers rematched', ft.rematched, of('matched')],
    ['Volunteers present', v.present, of('registered')],
    ['Volunteers with a first-timer', v.matched, of('present')],
    ['Volunteers who met a first-timer', v.met, of('with a first-timer')],
    ['Pairs that met', p.met, pairs],
    ['Pairs ended by a no-show', p.noShow, pairs],
  ];
  return (
    <section class="report-section" aria-labelledby="numbers-heading">
      <h2 id="numbers-heading">The program in numbers</h2>
      <Figure>
        <BarChart
          id="chart-funnel"
          title="First-timers from registration to meeting their buddy"
          series={[{ name: 'First-timers', className: 'first-timer' }]}
          rows={funnel.map(([label, n]) => ({ label, bars: [{ value: n, text: String(n) }] }))}
          max={Math.max(1, ft.registered)}
        />
        <FigureTable
          id="table-numbers"
          caption={`${plural(ft.registered, 'first-timer')} and ${plural(v.registered, 'volunteer')} registered; ${plural(p.total, 'pair')} made`}
          head={['Who', 'Count', 'Rate', 'Of']}
          rows={[
            ...rows.map(([label, r, whole]) => ({ head: label, cells: [r.n, percent(r), whole(r.of)] })),
            { head: 'No-shows: the first-timer did not come', cells: [p.noShowFirstTimer, '', ''] },
            { head: 'No-shows: the volunteer did not come', cells: [p.noShowVolunteer, '', ''] },
          ]}
        />
      </Figure>
    </section>
  );
}

function ResponsesSection({ report }: { report: ProgramReport }) {
  const roles: ParticipantRole[] = ['first_timer', 'volunteer'];
  return (
    <section class="report-section" aria-labelledby="responses-heading">
      <h2 id="responses-heading">Who answered</h2>
      <Figure>
        <BarChart
          id="chart-responses"
          title="Response rate by role, of those registered"
          series={[{ name: 'Answered', className: 'all' }]}
          rows={roles.map((role) => {
            const r = report.responses[role].registered;
            return { label: roleNames[role], bars: [{ value: share(r), text: `${percent(r)} (${r.n} of ${r.of})` }] };
          })}
          max={1}
        />
        <FigureTable
          id="table-responses"
          caption="Response rate by role"
          head={['Role', 'Answered, of registered', 'Rate', 'Answered, of present', 'Rate']}
          rows={[...roles, 'all' as const].map((role) => ({
            head: role === 'all' ? 'Everyone' : roleNames[role],
            cells: [...rateCells(report.responses[role].registered), ...rateCells(report.responses[role].present)],
          }))}
        />
      </Figure>
    </section>
  );
}

function RatingsSection({ report }: { report: ProgramReport }) {
  const { ratings } = report;
  const byRole = [ratings.first_timer, ratings.volunteer, ratings.all];
  const max = Math.max(1, ...ratings.first_timer.counts, ...ratings.volunteer.counts);
  return (
    <section class="report-section" aria-labelledby="ratings-heading">
      <h2 id="ratings-heading">How good a match was it?</h2>
      <Figure>
        <BarChart
          id="chart-ratings"
          title="Ratings from 1 (poor) to 5 (great), by role"
          series={bothRoles}
          rows={[5, 4, 3, 2, 1].map((star) => ({
            label: `${star} of 5`,
            bars: [ratings.first_timer, ratings.volunteer].map((d) => ({ value: d.counts[star - 1]!, text: String(d.counts[star - 1]) })),
          }))}
          max={max}
        />
        <div>
          <FigureTable
            id="table-ratings"
            caption="Ratings by role"
            head={['Rating', 'First-timers', 'Volunteers', 'All']}
            rows={[
              ...[5, 4, 3, 2, 1].map((star) => ({ head: `${star} of 5`, cells: byRole.map((d) => d.counts[star - 1]!) })),
              { head: 'Ratings', cells: byRole.map((d) => d.n), class: 'total' },
              { head: 'Mean', cells: byRole.map(mean), class: 'total' },
            ]}
          />
          <FigureTable
            id="table-met"
            caption="Did they meet?"
            head={['Answer', 'First-timers', 'Volunteers']}
            rows={(['no', 'once', 'more'] as const).map((m) => ({
              head: metNames[m],
              cells: [report.met.first_timer[m], report.met.volunteer[m]],
            }))}
          />
        </div>
      </Figure>
    </section>
  );
}

/** "4.5 (n = 2)", or a dash where there is no rating. */
const meanWithN = (s: RatingStats) => (s.n === 0 ? '—' : `${mean(s)} (n = ${s.n})`);

function CriterionFigure({ group }: { group: CriterionGroup }) {
  const name = group.label.toLowerCase();
  return (
    <div class="criterion">
      <h3 id={`criterion-${group.key}-heading`}>{group.label}</h3>
      <Figure>
        <BarChart
          id={`chart-criterion-${group.key}`}
          title={`Mean rating by ${name}`}
          series={[{ name: 'All ratings', className: 'all' }]}
          rows={group.buckets.map((b) => ({
            label: b.label,
            bars: [
              {
                value: b.ratings.all.mean ?? 0,
                text: b.ratings.all.n === 0 ? 'no ratings' : `${meanWithN(b.ratings.all)}${b.ratings.all.n < smallSample ? ', few' : ''}`,
                few: b.ratings.all.n < smallSample,
              },
            ],
          }))}
          max={5}
        />
        <FigureTable
          id={`table-criterion-${group.key}`}
          caption={`Mean rating by ${name}, with the number of ratings (n)`}
          head={['Pairs with', 'First-timers', 'Volunteers', 'All', 'Rated 4–5']}
          rows={group.buckets.map((b) => ({
            head: (
              <>
                {b.label} <Few n={b.ratings.all.n} />
              </>
            ),
            cells: [
              meanWithN(b.ratings.first_timer),
              meanWithN(b.ratings.volunteer),
              meanWithN(b.ratings.all),
              percent({ n: b.ratings.all.good, of: b.ratings.all.n }),
            ],
            class: b.ratings.all.n < smallSample ? 'few' : undefined,
            bucket: b.key,
          }))}
        />
      </Figure>
    </div>
  );
}

function CriteriaSection({ report }: { report: ProgramReport }) {
  return (
    <section class="report-section" aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">Which match criteria went with good ratings?</h2>
      <p class="muted">
        Each rating is counted for the pair it is about: a first-timer's last pair, and each of a volunteer's pairs (a
        volunteer with two first-timers counts twice). What a pair had in common is worked out from the two people's profiles.
        <strong> n</strong> is the number of ratings behind a figure; under {smallSample} it is marked <em>few</em> — read
        it as a hint, not a finding.
      </p>
      {report.criteria.map((g) => (
        <CriterionFigure group={g} />
      ))}
    </section>
  );
}

function LoadSection({ report }: { report: ProgramReport }) {
  const { load } = report;
  return (
    <section class="report-section" aria-labelledby="load-heading">
      <h2 id="load-heading">Volunteers' load</h2>
      <Figure>
        <BarChart
          id="chart-load"
          title="Present volunteers by the number of first-timers they welcomed"
          series={[{ name: 'Volunteers', className: 'volunteer' }]}
          rows={load.distribution.map((d) => ({ label: `${d.label} first-timers`, bars: [{ value: d.volunteers, text: String(d.volunteers) }] }))}
          max={Math.max(1, ...load.distribution.map((d) => d.volunteers))}
        />
        <FigureTable
          id="table-load"
          caption={`${plural(load.volunteersPresent, 'volunteer')} present welcomed ${plural(load.welcomed, 'first-timer')} in ${plural(load.capacity, 'place')} offered (${percent(load.used)} used)`}
          head={['First-timers welcomed', 'Volunteers']}
          rows={load.distribution.map((d) => ({ head: d.label, cells: [d.volunteers] }))}
        />
      </Figure>
    </section>
  );
}

function NextYearSection({ report }: { report: ProgramReport }) {
  return (
    <section class="report-section" aria-labelledby="next-year-heading">
      <h2 id="next-year-heading">Next year's volunteers</h2>
      {report.nextYear.length === 0 ? (
        <p>No one has said yes or maybe yet.</p>
      ) : (
        <div class="table-wrap" tabindex={0} role="region" aria-label="Next year's volunteers">
          <table id="table-next-year">
            <caption>
              {report.nextYear.filter((p) => p.again === 'yes').length} said yes,{' '}
              {report.nextYear.filter((p) => p.again === 'maybe').length} maybe; e-mail only where they agreed to be contacted
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">This year</th>
                <th scope="col">Answer</th>
                <th scope="col">Contact</th>
              </tr>
            </thead>
            <tbody>
              {report.nextYear.map((p) => (
                <tr>
                  <td>{p.name}</td>
                  <td>{p.role === 'first_timer' ? 'First-timer' : 'Volunteer'}</td>
                  <td>{p.again === 'yes' ? 'Yes' : 'Maybe'}</td>
                  <td>{p.email ?? <span class="muted">did not agree to be contacted</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CommentsSection({ report }: { report: ProgramReport }) {
  return (
    <section class="report-section" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      {report.comments.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ul class="comments" id="comments">
          {report.comments.map((c) => (
            <li>
              <blockquote>{c.text}</blockquote>
              <p class="muted small">
                {c.role === 'first_timer' ? 'A first-timer' : 'A volunteer'}; met: {metNames[c.met].toLowerCase()}
                {c.rating === null ? '' : `; rated ${c.rating} of 5`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export type ReportPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'venue' | 'startsOn' | 'endsOn'>;
  report: ProgramReport;
  /** "Dec 1, 9:05 AM": the figures are as of this moment */
  asOf: string;
};

export function ReportPage({ organizer, event, report, asOf }: ReportPageProps) {
  const base = `${eventPath(event.slug)}/report`;
  return (
    <Layout title={`Program report · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main class="report">
        <p class="no-print">
          <a href={eventPath(event.slug)}>← {event.name} dashboard</a>
        </p>
        <h1>Buddy program report</h1>
        <p class="report-event">
          <strong>{event.name}</strong>
          {event.venue ? ` · ${event.venue}` : ''} · {formatDateRange(event.startsOn, event.endsOn)}
          <span class="muted"> · figures as of {asOf}</span>
        </p>
        <p class="actions no-print">
          <a class="button secondary" href={`${base}/responses.csv`} download>
            Answers as CSV, without names
          </a>
          <a class="button quiet" href={`${base}/responses.csv?names=yes`} download>
            Answers as CSV, with names
          </a>
          <span class="muted small">To print or save as PDF, use your browser's Print.</span>
        </p>
        <NumbersSection report={report} />
        <ResponsesSection report={report} />
        <RatingsSection report={report} />
        <CriteriaSection report={report} />
        <LoadSection report={report} />
        <NextYearSection report={report} />
        <CommentsSection report={report} />
      </main>
    </Layout>
  );
}
