// /admin/e/:slug/kiosks: enrolling desk kiosks (a one-time code, shown once), revoking them, the
// per-QR check-in cap; /registrations: recent registrations by minute, and withdrawing a burst.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { burstListLimit, findPeopleToWithdraw, listRecentBursts, withdrawParticipants } from '../../domain/bursts.ts';
import { defaultEventSettings } from '../../domain/events.ts';
import {
  createKioskEnrolment,
  formatEnrolCode,
  kioskNameSchema,
  listKiosks,
  presenceCapSchema,
  revokeKiosk,
  updatePresenceCap,
} from '../../domain/kiosks.ts';
import { checkboxList, fieldErrors, idSchema, typedText } from '../../form-input.ts';
import { ConfirmWithdrawPage, KiosksPage, RegistrationsPage, type KiosksPageProps } from '../../../views/admin/kiosks.tsx';
import { eventPath } from '../../../views/admin/chrome.tsx';
import { readForm } from '../request.ts';
import { flashNotice, takeNotice } from './notice.ts';

export const kiosksRoutes = new Hono<AppEnv>();

function renderKiosks(c: Context<AppEnv>, refused?: KiosksPageProps['refused']) {
  const { db, event } = c.var;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <KiosksPage
      organizer={c.var.organizer}
      event={event}
      kiosks={listKiosks(db, event.id, c.var.now())}
      presenceCap={String(defaultEventSettings(event.settings).presenceCap)}
      notice={refused ? undefined : takeNotice(c)}
      refused={refused}
    />,
    refused ? 422 : 200,
  );
}

kiosksRoutes.get('/kiosks', (c) => renderKiosks(c));

kiosksRoutes.post('/kiosks', async (c) => {
  const { db, event } = c.var;
  const form = (await readForm(c)) ?? {};
  const parsed = kioskNameSchema.safeParse(form);
  if (!parsed.success) {
    return renderKiosks(c, { form: 'kiosk', name: typedText(form.name, 60), error: fieldErrors<'name'>(parsed.error).name ?? 'Check the name' });
  }
  const { kiosk, code } = createKioskEnrolment(db, { eventId: event.id, name: parsed.data.name, organizerId: c.var.organizer.id, now: c.var.now() });
  const link = `${c.var.publicUrl}/e/${event.slug}/desk/enrol?code=${code}`;
  flashNotice(c, {
    kind: 'ok',
    text: `Enrolment code for “${kiosk.name}”: ${formatEnrolCode(code)}. On the tablet, open the link below, or open the desk screen and type the code. It is shown only now, works once and for 30 minutes.`,
    copy: { label: 'Enrolment link', value: link },
  });
  return c.redirect(`${eventPath(event.slug)}/kiosks`, 303);
});

kiosksRoutes.post('/kiosks/cap', async (c) => {
  const { db, event } = c.var;
  const form = (await readForm(c)) ?? {};
  const parsed = presenceCapSchema.safeParse(form);
  if (!parsed.success) {
    const error = fieldErrors<'presenceCap'>(parsed.error).presenceCap ?? 'Enter a whole number from 1 to 200';
    return renderKiosks(c, { form: 'cap', presenceCap: typedText(form.presenceCap, 8), error });
  }
  updatePresenceCap(db, { eventId: event.id, organizerId: c.var.organizer.id, presenceCap: parsed.data.presenceCap, now: c.var.now() });
  flashNotice(c, { kind: 'ok', text: `Saved: one desk QR code checks in at most ${parsed.data.presenceCap} people.` });
  return c.redirect(`${eventPath(event.slug)}/kiosks`, 303);
});

kiosksRoutes.post('/kiosks/:id/revoke', (c) => {
  const { db, event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
  const result = id.success
    ? revokeKiosk(db, { eventId: event.id, kioskId: id.data, organizerId: c.var.organizer.id, now: c.var.now() })
    : ({ ok: false, reason: 'not-found' } as const);
  flashNotice(
    c,
    result.ok
      ? { kind: 'ok', text: `Revoked “${result.name}”: its screen no longer shows the desk QR code, and its codes no longer check anyone in.` }
      : result.reason === 'already-revoked'
        ? { kind: 'error', text: 'That kiosk was already revoked. Nothing was changed.' }
        : { kind: 'error', text: 'That kiosk is not one of this event. Nothing was changed.' },
  );
  return c.redirect(`${eventPath(event.slug)}/kiosks`, 303);
});

// --- recent registrations and withdrawing a burst ---

const selectSchema = z.object({ select: z.coerce.number().int().nonnegative().optional().catch(undefined) });

function renderRegistrations(c: Context<AppEnv>, opts: { selected?: number | undefined; error?: string } = {}) {
  const { db, event } = c.var;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <RegistrationsPage
      organizer={c.var.organizer}
      event={event}
      bursts={listRecentBursts(db, event.id)}
      selected={opts.selected}
      limit={burstListLimit}
      notice={opts.error ? undefined : takeNotice(c)}
      error={opts.error}
    />,
    opts.error ? 422 : 200,
  );
}

kiosksRoutes.get('/registrations', (c) => renderRegistrations(c, { selected: selectSchema.parse(c.req.query()).select }));

const withdrawSchema = z.object({
  ids: checkboxList(idSchema),
  confirm: z.literal('yes').optional().catch(undefined),
});

kiosksRoutes.post('/registrations/withdraw', async (c) => {
  const { db, event } = c.var;
  const parsed = withdrawSchema.safeParse((await readForm(c)) ?? {});
  if (!parsed.success) return renderRegistrations(c, { error: 'We could not read that selection. Nothing was changed.' });
  const { ids, confirm } = parsed.data;
  if (ids.length === 0) return renderRegistrations(c, { error: 'Tick the registrations to withdraw first. Nothing was changed.' });
  const notOurs = 'Some of the selected registrations are not of this event. Nothing was changed.';
  if (!confirm) {
    const people = findPeopleToWithdraw(db, event.id, ids);
    if (people.length !== new Set(ids).size) return renderRegistrations(c, { error: notOurs });
    c.header('Cache-Control', 'no-store');
    return c.html(<ConfirmWithdrawPage organizer={c.var.organizer} event={event} people={people} />);
  }
  const result = withdrawParticipants(db, event, { ids, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return renderRegistrations(c, { error: notOurs });
  c.var.live.publish({ eventId: event.id, participantIds: result.participantIds, board: true });
  const already = result.alreadyWithdrawn > 0 ? ` (${result.alreadyWithdrawn} had already been withdrawn)` : '';
  flashNotice(c, { kind: 'ok', text: `Withdrew ${result.withdrawn} registration${result.withdrawn === 1 ? '' : 's'}${already}.` });
  return c.redirect(`${eventPath(event.slug)}/registrations`, 303);
});
