// Sends what the outbox holds, one message at a time: claim, send, record. The transport is
// injected (server.ts makes a nodemailer SMTP transport; tests point one at their own server).
import { randomUUID } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import type { MailFrom } from '../config.ts';
import type { Db } from '../db.ts';
import { claimNextMail, recordMailFailed, recordMailSent, type FailureOutcome } from '../domain/mail-outbox.ts';
import { composeMail } from './compose.tsx';

/** What the sender needs of a nodemailer transporter; it rejects when the server did not take the message. */
export type MailTransport = { sendMail(message: SendMailOptions): Promise<unknown> };

export type MailSenderDeps = {
  db: Db;
  transport: MailTransport;
  from: MailFrom;
  publicUrl: string;
  now?: () => Date;
  leaseMs?: number;
  maxAttempts?: number;
  /** at most this many messages per pass, so a pass ends and a stop does not wait long */
  batchSize?: number;
};

export type SendReport = Record<'sent' | FailureOutcome, number>;

/** nodemailer's errors carry the SMTP command that failed and the server's reply code. */
type SmtpError = Error & { code?: string; command?: string; responseCode?: number };

// The server answered about this message (its recipient or content), not about itself or us.
const aboutThisMessage = (err: SmtpError) => err.command === 'RCPT TO' || err.command === 'DATA';

/** A 5xx refusal of the recipient or message is final (RFC 5321); anything else may pass later. */
export function isPermanentFailure(err: SmtpError): boolean {
  return aboutThisMessage(err) && err.responseCode !== undefined && err.responseCode >= 500 && err.responseCode < 600;
}

function describe(err: SmtpError): string {
  const code = err.responseCode ?? err.code;
  return code ? `${code}: ${err.message}` : err.message;
}

export function createMailSender(deps: MailSenderDeps) {
  const now = deps.now ?? (() => new Date());
  const batchSize = deps.batchSize ?? 50;
  const domain = deps.from.address.slice(deps.from.address.lastIndexOf('@') + 1);
  const from = deps.from.name ? { name: deps.from.name, address: deps.from.address } : deps.from.address;

  async function runPass(): Promise<SendReport> {
    const report: SendReport = { sent: 0, retrying: 0, failed: 0 };
    for (let i = 0; i < batchSize; i++) {
      const message = claimNextMail(deps.db, {
        now: now(),
        newMessageId: () => `<${randomUUID()}@${domain}>`,
        ...(deps.leaseMs !== undefined && { leaseMs: deps.leaseMs }),
        ...(deps.maxAttempts !== undefined && { maxAttempts: deps.maxAttempts }),
      });
      if (!message) break;
      const mail = composeMail(message, deps.publicUrl);
      let failure: SmtpError | undefined;
      try {
        await deps.transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html !== null && { html: mail.html }),
          headers: mail.headers,
          messageId: message.smtpMessageId ?? undefined,
        });
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
      }
      // outside the try: a failed write after a successful send must not be recorded as a failed send
      if (!failure) {
        recordMailSent(deps.db, message, now());
        report.sent++;
        continue;
      }
      const outcome = recordMailFailed(deps.db, message, {
        now: now(),
        error: describe(failure),
        permanent: isPermanentFailure(failure),
        ...(deps.maxAttempts !== undefined && { maxAttempts: deps.maxAttempts }),
      });
      report[outcome]++;
      // the server is down or refusing us: the rest wait for the next pass instead of timing out one by one
      if (!aboutThisMessage(failure)) break;
    }
    return report;
  }

  let pass: Promise<SendReport> | null = null;

  /** Sends what is due now. A call while a pass runs joins that pass, so two calls never send one message twice. */
  function sendDue(): Promise<SendReport> {
    pass ??= runPass().finally(() => {
      pass = null;
    });
    return pass;
  }

  /** Runs sendDue every intervalMs; the returned stop waits for a pass under way to finish. */
  function start(intervalMs = 10_000): () => Promise<void> {
    const tick = () => {
      sendDue().catch((err) => console.error('sending e-mail failed:', err));
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    tick();
    return async () => {
      clearInterval(timer);
      await pass?.catch(() => undefined);
    };
  }

  return { sendDue, start };
}

export type MailSender = ReturnType<typeof createMailSender>;
