import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freePort } from './browser.ts';

/** A script as node runs it: the compiled bundle as is, TypeScript through tsx. */
function run(script: string, args: string[], env: Record<string, string>) {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return spawnSync(process.execPath, [...loader, script, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('server start (node dist/server.js, what npm start runs)', () => {
  it('stops with one clear line and exit 1 on bad configuration', () => {
    const r = run('dist/server.js', [], { PORT: 'eighty', DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'bd-')), 'x.sqlite') });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Bad configuration: PORT/);
  });

  it('started from another folder (a supervisor), finds its migrations and static files and keeps a relative DATABASE_PATH there', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'bd-elsewhere-'));
    const port = await freePort();
    const child = spawn(process.execPath, [resolve('dist/server.js')], {
      cwd: elsewhere,
      env: { ...process.env, DATABASE_PATH: 'data/here.sqlite', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((done, fail) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += String(d);
          if (out.includes('Buddydesk is running')) done();
        });
        child.once('exit', (code) => fail(new Error(`server exited early (${code})`)));
      });
      const css = await fetch(`http://127.0.0.1:${port}/static/css/app.css`);
      expect(css.status).toBe(200);
      expect(await css.text()).toContain('{');
      expect((await fetch(`http://127.0.0.1:${port}/e/demo/join`)).status).toBe(200);
      expect(existsSync(join(elsewhere, 'data/here.sqlite'))).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
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
