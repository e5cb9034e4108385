import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'drizzle-orm';
import type { AppDeps, AppEnv } from './app-env.ts';
import { getOrCreateSecret } from './domain/secrets.ts';
import { createLoginLimiter } from './domain/login-limiter.ts';
import { createLiveHub } from './live.ts';
import { sameOriginForms } from './same-origin-forms.ts';
import { bodyLimits, uploadBodyLimit } from './body-limits.ts';
import { staticFiles } from './static-files.ts';
import { adminRoutes } from './routes/admin/index.tsx';
import { boardRoutes } from './routes/board.tsx';
import { deskRoutes } from './routes/desk.tsx';
import { joinRoutes } from './routes/join.tsx';
import { meRoutes } from './routes/me.tsx';
import { eventUnsubscribeRoutes, unsubscribeRoutes } from './routes/unsubscribe.tsx';
import { letterCheckRoutes } from './routes/letters.tsx';
import { BadRequestPage, ErrorPage, FormRefusedPage, NotFoundPage, TooLargePage } from '../views/errors.tsx';

export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const presenceSecret = getOrCreateSecret(deps.db, 'presence-hmac', now());
  const deviceSecret = getOrCreateSecret(deps.db, 'device-hmac', now());
  const loginLimiter = createLoginLimiter();
  const live = deps.live ?? createLiveHub();
  const fetchPolicy = { allowPrivate: false, timeoutMs: 15_000, maxBytes: uploadBodyLimit, ...deps.fetchPolicy };
  const app = new Hono<AppEnv>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      // same-origin keeps the real Origin on our own form posts (no-referrer made it "null") and
      // sends nothing to other sites, so a personal link never leaks through Referer
      referrerPolicy: 'same-origin',
    }),
  );
  app.use(async (c, next) => {
    c.set('db', deps.db);
    c.set('now', now);
    c.set('publicUrl', deps.publicUrl);
    c.set('secureCookies', deps.secureCookies ?? deps.publicUrl.startsWith('https:'));
    c.set('presenceSecret', presenceSecret);
    c.set('deviceSecret', deviceSecret);
    c.set('trustProxy', deps.trustProxy ?? false);
    c.set('loginLimiter', loginLimiter);
    c.set('live', live);
    c.set('mailSending', deps.mailSending ?? false);
    c.set('fetchPolicy', fetchPolicy);
    await next();
  });
  app.use(bodyLimits((c, maxSize) => c.html(<TooLargePage maxKb={maxSize / 1024} />, 413)));
  // a form posted from another site must not act with an organizer's cookie
  app.use(
    sameOriginForms({
      publicUrl: deps.publicUrl,
      refuse: (reason, c) =>
        c.html(<FormRefusedPage reason={reason} back={wayBack(c.req.path)} />, reason === 'not-a-form' ? 415 : 403),
    }),
  );

  app.use('/static/*', staticFiles());

  app.get('/healthz', (c) => {
    try {
      deps.db.get(sql`select 1`);
      return c.json({ status: 'ok', database: 'ok' });
    } catch {
      return c.json({ status: 'error', database: 'unreachable' }, 503);
    }
  });
  app.get('/', (c) => c.redirect('/admin'));

  app.route('/e/:slug/desk', deskRoutes);
  app.route('/e/:slug/join', joinRoutes);
  app.route('/e/:slug/me', meRoutes);
  app.route('/e/:slug/letters', letterCheckRoutes);
  app.route('/e/:slug/board', boardRoutes);
  app.route('/e/:slug/unsubscribe', eventUnsubscribeRoutes);
  app.route('/unsubscribe', unsubscribeRoutes);
  app.route('/admin', adminRoutes);

  app.notFound((c) => c.html(<NotFoundPage />, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      return c.html(<BadRequestPage message="We could not read that request. Please go back and try again." />, err.status);
    }
    console.error(err);
    return c.html(<ErrorPage />, 500);
  });
  return Object.assign(app, { live });
}

export type App = ReturnType<typeof createApp>;

/** The page a refused form leads back to: the form itself where it has one, else its area's start. */
function wayBack(path: string): string {
  const personal = /^\/e\/[a-z0-9-]+\/me\/[A-Za-z0-9_-]+/.exec(path);
  if (personal) return personal[0];
  if (/^\/e\/[a-z0-9-]+\/(join|desk\/check-in)$/.test(path)) return path;
  if (/^(\/e\/[a-z0-9-]+)?\/unsubscribe\/[A-Za-z0-9_-]+$/.test(path)) return path;
  if (/^\/admin\/e\/[a-z0-9-]+/.test(path)) return /^\/admin\/e\/[a-z0-9-]+/.exec(path)![0];
  if (path.startsWith('/admin')) return '/admin';
  return '/';
}
