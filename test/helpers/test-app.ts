import { createApp } from '../../src/app.tsx';
import { migrateDb, openDb, type Db } from '../../src/db.ts';
import type { FetchPolicy } from '../../src/remote-file.ts';

/**
 * Route tests reach the app the way phones at a venue do: a plain-HTTP host name that is not
 * localhost, where browsers send the page's Origin and no Sec-Fetch-Site.
 */
export const testOrigin = 'http://buddydesk.test';
const at = (path: string) => (path.startsWith('/') ? `${testOrigin}${path}` : path);

/** The real app on a fresh in-memory database with the real migrations and a clock the test moves. */
export function createTestApp(
  opts: { now?: Date; publicUrl?: string; trustProxy?: boolean; mailSending?: boolean; fetchPolicy?: Partial<FetchPolicy> } = {},
) {
  const db = openDb(':memory:');
  migrateDb(db);
  let current = opts.now ?? new Date('2026-10-14T14:00:00Z');
  const clock = {
    now: () => current,
    set: (d: Date) => {
      current = d;
    },
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
  };
  const app = createApp({
    db,
    now: clock.now,
    publicUrl: opts.publicUrl ?? testOrigin,
    trustProxy: opts.trustProxy ?? false,
    mailSending: opts.mailSending ?? false,
    ...(opts.fetchPolicy ? { fetchPolicy: opts.fetchPolicy } : {}),
  });
  return { app, db, clock };
}

export type TestApp = ReturnType<typeof createTestApp>;
export type { Db };

type Fields = Record<string, string | string[] | undefined>;

export function formBody(fields: Fields): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  return body;
}

/** Posts a form the way a browser on our own origin does over plain HTTP: Origin, no Sec-Fetch-Site. */
export function postForm(
  app: TestApp['app'],
  path: string,
  fields: Fields,
  opts: { htmx?: boolean; cookie?: string; origin?: string; address?: string } = {},
) {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Origin: opts.origin ?? testOrigin,
  };
  if (opts.htmx) headers['HX-Request'] = 'true';
  if (opts.cookie) headers.Cookie = opts.cookie;
  // the node server's bindings, so getConnInfo sees a client address as it does on a real socket
  const env = opts.address ? { incoming: { socket: { remoteAddress: opts.address } } } : undefined;
  return app.request(at(path), { method: 'POST', headers, body: formBody(fields).toString() }, env);
}

/** Posts a form with a file, as a browser's multipart upload does: Origin, no Sec-Fetch-Site. */
export function postUpload(
  app: TestApp['app'],
  path: string,
  fields: Record<string, string>,
  file: { field?: string; name: string; content: Uint8Array | string; type?: string } | undefined,
  opts: { cookie?: string } = {},
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append(file.field ?? 'file', new Blob([file.content], { type: file.type ?? 'application/octet-stream' }), file.name);
  const headers: Record<string, string> = { Origin: testOrigin };
  if (opts.cookie) headers.Cookie = opts.cookie;
  return app.request(at(path), { method: 'POST', headers, body });
}

export function get(app: TestApp['app'], path: string, opts: { htmx?: boolean; cookie?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.htmx) headers['HX-Request'] = 'true';
  if (opts.cookie) headers.Cookie = opts.cookie;
  return app.request(at(path), { headers });
}

/** "name=value" pairs from Set-Cookie headers, ready for a Cookie header. */
export function cookiesFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
