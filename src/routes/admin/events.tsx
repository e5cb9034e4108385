// The organizer's start page (the list of events) and creating an event; under /admin/e/:slug,
// changing its details, archiving, restoring and deleting it. An archived event is read-only:
// readOnlyWhenArchived refuses every other change to it.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import {
  archiveEvent,
  archiveWarning,
  deleteEvent,
  eventFieldLimits,
  eventFormSchema,
  listEventSummaries,
  restoreEvent,
  setUpEvent,
  updateEventDetails,
  type EventDetails,
  type EventField,
} from '../../domain/event-admin.ts';
import type { Event } from '../../domain/events.ts';
import { northAmericanZones, otherTimeZones } from '../../domain/time-zones.ts';
import { fieldErrors, typedText } from '../../form-input.ts';
import { eventPath } from '../../../views/admin/chrome.tsx';
import {
  DeleteEventPage,
  EditEventPage,
  NewEventPage,
  type EventErrors,
  type EventValues,
} from '../../../views/admin/event-form.tsx';
import { EventListPage } from '../../../views/admin/events.tsx';
import { plural } from '../../../views/format.ts';
import { EventArchivedPage } from '../../../views/errors.tsx';
import { isHtmx, readForm } from '../request.ts';
import { safetySettingsOf } from '../../domain/safety.ts';
import { safetyValuesOf, type SafetyErrors, type SafetyValues } from '../../../views/admin/safety-alerts.tsx';
import { flashNotice, takeNotice } from './notice.ts';

const zones = () => ({ northAmerica: northAmericanZones, others: otherTimeZones() });
const slugTaken = 'Another event already has this short name. Choose another, e.g. with the year: rla-2027.';

function valuesFrom(form: Record<string, string | string[]>): EventValues {
  const fields = Object.keys(eventFieldLimits) as EventField[];
  return Object.fromEntries(fields.map((f) => [f, typedText(form[f], eventFieldLimits[f]).trim()])) as EventValues;
}

const valuesOf = (e: EventDetails): EventValues => ({ ...e, retentionDays: String(e.retentionDays) });

export const eventsRoutes = new Hono<AppEnv>();

eventsRoutes.get('/', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.html(<EventListPage organizer={c.var.organizer} events={listEventSummaries(c.var.db)} notice={takeNotice(c)} />);
});

const renderNew = (c: Context<AppEnv>, values: EventValues, errors: EventErrors = {}) =>
  c.html(
    <NewEventPage organizer={c.var.organizer} values={values} errors={errors} zones={zones()} publicUrl={c.var.publicUrl} />,
    Object.keys(errors).length > 0 ? 422 : 200,
  );

eventsRoutes.get('/events/new', (c) =>
  renderNew(c, { name: '', slug: '', venue: '', timezone: 'America/New_York', startsOn: '', endsOn: '', retentionDays: '90' }),
);

eventsRoutes.post('/events', async (c) => {
  const form = (await readForm(c)) ?? {};
  const parsed = eventFormSchema.safeParse(form);
  if (!parsed.success) return renderNew(c, valuesFrom(form), fieldErrors<EventField>(parsed.error));
  const result = setUpEvent(c.var.db, { organizerId: c.var.organizer.id, details: parsed.data, now: c.var.now() });
  if (!result.ok) return renderNew(c, valuesFrom(form), { slug: slugTaken });
  flashNotice(c, { kind: 'ok', text: `Created ${result.event.name}. Set up what people choose from, the weights and the program next.` });
  return c.redirect(eventPath(result.event.slug), 303);
});

// --- one event, under /admin/e/:slug ---

/** Organizers may still restore or delete an archived event, and erase someone on request; everything else about it is read-only. */
export const readOnlyWhenArchived: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { event } = c.var;
  const base = eventPath(event.slug);
  // erasing someone's data on their request is owed also after the program is over
  const erase = c.req.path.startsWith(`${base}/participants/`) && c.req.path.endsWith('/erase');
  const stillAllowed = c.req.path === `${base}/restore` || c.req.path === `${base}/delete` || erase;
  if (event.archivedAt && c.req.method === 'POST' && !stillAllowed) {
    if (isHtmx(c)) c.header('HX-Reswap', 'none');
    return c.html(<EventArchivedPage eventName={event.name} back={`${base}/edit`} />, 409);
  }
  await next();
};

export const eventDetailsRoutes = new Hono<AppEnv>();

export function renderEdit(
  c: Context<AppEnv>,
  opts: { values?: EventValues; errors?: EventErrors; archiveError?: string; safety?: { values: SafetyValues; errors: SafetyErrors } } = {},
) {
  const { event } = c.var;
  const warning = archiveWarning(event, c.var.now());
  const refused = opts.errors !== undefined || opts.archiveError !== undefined || opts.safety !== undefined;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <EditEventPage
      organizer={c.var.organizer}
      event={event}
      values={opts.values ?? valuesOf(event)}
      errors={opts.errors ?? {}}
      zones={zones()}
      publicUrl={c.var.publicUrl}
      notice={refused ? undefined : takeNotice(c)}
      archiveWarning={warning && warning.state !== 'closed' ? { state: warning.state, lastDay: warning.lastDay } : null}
      archiveError={opts.archiveError}
      safety={{ slug: event.slug, ...(opts.safety ?? { values: safetyValuesOf(safetySettingsOf(event)), errors: {} }) }}
    />,
    refused ? 422 : 200,
  );
}

eventDetailsRoutes.get('/edit', (c) => renderEdit(c));

eventDetailsRoutes.post('/edit', async (c) => {
  const form = (await readForm(c)) ?? {};
  const parsed = eventFormSchema.safeParse(form);
  if (!parsed.success) return renderEdit(c, { values: valuesFrom(form), errors: fieldErrors<EventField>(parsed.error) });
  const result = updateEventDetails(c.var.db, {
    eventId: c.var.event.id,
    organizerId: c.var.organizer.id,
    details: parsed.data,
    now: c.var.now(),
  });
  if (!result.ok) return renderEdit(c, { values: valuesFrom(form), errors: { slug: slugTaken } });
  flashNotice(c, {
    kind: 'ok',
    text: result.changed.length > 0 ? `Saved the ${result.changed.join(', ')}.` : 'Nothing had changed.',
  });
  return c.redirect(`${eventPath(result.event.slug)}/edit`, 303);
});

eventDetailsRoutes.post('/archive', async (c) => {
  const form = (await readForm(c)) ?? {};
  const { event } = c.var;
  const result = archiveEvent(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, now: c.var.now(), anyway: form.anyway === 'yes' });
  if (!result.ok) {
    if (result.reason === 'still-running') return renderEdit(c, { archiveError: 'Tick “Archive it anyway” to archive it before then.' });
    return c.redirect(`${eventPath(event.slug)}/edit`, 303);
  }
  c.var.live.publish({ eventId: event.id, participantIds: [], board: true });
  const mail = result.skippedMail > 0 ? ` ${plural(result.skippedMail, 'message')} still waiting about it will not be sent.` : '';
  flashNotice(c, { kind: 'ok', text: `Archived ${event.name}. Its public pages are closed.${mail}` });
  return c.redirect(`${eventPath(event.slug)}/edit`, 303);
});

eventDetailsRoutes.post('/restore', (c) => {
  const { event } = c.var;
  if (event.archivedAt) {
    restoreEvent(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, now: c.var.now() });
    flashNotice(c, { kind: 'ok', text: `Restored ${event.name}. Its public pages are open again.` });
  }
  return c.redirect(`${eventPath(event.slug)}/edit`, 303);
});

function renderDelete(c: Context<AppEnv>, event: Event, typed = '', error?: string) {
  const counts = listEventSummaries(c.var.db).find((e) => e.id === event.id)?.counts ?? { firstTimers: 0, volunteers: 0, here: 0, pairs: 0 };
  return c.html(
    <DeleteEventPage organizer={c.var.organizer} event={event} counts={counts} typed={typed} error={error} />,
    error ? 422 : 200,
  );
}

eventDetailsRoutes.get('/delete', (c) => renderDelete(c, c.var.event));

eventDetailsRoutes.post('/delete', async (c) => {
  const form = (await readForm(c)) ?? {};
  const { event } = c.var;
  const typed = typedText(form.confirm, eventFieldLimits.slug);
  const result = deleteEvent(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, confirmation: typed, now: c.var.now() });
  if (!result.ok) {
    const message = typed.trim() === '' ? `Type ${event.slug} to confirm.` : `That is not ${event.slug}. Nothing was deleted.`;
    return renderDelete(c, event, typed, message);
  }
  flashNotice(c, { kind: 'ok', text: `Deleted ${result.name} and its ${plural(result.people, 'person', 'people')}.` });
  return c.redirect('/admin', 303);
});
