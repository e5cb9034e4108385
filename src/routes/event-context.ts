import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { findEventBySlug, type Event } from '../domain/events.ts';
import { slugSchema } from './params.ts';

/** The event named by `:slug`, or undefined for a malformed or unknown slug (the route answers 404). */
export function eventFromSlug(c: Context<AppEnv>): Event | undefined {
  const slug = slugSchema.safeParse(c.req.param('slug'));
  return slug.success ? findEventBySlug(c.var.db, slug.data) : undefined;
}

/** Form fields, repeated names as arrays; undefined when the body is not a form we can read. */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, string | string[]> | undefined> {
  try {
    const body = await c.req.parseBody({ all: true });
    const fields: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(body)) {
      const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      fields[k] = values.length === 1 ? values[0]! : values;
    }
    return fields;
  } catch {
    return undefined;
  }
}

export const meCookieName = 'bd_me';

/** This phone holds the person's page, so scanning the desk QR with it later checks them in. */
export function rememberPersonalPage(c: Context<AppEnv>, slug: string, token: string): void {
  setCookie(c, meCookieName, token, {
    path: `/e/${slug}`,
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.secureCookies,
    maxAge: 60 * 60 * 24 * 60,
  });
}
