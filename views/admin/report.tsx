// The program report for organizers: figures, each chart drawn here as SVG (no script; the page's
// CSP allows none) with its numbers in a table beside it, printable as it is.
import type { Child } from 'hono/jsx';
import type { FeedbackMet, ParticipantRole } from '../../db/schema.ts';
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { CriterionGroup, ProgramReport, Rate, RatingStats } from '../../src/domain/program-report.ts';
import { AdminTopBar } from '../admin.tsx';
import { eventPath } from '../admin-event-day.tsx';
import { formatDateRange } from '../format.ts';
import { Layout } from '../layout.tsx';

/** Fewer answers than this behind a figure: shown, but marked as a small sample. */
export const smallSample = 5;

const roleNames: Record<ParticipantRole, string> = { first_timer: 'First-timers', volunteer: 'Volunteers' };
const metNames: Record<FeedbackMet, string> = { no: 'No', once: 'Once', more: 'More than once' };

export const percent = (r: Rate) => (r.of === 0 ? '—' : `${Math.round((r.n / r.of) * 100)}%`);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const share = (r: Rate) => (r.of === 0 ? 0 : r.n / r.of);
const mean = (s: Pick<RatingStats, 'mean'>) => (s.mean === null ? '—' : s.mean.toFixed(1));

function Few({ n }: { n: number }) {
  return n > 0 && n < smallSample ? <span class="few-tag">few</span> : null;
}

// --- charts ---

type Series = { name: string; className: string };
type ChartRow = { label: string; bars: { value: number; text: string; few?: boolean }[] };

const chart = { width: 600, label: 190, text: 110, bar: 18, barGap: 3, rowGap: 12, legend: 26 };

/**
 * Horizontal bars, one group per row, one bar per series; every value is also written at the end
 * of its bar, so the chart reads without its colours. Sized by its viewBox: it scales to the page.
 */
export function BarChart(props: { id: string; title: string; rows: ChartRow[]; series: Series[]; max: number }) {
  const { rows, series } = props;
  const legend = series.length > 1 ? chart.legend : 0;
  const groupHeight = series.length * chart.bar + (series.length - 1) * chart.barGap;
  const height = legend + rows.length * (groupHeight + chart.rowGap) + 4;
  const area = chart.width - chart.label - chart.text;
  const scale = (v: number) => (props.max > 0 ? Math.max(0, (v / props.max) * area) : 0);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${chart.width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${props.id}-title`}
      id={props.id}
    >
      <title id={`${props.id}-title`}>{props.title} (the numbers are in the table beside it)</title>
      {series.length > 1
        ? series.map((s, i) => (
            <g>
              <rect class={`bar ${s.className}`} x={chart.label + i * 150} y={4} width={14} height={14} />
              <text class="chart-legend" x={chart.label + i * 150 + 20} y={16}>
                {s.name}
              </text>
            </g>
          ))
        : null}
      {rows.map((row, r) => {
        const top = legend + r * (groupHeight + chart.rowGap);
        return (
          <g>
            <text class="chart-label" x={chart.label - 8} y={top + groupHeight / 2 + 5} text-anchor="end">
              {row.label}
            </text>
            {row.bars.map((b, i) => {
              const y = top + i * (chart.bar + chart.barGap);
              const w = scale(b.value);
              return (
                <g>
                  <rect
                    class={`bar ${series[i]?.className ?? ''}${b.few ? ' few' : ''}`}
                    x={chart.label}
                    y={y}
                    width={w.toFixed(1)}
                    height={chart.bar}
                  />
                  <text class="chart-value" x={(chart.label + w + 6).toFixed(1)} y={y + chart.bar - 4}>
                    {b.text}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <line class="chart-axis" x1={chart.label} y1={legend} x2={chart.label} y2={height - 2} />
    </svg>
  );
}

const bothRoles: Series[] = [
  { name: 'First-timers', className: 'first-timer' },
  { name: 'Volunteers', className: 'volunteer' },
];

function Figure(props: { children: Child }) {
  return <div class="figure">{props.children}</div>;
}

// --- sections ---

function RateCells({ r }: { r: Rate }) {
  return (
    <>
      <td class="num">
        {r.n} of {r.of}
      </td>
      <td class="num">{percent(r)}</td>
    </>
  );
}

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
  const rows: [string, Rate, string][] = [
    ['First-timers present', ft.present, 'registered'],
    ['First-timers matched', ft.matched, 'present'],
    ['First-timers who met their buddy', ft.met, 'matched'],
    ['First-timers rematched', ft.rematched, 'matched'],
    ['Volunteers present', v.present, 'registered'],
    ['Volunteers with a first-timer', v.matched, 'present'],
    ['Volunteers who met a first-timer', v.met, 'with a first-timer'],
    ['Pairs that met', p.met, 'pairs'],
    ['Pairs ended by a no-show', p.noShow, 'pairs'],
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
        <div class="table-wrap" tabindex={0} role="region" aria-label="The program in numbers">
          <table id="table-numbers">
            <caption>
              {ft.registered} first-timers and {v.registered} volunteers registered; {p.total} pairs were made
            </caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col" class="num">
                  Count
                </th>
                <th scope="col" class="num">
                  Rate
                </th>
                <th scope="col">Of</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, r, of]) => (
                <tr>
                  <th scope="row">{label}</th>
                  <td class="num">{r.n}</td>
                  <td class="num">{percent(r)}</td>
                  <td class="muted small">
                    {r.of} {of}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">No-shows: the first-timer did not come</th>
                <td class="num">{p.noShowFirstTimer}</td>
                <td></td>
                <td></td>
              </tr>
              <tr>
                <th scope="row">No-shows: the volunteer did not come</th>
                <td class="num">{p.noShowVolunteer}</td>
                <td></td>
                <td></td>
              </tr>
            </tbody>
          </table>
        </div>
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
        <div class="table-wrap" tabindex={0} role="region" aria-label="Who answered">
          <table id="table-responses">
            <caption>Response rate by role</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col" class="num">
                  Answered, of registered
                </th>
                <th scope="col" class="num">
                  Rate
                </th>
                <th scope="col" class="num">
                  Answered, of present
                </th>
                <th scope="col" class="num">
                  Rate
                </th>
              </tr>
            </thead>
            <tbody>
              {[...roles, 'all' as const].map((role) => (
                <tr>
                  <th scope="row">{role === 'all' ? 'Everyone' : roleNames[role]}</th>
                  <RateCells r={report.responses[role].registered} />
                  <RateCells r={report.responses[role].present} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Figure>
    </section>
  );
}

function RatingsSection({ report }: { report: ProgramReport }) {
  const { ratings } = report;
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
        <div class="table-wrap" tabindex={0} role="region" aria-label="Ratings by role">
          <table id="table-ratings">
            <caption>Ratings by role</caption>
            <thead>
              <tr>
                <th scope="col">Rating</th>
                <th scope="col" class="num">
                  First-timers
                </th>
                <th scope="col" class="num">
                  Volunteers
                </th>
                <th scope="col" class="num">
                  All
                </th>
              </tr>
            </thead>
            <tbody>
              {[5, 4, 3, 2, 1].map((star) => (
                <tr>
                  <th scope="row">{star} of 5</th>
                  <td class="num">{ratings.first_timer.counts[star - 1]}</td>
                  <td class="num">{ratings.volunteer.counts[star - 1]}</td>
                  <td class="num">{ratings.all.counts[star - 1]}</td>
                </tr>
              ))}
              <tr class="total">
                <th scope="row">Ratings</th>
                <td class="num">{ratings.first_timer.n}</td>
                <td class="num">{ratings.volunteer.n}</td>
                <td class="num">{ratings.all.n}</td>
              </tr>
              <tr class="total">
                <th scope="row">Mean</th>
                <td class="num">{mean(ratings.first_timer)}</td>
                <td class="num">{mean(ratings.volunteer)}</td>
                <td class="num">{mean(ratings.all)}</td>
              </tr>
            </tbody>
          </table>
          <table id="table-met">
            <caption>Did they meet?</caption>
            <thead>
              <tr>
                <th scope="col">Answer</th>
                <th scope="col" class="num">
                  First-timers
                </th>
                <th scope="col" class="num">
                  Volunteers
                </th>
              </tr>
            </thead>
            <tbody>
              {(['no', 'once', 'more'] as const).map((m) => (
                <tr>
                  <th scope="row">{metNames[m]}</th>
                  <td class="num">{report.met.first_timer[m]}</td>
                  <td class="num">{report.met.volunteer[m]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Figure>
    </section>
  );
}

/** "4.5 (n = 2)", or a dash where there is no rating. */
function MeanCell({ s }: { s: RatingStats }) {
  return <td class="num">{s.n === 0 ? '—' : `${mean(s)} (n = ${s.n})`}</td>;
}

function CriterionFigure({ group }: { group: CriterionGroup }) {
  return (
    <div class="criterion">
      <h3 id={`criterion-${group.key}-heading`}>{group.label}</h3>
      <Figure>
        <BarChart
          id={`chart-criterion-${group.key}`}
          title={`Mean rating by ${group.label.toLowerCase()}`}
          series={[{ name: 'All ratings', className: 'all' }]}
          rows={group.buckets.map((b) => ({
            label: b.label,
            bars: [
              {
                value: b.ratings.all.mean ?? 0,
                text: b.ratings.all.n === 0 ? 'no ratings' : `${mean(b.ratings.all)} (n = ${b.ratings.all.n}${b.ratings.all.n < smallSample ? ', few' : ''})`,
                few: b.ratings.all.n < smallSample,
              },
            ],
          }))}
          max={5}
        />
        <div class="table-wrap" tabindex={0} role="region" aria-label={`Ratings by ${group.label.toLowerCase()}`}>
          <table id={`table-criterion-${group.key}`}>
            <caption>Mean rating by {group.label.toLowerCase()}, with the number of ratings (n)</caption>
            <thead>
              <tr>
                <th scope="col">Pairs with</th>
                <th scope="col" class="num">
                  First-timers
                </th>
                <th scope="col" class="num">
                  Volunteers
                </th>
                <th scope="col" class="num">
                  All
                </th>
                <th scope="col" class="num">
                  Rated 4–5
                </th>
              </tr>
            </thead>
            <tbody>
              {group.buckets.map((b) => (
                <tr data-bucket={b.key} class={b.ratings.all.n < smallSample ? 'few' : undefined}>
                  <th scope="row">
                    {b.label} <Few n={b.ratings.all.n} />
                  </th>
                  <MeanCell s={b.ratings.first_timer} />
                  <MeanCell s={b.ratings.volunteer} />
                  <MeanCell s={b.ratings.all} />
                  <td class="num">{percent({ n: b.ratings.all.good, of: b.ratings.all.n })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
        <div class="table-wrap" tabindex={0} role="region" aria-label="Volunteers' load">
          <table id="table-load">
            <caption>
              {plural(load.volunteersPresent, 'volunteer')} present welcomed {plural(load.welcomed, 'first-timer')} in{' '}
              {plural(load.capacity, 'place')} offered ({percent(load.used)} used)
            </caption>
            <thead>
              <tr>
                <th scope="col">First-timers welcomed</th>
                <th scope="col" class="num">
                  Volunteers
                </th>
              </tr>
            </thead>
            <tbody>
              {load.distribution.map((d) => (
                <tr>
                  <th scope="row">{d.label}</th>
                  <td class="num">{d.volunteers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
