/**
 * The program report after a big conference — 3,000 participants (2,000 first-timers, 1,000
 * volunteers), about 2,000 pairs with met, no-show and rematched ones, 2,000 answers — through the
 * real app on a SQLite file, against the event dashboard on the same data as the baseline. Also
 * the report's two halves on their own: reading the rows, and the pure computation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedbackResponses, pairs, type FeedbackAgain, type FeedbackMet } from '../../db/schema.ts';
import { createApp } from '../../src/app.tsx';
import { migrateDb, openDb, type Db } from '../../src/db.ts';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { loadEventCatalog, type Event } from '../../src/domain/events.ts';
import { signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import { registerParticipant } from '../../src/domain/registration.ts';
import { loadProgramReportInput } from '../../src/domain/program-report-input.ts';
import { computeProgramReport } from '../../src/domain/program-report.ts';
import { createRandom } from './fixtures/conference.ts';
import { benchPerson } from './fixtures/people.ts';

const FIRST_TIMERS = 2000;
const VOLUNTEERS = 1000;
const RESPONSES = 2000;
const REPETITIONS = 15;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function seedConference(db: Db, event: Event, now: Date) {
  const random = createRandom(2026);
  const catalog = loadEventCatalog(db, event.id);
  const pick = <T,>(xs: readonly T[], n: number) => [...new Set(Array.from({ length: n }, () => xs[Math.floor(random() * xs.length)]!))];
  const ids = { firstTimers: [] as number[], volunteers: [] as { id: number; capacity: number }[] };
  for (let i = 0; i < FIRST_TIMERS + VOLUNTEERS; i++) {
    const volunteer = i >= FIRST_TIMERS;
    const person = benchPerson(i, volunteer, catalog, random, { email: true });
    const r = registerParticipant(db, event, person, { present: random() < 0.92, now });
    if (!r.ok) throw new Error('bench registration refused');
    if (volunteer) ids.volunteers.push({ id: r.participant.id, capacity: person.capacity! });
    else ids.firstTimers.push(r.participant.id);
  }

  // pairs as a day leaves them: most met, some still published, a few no-shows followed by a rematch
  const places = ids.volunteers.flatMap((v) => Array.from({ length: v.capacity }, () => v.id));
  const rows: (typeof pairs.$inferInsert)[] = [];
  let place = 0;
  for (const firstTimerId of ids.firstTimers.slice(0, Math.min(ids.firstTimers.length, Math.floor(places.length * 0.95)))) {
    const x = random();
    const volunteerId = places[place++ % places.length]!;
    const base = { eventId: event.id, firstTimerId, score: 3, reasons: ['you both picked Youth services'], createdAt: now };
    if (x < 0.05) {
      rows.push({ ...base, volunteerId, status: 'no_show', noShowParticipantId: volunteerId, endedAt: now });
      rows.push({ ...base, volunteerId: places[place++ % places.length]!, status: 'met', metAt: now });
    } else {
      rows.push({ ...base, volunteerId, status: x < 0.8 ? 'met' : 'published', ...(x < 0.8 ? { metAt: now } : {}) });
    }
  }
  db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += 500) tx.insert(pairs).values(rows.slice(i, i + 500)).run();
  });

  const mets: FeedbackMet[] = ['no', 'once', 'more'];
  const agains: FeedbackAgain[] = ['yes', 'maybe', 'no'];
  const answering = [...pick(ids.firstTimers, RESPONSES * 2).slice(0, 1500), ...pick(ids.volunteers.map((v) => v.id), 1000).slice(0, 500)];
  const answers = answering.slice(0, RESPONSES).map((participantId) => {
    const met = mets[Math.floor(random() * 3)]!;
    return {
      eventId: event.id,
      participantId,
      met,
      rating: met === 'no' && random() < 0.5 ? null : 1 + Math.floor(random() * 5),
      again: agains[Math.floor(random() * 3)]!,
      comment: random() < 0.3 ? 'The meetup spot was easy to find and my buddy was lovely.' : '',
      mayContact: random() < 0.5,
      createdAt: now,
      updatedAt: now,
    };
  });
  db.transaction((tx) => {
    for (let i = 0; i < answers.length; i += 500) tx.insert(feedbackResponses).values(answers.slice(i, i + 500)).run();
  });
  return { pairs: rows.length, responses: answers.length };
}

/** The app as a signed-in organizer reaches it: `page(path)` answers the size of a 200 page, or throws. */
export function signedInPages(db: Db, now: Date) {
  const organizer = upsertOrganizer(db, { email: 'bench@example.org', password: 'long enough secret' }, now);
  const session = signIn(db, 'bench@example.org', 'long enough secret', now);
  if (!session.ok) throw new Error('bench sign-in refused');
  const app = createApp({ db, now: () => now, publicUrl: 'http://bench.test' });
  const headers = { Cookie: `bd_session=${session.sessionId}` };
  const page = async (path: string) => {
    const res = await app.request(`http://bench.test${path}`, { headers });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return (await res.arrayBuffer()).byteLength;
  };
  return { organizer, page };
}

export async function time(run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function runReportBench() {
  const dir = mkdtempSync(join(tmpdir(), 'buddydesk-report-'));
  const db = openDb(join(dir, 'report.sqlite'));
  try {
    migrateDb(db);
    const now = new Date('2026-10-20T14:00:00Z');
    const event = createDemoEvent(db, now, 'bench');
    const seeded = seedConference(db, event, now);
    const { page } = signedInPages(db, now);

    const report = `/admin/e/${event.slug}/report`;
    const dashboard = `/admin/e/${event.slug}`;
    const csv = `/admin/e/${event.slug}/report/responses.csv`;
    // warm up: first requests compile queries and fill caches
    const sizes = { report: await page(report), dashboard: await page(dashboard), csv: await page(csv) };
    const runs = { report: [] as number[], dashboard: [] as number[], csv: [] as number[], load: [] as number[], compute: [] as number[] };
    const input = loadProgramReportInput(db, event.id);
    for (let r = 0; r < REPETITIONS; r++) {
      runs.dashboard.push(await time(() => page(dashboard)));
      runs.report.push(await time(() => page(report)));
      runs.csv.push(await time(() => page(csv)));
      runs.load.push(await time(() => loadProgramReportInput(db, event.id)));
      runs.compute.push(await time(() => computeProgramReport(input)));
    }

    console.log(
      `program report: ${FIRST_TIMERS + VOLUNTEERS} participants, ${seeded.pairs} pairs, ${seeded.responses} answers, SQLite file (median of ${REPETITIONS})\n`,
    );
    console.log('| what                          | median    | page size |');
    console.log('|-------------------------------|-----------|-----------|');
    const row = (label: string, xs: number[], size?: number) =>
      console.log(`| ${label.padEnd(29)} | ${median(xs).toFixed(1).padStart(6)} ms | ${size === undefined ? '' .padStart(9) : `${Math.round(size / 1024)} KB`.padStart(9)} |`);
    row('GET dashboard (baseline)', runs.dashboard, sizes.dashboard);
    row('GET report', runs.report, sizes.report);
    row('  of which: read the rows', runs.load);
    row('  of which: compute (pure)', runs.compute);
    row('GET answers CSV', runs.csv, sizes.csv);
    console.log(`\nratio report / dashboard: ×${(median(runs.report) / median(runs.dashboard)).toFixed(2)}`);
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runReportBench();
