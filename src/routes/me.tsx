import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { loadEventCatalog } from '../domain/events.ts';
import { confirmMet, reportBuddyMissing, requestDifferentBuddy } from '../domain/buddy-actions.ts';
import { loadRequestsView } from '../domain/buddy-requests.ts';
import type { PairRefusal } from '../domain/live-pairs.ts';
import { findMyPairs, preloadMyPairs, type Preloaded } from '../domain/pair-views.ts';
import { findParticipantByToken, loadProfile, peopleInEvent, type Participant } from '../domain/participants.ts';
import { findPlannedBuddies } from '../domain/planned-pairs.ts';
import { updateProfile } from '../domain/registration.ts';
import { profileSchemaFor } from '../domain/registration-schema.ts';
import { safetySettingsOf } from '../domain/safety.ts';
import { fieldErrors, idSchema, personalTokenSchema } from '../form-input.ts';
import { qrSvg } from '../qr.ts';
import { BadRequestPage, NotFoundPage } from '../../views/errors.tsx';
import { MePage, MeStatus } from '../../views/me.tsx';
import { MeEditPage } from '../../views/profile-form.tsx';
import { meetupIcs } from '../../views/meetup-ics.ts';
import { requireEvent } from './event-guard.tsx';
import { afterEventProps, feedbackRoutes } from './feedback.tsx';
import { myLetterRoutes } from './letters.tsx';
import { meDataRoutes } from './me-data.tsx';
import { meVolunteerRoutes } from './me-volunteers.tsx';
import { meSafetyRoutes } from './me-safety.tsx';
import { streamPersonalFragment } from './personal-stream.ts';
import { profileValuesFromForm } from './profile-form.ts';
import { isHtmx, readForm } from './request.ts';

export const meRoutes = new Hono<AppEnv>();

const notYours = 'This personal link is not valid. Check that you copied all of it, or ask at the registration desk.';

export const meCookieName = 'bd_me';

/** This phone holds the person's page, so scanning the desk QR with it later checks them in. */
export function rememberPersonalPage(c: Context<AppEnv>, slug: string, token: string): void {
  setCookie(c, meCookieName, token, {
    path: `/e/${slug}`,
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.secureCookies,
    maxAge: 60 * 60 * 24 * 60,
  });
}

// a personal page must not linger in shared caches or a kiosk's back button
meRoutes.use('*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});
meRoutes.use('*', requireEvent(notYours));
// the person whose link this is, found once: a wrong link is a plain 404 that reveals nothing
meRoutes.use('/:token/*', async (c, next) => {
  const token = personalTokenSchema.safeParse(c.req.param('token'));
  const me = token.success ? findParticipantByToken(c.var.db, c.var.event.id, token.data) : undefined;
  if (!me) return c.html(<NotFoundPage message={notYours} />, 404);
  c.set('me', me);
  await next();
});

meRoutes.get('/:token', async (c) => {
  const { event, me } = c.var;
  rememberPersonalPage(c, event.slug, me.token);
  const notice = noticeSchema.safeParse(c.req.query('notice') ?? (c.req.query('checked-in') ? 'checked-in' : c.req.query('saved') ? 'saved' : undefined));
  const now = c.var.now();
  const profile = loadProfile(c.var.db, me);
  return c.html(
    <MePage
      event={event}
      me={profile}
      catalog={loadEventCatalog(c.var.db, event.id, { keep: profile })}
      deskCodeQr={await qrSvg(me.deskCode)}
      myPairs={findMyPairs(c.var.db, event, me, now)}
      planned={findPlannedBuddies(c.var.db, event, me)}
      requests={loadRequestsView(c.var.db, me)}
      now={now}
      notice={notice.success ? notice.data : undefined}
      afterEvent={afterEventProps(c, { saved: notice.success && notice.data === 'feedback' })}
    />,
  );
});

/**
 * What the status fragments of a batch of people read once for all of them: the people themselves
 * (read here once, so the fragment need not read them again), the event's spots, their live pairs,
 * buddies and notices. The /status
 * answer is a batch of one, so the answer and the pushed event cannot drift apart.
 */
function loadStatusBatch(c: Context<AppEnv>, participantIds: number[]) {
  const { db, event } = c.var;
  const people = peopleInEvent(db, event.id, participantIds);
  return { people, preloaded: preloadMyPairs(db, event, [...people.values()], c.var.now()) };
}

/** The status fragment for this person as it is now (`me` read with its batch): the /status answer and the pushed event alike. */
function statusView(c: Context<AppEnv>, me: Participant, preloaded: Preloaded, message?: string) {
  const { db, event } = c.var;
  const now = c.var.now();
  return (
    <MeStatus
      me={me}
      slug={event.slug}
      myPairs={findMyPairs(db, event, me, now, preloaded)}
      planned={findPlannedBuddies(db, event, me, preloaded)}
      requests={loadRequestsView(db, me)}
      now={now}
      timezone={event.timezone}
      message={message}
      safety={safetySettingsOf(event)}
    />
  );
}

function renderStatus(c: Context<AppEnv>, status: 200 | 404 | 409 = 200, message?: string) {
  // read again: an action just before may have changed this person (a rematch)
  const me = c.var.me;
  const batch = loadStatusBatch(c, [me.id]);
  return c.html(statusView(c, batch.people.get(me.id) ?? me, batch.preloaded, message), status);
}

meRoutes.get('/:token/status', (c) => renderStatus(c));

// each change that concerns this person arrives as their status fragment, so the phone need not ask
meRoutes.get('/:token/stream', (c) => {
  const { event, me } = c.var;
  return streamPersonalFragment(c, { eventId: event.id, participantId: me.id, render: (ids) => statusFragments(c, ids) });
});

/** The status fragments of a batch of people as they are now, for a push; null for someone gone. */
async function statusFragments(c: Context<AppEnv>, participantIds: number[]): Promise<Map<number, string | null>> {
  const batch = loadStatusBatch(c, participantIds);
  const fragments = new Map<number, string | null>();
  for (const id of participantIds) {
    const me = batch.people.get(id);
    fragments.set(id, me ? String(await statusView(c, me, batch.preloaded)) : null);
  }
  return fragments;
}

meRoutes.get('/:token/meetup.ics', (c) => {
  const { event, me } = c.var;
  const meetups = findMyPairs(c.var.db, event, me, c.var.now()).meetups.filter((m) => m.meetAt);
  if (meetups.length === 0) return c.html(<NotFoundPage message="You have no meetup yet. This page will show it once you have a buddy." />, 404);
  const host = new URL(c.var.publicUrl).hostname;
  c.header('Content-Type', 'text/calendar; charset=utf-8');
  c.header('Content-Disposition', 'attachment; filename="buddy-meetup.ics"');
  return c.body(
    meetupIcs({ eventName: event.name, role: me.role, meetups, slotMinutes: event.settings.slotMinutes, now: c.var.now(), host }),
  );
});

const noticeSchema = z.enum(['checked-in', 'saved', 'met', 'missing', 'different', 'plan-ended', 'feedback', 'check-in-at-desk', 'safety']);
const pairActionSchema = z.enum(['met', 'missing', 'different']);
const pairActions = {
  met: confirmMet,
  missing: reportBuddyMissing,
  different: requestDifferentBuddy,
} as const;
const refusalText: Record<PairRefusal, string> = {
  'not-found': 'That meetup is not yours.',
  'not-live': 'That pairing has already ended.',
  'too-early': "It's not the meeting time yet — your buddy may still be on the way.",
  full: 'That volunteer has no room left.',
  held: 'That volunteer has no room left.',
  forbidden: 'That pairing is not possible.',
  'not-present': 'Check in at the desk first.',
  'already-paired': 'You already have a buddy.',
};

meRoutes.post('/:token/pairs/:pairId/:action', (c) => {
  const { event, me } = c.var;
  const pairId = idSchema.safeParse(c.req.param('pairId'));
  const action = pairActionSchema.safeParse(c.req.param('action'));
  if (!pairId.success || !action.success) return c.html(<NotFoundPage message={notYours} />, 404);
  const result = pairActions[action.data](c.var.db, event, me, pairId.data, c.var.now());
  const htmx = isHtmx(c);
  if (!result.ok) {
    const status = result.reason === 'not-found' ? 404 : 409;
    if (htmx) return renderStatus(c, status, refusalText[result.reason]);
    return c.html(<BadRequestPage message={refusalText[result.reason]} />, status);
  }
  c.var.live.publish({ eventId: event.id, participantIds: result.participantIds, board: result.board });
  if (htmx) return renderStatus(c);
  const notice = 'planEnded' in result && result.planEnded ? 'plan-ended' : action.data;
  return c.redirect(`/e/${event.slug}/me/${me.token}?notice=${notice}`, 303);
});

meRoutes.get('/:token/edit', (c) => {
  const { event, me } = c.var;
  const profile = loadProfile(c.var.db, me);
  return c.html(
    <MeEditPage
      event={event}
      me={me}
      catalog={loadEventCatalog(c.var.db, event.id, { keep: profile })}
      values={{ ...profile, interests: profile.interestIds, sessions: profile.sessionIds }}
      errors={{}}
    />,
  );
});

meRoutes.post('/:token/edit', async (c) => {
  const { event, me } = c.var;
  const form = await readForm(c);
  if (!form) return c.html(<BadRequestPage message="We could not read that form. Please go back and try again." />, 400);
  const rerender = (errors: Parameters<typeof MeEditPage>[0]['errors']) =>
    c.html(
      <MeEditPage
        event={event}
        me={me}
        catalog={loadEventCatalog(c.var.db, event.id, { keep: loadProfile(c.var.db, me) })}
        values={profileValuesFromForm(form)}
        errors={errors}
      />,
      422,
    );
  const parsed = profileSchemaFor(me.role).safeParse(form);
  if (!parsed.success) return rerender(fieldErrors(parsed.error));
  const result = updateProfile(c.var.db, event, me, parsed.data, c.var.now());
  if (!result.ok) return rerender(result.errors);
  return c.redirect(`/e/${event.slug}/me/${me.token}?saved=1`, 303);
});

// after the conference: feedback and a volunteer's letter, behind the same guard
meRoutes.route('/', feedbackRoutes);
meRoutes.route('/', myLetterRoutes);
meRoutes.route('/', meVolunteerRoutes);
// "Your data": download it, or erase it
meRoutes.route('/', meDataRoutes);
meRoutes.route('/', meSafetyRoutes);
