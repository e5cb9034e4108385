// The volunteer directory and asking for a buddy, under a first-timer's personal page (mounted by
// me.tsx behind its token guard, so `c.var.me` is the person whose link this is). Only
// first-timers see it; a volunteer's link gets the same plain 404 a wrong link gets.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { requestBuddy, withdrawBuddyRequest } from '../domain/buddy-requests.ts';
import { loadVolunteerDirectory, type DirectoryFilters } from '../domain/volunteer-directory.ts';
import { idSchema } from '../form-input.ts';
import { NotFoundPage } from '../../views/errors.tsx';
import { directoryUrl, refusalText, VolunteerDirectoryPage } from '../../views/volunteer-directory.tsx';
import { readForm } from './request.ts';

export const meVolunteerRoutes = new Hono<AppEnv>();

const forFirstTimers = 'The volunteer directory is for first-timers. Open the personal link you got when you registered.';

// a filter that is not one of the choices shows everyone rather than an error: it came from an old link
const text = z.string().trim().max(60).catch('');
const filtersSchema = z.object({
  interest: z
    .string()
    .optional()
    .transform((v) => {
      const id = idSchema.safeParse(v ?? '');
      return id.success ? id.data : undefined;
    }),
  libraryType: text.optional(),
  region: text.optional(),
});

function filtersOf(input: Record<string, string | string[] | undefined>): DirectoryFilters {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = filtersSchema.safeParse({
    interest: first(input.interest),
    libraryType: first(input.libraryType),
    region: first(input.region),
  });
  if (!parsed.success) return {};
  const { interest, libraryType, region } = parsed.data;
  return { interest, libraryType: libraryType || undefined, region: region || undefined };
}

const noticeSchema = z.enum(['asked', 'withdrawn']).optional().catch(undefined);

function renderDirectory(
  c: Context<AppEnv>,
  filters: DirectoryFilters,
  extra: { status?: 200 | 409; refusal?: { volunteerId: number; message: string }; notice?: 'asked' | 'withdrawn' | undefined } = {},
) {
  const { event, me } = c.var;
  return c.html(
    <VolunteerDirectoryPage
      event={event}
      token={me.token}
      directory={loadVolunteerDirectory(c.var.db, event, me, filters)}
      refusal={extra.refusal}
      notice={extra.notice}
    />,
    extra.status ?? 200,
  );
}

// also guards the directory itself: Hono's wildcard matches the bare path too
meVolunteerRoutes.use('/:token/volunteers/*', async (c, next) => {
  if (c.var.me.role !== 'first_timer') return c.html(<NotFoundPage message={forFirstTimers} />, 404);
  await next();
});

meVolunteerRoutes.get('/:token/volunteers', (c) =>
  renderDirectory(c, filtersOf(c.req.queries() as Record<string, string[]>), { notice: noticeSchema.parse(c.req.query('notice')) }),
);

const actionSchema = z.enum(['request', 'withdraw']);

meVolunteerRoutes.post('/:token/volunteers/:volunteerId/:action', async (c) => {
  const { event, me } = c.var;
  const volunteerId = idSchema.safeParse(c.req.param('volunteerId'));
  const action = actionSchema.safeParse(c.req.param('action'));
  if (!volunteerId.success || !action.success) return c.html(<NotFoundPage message="There is no such volunteer in the directory." />, 404);
  const filters = filtersOf((await readForm(c)) ?? {});
  const now = c.var.now();
  if (action.data === 'withdraw') {
    withdrawBuddyRequest(c.var.db, event, me, volunteerId.data, now);
  } else {
    const result = requestBuddy(c.var.db, event, me, volunteerId.data, now);
    if (!result.ok) {
      return renderDirectory(c, filters, { status: 409, refusal: { volunteerId: volunteerId.data, message: refusalText[result.reason] } });
    }
  }
  const back = directoryUrl(event.slug, me.token, filters);
  const notice = `notice=${action.data === 'request' ? 'asked' : 'withdrawn'}`;
  return c.redirect(`${back}${back.includes('?') ? '&' : '?'}${notice}#volunteer-${volunteerId.data}`, 303);
});
