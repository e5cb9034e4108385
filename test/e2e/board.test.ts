import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairs } from '../../db/schema.ts';

import { migrateDb, openDb, type Db } from '../../src/db.ts';
import type { Event } from '../../src/domain/events.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { accessibilityViolations, freePort, horizontalOverflow, launchChromium, listen, screenshot, venueUrl } from './browser.ts';

let browser: Browser;
let db: Db;
let port: number;
let server: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  db = openDb(join(mkdtempSync(join(tmpdir(), 'buddydesk-board-')), 'board.sqlite'));
  migrateDb(db);
  port = await freePort();
  server = await listen(db, port);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  db?.$client.close();
});

const names = [
  ['Octavia Rutherford', 'Bartholomew Quinn'],
  ['Priya Natarajan', 'Walter Okonkwo'],
  ['Mei-Ling Zhou', 'Françoise Delacroix-Martin'],
  ['Diego Alvarez', 'Henrietta Lacks-Simmons'],
  ['Sam Lee', 'Maximiliano Fitzgerald'],
  ['Aaliyah Johnson', 'Theodore Abernathy'],
  ['Noor Haddad', 'Gwendolyn Pryce'],
  ['Kenji Watanabe', 'Rosalind Franklin'],
  ['Ines Duarte', 'Cornelius Vanderbilt'],
  ['Olu Adeyemi', 'Beatrice Whitfield'],
];

function pairUp(event: Event, spotId: number, ftName: string, vName: string, meetAt: Date) {
  const firstTimer = makeParticipant(db, event, { name: ftName, email: `${ftName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`, present: true });
  const volunteer = makeParticipant(db, event, { role: 'volunteer', name: vName, present: true });
  db.insert(pairs)
    .values({ eventId: event.id, firstTimerId: firstTimer.id, volunteerId: volunteer.id, spotId, meetAt, createdAt: new Date() })
    .run();
}

async function insideViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox({ timeout: 5_000 });
  const view = page.viewportSize()!;
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height;
}

type RowOnScreen = { id: string; whole: boolean };

// a pair's row is on screen whole when neither the screen's edge nor its column's clips it
const rowsOnScreen = `[...document.querySelectorAll('.board-row')]
  .filter((row) => row.getClientRects().length > 0)
  .map((row) => {
    const r = row.getBoundingClientRect();
    const c = (row.closest('.board-column') || document.body).getBoundingClientRect();
    const top = Math.max(0, c.top) - 0.5, bottom = Math.min(innerHeight, c.bottom) + 0.5;
    const whole = r.top >= top && r.bottom <= bottom && r.left >= -0.5 && r.right <= innerWidth + 0.5
      && row.scrollWidth <= row.clientWidth + 1;
    return { id: row.getAttribute('data-pair-id'), whole };
  })`;

/** Every page in turn, shown by the test instead of by the clock: what each page puts on screen. */
async function everyPage(page: Page): Promise<RowOnScreen[][]> {
  return page.evaluate<RowOnScreen[][]>(`(() => {
    const pages = [...document.querySelectorAll('[data-board-page]')];
    const was = pages.findIndex((p) => p.classList.contains('is-current'));
    const seen = pages.map((_, i) => {
      pages.forEach((p, j) => p.classList.toggle('is-current', i === j));
      return ${rowsOnScreen};
    });
    pages.forEach((p, j) => p.classList.toggle('is-current', j === was));
    return seen;
  })()`);
}

async function currentPage(page: Page): Promise<number> {
  return Number(await page.locator('[data-board-page].is-current').getAttribute('data-board-page'));
}

const firstNames = ['Octavia', 'Priya', 'Mei-Ling', 'Diego', 'Sam', 'Aaliyah', 'Noor', 'Kenji', 'Ines', 'Olu', 'Maximiliano', 'Françoise', 'Bartholomew', 'Gwendolyn', 'Theodore'];
const lastNames = ['Rutherford', 'Quinn', 'Natarajan', 'Okonkwo', 'Zhou', 'Delacroix', 'Alvarez', 'Lacks', 'Lee', 'Fitzgerald', 'Johnson'];

/** 60 pairs, 30 at each of the next two meet times, over four spots; returns the meet times. */
function conferenceScale(event: Event, spotIds: number[]) {
  const quarter = 15 * 60_000;
  const next = new Date(Math.ceil((Date.now() + 5 * 60_000) / quarter) * quarter);
  const later = new Date(next.getTime() + quarter);
  for (let i = 0; i < 60; i++) {
    const ft = `${firstNames[i % firstNames.length]} ${lastNames[i % lastNames.length]}`;
    const v = `${firstNames[(i + 7) % firstNames.length]} ${lastNames[(i + 3) % lastNames.length]}`;
    pairUp(event, spotIds[i % spotIds.length]!, ft, v, i < 30 ? next : later);
  }
}

const bigEvent = {
  name: 'Kentucky Library Association & Kentucky School Media Association Joint Conference',
  spots: [
    { name: 'Spot A', directions: 'red pillar by the escalators', pairsAtOnce: 20 },
    { name: 'Spot B', directions: 'blue banner left of Hall C, across from the coffee stand', pairsAtOnce: 20 },
    { name: 'Spot C', directions: 'lobby, under the big clock', pairsAtOnce: 20 },
    { name: 'The Terrace', directions: '', pairsAtOnce: 20 },
    // long enough to wrap: rows are not all the same height
    { name: 'Upstairs', directions: 'level 2: take the glass lift behind the registration desk, turn left and wait by the big windows', pairsAtOnce: 20 },
  ],
};

describe('the board with 60 pairs', () => {
  it('shows every pair whole on a 1080p screen at least once every 30 seconds, turning pages by itself', { timeout: 120_000 }, async () => {
    const { event, catalog } = makeEvent(db, bigEvent);
    conferenceScale(event, catalog.spots.map((s) => s.id));
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${venueUrl(port)}/e/${event.slug}/board`);
    const pairsArea = page.locator('.board-pairs[data-page-count]');
    await pairsArea.waitFor();
    expect(await page.locator('.board-row').count()).toBe(60);
    const pages = Number(await pairsArea.getAttribute('data-page-count'));
    const pageMs = Number(await pairsArea.getAttribute('data-page-ms'));
    expect(pages).toBeGreaterThan(1);
    // the documented interval: a full cycle of pages fits in 30 s
    expect(pages * pageMs).toBeLessThanOrEqual(30_000);
    expect(await horizontalOverflow(page)).toBe(0);

    // watch the real cycle: each page turns by itself, and every row shown is whole
    const seen = new Set<string>();
    const start = await currentPage(page);
    for (let k = 0; k < pages; k++) {
      const n = ((start - 1 + k) % pages) + 1;
      await expect.poll(() => currentPage(page), { timeout: pageMs + 10_000 }).toBe(n);
      const rows = await page.evaluate<RowOnScreen[]>(rowsOnScreen);
      expect(rows.filter((r) => !r.whole)).toEqual([]);
      for (const r of rows) seen.add(r.id);
      expect(await page.getByText(`Page ${n} of ${pages}`).isVisible()).toBe(true);
      await screenshot(page, `board-1080p-60-pairs-page-${n}`);
    }
    expect(seen.size).toBe(60);
    await context.close();
  });

  for (const [width, height] of [[1280, 720], [3840, 2160]] as const) {
    it(`fits every pair whole on a ${width}×${height} screen too`, { timeout: 60_000 }, async () => {
      const { event, catalog } = makeEvent(db, bigEvent);
      conferenceScale(event, catalog.spots.map((s) => s.id));
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(`${venueUrl(port)}/e/${event.slug}/board`);
      const pairsArea = page.locator('.board-pairs[data-page-count]');
      await pairsArea.waitFor();
      const pages = await everyPage(page);
      expect(pages.length).toBe(Number(await pairsArea.getAttribute('data-page-count')));
      expect(pages.length * Number(await pairsArea.getAttribute('data-page-ms'))).toBeLessThanOrEqual(30_000);
      expect(pages.flat().filter((r) => !r.whole)).toEqual([]);
      expect(new Set(pages.flat().map((r) => r.id)).size).toBe(60);
      expect(await horizontalOverflow(page)).toBe(0);
      await screenshot(page, `board-${height}p-60-pairs`);
      await context.close();
    });
  }
});

describe('the board on a 1080p screen', () => {
  it('shows a new pair without a reload, pages through many, and reconnects by itself after a server restart', { timeout: 90_000 }, async () => {
    const { event, catalog } = makeEvent(db, {
      name: 'Kentucky Library Association Annual',
      spots: [
        { name: 'Spot A', directions: 'red pillar by the escalators', pairsAtOnce: 6 },
        { name: 'Spot B', directions: 'blue banner by Hall C', pairsAtOnce: 6 },
      ],
    });
    const [spotA, spotB] = catalog.spots;
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${venueUrl(port)}/e/${event.slug}/board`);
    await expect.poll(() => page.getByText('Pairs appear here as soon as they are made').count()).toBe(1);
    await expect.poll(() => server.app.live.size()).toBe(1);

    // meet times on the quarter hour, like slots
    const quarter = 15 * 60_000;
    const next = new Date(Math.ceil((Date.now() + 5 * 60_000) / quarter) * quarter);
    const later = new Date(next.getTime() + quarter);

    pairUp(event, spotB!.id, 'Octavia Rutherford', 'Bartholomew Quinn', next);
    server.app.live.publish({ eventId: event.id, participantIds: [], board: true });
    // well before the 30 s poll: this came over the stream
    await expect.poll(() => page.getByText('Octavia R.').count(), { timeout: 5_000 }).toBe(1);
    expect(await page.getByText('Pairs appear here').count()).toBe(0);
    expect(await page.content()).not.toContain('Rutherford');

    for (const [i, [ft, v]] of names.slice(1).entries()) {
      pairUp(event, (i % 2 ? spotA : spotB)!.id, ft!, v!, i < 5 ? next : later);
    }
    server.app.live.publish({ eventId: event.id, participantIds: [], board: true });
    await expect.poll(() => page.locator('.board-row').count(), { timeout: 5_000 }).toBe(10);
    // ten pairs fit one 1080p page: nothing to turn
    expect(await page.locator('[data-board-page]').count()).toBe(1);
    expect(await page.getByText(/^Page \d of/).count()).toBe(0);
    // the clock ticks in the event's timezone
    const clock = page.locator('[data-board-clock]');
    expect(await clock.innerText()).toMatch(/^\d{1,2}:\d{2} (AM|PM)$/);

    await screenshot(page, 'board');
    expect(await accessibilityViolations(page)).toEqual([]);

    // the server restarts (same file, same port); meanwhile the board says so, on screen
    const notice = page.getByText('Reconnecting…');
    expect(await notice.isVisible()).toBe(false);
    await server.close();
    await expect.poll(() => notice.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await insideViewport(page, notice)).toBe(true);
    await screenshot(page, 'board-reconnecting');
    // it reconnects by itself, and hears the next change
    server = await listen(db, port);
    await expect.poll(() => server.app.live.size(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => notice.isVisible(), { timeout: 10_000 }).toBe(false);
    pairUp(event, spotA!.id, 'Zelda Fitzroy', 'Yusuf Kemal', next);
    server.app.live.publish({ eventId: event.id, participantIds: [], board: true });
    await expect.poll(() => page.locator('#board').textContent(), { timeout: 5_000 }).toContain('Zelda F.');
    await context.close();
  });
});
