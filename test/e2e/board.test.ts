import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairs } from '../../db/schema.ts';

import { migrateDb, openDb, type Db } from '../../src/db.ts';
import type { Event } from '../../src/domain/events.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { accessibilityViolations, freePort, launchChromium, listen, screenshot, venueUrl } from './browser.ts';

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
  const firstTimer = makeParticipant(db, event, { name: ftName, email: `${ftName.split(' ')[0]!.toLowerCase()}@example.org`, present: true });
  const volunteer = makeParticipant(db, event, { role: 'volunteer', name: vName, present: true });
  db.insert(pairs)
    .values({ eventId: event.id, firstTimerId: firstTimer.id, volunteerId: volunteer.id, spotId, meetAt, createdAt: new Date() })
    .run();
}

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
    await expect.poll(() => page.locator('[data-board-page]').count(), { timeout: 5_000 }).toBe(2);
    // board.js shows one page at a time
    expect(await page.locator('[data-board-page]:visible').count()).toBe(1);
    expect(await page.getByText(/^Page \d of 2$/).filter({ visible: true }).count()).toBe(1);
    // the clock ticks in the event's timezone
    const clock = page.locator('[data-board-clock]');
    expect(await clock.innerText()).toMatch(/^\d{1,2}:\d{2} (AM|PM)$/);

    await screenshot(page, 'board');
    expect(await accessibilityViolations(page)).toEqual([]);

    // the server restarts (same file, same port); the board reconnects and hears the next change
    await server.close();
    server = await listen(db, port);
    await expect.poll(() => server.app.live.size(), { timeout: 20_000 }).toBe(1);
    pairUp(event, spotA!.id, 'Zelda Fitzroy', 'Yusuf Kemal', next);
    server.app.live.publish({ eventId: event.id, participantIds: [], board: true });
    await expect.poll(() => page.locator('#board').textContent(), { timeout: 5_000 }).toContain('Zelda F.');
    await context.close();
  });
});
