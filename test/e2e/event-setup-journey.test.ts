// Setting up a conference in a real browser: an organizer creates the event, edits what people
// choose from and the matching weights with the preview, invites a second organizer who signs up
// through the link, and prints the desk poster, whose QR code (read off the print render) is the
// join link; the pairs sheet for the desk prints first names only.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findEventBySlug, loadEventCatalog } from '../../src/domain/events.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { makeParticipant } from '../helpers/factories.ts';
import { accessibilityViolations, horizontalOverflow, journeyFixture, screenshot } from './browser.ts';

const serverNow = new Date('2026-10-01T15:00:00Z');
const journey = journeyFixture({ now: () => serverNow });
const laptop: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

async function open(url: string, options: BrowserContextOptions = laptop): Promise<Page> {
  const context = await journey.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function looksRight(page: Page, name: string) {
  expect(await accessibilityViolations(page), name).toEqual([]);
  expect(await horizontalOverflow(page), name).toBe(0);
  await screenshot(page, name);
}

describe('setting up a conference', () => {
  it('goes from nothing to a configured event with a second organizer and a printed poster', { timeout: 240_000 }, async () => {
    const { server } = journey;
    const chair = upsertOrganizer(server.db, { email: 'chair@bluegrass.example', password: 'correct horse battery', name: 'Mara Okafor' }, serverNow);

    // sign in and create the event
    const admin = await open(`${server.baseUrl}/admin`);
    await admin.getByLabel('E-mail').fill('chair@bluegrass.example');
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: /sign in/i }).click();
    await admin.getByRole('link', { name: 'New event' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Bluegrass Library Association 2026');
    await admin.getByLabel('Short name for its addresses').fill('bla-2026');
    await admin.getByLabel('Venue (optional)').fill('Lexington Convention Center');
    await admin.getByLabel('Time zone').selectOption('America/New_York');
    await admin.getByLabel('First day').fill('2026-11-04');
    await admin.getByLabel('Last day').fill('2026-11-06');
    await looksRight(admin, 'setup-new-event');
    await admin.getByRole('button', { name: 'Create event' }).click();
    await admin.waitForURL(/\/admin\/e\/bla-2026$/);
    await admin.getByText('Created Bluegrass Library Association 2026.').waitFor();
    const event = findEventBySlug(server.db, 'bla-2026')!;

    // what people choose from
    await admin.getByRole('link', { name: 'What people choose from' }).click();
    await admin.getByLabel('Add an interest').fill('Makerspaces');
    await admin.locator('#interests').getByRole('button', { name: 'Add', exact: true }).click();
    await admin.getByText('Added “Makerspaces”.').waitFor();
    const academic = admin.locator('#library-types li', { has: admin.locator('input[value="Academic"]') });
    await academic.getByRole('textbox').fill('College & university');
    await academic.getByRole('button', { name: 'Rename Academic' }).click();
    await admin.getByText('Renamed to “College & university”').waitFor();
    await admin.getByRole('button', { name: 'Remove French' }).click();
    await admin.getByText('Removed “French”; nobody had chosen it.').waitFor();
    await admin.getByRole('button', { name: 'Up Central' }).click();
    await admin.getByText('Moved “Central” up.').waitFor();
    await looksRight(admin, 'setup-choices');
    const catalog = loadEventCatalog(server.db, event.id);
    expect(catalog.interests.at(-1)!.label).toBe('Makerspaces');
    expect(catalog.libraryTypes).toContain('College & university');
    expect(catalog.languages).not.toContain('French');
    expect(catalog.regions.indexOf('Central')).toBe(catalog.regions.indexOf('West') - 1);

    // the matching weights, previewed before saving
    await admin.goto(`${server.baseUrl}/admin/e/bla-2026`);
    await admin.getByRole('link', { name: 'Matching weights' }).click();
    await admin.getByLabel('Same region').fill('-1');
    await admin.getByLabel('Each interest both picked').fill('4');
    await admin.getByRole('button', { name: 'Preview' }).click();
    await admin.getByText('Not saved yet').waitFor();
    const firstRow = admin.locator('#weights-preview tbody tr').first();
    expect(await firstRow.locator('td').nth(3).innerText()).toBe('8');
    expect(await firstRow.locator('td').nth(4).innerText()).toBe('10');
    await looksRight(admin, 'setup-weights-preview');
    expect(findEventBySlug(server.db, 'bla-2026')!.settings.weights.region).toBe(1);
    await admin.getByRole('button', { name: 'Save weights' }).click();
    await admin.getByText('Saved the weights. The next round uses them.').waitFor();
    expect(findEventBySlug(server.db, 'bla-2026')!.settings.weights).toMatchObject({ interests: 4, region: -1 });

    // a second organizer, invited by a one-time link
    await admin.goto(`${server.baseUrl}/admin`);
    await admin.getByRole('link', { name: 'Organizers and invitations' }).click();
    await admin.getByLabel('Their e-mail (optional)').fill('bo@bluegrass.example');
    await admin.getByRole('button', { name: 'Create an invitation link' }).click();
    const link = await admin.getByLabel('Invitation link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/admin/invite/[A-Za-z0-9_-]{43}$`));
    await looksRight(admin, 'setup-organizers');

    const bo = await open(link);
    expect(await bo.getByLabel('E-mail').inputValue()).toBe('bo@bluegrass.example');
    await bo.getByLabel('Your name').fill('Bo Brandt');
    await bo.getByLabel('Password', { exact: true }).fill('another long password');
    await bo.getByLabel('Password again').fill('another long password');
    await looksRight(bo, 'setup-invite');
    await bo.getByRole('button', { name: 'Create my account' }).click();
    await bo.getByText('Welcome, Bo Brandt.').waitFor();
    expect(await bo.getByRole('link', { name: 'Bluegrass Library Association 2026' }).count()).toBe(1);
    await bo.goto(link);
    await bo.getByText('This invitation has already been used.').waitFor();
    await bo.context().close();

    // the event list with its dates and counts, the event's details with archive and delete
    await admin.goto(`${server.baseUrl}/admin`);
    await looksRight(admin, 'setup-event-list');
    await admin.goto(`${server.baseUrl}/admin/e/bla-2026/edit`);
    await admin.getByText('The conference is not over yet').waitFor();
    await looksRight(admin, 'setup-event-details');

    // the desk poster: one click to the print dialog, and its QR code is the join link, without a token
    await admin.goto(`${server.baseUrl}/admin/e/bla-2026`);
    await screenshot(admin, 'setup-dashboard');
    await admin.getByRole('link', { name: 'Desk poster' }).click();
    // the dialog itself is the browser's; counting calls shows the button opens it
    type Printing = { printed: number; print: () => void };
    await admin.evaluate(() => {
      const page = globalThis as unknown as Printing;
      page.printed = 0;
      page.print = () => {
        page.printed++;
      };
    });
    await admin.getByRole('button', { name: 'Print' }).click();
    expect(await admin.evaluate(() => (globalThis as unknown as Printing).printed)).toBe(1);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await admin.setViewportSize({ width: 816, height: 1056 }); // a US Letter page at 96 dpi
    await admin.emulateMedia({ media: 'print' });
    await screenshot(admin, 'setup-poster-print');
    expect(await admin.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    const png = PNG.sync.read(await admin.screenshot({ fullPage: true }));
    const scanned = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;
    expect(scanned).toBe(`${server.baseUrl}/e/bla-2026/join`);
    const pdf = await admin.pdf({ format: 'Letter' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);

    // the pairs sheet for the desk, once people are paired
    const ana = makeParticipant(server.db, event, { name: 'Ana Alvarez', present: true });
    const vera = makeParticipant(server.db, event, { role: 'volunteer', name: 'Vera Volkova', present: true });
    const pinned = pinPair(server.db, event, { firstTimerId: ana.id, volunteerId: vera.id, organizerId: chair.id, now: serverNow });
    expect(pinned.ok).toBe(true);
    await admin.emulateMedia({ media: 'screen' });
    await admin.setViewportSize(laptop.viewport!);
    await admin.goto(`${server.baseUrl}/admin/e/bla-2026/desk-sheet`);
    await admin.getByRole('cell', { name: 'Ana A.' }).waitFor();
    expect(await admin.getByText('Alvarez').count()).toBe(0);
    await looksRight(admin, 'setup-desk-sheet');
    await admin.context().close();
  });
});
