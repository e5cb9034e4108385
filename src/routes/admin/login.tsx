// Signing in and out, the one-time link that creates the first organizer account, and the guard
// that sends everyone else to the sign-in: every other organizer page sits behind requireOrganizer.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { issueDeviceToken, verifyDeviceToken } from '../../domain/device-tokens.ts';
import {
  completeSetup,
  findSignedInOrganizer,
  isSetupTokenValid,
  minPasswordLength,
  organizerFieldLimits,
  organizerSetupSchema,
  sessionTtlMs,
  signIn,
  signOut,
} from '../../domain/organizers.ts';
import { fieldErrors, typedText } from '../../form-input.ts';
import { LoginPage, SetupPage } from '../../../views/admin/login.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { clientAddress } from '../client-address.ts';
import { isHtmx, readForm } from '../request.ts';

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
const setupTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/** The session cookie of an organizer who just signed in or created their account. */
export function startSession(c: Context<AppEnv>, sessionId: string) {
  setCookie(c, sessionCookieName, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.var.secureCookies,
    maxAge: sessionTtlMs / 1000,
  });
}

export const loginRoutes = new Hono<AppEnv>();

loginRoutes.get('/login', (c) => {
  const next = nextSchema.parse(c.req.query('next') ?? '/admin');
  const sessionId = getCookie(c, sessionCookieName);
  if (sessionId && findSignedInOrganizer(c.var.db, sessionId, c.var.now())) return c.redirect(next, 303);
  return c.html(<LoginPage email="" next={next} />);
});

loginRoutes.post('/login', async (c) => {
  const form = (await readForm(c)) ?? {};
  const next = nextSchema.parse(form.next);
  const parsed = loginFormSchema.safeParse(form);
  const typedEmail = typedText(form.email, 200).trim();
  if (!parsed.success) {
    return c.html(
      <LoginPage email={typedEmail} next={next} errors={fieldErrors<'email' | 'password'>(parsed.error)} />,
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

loginRoutes.post('/logout', (c) => {
  const sessionId = getCookie(c, sessionCookieName);
  if (sessionId) signOut(c.var.db, sessionId);
  deleteCookie(c, sessionCookieName, { path: '/', secure: c.var.secureCookies });
  return c.redirect('/admin/login', 303);
});

const setupLinkGone = 'This setup link has already been used or is not valid. Ask whoever runs the server for a new one.';

loginRoutes.get('/setup/:token', (c) => {
  const token = setupTokenSchema.safeParse(c.req.param('token'));
  if (!token.success || !isSetupTokenValid(c.var.db, token.data)) {
    return c.html(<NotFoundPage message={setupLinkGone} />, 404);
  }
  return c.html(<SetupPage token={token.data} values={{ name: '', email: '' }} minPasswordLength={minPasswordLength} />);
});

loginRoutes.post('/setup/:token', async (c) => {
  const token = setupTokenSchema.safeParse(c.req.param('token'));
  if (!token.success || !isSetupTokenValid(c.var.db, token.data)) {
    return c.html(<NotFoundPage message={setupLinkGone} />, 404);
  }
  const form = (await readForm(c)) ?? {};
  const parsed = organizerSetupSchema.safeParse(form);
  if (!parsed.success) {
    const values = {
      name: typedText(form.name, organizerFieldLimits.name),
      email: typedText(form.email, organizerFieldLimits.email),
    };
    return c.html(
      <SetupPage token={token.data} values={values} errors={fieldErrors(parsed.error)} minPasswordLength={minPasswordLength} />,
      422,
    );
  }
  const result = completeSetup(c.var.db, token.data, parsed.data, c.var.now());
  if (!result.ok) return c.html(<NotFoundPage message={setupLinkGone} />, 404);
  startSession(c, result.sessionId);
  return c.redirect('/admin', 303);
});

/** Every organizer page: the signed-in organizer as `c.var.organizer`, or off to the sign-in. */
export const requireOrganizer: MiddlewareHandler<AppEnv> = async (c, next) => {
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
};
