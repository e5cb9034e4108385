// Before the conference, on a 360 px phone: a first-timer opens the volunteer directory from their
// personal page, filters it, asks for a buddy and takes the request back — with JavaScript (the
// filters swap the list in place) and without it (plain GET form and POST → 303).
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { buddyRequests } from '../../db/schema.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { accessibilityViolations, horizontalOverflow, journeyFixture, phone, screenshot } from './browser.ts';

const journey = journeyFixture();

function eventWithVolunteers() {
  const db = journey.server.db;
  const { event, catalog } = makeEvent(db);
  const [cataloging, youth, tech] = catalog.interests.map((i) => i.id) as [number, number, number];
  const ana = makeParticipant(db, event, { name: 'Ana Alvarez', interests: [youth] });
  const volunteer = (name: string, extra: Parameters<typeof makeParticipant>[2]) =>
    makeParticipant(db, event, { role: 'volunteer', name, listed: true, capacity: 2, ...extra });
  const vera = volunteer('Vera Volkonskaya', {
    pronouns: 'she/her',
    email: 'vera@example.org',
    bio: 'Children’s librarian at a branch library; sixth conference, happy to walk you to the teen services track.',
    libraryType: 'Public',
    region: 'Eastern',
    languages: ['English', 'Spanish'],
    interests: [youth, tech],
  });
  volunteer('Walt Whitfield', {
    pronouns: 'he/him',
    bio: 'Metadata librarian. Ask me about linked data and where the good coffee is.',
    libraryType: 'Academic',
    region: 'Western',
    languages: ['English'],
    interests: [cataloging, tech],
  });
  volunteer('Maximiliana Oyelaran-Featherstonehaugh', {
    bio: 'Special collections. First time I came I knew nobody; now I know everyone.',
    libraryType: 'Archives & museums',
    region: 'Central',
    languages: ['English', 'ASL'],
    interests: [cataloging],
  });
  makeParticipant(db, event, { role: 'volunteer', name: 'Hilda Hidden', listed: false });
  return { event, ana, vera, interests: { cataloging, youth, tech } };
}

describe('the volunteer directory on a phone', () => {
  it('is reached from the personal page, filters, asks and takes back, at 360 px and axe clean', { timeout: 90_000 }, async () => {
    const { event, ana, vera } = eventWithVolunteers();
    const context = await journey.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${journey.server.baseUrl}/e/${event.slug}/me/${ana.token}`);
    await page.getByRole('link', { name: 'Meet the volunteers and ask for a buddy' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Meet the volunteers');
    const cards = page.locator('.volunteer-card');
    expect(await cards.count()).toBe(3);
    // the one who shares Ana's interest comes first
    expect(await cards.first().innerText()).toContain('Vera V.');
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('Volkonskaya');
    expect(text).not.toContain('vera@example.org');
    expect(text).not.toContain('Hilda');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'phone-volunteer-directory');

    // with JavaScript, choosing a filter swaps the list in place and keeps the address shareable
    await page.getByLabel('Library type').selectOption('Academic');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().innerText()).toContain('Walt W.');
    expect(page.url()).toContain('libraryType=Academic');
    await page.getByLabel('Library type').selectOption('');
    await expect.poll(() => cards.count()).toBe(3);

    await page.getByRole('button', { name: 'Ask for this buddy: Vera V.' }).click();
    await expect.poll(() => page.locator('#my-requests').innerText()).toContain('You asked for Vera V. (1 of 3)');
    expect(journey.server.db.select().from(buddyRequests).where(eq(buddyRequests.firstTimerId, ana.id)).all()).toMatchObject([
      { volunteerId: vera.id },
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'phone-volunteer-directory-asked');

    // the personal page says whom Ana asked for, and that it is a wish
    await page.getByRole('link', { name: '← My page' }).click();
    await expect.poll(() => page.locator('#buddy-requests').innerText()).toContain('You asked for Vera V.');
    expect(await page.locator('#buddy-requests').innerText()).toContain('a wish, not a booking');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'See the volunteers' }).click();

    await page.getByRole('button', { name: 'Take back my request: Vera V.' }).click();
    await expect.poll(() => page.locator('#my-requests').innerText()).toContain('not asked for anyone yet');
    expect(journey.server.db.select().from(buddyRequests).where(eq(buddyRequests.firstTimerId, ana.id)).all()).toEqual([]);
    await context.close();
  });

  it('filters and asks without JavaScript', { timeout: 60_000 }, async () => {
    const { event, ana } = eventWithVolunteers();
    const context = await journey.browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${journey.server.baseUrl}/e/${event.slug}/me/${ana.token}/volunteers`);
    await page.getByLabel('Region').selectOption('Central');
    await page.getByRole('button', { name: 'Show volunteers' }).click();
    await expect.poll(() => page.locator('.volunteer-card').count()).toBe(1);
    expect(page.url()).toContain('region=Central');
    await page.getByRole('button', { name: /^Ask for this buddy: Maximiliana O\.$/ }).click();
    await expect.poll(() => page.locator('#my-requests').innerText()).toContain('You asked for Maximiliana O.');
    // the filter survives the round trip
    expect(page.url()).toContain('region=Central');
    expect(await page.locator('.volunteer-card').count()).toBe(1);
    await context.close();
  });
});
