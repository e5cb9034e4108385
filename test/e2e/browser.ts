import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { migrateDb, openDb, type Db } from '../../src/db.ts';

export const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The host name journeys use. Browsers treat localhost and 127.0.0.1 as special (a secure context,
 * Sec-Fetch-Site sent over plain HTTP); phones on the venue wifi reach a LAN address or a name, so
 * the browser maps this name to loopback and sees the app exactly as they do.
 */
export const venueHost = 'buddydesk.test';

export const venueUrl = (port: number) => `http://${venueHost}:${port}`;

/** Our app listening on a loopback port and answering as http://buddydesk.test:PORT. */
export async function listen(
  db: Db,
  port: number,
  now?: () => Date,
): Promise<{ app: ReturnType<typeof createApp>; close: () => Promise<void> }> {
  const app = createApp({ db, publicUrl: venueUrl(port), ...(now ? { now } : {}) });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    app,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SSE and keep-alive connections would otherwise hold the server open
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** The real app on a real SQLite file, for a browser to drive by the venue host name. */
export async function startServer(
  opts: { now?: () => Date } = {},
): Promise<{ baseUrl: string; db: Db; app: ReturnType<typeof createApp>; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'buddydesk-e2e-'));
  const db = openDb(join(dir, 'e2e.sqlite'));
  migrateDb(db);
  const port = await freePort();
  const { app, close } = await listen(db, port, opts.now);
  return {
    baseUrl: venueUrl(port),
    db,
    app,
    stop: async () => {
      await close();
      db.$client.close();
    },
  };
}

/** A server and a browser shared by the journeys of one file: started before them, stopped after. */
export function journeyFixture(opts: { now?: () => Date } = {}) {
  const fixture = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser };
  beforeAll(async () => {
    fixture.server = await startServer(opts);
    fixture.browser = await launchChromium();
  });
  afterAll(async () => {
    // closing the browser closes its contexts and pages
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${venueHost} 127.0.0.1`,
    ],
  });
}

export const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Fails on horizontal scrolling, the first thing that breaks on a 360 px phone. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

export async function accessibilityViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}
