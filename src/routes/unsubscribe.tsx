// The unsubscribe link in every message. Mounted at /e/:slug/unsubscribe for mail about an event
// and at /unsubscribe for mail about none. Opening the link (which mail scanners do on their own)
// only shows the question; the button's POST records the opt-out.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { findRecipientByToken, unsubscribe } from '../domain/mail-recipients.ts';
import { NotFoundPage } from '../../views/errors.tsx';
import { UnsubscribePage } from '../../views/unsubscribe.tsx';
import { eventFromSlug } from './event-context.ts';
import { personalTokenSchema } from './params.ts';

export const unsubscribeRoutes = new Hono<AppEnv>();

const linkNotValid = 'This unsubscribe link is not valid. Use the link in the most recent e-mail you received.';

/** The event the path names (null when mounted without one) and the token, or undefined for a 404. */
function linkTarget(c: Context<AppEnv>) {
  const token = personalTokenSchema.safeParse(c.req.param('token'));
  if (!token.success) return undefined;
  if (c.req.param('slug') === undefined) return { event: null, token: token.data };
  const event = eventFromSlug(c);
  return event ? { event, token: token.data } : undefined;
}

unsubscribeRoutes.get('/:token', (c) => {
  const target = linkTarget(c);
  const recipient = target && findRecipientByToken(c.var.db, target.event?.id ?? null, target.token);
  if (!target || !recipient) return c.html(<NotFoundPage message={linkNotValid} />, 404);
  c.header('Cache-Control', 'no-store');
  return c.html(
    <UnsubscribePage
      eventName={target.event?.name ?? null}
      address={recipient.address}
      unsubscribed={recipient.unsubscribedAt !== null}
      action={c.req.path}
    />,
  );
});

unsubscribeRoutes.post('/:token', (c) => {
  const target = linkTarget(c);
  const result = target && unsubscribe(c.var.db, { eventId: target.event?.id ?? null, token: target.token, now: c.var.now() });
  if (!result?.ok) return c.html(<NotFoundPage message={linkNotValid} />, 404);
  return c.redirect(c.req.path, 303);
});
