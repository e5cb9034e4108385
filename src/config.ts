import { networkInterfaces } from 'node:os';
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
  })
  .refine((env) => (env.ORGANIZER_EMAIL === undefined) === (env.ORGANIZER_PASSWORD === undefined), {
    message: 'set ORGANIZER_EMAIL and ORGANIZER_PASSWORD together, or neither',
  })
  .refine((env) => env.ORGANIZER_NAME === undefined || env.ORGANIZER_EMAIL !== undefined, {
    message: 'ORGANIZER_NAME names the organizer of ORGANIZER_EMAIL; set that too',
  });

export type Config = {
  port: number;
  databasePath: string;
  publicUrl: string;
  /** name is unset when ORGANIZER_NAME is: the organizer is asked for one in the console */
  organizer: { email: string; password: string; name?: string } | null;
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
      organizer:
        e.ORGANIZER_EMAIL && e.ORGANIZER_PASSWORD
          ? {
              email: e.ORGANIZER_EMAIL.toLowerCase(),
              password: e.ORGANIZER_PASSWORD,
              ...(e.ORGANIZER_NAME ? { name: e.ORGANIZER_NAME } : {}),
            }
          : null,
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
