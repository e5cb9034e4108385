import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../db/schema.ts';
import { startAutoWork } from '../../src/auto-work.ts';
import { migrateDb, openDb, type Db } from '../../src/db.ts';
import { findEventBySlug, type Event } from '../../src/domain/events.ts';
import { saveFeedback } from '../../src/domain/feedback.ts';
import { sendDueFeedbackMail } from '../../src/domain/feedback-invitations.ts';
import { findParticipantByToken } from '../../src/domain/participants.ts';
import { createLiveHub } from '../../src/live.ts';
import { createMailSender } from '../../src/mail/sender.ts';
import { createSmtpTransport } from '../../src/mail/smtp-transport.ts';
import { eventEnd } from '../helpers/after-event.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.ts';

const publicUrl = 'http://buddydesk.test';
const from = { name: 'Riverlands Buddies', address: 'buddies@riverlands.example' };
const DAY = 24 * 60 * 60_000;

const servers: TestSmtpServer[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const db of dbs.splice(0)) if (db.$client.open) db.$client.close();
});

/** A database file, opened as the process before a restart would. */
function fileDb(path = join(mkdtempSync(join(tmpdir(), 'buddydesk-feedback-')), 'buddydesk.sqlite')) {
  const db = openDb(path);
  migrateDb(db);
  dbs.push(db);
  return { db, path };
}

async function smtp() {
  const server = await startSmtpServer();
  servers.push(server);
  return server;
}

/** Three people with an e-mail and one without, after the factory event. */
function conference(db: Db) {
  const { event } = makeEvent(db);
  const people = ['Ana Alvarez', 'Bo Brandt', 'Cy Cole'].map((name, i) =>
    makeParticipant(db, event, { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org`, role: i === 2 ? 'volunteer' : 'first_timer' }),
  );
  makeParticipant(db, event, { name: 'Di Dunn' });
  return { event, people };
}

const reload = (db: Db, event: Event) => findEventBySlug(db, event.slug)!;
const recipients = (server: TestSmtpServer) => server.received.map((m) => (Array.isArray(m.to) ? '' : (m.to?.text ?? ''))).sort();

describe('feedback invitations through the outbox and a real SMTP server', () => {
  it('sends each person their link once, also when the process restarts between sends', async () => {
    const server = await smtp();
    const first = fileDb();
    const { event } = conference(first.db);
    const afterEnd = new Date(eventEnd.getTime() + 60_000);

    // the first process writes the invitations and gets one out before it is stopped
    expect(sendDueFeedbackMail(first.db, reload(first.db, event), afterEnd, publicUrl)).toEqual({ invited: 3, reminded: 0 });
    const before = createMailSender({ db: first.db, transport: createSmtpTransport(server.url), from, publicUrl, now: () => afterEnd, batchSize: 1 });
    expect((await before.sendDue()).sent).toBe(1);
    first.db.$client.close();

    // the second process, on the same file, finds the invitations written and sends the rest
    const second = fileDb(first.path);
    const later = new Date(afterEnd.getTime() + 60_000);
    expect(sendDueFeedbackMail(second.db, reload(second.db, event), later, publicUrl)).toEqual({ invited: 0, reminded: 0 });
    const after = createMailSender({ db: second.db, transport: createSmtpTransport(server.url), from, publicUrl, now: () => later });
    expect((await after.sendDue()).sent).toBe(2);
    expect((await after.sendDue()).sent).toBe(0);

    expect(recipients(server)).toEqual(['ana@example.org', 'bo@example.org', 'cy@example.org']);
    const ana = server.received.find((m) => !Array.isArray(m.to) && m.to?.text === 'ana@example.org')!;
    expect(ana.subject).toBe(`How was your buddy? ${event.name}`);
    const link = /http:\/\/buddydesk\.test\/e\/[^\s]+\/me\/([A-Za-z0-9_-]{43})#feedback/.exec(ana.text ?? '');
    expect(findParticipantByToken(second.db, event.id, link![1]!)?.name).toBe('Ana Alvarez');
    expect(ana.text).toContain('To stop these e-mails, open http://buddydesk.test/e/');
  });

  it('reminds only those who have not answered, once, after the reminder days', async () => {
    const server = await smtp();
    const { db } = fileDb();
    const { event, people } = conference(db);
    const [ana] = people;
    const opened = new Date(eventEnd.getTime() + 60_000);
    sendDueFeedbackMail(db, reload(db, event), opened, publicUrl);
    saveFeedback(db, reload(db, event), ana!, { met: 'once', rating: 4, again: 'yes', comment: '', mayContact: false }, opened);

    const nearly = new Date(opened.getTime() + 7 * DAY - 1);
    expect(sendDueFeedbackMail(db, reload(db, event), nearly, publicUrl)).toEqual({ invited: 0, reminded: 0 });
    const due = new Date(opened.getTime() + 7 * DAY);
    expect(sendDueFeedbackMail(db, reload(db, event), due, publicUrl)).toEqual({ invited: 0, reminded: 2 });
    expect(sendDueFeedbackMail(db, reload(db, event), new Date(due.getTime() + DAY), publicUrl)).toEqual({ invited: 0, reminded: 0 });

    const sender = createMailSender({ db, transport: createSmtpTransport(server.url), from, publicUrl, now: () => due });
    expect((await sender.sendDue()).sent).toBe(5);
    const reminders = server.received.filter((m) => m.subject?.startsWith('A reminder'));
    expect(recipients({ received: reminders } as TestSmtpServer)).toEqual(['bo@example.org', 'cy@example.org']);
    expect(reminders[0]!.text).toContain('Feedback closes at the end of Thursday, November 5.');
  });

  it('writes nothing before the event ends or after feedback closed', async () => {
    const { db } = fileDb();
    const { event } = conference(db);
    expect(sendDueFeedbackMail(db, reload(db, event), new Date(eventEnd.getTime() - 1), publicUrl)).toEqual({ invited: 0, reminded: 0 });
    expect(sendDueFeedbackMail(db, reload(db, event), new Date('2026-11-06T05:00:00Z'), publicUrl)).toEqual({ invited: 0, reminded: 0 });
    expect(db.select().from(mailOutbox).all()).toEqual([]);
  });

  it('is done by the timer once the event end passes, with the injected clock', async () => {
    const { db } = fileDb();
    const { event } = conference(db);
    let now = new Date(eventEnd.getTime() - 60_000);
    const stop = startAutoWork({ db, live: createLiveHub(), publicUrl, now: () => now, intervalMs: 5 });
    try {
      await new Promise((r) => setTimeout(r, 30));
      expect(db.select().from(mailOutbox).all()).toEqual([]);
      now = new Date(eventEnd.getTime() + 1);
      await expect.poll(() => db.select().from(mailOutbox).where(eq(mailOutbox.eventId, event.id)).all().length).toBe(3);
    } finally {
      stop();
    }
    expect(reload(db, event).feedbackInvitedAt).toEqual(now);
  });
});
