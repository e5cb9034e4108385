// A first-timer on a 360 px phone takes their data with them and then deletes themselves: the
// "Your data" page, the JSON download, the confirmation step (screenshot), and the link gone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeEvent, makeParticipant, reloadParticipant } from '../helpers/factories.ts';
import { accessibilityViolations, horizontalOverflow, journeyFixture, phone, screenshot } from './browser.ts';

const journey = journeyFixture({ now: () => new Date('2026-10-14T14:00:00Z') });

describe('my data on a phone', () => {
  it('downloads the data, then deletes the person after the confirmation', { timeout: 60_000 }, async () => {
    const { db } = journey.server;
    const { event } = makeEvent(db);
    const ana = makeParticipant(db, event, { name: 'Ana Alvarez', email: 'ana@example.org', present: true });
    const context = await journey.browser.newContext({ ...phone, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${journey.server.baseUrl}/e/${event.slug}/me/${ana.token}`);

    await page.getByRole('link', { name: 'Your data' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your data', level: 1 }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^my-data-.*\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.profile).toMatchObject({ name: 'Ana Alvarez', email: 'ana@example.org', role: 'first-timer' });

    await page.getByRole('link', { name: 'Delete me…' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Delete me?' }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'phone-delete-me-confirmation');

    // without the tick nothing happens but a message by the box
    await page.getByRole('button', { name: 'Delete me' }).click();
    await expect.poll(() => page.locator('#delete-confirm-error').count()).toBe(1);
    expect(reloadParticipant(db, ana.id)!.name).toBe('Ana Alvarez');

    await page.getByLabel('Yes, erase my data. I understand this cannot be undone.').check();
    await page.getByRole('button', { name: 'Delete me' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your data is erased' }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-data-erased');
    expect(reloadParticipant(db, ana.id)).toMatchObject({ name: 'Erased participant', email: null });

    const gone = await page.goto(`${journey.server.baseUrl}/e/${event.slug}/me/${ana.token}`);
    expect(gone!.status()).toBe(404);
    await context.close();
  });
});
