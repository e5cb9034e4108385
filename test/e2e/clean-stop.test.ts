// The server as `npm start` launches it, stopped the ways supervisors stop it: SIGTERM (systemd,
// Docker), SIGINT (Ctrl-C), and SIGKILL when it does not answer.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from './browser.ts';

/** The command line of `npm start`, run without npm or a shell, so the child is what npm would launch (its shell `exec`s it). */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.replace(/^exec\s+/, '').split(/\s+/);
}

async function startServer(): Promise<{ child: ChildProcessWithoutNullStreams; port: number; dbPath: string }> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'buddydesk-stop-')), 'stop.sqlite');
  const port = await freePort();
  const [command, ...args] = startCommand();
  const child = spawn(command === 'node' ? process.execPath : command!, args, {
    env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), PUBLIC_URL: `http://buddydesk.test:${port}` },
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('Buddydesk is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  return { child, port, dbPath };
}

/** A board's live stream held open, as a screen on the venue wifi holds it; resolves when the server ends it. */
function openBoardStream(port: number): Promise<{ ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/e/demo/board/stream', headers: { Host: `buddydesk.test:${port}` } }, (res) => {
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
      });
      res.once('data', () => resolve({ ended }));
    });
    req.on('error', reject);
    req.end();
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; ms: number }> {
  const since = Date.now();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, ms: Date.now() - since })));
}

describe('stopping the server', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} ends the live streams, closes the database and exits 0 within 5 seconds`, { timeout: 30_000 }, async () => {
      const { child, port, dbPath } = await startServer();
      try {
        const stream = await openBoardStream(port);
        const exit = exited(child);
        child.kill(signal);
        await stream.ended;
        const { code, ms } = await exit;
        expect(code).toBe(0);
        expect(ms).toBeLessThan(5_000);
        expect(await portIsFree(port)).toBe(true);
        // the last connection's close checkpoints the WAL into the file and removes it
        expect(existsSync(`${dbPath}-wal`)).toBe(false);
      } finally {
        child.kill('SIGKILL');
      }
    });
  }

  it('answers and keeps a registration whose body is still arriving when SIGTERM comes', { timeout: 30_000 }, async () => {
    const { child, port, dbPath } = await startServer();
    try {
      const body = new URLSearchParams({ role: 'first_timer', name: 'Slow Sam', email: 'sam@example.org' }).toString();
      const origin = `http://buddydesk.test:${port}`;
      const answered = new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/e/demo/join',
            headers: {
              Host: `buddydesk.test:${port}`,
              Origin: origin,
              'Content-Type': 'application/x-www-form-urlencoded',
              'Content-Length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        // the signal arrives while the phone is still sending
        setTimeout(() => {
          child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(10)), 300);
        }, 300);
      });
      const exit = exited(child);
      expect(await answered).toBe(303);
      expect((await exit).code).toBe(0);
      const db = new Database(dbPath, { readonly: true });
      const row = db.prepare('select name from participants where email = ?').get('sam@example.org');
      db.close();
      expect(row).toEqual({ name: 'Slow Sam' });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('is one process: a SIGKILL of what npm start launches frees the port', { timeout: 30_000 }, async () => {
    const { child, port } = await startServer();
    const exit = exited(child);
    child.kill('SIGKILL');
    await exit;
    expect(await portIsFree(port)).toBe(true);
  });
});
