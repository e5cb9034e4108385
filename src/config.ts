import { networkInterfaces } from 'node:os';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

export const configSchema = z
  .object({
    PORT: z.preprocess(
      emptyAsUndefined,
      z.coerce.number().int().min(1).max(65535, 'PORT must be a whole number from 1 to 65535').default(3000),
    ),
    DATABASE_PATH: z.preprocess(emptyAsUndefined, z.string().default('db/buddydesk.sqlite')),
    PUBLIC_URL: z.preprocess(
      emptyAsUndefined,
      z
        .url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL such as https://buddies.example.org' })
        .optional(),
    ),
    TRUST_PROXY: z.preprocess(
      emptyAsUndefined,
      z.enum(['true', 'false', '1', '0'], { error: 'TRUST_PROXY must be true or false' }).default('false'),
    ),
    ALLOW_PRIVATE_FETCH: z.preprocess(
      emptyAsUndefined,
      z.enum(['true', 'false', '1', '0'], { error: 'ALLOW_PRIVATE_FETCH must be true or false' }).default('false'),
    ),
    ORGANIZER_EMAIL: z.preprocess(emptyAsUndefined, z.email('ORGANIZER_EMAIL must be an e-mail address').optional()),
    ORGANIZER_PASSWORD: z.preprocess(
      emptyAsUndefined,
      z.string().min(10, 'ORGANIZER_PASSWORD must be at least 10 characters').optional(),
    ),
    // how the console greets that organizer and names them in the audit log
    ORGANIZER_NAME: z.preprocess(
      (v) => emptyAsUndefined(typeof v === 'string' ? v.trim() : v),
      z.string().max(80, 'ORGANIZER_NAME can be at most 80 characters').optional(),
    ),
    // the message never repeats the value: the URL may hold the SMTP password
    SMTP_URL: z.preprocess(
      emptyAsUndefined,
      z
        .url({
          protocol: /^smtps?$/,
          error: 'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.org:587',
        })
        .optional(),
    ),
    MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().transform(parseMailFrom).optional()),
  })
  .refine((env) => (env.ORGANIZER_EMAIL === undefined) === (env.ORGANIZER_PASSWORD === undefined), {
    message: 'set ORGANIZER_EMAIL and ORGANIZER_PASSWORD together, or neither',
  })
  .refine((env) => env.ORGANIZER_NAME === undefined || env.ORGANIZER_EMAIL !== undefined, {
    message: 'ORGANIZER_NAME names the organizer of ORGANIZER_EMAIL; set that too',
  })
  .refine((env) => env.SMTP_URL === undefined || env.MAIL_FROM !== undefined, {
    message: 'set MAIL_FROM (the sender address, such as "Buddydesk <buddies@example.org>") with SMTP_URL',
  });

const mailFromRefusal = 'MAIL_FROM must be one address such as buddies@example.org or "Buddydesk <buddies@example.org>"';

function parseMailFrom(value: string, ctx: z.RefinementCtx): MailFrom {
  const parsed = addressparser(value, { flatten: true });
  const only = parsed.length === 1 ? parsed[0] : undefined;
  if (!only?.address || !z.email().safeParse(only.address).success) {
    ctx.addIssue({ code: 'custom', message: mailFromRefusal });
    return z.NEVER;
  }
  return { name: only.name, address: only.address };
}

export type MailFrom = { name: string; address: string };

export type Config = {
  port: number;
  databasePath: string;
  publicUrl: string;
  /** behind a reverse proxy: the client's address is the last one in X-Forwarded-For */
  trustProxy: boolean;
  /** a program import may fetch from loopback and private addresses (a conference system on the LAN) */
  allowPrivateFetch: boolean;
  /** name is unset when ORGANIZER_NAME is: the organizer is asked for one in the console */
  organizer: { email: string; password: string; name?: string } | null;
  /** smtpUrl null: nothing is sent, messages wait in the outbox */
  mail: { smtpUrl: string | null; from: MailFrom | null };
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function loadConfig(env: Record<string, string | undefined>, lanAddress = findLanAddress()): ConfigResult {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.');
    const message = issue?.code === 'invalid_type' || !issue ? `${field} is not valid` : issue.message;
    return { ok: false, message: `Bad configuration: ${message}` };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      port: e.PORT,
      databasePath: e.DATABASE_PATH,
      publicUrl: (e.PUBLIC_URL ?? `http://${lanAddress}:${e.PORT}`).replace(/\/+$/, ''),
      trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
      allowPrivateFetch: e.ALLOW_PRIVATE_FETCH === 'true' || e.ALLOW_PRIVATE_FETCH === '1',
      organizer:
        e.ORGANIZER_EMAIL && e.ORGANIZER_PASSWORD
          ? {
              email: e.ORGANIZER_EMAIL.toLowerCase(),
              password: e.ORGANIZER_PASSWORD,
              ...(e.ORGANIZER_NAME ? { name: e.ORGANIZER_NAME } : {}),
            }
          : null,
      mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM ?? null },
    },
  };
}

// Phones on the venue wifi must reach the laptop, so QR codes carry its LAN address, not localhost.
export function findLanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal) return a.address;
    }
  }
  return 'localhost';
}
