import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { accessibilityViolations, horizontalOverflow, launchChromium, phone, screenshot, startServer } from './browser.ts';
import { enrolKiosk } from './enrol-kiosk.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

async function phonePage(): Promise<Page> {
  const context = await browser.newContext(phone);
  contexts.push(context);
  return context.newPage();
}

async function registerFromDesk(page: Page, joinUrl: string, person: { name: string; volunteer?: boolean }) {
  await page.goto(joinUrl);
  if (person.volunteer) {
    await page.getByLabel('A returning volunteer buddy').check();
  } else {
    await page.getByLabel('New here — this is my first time').check();
  }
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Cataloging & metadata').check();
  if (person.volunteer) {
    await page.getByLabel('A line or two about you').fill('Cataloger at a university library, ninth conference.');
    await page.getByLabel('How many first-timers can you take?').selectOption('1');
  }
  await page.getByRole('button', { name: 'Register' }).click();
  await page.waitForURL(/\/me\//);
}

describe('event day in a real browser', () => {
  it('pairs two phones from the desk QR, shows the pair on the board live, and rematches a no-show', { timeout: 120_000 }, async () => {
    const event = createDemoEvent(server.db, new Date(), 'eventday');
    upsertOrganizer(server.db, { email: 'chair@example.org', password: 'correct horse battery' }, new Date());

    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // an organizer enrols the tablet as the desk kiosk: only then does it show the presence QR
    await enrolKiosk(browser, server.baseUrl, server.db, event.slug, desk);
    const joinUrl = (await desk.locator('#desk-qr').getAttribute('data-join-url'))!;

    const octavia = await phonePage();
    await registerFromDesk(octavia, joinUrl, { name: 'Octavia Reyes' });
    const bart = await phonePage();
    await registerFromDesk(bart, joinUrl, { name: 'Bartholomew Quinn', volunteer: true });

    const boardContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    contexts.push(boardContext);
    const board = await boardContext.newPage();
    await board.goto(`${server.baseUrl}/e/${event.slug}/board`);

    // the organizer runs a round and publishes it
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await admin.goto(`${server.baseUrl}/admin/e/${event.slug}`);
    await admin.getByLabel('E-mail').fill('chair@example.org');
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: /sign in/i }).click();
    await admin.waitForURL(new RegExp(`/admin/e/${event.slug}$`));
    await admin.getByRole('button', { name: 'Match now' }).click();
    await admin.waitForURL(/\/rounds\/\d+$/);
    expect(await admin.getByText('Octavia Reyes').count()).toBeGreaterThan(0);
    await screenshot(admin, 'admin-round-review');
    await admin.getByRole('button', { name: 'Publish' }).click();
    await admin.waitForURL(new RegExp(`/admin/e/${event.slug}(\\?.*)?$`));

    // the board and the first-timer's phone change without a reload
    await expect.poll(() => board.locator('body').innerText(), { timeout: 10_000 }).toMatch(/Octavia R\.[\s\S]*Bartholomew Q\./);
    expect(await board.locator('body').innerText()).not.toMatch(/Reyes|Quinn|@/);
    await screenshot(board, 'board-live');
    expect(await accessibilityViolations(board)).toEqual([]);
    await expect.poll(() => octavia.locator('#me-status').innerText(), { timeout: 10_000 }).toContain('Your buddy: Bartholomew Q.');
    expect(await horizontalOverflow(octavia)).toBeLessThanOrEqual(0);
    await screenshot(octavia, 'phone-with-buddy');
    expect(await accessibilityViolations(octavia)).toEqual([]);

    // a second volunteer checks in, and the organizer marks the first one as a no-show
    const priya = await phonePage();
    await registerFromDesk(priya, joinUrl, { name: 'Priya Patel', volunteer: true });
    await admin.reload();
    await admin.getByRole('button', { name: /Volunteer didn't come/ }).first().click();

    await expect.poll(() => octavia.locator('#me-status').innerText(), { timeout: 10_000 }).toContain('Your buddy: Priya P.');
    await expect.poll(() => board.locator('body').innerText(), { timeout: 10_000 }).toMatch(/Octavia R\.[\s\S]*Priya P\./);
    await screenshot(octavia, 'phone-after-rematch');
    await screenshot(board, 'board-after-rematch');
    await screenshot(admin, 'admin-after-no-show');
  });
});
