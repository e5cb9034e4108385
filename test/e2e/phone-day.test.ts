// Phones on the event day, in a real browser at 360 px: a volunteer with two meetups, "My buddy
// isn't here" arriving at the meet time by itself, and a personal page without JavaScript that
// does not claim to update itself.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { pairs } from '../../db/schema.ts';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { loadEventCatalog } from '../../src/domain/events.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { movePair, pinPair } from '../../src/domain/pairs.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { accessibilityViolations, horizontalOverflow, journeyFixture, phone, screenshot } from './browser.ts';

const MINUTE = 60_000;
// the server's clock, moved by the tests that need to (the others read it as it stands)
let serverNow = new Date();
const journey = journeyFixture({ now: () => serverNow });

async function phonePage(opts: { javaScriptEnabled?: boolean } = {}) {
  const context = await journey.browser.newContext({ ...phone, ...opts });
  return context.newPage();
}

function organizer() {
  return upsertOrganizer(journey.server.db, { email: `desk-${Math.random()}@example.org`, password: 'correct horse battery', name: 'Desk Lead' }, serverNow);
}

/** Ana, a first-timer, paired by hand with Vera on a fresh event, at the server's time. */
function anaPairedWithVera() {
  const { event } = makeEvent(journey.server.db);
  const ana = makeParticipant(journey.server.db, event, { name: 'Ana Alvarez', present: true });
  const vera = makeParticipant(journey.server.db, event, { role: 'volunteer', name: 'Vera Volk', present: true });
  const pinned = pinPair(journey.server.db, event, { firstTimerId: ana.id, volunteerId: vera.id, organizerId: organizer().id, now: serverNow });
  if (!pinned.ok) throw new Error(pinned.reason);
  return { event, ana, pairId: pinned.pairId };
}

describe('a volunteer with two meetups', () => {
  it('sees both, with who, when and where, on a 360 px phone', { timeout: 60_000 }, async () => {
    serverNow = new Date();
    const event = createDemoEvent(journey.server.db, serverNow, 'two-meetups');
    const desk = organizer();
    const vera = makeParticipant(journey.server.db, event, { role: 'volunteer', name: 'Vera Volk', capacity: 3, present: true, bio: 'Archivist, tenth conference.' });
    const [ana, cy, bo] = ['Ana Alvarez', 'Cy Cole', 'Bo Brandt'].map((name) => makeParticipant(journey.server.db, event, { name, present: true }));
    const pin = (firstTimerId: number, at: Date) => {
      const result = pinPair(journey.server.db, event, { firstTimerId, volunteerId: vera.id, organizerId: desk.id, now: at });
      if (!result.ok) throw new Error(result.reason);
      return result.pairId;
    };
    pin(ana!.id, serverNow);
    pin(cy!.id, serverNow);
    const first = journey.server.db.select().from(pairs).where(eq(pairs.firstTimerId, ana!.id)).get()!;
    // paired once Vera's first meetup has begun: the next slot, moved to another spot
    const laterPairId = pin(bo!.id, new Date(first.meetAt!.getTime() + MINUTE));
    const spotB = loadEventCatalog(journey.server.db, event.id).spots[1]!;
    expect(movePair(journey.server.db, event, { pairId: laterPairId, spotId: spotB.id, organizerId: desk.id, now: serverNow }).ok).toBe(true);

    const page = await phonePage();
    await page.goto(`${journey.server.baseUrl}/e/${event.slug}/me/${vera.token}`);
    const groups = page.locator('#me-status .meetup-group');
    await expect.poll(() => groups.count()).toBe(2);
    const [one, two] = [await groups.nth(0).innerText(), await groups.nth(1).innerText()];
    expect(one).toMatch(/Spot A/);
    expect(one).toMatch(/Ana A\.[\s\S]*Cy C\./);
    expect(two).toContain(spotB.name);
    expect(two).toContain('Bo B.');
    expect(one.match(/\d{1,2}:\d\d [AP]M/)![0]).not.toBe(two.match(/\d{1,2}:\d\d [AP]M/)![0]);
    expect(await page.getByRole('link', { name: 'Add these meetups to your calendar' }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'phone-volunteer-two-meetups');
  });
});

describe('"My buddy isn\'t here"', () => {
  it('appears at the meet time by itself, before the 30 s poll and without a live signal', { timeout: 60_000 }, async () => {
    serverNow = new Date('2026-10-14T14:00:00Z');
    const { event, ana, pairId } = anaPairedWithVera();
    const meetAt = journey.server.db.select().from(pairs).where(eq(pairs.id, pairId)).get()!.meetAt!;

    // twenty seconds before the meet time on the server; the phone's timers run only when the test
    // says (its clock is paused a little ahead, so a slow machine cannot catch up with it)
    serverNow = new Date(meetAt.getTime() - 20_000);
    const page = await phonePage();
    await page.clock.install({ time: serverNow });
    await page.clock.pauseAt(new Date(serverNow.getTime() + 60_000));
    await page.goto(`${journey.server.baseUrl}/e/${event.slug}/me/${ana.token}`);
    const missing = page.getByRole('button', { name: "My buddy isn't here" });
    expect(await page.getByRole('heading', { name: 'Your buddy: Vera V.' }).count()).toBe(1);
    expect(await missing.count()).toBe(0);

    // the meet time comes; nothing is published, and the phone's 30 s poll is still 9 s away
    serverNow = new Date(meetAt.getTime() + 1000);
    await page.clock.runFor(21_000);
    await expect.poll(() => missing.count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'phone-buddy-missing-at-meet-time');
  });
});

describe('the personal page without JavaScript', () => {
  it('asks for a reload instead of saying it updates by itself, and confirms "a different buddy" after the redirect', { timeout: 60_000 }, async () => {
    serverNow = new Date('2026-10-14T14:00:00Z');
    const { event } = makeEvent(journey.server.db);
    const waiting = makeParticipant(journey.server.db, event, { name: 'Wanda Wait', present: true });
    const noScript = await phonePage({ javaScriptEnabled: false });
    await noScript.goto(`${journey.server.baseUrl}/e/${event.slug}/me/${waiting.token}`);
    expect(await noScript.getByText("We're finding you a buddy.").isVisible()).toBe(true);
    expect(await noScript.getByText('This page updates by itself.').isVisible()).toBe(false);
    // (Playwright's text search skips <noscript>, so the element is asked directly)
    const reload = noScript.locator('#me-status noscript');
    expect(await reload.isVisible()).toBe(true);
    expect(await reload.innerText()).toContain("Reload this page to see what's new.");
    await screenshot(noScript, 'phone-without-javascript');

    const scripted = await phonePage();
    await scripted.goto(`${journey.server.baseUrl}/e/${event.slug}/me/${waiting.token}`);
    expect(await scripted.getByText('This page updates by itself.').isVisible()).toBe(true);
    expect(await scripted.locator('#me-status noscript').isVisible()).toBe(false);

    // "I'd like a different buddy" without JavaScript: a redirect, then the confirmation
    const paired = anaPairedWithVera();
    await noScript.goto(`${journey.server.baseUrl}/e/${paired.event.slug}/me/${paired.ana.token}`);
    await noScript.getByRole('button', { name: "I'd like a different buddy" }).click();
    await noScript.waitForURL(/\?notice=different$/);
    expect(await noScript.getByText('You asked for a different buddy.', { exact: false }).isVisible()).toBe(true);
    expect(await noScript.getByRole('button', { name: "I'd like a different buddy" }).count()).toBe(0);
  });

  it('confirms "a different buddy" in place with JavaScript', { timeout: 60_000 }, async () => {
    serverNow = new Date('2026-10-14T14:00:00Z');
    const { event, ana } = anaPairedWithVera();
    const page = await phonePage();
    await page.goto(`${journey.server.baseUrl}/e/${event.slug}/me/${ana.token}`);
    const url = page.url();
    await page.getByRole('button', { name: "I'd like a different buddy" }).click();
    await expect.poll(() => page.getByText('You asked for a different buddy.', { exact: false }).isVisible()).toBe(true);
    expect(page.url()).toBe(url);
    await screenshot(page, 'phone-different-buddy');
  });
});
