// Every request body is bounded before anything reads it: a 10 MB "name" or a stream of 50 MB posts
// must cost a short 413, not memory. Forms are small; only file uploads get more room.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export const formBodyLimit = 256 * 1024;
export const uploadBodyLimit = 8 * 1024 * 1024;
/** routes that take a file (a program or a people list from a spreadsheet) */
const uploadPath = /^\/admin\/e\/[a-z0-9-]+\/[a-z-]+\/import(\/|$)/;

export function bodyLimits(tooLarge: (c: Context, maxSize: number) => Response | Promise<Response>): MiddlewareHandler {
  const forms = bodyLimit({ maxSize: formBodyLimit, onError: (c) => tooLarge(c, formBodyLimit) });
  const uploads = bodyLimit({ maxSize: uploadBodyLimit, onError: (c) => tooLarge(c, uploadBodyLimit) });
  return (c, next) => (uploadPath.test(c.req.path) ? uploads(c, next) : forms(c, next));
}
