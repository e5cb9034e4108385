import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';

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

/** htmx asked, so the answer is a fragment to swap in rather than a page or a redirect. */
export const isHtmx = (c: Context<AppEnv>) => c.req.header('HX-Request') === 'true';
