import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { participants } from '../../db/schema.ts';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { makeParticipant } from '../helpers/factories.ts';
import { migrateDb, openDb } from '../../src/db.ts';
import { accessibilityViolations, freePort, launchChromium, listen, phone, screenshot, startServer, venueUrl } from './browser.ts';
import { createEnrolmentInBrowser, enrolKiosk, openKiosksPage } from './enrol-kiosk.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the desk kiosk', () => {
  it('registers someone on the kiosk itself, shows their code, and counts down back to the QR', { timeout: 60_000 }, async () => {
    const event = createDemoEvent(server.db, new Date(), 'kiosk');
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const kiosk = await context.newPage();
    await enrolKiosk(browser, server.baseUrl, server.db, event.slug, kiosk);
    await kiosk.getByRole('link', { name: 'Register on this screen' }).click();
    await kiosk.waitForURL(/\/join\?kiosk=1/);

    // the idle countdown runs and is visible
    const seconds = kiosk.locator('[data-kiosk-seconds]');
    await expect.poll(async () => Number(await seconds.innerText()), { timeout: 5000 }).toBeLessThan(60);
    await kiosk.getByLabel('New here — this is my first time').check();
    await kiosk.getByLabel('Your name').fill('Maya Okafor');
    expect(Number(await seconds.innerText())).toBe(60);
    await screenshot(kiosk, 'kiosk-join');
    await kiosk.getByRole('button', { name: 'Register' }).click();
    await kiosk.waitForURL(/\/desk\/welcome\//);
    expect(await kiosk.getByRole('heading', { name: 'Welcome, Maya!' }).count()).toBe(1);
    expect(await kiosk.getByRole('img', { name: 'QR code of your personal page' }).count()).toBe(1);
    const saved = server.db.select().from(participants).where(eq(participants.name, 'Maya Okafor')).get()!;
    expect(saved.status).toBe('present');
    expect(await kiosk.getByText(saved.deskCode).count()).toBeGreaterThan(0);
    await screenshot(kiosk, 'kiosk-welcome');
    await kiosk.getByRole('link', { name: 'Done' }).click();
    await kiosk.waitForURL(new RegExp(`/e/${event.slug}/desk$`));
    await context.close();
  });
});

describe('enrolling the desk kiosk', () => {
  it('an unenrolled screen explains itself; an organizer enrols it with a typed one-time code; revoking it makes it fall back by itself', { timeout: 90_000 }, async () => {
    const event = createDemoEvent(server.db, new Date(), 'enrol');
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const tablet = await context.newPage();
    await tablet.goto(`${server.baseUrl}/e/${event.slug}/desk`);
    expect(await tablet.getByRole('heading', { name: 'This screen is not a registration kiosk' }).count()).toBe(1);
    expect(await tablet.getByText('Ask an organizer to enrol it').count()).toBe(1);
    expect(await tablet.getByRole('link', { name: `${server.baseUrl}/e/${event.slug}/join` }).count()).toBe(1);
    expect(await tablet.getByRole('link', { name: 'Register on this screen' }).count()).toBe(0);
    // the QR it shows is the plain join link: a phone that scans it is not checked in
    const scanned = await scanScreen(tablet);
    expect(scanned).toBe(`${server.baseUrl}/e/${event.slug}/join`);
    expect(await tablet.evaluate<number>('document.documentElement.scrollWidth - innerWidth')).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(tablet)).toEqual([]);
    await screenshot(tablet, 'desk-not-enrolled');

    const admin = await openKiosksPage(browser, server.baseUrl, server.db, event.slug);
    const { code } = await createEnrolmentInBrowser(admin, 'Hall A tablet');
    expect(await admin.getByText(`${code.slice(0, 5)}-${code.slice(5)}`, { exact: false }).count()).toBe(1);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'kiosks-admin');

    // a wrong code first: refused next to the field
    await tablet.getByLabel('Enrolment code').fill('WRONG-CODE1');
    await tablet.getByRole('button', { name: 'Enrol this screen as a kiosk' }).click();
    expect(await tablet.getByText('That code is not valid for this conference').count()).toBe(1);
    await screenshot(tablet, 'desk-enrol-refused');
    await tablet.getByLabel('Enrolment code').fill(`${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`);
    await tablet.getByRole('button', { name: 'Enrol this screen as a kiosk' }).click();
    await tablet.waitForURL(new RegExp(`/e/${event.slug}/desk$`));
    expect(await tablet.getByRole('img', { name: 'QR code to register for a buddy' }).count()).toBe(1);
    expect(await scanScreen(tablet)).toMatch(/\/join\?k=/);
    // the tablet remembers: a reload is still the kiosk
    await tablet.reload();
    expect(await tablet.getByRole('link', { name: 'Register on this screen' }).count()).toBe(1);

    await admin.reload();
    expect(await admin.getByRole('cell', { name: 'enrolled', exact: true }).count()).toBe(1);
    await admin.getByRole('button', { name: 'Revoke Hall A tablet' }).click();
    await admin.waitForURL(/\/kiosks$/);
    expect(await admin.getByText('Revoked “Hall A tablet”').count()).toBe(1);
    // the desk's next QR refresh (every 20 s) finds it revoked and the page falls back
    await expect
      .poll(() => tablet.getByRole('heading', { name: 'This screen is not a registration kiosk' }).count(), { timeout: 40_000 })
      .toBe(1);
    expect(await tablet.getByText('An organizer revoked this kiosk.').count()).toBe(1);

    // a burst of registrations in one minute: selected together, confirmed, withdrawn
    for (let i = 0; i < 3; i++) makeParticipant(server.db, event, { name: `Scripted Fake${i}`, present: true, now: new Date() });
    await admin.getByRole('link', { name: 'Recent registrations by minute' }).click();
    await admin.waitForURL(/\/registrations$/);
    await admin.getByRole('link', { name: /^Select this burst/ }).first().click();
    await admin.waitForURL(/select=/);
    expect(await admin.getByRole('checkbox', { name: /Scripted Fake0/ }).isChecked()).toBe(true);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'registrations-burst');
    await admin.getByRole('button', { name: 'Withdraw the selected registrations…' }).click();
    await admin.getByRole('button', { name: /^Yes, withdraw \d+$/ }).click();
    await admin.waitForURL(/\/registrations$/);
    expect(await admin.getByText(/^Withdrew \d+ registrations?\.$/).count()).toBe(1);
    expect(server.db.select().from(participants).where(eq(participants.name, 'Scripted Fake0')).get()!.status).toBe('withdrawn');
    await admin.context().close();
    await context.close();
  });
});

/** What a phone camera would read off the screen: the QR decoded from a screenshot of the viewport. */
async function scanScreen(page: Page): Promise<string | undefined> {
  const png = PNG.sync.read(await page.screenshot());
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  return jsQR(pixels, png.width, png.height)?.data;
}

async function wholeOnScreen(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox({ timeout: 5_000 });
  const view = page.viewportSize()!;
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height;
}

describe('the desk screen', () => {
  const screens = [
    { name: 'monitor', width: 1280, height: 800 },
    { name: 'tablet-landscape', width: 1024, height: 768 },
    { name: 'tablet-portrait', width: 768, height: 1024 },
  ];
  for (const screen of screens) {
    it(`fits a ${screen.width}×${screen.height} screen without scrolling, and its QR scans to the join link with a fresh token`, { timeout: 60_000 }, async () => {
      const event = createDemoEvent(server.db, new Date(), `desk-${screen.name}`);
      const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height }, hasTouch: true });
      const desk = await context.newPage();
      await enrolKiosk(browser, server.baseUrl, server.db, event.slug, desk);

      const parts = [
        desk.getByRole('img', { name: 'QR code to register for a buddy' }),
        desk.getByText(`or open ${server.baseUrl}/e/${event.slug}/join`, { exact: true }),
        desk.getByRole('link', { name: 'Register on this screen' }),
        desk.getByRole('link', { name: 'Check in with my desk code' }),
      ];
      for (const part of parts) expect(await wholeOnScreen(desk, part)).toBe(true);
      expect(await desk.evaluate<number>('document.documentElement.scrollHeight - innerHeight')).toBeLessThanOrEqual(0);
      await screenshot(desk, `desk-${screen.width}x${screen.height}`);

      const scanned = await scanScreen(desk);
      expect(scanned).toBe(await desk.locator('#desk-qr').getAttribute('data-join-url'));
      expect(scanned).toMatch(new RegExp(`^${server.baseUrl}/e/${event.slug}/join\\?k=[0-9a-z]+\\.[0-9a-z]+\\.[A-Za-z0-9_-]{22}$`));
      // a phone that opens it is at the desk: the token is the real, current one
      const phoneContext = await browser.newContext(phone);
      const phonePage = await phoneContext.newPage();
      await phonePage.goto(scanned!);
      expect(await phonePage.getByText("You're at the desk: registering also checks you in.").count()).toBe(1);
      await phoneContext.close();
      await context.close();
    });
  }

  it('says so when it cannot reach the server, and comes back with a fresh QR by itself', { timeout: 90_000 }, async () => {
    // a server of its own, to stop and start again on the same port and file
    const db = openDb(join(mkdtempSync(join(tmpdir(), 'buddydesk-desk-')), 'desk.sqlite'));
    migrateDb(db);
    const port = await freePort();
    let own = await listen(db, port);
    const event = createDemoEvent(db, new Date(), 'desk-offline');
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const desk = await context.newPage();
    try {
      await enrolKiosk(browser, venueUrl(port), db, event.slug, desk);
      const notice = desk.getByText("Can't reach the server — this QR code may be out of date");
      expect(await notice.isVisible()).toBe(false);
      // marks this copy of the QR, so the test can tell a fresh one from it
      await desk.locator('#desk-qr').evaluate((el) => el.setAttribute('data-seen-before', ''));

      await own.close();
      // the next refresh (every 20 s) fails
      await expect.poll(() => notice.isVisible(), { timeout: 40_000 }).toBe(true);
      expect(await wholeOnScreen(desk, notice)).toBe(true);
      await screenshot(desk, 'desk-offline');
      // tapping a button now would strand the kiosk on the browser's error page
      await desk.getByRole('link', { name: 'Register on this screen' }).click();
      expect(desk.url()).toMatch(/\/desk$/);

      own = await listen(db, port);
      await expect.poll(() => notice.isVisible(), { timeout: 30_000 }).toBe(false);
      expect(await desk.locator('#desk-qr[data-seen-before]').count()).toBe(0);
      const scanned = await scanScreen(desk);
      expect(scanned).toBe(await desk.locator('#desk-qr').getAttribute('data-join-url'));
      expect(scanned).toContain(`${venueUrl(port)}/e/${event.slug}/join?k=`);
    } finally {
      await context.close();
      await own.close();
      db.$client.close();
    }
  });
});
