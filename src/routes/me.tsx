import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import type { Event } from '../domain/events.ts';
import { loadEventCatalog } from '../domain/events.ts';
import { findParticipantByToken, loadProfile, updateProfile, type Participant } from '../domain/participants.ts';
import { fieldErrorsFrom, profileSchemaFor } from '../domain/registration-schema.ts';
import { qrSvg } from '../qr.ts';
import { BadRequestPage, NotFoundPage } from '../../views/errors.tsx';
import { MeEditPage, MePage, MeStatus } from '../../views/me.tsx';
import { eventFromSlug, meCookieName, readForm } from './event-context.ts';
import { profileValuesFromForm } from './form-values.ts';
import { personalTokenSchema } from './params.ts';

export const meRoutes = new Hono<AppEnv>();

const notYours = 'This personal link is not valid. Check that you copied all of it, or ask at the registration desk.';

function findMe(c: Context<AppEnv>): { event: Event; me: Participant } | undefined {
  const event = eventFromSlug(c);
  const token = personalTokenSchema.safeParse(c.req.param('token'));
  if (!event || !token.success) return undefined;
  const me = findParticipantByToken(c.var.db, event.id, token.data);
  return me ? { event, me } : undefined;
}

// a personal page must not linger in shared caches or a kiosk's back button
meRoutes.use('*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});

meRoutes.get('/:token', async (c) => {
  const found = findMe(c);
  if (!found) return c.html(<NotFoundPage message={notYours} />, 404);
  const { event, me } = found;
  // this phone now holds the page, so scanning the desk QR with it checks this person in
  setCookie(c, meCookieName, me.token, {
    path: `/e/${event.slug}`,
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.secureCookies,
    maxAge: 60 * 60 * 24 * 60,
  });
  const notice = c.req.query('checked-in') ? 'checked-in' : c.req.query('saved') ? 'saved' : undefined;
  return c.html(
    <MePage
      event={event}
      me={loadProfile(c.var.db, me)}
      catalog={loadEventCatalog(c.var.db, event.id)}
      deskCodeQr={await qrSvg(me.deskCode)}
      notice={notice}
    />,
  );
});

meRoutes.get('/:token/status', (c) => {
  const found = findMe(c);
  if (!found) return c.html(<NotFoundPage message={notYours} />, 404);
  return c.html(<MeStatus me={found.me} slug={found.event.slug} />);
});

meRoutes.get('/:token/edit', (c) => {
  const found = findMe(c);
  if (!found) return c.html(<NotFoundPage message={notYours} />, 404);
  const { event, me } = found;
  const profile = loadProfile(c.var.db, me);
  return c.html(
    <MeEditPage
      event={event}
      me={me}
      catalog={loadEventCatalog(c.var.db, event.id)}
      values={{ ...profile, interests: profile.interestIds, sessions: profile.sessionIds }}
      errors={{}}
    />,
  );
});

meRoutes.post('/:token/edit', async (c) => {
  const found = findMe(c);
  if (!found) return c.html(<NotFoundPage message={notYours} />, 404);
  const { event, me } = found;
  const form = await readForm(c);
  if (!form) return c.html(<BadRequestPage message="We could not read that form. Please go back and try again." />, 400);
  const rerender = (errors: Parameters<typeof MeEditPage>[0]['errors']) =>
    c.html(
      <MeEditPage event={event} me={me} catalog={loadEventCatalog(c.var.db, event.id)} values={profileValuesFromForm(form)} errors={errors} />,
      422,
    );
  const parsed = profileSchemaFor(me.role).safeParse(form);
  if (!parsed.success) return rerender(fieldErrorsFrom(parsed.error));
  const result = updateProfile(c.var.db, event, me, parsed.data, c.var.now());
  if (!result.ok) return rerender(result.errors);
  return c.redirect(`/e/${event.slug}/me/${me.token}?saved=1`, 303);
});
