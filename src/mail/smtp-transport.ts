import nodemailer from 'nodemailer';
import type { MailTransport } from './sender.ts';

/**
 * The SMTP transport for SMTP_URL. Every wait is bounded, so an attempt always ends well inside
 * the outbox lease (15 minutes) and a living sender is never overtaken by a second claim.
 */
export function createSmtpTransport(smtpUrl: string): MailTransport & { verify(): Promise<true>; close(): void } {
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}
