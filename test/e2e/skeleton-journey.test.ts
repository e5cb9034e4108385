import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { participantInterests, participants } from '../../db/schema.ts';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { makeParticipant } from '../helpers/factories.ts';
import { accessibilityViolations, horizontalOverflow, launchChromium, phone, screenshot, startServer } from './browser.ts';
import { enrolKiosk } from './enrol-kiosk.ts';

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

describe('walking skeleton in a real browser', () => {
  it('on a venue host name: a first-timer registers from the desk QR and edits her profile, volunteers check in by desk code and by scanning, the organizer signs in', { timeout: 90_000 }, async () => {
    const event = createDemoEvent(server.db, new Date(), 'journey');

    // the desk screen, as a tablet on the registration desk shows it
    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // an organizer enrols the tablet as the desk kiosk: only then does it show the presence QR
    await enrolKiosk(browser, server.baseUrl, server.db, event.slug, desk);
    await expect.poll(() => desk.getByRole('img', { name: 'QR code to register for a buddy' }).count()).toBe(1);
    await screenshot(desk, 'desk');
    const joinUrl = await desk.locator('#desk-qr').getAttribute('data-join-url');
    expect(joinUrl).toMatch(/\/join\?k=/);

    // a first-timer's phone opens what the QR encodes
    const ftContext = await browser.newContext(phone);
    const ft = await ftContext.newPage();
    await ft.goto(joinUrl!);
    await expect.poll(() => ft.getByText("You're at the desk").count()).toBe(1);
    expect(await horizontalOverflow(ft)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(ft)).toEqual([]);
    await ft.getByLabel('New here — this is my first time').check();
    await ft.getByLabel('Your name').fill('Octavia Reyes');
    await ft.getByRole('textbox', { name: /^Pronouns/ }).fill('she/her');
    await ft.getByRole('combobox', { name: 'Library type' }).selectOption('Public');
    await ft.getByLabel('Cataloging & metadata').check();
    await ft.getByLabel('Youth services').check();
    await screenshot(ft, 'join-phone');
    await ft.getByRole('button', { name: 'Register' }).click();
    await ft.waitForURL(/\/me\//);
    await expect.poll(() => ft.getByRole('heading', { name: 'Hi, Octavia Reyes!' }).count()).toBe(1);
    expect(await ft.getByText('Checked in').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(ft)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(ft)).toEqual([]);
    await screenshot(ft, 'me-phone');

    // she edits her profile on the phone: one more interest
    await ft.getByRole('link', { name: 'Edit my profile' }).click();
    await ft.waitForURL(/\/edit$/);
    await ft.getByLabel('Library technology').check();
    await ft.getByRole('button', { name: 'Save' }).click();
    await ft.waitForURL(/\/me\/[^/]+\?saved=1$/);
    expect(await ft.getByText('Your profile is saved.').count()).toBe(1);
    const octavia = server.db.select().from(participants).where(eq(participants.name, 'Octavia Reyes')).get()!;
    expect(
      server.db.select().from(participantInterests).where(eq(participantInterests.participantId, octavia.id)).all(),
    ).toHaveLength(3);

    // a volunteer without their phone types the desk code on the kiosk
    const coder = makeParticipant(server.db, event, { role: 'volunteer', name: 'Henrietta Lacks-Simmons', capacity: 1 });
    await desk.getByRole('link', { name: 'Check in with my desk code' }).click();
    await desk.getByLabel('Desk code').fill(coder.deskCode.toLowerCase());
    await desk.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => desk.getByText('Henrietta', { exact: false }).count()).toBeGreaterThan(0);
    expect(server.db.select().from(participants).where(eq(participants.id, coder.id)).get()!.status).toBe('present');

    // a volunteer who registered ahead scans the desk QR with the phone that holds their page
    const volunteer = makeParticipant(server.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', capacity: 2 });
    const vContext = await browser.newContext(phone);
    const v = await vContext.newPage();
    await v.goto(`${server.baseUrl}/e/${event.slug}/me/${volunteer.token}`);
    expect(await v.getByText('Only checked-in volunteers are matched', { exact: false }).count()).toBe(1);
    await v.goto(joinUrl!);
    expect(await accessibilityViolations(v)).toEqual([]);
    await screenshot(v, 'volunteer-check-in');
    await v.getByRole('button', { name: "I'm here — check me in" }).click();
    await v.waitForURL(/\/me\/.*checked-in=1/);
    expect(await v.getByText("You're checked in. Welcome!").count()).toBe(1);
    await screenshot(v, 'volunteer-checked-in');
    expect(server.db.select().from(participants).where(eq(participants.id, volunteer.id)).get()!.status).toBe('present');

    // the organizer logs in and sees who is here
    upsertOrganizer(server.db, { email: 'chair@example.org', password: 'correct horse battery' }, new Date());
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await admin.goto(`${server.baseUrl}/admin/e/${event.slug}`);
    await admin.waitForURL(/\/admin\/login/);
    await admin.getByLabel('E-mail').fill('chair@example.org');
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: /sign in|log in/i }).click();
    await admin.waitForURL(new RegExp(`/admin/e/${event.slug}$`));
    const counts = admin.locator('#live-counts');
    await expect.poll(() => counts.innerText()).toMatch(/First-timers[\s\S]*1/);
    expect(await admin.locator('tbody tr', { hasText: 'Octavia Reyes' }).count()).toBe(1);
    expect(await admin.locator('tbody tr', { hasText: 'Bartholomew Quinn' }).count()).toBe(1);
    await screenshot(admin, 'admin-dashboard');
  });
});
