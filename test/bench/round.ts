/**
 * A matching round as the organizer lives it: "Match now" (POST, the matcher over 300 present
 * first-timers and 150 volunteers, the proposal stored) and "Publish" (POST, pairs with spots and
 * times written in one transaction, the live hub told), through the real app on a real SQLite
 * file. Baseline in the same run: the same round at 30 × 15, to show how it grows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.tsx';
import { migrateDb, openDb } from '../../src/db.ts';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { loadEventCatalog } from '../../src/domain/events.ts';
import { signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import { registerParticipant } from '../../src/domain/registration.ts';
import { benchPerson } from './fixtures/people.ts';

const REPETITIONS = 7;
const SIZES: [number, number][] = [
  [30, 15],
  [300, 150],
];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

async function oneRound(firstTimers: number, volunteers: number, seed: number) {
  const dir = mkdtempSync(join(tmpdir(), 'buddydesk-round-'));
  const db = openDb(join(dir, 'round.sqlite'));
  try {
    migrateDb(db);
    const now = new Date('2026-10-14T14:00:00Z');
    const event = createDemoEvent(db, now, 'bench');
    const catalog = loadEventCatalog(db, event.id);
    const rnd = seeded(seed);
    for (let i = 0; i < firstTimers + volunteers; i++) {
      const r = registerParticipant(db, event, benchPerson(i, i >= firstTimers, catalog, rnd), { present: true, now });
      if (!r.ok) throw new Error('bench registration refused');
    }
    upsertOrganizer(db, { email: 'bench@example.org', password: 'long enough secret' }, now);
    const session = signIn(db, 'bench@example.org', 'long enough secret', now);
    if (!session.ok) throw new Error('bench sign-in refused');
    const app = createApp({ db, now: () => now, publicUrl: 'http://bench.test' });
    const headers = { Origin: 'http://localhost', Cookie: `bd_session=${session.sessionId}`, 'Content-Type': 'application/x-www-form-urlencoded' };

    const started = performance.now();
    const proposed = await app.request(`/admin/e/${event.slug}/rounds`, { method: 'POST', headers, body: '' });
    const location = proposed.headers.get('location') ?? '';
    if (proposed.status !== 303 || !/\/rounds\/\d+$/.test(location)) throw new Error(`Match now answered ${proposed.status}`);
    const afterPropose = performance.now();
    const published = await app.request(`${location}/publish`, { method: 'POST', headers, body: '' });
    if (published.status !== 303) throw new Error(`Publish answered ${published.status}`);
    const done = performance.now();
    const pairs = db.$client.prepare("select count(*) as n from pairs where status = 'published'").get() as { n: number };
    return { propose: afterPropose - started, publish: done - afterPropose, total: done - started, pairs: pairs.n };
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runRoundBench() {
  const rows: string[] = [];
  const totals: number[] = [];
  for (const [f, v] of SIZES) {
    const runs = [];
    for (let r = 0; r < REPETITIONS; r++) runs.push(await oneRound(f, v, 11 + r));
    const total = median(runs.map((x) => x.total));
    totals.push(total);
    rows.push(
      `| ${`${f} × ${v}`.padEnd(9)} | ${median(runs.map((x) => x.propose)).toFixed(1).padStart(8)} ms | ${median(runs.map((x) => x.publish)).toFixed(1).padStart(8)} ms | ${total.toFixed(1).padStart(8)} ms | ${String(runs[0]!.pairs).padStart(5)} |`,
    );
  }
  console.log(`round from "Match now" to published, through the app on a SQLite file (median of ${REPETITIONS})\n`);
  console.log('| present   | Match now   | Publish     | click → live | pairs |');
  console.log('|-----------|-------------|-------------|--------------|-------|');
  for (const row of rows) console.log(row);
  console.log(`\nratio 300×150 / 30×15: ×${(totals[1]! / totals[0]!).toFixed(1)}   goal under 1000 ms: ${totals[1]! < 1000 ? 'met' : 'NOT met'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runRoundBench();
