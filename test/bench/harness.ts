/**
 * What the benchmarks share: medians and quantiles, the load average, goal lines (figure,
 * baseline, ratio, goal, met or missed) collected for the summary at the end of `npm run bench`,
 * servers in child processes (our production bundle, dist/server.js, and the bare baselines,
 * bundled the same way), their memory from /proc, and seeding a SQLite file quickly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { bundleOptions } from '../../scripts/build.mjs';
import { migrateDb, openDb, type Db } from '../../src/db.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const SERVER_BUNDLE = join(ROOT, 'dist/server.js');
export const MATCH_BUNDLE = join(ROOT, 'dist/match.js');

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
export const loadAverage = () => loadavg().map((x) => x.toFixed(2)).join(' ');
export const ms = (x: number) => (x === Infinity ? 'never' : Number.isNaN(x) ? 'n/a' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 1)} ms`);
export const mib = (x: number) => `${x.toFixed(0)} MiB`;

/** One goal line: what we measured, what it is compared with in the same run, and the goal. */
export type GoalLine = {
  part: string;
  what: string;
  figure: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: boolean | undefined;
};

export const summary: GoalLine[] = [];

export function reportGoal(line: GoalLine): void {
  summary.push(line);
  const verdict = line.met === undefined ? 'n/a' : line.met ? 'met' : 'MISSED';
  console.log(`  ${line.what}: ${line.figure}   baseline ${line.baseline}   ratio ${line.ratio}   goal ${line.goal}: ${verdict}`);
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (cell ?? '').padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

export type Child = {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  port: number;
  /** from spawn to the ready line on standard output */
  readyMs: number;
  stop(): Promise<void>;
};

/**
 * A server in a child process: `node <script>` with PORT and the environment given, ready when
 * its standard output contains `readyText`.
 */
export async function startChild(script: string, env: Record<string, string>, readyText: string, port?: number): Promise<Child> {
  const chosen = port ?? (await freePort());
  const started = performance.now();
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(chosen), ...env },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += String(d)));
  const readyMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready within 60 s:\n${out}\n${err}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes(readyText)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited early (${code}):\n${out}\n${err}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pid: child.pid!,
    port: chosen,
    readyMs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 6_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Our server as `npm start` runs it (dist/server.js), on a SQLite file. */
export function startBuddydesk(databasePath: string, extra: Record<string, string> = {}, port?: number): Promise<Child> {
  return (async () => {
    const chosen = port ?? (await freePort());
    return startChild(
      SERVER_BUNDLE,
      { DATABASE_PATH: databasePath, PUBLIC_URL: `http://127.0.0.1:${chosen}`, ...extra },
      'Buddydesk is running',
      chosen,
    );
  })();
}

const BASELINE_DIR = join(ROOT, 'node_modules/.cache/buddydesk-bench');

/**
 * A baseline server from test/bench/servers/, bundled with the same esbuild settings as
 * dist/server.js, so both sides run compiled code. Written under node_modules/.cache so that
 * better-sqlite3 resolves from there, as it does from dist/.
 */
export async function buildBaseline(name: string): Promise<string> {
  const esbuild = await import('esbuild');
  mkdirSync(BASELINE_DIR, { recursive: true });
  const outfile = join(BASELINE_DIR, `${name}.js`);
  await esbuild.build({
    ...bundleOptions,
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'test/bench/servers', `${name}.ts`)],
    outfile,
  });
  return outfile;
}

/**
 * A SQLite file for seeding: migrated, with synchronous=OFF on this connection only (seeding
 * thousands of people one fsync each would take minutes; the servers open it with their own
 * FULL setting).
 */
export function openSeedDb(path: string): Db {
  const db = openDb(path);
  migrateDb(db);
  db.$client.pragma('synchronous = OFF');
  return db;
}

/** Close a seeded file with its WAL folded in, so copies of it are whole. */
export function closeSeedDb(db: Db): void {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}

/** A plain HTTP request with a timeout; the body as text. */
export async function httpText(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; text: string; location: string | null }> {
  const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(60_000), ...init });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}
