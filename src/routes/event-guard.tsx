// The event named by `:slug`, found once for every route of an area: a handler reads
// `c.var.event` and never checks for it. A malformed or unknown slug is a 404 saying what the
// area's visitors need to hear (a phone: no conference here; an organizer: pick one from the list).
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { findEventBySlug } from '../domain/events.ts';
import { slugSchema } from '../form-input.ts';
import { NotFoundPage } from '../../views/errors.tsx';

export const noEvent = 'There is no conference at this address.';
export const noEventForOrganizers = 'There is no event at this address. Pick one from the event list.';

export function requireEvent(notFound: string = noEvent): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const slug = slugSchema.safeParse(c.req.param('slug'));
    const event = slug.success ? findEventBySlug(c.var.db, slug.data) : undefined;
    if (!event) return c.html(<NotFoundPage message={notFound} />, 404);
    c.set('event', event);
    await next();
  };
}
