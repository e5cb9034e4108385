// Meetup spots and the event's timing. Mounted by admin.tsx under /admin/e/:slug, behind the sign-in.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Event } from '../domain/events.ts';
import {
  addSpot,
  eventTiming,
  formErrorsFrom,
  listSpots,
  spotFormSchema,
  timingFormSchema,
  updateEventTiming,
  updateSpot,
  type SpotField,
  type TimingField,
  type TimingInput,
} from '../domain/spots.ts';
import { SpotsPage, type SpotsPageRefusal, type SpotValues, type TimingValues } from '../../views/admin-spots.tsx';
import { NotFoundPage } from '../../views/errors.tsx';
import { dashboardPath, eventNotFound, flashNotice, idParamSchema, takeNotice } from './admin-dashboard.tsx';
import { eventFromSlug, readForm } from './event-context.ts';
import { typedText } from './form-values.ts';

export const adminSpotsRoutes = new Hono<AppEnv>();

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

const spotsPath = (event: Event) => `${dashboardPath(event)}/spots`;

function renderSpots(c: Context<AppEnv>, event: Event, refused?: SpotsPageRefusal) {
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

adminSpotsRoutes.get('/spots', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  return renderSpots(c, event);
});

adminSpotsRoutes.post('/spots', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const form = (await readForm(c)) ?? {};
  const parsed = spotFormSchema.safeParse(form);
  if (!parsed.success) {
    return renderSpots(c, event, { form: 'new-spot', values: spotValuesFrom(form), errors: formErrorsFrom<SpotField>(parsed.error) });
  }
  const spot = addSpot(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, spot: parsed.data, now: c.var.now() });
  flashNotice(c, { kind: 'ok', text: `Added ${spot.name}.` });
  return c.redirect(spotsPath(event), 303);
});

adminSpotsRoutes.post('/spots/:id', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const id = idParamSchema.safeParse(c.req.param('id'));
  if (!id.success) return c.html(<NotFoundPage message={spotNotFound} />, 404);
  const form = (await readForm(c)) ?? {};
  const parsed = spotFormSchema.safeParse(form);
  if (!parsed.success) {
    if (!listSpots(c.var.db, event.id).some((s) => s.id === id.data)) return c.html(<NotFoundPage message={spotNotFound} />, 404);
    return renderSpots(c, event, {
      form: 'spot',
      spotId: id.data,
      values: spotValuesFrom(form),
      errors: formErrorsFrom<SpotField>(parsed.error),
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
  return c.redirect(spotsPath(event), 303);
});

adminSpotsRoutes.post('/timing', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
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
    return renderSpots(c, event, { form: 'timing', values, errors: formErrorsFrom<TimingField>(parsed.error) });
  }
  const result = updateEventTiming(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, timing: parsed.data, now: c.var.now() });
  if (!result.ok) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  flashNotice(c, { kind: 'ok', text: 'Saved the timing.' });
  return c.redirect(spotsPath(event), 303);
});
