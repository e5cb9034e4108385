import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../db/schema.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { createMailSender } from '../../src/mail/sender.ts';
import { createSmtpTransport } from '../../src/mail/smtp-transport.ts';
import { makeEvent, makeMail, makeParticipant } from '../helpers/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.ts';
import { accessibilityViolations, horizontalOverflow, launchChromium, phone, screenshot, startServer } from './browser.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let smtp: TestSmtpServer;

beforeAll(async () => {
  server = await startServer();
  smtp = await startSmtpServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await smtp?.close();
  await server?.stop();
});

describe('e-mail in a real browser', () => {
  it('a delivered message’s unsubscribe link works on a phone, and the organizer reads the outbox', { timeout: 120_000 }, async () => {
    const { event } = makeEvent(server.db, { name: 'Riverlands Library Association Annual Conference' });
    const octavia = makeParticipant(server.db, event, { name: 'Octavia Reyes', email: 'octavia.reyes@example.org' });
    const now = new Date();
    const mail = (kind: string, subject: string) =>
      makeMail(
        server.db,
        {
          eventId: event.id,
          participantId: octavia.id,
          to: 'octavia.reyes@example.org',
          kind,
          dedupeKey: `participant:${octavia.id}`,
          subject,
          text: `Hi Octavia,\n\nthe conference is over: how did it go with your buddy? Three taps:\n${server.baseUrl}/e/${event.slug}/me/${octavia.token}\n\nThank you!\nThe Riverlands buddy committee`,
        },
        now,
      );
    mail('feedback-invite', 'How was your first-timer buddy?');
    const sender = createMailSender({
      db: server.db,
      transport: createSmtpTransport(smtp.url),
      from: { name: 'Riverlands Buddies', address: 'buddies@riverlands.example' },
      publicUrl: server.baseUrl,
      now: () => now,
    });
    expect((await sender.sendDue()).sent).toBe(1);

    // the link as it arrived in the mail
    const link = /To stop these e-mails, open (\S+)/.exec(smtp.received[0]!.text ?? '')?.[1];
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/e/${event.slug}/unsubscribe/`));
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(link!);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Stop e-mails about Riverlands Library Association Annual Conference?',
    );
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'unsubscribe-ask-phone');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: "You're unsubscribed" }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'unsubscribe-done-phone');
    await context.close();

    // a later reminder is kept, not sent
    const reminder = mail('feedback-reminder', 'A reminder: how was your buddy?');
    expect((await sender.sendDue()).sent).toBe(0);
    expect(server.db.select().from(mailOutbox).where(eq(mailOutbox.id, reminder.id)).get()!.status).toBe('skipped');

    upsertOrganizer(server.db, { email: 'chair@example.org', password: 'correct horse battery' }, new Date());
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    await admin.goto(`${server.baseUrl}/admin/e/${event.slug}`);
    await admin.getByLabel('E-mail').fill('chair@example.org');
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: /sign in/i }).click();
    await admin.waitForURL(new RegExp(`/admin/e/${event.slug}$`));
    await admin.getByRole('link', { name: 'Outbox' }).click();
    await admin.waitForURL(/\/outbox$/);
    const rows = admin.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(/A reminder[\s\S]*Skipped[\s\S]*unsubscribed/);
    expect(await rows.nth(1).innerText()).toMatch(/How was your first-timer buddy\?[\s\S]*Sent/);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-outbox');

    await admin.getByRole('link', { name: 'How was your first-timer buddy?' }).click();
    await admin.getByRole('heading', { name: 'How was your first-timer buddy?' }).waitFor();
    expect(await admin.locator('pre.mail-text').innerText()).toContain(`To stop these e-mails, open ${link}`);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-outbox-message');

    await admin.setViewportSize({ width: 360, height: 740 });
    expect(await horizontalOverflow(admin)).toBe(0);
    await screenshot(admin, 'admin-outbox-message-phone');
    await admin.goBack();
    expect(await horizontalOverflow(admin)).toBe(0);
    await screenshot(admin, 'admin-outbox-phone');
    await adminContext.close();
  });
});
