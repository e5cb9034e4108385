// Feedback for organizers: its window, opening it early (which writes the invitations), the
// invitation counts and the settings. Mounted by index.tsx under /admin/e/:slug, behind the sign-in.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { countFeedbackMail, openFeedbackNow } from '../../domain/feedback-invitations.ts';
import {
  feedbackSettingsOf,
  feedbackSettingsSchema,
  feedbackWindow,
  updateFeedbackSettings,
  type FeedbackSettingsField,
} from '../../domain/feedback.ts';
import { fieldErrors, typedText } from '../../form-input.ts';
import { FeedbackAdminPage, feedbackPath, type FeedbackSettingsValues } from '../../../views/admin/feedback.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { noEventForOrganizers } from '../event-guard.tsx';
import { readForm } from '../request.ts';
import { flashNotice, takeNotice } from './notice.ts';

export const feedbackRoutes = new Hono<AppEnv>();

function render(
  c: Context<AppEnv>,
  refused?: { settings?: FeedbackSettingsValues; errors: Partial<Record<FeedbackSettingsField | 'confirm', string>> },
) {
  const { event } = c.var;
  const s = feedbackSettingsOf(event);
  c.header('Cache-Control', 'no-store');
  return c.html(
    <FeedbackAdminPage
      organizer={c.var.organizer}
      event={event}
      window={feedbackWindow(event, c.var.now())}
      counts={countFeedbackMail(c.var.db, event.id)}
      settings={refused?.settings ?? { feedbackDays: String(s.feedbackDays), feedbackReminderDays: String(s.feedbackReminderDays) }}
      errors={refused?.errors}
      notice={refused ? undefined : takeNotice(c)}
      sending={c.var.mailSending}
    />,
    refused ? 422 : 200,
  );
}

feedbackRoutes.get('/feedback', (c) => render(c));

const openRefusals = {
  'not-found': null,
  'already-open': 'Feedback is already open; the invitations went out when it opened.',
  closed: 'Feedback has closed; it cannot be opened again.',
} as const;

feedbackRoutes.post('/feedback/open', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  if (typedText(form.confirm, 3) !== 'yes') {
    return render(c, { errors: { confirm: 'Tick the box to confirm that everyone is e-mailed now. Nothing was sent.' } });
  }
  const result = openFeedbackNow(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, now: c.var.now(), publicUrl: c.var.publicUrl });
  if (!result.ok) {
    const text = openRefusals[result.reason];
    if (text === null) return c.html(<NotFoundPage message={noEventForOrganizers} />, 404);
    flashNotice(c, { kind: 'error', text });
    return c.redirect(feedbackPath(event.slug), 303);
  }
  flashNotice(c, {
    kind: 'ok',
    text: `Feedback is open. ${result.invited} ${result.invited === 1 ? 'invitation was' : 'invitations were'} written to the outbox.`,
  });
  return c.redirect(feedbackPath(event.slug), 303);
});

feedbackRoutes.post('/feedback/settings', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const parsed = feedbackSettingsSchema.safeParse(form);
  if (!parsed.success) {
    return render(c, {
      settings: { feedbackDays: typedText(form.feedbackDays, 8), feedbackReminderDays: typedText(form.feedbackReminderDays, 8) },
      errors: fieldErrors<FeedbackSettingsField>(parsed.error),
    });
  }
  const result = updateFeedbackSettings(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, settings: parsed.data, now: c.var.now() });
  if (!result.ok) return c.html(<NotFoundPage message={noEventForOrganizers} />, 404);
  flashNotice(c, { kind: 'ok', text: 'Saved the feedback settings.' });
  return c.redirect(feedbackPath(event.slug), 303);
});
