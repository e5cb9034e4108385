// Meetup spots and the event's timing: added and changed by organizers, each change in the audit log.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import {
  addSpot,
  eventTiming,
  listSpots,
  spotFormSchema,
  timingFormSchema,
  updateEventTiming,
  updateSpot,
  type SpotField,
  type TimingField,
  type TimingInput,
} from '../../domain/spots.ts';
import { fieldErrors, idSchema, typedText } from '../../form-input.ts';
import { eventPath } from '../../../views/admin/chrome.tsx';
import { SpotsPage, type SpotsPageRefusal, type SpotValues, type TimingValues } from '../../../views/admin/spots.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { noEventForOrganizers } from '../event-guard.tsx';
import { readForm } from '../request.ts';
import { flashNotice, takeNotice } from './notice.ts';

export const spotsRoutes = new Hono<AppEnv>();

const spotNotFound = 'There is no such meetup spot in this event. Nothing was changed.';

const number = (v: string | string[] | undefined) => typedText(v, 8);

const spotValuesFrom = (form: Record<string, string | string[]>): SpotValues => ({
  name: typedText(form.name, 80),
  directions: typedText(form.directions, 300),
  pairsAtOnce: number(form.pairsAtOnce),
});

const timingValues = (t: TimingInput): TimingValues => ({
  slotMinutes: String(t.slotMinutes),
  leadMinutes: String(t.leadMinutes),
  graceMinutes: String(t.graceMinutes),
  autoRoundMinutes: t.autoRoundMinutes === null ? '' : String(t.autoRoundMinutes),
  autoRematch: t.autoRematch,
});

const spotsPath = (c: Context<AppEnv>) => `${eventPath(c.var.event.slug)}/spots`;

function renderSpots(c: Context<AppEnv>, refused?: SpotsPageRefusal) {
  const { event } = c.var;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <SpotsPage
      organizer={c.var.organizer}
      event={event}
      spots={listSpots(c.var.db, event.id)}
      timing={timingValues(eventTiming(event))}
      notice={refused ? undefined : takeNotice(c)}
      refused={refused}
    />,
    refused ? 422 : 200,
  );
}

spotsRoutes.get('/spots', (c) => renderSpots(c));

spotsRoutes.post('/spots', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const parsed = spotFormSchema.safeParse(form);
  if (!parsed.success) {
    return renderSpots(c, { form: 'new-spot', values: spotValuesFrom(form), errors: fieldErrors<SpotField>(parsed.error) });
  }
  const spot = addSpot(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, spot: parsed.data, now: c.var.now() });
  flashNotice(c, { kind: 'ok', text: `Added ${spot.name}.` });
  return c.redirect(spotsPath(c), 303);
});

spotsRoutes.post('/spots/:id', async (c) => {
  const { event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return c.html(<NotFoundPage message={spotNotFound} />, 404);
  const form = (await readForm(c)) ?? {};
  const parsed = spotFormSchema.safeParse(form);
  if (!parsed.success) {
    if (!listSpots(c.var.db, event.id).some((s) => s.id === id.data)) return c.html(<NotFoundPage message={spotNotFound} />, 404);
    return renderSpots(c, {
      form: 'spot',
      spotId: id.data,
      values: spotValuesFrom(form),
      errors: fieldErrors<SpotField>(parsed.error),
    });
  }
  const result = updateSpot(c.var.db, {
    eventId: event.id,
    spotId: id.data,
    organizerId: c.var.organizer.id,
    spot: parsed.data,
    now: c.var.now(),
  });
  if (!result.ok) return c.html(<NotFoundPage message={spotNotFound} />, 404);
  // the board shows spot names and directions
  c.var.live.publish({ eventId: event.id, participantIds: [], board: true });
  flashNotice(c, { kind: 'ok', text: `Saved ${result.spot.name}.` });
  return c.redirect(spotsPath(c), 303);
});

spotsRoutes.post('/timing', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const parsed = timingFormSchema.safeParse(form);
  if (!parsed.success) {
    const values: TimingValues = {
      slotMinutes: number(form.slotMinutes),
      leadMinutes: number(form.leadMinutes),
      graceMinutes: number(form.graceMinutes),
      autoRoundMinutes: number(form.autoRoundMinutes),
      autoRematch: form.autoRematch !== undefined && form.autoRematch !== '',
    };
    return renderSpots(c, { form: 'timing', values, errors: fieldErrors<TimingField>(parsed.error) });
  }
  const result = updateEventTiming(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, timing: parsed.data, now: c.var.now() });
  if (!result.ok) return c.html(<NotFoundPage message={noEventForOrganizers} />, 404);
  flashNotice(c, { kind: 'ok', text: 'Saved the timing.' });
  return c.redirect(spotsPath(c), 303);
});
