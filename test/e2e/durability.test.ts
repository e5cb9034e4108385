import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freePort } from './browser.ts';

describe('a registration that was answered', () => {
  it('is still there after the server is killed with kill -9 right after the redirect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddydesk-kill-'));
    const dbPath = join(dir, 'kill.sqlite');
    const port = await freePort();
    // the production start, as `npm start` runs it (vitest's global setup builds dist/)
    const child = spawn(process.execPath, ['dist/server.js'], {
      env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += String(d);
          if (out.includes('Buddydesk is running')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
      });
      const res = await fetch(`http://127.0.0.1:${port}/e/demo/join`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: `http://127.0.0.1:${port}` },
        body: new URLSearchParams({ role: 'first_timer', name: 'Durable Dana', email: 'dana@example.org' }).toString(),
      });
      expect(res.status).toBe(303);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    } finally {
      child.kill('SIGKILL');
    }
    const db = new Database(dbPath);
    const row = db.prepare('select name, email from participants where email = ?').get('dana@example.org');
    db.close();
    expect(row).toEqual({ name: 'Durable Dana', email: 'dana@example.org' });
  }, 30_000);
});
