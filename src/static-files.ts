// Our files under /static, served by @hono/node-server's serveStatic with the answers it gets
// wrong put right: OPTIONS announced a body it never sent (a keep-alive client hung), and a Range
// past the end of a file threw (500). Ranges are checked against the file here first.
import { statSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

const oneRange = /^bytes=(\d*)-(\d*)$/;

function fileSize(urlPath: string): number | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('..') || path.includes('\0')) return undefined;
  const stats = statSync(`.${path}`, { throwIfNoEntry: false });
  return stats?.isFile() ? stats.size : undefined;
}

/** The range to send as `start-end`, 'unsatisfiable', or undefined to ignore the header (RFC 9110 allows it). */
export function normaliseRange(header: string, size: number): string | 'unsatisfiable' | undefined {
  const m = oneRange.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return `${Math.max(0, size - suffix)}-${size - 1}`;
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return `${start}-${end}`;
}

/** Files under /static; those under /static/vendor/ carry their version in the name, so a browser keeps them a year. */
export function staticFiles(): MiddlewareHandler {
  const serve = serveStatic({ root: './' });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: 'GET, HEAD' });
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const range = c.req.header('range');
    if (range !== undefined) {
      const size = fileSize(c.req.path);
      if (size === undefined) return next();
      const wanted = normaliseRange(range, size);
      if (wanted === 'unsatisfiable') return c.body(null, 416, { 'Content-Range': `bytes */${size}` });
      const headers = new Headers(c.req.raw.headers);
      if (wanted === undefined) headers.delete('range');
      else headers.set('range', `bytes=${wanted}`);
      c.req.raw = new Request(c.req.raw, { headers });
    }
    const served = await serve(c, next);
    // serveStatic's onFound runs after the response is made, too late to add a header
    if (c.req.path.startsWith('/static/vendor/') && c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return served;
  };
}
