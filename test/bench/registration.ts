/**
 * The morning rush at the door: phones posting the registration form, POST /e/:slug/join, with
 * autocannon at 10 and 50 connections, against a bare Hono + better-sqlite3 server (WAL,
 * synchronous=FULL) that parses the same form and inserts one row (servers/bare-join.ts).
 * Both servers run compiled in their own child processes: ours is dist/server.js as `npm start`
 * runs it, on a fresh SQLite file with the demo event.
 *
 * Each post is a plain registration from home (no desk presence token, no pre-registration)
 * with a new e-mail, a full profile (interests, sessions, library type, region, language) and
 * the `Origin` a browser sends, which our same-origin guard requires. Every answer must be a
 * 303; anything else is counted and printed. Interleaved rounds (baseline, ours, at each
 * connection count), medians of ROUNDS.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBaseline, httpText, median, memoryOf, mib, ms, printTable, reportGoal, startBuddydesk, startChild, type Child } from './harness.ts';

const ROUNDS = 3;
const SECONDS = Number(process.env.BENCH_REGISTRATION_SECONDS ?? 5);
const CONNECTIONS = [10, 50];
const RATIO_GOAL = 0.6;
const P99_GOAL_MS = 50;

/** the first answer that was not a 303, to print: a refusal must not pass for speed */
let firstRefusal: string | undefined;

type Sample = { perSecond: number; p50: number; p99: number; other: number; errors: number };

function formFor(catalog: { interests: string[]; sessions: string[]; libraryTypes: string[]; regions: string[] }) {
  let n = 0;
  const runId = Date.now().toString(36);
  const pick = <T,>(xs: T[], i: number, k: number) => [...new Set(Array.from({ length: k }, (_, j) => xs[(i * 7 + j * 13) % xs.length]!))];
  return () => {
    const i = n++;
    const body = new URLSearchParams({ role: 'first_timer', name: `Rush${i} Attendee`, pronouns: '', email: `rush-${runId}-${i}@example.org`, affiliation: 'Riverlands Public Library' });
    body.set('libraryType', catalog.libraryTypes[i % catalog.libraryTypes.length] ?? '');
    body.set('region', catalog.regions[i % catalog.regions.length] ?? '');
    body.append('languages', 'English');
    for (const id of pick(catalog.interests, i, 3)) body.append('interests', id);
    for (const id of pick(catalog.sessions, i, 4)) body.append('sessions', id);
    body.set('consentContact', 'yes');
    return body.toString();
  };
}

/** The ids and choices the join form offers, read from our own page as a phone would. */
async function readCatalog(base: string) {
  const { text } = await httpText(`${base}/e/demo/join`);
  const unescape = (html: string) => html.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  const values = (name: string) => [...text.matchAll(new RegExp(`name="${name}"[^>]*value="([^"]+)"`, 'g'))].map((m) => unescape(m[1]!));
  const options = (name: string) => {
    const select = new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?</select>`).exec(text)?.[0] ?? '';
    return [...select.matchAll(/<option[^>]*value="([^"]+)"/g)].map((m) => unescape(m[1]!));
  };
  const catalog = { interests: values('interests'), sessions: values('sessions'), libraryTypes: options('libraryType'), regions: options('region') };
  if (catalog.interests.length === 0) throw new Error('registration bench: no interests on the join form');
  return catalog;
}

async function hammer(server: Child, connections: number, seconds: number, nextBody: () => string): Promise<Sample> {
  const origin = `http://127.0.0.1:${server.port}`;
  const result = await autocannon({
    url: `${origin}/e/demo/join`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, host: `127.0.0.1:${server.port}` },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: nextBody() }),
        onResponse: (status, body) => {
          if (status !== 303 && firstRefusal === undefined) firstRefusal = `${status}: ${[...body.matchAll(/class="(?:field-)?error[^"]*"[^>]*>([^<]*)/g)].map((m) => m[1]).join('; ') || body.slice(0, 300)}`;
        },
      },
    ],
  });
  const codes = result.statusCodeStats as Record<string, { count: number }>;
  const ok = codes['303']?.count ?? 0;
  const all = Object.values(codes).reduce((sum, x) => sum + x.count, 0);
  return { perSecond: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, other: all - ok, errors: result.errors + result.timeouts };
}

export async function runRegistrationBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'buddydesk-registration-'));
  const bareScript = await buildBaseline('bare-join');
  const ours = await startBuddydesk(join(dir, 'ours.sqlite'));
  const bare = await startChild(bareScript, { DATABASE_PATH: join(dir, 'bare.sqlite') }, 'listening');
  try {
    const catalog = await readCatalog(`http://127.0.0.1:${ours.port}`);
    const nextBody = formFor(catalog);
    const servers = [
      { label: 'bare Hono + better-sqlite3', server: bare },
      { label: 'Buddydesk (dist/server.js)', server: ours },
    ];
    for (const { label, server } of servers) {
      const check = await httpText(`http://127.0.0.1:${server.port}/e/demo/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${server.port}` },
        body: nextBody(),
      });
      if (check.status !== 303) throw new Error(`registration bench: ${label} answered ${check.status} to a registration:\n${(check.text.match(/class="[^"]*error[^"]*"[^>]*>[^<]*/g) ?? []).join("\n")}`);
      await hammer(server, 10, 2, nextBody); // warm-up: JIT, page cache, the WAL
    }

    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const connections of CONNECTIONS) {
        for (const { label, server } of servers) {
          const key = `${label}@${connections}`;
          samples.set(key, [...(samples.get(key) ?? []), await hammer(server, connections, SECONDS, nextBody)]);
        }
      }
    }

    console.log(`registration: POST /e/demo/join, ${SECONDS} s per run, medians of ${ROUNDS} interleaved rounds\n`);
    const rows: string[][] = [];
    const medians = new Map<string, { perSecond: number; p50: number; p99: number }>();
    for (const connections of CONNECTIONS) {
      for (const { label } of servers) {
        const runs = samples.get(`${label}@${connections}`)!;
        const m = { perSecond: median(runs.map((r) => r.perSecond)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) };
        medians.set(`${label}@${connections}`, m);
        const other = runs.reduce((s, r) => s + r.other, 0);
        const errors = runs.reduce((s, r) => s + r.errors, 0);
        rows.push([
          `${connections}`,
          label,
          `${m.perSecond.toFixed(0)}/s`,
          ms(m.p50),
          ms(m.p99),
          runs.map((r) => r.perSecond.toFixed(0)).join(', '),
          `${other} not 303, ${errors} errors`,
        ]);
      }
    }
    printTable(['connections', 'server', 'registrations', 'p50', 'p99', 'per run (/s)', 'answers'], rows);
    if (firstRefusal !== undefined) console.log(`first answer that was not a 303 — ${firstRefusal}`);
    for (const { label, server } of servers) console.log(`${label}: RSS ${mib(memoryOf(server.pid).rssMiB)}, peak ${mib(memoryOf(server.pid).peakMiB)}`);
    console.log('');
    for (const connections of CONNECTIONS) {
      const base = medians.get(`${servers[0]!.label}@${connections}`)!;
      const our = medians.get(`${servers[1]!.label}@${connections}`)!;
      const ratio = our.perSecond / base.perSecond;
      reportGoal({
        part: 'registration',
        what: `registrations/s at ${connections} connections`,
        figure: `${our.perSecond.toFixed(0)}/s`,
        baseline: `${base.perSecond.toFixed(0)}/s (bare)`,
        ratio: `×${ratio.toFixed(2)}`,
        goal: connections === 50 ? `≥ ×${RATIO_GOAL}` : 'none (printed)',
        met: connections === 50 ? ratio >= RATIO_GOAL : undefined,
      });
      reportGoal({
        part: 'registration',
        what: `p99 latency at ${connections} connections`,
        figure: ms(our.p99),
        baseline: `${ms(base.p99)} (bare)`,
        ratio: `×${(our.p99 / base.p99).toFixed(2)}`,
        goal: connections === 50 ? `≤ ${P99_GOAL_MS} ms` : 'none (printed)',
        met: connections === 50 ? our.p99 <= P99_GOAL_MS : undefined,
      });
    }
  } finally {
    await Promise.all([ours.stop(), bare.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runRegistrationBench();
