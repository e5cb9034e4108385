import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** Form fields, repeated names as arrays; undefined when the body is not a form we can read. */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, string | string[]> | undefined> {
  // a plain form (every registration) is read directly: the general parser goes through FormData
  if (mediaType(c) === 'application/x-www-form-urlencoded') {
    try {
      return fieldsOf(new URLSearchParams(await c.req.text()));
    } catch {
      return undefined;
    }
  }
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

const mediaType = (c: Context<AppEnv>) => c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();

function fieldsOf(params: URLSearchParams): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    if (k === '__proto__') continue;
    const had = Object.hasOwn(fields, k) ? fields[k] : undefined;
    if (Array.isArray(had)) had.push(v);
    else fields[k] = had === undefined ? v : [had, v];
  }
  return fields;
}

/** htmx asked, so the answer is a fragment to swap in rather than a page or a redirect. */
export const isHtmx = (c: Context<AppEnv>) => c.req.header('HX-Request') === 'true';

export type UploadedFile = { name: string; bytes: Uint8Array };

/**
 * A form with a file field (multipart): its text fields as readForm gives them, and the chosen
 * file, if one was chosen — a browser sends an empty, nameless part for a file input left empty.
 */
export async function readUploadForm(
  c: Context<AppEnv>,
  fileField = 'file',
): Promise<{ fields: Record<string, string | string[]>; file: UploadedFile | undefined } | undefined> {
  try {
    const body = await c.req.parseBody({ all: true });
    const fields: Record<string, string | string[]> = {};
    let file: UploadedFile | undefined;
    for (const [k, v] of Object.entries(body)) {
      const values = Array.isArray(v) ? v : [v];
      const texts = values.filter((x): x is string => typeof x === 'string');
      if (texts.length > 0) fields[k] = texts.length === 1 ? texts[0]! : texts;
      const chosen = values.find((x): x is File => typeof x !== 'string' && (x.size > 0 || x.name !== ''));
      if (k === fileField && chosen) file = { name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) };
    }
    return { fields, file };
  } catch {
    return undefined;
  }
}
