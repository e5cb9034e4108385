import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { participants } from '../../db/schema.ts';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { launchChromium, screenshot, startServer } from './browser.ts';

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
    await kiosk.goto(`${server.baseUrl}/e/${event.slug}/desk`);
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
