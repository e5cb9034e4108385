// Feedback on the personal page: the answer's own URL (/e/:slug/me/:token/feedback), where the
// form posts and where a refused answer comes back without JavaScript. Mounted beside meRoutes.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Event } from '../domain/events.ts';
import {
  feedbackErrorsFrom,
  feedbackFormSchema,
  feedbackWindow,
  findFeedback,
  recordFeedbackVisit,
  saveFeedback,
  type FeedbackField,
  type FeedbackResponse,
  type FeedbackWindow,
} from '../domain/feedback.ts';
import { offersLetter } from '../domain/letters.ts';
import type { Participant } from '../domain/participants.ts';
import { BadRequestPage, NotFoundPage } from '../../views/errors.tsx';
import { formatDay } from '../../views/format.ts';
import {
  emptyFeedback,
  FeedbackForm,
  FeedbackPage,
  FeedbackRefusedPage,
  type AfterEventProps,
  type FeedbackValues,
} from '../../views/feedback.tsx';
import { readForm } from './event-context.ts';
import { typedText } from './form-values.ts';
import { findMe, notYours } from './personal-page.ts';

export const feedbackRoutes = new Hono<AppEnv>();

const valuesOf = (r: FeedbackResponse): FeedbackValues => ({
  met: r.met,
  rating: r.rating === null ? '' : String(r.rating),
  again: r.again,
  comment: r.comment,
  mayContact: r.mayContact,
});

/** What the personal page shows after the event; the visit counts as "opened" once invitations are out. */
export function afterEventProps(
  c: Context<AppEnv>,
  event: Event,
  me: Participant,
  opts: { saved?: boolean; values?: FeedbackValues; errors?: Partial<Record<FeedbackField, string>> } = {},
): AfterEventProps {
  const now = c.var.now();
  recordFeedbackVisit(c.var.db, event, me, now);
  const response = findFeedback(c.var.db, me.id);
  return {
    slug: event.slug,
    token: me.token,
    role: me.role,
    window: feedbackWindow(event, now),
    answered: response !== undefined,
    values: opts.values ?? (response ? valuesOf(response) : emptyFeedback),
    ...(opts.errors ? { errors: opts.errors } : {}),
    saved: opts.saved ?? false,
    hasEmail: me.email !== null,
    letter: offersLetter(c.var.db, event, me, now),
  };
}

// a personal page must not linger in shared caches or a kiosk's back button
feedbackRoutes.use('*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});

const isHtmx = (c: Context<AppEnv>) => c.req.header('HX-Request') === 'true';

feedbackRoutes.get('/:token/feedback', (c) => {
  const found = findMe(c);
  if (!found) return c.html(<NotFoundPage message={notYours} />, 404);
  const { event, me } = found;
  const props = afterEventProps(c, event, me);
  // before it opens and after it closes, the personal page says so
  if (props.window.state !== 'open') return c.redirect(`/e/${event.slug}/me/${me.token}#feedback`, 303);
  return c.html(<FeedbackPage event={event} {...props} />);
});

function refuse(c: Context<AppEnv>, event: Event, me: Participant, window: FeedbackWindow) {
  const message =
    window.state === 'not-yet'
      ? 'Feedback opens when the conference ends; we will e-mail you then. Nothing was saved.'
      : `Feedback closed at the end of ${formatDay(window.lastDay)}. Nothing was saved.`;
  if (isHtmx(c)) {
    return c.html(
      <p class="banner error" id="feedback" role="alert">
        {message}
      </p>,
      409,
    );
  }
  return c.html(<FeedbackRefusedPage slug={event.slug} token={me.token} message={message} />, 409);
}

feedbackRoutes.post('/:token/feedback', async (c) => {
  const found = findMe(c);
  if (!found) return c.html(<NotFoundPage message={notYours} />, 404);
  const { event, me } = found;
  c.header('Vary', 'HX-Request');
  const window = feedbackWindow(event, c.var.now());
  if (window.state !== 'open') return refuse(c, event, me, window);
  const form = await readForm(c);
  if (!form) return c.html(<BadRequestPage message="We could not read that form. Please go back and try again." />, 400);
  const parsed = feedbackFormSchema.safeParse(form);
  if (!parsed.success) {
    const values: FeedbackValues = {
      met: typedText(form.met, 10),
      rating: typedText(form.rating, 2),
      again: typedText(form.again, 10),
      comment: typedText(form.comment, 2000),
      mayContact: form.mayContact !== undefined && form.mayContact !== '',
    };
    const props = afterEventProps(c, event, me, { values, errors: feedbackErrorsFrom(parsed.error) });
    return c.html(isHtmx(c) ? <FeedbackForm {...props} /> : <FeedbackPage event={event} {...props} />, 422);
  }
  const result = saveFeedback(c.var.db, event, me, parsed.data, c.var.now());
  if (!result.ok) return refuse(c, event, me, result.window);
  if (isHtmx(c)) return c.html(<FeedbackForm {...afterEventProps(c, event, me, { saved: true })} />);
  return c.redirect(`/e/${event.slug}/me/${me.token}?notice=feedback#feedback`, 303);
});
