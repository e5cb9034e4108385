// Live pairs on the event day: the list, and what an organizer does to a pair — mark a no-show,
// rematch, unpair, forbid, move to another spot — or to two people: pair them by hand.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import type { Event } from '../../domain/events.ts';
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
} from '../../domain/pairs.ts';
import { listPairingCandidates } from '../../domain/participants.ts';
import { fieldErrors, idField, idSchema } from '../../form-input.ts';
import { ClearOtherNotices, eventPath, type Notice } from '../../../views/admin/chrome.tsx';
import { LivePairs, PairByHandForm, type PairByHandField } from '../../../views/admin/pairs.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { formatTime } from '../../../views/format.ts';
import { isHtmx, readForm } from '../request.ts';
import { renderDashboard, spotOptions } from './dashboard.tsx';
import { flashNotice } from './notice.ts';

export const pairsRoutes = new Hono<AppEnv>();

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

const noShowSchema = z.object({
  absentee: z.enum(['first_timer', 'volunteer'], { error: 'Say who did not come.' }),
});
const moveSchema = z.object({ spotId: idField('Choose a meetup spot.') });
const pairPeopleSchema = z.object({
  firstTimerId: idField('Choose a first-timer.'),
  volunteerId: idField('Choose a volunteer.'),
});

function meetsAt(event: Event, pair: LivePairView | undefined): string {
  if (!pair) return '';
  const where = pair.spotName ? ` at ${pair.spotName}` : '';
  const when = pair.meetAt ? `, ${formatTime(pair.meetAt, event.timezone)}` : '';
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
    const { waiting, firstTimers, volunteers } = listPairingCandidates(c.var.db, event.id);
    return c.html(
      <>
        <LivePairs
          slug={event.slug}
          timezone={event.timezone}
          pairs={live}
          waiting={waiting}
          spots={spotOptions(c)}
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
    return c.redirect(eventPath(event.slug), 303);
  }
  if (status === 404) return c.html(<NotFoundPage message={notice.text} />, 404);
  return renderDashboard(c, { notice, status });
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

/**
 * Whether the organizer is looking at every live pair. An htmx request says which page it comes
 * from (HX-Current-URL), so an action taken in the long list answers with the long list.
 */
function showsAllPairs(c: Context<AppEnv>): boolean {
  if (c.req.query('all') === '1') return true;
  const from = c.req.header('HX-Current-URL');
  if (!from) return false;
  try {
    return new URL(from).searchParams.get('pairs') === 'all';
  } catch {
    return false;
  }
}

pairsRoutes.get('/pairs', (c) => {
  const { db, event } = c.var;
  return c.html(
    <LivePairs
      slug={event.slug}
      timezone={event.timezone}
      pairs={listLivePairs(db, event, c.var.now())}
      waiting={listPairingCandidates(db, event.id).waiting}
      spots={spotOptions(c)}
      showAll={showsAllPairs(c)}
    />,
  );
});

// --- actions on live pairs ---

pairsRoutes.post('/pairs/:id/no-show', async (c) => {
  const { event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
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

pairsRoutes.post('/pairs/:id/unpair', (c) => {
  const { event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, event, 'not-found');
  const before = livePairsNow(c, event).find((p) => p.pairId === id.data);
  const result = unpair(c.var.db, event, { pairId: id.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return refuse(c, event, result.reason);
  announce(c, event, result);
  const who = before ? `${before.firstTimer.name} and ${before.volunteer.name} are` : 'The pair is';
  return answer(c, event, { kind: 'ok', text: `${who} no longer paired.` });
});

pairsRoutes.post('/pairs/:id/move', async (c) => {
  const { event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
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

pairsRoutes.post('/forbidden-pairs', async (c) => {
  const { event } = c.var;
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

pairsRoutes.post('/first-timers/:id/rematch', (c) => {
  const { event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, event, 'not-found');
  const name =
    livePairsNow(c, event).find((p) => p.firstTimer.id === id.data)?.firstTimer.name ??
    listPairingCandidates(c.var.db, event.id).firstTimers.find((p) => p.id === id.data)?.name ??
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
  if (!isHtmx(c)) return renderDashboard(c, { pairByHand: { values, errors }, status });
  const { firstTimers, volunteers } = listPairingCandidates(c.var.db, event.id);
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

pairsRoutes.post('/pairs', async (c) => {
  const { event } = c.var;
  const raw = (await readForm(c)) ?? {};
  const values = { firstTimerId: formId(raw.firstTimerId), volunteerId: formId(raw.volunteerId) };
  const form = pairPeopleSchema.safeParse(raw);
  if (!form.success) {
    return refusePin(c, event, values, fieldErrors<PairByHandField>(form.error), 422);
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
