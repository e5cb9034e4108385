/**
 * `npm run bench`: the goal benchmarks of the morning rush, one after the other (about 10
 * minutes on a quiet 2-core machine), each against its baseline in the same run, then a summary
 * of every goal: figure, baseline, ratio, goal, met or missed.
 *
 *   npm run bench -- --only registration            one part (or several: --only publish,phones)
 *   npm run bench -- --all                           the goal parts and the extra ones
 *   npm run bench -- phones                          names alone work too
 *
 * `npm run bench` builds dist/ first when a source changed: the servers and the matcher command
 * run compiled, as `npm start` and `npx buddydesk-match` do.
 */
import { existsSync } from 'node:fs';
import { runExportsBench } from './exports.ts';
import { loadAverage, MATCH_BUNDLE, printTable, SERVER_BUNDLE, summary } from './harness.ts';
import { runMatcherBench, runMatcherDetailBench } from './matcher.ts';
import { runPhonesBench } from './phones.ts';
import { runRegistrationBench } from './registration.ts';
import { runReportBench } from './report.ts';
import { runRoundBench } from './round.ts';
import { runSseFanoutBench } from './sse-fanout.ts';
import { runStartupBench } from './startup.ts';

type Part = { name: string; about: string; run: () => Promise<void>; extra?: boolean };

const PARTS: Part[] = [
  { name: 'registration', about: 'POST /e/:slug/join under autocannon, 10 and 50 connections, against bare Hono + better-sqlite3', run: runRegistrationBench },
  { name: 'publish', about: 'Match now and Publish at 2,000 × 1,000 against 200 × 100', run: runRoundBench },
  { name: 'phones', about: '1,000 and 3,000 phones and a board: Publish click → buddy on every screen; server RSS', run: runPhonesBench },
  { name: 'startup', about: 'node dist/server.js to first answer and RSS, 10,000 participants, against Hono hello world', run: runStartupBench },
  { name: 'matcher', about: 'npx buddydesk-match against python3 + scipy at 5,000 × 2,500, and at 20,000 × 10,000', run: runMatcherBench },
  { name: 'matcher-detail', about: 'the matcher in process against munkres and scipy, per size', run: runMatcherDetailBench, extra: true },
  { name: 'sse-fanout', about: '50 and 500 boards on one in-process app', run: runSseFanoutBench, extra: true },
  { name: 'report', about: 'the program report at 3,000 participants', run: runReportBench, extra: true },
  { name: 'exports', about: 'CSV exports and pre-registration at 3,000 participants', run: runExportsBench, extra: true },
];
const ALIASES: Record<string, string> = { round: 'publish' };

function usage(message: string): never {
  console.error(`bench: ${message}\nusage: npm run bench -- [--all] [--only name[,name…]] [name…]\n`);
  for (const part of PARTS) console.error(`  ${part.name.padEnd(15)}${part.extra ? '(extra) ' : ''}${part.about}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const wanted: string[] = [];
let all = false;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === '--all') all = true;
  else if (arg === '--help' || arg === '-h') usage('the parts');
  else if (arg === '--only') {
    if (args[i + 1] === undefined) usage('--only needs a name');
    wanted.push(...args[++i]!.split(','));
  } else if (arg.startsWith('--only=')) wanted.push(...arg.slice(7).split(','));
  else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
  else wanted.push(arg);
}
const names = wanted.map((name) => ALIASES[name] ?? name);
const unknown = names.filter((name) => !PARTS.some((part) => part.name === name));
if (unknown.length > 0) usage(`unknown part ${unknown.join(', ')}`);
const chosen = PARTS.filter((part) => (names.length > 0 ? names.includes(part.name) : all || !part.extra));

for (const bundle of [SERVER_BUNDLE, MATCH_BUNDLE]) {
  if (!existsSync(bundle)) usage(`${bundle} is missing: run npm run build (npm run bench does it for you)`);
}

const started = performance.now();
console.log(`load average at start: ${loadAverage()} (1, 5, 15 min; ${(await import('node:os')).availableParallelism()} cores)`);
const failed: string[] = [];
for (const part of chosen) {
  console.log(`\n# ${part.name} — ${part.about}\nload average: ${loadAverage()}\n`);
  const partStart = performance.now();
  try {
    await part.run();
  } catch (error) {
    // one broken part must not hide the others' figures
    failed.push(part.name);
    console.error(`bench ${part.name} failed: ${(error as Error).stack ?? error}`);
  }
  console.log(`\n(${part.name}: ${((performance.now() - partStart) / 1000).toFixed(0)} s)`);
}

if (summary.length > 0) {
  console.log('\n# summary\n');
  printTable(
    ['part', 'what', 'figure', 'baseline', 'ratio', 'goal', ''],
    summary.map((line) => [line.part, line.what, line.figure, line.baseline, line.ratio, line.goal, line.met === undefined ? '' : line.met ? 'met' : 'missed']),
  );
}
console.log(`\nload average at end: ${loadAverage()}; ${((performance.now() - started) / 60_000).toFixed(1)} min in all`);
console.log('(the machine may be shared: other work slows a figure and its baseline alike, so compare the ratios)');
if (failed.length > 0) {
  console.error(`bench: ${failed.join(', ')} failed`);
  process.exitCode = 1;
}
