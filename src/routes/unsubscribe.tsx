// The unsubscribe link in every message. Mounted at /e/:slug/unsubscribe for mail about an event
// and at /unsubscribe for mail about none. Opening the link (which mail scanners do on their own)
// only shows the question; the button's POST records the opt-out.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { findRecipientByToken, unsubscribe } from '../domain/mail-recipients.ts';
import { personalTokenSchema } from '../form-input.ts';
import { NotFoundPage } from '../../views/errors.tsx';
import { UnsubscribePage } from '../../views/unsubscribe.tsx';
import { requireEvent } from './event-guard.tsx';

const linkNotValid = 'This unsubscribe link is not valid. Use the link in the most recent e-mail you received.';

function unsubscribeLinks(aboutAnEvent: boolean) {
  const routes = new Hono<AppEnv>();
  if (aboutAnEvent) routes.use('*', requireEvent(linkNotValid));
  const eventOf = (c: Context<AppEnv>) => (aboutAnEvent ? c.var.event : null);

  routes.get('/:token', (c) => {
    const event = eventOf(c);
    const token = personalTokenSchema.safeParse(c.req.param('token'));
    const recipient = token.success ? findRecipientByToken(c.var.db, event?.id ?? null, token.data) : undefined;
    if (!recipient) return c.html(<NotFoundPage message={linkNotValid} />, 404);
    c.header('Cache-Control', 'no-store');
    return c.html(
      <UnsubscribePage
        eventName={event?.name ?? null}
        address={recipient.address}
        unsubscribed={recipient.unsubscribedAt !== null}
        action={c.req.path}
      />,
    );
  });

  routes.post('/:token', (c) => {
    const token = personalTokenSchema.safeParse(c.req.param('token'));
    const result = token.success && unsubscribe(c.var.db, { eventId: eventOf(c)?.id ?? null, token: token.data, now: c.var.now() });
    if (!result || !result.ok) return c.html(<NotFoundPage message={linkNotValid} />, 404);
    return c.redirect(c.req.path, 303);
  });
  return routes;
}

/** Links in mail about one event: /e/:slug/unsubscribe/:token */
export const eventUnsubscribeRoutes = unsubscribeLinks(true);
/** Links in mail about no event: /unsubscribe/:token */
export const unsubscribeRoutes = unsubscribeLinks(false);
