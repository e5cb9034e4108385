// Safety for organizers, under /admin/e/:slug: the dashboard's alerts fragment, acknowledging an
// alert (audited), and the event's code of conduct and safety contact (on the event details page).
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import {
  acknowledgeSafetyReport,
  listOpenSafetyReports,
  safetyFieldLimits,
  safetySettingsSchema,
  updateSafetySettings,
  type SafetyField,
} from '../../domain/safety.ts';
import { fieldErrors, idSchema, typedText } from '../../form-input.ts';
import { eventPath } from '../../../views/admin/chrome.tsx';
import { SafetyAlerts, type SafetyValues } from '../../../views/admin/safety-alerts.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { readForm } from '../request.ts';
import { renderEdit } from './events.tsx';
import { flashNotice } from './notice.ts';

export const safetyRoutes = new Hono<AppEnv>();

safetyRoutes.get('/safety-alerts', (c) => {
  const { event } = c.var;
  c.header('Cache-Control', 'no-store');
  return c.html(<SafetyAlerts slug={event.slug} timezone={event.timezone} alerts={listOpenSafetyReports(c.var.db, event.id)} />);
});

safetyRoutes.post('/safety-alerts/:id/acknowledge', (c) => {
  const { event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
  const result = id.success
    ? acknowledgeSafetyReport(c.var.db, event, { reportId: id.data, organizerId: c.var.organizer.id, now: c.var.now() })
    : ({ ok: false, reason: 'not-found' } as const);
  if (!result.ok && result.reason === 'not-found') return c.html(<NotFoundPage message="There is no such safety alert at this event." />, 404);
  if (result.ok) c.var.live.publish({ eventId: event.id, participantIds: [], board: false });
  flashNotice(c, {
    kind: 'ok',
    text: result.ok ? 'Acknowledged the safety alert. It stays in the audit log.' : 'Another organizer had already acknowledged that alert.',
  });
  return c.redirect(eventPath(event.slug), 303);
});

safetyRoutes.post('/safety-settings', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const parsed = safetySettingsSchema.safeParse(form);
  if (!parsed.success) {
    const fields = Object.keys(safetyFieldLimits) as SafetyField[];
    const values = Object.fromEntries(fields.map((f) => [f, typedText(form[f], safetyFieldLimits[f]).trim()])) as SafetyValues;
    return renderEdit(c, { safety: { values, errors: fieldErrors<SafetyField>(parsed.error) } });
  }
  const result = updateSafetySettings(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, safety: parsed.data, now: c.var.now() });
  if (!result.ok) return c.html(<NotFoundPage />, 404);
  flashNotice(c, {
    kind: 'ok',
    text: result.changed.length > 0 ? `Saved the ${result.changed.join(', ')}.` : 'Nothing had changed.',
  });
  return c.redirect(`${eventPath(event.slug)}/edit#safety`, 303);
});
