import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { loadEventCatalog } from '../domain/events.ts';
import { findParticipantByToken } from '../domain/participants.ts';
import { goLiveWhenBothHere } from '../domain/planned-pairs.ts';
import { checkInWithPresence, presenceOf as presenceNow, registerWithPresence } from '../domain/presence.ts';
import { firstName } from '../domain/public-name.ts';
import { registrationSchema } from '../domain/registration-schema.ts';
import { fieldErrors, personalTokenSchema } from '../form-input.ts';
import { BadRequestPage } from '../../views/errors.tsx';
import { CheckInPage, JoinPage, type PresenceState } from '../../views/join.tsx';
import { requireEvent } from './event-guard.tsx';
import { meCookieName, rememberPersonalPage } from './me.tsx';
import { profileValuesFromForm } from './profile-form.ts';
import { readForm } from './request.ts';

export const joinRoutes = new Hono<AppEnv>();
joinRoutes.use('*', requireEvent());

function presenceOf(c: { var: AppEnv['Variables'] }, k: string | undefined): PresenceState {
  return presenceNow(c.var.db, c.var.presenceSecret, c.var.event, k, c.var.now());
}

// what a phone hears when the desk QR it holds has checked in as many people as one desk can
const overCap = 'This QR code has checked in as many people as can reach the desk in two minutes.';

joinRoutes.get('/', (c) => {
  const event = c.var.event;
  const k = c.req.query('k');
  const kiosk = c.req.query('kiosk') === '1';
  const presence = presenceOf(c, k);

  // A phone that already holds a personal page and scans the desk QR is checking in, not registering.
  // It asks first: a GET must not check anyone in, or any site could do it with a link.
  const me = kiosk || presence !== 'at-desk' ? undefined : savedPersonalPage(c, event.id);
  if (me) {
    const personalPath = `/e/${event.slug}/me/${me.token}`;
    return c.html(<CheckInPage event={event} firstName={firstName(me.name)} personalPath={personalPath} presenceToken={k} />);
  }
  const catalog = loadEventCatalog(c.var.db, event.id);
  return c.html(
    <JoinPage
      event={event}
      catalog={catalog}
      values={{ languages: catalog.languages.slice(0, 1) }}
      errors={{}}
      presence={presence}
      presenceToken={presence === 'at-desk' ? k : undefined}
      kiosk={kiosk}
    />,
  );
});

function savedPersonalPage(c: Context<AppEnv>, eventId: number) {
  const saved = personalTokenSchema.safeParse(getCookie(c, meCookieName));
  return saved.success ? findParticipantByToken(c.var.db, eventId, saved.data) : undefined;
}

joinRoutes.post('/check-in', async (c) => {
  const event = c.var.event;
  const form = await readForm(c);
  const k = typeof form?.k === 'string' ? form.k : undefined;
  const me = savedPersonalPage(c, event.id);
  if (!me) return c.redirect(`/e/${event.slug}/join${k ? `?k=${encodeURIComponent(k)}` : ''}`, 303);
  const checkedIn = checkInWithPresence(c.var.db, { secret: c.var.presenceSecret, event, participant: me, token: k, now: c.var.now() });
  if (!checkedIn.ok) {
    const error =
      checkedIn.reason === 'over-cap'
        ? `${overCap} Please check in at the desk with your desk code.`
        : checkedIn.reason === 'withdrawn'
          ? 'Your registration was withdrawn. Please ask an organizer at the desk.'
          : 'That QR code has expired. Scan the code on the desk screen again to check in.';
    return c.html(<CheckInPage event={event} firstName={firstName(me.name)} personalPath={`/e/${event.slug}/me/${me.token}`} error={error} />, 422);
  }
  // a planned pair whose two are both here now goes live: their phones and the board hear it
  const change = goLiveWhenBothHere(c.var.db, event, me.id, c.var.now());
  if (change.participantIds.length > 0) c.var.live.publish({ eventId: event.id, ...change });
  return c.redirect(`/e/${event.slug}/me/${me.token}?checked-in=1`, 303);
});

joinRoutes.post('/', async (c) => {
  const event = c.var.event;
  const form = await readForm(c);
  if (!form) return c.html(<BadRequestPage message="We could not read that form. Please go back and try again." />, 400);
  const k = typeof form.k === 'string' ? form.k : undefined;
  const kiosk = form.kiosk === '1';
  const presence = presenceOf(c, k);
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
  if (!parsed.success) return rerender(fieldErrors(parsed.error));
  const result = registerWithPresence(c.var.db, { secret: c.var.presenceSecret, event, input: parsed.data, token: k, now: c.var.now() });
  if (!result.ok) return rerender(result.errors);

  const me = result.participant;
  if (kiosk) return c.redirect(`/e/${event.slug}/desk/welcome/${me.token}`, 303);
  rememberPersonalPage(c, event.slug, me.token);
  // registered all the same; their page says to check in at the desk
  return c.redirect(`/e/${event.slug}/me/${me.token}${result.presence === 'over-cap' ? '?notice=check-in-at-desk' : ''}`, 303);
});
