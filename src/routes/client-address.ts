import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../app-env.ts';

/**
 * The address a request came from: the socket's, or behind a trusted reverse proxy the last entry
 * of X-Forwarded-For (the one our proxy added; earlier entries are whatever the client claimed).
 */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  if (c.var.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket unless the test passes one
    return undefined;
  }
}
