// Enrolling a desk kiosk the way an organizer does at the venue: sign in, Kiosks, create a code,
// then open its link on the tablet and tap "Enrol". The tablet's page keeps the kiosk cookie.
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Db } from '../../src/db.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';

const password = 'kiosk enrolment password';

/** A signed-in organizer's page on the event's Kiosks page, reached from the dashboard. */
export async function openKiosksPage(browser: Browser, baseUrl: string, db: Db, slug: string): Promise<Page> {
  const email = `kiosks-${slug}@example.org`;
  upsertOrganizer(db, { email, password, name: 'Desk Lead' }, new Date());
  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await admin.goto(`${baseUrl}/admin/login?next=/admin/e/${slug}`);
  await admin.getByLabel('E-mail').fill(email);
  await admin.getByLabel('Password').fill(password);
  await admin.getByRole('button', { name: /sign in/i }).click();
  await admin.waitForURL(new RegExp(`/admin/e/${slug}$`));
  await admin.getByRole('link', { name: 'Kiosks', exact: true }).click();
  await admin.waitForURL(/\/kiosks$/);
  return admin;
}

/** Creates an enrolment on the Kiosks page; returns the link and the code the notice shows. */
export async function createEnrolmentInBrowser(admin: Page, name = 'Main desk tablet') {
  await admin.getByLabel('Kiosk name').fill(name);
  await admin.getByRole('button', { name: 'Create an enrolment code' }).click();
  await admin.waitForURL(/\/kiosks$/);
  const link = await admin.getByLabel('Enrolment link').inputValue();
  const code = /code=([A-Z0-9]{10})$/.exec(link)![1]!;
  return { link, code };
}

/** Enrols the screen `kiosk` shows as a desk kiosk, through the organizer's pages and the enrolment link. */
export async function enrolKiosk(browser: Browser, baseUrl: string, db: Db, slug: string, kiosk: Page): Promise<void> {
  const admin = await openKiosksPage(browser, baseUrl, db, slug);
  const { link } = await createEnrolmentInBrowser(admin);
  await admin.context().close();
  await kiosk.goto(link);
  await kiosk.getByRole('button', { name: 'Enrol this screen as a kiosk' }).click();
  await kiosk.waitForURL(new RegExp(`/e/${slug}/desk$`));
  expect(await kiosk.getByRole('img', { name: 'QR code to register for a buddy' }).count()).toBe(1);
}
