// The event named by `:slug`, found once for every route of an area: a handler reads
// `c.var.event` and never checks for it. A malformed or unknown slug is a 404 saying what the
// area's visitors need to hear (a phone: no conference here; an organizer: pick one from the list).
// An archived event is over: its public pages answer 410 Gone; organizers may still read it.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { findEventBySlug } from '../domain/events.ts';
import { slugSchema } from '../form-input.ts';
import { EventClosedPage, NotFoundPage } from '../../views/errors.tsx';

export const noEvent = 'There is no conference at this address.';
export const noEventForOrganizers = 'There is no event at this address. Pick one from the event list.';

export function requireEvent(notFound: string = noEvent, opts: { whenArchived: 'closed' | 'open' } = { whenArchived: 'closed' }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const slug = slugSchema.safeParse(c.req.param('slug'));
    const event = slug.success ? findEventBySlug(c.var.db, slug.data) : undefined;
    if (!event) return c.html(<NotFoundPage message={notFound} />, 404);
    if (event.archivedAt && opts.whenArchived === 'closed') return c.html(<EventClosedPage eventName={event.name} />, 410);
    c.set('event', event);
    await next();
  };
}
