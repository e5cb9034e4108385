// The desk screen. Only a kiosk an organizer enrolled (its key in an HttpOnly cookie) shows the
// presence QR, lets someone register on the screen, or checks people in by desk code; any other
// browser at /e/:slug/desk is told so and gets the plain join link, which checks nobody in.
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import type { Event } from '../domain/events.ts';
import { enrolKiosk, findEnrolledKiosk, findKioskByKey, type Kiosk } from '../domain/kiosks.ts';
import { findParticipantByDeskCode, findParticipantByToken, personalLink } from '../domain/participants.ts';
import { checkInForPlannedPairs } from '../domain/planned-pairs.ts';
import { makePresenceToken } from '../domain/presence.ts';
import { firstName } from '../domain/public-name.ts';
import { qrSvg } from '../qr.ts';
import {
  DeskCheckInPage,
  DeskEnrolPage,
  DeskNotEnrolledPage,
  DeskPage,
  DeskQr,
  DeskWelcomePage,
  type DeskQrProps,
} from '../../views/desk.tsx';
import { personalTokenSchema, typedText } from '../form-input.ts';
import { BadRequestPage } from '../../views/errors.tsx';
import { requireEvent } from './event-guard.tsx';
import { isHtmx, readForm } from './request.ts';

export const deskRoutes = new Hono<AppEnv>();

// well inside the two-minute window, so a scanned code is never more than a few seconds from fresh
const qrRefreshSeconds = 20;
// someone who registered on the kiosk has this long to carry their page to their phone
const welcomeWindowMs = 5 * 60 * 1000;
export const kioskCookieName = 'bd_kiosk';
// a kiosk stays enrolled for the whole conference season; browsers keep a cookie at most 400 days
const kioskCookieMaxAge = 400 * 24 * 60 * 60;

function presenceToken(c: Context<AppEnv>, event: Event, kiosk: Kiosk) {
  return makePresenceToken(c.var.presenceSecret, event.slug, kiosk.id, c.var.now());
}

/** This browser's kiosk, when an organizer enrolled it for this event and has not revoked it. */
function thisKiosk(c: Context<AppEnv>): Kiosk | undefined {
  return findEnrolledKiosk(c.var.db, c.var.event.id, getCookie(c, kioskCookieName), c.var.now());
}

async function deskQr(c: Context<AppEnv>, event: Event, kiosk: Kiosk): Promise<DeskQrProps> {
  const joinUrl = `${c.var.publicUrl}/e/${event.slug}/join?k=${presenceToken(c, event, kiosk)}`;
  return { slug: event.slug, joinUrl, qrSvg: await qrSvg(joinUrl), refreshSeconds: qrRefreshSeconds };
}

async function notEnrolled(c: Context<AppEnv>, status: 200 | 403 = 200) {
  const event = c.var.event;
  const joinUrl = `${c.var.publicUrl}/e/${event.slug}/join`;
  // a kiosk that was revoked still sends its cookie: say why it stopped
  const revoked = findKioskByKey(c.var.db, event.id, getCookie(c, kioskCookieName))?.revokedAt ? 'revoked' : undefined;
  return c.html(<DeskNotEnrolledPage event={event} joinUrl={joinUrl} joinQrSvg={await qrSvg(joinUrl)} status={revoked} />, status);
}

deskRoutes.use('*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});
deskRoutes.use('*', requireEvent());

deskRoutes.get('/', async (c) => {
  const event = c.var.event;
  const kiosk = thisKiosk(c);
  if (!kiosk) return notEnrolled(c);
  return c.html(<DeskPage event={event} qr={await deskQr(c, event, kiosk)} shortUrl={`${c.var.publicUrl}/e/${event.slug}/join`} />);
});

// "Register on this screen": the token is made when it is tapped, however long the desk has been open
deskRoutes.get('/register', (c) => {
  const event = c.var.event;
  const kiosk = thisKiosk(c);
  if (!kiosk) return c.redirect(`/e/${event.slug}/desk`, 303);
  return c.redirect(`/e/${event.slug}/join?kiosk=1&k=${presenceToken(c, event, kiosk)}`, 303);
});

deskRoutes.get('/qr', async (c) => {
  const event = c.var.event;
  const kiosk = thisKiosk(c);
  if (!kiosk) {
    // revoked while the desk was showing: htmx reloads the whole page, which then explains itself
    if (isHtmx(c)) {
      c.header('HX-Refresh', 'true');
      return c.body(null, 200);
    }
    return notEnrolled(c, 403);
  }
  return c.html(<DeskQr {...await deskQr(c, event, kiosk)} />);
});

deskRoutes.get('/check-in', (c) => {
  if (!thisKiosk(c)) return notEnrolled(c, 403);
  return c.html(<DeskCheckInPage event={c.var.event} code="" />);
});

// the kiosk's own cookie proves the code was typed at the desk; no token rides in the form
deskRoutes.post('/check-in', async (c) => {
  const event = c.var.event;
  if (!thisKiosk(c)) return notEnrolled(c, 403);
  const form = await readForm(c);
  if (!form) return c.html(<BadRequestPage message="We could not read that form. Please try again." />, 400);
  const code = typedText(form.code, 20).trim();
  const refuse = (error: string) => c.html(<DeskCheckInPage event={event} code={code} error={error} />, 422);

  if (!/^[A-Za-z0-9 -]{4,12}$/.test(code)) return refuse('Type the 6 characters of your desk code.');
  const person = findParticipantByDeskCode(c.var.db, event.id, code);
  if (!person) return refuse("We couldn't find that desk code. Check it on your personal page, or ask someone at the desk.");
  if (person.status === 'withdrawn') return refuse('This registration was withdrawn. Please ask an organizer at the desk.');
  const { participant: checkedIn, change } = checkInForPlannedPairs(c.var.db, event, person, c.var.now());
  // a planned pair whose two are both here now goes live: their phones and the board hear it
  if (change.participantIds.length > 0) c.var.live.publish({ eventId: event.id, ...change });
  return c.html(
    <DeskWelcomePage
      event={event}
      firstName={firstName(checkedIn.name)}
      deskCode={checkedIn.deskCode}
      checkedIn
      role={checkedIn.role}
      hasBuddy={checkedIn.status === 'matched'}
    />,
  );
});

deskRoutes.get('/enrol', (c) => {
  const code = typedText(c.req.query('code'), 20);
  return c.html(<DeskEnrolPage event={c.var.event} code={code} />);
});

const enrolRefused = {
  unknown: 'That code is not valid for this conference. Check it, or create a new one under Kiosks.',
  used: 'That code was already used: each works once. Create a new one under Kiosks.',
  expired: 'That code has expired: codes work for 30 minutes. Create a new one under Kiosks.',
  revoked: 'That kiosk was revoked. Create a new one under Kiosks.',
} as const;

deskRoutes.post('/enrol', async (c) => {
  const event = c.var.event;
  const form = await readForm(c);
  if (!form) return c.html(<BadRequestPage message="We could not read that form. Please try again." />, 400);
  const code = typedText(form.code, 20);
  if (code.trim() === '') return c.html(<DeskEnrolPage event={event} code={code} error="Type the enrolment code." />, 422);
  const result = enrolKiosk(c.var.db, { eventId: event.id, code, now: c.var.now() });
  if (!result.ok) return c.html(<DeskEnrolPage event={event} code={code} error={enrolRefused[result.reason]} />, 422);
  setCookie(c, kioskCookieName, result.key, {
    path: `/e/${event.slug}/desk`,
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.secureCookies,
    maxAge: kioskCookieMaxAge,
  });
  return c.redirect(`/e/${event.slug}/desk`, 303);
});

deskRoutes.get('/welcome/:token', async (c) => {
  const event = c.var.event;
  const token = personalTokenSchema.safeParse(c.req.param('token'));
  const person = token.success ? findParticipantByToken(c.var.db, event.id, token.data) : undefined;
  if (!person || c.var.now().getTime() - person.createdAt.getTime() > welcomeWindowMs) {
    return c.redirect(`/e/${event.slug}/desk`, 303);
  }
  const personalUrl = personalLink(c.var.publicUrl, event, person.token);
  return c.html(
    <DeskWelcomePage
      event={event}
      firstName={firstName(person.name)}
      deskCode={person.deskCode}
      personalQrSvg={await qrSvg(personalUrl)}
      checkedIn={person.status !== 'registered'}
      role={person.role}
      hasBuddy={person.status === 'matched'}
    />,
  );
});
