// The organizer's event day: matching rounds, the live pairs and what can be done to them.
// Mounted by admin.tsx under /admin/e/:slug, behind the sign-in.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { listAuditLog, listOrganizerNames } from '../domain/audit.ts';
import type { Event } from '../domain/events.ts';
import {
  forbidPair,
  listLivePairs,
  markNoShow,
  movePair,
  pinPair,
  rematchNow,
  unpair,
  type LivePairView,
  type PairRefusal,
} from '../domain/pairs.ts';
import { discardRound, listRounds, loadRound, proposeRound, publishRound } from '../domain/rounds.ts';
import {
  AuditList,
  ClearOtherNotices,
  formatClockTime,
  LivePairs,
  PairByHandForm,
  RoundList,
  RoundReviewPage,
  roundWho,
  type Notice,
  type PairByHandField,
} from '../../views/admin-event-day.tsx';
import { NotFoundPage } from '../../views/errors.tsx';
import {
  dashboardPath,
  eventNotFound,
  flashNotice,
  idParamSchema,
  isHtmx,
  pairingCandidates,
  renderDashboard,
  roundLimit,
  showsAllPairs,
  spotOptions,
} from './admin-dashboard.tsx';
import { eventFromSlug, readForm } from './event-context.ts';
import { streamLiveChanges } from './live-stream.ts';

export const adminEventDayRoutes = new Hono<AppEnv>();

const roundNotFound = 'There is no such matching round for this event.';
const notInEvent = 'That pair or person is not part of this event. Nothing was changed.';

const refusalMessages: Record<Exclude<PairRefusal, 'not-found'>, string> = {
  'not-live': 'That pair has already ended. Nothing was changed.',
  'too-early': 'It is not the meet time yet. Nothing was changed.',
  full: 'That volunteer has no room left. Nothing was changed.',
  forbidden: 'These two must not be paired: an organizer forbade it. Nothing was changed.',
  'not-present': 'Both people have to be checked in first. Nothing was changed.',
  'already-paired': 'That first-timer already has a buddy; unpair them first. Nothing was changed.',
};

const formId = (v: unknown) => (typeof v === 'string' ? v : '');
const idFieldSchema = (message: string) => z.preprocess(formId, z.string().regex(/^[1-9][0-9]{0,14}$/, message)).transform(Number);

const noShowSchema = z.object({
  absentee: z.enum(['first_timer', 'volunteer'], { error: 'Say who did not come.' }),
});
const moveSchema = z.object({ spotId: idFieldSchema('Choose a meetup spot.') });
const pairPeopleSchema = z.object({
  firstTimerId: idFieldSchema('Choose a first-timer.'),
  volunteerId: idFieldSchema('Choose a volunteer.'),
});

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

function meetsAt(event: Event, pair: LivePairView | undefined): string {
  if (!pair) return '';
  const where = pair.spotName ? ` at ${pair.spotName}` : '';
  const when = pair.meetAt ? `, ${formatClockTime(pair.meetAt, event.timezone)}` : '';
  return `${where}${when}`;
}

function rematchText(
  event: Event,
  after: LivePairView[],
  firstTimerName: string,
  rematch: { pairId: number; volunteerId: number } | null,
): string {
  if (!rematch) return `No volunteer is free; ${firstTimerName} goes first in the next round.`;
  const pair = after.find((p) => p.pairId === rematch.pairId);
  return `${pair?.firstTimer.name ?? firstTimerName} was rematched with ${pair?.volunteer.name ?? 'a new buddy'}${meetsAt(event, pair)}.`;
}

/** The live-pairs fragment for htmx, or the dashboard for a browser without JavaScript. */
function answer(c: Context<AppEnv>, event: Event, notice: Notice, status: 200 | 404 | 409 | 422 = 200, pairs?: LivePairView[]) {
  c.header('Vary', 'HX-Request');
  if (isHtmx(c)) {
    const live = pairs ?? listLivePairs(c.var.db, event, c.var.now());
    const { waiting, firstTimers, volunteers } = pairingCandidates(c, event);
    return c.html(
      <>
        <LivePairs
          slug={event.slug}
          timezone={event.timezone}
          pairs={live}
          waiting={waiting}
          spots={spotOptions(c, event)}
          notice={notice}
          showAll={showsAllPairs(c)}
        />
        {/* after a change the pair-by-hand choices are out of date too (and its old message goes) */}
        {status === 200 && <PairByHandForm slug={event.slug} firstTimers={firstTimers} volunteers={volunteers} oob />}
        <ClearOtherNotices keep={status === 200 ? ['pairs-message', 'pair-by-hand-message'] : ['pairs-message']} />
      </>,
      status,
    );
  }
  if (status === 200) {
    flashNotice(c, notice);
    return c.redirect(dashboardPath(event), 303);
  }
  if (status === 404) return c.html(<NotFoundPage message={notice.text} />, 404);
  return renderDashboard(c, event, { notice, status });
}

function refuse(c: Context<AppEnv>, event: Event, reason: PairRefusal) {
  if (reason === 'not-found') return answer(c, event, { kind: 'error', text: notInEvent }, 404);
  return answer(c, event, { kind: 'error', text: refusalMessages[reason] }, 409);
}

function badInput(c: Context<AppEnv>, event: Event, error: z.ZodError) {
  const text = error.issues[0]?.message ?? 'We could not read that form. Nothing was changed.';
  return answer(c, event, { kind: 'error', text }, 422);
}

/** Announce a successful action to the board, the phones and the other dashboards. */
function announce(c: Context<AppEnv>, event: Event, result: { participantIds: number[]; board: boolean }) {
  c.var.live.publish({ eventId: event.id, participantIds: result.participantIds, board: result.board });
}

function livePairsNow(c: Context<AppEnv>, event: Event) {
  return listLivePairs(c.var.db, event, c.var.now());
}

// --- fragments, and the stream that tells them to refresh ---

adminEventDayRoutes.get('/stream', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  // the dashboard shows every pair and count of the event, so any change of it concerns the page
  return streamLiveChanges(c, { eventId: event.id, filter: () => true });
});

adminEventDayRoutes.get('/pairs', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const { waiting } = pairingCandidates(c, event);
  return c.html(
    <LivePairs
      slug={event.slug}
      timezone={event.timezone}
      pairs={livePairsNow(c, event)}
      waiting={waiting}
      spots={spotOptions(c, event)}
      showAll={showsAllPairs(c)}
    />,
  );
});

adminEventDayRoutes.get('/rounds', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const rounds = listRounds(c.var.db, event.id, roundLimit);
  const names = listOrganizerNames(c.var.db, rounds.flatMap((r) => (r.organizerId === null ? [] : [r.organizerId])));
  return c.html(<RoundList slug={event.slug} timezone={event.timezone} rounds={rounds} organizerNames={names} />);
});

adminEventDayRoutes.get('/audit', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  return c.html(<AuditList slug={event.slug} timezone={event.timezone} entries={listAuditLog(c.var.db, event.id, 20)} />);
});

// --- matching rounds ---

adminEventDayRoutes.post('/rounds', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const result = proposeRound(c.var.db, event, { organizerId: c.var.organizer.id, trigger: 'organizer', now: c.var.now() });
  if (!result.ok) {
    flashNotice(c, { kind: 'ok', text: 'Nobody is waiting for a buddy right now: every first-timer who is here has one.' });
    return c.redirect(dashboardPath(event), 303);
  }
  // other organizers' dashboards list the new round
  announce(c, event, { participantIds: [], board: false });
  return c.redirect(`${dashboardPath(event)}/rounds/${result.round.id}`, 303);
});

function renderRound(c: Context<AppEnv>, event: Event, roundId: number, notice?: Notice, status: 200 | 409 = 200) {
  const view = loadRound(c.var.db, event.id, roundId);
  if (!view) return c.html(<NotFoundPage message={roundNotFound} />, 404);
  const names = listOrganizerNames(c.var.db, view.round.organizerId === null ? [] : [view.round.organizerId]);
  return c.html(
    <RoundReviewPage organizer={c.var.organizer} event={event} view={view} who={roundWho(view.round, names)} notice={notice} />,
    status,
  );
}

adminEventDayRoutes.get('/rounds/:id', (c) => {
  const event = eventFromSlug(c);
  const id = idParamSchema.safeParse(c.req.param('id'));
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  if (!id.success) return c.html(<NotFoundPage message={roundNotFound} />, 404);
  return renderRound(c, event, id.data);
});

const roundClosed = 'This round was already published or discarded, so nothing was changed.';

adminEventDayRoutes.post('/rounds/:id/publish', (c) => {
  const event = eventFromSlug(c);
  const id = idParamSchema.safeParse(c.req.param('id'));
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  if (!id.success) return c.html(<NotFoundPage message={roundNotFound} />, 404);
  const result = publishRound(c.var.db, event, { roundId: id.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) {
    if (result.reason === 'not-found') return c.html(<NotFoundPage message={roundNotFound} />, 404);
    return renderRound(c, event, id.data, { kind: 'error', text: roundClosed }, 409);
  }
  announce(c, event, result);
  const skipped = result.skipped > 0 ? ` (${result.skipped} skipped because someone left)` : '';
  flashNotice(c, { kind: 'ok', text: `Published ${plural(result.published, 'pair')}${skipped}.` });
  return c.redirect(dashboardPath(event), 303);
});

adminEventDayRoutes.post('/rounds/:id/discard', (c) => {
  const event = eventFromSlug(c);
  const id = idParamSchema.safeParse(c.req.param('id'));
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  if (!id.success) return c.html(<NotFoundPage message={roundNotFound} />, 404);
  const result = discardRound(c.var.db, event, { roundId: id.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) {
    if (result.reason === 'not-found') return c.html(<NotFoundPage message={roundNotFound} />, 404);
    return renderRound(c, event, id.data, { kind: 'error', text: roundClosed }, 409);
  }
  announce(c, event, { participantIds: [], board: false });
  flashNotice(c, { kind: 'ok', text: 'Discarded the round; nobody was told about it.' });
  return c.redirect(dashboardPath(event), 303);
});

// --- actions on live pairs ---

adminEventDayRoutes.post('/pairs/:id/no-show', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const id = idParamSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, event, 'not-found');
  const form = noShowSchema.safeParse((await readForm(c)) ?? {});
  if (!form.success) return badInput(c, event, form.error);
  const before = livePairsNow(c, event).find((p) => p.pairId === id.data);
  const result = markNoShow(c.var.db, event, {
    pairId: id.data,
    absentee: form.data.absentee,
    organizerId: c.var.organizer.id,
    now: c.var.now(),
  });
  if (!result.ok) return refuse(c, event, result.reason);
  announce(c, event, result);
  const after = livePairsNow(c, event);
  const ft = before?.firstTimer.name ?? 'The first-timer';
  const vol = before?.volunteer.name ?? 'The volunteer';
  const text =
    form.data.absentee === 'volunteer'
      ? `${vol} is marked as not here. ${rematchText(event, after, ft, result.rematch)}`
      : `${ft} is marked as not here; ${vol} has the place free again.`;
  return answer(c, event, { kind: 'ok', text }, 200, after);
});

adminEventDayRoutes.post('/pairs/:id/unpair', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const id = idParamSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, event, 'not-found');
  const before = livePairsNow(c, event).find((p) => p.pairId === id.data);
  const result = unpair(c.var.db, event, { pairId: id.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return refuse(c, event, result.reason);
  announce(c, event, result);
  const who = before ? `${before.firstTimer.name} and ${before.volunteer.name} are` : 'The pair is';
  return answer(c, event, { kind: 'ok', text: `${who} no longer paired.` });
});

adminEventDayRoutes.post('/pairs/:id/move', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const id = idParamSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, event, 'not-found');
  const form = moveSchema.safeParse((await readForm(c)) ?? {});
  if (!form.success) return badInput(c, event, form.error);
  const result = movePair(c.var.db, event, {
    pairId: id.data,
    spotId: form.data.spotId,
    organizerId: c.var.organizer.id,
    now: c.var.now(),
  });
  if (!result.ok) return refuse(c, event, result.reason);
  announce(c, event, result);
  const after = livePairsNow(c, event);
  const pair = after.find((p) => p.pairId === id.data);
  const text = pair ? `${pair.firstTimer.name} and ${pair.volunteer.name} now meet${meetsAt(event, pair)}.` : 'The pair was moved.';
  return answer(c, event, { kind: 'ok', text }, 200, after);
});

adminEventDayRoutes.post('/forbidden-pairs', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const form = pairPeopleSchema.safeParse((await readForm(c)) ?? {});
  if (!form.success) return badInput(c, event, form.error);
  const { firstTimerId, volunteerId } = form.data;
  const before = livePairsNow(c, event).find((p) => p.firstTimer.id === firstTimerId && p.volunteer.id === volunteerId);
  const result = forbidPair(c.var.db, event, { firstTimerId, volunteerId, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return refuse(c, event, result.reason);
  announce(c, event, result);
  const after = livePairsNow(c, event);
  const who = before ? `${before.firstTimer.name} and ${before.volunteer.name}` : 'These two';
  const next = after.find((p) => p.firstTimer.id === firstTimerId);
  const rematch = before
    ? ` ${rematchText(event, after, before.firstTimer.name, next ? { pairId: next.pairId, volunteerId: next.volunteer.id } : null)}`
    : '';
  return answer(c, event, { kind: 'ok', text: `${who} will not be paired again.${rematch}` }, 200, after);
});

adminEventDayRoutes.post('/first-timers/:id/rematch', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const id = idParamSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, event, 'not-found');
  const name =
    livePairsNow(c, event).find((p) => p.firstTimer.id === id.data)?.firstTimer.name ??
    pairingCandidates(c, event).firstTimers.find((p) => p.id === id.data)?.name ??
    'This first-timer';
  const result = rematchNow(c.var.db, event, { firstTimerId: id.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return refuse(c, event, result.reason);
  announce(c, event, result);
  const after = livePairsNow(c, event);
  return answer(c, event, { kind: 'ok', text: rematchText(event, after, name, result.rematch) }, 200, after);
});

// --- pair by hand ---

/** A refused pair-by-hand form comes back with its choices and the reason next to it. */
function refusePin(
  c: Context<AppEnv>,
  event: Event,
  values: Partial<Record<PairByHandField, string>>,
  errors: Partial<Record<PairByHandField | 'form', string>>,
  status: 409 | 422,
) {
  c.header('Vary', 'HX-Request');
  if (!isHtmx(c)) return renderDashboard(c, event, { pairByHand: { values, errors }, status });
  const { firstTimers, volunteers } = pairingCandidates(c, event);
  c.header('HX-Retarget', '#pair-by-hand');
  c.header('HX-Reswap', 'outerHTML');
  return c.html(
    <>
      <PairByHandForm slug={event.slug} firstTimers={firstTimers} volunteers={volunteers} values={values} errors={errors} />
      <ClearOtherNotices keep={['pair-by-hand-message']} />
    </>,
    status,
  );
}

adminEventDayRoutes.post('/pairs', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const raw = (await readForm(c)) ?? {};
  const values = { firstTimerId: formId(raw.firstTimerId), volunteerId: formId(raw.volunteerId) };
  const form = pairPeopleSchema.safeParse(raw);
  if (!form.success) {
    const fields = z.flattenError(form.error).fieldErrors;
    return refusePin(c, event, values, { firstTimerId: fields.firstTimerId?.[0], volunteerId: fields.volunteerId?.[0] }, 422);
  }
  const result = pinPair(c.var.db, event, { ...form.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) {
    if (result.reason === 'not-found') return refuse(c, event, 'not-found');
    return refusePin(c, event, values, { form: refusalMessages[result.reason] }, 409);
  }
  announce(c, event, result);
  const after = livePairsNow(c, event);
  const pair = after.find((p) => p.pairId === result.pairId);
  const text = pair ? `${pair.firstTimer.name} and ${pair.volunteer.name} are paired${meetsAt(event, pair)}.` : 'Paired.';
  return answer(c, event, { kind: 'ok', text }, 200, after);
});
