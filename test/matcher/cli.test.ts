import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESIGN_EXAMPLE } from './design-example.ts';

// the package's bin, as `npx buddydesk-match` runs it: the compiled bundle, executed directly (shebang)
const ROOT = join(import.meta.dirname, '../..');
const BIN = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['buddydesk-match']!;
const CLI = join(ROOT, BIN);
const directory = mkdtempSync(join(tmpdir(), 'buddydesk-match-cli-'));

type Run = { status: number | null; stdout: string; stderr: string };

function runCli(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function writeInstance(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const example = () => structuredClone(DESIGN_EXAMPLE) as Record<string, any>;

const refusals: [string, () => { args: string[]; stdin?: string }, RegExp][] = [
  ['an unreadable file', () => ({ args: [join(directory, 'missing.json')] }), /cannot read .*missing\.json.*no such file/],
  ['a directory instead of a file', () => ({ args: [directory] }), /cannot read/],
  ['malformed JSON in a file', () => ({ args: [writeInstance('broken.json', '{"firstTimers": [')] }), /not valid JSON/],
  ['malformed JSON on standard input', () => ({ args: [], stdin: 'nope' }), /standard input is not valid JSON/],
  ['an instance that is not an object', () => ({ args: ['-'], stdin: '[1, 2]' }), /the instance must be a JSON object/],
  ['firstTimers that is not a list', () => ({ args: ['-'], stdin: '{"firstTimers": 3}' }), /firstTimers must be a list/],
  ['a profile without id', () => ({ args: ['-'], stdin: '{"volunteers": [{"capacity": 1}]}' }), /volunteers\[0\]\.id is required/],
  ['a list of interests that is not a list', () => ({ args: ['-'], stdin: '{"firstTimers": [{"id": "f", "interests": "x"}]}' }), /firstTimers\[0\]\.interests must be a list/],
  [
    'a duplicate first-timer id',
    () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), firstTimers: [{ id: 'f1' }, { id: 'f2' }, { id: 'f1' }] }) }),
    /firstTimers\[2\]\.id "f1" is used twice/,
  ],
  [
    'a duplicate volunteer id',
    () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), volunteers: [{ id: 'v1', capacity: 2 }, { id: 'v2' }, { id: 'v2' }] }) }),
    /volunteers\[2\]\.id "v2" is used twice/,
  ],
  ['a pin naming an unknown first-timer', () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), pinned: [['f9', 'v1']] }) }), /pinned\[0\] names first-timer "f9"/],
  ['a pin naming an unknown volunteer', () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), pinned: [['f2', 'v9']] }) }), /pinned\[0\] names volunteer "v9"/],
  ['a forbid naming an unknown id', () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), forbidden: [['f7', 'v1']] }) }), /forbidden\[0\] names first-timer "f7"/],
  [
    'a first-timer pinned twice',
    () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), pinned: [['f2', 'v1'], ['f2', 'v2']] }) }),
    /first-timer "f2" is pinned twice/,
  ],
  [
    'more pins on a volunteer than its capacity',
    () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), pinned: [['f1', 'v2'], ['f2', 'v2']], forbidden: [] }) }),
    /volunteer "v2" has 2 pinned first-timers but capacity 1/,
  ],
  [
    'a pair both pinned and forbidden',
    () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), forbidden: [['f2', 'v1']] }) }),
    /\["f2", "v1"\] is both pinned and forbidden/,
  ],
  [
    'a fractional capacity',
    () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), volunteers: [{ id: 'v1', capacity: 2 }, { id: 'v2', capacity: 1.5 }] }) }),
    /volunteers\[1\]\.capacity must be a whole number ≥ 0/,
  ],
  [
    'a negative capacity',
    () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), volunteers: [{ id: 'v1', capacity: -1 }] }) }),
    /volunteers\[0\]\.capacity must be a whole number ≥ 0/,
  ],
  [
    'a capacity given as text',
    () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), volunteers: [{ id: 'v1', capacity: '2' }] }) }),
    /volunteers\[0\]\.capacity must be a whole number ≥ 0/,
  ],
  ['a negative extraSlot', () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), weights: { extraSlot: -1 } }) }), /weights\.extraSlot must be ≥ 0/],
  ['an unknown weight', () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), weights: { interest: 3 } }) }), /weights has unknown key "interest"/],
  ['a weight that is not a number', () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), weights: { region: 'high' } }) }), /weights\.region must be a number/],
  ['a weight with too many decimals', () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), weights: { region: 0.1234567 } }) }), /weights\.region may have at most 6 decimal places/],
  ['weights too large to stay exact', () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), weights: { region: 1e15 } }) }), /too large/],
  ['two file arguments', () => ({ args: ['a.json', 'b.json'] }), /expected one instance file/],
  ['an instance without volunteers', () => ({ args: ['-'], stdin: '{"firstTimers": [{"id": "f1"}]}' }), /^match: bad instance: volunteers is required\n$/],
  ['an instance without first-timers', () => ({ args: ['-'], stdin: '{"volunteers": [{"id": "v1"}]}' }), /^match: bad instance: firstTimers is required\n$/],
  ['an empty object', () => ({ args: ['-'], stdin: '{}' }), /firstTimers is required\n.*volunteers is required/],
  [
    'a misspelt top-level key',
    () => {
      const { volunteers, ...rest } = example();
      return { args: ['-'], stdin: JSON.stringify({ ...rest, volunter: volunteers }) };
    },
    /^match: bad instance, 2 problems:\n {2}- the instance has unknown key "volunter" \(known: firstTimers, volunteers, weights, pinned, forbidden, labels\)\n {2}- volunteers is required\n$/,
  ],
  ['an unknown top-level key', () => ({ args: ['-'], stdin: JSON.stringify({ ...example(), note: 'draft' }) }), /^match: bad instance: the instance has unknown key "note"/],
];

describe('npx buddydesk-match (the bin, dist/match.js built from src/cli/match.ts)', () => {
  it('prints the DESIGN.md example result: matched 2, objective 3, f1–v1 score 4, f2–v1 pinned score 0', async () => {
    const run = await runCli([writeInstance('design.json', DESIGN_EXAMPLE)]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(['pairs', 'unmatched', 'matched', 'objective']);
    expect(result.matched).toBe(2);
    expect(result.objective).toBe(3);
    expect(result.unmatched).toEqual([]);
    expect(result.pairs.map((p: any) => [p.firstTimer, p.volunteer, p.score])).toEqual([
      ['f1', 'v1', 4],
      ['f2', 'v1', 0],
    ]);
    expect(result.pairs[1].reasons).toEqual(['pinned by an organizer']);
    expect(result.pairs[0].reasons.join('; ')).toMatch(/cataloging.*KY/);
    for (const pair of result.pairs) expect(Object.keys(pair)).toEqual(['firstTimer', 'volunteer', 'score', 'reasons']);
  });

  it('reads the instance from standard input with no argument and with "-"', async () => {
    const [bare, dash] = await Promise.all([runCli([], JSON.stringify(DESIGN_EXAMPLE)), runCli(['-'], JSON.stringify(DESIGN_EXAMPLE))]);
    for (const run of [bare, dash]) {
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).objective).toBe(3);
    }
  });

  it('refuses every kind of bad input with exit 2, one message on stderr and nothing on stdout', { timeout: 90_000 }, async () => {
    const runs = await Promise.all(
      refusals.map(async ([name, make, message]) => {
        const { args, stdin } = make();
        return { name, message, run: await runCli(args, stdin) };
      }),
    );
    for (const { name, message, run } of runs) {
      expect({ name, status: run.status, stdout: run.stdout }).toEqual({ name, status: 2, stdout: '' });
      expect(run.stderr, name).toMatch(message);
      expect(run.stderr, name).not.toMatch(/\n\s+at /);
    }
  });
});
