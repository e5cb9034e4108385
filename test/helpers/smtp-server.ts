// A real SMTP server on loopback for tests: it receives what the sender really sends, parses it
// with a real MIME parser, and can be told to refuse recipients or be switched off.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type TestSmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

export async function startSmtpServer(opts: { port?: number } = {}) {
  const received: ParsedMail[] = [];
  const recipientsTried: string[] = [];
  let refusal: { code: number; message: string } | null = null;
  const waiting: { count: number; resolve: () => void }[] = [];

  const server = new SMTPServer({
    // plain SMTP on loopback: no TLS certificate, no login
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      recipientsTried.push(address.address);
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
          for (const w of waiting.filter((w) => received.length >= w.count)) w.resolve();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    /** messages the server accepted, parsed */
    received,
    /** every RCPT TO the server saw, accepted or refused: one per delivery attempt */
    recipientsTried,
    /** refuse every recipient with this reply, e.g. 451 (try later) or 550 (no such user) */
    refuseRecipients(code: number, message: string) {
      refusal = { code, message };
    },
    acceptRecipients() {
      refusal = null;
    },
    /** resolves once the server has accepted this many messages in all */
    waitForMessages(count: number) {
      return new Promise<void>((resolve) => {
        if (received.length >= count) resolve();
        else waiting.push({ count, resolve });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
