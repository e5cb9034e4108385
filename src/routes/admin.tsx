import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { issueDeviceToken, verifyDeviceToken } from '../domain/device-tokens.ts';
import { listEvents } from '../domain/events.ts';
import {
  completeSetup,
  findSignedInOrganizer,
  isSetupTokenValid,
  minPasswordLength,
  organizerNameSchema,
  organizerSetupSchema,
  renameOrganizer,
  sessionTtlMs,
  setupErrorsFrom,
  signIn,
  signOut,
} from '../domain/organizers.ts';
import { countParticipants, searchParticipants, setAttendanceByOrganizer } from '../domain/participants.ts';
import { EventListPage, LiveCounts, ParticipantList, ParticipantRow, participantListUrl } from '../../views/admin.tsx';
import { AccountPage } from '../../views/admin-account.tsx';
import { LoginPage, SetupPage } from '../../views/admin-login.tsx';
import { NotFoundPage } from '../../views/errors.tsx';
import { dashboardQuerySchema, eventNotFound, participantPageSize, renderDashboard, takeNotice } from './admin-dashboard.tsx';
import { adminEventDayRoutes } from './admin-event-day.tsx';
import { adminOutboxRoutes } from './admin-outbox.tsx';
import { adminSpotsRoutes } from './admin-spots.tsx';
import { adminFeedbackRoutes } from './admin/feedback.tsx';
import { adminLetterRoutes } from './admin/letters.tsx';
import { adminReportRoutes } from './admin/report.tsx';
import { clientAddress } from './client-address.ts';
import { eventFromSlug, readForm } from './event-context.ts';
import { typedText } from './form-values.ts';

export const sessionCookieName = 'bd_session';
const deviceCookieName = 'bd_device';
const loginRefusal = "That e-mail and password don't match an organizer account.";
const tooManyAttempts =
  'Too many attempts; wait 15 minutes before trying again. If you forgot the password, ask whoever runs the server to reset it.';

const loginFormSchema = z.object({
  email: z
    .preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''), z.string())
    .pipe(z.string().min(1, 'Enter your e-mail address').max(200, "That e-mail address is too long")),
  password: z
    .preprocess((v) => (typeof v === 'string' ? v : ''), z.string())
    .pipe(z.string().min(1, 'Enter your password').max(1024, 'That password is too long')),
});
// anything else falls back to the console start page, so the login cannot redirect off-site
const nextSchema = z
  .string()
  .regex(/^\/admin(?:[/?#][^\\\s]*)?$/)
  .refine((p) => !p.startsWith('//'))
  .catch('/admin');
const participantIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .transform(Number);
const setupTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

const isHtmx = (c: Context<AppEnv>) => c.req.header('HX-Request') === 'true';

function startSession(c: Context<AppEnv>, sessionId: string) {
  setCookie(c, sessionCookieName, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.var.secureCookies,
    maxAge: sessionTtlMs / 1000,
  });
}

export const adminRoutes = new Hono<AppEnv>();

// --- public: sign-in, sign-out, first-organizer setup ---

adminRoutes.get('/login', (c) => {
  const next = nextSchema.parse(c.req.query('next') ?? '/admin');
  const sessionId = getCookie(c, sessionCookieName);
  if (sessionId && findSignedInOrganizer(c.var.db, sessionId, c.var.now())) return c.redirect(next, 303);
  return c.html(<LoginPage email="" next={next} />);
});

adminRoutes.post('/login', async (c) => {
  const form = (await readForm(c)) ?? {};
  const next = nextSchema.parse(form.next);
  const parsed = loginFormSchema.safeParse(form);
  const typedEmail = typedText(form.email, 200).trim();
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return c.html(
      <LoginPage email={typedEmail} next={next} errors={{ email: errors.email?.[0], password: errors.password?.[0] }} />,
      422,
    );
  }
  const now = c.var.now();
  const { email } = parsed.data;
  const attempt = {
    email,
    address: clientAddress(c),
    device: verifyDeviceToken(c.var.deviceSecret, email, getCookie(c, deviceCookieName)),
  };
  if (c.var.loginLimiter.isBlocked(attempt, now)) {
    return c.html(<LoginPage email={typedEmail} next={next} message={tooManyAttempts} />, 429);
  }
  const result = signIn(c.var.db, parsed.data.email, parsed.data.password, now);
  if (!result.ok) {
    c.var.loginLimiter.recordFailure(attempt, now);
    return c.html(<LoginPage email={typedEmail} next={next} message={loginRefusal} />, 401);
  }
  c.var.loginLimiter.recordSuccess(attempt);
  startSession(c, result.sessionId);
  // this browser has proven it knows the password: its attempts are counted apart from now on
  setCookie(c, deviceCookieName, issueDeviceToken(c.var.deviceSecret, email), {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/admin',
    secure: c.var.secureCookies,
    maxAge: 365 * 24 * 60 * 60,
  });
  return c.redirect(next, 303);
});

adminRoutes.post('/logout', (c) => {
  const sessionId = getCookie(c, sessionCookieName);
  if (sessionId) signOut(c.var.db, sessionId);
  deleteCookie(c, sessionCookieName, { path: '/', secure: c.var.secureCookies });
  return c.redirect('/admin/login', 303);
});

const setupLinkGone = 'This setup link has already been used or is not valid. Ask whoever runs the server for a new one.';

adminRoutes.get('/setup/:token', (c) => {
  const token = setupTokenSchema.safeParse(c.req.param('token'));
  if (!token.success || !isSetupTokenValid(c.var.db, token.data)) {
    return c.html(<NotFoundPage message={setupLinkGone} />, 404);
  }
  return c.html(<SetupPage token={token.data} values={{ name: '', email: '' }} minPasswordLength={minPasswordLength} />);
});

adminRoutes.post('/setup/:token', async (c) => {
  const token = setupTokenSchema.safeParse(c.req.param('token'));
  if (!token.success || !isSetupTokenValid(c.var.db, token.data)) {
    return c.html(<NotFoundPage message={setupLinkGone} />, 404);
  }
  const form = (await readForm(c)) ?? {};
  const parsed = organizerSetupSchema.safeParse(form);
  if (!parsed.success) {
    const values = {
      name: typeof form.name === 'string' ? form.name : '',
      email: typeof form.email === 'string' ? form.email : '',
    };
    return c.html(
      <SetupPage token={token.data} values={values} errors={setupErrorsFrom(parsed.error)} minPasswordLength={minPasswordLength} />,
      422,
    );
  }
  const result = completeSetup(c.var.db, token.data, parsed.data, c.var.now());
  if (!result.ok) return c.html(<NotFoundPage message={setupLinkGone} />, 404);
  startSession(c, result.sessionId);
  return c.redirect('/admin', 303);
});

// --- everything below needs a signed-in organizer ---

adminRoutes.use('*', async (c, next) => {
  const sessionId = getCookie(c, sessionCookieName);
  const organizer = sessionId ? findSignedInOrganizer(c.var.db, sessionId, c.var.now()) : null;
  if (!organizer) {
    // htmx would swap a login page into a table cell; it follows HX-Redirect instead
    if (isHtmx(c)) {
      c.header('HX-Redirect', '/admin/login');
      return c.text('Please sign in again.', 401);
    }
    const url = new URL(c.req.url);
    const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(url.pathname + url.search)}` : '';
    return c.redirect(`/admin/login${back}`, 303);
  }
  c.set('organizer', organizer);
  await next();
});

adminRoutes.get('/', (c) => {
  return c.html(<EventListPage organizer={c.var.organizer} events={listEvents(c.var.db)} />);
});

adminRoutes.get('/account', (c) => {
  const organizer = c.var.organizer;
  return c.html(<AccountPage organizer={organizer} name={organizer.name} saved={c.req.query('saved') === '1'} />);
});

adminRoutes.post('/account', async (c) => {
  const form = (await readForm(c)) ?? {};
  const parsed = organizerNameSchema.safeParse(form);
  if (!parsed.success) {
    const typed = typeof form.name === 'string' ? form.name : '';
    return c.html(<AccountPage organizer={c.var.organizer} name={typed} error={parsed.error.issues[0]?.message} />, 422);
  }
  if (!renameOrganizer(c.var.db, c.var.organizer.id, parsed.data.name)) return c.redirect('/admin/login', 303);
  return c.redirect('/admin/account?saved=1', 303);
});

adminRoutes.get('/e/:slug', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const { q, page, pairs } = dashboardQuerySchema.parse(c.req.query());
  c.header('Cache-Control', 'no-store');
  return renderDashboard(c, event, { q, page, showAllPairs: pairs === 'all', notice: takeNotice(c) });
});

adminRoutes.get('/e/:slug/counts', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  return c.html(<LiveCounts slug={event.slug} counts={countParticipants(c.var.db, event.id)} />);
});

adminRoutes.get('/e/:slug/participants', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const { q, page } = dashboardQuerySchema.parse(c.req.query());
  const list = searchParticipants(c.var.db, event.id, q, page, participantPageSize);
  return c.html(<ParticipantList slug={event.slug} timezone={event.timezone} q={q} list={list} />);
});

for (const [path, present] of [
  ['/e/:slug/participants/:id/check-in', true],
  ['/e/:slug/participants/:id/check-out', false],
] as const) {
  adminRoutes.post(path, async (c) => {
    const event = eventFromSlug(c);
    if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
    const notHere = 'That person is not registered for this event. Nothing was changed.';
    const id = participantIdSchema.safeParse(c.req.param('id'));
    if (!id.success) return c.html(<NotFoundPage message={notHere} />, 404);
    const { q, page } = dashboardQuerySchema.parse((await readForm(c)) ?? {});
    const result = setAttendanceByOrganizer(c.var.db, {
      eventId: event.id,
      participantId: id.data,
      present,
      organizerId: c.var.organizer.id,
      now: c.var.now(),
    });
    if (!result.ok) return c.html(<NotFoundPage message={notHere} />, 404);
    // their own page, other organizers' dashboards and the counts follow
    c.var.live.publish({ eventId: event.id, participantIds: [result.participant.id], board: false });
    c.header('Vary', 'HX-Request');
    if (isHtmx(c)) {
      return c.html(
        <>
          <ParticipantRow slug={event.slug} timezone={event.timezone} participant={result.participant} q={q} page={page} />
          {/* the counts beside the list change at once, not at the next live signal */}
          <LiveCounts slug={event.slug} counts={countParticipants(c.var.db, event.id)} oob />
        </>,
      );
    }
    return c.redirect(participantListUrl(event.slug, q, page, false), 303);
  });
}

// the event day (rounds, live pairs, audit log) and the meetup spots, behind the same sign-in
adminRoutes.route('/e/:slug', adminEventDayRoutes);
adminRoutes.route('/e/:slug', adminSpotsRoutes);
adminRoutes.route('/e/:slug', adminOutboxRoutes);
adminRoutes.route('/e/:slug', adminFeedbackRoutes);
adminRoutes.route('/e/:slug', adminReportRoutes);
adminRoutes.route('/e/:slug', adminLetterRoutes);
