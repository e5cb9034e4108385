/**
 * Start-up: from spawning `node dist/server.js` (what `npm start` runs once the bundle is up to
 * date) until its first answer (GET /healthz → 200), on a database with 10,000 participants in
 * the demo event, and its RSS then and after the first pages (the join form, the board);
 * against a bare Hono hello world (servers/hello.ts, bundled the same way) until its first
 * answer. A warm-up start of each first, then ROUNDS interleaved starts; medians.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDemoPeople, ensureDemoEvent } from '../../src/domain/demo.ts';
import { buildBaseline, closeSeedDb, freePort, median, memoryOf, mib, ms, openSeedDb, printTable, reportGoal, ROOT, SERVER_BUNDLE } from './harness.ts';

const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 5);
const PARTICIPANTS = 10_000;
const TIME_GOAL_MS = 500;
const RSS_GOAL_MIB = 100;

/** One GET; the status, or undefined when nothing listens yet. */
function tryGet(port: number, path: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

type Start = { firstAnswerMs: number; rssFirst: number; rssPages?: number };

async function timeStart(script: string, env: Record<string, string>, pages: string[]): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [script], { cwd: ROOT, env: { ...process.env, PORT: String(port), ...env }, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = started + 30_000;
    let status: number | undefined;
    while ((status = await tryGet(port, pages[0]!)) === undefined) {
      if (performance.now() > deadline || child.exitCode !== null) throw new Error(`${script} gave no answer within 30 s`);
      await new Promise((r) => setTimeout(r, 2));
    }
    const firstAnswerMs = performance.now() - started;
    if (status !== 200) throw new Error(`${script}: first answer was ${status}`);
    const rssFirst = memoryOf(child.pid!).rssMiB;
    if (pages.length === 1) return { firstAnswerMs, rssFirst };
    for (const page of pages.slice(1)) {
      const pageStatus = await tryGet(port, page);
      if (pageStatus !== 200) throw new Error(`${script}: ${page} answered ${pageStatus}`);
    }
    return { firstAnswerMs, rssFirst, rssPages: memoryOf(child.pid!).rssMiB };
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 6_000);
    await exited;
    clearTimeout(timer);
  }
}

export async function runStartupBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'buddydesk-startup-'));
  try {
    const file = join(dir, 'startup.sqlite');
    const seedStart = performance.now();
    const db = openSeedDb(file);
    const { event } = ensureDemoEvent(db, new Date());
    const added = addDemoPeople(db, event, PARTICIPANTS, new Date(), 7);
    closeSeedDb(db);
    console.log(`seeded the demo event with ${added.firstTimers + added.volunteers} participants (npm run demo's code) in ${ms(performance.now() - seedStart)}`);

    const hello = await buildBaseline('hello');
    const ours = () => timeStart(SERVER_BUNDLE, { DATABASE_PATH: file, PUBLIC_URL: 'http://127.0.0.1' }, ['/healthz', '/e/demo/join', '/e/demo/board']);
    const bare = () => timeStart(hello, {}, ['/']);
    await ours(); // warm-up: the page cache, the demo event's setup token
    await bare();
    const runs = { ours: [] as Start[], bare: [] as Start[] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.bare.push(await bare());
      runs.ours.push(await ours());
    }
    const figure = (xs: Start[]) => ({
      time: median(xs.map((x) => x.firstAnswerMs)),
      rss: median(xs.map((x) => x.rssFirst)),
      pages: xs[0]!.rssPages === undefined ? undefined : median(xs.map((x) => x.rssPages!)),
    });
    const o = figure(runs.ours);
    const b = figure(runs.bare);
    console.log(`\nfrom spawn to the first answer (medians of ${ROUNDS} interleaved starts)\n`);
    printTable(
      ['server', 'first answer', 'RSS then', 'RSS after join + board pages', 'per start'],
      [
        ['bare Hono hello world', ms(b.time), mib(b.rss), '', runs.bare.map((x) => x.firstAnswerMs.toFixed(0)).join(', ') + ' ms'],
        [`Buddydesk, ${PARTICIPANTS} participants`, ms(o.time), mib(o.rss), mib(o.pages!), runs.ours.map((x) => x.firstAnswerMs.toFixed(0)).join(', ') + ' ms'],
      ],
    );
    console.log('');
    reportGoal({
      part: 'startup',
      what: `start-up to first answer, ${PARTICIPANTS} participants`,
      figure: ms(o.time),
      baseline: `${ms(b.time)} (Hono hello world)`,
      ratio: `×${(o.time / b.time).toFixed(1)}`,
      goal: `≤ ${ms(TIME_GOAL_MS)}`,
      met: o.time <= TIME_GOAL_MS,
    });
    reportGoal({
      part: 'startup',
      what: 'RSS at first answer',
      figure: mib(o.rss),
      baseline: `${mib(b.rss)} (Hono hello world)`,
      ratio: `×${(o.rss / b.rss).toFixed(1)}`,
      goal: `≤ ${RSS_GOAL_MIB} MiB`,
      met: o.rss <= RSS_GOAL_MIB,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runStartupBench();
