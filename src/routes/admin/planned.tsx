// Planned pairs, before the conference: the page with the pre-event round, the hold time and the
// planned pairs; ending one. The round itself is proposed, reviewed and published under rounds.tsx.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { endPlannedPair, listPlannedPairs, plannedHoldFormSchema, updatePlannedHold } from '../../domain/planned-pairs.ts';
import { idSchema, typedText } from '../../form-input.ts';
import { eventPath, type Notice } from '../../../views/admin/chrome.tsx';
import { PlannedPage, PlannedPairList } from '../../../views/admin/planned.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { noEventForOrganizers } from '../event-guard.tsx';
import { isHtmx, readForm } from '../request.ts';
import { flashNotice, takeNotice } from './notice.ts';

export const plannedRoutes = new Hono<AppEnv>();

const notPlanned = 'There is no such planned pair in this event. Nothing was changed.';
const plannedPath = (c: Context<AppEnv>) => `${eventPath(c.var.event.slug)}/planned`;

function renderPlanned(c: Context<AppEnv>, hold?: { value: string; error: string }) {
  const { db, event } = c.var;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <PlannedPage
      organizer={c.var.organizer}
      event={event}
      pairs={listPlannedPairs(db, event.id)}
      hold={hold ?? { value: event.settings.plannedHoldUntil ?? '' }}
      notice={hold ? undefined : takeNotice(c)}
    />,
    hold ? 422 : 200,
  );
}

plannedRoutes.get('/planned', (c) => renderPlanned(c));

plannedRoutes.get('/planned/list', (c) => c.html(<PlannedPairList slug={c.var.event.slug} pairs={listPlannedPairs(c.var.db, c.var.event.id)} />));

plannedRoutes.post('/planned/hold', async (c) => {
  const form = (await readForm(c)) ?? {};
  const parsed = plannedHoldFormSchema.safeParse(form);
  if (!parsed.success) {
    return renderPlanned(c, { value: typedText(form.plannedHoldUntil, 10), error: parsed.error.issues[0]?.message ?? 'Enter a time such as 10:30' });
  }
  const result = updatePlannedHold(c.var.db, { eventId: c.var.event.id, organizerId: c.var.organizer.id, hold: parsed.data, now: c.var.now() });
  if (!result.ok) return c.html(<NotFoundPage message={noEventForOrganizers} />, 404);
  flashNotice(c, {
    kind: 'ok',
    text: parsed.data.plannedHoldUntil
      ? `Planned pairs hold until ${parsed.data.plannedHoldUntil} on ${c.var.event.startsOn}.`
      : 'Planned pairs hold until you end them.',
  });
  return c.redirect(plannedPath(c), 303);
});

plannedRoutes.post('/planned/:id/end', (c) => {
  const { db, event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return c.html(<NotFoundPage message={notPlanned} />, 404);
  const result = endPlannedPair(db, event, { pairId: id.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok && result.reason === 'not-found') return c.html(<NotFoundPage message={notPlanned} />, 404);
  const notice: Notice = result.ok
    ? { kind: 'ok', text: `Ended the planned pair of ${result.firstTimer.name} and ${result.volunteer.name}.` }
    : { kind: 'error', text: 'That pair is no longer planned (it went live or was ended). Nothing was changed.' };
  if (result.ok) c.var.live.publish({ eventId: event.id, participantIds: result.participantIds, board: result.board });
  c.header('Vary', 'HX-Request');
  if (isHtmx(c)) return c.html(<PlannedPairList slug={event.slug} pairs={listPlannedPairs(db, event.id)} notice={notice} />, result.ok ? 200 : 409);
  flashNotice(c, notice);
  return c.redirect(plannedPath(c), 303);
});
