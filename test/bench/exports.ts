/**
 * Exports and pre-registration at conference size, through the real app on a SQLite file: the
 * people and pairs CSVs of 3,000 participants and about 2,000 pairs against the dashboard on the
 * same data, and a pre-registration sheet of 3,000 people read, previewed and added.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDb, openDb } from '../../src/db.ts';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { loadEventChoices } from '../../src/domain/events.ts';
import { applyPreregistration, planPreregistration } from '../../src/domain/preregistration.ts';
import { guessPeopleMapping } from '../../src/domain/preregistration-sheet.ts';
import { median, seedConference, signedInPages, time } from './report.ts';

const REPETITIONS = 9;
const SHEET_PEOPLE = 3000;

function preregistrationSheet(labels: { interests: string[]; libraryTypes: string[]; regions: string[] }): string {
  const lines = ['First name,Last name,E-mail,Role,Library type,Region,Interests,Capacity'];
  for (let i = 0; i < SHEET_PEOPLE; i++) {
    const volunteer = i % 3 === 0;
    const interests = [labels.interests[i % labels.interests.length], labels.interests[(i * 7) % labels.interests.length]];
    lines.push(
      [`Pre${i}`, `Registered${i}`, `pre${i}@example.org`, volunteer ? 'volunteer' : 'first-timer', labels.libraryTypes[i % 5],
        labels.regions[i % labels.regions.length] ?? '', `"${[...new Set(interests)].join('; ')}"`, volunteer ? String(1 + (i % 3)) : ''].join(','),
    );
  }
  return lines.join('\r\n');
}

export async function runExportsBench() {
  const dir = mkdtempSync(join(tmpdir(), 'buddydesk-exports-'));
  const db = openDb(join(dir, 'exports.sqlite'));
  try {
    migrateDb(db);
    const now = new Date('2026-10-20T14:00:00Z');
    const event = createDemoEvent(db, now, 'bench');
    const seeded = seedConference(db, event, now);
    const { organizer, page } = signedInPages(db, now);
    const base = `/admin/e/${event.slug}`;
    const paths = { dashboard: base, people: `${base}/exports/people.csv`, pairs: `${base}/exports/pairs.csv` };
    const sizes = { dashboard: await page(paths.dashboard), people: await page(paths.people), pairs: await page(paths.pairs) };
    const runs = { dashboard: [] as number[], people: [] as number[], pairs: [] as number[] };
    for (let r = 0; r < REPETITIONS; r++) {
      for (const key of ['dashboard', 'people', 'pairs'] as const) runs[key].push(await time(() => page(paths[key])));
    }

    // a second event, so the sheet's e-mails are all new
    const other = createDemoEvent(db, now, 'bench-prereg');
    const choices = loadEventChoices(db, other.id);
    const sheet = preregistrationSheet({ interests: choices.interests.map((i) => i.label), libraryTypes: choices.libraryTypes, regions: choices.regions });
    const mapping = guessPeopleMapping(sheet.slice(0, sheet.indexOf('\r\n')).split(','));
    let planned: ReturnType<typeof planPreregistration> | undefined;
    const planMs = await time(() => (planned = planPreregistration(db, other, sheet, mapping)));
    if (!planned?.ok) throw new Error(`bench sheet refused: ${planned?.message}`);
    const plan = JSON.parse(JSON.stringify(planned.plan));
    let added = 0;
    const applyMs = await time(() => {
      const result = applyPreregistration(db, other, plan, { organizerId: organizer.id, now });
      if (!result.ok) throw new Error(`bench apply refused: ${result.message}`);
      added = result.added;
    });

    console.log(`exports: ${seeded.pairs} pairs, 3000 participants, SQLite file (median of ${REPETITIONS})\n`);
    console.log('| what                                 | time      | size      |');
    console.log('|--------------------------------------|-----------|-----------|');
    const row = (label: string, ms: number, size?: number) =>
      console.log(`| ${label.padEnd(36)} | ${ms.toFixed(1).padStart(6)} ms | ${size === undefined ? ''.padStart(9) : `${Math.round(size / 1024)} KB`.padStart(9)} |`);
    row('GET dashboard (baseline)', median(runs.dashboard), sizes.dashboard);
    row('GET people.csv', median(runs.people), sizes.people);
    row('GET pairs.csv', median(runs.pairs), sizes.pairs);
    row(`pre-registration: read + preview ${SHEET_PEOPLE}`, planMs, sheet.length);
    row(`pre-registration: add ${added} (one transaction)`, applyMs);
    console.log(`\nratio people.csv / dashboard: ×${(median(runs.people) / median(runs.dashboard)).toFixed(2)}`);
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runExportsBench();
