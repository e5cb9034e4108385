import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../db/schema.ts';
import { migrateDb, openDb } from '../../src/db.ts';
import { makeEvent, makeMail } from '../helpers/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.ts';
import { freePort } from './browser.ts';

let smtp: TestSmtpServer | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

/** A database file with one message waiting, as a feature would have left it. */
function databaseWithMail() {
  const path = join(mkdtempSync(join(tmpdir(), 'buddydesk-mail-server-')), 'mail.sqlite');
  const db = openDb(path);
  migrateDb(db);
  const { event } = makeEvent(db, { name: 'Riverlands Annual' });
  const mail = makeMail(db, { eventId: event.id, to: 'octavia@example.org', subject: 'How was your buddy?' }, new Date());
  db.$client.close();
  return { path, mail };
}

describe('npm start with SMTP_URL', () => {
  it('sends what waits in the outbox through the SMTP server, and records it', async () => {
    smtp = await startSmtpServer();
    const { path, mail } = databaseWithMail();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        ...process.env,
        DATABASE_PATH: path,
        PORT: String(port),
        PUBLIC_URL: 'http://buddydesk.test',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Riverlands Buddies <buddies@riverlands.example>',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    try {
      await smtp.waitForMessages(1);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    } finally {
      child.kill('SIGKILL');
    }
    expect(out).toContain(`E-mail:           sent through smtp://127.0.0.1:${smtp.port} as buddies@riverlands.example`);
    expect(smtp.received.map((m) => m.subject)).toEqual(['How was your buddy?']);
    expect(smtp.received[0]!.text).toContain('To stop these e-mails, open http://buddydesk.test/e/');
    const db = openDb(path);
    const row = db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id)).get();
    db.$client.close();
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  }, 30_000);

  it('stops at start with one line, without the password, when SMTP_URL is not an SMTP URL', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        ...process.env,
        DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'bd-')), 'x.sqlite'),
        SMTP_URL: 'https://buddies:hunter2hunter2@mail.example.org',
        MAIL_FROM: 'buddies@example.org',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Bad configuration: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(r.stderr).not.toContain('hunter2');
  });
});
