import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

function run(script: string, args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('server start', () => {
  it('stops with one clear line and exit 1 on bad configuration', () => {
    const r = run('src/server.ts', [], { PORT: 'eighty', DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'bd-')), 'x.sqlite') });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Bad configuration: PORT/);
  });
});

describe('npm run demo', () => {
  it('adds made-up participants to the demo event', () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'bd-demo-')), 'demo.sqlite');
    const r = run('src/cli/demo.ts', ['--people', '12', '--seed', '3'], { DATABASE_PATH: dbPath });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Added \d+ first-timers and \d+ volunteers/);
    const db = new Database(dbPath, { readonly: true });
    const n = db.prepare("select count(*) as n from participants p join events e on e.id = p.event_id where e.slug = 'demo'").get() as { n: number };
    db.close();
    expect(n.n).toBe(12);
  });

  it('refuses a bad --people with exit 2 and writes nothing', () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'bd-demo-')), 'demo.sqlite');
    const r = run('src/cli/demo.ts', ['--people', 'lots'], { DATABASE_PATH: dbPath });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--people must be a whole number');
    expect(r.stdout).toBe('');
  });
});
