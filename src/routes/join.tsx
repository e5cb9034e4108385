import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { loadEventCatalog } from '../domain/events.ts';
import { checkInParticipant, findParticipantByToken, registerParticipant } from '../domain/participants.ts';
import { isPresenceTokenValid } from '../domain/presence.ts';
import { fieldErrorsFrom, registrationSchema } from '../domain/registration-schema.ts';
import { BadRequestPage, NotFoundPage } from '../../views/errors.tsx';
import { JoinPage, type PresenceState } from '../../views/join.tsx';
import { eventFromSlug, meCookieName, readForm, rememberPersonalPage } from './event-context.ts';
import { profileValuesFromForm } from './form-values.ts';
import { personalTokenSchema } from './params.ts';

export const joinRoutes = new Hono<AppEnv>();

function presenceOf(c: { var: AppEnv['Variables'] }, slug: string, k: string | undefined): PresenceState {
  if (!k) return 'remote';
  return isPresenceTokenValid(c.var.presenceSecret, slug, k, c.var.now()) ? 'at-desk' : 'expired';
}

joinRoutes.get('/', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message="There is no conference at this address." />, 404);
  const k = c.req.query('k');
  const kiosk = c.req.query('kiosk') === '1';
  const presence = presenceOf(c, event.slug, k);

  // A phone that already holds a personal page and scans the desk QR is checking in, not registering.
  const saved = personalTokenSchema.safeParse(getCookie(c, meCookieName));
  if (!kiosk && presence === 'at-desk' && saved.success) {
    const me = findParticipantByToken(c.var.db, event.id, saved.data);
    if (me) {
      checkInParticipant(c.var.db, me, c.var.now());
      return c.redirect(`/e/${event.slug}/me/${me.token}?checked-in=1`, 303);
    }
  }
  return c.html(
    <JoinPage
      event={event}
      catalog={loadEventCatalog(c.var.db, event.id)}
      values={{ languages: event.settings.languages.slice(0, 1) }}
      errors={{}}
      presence={presence}
      presenceToken={presence === 'at-desk' ? k : undefined}
      kiosk={kiosk}
    />,
  );
});

joinRoutes.post('/', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message="There is no conference at this address." />, 404);
  const form = await readForm(c);
  if (!form) return c.html(<BadRequestPage message="We could not read that form. Please go back and try again." />, 400);
  const k = typeof form.k === 'string' ? form.k : undefined;
  const kiosk = form.kiosk === '1';
  const presence = presenceOf(c, event.slug, k);
  const rerender = (errors: Parameters<typeof JoinPage>[0]['errors']) =>
    c.html(
      <JoinPage
        event={event}
        catalog={loadEventCatalog(c.var.db, event.id)}
        values={profileValuesFromForm(form)}
        errors={errors}
        presence={presence}
        presenceToken={presence === 'at-desk' ? k : undefined}
        kiosk={kiosk}
      />,
      422,
    );

  const parsed = registrationSchema.safeParse(form);
  if (!parsed.success) return rerender(fieldErrorsFrom(parsed.error));
  const result = registerParticipant(c.var.db, event, parsed.data, { present: presence === 'at-desk', now: c.var.now() });
  if (!result.ok) return rerender(result.errors);

  const me = result.participant;
  if (kiosk) return c.redirect(`/e/${event.slug}/desk/welcome/${me.token}`, 303);
  rememberPersonalPage(c, event.slug, me.token);
  return c.redirect(`/e/${event.slug}/me/${me.token}`, 303);
});
