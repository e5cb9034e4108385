// Before the conference, in a real browser: three volunteers and a first-timer register from home
// (the join page without the desk's presence token), the first-timer asks for the third volunteer
// in the volunteer directory, the organizer runs a pre-event round, both
// phones show the planned pair, both introductions arrive at a real SMTP server, and when both
// have checked in at the enrolled desk kiosk (one by its QR, one by desk code) the pair gets a spot
// and a time on both phones and the board without a reload.
import { and, eq } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mailOutbox } from '../../db/schema.ts';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { introductionKind } from '../../src/domain/planned-pairs.ts';
import { createMailSender } from '../../src/mail/sender.ts';
import { createSmtpTransport } from '../../src/mail/smtp-transport.ts';
import { startSmtpServer } from '../helpers/smtp-server.ts';
import { accessibilityViolations, horizontalOverflow, journeyFixture, phone, screenshot } from './browser.ts';
import { enrolKiosk } from './enrol-kiosk.ts';

const journey = journeyFixture();
const contexts: BrowserContext[] = [];

async function newPage(options: Parameters<typeof journey.browser.newContext>[0]): Promise<Page> {
  const context = await journey.browser.newContext(options);
  contexts.push(context);
  return context.newPage();
}
const phonePage = () => newPage(phone);

type Person = { name: string; email: string; volunteer?: boolean; interest: string; bio?: string; pronouns?: string; share?: boolean };

/** Registers from home: the join link as the welcome e-mail or the poster's short address gives it, no presence token. */
async function registerFromHome(page: Page, joinUrl: string, person: Person) {
  await page.goto(joinUrl);
  await page.getByLabel(person.volunteer ? 'A returning volunteer buddy' : 'New here — this is my first time').check();
  await page.getByLabel('Your name').fill(person.name);
  if (person.pronouns) await page.getByRole('textbox', { name: /^Pronouns/ }).fill(person.pronouns);
  await page.getByRole('textbox', { name: /^E-mail/ }).fill(person.email);
  await page.getByLabel(person.interest).check();
  if (person.volunteer) {
    await page.getByLabel('A line or two about you').fill(person.bio ?? 'Returning volunteer.');
    await page.getByLabel('How many first-timers can you take?').selectOption('1');
    await page.getByLabel('List me in the volunteer directory').check();
  }
  if (person.share) await page.getByLabel(/Share my e-mail with my buddy/).check();
  await page.getByRole('button', { name: 'Register' }).click();
  await page.waitForURL(/\/me\//);
  return page.url();
}

describe('before the conference in a real browser', () => {
  it('plans a pair before the event, introduces both by e-mail, and gives them a spot and time once both have checked in', { timeout: 180_000 }, async () => {
    const { server } = journey;
    // the conference starts tomorrow, so its hold time (11:00 on the first day) lies ahead whenever this runs
    const event = createDemoEvent(server.db, new Date(Date.now() + 24 * 60 * 60_000), 'before');
    upsertOrganizer(server.db, { email: 'chair@example.org', password: 'correct horse battery' }, new Date());
    const smtp = await startSmtpServer();
    try {
      const joinUrl = `${server.baseUrl}/e/${event.slug}/join`;
      const volunteers = [
        // Priya shares Octavia's interest, but Octavia asks for Bartholomew
        { name: 'Priya Patel', email: 'priya@example.org', volunteer: true, interest: 'Teen services' },
        { name: 'Ken Okafor', email: 'ken@example.org', volunteer: true, interest: 'Library technology' },
      ];
      for (const v of volunteers) await registerFromHome(await phonePage(), joinUrl, v);
      const bart = await phonePage();
      await registerFromHome(bart, joinUrl, {
        name: 'Bartholomew Quinn',
        email: 'bart@example.org',
        volunteer: true,
        interest: 'Archives & special collections',
        pronouns: 'he/him',
        bio: 'Teen librarian, ninth conference. Ask me about graphic novels.',
        share: true,
      });
      const octavia = await phonePage();
      await registerFromHome(octavia, joinUrl, {
        name: 'Octavia Reyes',
        email: 'octavia@example.org',
        interest: 'Teen services',
        pronouns: 'she/her',
        share: true,
      });
      // registered from home: not here yet, so nobody is paired at the desk
      expect(await octavia.locator('#me-status').innerText()).toContain('When you arrive, check in at the registration desk');

      // she reads the volunteers' bios and asks for Bartholomew
      await octavia.getByRole('link', { name: 'Meet the volunteers and ask for a buddy' }).click();
      await octavia.getByRole('button', { name: 'Ask for this buddy: Bartholomew Q.' }).click();
      await expect.poll(() => octavia.locator('body').innerText()).toContain('Bartholomew Q.');
      await octavia.getByRole('link', { name: '← My page' }).click();
      await octavia.waitForURL(/\/me\/[^/]+$/);
      expect(await octavia.locator('#me-status').innerText()).toContain('You asked for Bartholomew Q.');

      // the organizer runs the pre-event round from the dashboard, reviews and publishes it
      const admin = await newPage({ viewport: { width: 1280, height: 900 } });
      await admin.goto(`${server.baseUrl}/admin/e/${event.slug}`);
      await admin.getByLabel('E-mail').fill('chair@example.org');
      await admin.getByLabel('Password').fill('correct horse battery');
      await admin.getByRole('button', { name: /sign in/i }).click();
      await admin.waitForURL(new RegExp(`/admin/e/${event.slug}$`));
      await admin.getByRole('button', { name: 'Pre-event round' }).click();
      await admin.waitForURL(/\/rounds\/\d+$/);
      await admin.getByRole('heading', { name: /^Pre-event round of/ }).waitFor();
      expect(await admin.locator('#round-pairs').innerText()).toMatch(/Octavia Reyes\s+Bartholomew Quinn[\s\S]*asked for this buddy/);
      expect(await accessibilityViolations(admin)).toEqual([]);
      await screenshot(admin, 'before-round-review');
      await admin.getByRole('button', { name: 'Plan 1 pair and send introductions' }).click();
      await admin.waitForURL(/\/planned$/);
      expect(await admin.locator('#planned-message').innerText()).toContain('Planned 1 pair; 2 introduction e-mails in the outbox.');
      expect(await admin.locator('#planned-pairs').innerText()).toMatch(/Octavia Reyes\s+not here yet\s+Bartholomew Quinn\s+not here yet/);
      expect(await accessibilityViolations(admin)).toEqual([]);
      await screenshot(admin, 'before-planned-pairs-admin');
      await admin.setViewportSize({ width: 360, height: 740 });
      expect(await horizontalOverflow(admin)).toBe(0);
      await screenshot(admin, 'before-planned-pairs-admin-phone');
      await admin.setViewportSize({ width: 1280, height: 900 });

      // both phones show the buddy-to-be without a reload
      await expect.poll(() => octavia.locator('#me-status').innerText(), { timeout: 10_000 }).toContain('Your buddy-to-be: Bartholomew Q. (he/him)');
      const octaviaCard = await octavia.locator('#me-status').innerText();
      expect(octaviaCard).toContain('Teen librarian, ninth conference.');
      expect(octaviaCard).toContain('the first-timer asked for this buddy');
      expect(octaviaCard).toContain("You asked for Bartholomew Q.; you're paired with Bartholomew Q.");
      expect(octaviaCard).toContain('bart@example.org');
      expect(octaviaCard).not.toContain('Quinn');
      await expect.poll(() => bart.locator('#me-status').innerText(), { timeout: 10_000 }).toContain('Your first-timer-to-be: Octavia R. (she/her)');
      for (const [page, name] of [
        [octavia, 'before-planned-first-timer-phone'],
        [bart, 'before-planned-volunteer-phone'],
      ] as const) {
        expect(await horizontalOverflow(page)).toBe(0);
        expect(await accessibilityViolations(page)).toEqual([]);
        await screenshot(page, name);
      }

      // the outbox goes out to a real SMTP server: one introduction each, contact details in both (both agreed)
      const sender = createMailSender({
        db: server.db,
        transport: createSmtpTransport(smtp.url),
        from: { name: 'Riverlands Buddies', address: 'buddies@riverlands.example' },
        publicUrl: server.baseUrl,
      });
      expect((await sender.sendDue()).sent).toBeGreaterThanOrEqual(2);
      const introductions = server.db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.eventId, event.id), eq(mailOutbox.kind, introductionKind)))
        .all();
      expect(introductions.map((m) => [m.toAddress, m.status]).sort()).toEqual([
        ['bart@example.org', 'sent'],
        ['octavia@example.org', 'sent'],
      ]);
      const arrived = (to: string) => smtp.received.find((m) => m.subject?.startsWith('Meet your buddy-to-be') && m.to && JSON.stringify(m.to).includes(to));
      const toOctavia = arrived('octavia@example.org');
      const toBart = arrived('bart@example.org');
      expect(toOctavia?.subject).toContain('Bartholomew Q.');
      expect(toOctavia?.text).toContain('bart@example.org');
      expect(toOctavia?.text).toContain('Teen librarian, ninth conference.');
      expect(toOctavia?.text).toMatch(new RegExp(`${server.baseUrl}/e/${event.slug}/me/\\S+`));
      expect(toBart?.subject).toContain('Octavia R.');
      expect(toBart?.text).toContain('octavia@example.org');

      // the day: the board is up; Octavia checks in by scanning the desk QR with her phone
      const board = await newPage({ viewport: { width: 1920, height: 1080 } });
      await board.goto(`${server.baseUrl}/e/${event.slug}/board`);
      // an organizer enrols the desk tablet as the kiosk: only then does it show the presence QR
      const desk = await newPage({ viewport: { width: 1280, height: 900 } });
      await enrolKiosk(journey.browser, server.baseUrl, server.db, event.slug, desk);
      const deskJoinUrl = (await desk.locator('#desk-qr').getAttribute('data-join-url'))!;
      const octaviaPage = octavia.url();
      await octavia.goto(deskJoinUrl);
      await octavia.getByRole('button', { name: "I'm here — check me in" }).click();
      await octavia.waitForURL(/checked-in=1/);
      expect(await octavia.locator('#me-status').innerText()).toContain("Bartholomew Q. hasn't checked in yet");
      await expect.poll(() => bart.locator('#me-status').innerText(), { timeout: 10_000 }).toContain('Octavia R. is already here');
      await screenshot(octavia, 'before-planned-one-here-phone');

      // Bartholomew types his desk code on the desk kiosk
      const bartCode = (await bart.locator('.desk-code').innerText()).trim();
      await desk.goto(`${server.baseUrl}/e/${event.slug}/desk/check-in`);
      await desk.getByLabel('Desk code').fill(bartCode);
      await desk.getByRole('button', { name: 'Check in' }).click();
      await desk.getByText(/Welcome/).first().waitFor();

      // both phones and the board get the spot and time without a reload
      await expect.poll(() => octavia.locator('#me-status').innerText(), { timeout: 10_000 }).toContain('Your buddy: Bartholomew Q.');
      const live = await octavia.locator('#me-status').innerText();
      expect(live).toMatch(/When\s+\d{1,2}:\d{2} (AM|PM)/);
      expect(live).toMatch(/Where\s+\S/);
      expect(octavia.url()).toContain(octaviaPage.split('?')[0]!);
      await expect.poll(() => bart.locator('#me-status').innerText(), { timeout: 10_000 }).toContain('Your first-timer: Octavia R.');
      await expect.poll(() => board.locator('body').innerText(), { timeout: 10_000 }).toMatch(/Octavia R\.[\s\S]*Bartholomew Q\./);
      expect(await horizontalOverflow(octavia)).toBe(0);
      await screenshot(octavia, 'before-live-first-timer-phone');
      await screenshot(bart, 'before-live-volunteer-phone');
      await screenshot(board, 'before-live-board');
    } finally {
      for (const c of contexts) await c.close();
      await smtp.close();
    }
  });
});
