/**
 * Matcher benchmark, on conference-shaped instances.
 *
 * `matcher` (the goals), whole process against whole process on the same instance file, runs
 * interleaved, medians of RUNS:
 * - 5,000 × 2,500, capacity 2: the documented command, `npx buddydesk-match` (the compiled
 *   bin, dist/match.js; also timed as `./dist/match.js`, the bin run directly, without npx's own start-up) against
 *   `python3 scipy-match.py` (numpy scoring + linear_sum_assignment); goal ≤ 0.2 of scipy's time;
 *   skipped, and said so, when python3 or scipy is missing;
 * - 20,000 × 10,000, capacity 1–3: goal ≤ 5 s, with its growth over the 5,000 × 2,500 run.
 *
 * `matcher-detail`: in process, each size in its own child (time and peak memory), against
 * dense baselines: the npm `munkres` package and scipy's solve inside Python.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConference, type ConferenceShape } from './fixtures/conference.ts';
import { MATCH_BUNDLE, printTable, reportGoal } from './harness.ts';

const HERE = import.meta.dirname;
const ROOT = join(HERE, '../..');
const CHILD = join(HERE, 'matcher-child.ts');
const SCIPY = join(HERE, 'scipy-match.py');
const RUNS = 3;
const SCIPY_SHARE_GOAL = 0.2;
const LARGE_GOAL_MS = 5000;

type Case = { name: string; shape: ConferenceShape; runs: number; munkres?: boolean; scipy?: boolean };

const HEADLINE: ConferenceShape = { firstTimers: 5000, volunteers: 2500, capacity: 2, seed: 3 };
const LARGE: ConferenceShape = { firstTimers: 20000, volunteers: 10000, capacity: 'mixed', seed: 4 };

const CASES: Case[] = [
  { name: '500×250 cap 1–3', shape: { firstTimers: 500, volunteers: 250, capacity: 'mixed', seed: 1 }, runs: 5, munkres: true, scipy: true },
  { name: '5000×2500 cap 1–3', shape: { firstTimers: 5000, volunteers: 2500, capacity: 'mixed', seed: 2 }, runs: 3, scipy: true },
  // munkres is O(n³) on the 5000 slot columns: many minutes, so only on request
  { name: '5000×2500 cap 2', shape: HEADLINE, runs: 3, munkres: process.env.BENCH_MUNKRES_5000 === '1', scipy: true },
  { name: '20000×10000 cap 1–3', shape: LARGE, runs: 1 },
];

type Outcome = { matched: number; objective: number };
type Measured = Outcome & { ms: number; maxRssMb: number; rematchMs?: number };
type ScipyOutcome = Outcome & { seconds: { load: number; score: number; solve: number } };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 2)} s`;
const same = (ours: Outcome, other: Outcome) =>
  ours.matched === other.matched && Math.abs(ours.objective - other.objective) < 1e-6 ? 'OK' : 'MISMATCH';

function runChild(args: string[]): Measured {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

function hasScipy(): boolean {
  return spawnSync('python3', ['-c', 'import scipy, numpy'], { stdio: 'ignore' }).status === 0;
}

type Command = { label: string; command: string; args: (file: string) => string[] };

function timeProcess({ command, args }: Command, file: string): { ms: number; outcome: Outcome & Partial<ScipyOutcome> } {
  const start = performance.now();
  const run = spawnSync(command, args(file), { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args(file).join(' ')} failed: ${run.stderr}`);
  return { ms, outcome: JSON.parse(run.stdout) };
}

/** Every command once per round, RUNS rounds, so that a busy moment hits them all alike. */
function timeInterleaved(commands: Command[], file: string): { ms: number; outcome: Outcome & Partial<ScipyOutcome> }[] {
  const times: number[][] = commands.map(() => []);
  const outcomes: (Outcome & Partial<ScipyOutcome>)[] = [];
  for (let run = 0; run < RUNS; run++) {
    commands.forEach((command, i) => {
      const { ms, outcome } = timeProcess(command, file);
      times[i]!.push(ms);
      outcomes[i] = outcome;
    });
  }
  return commands.map((_, i) => ({ ms: median(times[i]!), outcome: outcomes[i]! }));
}

function writeInstance(directory: string, shape: ConferenceShape): string {
  const file = join(directory, `${shape.firstTimers}x${shape.volunteers}-${shape.capacity}.json`);
  writeFileSync(file, JSON.stringify(generateConference(shape)));
  return file;
}

function inProcessTable(directory: string, scipy: boolean): Map<ConferenceShape, Measured> {
  const rows: string[][] = [];
  const ours = new Map<ConferenceShape, Measured>();
  let rematchMs: number | undefined;
  for (const benchCase of CASES) {
    const file = writeInstance(directory, benchCase.shape);
    const measured = runChild(['ours', file, String(benchCase.runs), benchCase.shape === HEADLINE ? 'rematch' : '']);
    ours.set(benchCase.shape, measured);
    if (measured.rematchMs !== undefined) rematchMs = measured.rematchMs;
    let munkresCell = 'skipped (dense O(n³), too slow)';
    if (benchCase.munkres) {
      const dense = runChild(['munkres', file]);
      munkresCell = `${seconds(dense.ms)} (×${(dense.ms / measured.ms).toFixed(1)}) ${same(measured, dense)}`;
    }
    let scipyCell = scipy ? 'skipped (dense matrix would not fit)' : 'skipped (no scipy)';
    if (scipy && benchCase.scipy) {
      const { outcome } = timeProcess({ label: 'scipy', command: 'python3', args: (f) => [SCIPY, f] }, file);
      const inPython = (outcome.seconds!.score + outcome.seconds!.solve) * 1000;
      scipyCell = `${seconds(inPython)} (×${(inPython / measured.ms).toFixed(1)}) ${same(measured, outcome)}`;
    }
    rows.push([
      benchCase.name,
      `${seconds(measured.ms)} (median of ${benchCase.runs})`,
      `${measured.maxRssMb.toFixed(0)} MB`,
      `${measured.matched}`,
      `${measured.objective}`,
      munkresCell,
      scipyCell,
    ]);
  }
  console.log('\nmatcher in process — exact lexicographic optimum (time includes indexing and scoring)\n');
  printTable(['instance', 'ours', 'peak RSS', 'matched', 'objective', 'munkres (ratio, check)', 'scipy score+solve (ratio, check)'], rows);
  if (rematchMs !== undefined) console.log(`\nrematch of one orphaned first-timer at 5000×2500: median ${rematchMs.toFixed(2)} ms`);
  return ours;
}

/** The in-process table alone (`npm run bench -- --only matcher-detail`): ours, munkres and scipy's solve, per instance size. */
export async function runMatcherDetailBench(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'buddydesk-bench-'));
  try {
    inProcessTable(directory, hasScipy());
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The goals, whole process against whole process: the documented command (`npx
 * buddydesk-match`, and `./dist/match.js` without npx's own start-up) against `python3
 * scipy-match.py` at 5,000 × 2,500, and the command alone at 20,000 × 10,000.
 */
export async function runMatcherBench(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'buddydesk-bench-'));
  const scipy = hasScipy();
  try {
    const cliCommands: Command[] = [
      { label: 'npx buddydesk-match file.json', command: 'npx', args: (f) => ['--no-install', 'buddydesk-match', f] },
      // the bin run as the README documents it: its shebang starts node, with no npm in between
      { label: './dist/match.js file.json', command: MATCH_BUNDLE, args: (f) => [f] },
    ];
    const headlineFile = writeInstance(directory, HEADLINE);
    const scipyCommand: Command[] = scipy ? [{ label: 'python3 scipy-match.py file.json', command: 'python3', args: (f) => [SCIPY, f] }] : [];
    const headline = timeInterleaved([...scipyCommand, ...cliCommands], headlineFile);
    const scipyMs = scipy ? headline[0]!.ms : undefined;
    const reference = headline[0]!.outcome;
    console.log(`matcher command, whole process against whole process, 5000×2500 capacity 2 (median of ${RUNS}, interleaved)\n`);
    printTable(
      ['command', 'time', 'share of scipy', 'same matched & objective'],
      [...scipyCommand, ...cliCommands].map((command, i) => {
        const { ms, outcome } = headline[i]!;
        const isScipy = scipy && i === 0;
        return [
          command.label,
          seconds(ms),
          scipyMs === undefined ? 'n/a (no scipy)' : isScipy ? 'baseline' : `${(ms / scipyMs).toFixed(2)} (scipy ×${(scipyMs / ms).toFixed(1)})`,
          isScipy ? '' : same(outcome, reference),
        ];
      }),
    );
    console.log('');
    cliCommands.forEach((command, i) => {
      const run = headline[scipyCommand.length + i]!;
      reportGoal({
        part: 'matcher',
        what: `${command.label.replace(' file.json', '')} at 5000×2500, whole process`,
        figure: seconds(run.ms),
        baseline: scipyMs === undefined ? 'n/a (no scipy: apt-get install -y python3-scipy)' : `${seconds(scipyMs)} (python3 + scipy)`,
        ratio: scipyMs === undefined ? 'n/a' : `×${(run.ms / scipyMs).toFixed(2)}`,
        goal: `≤ ×${SCIPY_SHARE_GOAL} of scipy`,
        met: scipyMs === undefined ? undefined : run.ms / scipyMs <= SCIPY_SHARE_GOAL,
      });
    });

    const largeFile = writeInstance(directory, LARGE);
    const large = timeInterleaved(cliCommands, largeFile);
    console.log(`\nmatcher command at 20000×10000 capacity 1–3 (median of ${RUNS}, interleaved); baseline: the same command at 5000×2500 (16× the pairs)\n`);
    printTable(
      ['command', 'time', 'growth over 5000×2500', 'matched', 'objective'],
      cliCommands.map((command, i) => {
        const { ms, outcome } = large[i]!;
        const base = headline[scipyCommand.length + i]!.ms;
        return [command.label, seconds(ms), `×${(ms / base).toFixed(1)}`, String(outcome.matched), String(outcome.objective)];
      }),
    );
    console.log('');
    cliCommands.forEach((command, i) => {
      const run = large[i]!;
      const base = headline[scipyCommand.length + i]!.ms;
      reportGoal({
        part: 'matcher',
        what: `${command.label.replace(' file.json', '')} at 20000×10000, whole process`,
        figure: seconds(run.ms),
        baseline: `${seconds(base)} (same command at 5000×2500)`,
        ratio: `×${(run.ms / base).toFixed(1)}`,
        goal: `≤ ${seconds(LARGE_GOAL_MS)}`,
        met: run.ms <= LARGE_GOAL_MS,
      });
    });
    if (same(large[0]!.outcome, large[1]!.outcome) !== 'OK') console.log('note: npx and node gave different results at 20000×10000');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
