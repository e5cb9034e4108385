/**
 * Matcher benchmark, on conference-shaped instances.
 *
 * 1. In process, each size in its own child (time and peak memory), against dense baselines:
 *    the npm `munkres` package and scipy's linear_sum_assignment (score + solve inside Python).
 * 2. The goals, whole process against whole process on the same instance file, runs
 *    interleaved, medians of RUNS:
 *    - 5,000 × 2,500, capacity 2: the documented command (`npm run --silent match`, and the
 *      same CLI as `node --import tsx` and as an esbuild bundle built here into a temp dir)
 *      against `python3 scipy-match.py`; goal ≤ 0.2 of scipy's time;
 *    - 20,000 × 10,000, capacity 1–3: goal ≤ 5 s, with its growth over the 5,000 × 2,500 run.
 * Figures are printed, never asserted; the load average is printed with them, as the machine
 * may be shared.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConference, type ConferenceShape } from './fixtures/conference.ts';

const HERE = import.meta.dirname;
const ROOT = join(HERE, '../..');
const CHILD = join(HERE, 'matcher-child.ts');
const CLI = join(ROOT, 'src/cli/match.ts');
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
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
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

/**
 * The CLI as one esbuild bundle, as `npm start` and the CLI's `bin` will run compiled code
 * without tsx. esbuild comes with tsx, so it is loaded from there rather than declared again.
 */
async function buildBundle(directory: string): Promise<string | undefined> {
  try {
    const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');
    const outfile = join(directory, 'match.mjs');
    await esbuild.build({ entryPoints: [CLI], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
    return outfile;
  } catch {
    return undefined;
  }
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
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

export async function runMatcherBench(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'buddydesk-bench-'));
  const scipy = hasScipy();
  console.log(`load average at start: ${loadAverage()}`);
  try {
    const inProcess = inProcessTable(directory, scipy);
    const bundle = await buildBundle(directory);
    const cliCommands: Command[] = [
      { label: 'npm run --silent match -- file.json', command: 'npm', args: (f) => ['run', '--silent', 'match', '--', f] },
      { label: 'node --import tsx src/cli/match.ts file.json', command: process.execPath, args: (f) => ['--import', 'tsx', CLI, f] },
      ...(bundle ? [{ label: 'node match.mjs file.json (esbuild bundle)', command: process.execPath, args: (f: string) => [bundle, f] }] : []),
    ];

    const headlineFile = writeInstance(directory, HEADLINE);
    const scipyCommand: Command[] = scipy ? [{ label: 'python3 scipy-match.py file.json', command: 'python3', args: (f) => [SCIPY, f] }] : [];
    const headline = timeInterleaved([...scipyCommand, ...cliCommands], headlineFile);
    const reference = inProcess.get(HEADLINE)!;
    const scipyMs = scipy ? headline[0]!.ms : undefined;
    console.log(`\ngoal: the matcher command takes ≤ ${SCIPY_SHARE_GOAL} of scipy's time, whole process, 5000×2500 capacity 2 (median of ${RUNS}, interleaved)\n`);
    printTable(
      ['command', 'time', 'share of scipy', 'goal met', 'same matched & objective'],
      [...scipyCommand, ...cliCommands].map((command, i) => {
        const { ms, outcome } = headline[i]!;
        const share = scipyMs === undefined ? undefined : ms / scipyMs;
        const isScipy = scipy && i === 0;
        return [
          command.label,
          seconds(ms),
          share === undefined ? 'n/a (no scipy)' : isScipy ? 'baseline' : `${share.toFixed(2)} (scipy ×${(1 / share).toFixed(1)})`,
          share === undefined || isScipy ? '' : share <= SCIPY_SHARE_GOAL ? 'yes' : 'no',
          same(reference, outcome),
        ];
      }),
    );

    const largeFile = writeInstance(directory, LARGE);
    const large = timeInterleaved(cliCommands, largeFile);
    const largeReference = inProcess.get(LARGE)!;
    console.log(`\ngoal: ≤ ${seconds(LARGE_GOAL_MS)} whole process at 20000×10000 capacity 1–3 (median of ${RUNS}, interleaved); baseline: the same command at 5000×2500 (16× the pairs)\n`);
    printTable(
      ['command', 'time', 'goal met', 'growth over 5000×2500', 'same matched & objective'],
      cliCommands.map((command, i) => {
        const { ms, outcome } = large[i]!;
        const base = headline[scipyCommand.length + i]!.ms;
        return [command.label, seconds(ms), ms <= LARGE_GOAL_MS ? 'yes' : 'no', `×${(ms / base).toFixed(1)}`, same(largeReference, outcome)];
      }),
    );
    if (!bundle) console.log('\nnote: no esbuild bundle (esbuild could not be loaded through tsx)');
    if (!scipy) console.log("\nnote: scipy baseline skipped: `python3 -c 'import scipy'` fails (apt-get install -y python3-scipy)");
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  console.log(`\nload average at end: ${loadAverage()} (2 cores; other work on the machine slows every command alike, so compare the ratios)`);
}
