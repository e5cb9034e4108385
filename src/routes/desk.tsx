import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Event } from '../domain/events.ts';
import { findParticipantByDeskCode, findParticipantByToken, personalLink } from '../domain/participants.ts';
import { checkInForPlannedPairs } from '../domain/planned-pairs.ts';
import { isPresenceTokenValid, makePresenceToken } from '../domain/presence.ts';
import { firstName } from '../domain/public-name.ts';
import { qrSvg } from '../qr.ts';
import { DeskCheckInPage, DeskPage, DeskQr, DeskWelcomePage, type DeskQrProps } from '../../views/desk.tsx';
import { personalTokenSchema, typedText } from '../form-input.ts';
import { BadRequestPage } from '../../views/errors.tsx';
import { requireEvent } from './event-guard.tsx';
import { readForm } from './request.ts';

export const deskRoutes = new Hono<AppEnv>();

// well inside the two-minute window, so a scanned code is never more than a few seconds from fresh
const qrRefreshSeconds = 20;
// someone who registered on the kiosk has this long to carry their page to their phone
const welcomeWindowMs = 5 * 60 * 1000;

function presenceToken(c: Context<AppEnv>, event: Event) {
  return makePresenceToken(c.var.presenceSecret, event.slug, c.var.now());
}

async function deskQr(c: Context<AppEnv>, event: Event): Promise<DeskQrProps> {
  const joinUrl = `${c.var.publicUrl}/e/${event.slug}/join?k=${presenceToken(c, event)}`;
  return { slug: event.slug, joinUrl, qrSvg: await qrSvg(joinUrl), refreshSeconds: qrRefreshSeconds };
}

deskRoutes.use('*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});
deskRoutes.use('*', requireEvent());

deskRoutes.get('/', async (c) => {
  const event = c.var.event;
  return c.html(
    <DeskPage
      event={event}
      qr={await deskQr(c, event)}
      shortUrl={`${c.var.publicUrl}/e/${event.slug}/join`}
    />,
  );
});

// "Register on this screen": the token is made when it is tapped, however long the desk has been open
deskRoutes.get('/register', (c) => {
  const event = c.var.event;
  return c.redirect(`/e/${event.slug}/join?kiosk=1&k=${presenceToken(c, event)}`, 303);
});

deskRoutes.get('/qr', async (c) => {
  const event = c.var.event;
  return c.html(<DeskQr {...await deskQr(c, event)} />);
});

deskRoutes.get('/check-in', (c) => {
  const event = c.var.event;
  return c.html(<DeskCheckInPage event={event} presenceToken={presenceToken(c, event)} code="" />);
});

deskRoutes.post('/check-in', async (c) => {
  const event = c.var.event;
  const form = await readForm(c);
  if (!form) return c.html(<BadRequestPage message="We could not read that form. Please try again." />, 400);
  const code = typedText(form.code, 20).trim();
  const refuse = (error: string) =>
    c.html(<DeskCheckInPage event={event} presenceToken={presenceToken(c, event)} code={code} error={error} />, 422);

  const k = typeof form.k === 'string' ? form.k : undefined;
  if (!isPresenceTokenValid(c.var.presenceSecret, event.slug, k, c.var.now())) {
    return refuse('This screen was open too long. Please type your code again.');
  }
  if (!/^[A-Za-z0-9 -]{4,12}$/.test(code)) return refuse('Type the 6 characters of your desk code.');
  const person = findParticipantByDeskCode(c.var.db, event.id, code);
  if (!person) return refuse("We couldn't find that desk code. Check it on your personal page, or ask someone at the desk.");
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
