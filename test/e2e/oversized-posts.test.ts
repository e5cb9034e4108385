// A small host gives the server little memory. Posting huge bodies at it, many at once, must cost
// it short 413 answers, not its heap.
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from './browser.ts';

const postSize = 50 * 1024 * 1024;
const concurrent = 16;

/** Streams `postSize` bytes of form at the join route without a Content-Length; resolves with the status. */
function hugePost(port: number): Promise<number | 'reset'> {
  return new Promise((resolve) => {
    const chunk = Buffer.from(`name=${'x'.repeat(64 * 1024 - 5)}`);
    let sent = 0;
    let status: number | undefined;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/e/demo/join',
        headers: { Host: `buddydesk.test:${port}`, Origin: `http://buddydesk.test:${port}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        status = res.statusCode;
        res.resume();
        res.on('end', () => resolve(status!));
      },
    );
    req.on('error', () => resolve(status ?? 'reset'));
    const pump = () => {
      while (sent < postSize && status === undefined) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

describe('concurrent oversized posts', () => {
  it(`leave the server up with a 512 MB heap cap: ${concurrent} × 50 MB get 413`, { timeout: 120_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', 'src/server.ts'], {
      env: {
        ...process.env,
        DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'buddydesk-huge-')), 'huge.sqlite'),
        PORT: String(port),
        PUBLIC_URL: `http://buddydesk.test:${port}`,
      },
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
      const before = peakRssMb(child.pid!);
      const statuses = await Promise.all(Array.from({ length: concurrent }, () => hugePost(port)));
      expect(statuses.every((s) => s === 413 || s === 'reset')).toBe(true);
      expect(statuses.filter((s) => s === 413).length).toBeGreaterThan(0);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(child.exitCode).toBe(null);
      // the limit is 256 KB a request: 16 of them add a few MB, nowhere near 16 × 50 MB
      expect(peakRssMb(child.pid!) - before).toBeLessThan(150);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
