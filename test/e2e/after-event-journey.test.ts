// After the conference, in a real browser: a pair meets, an organizer opens feedback, the
// first-timer's invitation arrives at a real SMTP server, its link opens the three-tap form on a
// 360 px phone, the answer shows in the report, and the volunteer opens their letter, which prints
// on one page and whose verification address says it is genuine.
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateLetterSettings } from '../../src/domain/letters.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { createMailSender } from '../../src/mail/sender.ts';
import { createSmtpTransport } from '../../src/mail/smtp-transport.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.ts';
import { accessibilityViolations, horizontalOverflow, journeyFixture, phone, screenshot } from './browser.ts';

const serverNow = new Date('2026-10-15T15:00:00Z');
const journey = journeyFixture({ now: () => serverNow });
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

async function open(url: string, options: BrowserContextOptions = phone): Promise<Page> {
  const context = await journey.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Pages of a PDF as Chromium writes it: one "/Type /Page" object each. */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;

describe('after the conference', () => {
  it('brings the first-timer back by e-mail to a three-tap form, and thanks the volunteer with a letter', { timeout: 180_000 }, async () => {
    const { server } = journey;
    const db = server.db;
    const { event } = makeEvent(db, { name: 'Riverlands Library Association Annual Conference', venue: 'Louisville, KY' });
    const chair = upsertOrganizer(db, { email: 'chair@riverlands.example', password: 'correct horse battery', name: 'Mara Okafor' }, serverNow);
    updateLetterSettings(db, {
      eventId: event.id,
      organizerId: chair.id,
      now: serverNow,
      letter: {
        association: 'Riverlands Library Association',
        signerName: 'Mara Okafor',
        signerTitle: 'Chair, New Members Round Table',
        text: 'Your welcome made a first conference feel like home. Thank you for giving your time to the next generation of librarians.',
      },
    });
    const ana = makeParticipant(db, event, { name: 'Ana Alvarez', email: 'ana.alvarez@example.org', present: true });
    const vera = makeParticipant(db, event, { role: 'volunteer', name: 'Vera Volk', email: 'vera.volk@example.org', present: true });
    makeParticipant(db, event, { role: 'volunteer', name: 'Ida Ready', present: true });
    const pinned = pinPair(db, event, { firstTimerId: ana.id, volunteerId: vera.id, organizerId: chair.id, now: serverNow });
    if (!pinned.ok) throw new Error(pinned.reason);

    // the pair meets
    const anaPhone = await open(`${server.baseUrl}/e/${event.slug}/me/${ana.token}`);
    await anaPhone.getByRole('button', { name: 'We met' }).click();
    await anaPhone.getByText('You met. Enjoy the conference!').waitFor();
    await anaPhone.context().close();

    // the last afternoon: an organizer opens feedback early
    const admin = await open(`${server.baseUrl}/admin/e/${event.slug}`, { viewport: { width: 1280, height: 900 } });
    await admin.getByLabel('E-mail').fill('chair@riverlands.example');
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: /sign in/i }).click();
    await admin.waitForURL(new RegExp(`/admin/e/${event.slug}$`));
    await admin.getByRole('link', { name: 'Feedback', exact: true }).click();
    await admin.getByLabel('Yes, e-mail everyone their feedback link now').check();
    await admin.getByRole('button', { name: 'Open feedback now' }).click();
    await admin.getByText('Feedback is open. 2 invitations were written to the outbox.').waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-feedback');

    // the invitation arrives at the SMTP server
    const sender = createMailSender({
      db,
      transport: createSmtpTransport(smtp.url),
      from: { name: 'Riverlands Buddies', address: 'buddies@riverlands.example' },
      publicUrl: server.baseUrl,
      now: () => serverNow,
    });
    expect((await sender.sendDue()).sent).toBe(2);
    const invitation = smtp.received.find((m) => !Array.isArray(m.to) && m.to?.text === 'ana.alvarez@example.org')!;
    expect(invitation.subject).toBe('How was your buddy? Riverlands Library Association Annual Conference');
    const link = /(http:\/\/\S+\/me\/\S+#feedback)/.exec(invitation.text ?? '')?.[1];
    expect(link).toBe(`${server.baseUrl}/e/${event.slug}/me/${ana.token}#feedback`);

    // its link opens the form on a 360 px phone: three taps, a comment, consent
    const form = await open(link!);
    const question = (name: string) => form.getByRole('group', { name });
    await question('Did you meet your buddy?').getByRole('radio', { name: 'More than once', exact: true }).check();
    await question('How good a match was it?').getByRole('radio', { name: '5', exact: true }).check();
    await question('Would you volunteer as a buddy next year?').getByRole('radio', { name: 'Yes', exact: true }).check();
    await form.getByLabel('Anything else? (optional)').fill('Vera walked me to my first session and introduced me to her colleagues.');
    await form.getByLabel(/The committee may contact me about next year/).check();
    expect(await horizontalOverflow(form)).toBe(0);
    expect(await accessibilityViolations(form)).toEqual([]);
    await screenshot(form, 'feedback-form-phone');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText('Thank you! Your answers are saved.').waitFor();
    expect(await form.getByRole('button', { name: 'Save my answers' }).count()).toBe(1);
    await screenshot(form, 'feedback-saved-phone');

    // the volunteer answers without JavaScript: a redirect, the answer kept in the form
    const veraPhone = await open(`${server.baseUrl}/e/${event.slug}/me/${vera.token}`, { ...phone, javaScriptEnabled: false });
    await veraPhone.getByRole('group', { name: 'Did you meet your first-timers?' }).getByRole('radio', { name: 'Once', exact: true }).check();
    await veraPhone.getByRole('group', { name: 'How good a match were they?' }).getByRole('radio', { name: '4', exact: true }).check();
    await veraPhone.getByRole('group', { name: 'Would you volunteer again?' }).getByRole('radio', { name: 'Yes', exact: true }).check();
    await veraPhone.getByRole('button', { name: 'Send' }).click();
    await veraPhone.waitForURL(/\?notice=feedback#feedback$/);
    expect(await veraPhone.getByText('Thank you! Your answers are saved.').isVisible()).toBe(true);

    // the answers show in the report
    await admin.goto(`${server.baseUrl}/admin/e/${event.slug}`);
    await admin.getByRole('link', { name: 'Report', exact: true }).first().click();
    await admin.getByRole('heading', { name: 'Buddy program report' }).waitFor();
    const ratings = await admin.locator('#table-ratings').innerText();
    expect(ratings).toMatch(/5 of 5\s+1\s+0\s+1/);
    expect(ratings).toMatch(/4 of 5\s+0\s+1\s+1/);
    expect(await admin.locator('#comments').innerText()).toContain('Vera walked me to my first session');
    expect(await admin.locator('#table-next-year').innerText()).toContain('ana.alvarez@example.org');
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'program-report');
    // as on paper: US Letter is 816 CSS pixels wide
    await admin.setViewportSize({ width: 816, height: 1056 });
    await admin.emulateMedia({ media: 'print' });
    await screenshot(admin, 'program-report-print');
    expect(pdfPages(await admin.pdf({ format: 'Letter' }))).toBeGreaterThan(1);
    await admin.emulateMedia({ media: 'screen' });
    await admin.setViewportSize({ width: 1280, height: 900 });

    // the volunteer opens their letter from their personal page
    const letterPhone = await open(`${server.baseUrl}/e/${event.slug}/me/${vera.token}`);
    await letterPhone.getByRole('link', { name: 'Open my letter' }).click();
    const letter = letterPhone.getByRole('article', { name: 'Letter for Vera Volk' });
    await letter.waitFor();
    const words = await letter.innerText();
    expect(words).toContain('Riverlands Library Association gratefully recognizes Vera Volk');
    expect(words).toContain('welcomed 1 first-time attendee to the conference — Ana A. — and 1 meetup was confirmed');
    expect(words).toContain('October 14–15, 2026');
    expect(await horizontalOverflow(letterPhone)).toBe(0);
    expect(await accessibilityViolations(letterPhone)).toEqual([]);
    await screenshot(letterPhone, 'letter-phone');

    const desk = await open(letterPhone.url(), { viewport: { width: 1100, height: 1400 } });
    await screenshot(desk, 'letter');
    await desk.setViewportSize({ width: 816, height: 1056 });
    await desk.emulateMedia({ media: 'print' });
    await screenshot(desk, 'letter-print');
    expect(pdfPages(await desk.pdf({ format: 'Letter' }))).toBe(1);

    // its verification address says it is genuine
    const verifyUrl = /open (http:\/\/\S+\/letters\/\S+)/.exec(words)?.[1];
    const verify = await open(verifyUrl!);
    expect(await verify.getByRole('heading', { level: 1 }).innerText()).toBe('This letter is genuine');
    expect(await verify.getByRole('status').innerText()).toContain('Vera Volk');

    // organizers print every letter, one page each
    await admin.goto(`${server.baseUrl}/admin/e/${event.slug}/letters`);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-letters');
    await admin.getByRole('link', { name: 'Print all 2 letters' }).click();
    await admin.getByRole('article', { name: 'Letter for Ida Ready' }).waitFor();
    expect(pdfPages(await admin.pdf({ format: 'Letter' }))).toBe(2);
  });
});
