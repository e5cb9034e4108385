/**
 * Matcher benchmark: conference-shaped instances at three sizes, each measured in its own
 * process (time and peak memory), against dense baselines — the npm `munkres` package and
 * scipy's linear_sum_assignment — and, at 5000 × 2500 with capacity 2, whole process against
 * whole process: our CLI against a Python script that scores with numpy and calls scipy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConference, type ConferenceShape } from './fixtures/conference.ts';

const HERE = import.meta.dirname;
const ROOT = join(HERE, '../..');
const CHILD = join(HERE, 'matcher-child.ts');
const CLI = join(ROOT, 'src/cli/match.ts');
const SCIPY = join(HERE, 'scipy-match.py');

type Case = {
  name: string;
  shape: ConferenceShape;
  runs: number;
  rematch?: boolean;
  munkres?: boolean;
  scipy?: boolean;
  headline?: boolean;
};

const CASES: Case[] = [
  { name: '500×250 cap 1–3', shape: { firstTimers: 500, volunteers: 250, capacity: 'mixed', seed: 1 }, runs: 5, munkres: true, scipy: true },
  { name: '5000×2500 cap 1–3', shape: { firstTimers: 5000, volunteers: 2500, capacity: 'mixed', seed: 2 }, runs: 3, scipy: true },
  {
    name: '5000×2500 cap 2',
    shape: { firstTimers: 5000, volunteers: 2500, capacity: 2, seed: 3 },
    runs: 3,
    rematch: true,
    munkres: process.env.BENCH_SKIP_MUNKRES_5000 !== '1',
    scipy: true,
    headline: true,
  },
  { name: '20000×10000 cap 1–3', shape: { firstTimers: 20000, volunteers: 10000, capacity: 'mixed', seed: 4 }, runs: 1 },
];

type Measured = { ms: number; matched: number; objective: number; maxRssMb: number; rematchMs?: number };
type Outcome = { value?: number; note: string };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 2)} s`;

function runChild(args: string[]): Measured {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

function hasScipy(): boolean {
  return spawnSync('python3', ['-c', 'import scipy, numpy'], { stdio: 'ignore' }).status === 0;
}

function timeProcess(command: string, args: string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const run = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return { ms, stdout: run.stdout };
}

const verdict = (ours: Measured, other: { matched: number; objective: number }) =>
  ours.matched === other.matched && Math.abs(ours.objective - other.objective) < 1e-6 ? 'OK' : 'MISMATCH';

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

export async function runMatcherBench(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'buddydesk-bench-'));
  const scipy = hasScipy();
  const notes: string[] = [];
  if (!scipy) notes.push("scipy baseline skipped: `python3 -c 'import scipy'` fails (apt-get install -y python3-scipy)");
  const rows: string[][] = [];
  let headline: string[][] = [];
  let rematchMs: number | undefined;
  try {
    for (const benchCase of CASES) {
      const file = join(directory, `${benchCase.shape.firstTimers}x${benchCase.shape.volunteers}-${benchCase.shape.capacity}.json`);
      writeFileSync(file, JSON.stringify(generateConference(benchCase.shape)));
      const ours = runChild(['ours', file, String(benchCase.runs), benchCase.rematch ? 'rematch' : '']);
      if (ours.rematchMs !== undefined) rematchMs = ours.rematchMs;

      let munkres: Outcome = { note: 'skipped (dense O(n³), too slow)' };
      if (benchCase.munkres) {
        const dense = runChild(['munkres', file]);
        munkres = { value: dense.ms, note: `${seconds(dense.ms)} (×${(dense.ms / ours.ms).toFixed(1)}) ${verdict(ours, dense)}` };
      }
      let scipyCell = scipy ? 'skipped (dense matrix would not fit)' : 'skipped (no scipy)';
      if (scipy && benchCase.scipy) {
        const runs = benchCase.headline ? 3 : 1;
        const wholeScipy: number[] = [];
        const wholeOurs: number[] = [];
        let scipyResult: { matched: number; objective: number; seconds: { score: number; solve: number } } | undefined;
        let cliResult: { matched: number; objective: number } | undefined;
        for (let run = 0; run < runs; run++) {
          const python = timeProcess('python3', [SCIPY, file]);
          wholeScipy.push(python.ms);
          scipyResult = JSON.parse(python.stdout);
          if (benchCase.headline) {
            const cli = timeProcess(process.execPath, ['--import', 'tsx', CLI, file]);
            wholeOurs.push(cli.ms);
            cliResult = JSON.parse(cli.stdout);
          }
        }
        const inProcess = (scipyResult!.seconds.score + scipyResult!.seconds.solve) * 1000;
        scipyCell = `${seconds(inProcess)} (×${(inProcess / ours.ms).toFixed(1)}) ${verdict(ours, scipyResult!)}`;
        if (benchCase.headline) {
          const npmRun = timeProcess('npm', ['run', '--silent', 'match', '--', file]);
          const ourMedian = median(wholeOurs);
          const scipyMedian = median(wholeScipy);
          headline = [
            ['node --import tsx src/cli/match.ts file.json', seconds(ourMedian), verdict(ours, cliResult!)],
            ['npm run --silent match -- file.json (1 run)', seconds(npmRun.ms), verdict(ours, JSON.parse(npmRun.stdout))],
            ['python3 scipy-match.py file.json', seconds(scipyMedian), verdict(ours, scipyResult!)],
            ['ratio scipy / ours (node --import tsx)', `×${(scipyMedian / ourMedian).toFixed(2)}`, ''],
          ];
        }
      }
      rows.push([
        benchCase.name,
        `${seconds(ours.ms)} (median of ${benchCase.runs})`,
        `${ours.maxRssMb.toFixed(0)} MB`,
        `${ours.matched}`,
        `${ours.objective}`,
        munkres.note,
        scipyCell,
      ]);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  console.log('\nmatcher — exact lexicographic optimum (in-process time includes indexing and scoring)\n');
  printTable(['instance', 'ours', 'peak RSS', 'matched', 'objective', 'munkres (ratio, check)', 'scipy score+solve (ratio, check)'], rows);
  if (rematchMs !== undefined) console.log(`\nrematch of one orphaned first-timer at 5000×2500: median ${rematchMs.toFixed(2)} ms`);
  if (headline.length > 0) {
    console.log('\nwhole process, 5000×2500 capacity 2 (median of 3 unless noted)\n');
    printTable(['command', 'time', 'same matched & objective'], headline);
  }
  for (const note of notes) console.log(`\nnote: ${note}`);
}
