import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { mailOutbox, mailRecipients } from '../../db/schema.ts';
import { migrateDb, openDb, type Db } from '../../src/db.ts';
import { claimNextMail, mailLeaseMs, maxMailAttempts, retryDelayMs } from '../../src/domain/mail-outbox.ts';
import { unsubscribe } from '../../src/domain/mail-recipients.ts';
import { createMailSender } from '../../src/mail/sender.ts';
import { createSmtpTransport } from '../../src/mail/smtp-transport.ts';
import { makeEvent, makeMail } from '../helpers/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.ts';
import { createTestApp } from '../helpers/test-app.ts';

const publicUrl = 'http://buddydesk.test';
const from = { name: 'Riverlands Buddies', address: 'buddies@riverlands.example' };

const servers: TestSmtpServer[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const db of dbs.splice(0)) db.$client.close();
});

async function smtp(opts: { port?: number } = {}) {
  const server = await startSmtpServer(opts);
  servers.push(server);
  return server;
}

function setup(server: { url: string }) {
  const t = createTestApp();
  const sender = createMailSender({ db: t.db, transport: createSmtpTransport(server.url), from, publicUrl, now: t.clock.now });
  return { ...t, sender };
}

const row = (db: Db, id: number) => db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).get()!;

/** Two connections to one database file, like the process before and after a restart. */
function fileDb() {
  const path = join(mkdtempSync(join(tmpdir(), 'buddydesk-mail-')), 'mail.sqlite');
  const first = openDb(path);
  migrateDb(first);
  const second = openDb(path);
  dbs.push(first, second);
  return { first, second };
}

describe('the mail sender', () => {
  it('delivers a queued message with its text part, HTML part, List-Unsubscribe and Message-ID, and records it as sent', async () => {
    const server = await smtp();
    const t = setup(server);
    const { event } = makeEvent(t.db, { name: 'Riverlands Annual' });
    const mail = makeMail(t.db, {
      eventId: event.id,
      to: 'octavia@example.org',
      subject: 'How was your buddy?',
      text: 'Hi Octavia,\n\ntell us how it went.',
      html: '<html><body><p>Hi Octavia,</p><p>tell us how it went.</p></body></html>',
    });

    const report = await t.sender.sendDue();

    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(server.received).toHaveLength(1);
    const got = server.received[0]!;
    const stored = row(t.db, mail.id);
    const { unsubscribeToken } = t.db.select().from(mailRecipients).where(eq(mailRecipients.id, mail.recipientId)).get()!;
    const unsubscribeUrl = `${publicUrl}/e/${event.slug}/unsubscribe/${unsubscribeToken}`;
    expect(got.subject).toBe('How was your buddy?');
    expect(got.from?.text).toBe('"Riverlands Buddies" <buddies@riverlands.example>');
    expect(got.to && !Array.isArray(got.to) && got.to.text).toBe('octavia@example.org');
    expect(got.text).toContain('Hi Octavia,\n\ntell us how it went.');
    expect(got.text).toContain(`To stop these e-mails, open ${unsubscribeUrl}\n`);
    expect(got.html).toContain('<p>tell us how it went.</p>');
    expect(got.html).toContain(`<a href="${unsubscribeUrl}">Unsubscribe</a>`);
    // headers longer than a line are folded onto the next
    expect(got.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\r\n\s+/g, ' ')).toBe(`List-Unsubscribe: <${unsubscribeUrl}>`);
    expect(got.messageId).toBe(stored.smtpMessageId);
    expect(stored.smtpMessageId).toMatch(/^<[0-9a-f-]{36}@riverlands\.example>$/);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, sentAt: t.clock.now(), lastError: null });
  });

  it('sends nothing before a message is due, and each message once however often it runs', async () => {
    const server = await smtp();
    const t = setup(server);
    const later = makeMail(t.db, { notBefore: new Date(t.clock.now().getTime() + 60_000) });

    expect(await t.sender.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.clock.advance(60_000);
    await Promise.all([t.sender.sendDue(), t.sender.sendDue()]);
    await t.sender.sendDue();

    expect(server.received).toHaveLength(1);
    expect(row(t.db, later.id).status).toBe('sent');
  });

  it('retries after 4xx replies with back-off (1, 2, 4 … up to 60 minutes) and records the failure when attempts run out', async () => {
    const server = await smtp();
    server.refuseRecipients(451, 'Try again later');
    const t = setup(server);
    const mail = makeMail(t.db);

    const waits: number[] = [];
    for (let attempt = 1; attempt < maxMailAttempts; attempt++) {
      expect(await t.sender.sendDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const r = row(t.db, mail.id);
      expect(r).toMatchObject({ status: 'queued', attempts: attempt });
      expect(r.lastError).toContain('451');
      waits.push((r.nextAttemptAt.getTime() - t.clock.now().getTime()) / 60_000);
      // not a moment early
      t.clock.advance(r.nextAttemptAt.getTime() - t.clock.now().getTime() - 1);
      expect(await t.sender.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
      t.clock.advance(1);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(await t.sender.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 1 });

    server.acceptRecipients();
    t.clock.advance(24 * 60 * 60_000);
    await t.sender.sendDue();
    expect(row(t.db, mail.id)).toMatchObject({ status: 'failed', attempts: maxMailAttempts, sentAt: null });
    expect(row(t.db, mail.id).lastError).toContain('451');
    expect(server.recipientsTried).toHaveLength(maxMailAttempts);
    expect(server.received).toHaveLength(0);
  });

  it('fails a message at once when the server refuses its recipient with a 5xx', async () => {
    const server = await smtp();
    server.refuseRecipients(550, 'No such user here');
    const t = setup(server);
    const mail = makeMail(t.db);

    expect(await t.sender.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    t.clock.advance(24 * 60 * 60_000);
    await t.sender.sendDue();

    const r = row(t.db, mail.id);
    expect(r).toMatchObject({ status: 'failed', attempts: 1 });
    expect(r.lastError).toMatch(/550.*No such user here/);
    expect(server.recipientsTried).toHaveLength(1);
  });

  it('keeps messages queued while the server is down, leaves the rest for later, and delivers once it is back', async () => {
    const down = await smtp();
    const port = down.port;
    await down.close();
    servers.splice(servers.indexOf(down), 1);
    const t = setup({ url: `smtp://127.0.0.1:${port}` });
    const first = makeMail(t.db);
    const second = makeMail(t.db);

    expect(await t.sender.sendDue()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(row(t.db, first.id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row(t.db, first.id).lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
    expect(row(t.db, first.id).nextAttemptAt).toEqual(new Date(t.clock.now().getTime() + retryDelayMs(1)));
    // the pass stopped at the first connection failure instead of trying every message
    expect(row(t.db, second.id)).toMatchObject({ status: 'queued', attempts: 0 });

    const back = await smtp({ port });
    t.clock.advance(retryDelayMs(1));
    expect(await t.sender.sendDue()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(back.received.map((m) => m.subject).sort()).toEqual([first.subject, second.subject].sort());
  });

  it('after a restart, sends a message claimed before the crash exactly once, when its lease has run out', async () => {
    const server = await smtp();
    const { first, second } = fileDb();
    const start = new Date('2026-10-14T14:00:00Z');
    const mail = makeMail(first, {}, start);
    // the old process claimed it and died before sending
    const claimed = claimNextMail(first, { now: start, newMessageId: () => '<before-crash@riverlands.example>' });
    expect(claimed?.id).toBe(mail.id);

    let now = new Date(start.getTime() + 60_000);
    const restarted = createMailSender({ db: second, transport: createSmtpTransport(server.url), from, publicUrl, now: () => now });
    expect(await restarted.sendDue()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(server.received).toHaveLength(0);

    now = new Date(start.getTime() + mailLeaseMs);
    expect(await restarted.sendDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    now = new Date(start.getTime() + 2 * mailLeaseMs);
    await restarted.sendDue();

    expect(server.received).toHaveLength(1);
    // the retry carries the Message-ID fixed at the first claim
    expect(server.received[0]!.messageId).toBe('<before-crash@riverlands.example>');
    expect(row(second, mail.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not send again after a restart what was sent before it', async () => {
    const server = await smtp();
    const { first, second } = fileDb();
    const start = new Date('2026-10-14T14:00:00Z');
    makeMail(first, {}, start);
    const before = createMailSender({ db: first, transport: createSmtpTransport(server.url), from, publicUrl, now: () => start });
    expect((await before.sendDue()).sent).toBe(1);

    const later = new Date(start.getTime() + 2 * mailLeaseMs);
    const after = createMailSender({ db: second, transport: createSmtpTransport(server.url), from, publicUrl, now: () => later });
    expect((await after.sendDue()).sent).toBe(0);
    expect(server.received).toHaveLength(1);
  });

  it('sends each message once when two senders share one database file', async () => {
    const server = await smtp();
    const { first, second } = fileDb();
    const start = new Date('2026-10-14T14:00:00Z');
    for (let i = 0; i < 6; i++) makeMail(first, {}, start);
    const senders = [first, second].map((db) =>
      createMailSender({ db, transport: createSmtpTransport(server.url), from, publicUrl, now: () => start }),
    );

    const reports = await Promise.all(senders.map((s) => s.sendDue()));

    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(6);
    expect(server.received).toHaveLength(6);
    expect(new Set(server.received.map((m) => m.messageId)).size).toBe(6);
  });

  it('skips, and keeps, a non-essential message whose recipient unsubscribed after it was queued; essential ones still go', async () => {
    const server = await smtp();
    const t = setup(server);
    const { event } = makeEvent(t.db);
    const note = makeMail(t.db, { eventId: event.id, to: 'dana@example.org', kind: 'feedback-invite' });
    const essential = makeMail(t.db, { eventId: event.id, to: 'Dana@Example.org', kind: 'data-export', essential: true });
    const { unsubscribeToken } = t.db.select().from(mailRecipients).where(eq(mailRecipients.id, note.recipientId)).get()!;
    expect(unsubscribe(t.db, { eventId: event.id, token: unsubscribeToken, now: t.clock.now() }).ok).toBe(true);

    expect(await t.sender.sendDue()).toEqual({ sent: 1, retrying: 0, failed: 0 });

    expect(row(t.db, note.id)).toMatchObject({ status: 'skipped', attempts: 0, lastError: 'The recipient unsubscribed from this e-mail.' });
    expect(row(t.db, essential.id).status).toBe('sent');
    expect(server.received.map((m) => m.subject)).toEqual([essential.subject]);
  });
});
