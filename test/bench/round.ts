/**
 * A matching round as the organizer lives it, at ALA size: "Match now" (POST: the matcher over
 * 2,000 present first-timers and 1,000 volunteers, the proposal stored) and "Publish" (POST:
 * about 2,000 pairs with spots and times written in one transaction, the live hub told), through
 * the real app on a real SQLite file (WAL, synchronous=FULL). Baseline in the same run: the same
 * round at 200 × 100. Each size is seeded once into a template file; every run publishes on a
 * fresh copy of it. Runs interleave the sizes; medians of ROUNDS.
 *
 * Run alone: `npm run bench -- --only publish`.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.tsx';
import { openDb } from '../../src/db.ts';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { loadEventCatalog } from '../../src/domain/events.ts';
import { signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import { registerParticipant } from '../../src/domain/registration.ts';
import { createRandom } from './fixtures/conference.ts';
import { benchPerson } from './fixtures/people.ts';
import { closeSeedDb, median, ms, openSeedDb, printTable, reportGoal } from './harness.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES: [number, number][] = [
  [200, 100],
  [2000, 1000],
];
const PUBLISH_GOAL_MS = 300;
const MATCH_GOAL_MS = 300;
const NOW = new Date('2026-10-14T14:00:00Z');

type Template = { file: string; slug: string; sessionId: string };

function seedTemplate(dir: string, firstTimers: number, volunteers: number): Template {
  const file = join(dir, `template-${firstTimers}x${volunteers}.sqlite`);
  const db = openSeedDb(file);
  const event = createDemoEvent(db, NOW, 'bench');
  const catalog = loadEventCatalog(db, event.id);
  const random = createRandom(11 + firstTimers);
  for (let i = 0; i < firstTimers + volunteers; i++) {
    const r = registerParticipant(db, event, benchPerson(i, i >= firstTimers, catalog, random), { present: true, now: NOW });
    if (!r.ok) throw new Error('bench registration refused');
  }
  upsertOrganizer(db, { email: 'bench@example.org', password: 'long enough secret' }, NOW);
  const session = signIn(db, 'bench@example.org', 'long enough secret', NOW);
  if (!session.ok) throw new Error('bench sign-in refused');
  closeSeedDb(db);
  return { file, slug: event.slug, sessionId: session.sessionId };
}

async function oneRound(template: Template, dir: string, run: number) {
  const file = join(dir, `run-${run}.sqlite`);
  copyFileSync(template.file, file);
  const db = openDb(file);
  try {
    const app = createApp({ db, now: () => NOW, publicUrl: 'http://bench.test' });
    const headers = { Origin: 'http://bench.test', Cookie: `bd_session=${template.sessionId}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    const started = performance.now();
    const proposed = await app.request(`/admin/e/${template.slug}/rounds`, { method: 'POST', headers, body: '' });
    const location = proposed.headers.get('location') ?? '';
    if (proposed.status !== 303 || !/\/rounds\/\d+$/.test(location)) throw new Error(`Match now answered ${proposed.status}`);
    const afterPropose = performance.now();
    const published = await app.request(`${location}/publish`, { method: 'POST', headers, body: '' });
    if (published.status !== 303) throw new Error(`Publish answered ${published.status}`);
    const done = performance.now();
    const pairs = db.$client.prepare("select count(*) as n from pairs where status = 'published'").get() as { n: number };
    return { propose: afterPropose - started, publish: done - afterPropose, pairs: pairs.n };
  } finally {
    db.$client.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
}

export async function runRoundBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'buddydesk-round-'));
  try {
    const seedStart = performance.now();
    const templates = SIZES.map(([f, v]) => seedTemplate(dir, f, v));
    console.log(`seeded ${SIZES.map(([f, v]) => `${f} × ${v}`).join(' and ')} in ${ms(performance.now() - seedStart)}`);
    const runs = SIZES.map(() => [] as Awaited<ReturnType<typeof oneRound>>[]);
    let n = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < SIZES.length; i++) runs[i]!.push(await oneRound(templates[i]!, dir, n++));
    }
    const figures = runs.map((r) => ({ propose: median(r.map((x) => x.propose)), publish: median(r.map((x) => x.publish)), pairs: r[0]!.pairs }));
    console.log(`\nround from "Match now" to published, through the app on a SQLite file (medians of ${ROUNDS}, sizes interleaved)\n`);
    printTable(
      ['present', 'Match now', 'Publish', 'pairs', 'Match now per run', 'Publish per run'],
      SIZES.map(([f, v], i) => [
        `${f} × ${v}`,
        ms(figures[i]!.propose),
        ms(figures[i]!.publish),
        String(figures[i]!.pairs),
        runs[i]!.map((x) => x.propose.toFixed(0)).join(', ') + ' ms',
        runs[i]!.map((x) => x.publish.toFixed(0)).join(', ') + ' ms',
      ]),
    );
    console.log('');
    const [small, big] = figures as [(typeof figures)[0], (typeof figures)[0]];
    const [bigSize, smallSize] = [SIZES[1]!, SIZES[0]!];
    reportGoal({
      part: 'publish',
      what: `Publish ${big.pairs} pairs (${bigSize[0]} × ${bigSize[1]})`,
      figure: ms(big.publish),
      baseline: `${ms(small.publish)} (${smallSize[0]} × ${smallSize[1]}, ${small.pairs} pairs)`,
      ratio: `×${(big.publish / small.publish).toFixed(1)}`,
      goal: `≤ ${PUBLISH_GOAL_MS} ms`,
      met: big.publish <= PUBLISH_GOAL_MS,
    });
    reportGoal({
      part: 'publish',
      what: `Match now (${bigSize[0]} × ${bigSize[1]})`,
      figure: ms(big.propose),
      baseline: `${ms(small.propose)} (${smallSize[0]} × ${smallSize[1]})`,
      ratio: `×${(big.propose / small.propose).toFixed(1)}`,
      goal: `≤ ${MATCH_GOAL_MS} ms`,
      met: big.propose <= MATCH_GOAL_MS,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runRoundBench();
