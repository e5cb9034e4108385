// The organizer's dashboard in a real browser: bounded in height at conference scale, counts that
// follow a check-in from the list, and notices that replace each other.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { and, eq, inArray } from 'drizzle-orm';
import { pairs } from '../../db/schema.ts';
import { addDemoPeople, createDemoEvent } from '../../src/domain/demo.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { requestDifferentBuddy } from '../../src/domain/buddy-actions.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { setAttendanceByOrganizer, type Participant } from '../../src/domain/participants.ts';
import { proposeRound, publishRound } from '../../src/domain/rounds.ts';
import { reportUncomfortablePairing } from '../../src/domain/safety.ts';
import { makeParticipant } from '../helpers/factories.ts';
import { journeyFixture, screenshot } from './browser.ts';

const journey = journeyFixture();

const password = 'correct horse battery';

async function signedInDashboard(slug: string, viewport: { width: number; height: number }): Promise<Page> {
  const email = `chair-${slug}@example.org`;
  upsertOrganizer(journey.server.db, { email, password, name: 'Dana Whitfield' }, new Date());
  const page = await journey.browser.newPage({ viewport });
  await page.goto(`${journey.server.baseUrl}/admin/login?next=/admin/e/${slug}`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(new RegExp(`/admin/e/${slug}$`));
  return page;
}

const count = (page: Page, key: string) => page.locator(`#live-counts [data-count="${key}"] .n`).innerText().then(Number);

describe('the dashboard with 300 people', () => {
  it('stays within three screens, with what needs attention on it and the rest a click away', { timeout: 120_000 }, async () => {
    const now = new Date();
    const event = createDemoEvent(journey.server.db, now, 'big');
    addDemoPeople(journey.server.db, event, 300, now, 7);
    const desk = upsertOrganizer(journey.server.db, { email: 'desk@example.org', password, name: 'Desk Lead' }, now);
    const round = proposeRound(journey.server.db, event, { organizerId: desk.id, trigger: 'organizer', now });
    if (!round.ok) throw new Error(round.reason);
    const published = publishRound(journey.server.db, event, { roundId: round.round.id, organizerId: desk.id, now });
    if (!published.ok) throw new Error(published.reason);
    expect(published.published).toBeGreaterThan(100);
    // a day's worth of organizer actions, and three first-timers who asked for someone else
    const live = journey.server.db.select().from(pairs).where(and(eq(pairs.eventId, event.id), inArray(pairs.status, ['published']))).all();
    for (const p of live.slice(0, 3)) {
      requestDifferentBuddy(journey.server.db, event, { id: p.firstTimerId } as Participant, p.id, now);
    }
    // and someone who pressed the safety button, with a note: the alert stands on top until acknowledged
    const uneasy = live[3]!;
    const reported = reportUncomfortablePairing(journey.server.db, event, { id: uneasy.firstTimerId } as Participant, uneasy.id, {
      note: 'He kept asking which hotel I am staying at, and I would rather not meet him alone. '.repeat(3),
      rematch: true,
      now,
    });
    expect(reported.ok).toBe(true);
    for (let id = live[0]!.firstTimerId; id < live[0]!.firstTimerId + 30; id++) {
      setAttendanceByOrganizer(journey.server.db, { eventId: event.id, participantId: id, present: true, organizerId: desk.id, now });
    }

    const viewport = { width: 1280, height: 800 };
    const page = await signedInDashboard(event.slug, viewport);
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    await screenshot(page, 'admin-dashboard-300-people');
    // the pre-event round's button, the retention line and the safety alert are all on it
    expect(await page.getByRole('button', { name: /pre-event round/i }).count()).toBe(1);
    expect(await page.locator('#retention-line').count()).toBe(1);
    const alert = page.getByRole('region', { name: /^Safety: .* ended their pairing$/ });
    expect(await alert.count()).toBe(1);
    // a long note opens from its first line
    await alert.getByText('Their note').click();
    expect(await alert.locator('blockquote').innerText()).toContain('I would rather not meet him alone. He kept asking');
    expect(height).toBeLessThan(3 * viewport.height);
    // and on a laptop the pairs table fits its width: no action is cut off behind a scrollbar
    expect(await page.locator('#live-pairs .table-wrap').evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

    // what needs the organizer is on the page; the pairs on track are one click away
    expect(await page.locator('#live-pairs').getByText('Asked for a different buddy').count()).toBe(3);
    await page.getByRole('link', { name: `Show all ${live.length} pairs` }).click();
    await page.waitForURL(/\?pairs=all/);
    expect(await page.locator('#live-pairs tbody tr').count()).toBe(live.length);

    // people: a page at a time, and search finds anyone
    await page.goto(`${journey.server.baseUrl}/admin/e/${event.slug}`);
    await expect.poll(() => page.locator('#participant-list').innerText()).toContain('1–10 of 300 people');
    await page.getByRole('link', { name: 'Next →' }).click();
    await expect.poll(() => page.locator('#participant-list').innerText()).toContain('11–20 of 300 people');
    await page.close();
  });
});

describe('the dashboard as the desk works', () => {
  it('updates the counts after a check-in from the list, and a new notice replaces the old one', { timeout: 60_000 }, async () => {
    const now = new Date();
    const event = createDemoEvent(journey.server.db, now, 'notices');
    const desk = upsertOrganizer(journey.server.db, { email: 'lead@example.org', password, name: 'Desk Lead' }, now);
    const rosa = makeParticipant(journey.server.db, event, { name: 'Rosa Diaz', present: true, now });
    makeParticipant(journey.server.db, event, { name: 'Lena Park', present: true, now });
    makeParticipant(journey.server.db, event, { name: 'Omar Haddad', now });
    const marcus = makeParticipant(journey.server.db, event, { role: 'volunteer', name: 'Marcus Webb', capacity: 1, present: true, now });
    expect(pinPair(journey.server.db, event, { firstTimerId: rosa.id, volunteerId: marcus.id, organizerId: desk.id, now }).ok).toBe(true);

    const page = await signedInDashboard(event.slug, { width: 1280, height: 900 });
    expect(await count(page, 'firstTimersHere')).toBe(2);
    await page.getByRole('button', { name: 'Check in Omar Haddad' }).click();
    await expect.poll(() => count(page, 'firstTimersHere')).toBe(3);
    await page.getByRole('button', { name: 'Check out Omar Haddad' }).click();
    await expect.poll(() => count(page, 'firstTimersHere')).toBe(2);

    // a move that works, then a pair by hand that is refused: only the refusal is left on screen
    await page.getByLabel('Meetup spot for Rosa Diaz and Marcus Webb').selectOption({ label: 'Spot B' });
    await page.getByRole('button', { name: 'Move to spot (Rosa Diaz and Marcus Webb)' }).click();
    const moved = page.locator('#pairs-message');
    await expect.poll(() => moved.innerText()).toContain('now meet at Spot B');
    await page.getByLabel('First-timer', { exact: true }).selectOption({ label: 'Lena Park' });
    await page.getByLabel('Volunteer', { exact: true }).selectOption({ label: 'Marcus Webb' });
    await page.getByRole('button', { name: 'Pair them' }).click();
    await expect.poll(() => page.locator('#pair-by-hand-message').innerText()).toContain('That volunteer has no room left');
    expect(await page.getByText('now meet at Spot B').count()).toBe(0);
    await screenshot(page, 'admin-refusal-replaces-notice');
    await page.close();
  });
});
