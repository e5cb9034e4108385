// The safety button in real browsers: an organizer sets the code of conduct and contact; a
// first-timer on a 360 px phone ends the pairing; the volunteer's phone, the board and the
// organizer's dashboard follow live, without a reload; the organizer acknowledges the alert.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { accessibilityViolations, horizontalOverflow, journeyFixture, phone, screenshot } from './browser.ts';

// the server's clock stands on the event's first day, as on the day itself
const serverNow = new Date('2026-10-14T14:00:00Z');
const journey = journeyFixture({ now: () => serverNow });
const password = 'correct horse battery';
const note = 'He kept asking which hotel I am in.';

/** Marks the page, so a later check can tell that it was never reloaded. */
const mark = (page: Page) => page.evaluate('window.__notReloaded = true');
const stillTheSamePage = (page: Page) => page.evaluate<boolean>('window.__notReloaded === true');

/** Notes in the page (window.__seenAt) the moment its text first matches `pattern`, or with `absent`, stops matching it. */
const watchFor = (page: Page, pattern: string, absent = false) =>
  page.evaluate(`(() => {
    const met = () => new RegExp(${JSON.stringify(pattern)}).test(document.body.innerText) !== ${absent};
    new MutationObserver(() => {
      if (window.__seenAt === undefined && met()) window.__seenAt = Date.now();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
const seenAt = (page: Page) => page.evaluate<number | undefined>('window.__seenAt');

describe('the safety button', () => {
  it('ends the pairing quietly: the other phone and the board follow live, and the dashboard alerts until acknowledged', { timeout: 120_000 }, async () => {
    const { db, baseUrl } = journey.server;
    const { event } = makeEvent(db);
    const rosa = makeParticipant(db, event, { name: 'Rosa Diaz', present: true, now: serverNow });
    const marcus = makeParticipant(db, event, { role: 'volunteer', name: 'Marcus Webb', capacity: 1, present: true, now: serverNow });
    const chair = upsertOrganizer(db, { email: 'chair-safety@example.org', password, name: 'Dana Whitfield' }, serverNow);
    const pinned = pinPair(db, event, { firstTimerId: rosa.id, volunteerId: marcus.id, organizerId: chair.id, now: serverNow });
    if (!pinned.ok) throw new Error(pinned.reason);

    // the organizer sets the code of conduct and contact on the event details page
    const dashboard = await (await journey.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await dashboard.goto(`${baseUrl}/admin/login?next=/admin/e/${event.slug}/edit`);
    await dashboard.getByLabel('E-mail').fill('chair-safety@example.org');
    await dashboard.getByLabel('Password').fill(password);
    await dashboard.getByRole('button', { name: /sign in/i }).click();
    await dashboard.waitForURL(/\/edit$/);
    await dashboard.getByLabel('Code of conduct (web address)').fill('https://example.org/conduct');
    await dashboard.getByLabel('Who to reach').fill('Ask for Maria at the registration desk');
    await dashboard.getByLabel('Safety phone').fill('+1 502 555 0199');
    await dashboard.getByRole('button', { name: 'Save code of conduct and contact' }).click();
    await dashboard.waitForURL(/\/edit#safety$/);
    expect(await dashboard.getByText('Saved the code of conduct, safety contact, safety phone.').isVisible()).toBe(true);
    await dashboard.goto(`${baseUrl}/admin/e/${event.slug}`);

    const board = await (await journey.browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await board.goto(`${baseUrl}/e/${event.slug}/board`);
    await expect.poll(() => board.locator('body').innerText(), { timeout: 10_000 }).toContain('Rosa D.');

    const rosaPhone = await (await journey.browser.newContext(phone)).newPage();
    const marcusPhone = await (await journey.browser.newContext(phone)).newPage();
    await rosaPhone.goto(`${baseUrl}/e/${event.slug}/me/${rosa.token}`);
    await marcusPhone.goto(`${baseUrl}/e/${event.slug}/me/${marcus.token}`);
    expect(await marcusPhone.getByRole('heading', { name: /Rosa D\./ }).count()).toBe(1);
    // the pages listen to their event streams before anything happens
    for (const page of [dashboard, board, marcusPhone]) {
      await page.waitForLoadState('networkidle').catch(() => {});
      await mark(page);
    }
    await watchFor(marcusPhone, 'Your meetup with Rosa D\\. is off');
    await watchFor(board, 'Rosa D\\.', true);
    await watchFor(dashboard, 'Safety: Rosa Diaz ended their pairing');

    // Rosa: the quiet link on her buddy card, then the page that says what happens
    await rosaPhone.getByRole('link', { name: "I don't feel comfortable with this pairing" }).scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(rosaPhone)).toBeLessThanOrEqual(0);
    await screenshot(rosaPhone, 'safety-phone-button');
    await rosaPhone.getByRole('link', { name: "I don't feel comfortable with this pairing" }).click();
    await rosaPhone.waitForURL(/\/safety\/\d+$/);
    expect(await rosaPhone.getByRole('link', { name: 'Our code of conduct' }).getAttribute('href')).toBe('https://example.org/conduct');
    expect(await rosaPhone.getByText('Ask for Maria at the registration desk').isVisible()).toBe(true);
    await rosaPhone.getByLabel(/A note for the organizers/).fill(note);
    expect(await horizontalOverflow(rosaPhone)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(rosaPhone)).toEqual([]);
    await screenshot(rosaPhone, 'safety-phone-confirm');

    const pressedAt = Date.now();
    await rosaPhone.getByRole('button', { name: 'End this pairing' }).click();
    await rosaPhone.waitForURL(/\?notice=safety$/);
    expect(await rosaPhone.getByText("We've ended that pairing.", { exact: false }).isVisible()).toBe(true);
    expect(await rosaPhone.getByRole('heading', { name: /Your buddy/ }).count()).toBe(0);
    await screenshot(rosaPhone, 'safety-phone-after');

    // Marcus's phone: only that the meetup is off, without a reload
    const off = marcusPhone.getByText('Your meetup with Rosa D. is off.');
    await expect.poll(() => off.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await stillTheSamePage(marcusPhone)).toBe(true);
    const marcusText = await marcusPhone.locator('main').innerText();
    expect(marcusText).not.toContain(note);
    expect(marcusText).not.toMatch(/comfortable|safety|reported/i);
    expect(await horizontalOverflow(marcusPhone)).toBeLessThanOrEqual(0);
    await screenshot(marcusPhone, 'safety-phone-other-person');

    // the board drops the pair, without a reload
    await expect.poll(() => board.locator('body').innerText(), { timeout: 10_000 }).not.toContain('Rosa D.');
    expect(await stillTheSamePage(board)).toBe(true);
    await screenshot(board, 'safety-board-after');

    // the dashboard shows the alert at the top, without a reload
    const alert = dashboard.getByRole('region', { name: 'Safety: Rosa Diaz ended their pairing' });
    await expect.poll(() => alert.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await stillTheSamePage(dashboard)).toBe(true);
    expect(await alert.innerText()).toContain(note);
    await screenshot(dashboard, 'safety-dashboard-alert');
    expect(await accessibilityViolations(dashboard)).toEqual([]);
    const after = async (page: Page) => ((await seenAt(page)) ?? Number.NaN) - pressedAt;
    // a figure for the report, not an assertion: the click's round trip is included
    console.log(`safety button pressed → other phone ${await after(marcusPhone)} ms, board ${await after(board)} ms, dashboard ${await after(dashboard)} ms`);

    // acknowledged, it is gone
    await alert.getByRole('button', { name: /Acknowledge/ }).click();
    await dashboard.waitForURL(new RegExp(`/admin/e/${event.slug}$`));
    expect(await dashboard.getByText('Acknowledged the safety alert.', { exact: false }).isVisible()).toBe(true);
    expect(await dashboard.getByText('Safety: Rosa Diaz ended their pairing').count()).toBe(0);
  });
});
