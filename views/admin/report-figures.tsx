// The report's building blocks: bar charts drawn as SVG (no script; the page's CSP allows none),
// the tables of their numbers, and how a figure marks a small sample.
import type { Child } from 'hono/jsx';
import type { Rate, RatingStats } from '../../src/domain/program-report.ts';

/** Fewer answers than this behind a figure: shown, but marked as a small sample. */
export const smallSample = 5;

export const percent = (r: Rate) => (r.of === 0 ? '—' : `${Math.round((r.n / r.of) * 100)}%`);
export const share = (r: Rate) => (r.of === 0 ? 0 : r.n / r.of);
export const mean = (s: Pick<RatingStats, 'mean'>) => (s.mean === null ? '—' : s.mean.toFixed(1));

export function Few({ n }: { n: number }) {
  return n > 0 && n < smallSample ? <span class="few-tag">few</span> : null;
}

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

export const bothRoles: Series[] = [
  { name: 'First-timers', className: 'first-timer' },
  { name: 'Volunteers', className: 'volunteer' },
];

type FigureRow = { head: Child; cells: Child[]; class?: string | undefined; bucket?: string };

/**
 * A table of figures: the first column names the row, the others hold numbers. It scrolls
 * sideways on a narrow screen, so it is a labelled region a keyboard can reach.
 */
export function FigureTable(props: { id: string; caption: Child; head: string[]; rows: FigureRow[] }) {
  const [first, ...rest] = props.head;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-labelledby={`${props.id}-caption`}>
      <table id={props.id}>
        <caption id={`${props.id}-caption`}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {rest.map((h) => (
              <th scope="col" class="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr class={r.class} data-bucket={r.bucket}>
              <th scope="row">{r.head}</th>
              {r.cells.map((c) => (
                <td class="num">{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A chart and the table of its numbers, side by side on a wide screen, one above the other on paper. */
export function Figure(props: { children: Child }) {
  return <div class="figure">{props.children}</div>;
}
