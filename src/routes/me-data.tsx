// "Your data" under a personal page: what is stored and who sees it, the JSON download, and
// "Delete me" (a confirmation page, then a POST that erases). Mounted by me.tsx behind its guard,
// so `c.var.me` is the person whose link this is.
import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { eraseParticipant, erasureConfirmSchema } from '../domain/erasure.ts';
import { eventEndsAt } from '../domain/feedback.ts';
import { collectMyData } from '../domain/my-data.ts';
import { findMyPairs } from '../domain/pair-views.ts';
import { personalDataEraseDay } from '../domain/retention.ts';
import { DeleteMePage, ErasedPage, MyDataPage } from '../../views/me-data.tsx';
import { readForm } from './request.ts';

export const meDataRoutes = new Hono<AppEnv>();

const base = (slug: string, token: string) => `/e/${slug}/me/${token}`;

meDataRoutes.get('/:token/data', (c) => {
  const { event, me } = c.var;
  return c.html(<MyDataPage eventName={event.name} base={base(event.slug, me.token)} role={me.role} eraseOn={personalDataEraseDay(event)} />);
});

meDataRoutes.get('/:token/data.json', (c) => {
  const { event, me } = c.var;
  const now = c.var.now();
  c.header('Content-Disposition', `attachment; filename="my-data-${event.slug}-${now.toISOString().slice(0, 10)}.json"`);
  return c.json(collectMyData(c.var.db, event, me, now));
});

function renderDelete(c: Context<AppEnv>, error?: string) {
  const { event, me } = c.var;
  const now = c.var.now();
  // after the event pairs are left as they are, so nobody is told
  const hasBuddy = now < eventEndsAt(event) && findMyPairs(c.var.db, event, me, now).buddies.some((b) => b.status === 'published');
  return c.html(
    <DeleteMePage eventName={event.name} base={base(event.slug, me.token)} name={me.name} hasBuddy={hasBuddy} error={error} />,
    error ? 422 : 200,
  );
}

meDataRoutes.get('/:token/delete', (c) => renderDelete(c));

meDataRoutes.post('/:token/delete', async (c) => {
  const { event, me } = c.var;
  if (!erasureConfirmSchema.safeParse((await readForm(c)) ?? {}).success) return renderDelete(c, 'Tick the box to confirm. Nothing was erased.');
  const result = eraseParticipant(c.var.db, event, { participantId: me.id, by: { kind: 'self' }, now: c.var.now(), publicUrl: c.var.publicUrl });
  if (!result.ok) return renderDelete(c, 'We could not erase your data. Please ask at the registration desk.');
  c.var.live.publish({ eventId: event.id, participantIds: result.participantIds, board: result.board });
  // this phone no longer holds a personal page
  deleteCookie(c, 'bd_me', { path: `/e/${event.slug}` });
  return c.html(<ErasedPage eventName={event.name} />);
});
