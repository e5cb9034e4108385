// Feedback on the personal page: the answer's own URL (/e/:slug/me/:token/feedback), where the
// form posts and where a refused answer comes back without JavaScript. Mounted by me.tsx behind
// its guard, so `c.var.event` and `c.var.me` are the person whose link this is.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import {
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
import { fieldErrors, typedText } from '../form-input.ts';
import { BadRequestPage } from '../../views/errors.tsx';
import { formatDay } from '../../views/format.ts';
import {
  emptyFeedback,
  FeedbackForm,
  FeedbackPage,
  FeedbackRefusedPage,
  type AfterEventProps,
  type FeedbackValues,
} from '../../views/feedback.tsx';
import { isHtmx, readForm } from './request.ts';

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
  opts: { saved?: boolean; values?: FeedbackValues; errors?: Partial<Record<FeedbackField, string>> } = {},
): AfterEventProps {
  const { event, me } = c.var;
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

feedbackRoutes.get('/:token/feedback', (c) => {
  const { event, me } = c.var;
  const props = afterEventProps(c);
  // before it opens and after it closes, the personal page says so
  if (props.window.state !== 'open') return c.redirect(`/e/${event.slug}/me/${me.token}#feedback`, 303);
  return c.html(<FeedbackPage event={event} {...props} />);
});

function refuse(c: Context<AppEnv>, window: FeedbackWindow) {
  const { event, me } = c.var;
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
  const { event, me } = c.var;
  c.header('Vary', 'HX-Request');
  const window = feedbackWindow(event, c.var.now());
  if (window.state !== 'open') return refuse(c, window);
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
    const props = afterEventProps(c, { values, errors: fieldErrors<FeedbackField>(parsed.error) });
    return c.html(isHtmx(c) ? <FeedbackForm {...props} /> : <FeedbackPage event={event} {...props} />, 422);
  }
  const result = saveFeedback(c.var.db, event, me, parsed.data, c.var.now());
  if (!result.ok) return refuse(c, result.window);
  if (isHtmx(c)) return c.html(<FeedbackForm {...afterEventProps(c, { saved: true })} />);
  return c.redirect(`/e/${event.slug}/me/${me.token}?notice=feedback#feedback`, 303);
});
