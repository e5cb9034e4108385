// Live pairs on the event day: the list, and what an organizer does to a pair — mark a no-show,
// rematch, unpair, forbid, move to another spot — or to two people: pair them by hand.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { listLivePairs } from '../../domain/pair-views.ts';
import type { PairChange, PairRefusal, Rematched } from '../../domain/live-pairs.ts';
import { forbidPair, markNoShow, movePair, pinPair, rematchNow, unpair } from '../../domain/pairs.ts';
import { listPairingCandidates, type Person } from '../../domain/participants.ts';
import { fieldErrors, idField, idSchema, typedText } from '../../form-input.ts';
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
  held: "That volunteer's other places are held for first-timers planned before the conference. End one of those planned pairs first if you want this one. Nothing was changed.",
  forbidden: 'These two must not be paired: an organizer forbade it. Nothing was changed.',
  'not-present': 'Both people have to be checked in first. Nothing was changed.',
  'already-paired': 'That first-timer already has a buddy; unpair them first. Nothing was changed.',
};

const noShowSchema = z.object({
  absentee: z.enum(['first_timer', 'volunteer'], { error: 'Say who did not come.' }),
});
const moveSchema = z.object({ spotId: idField('Choose a meetup spot.') });
const pairPeopleSchema = z.object({
  firstTimerId: idField('Choose a first-timer.'),
  volunteerId: idField('Choose a volunteer.'),
});

/** " at Spot B, 10:30 AM": where and when a pair meets, for a notice. */
function meetsAt(c: Context<AppEnv>, meetup: { spotName: string; meetAt: Date | null }): string {
  const where = meetup.spotName ? ` at ${meetup.spotName}` : '';
  const when = meetup.meetAt ? `, ${formatTime(meetup.meetAt, c.var.event.timezone)}` : '';
  return `${where}${when}`;
}

function rematchText(c: Context<AppEnv>, firstTimer: Person, rematch: Rematched | null): string {
  if (!rematch) return `No volunteer is free; ${firstTimer.name} goes first in the next round.`;
  return `${firstTimer.name} was rematched with ${rematch.volunteer.name}${meetsAt(c, rematch)}.`;
}

/** The live-pairs fragment for htmx, or the dashboard for a browser without JavaScript. */
function answer(c: Context<AppEnv>, notice: Notice, status: 200 | 404 | 409 | 422 = 200) {
  const { db, event } = c.var;
  c.header('Vary', 'HX-Request');
  if (isHtmx(c)) {
    const { waiting, firstTimers, volunteers } = listPairingCandidates(db, event.id);
    return c.html(
      <>
        <LivePairs
          slug={event.slug}
          timezone={event.timezone}
          pairs={listLivePairs(db, event, c.var.now())}
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

function refuse(c: Context<AppEnv>, reason: PairRefusal) {
  if (reason === 'not-found') return answer(c, { kind: 'error', text: notInEvent }, 404);
  return answer(c, { kind: 'error', text: refusalMessages[reason] }, 409);
}

function badInput(c: Context<AppEnv>, error: z.ZodError) {
  const text = error.issues[0]?.message ?? 'We could not read that form. Nothing was changed.';
  return answer(c, { kind: 'error', text }, 422);
}

/** Announce a successful action to the board, the phones and the other dashboards. */
function announce(c: Context<AppEnv>, change: PairChange) {
  c.var.live.publish({ eventId: c.var.event.id, participantIds: change.participantIds, board: change.board });
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
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, 'not-found');
  const form = noShowSchema.safeParse((await readForm(c)) ?? {});
  if (!form.success) return badInput(c, form.error);
  const { absentee } = form.data;
  const result = markNoShow(c.var.db, c.var.event, { pairId: id.data, absentee, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return refuse(c, result.reason);
  announce(c, result);
  const { firstTimer, volunteer } = result;
  const text =
    absentee === 'volunteer'
      ? `${volunteer.name} is marked as not here. ${rematchText(c, firstTimer, result.rematch)}`
      : `${firstTimer.name} is marked as not here; ${volunteer.name} has the place free again.`;
  return answer(c, { kind: 'ok', text });
});

pairsRoutes.post('/pairs/:id/unpair', (c) => {
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, 'not-found');
  const result = unpair(c.var.db, c.var.event, { pairId: id.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return refuse(c, result.reason);
  announce(c, result);
  return answer(c, { kind: 'ok', text: `${result.firstTimer.name} and ${result.volunteer.name} are no longer paired.` });
});

pairsRoutes.post('/pairs/:id/move', async (c) => {
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, 'not-found');
  const form = moveSchema.safeParse((await readForm(c)) ?? {});
  if (!form.success) return badInput(c, form.error);
  const { spotId } = form.data;
  const result = movePair(c.var.db, c.var.event, { pairId: id.data, spotId, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return refuse(c, result.reason);
  announce(c, result);
  return answer(c, { kind: 'ok', text: `${result.firstTimer.name} and ${result.volunteer.name} now meet${meetsAt(c, result)}.` });
});

pairsRoutes.post('/forbidden-pairs', async (c) => {
  const form = pairPeopleSchema.safeParse((await readForm(c)) ?? {});
  if (!form.success) return badInput(c, form.error);
  const result = forbidPair(c.var.db, c.var.event, { ...form.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return refuse(c, result.reason);
  announce(c, result);
  const { firstTimer, volunteer } = result;
  // their pair, if they had one, ended: say where the first-timer goes now
  const rematch = result.ended ? ` ${rematchText(c, firstTimer, result.rematch)}` : '';
  return answer(c, { kind: 'ok', text: `${firstTimer.name} and ${volunteer.name} will not be paired again.${rematch}` });
});

pairsRoutes.post('/first-timers/:id/rematch', (c) => {
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return refuse(c, 'not-found');
  const result = rematchNow(c.var.db, c.var.event, { firstTimerId: id.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) return refuse(c, result.reason);
  announce(c, result);
  return answer(c, { kind: 'ok', text: rematchText(c, result.firstTimer, result.rematch) });
});

// --- pair by hand ---

/** A refused pair-by-hand form comes back with its choices and the reason next to it. */
function refusePin(
  c: Context<AppEnv>,
  values: Partial<Record<PairByHandField, string>>,
  errors: Partial<Record<PairByHandField | 'form', string>>,
  status: 409 | 422,
) {
  const { db, event } = c.var;
  c.header('Vary', 'HX-Request');
  if (!isHtmx(c)) return renderDashboard(c, { pairByHand: { values, errors }, status });
  const { firstTimers, volunteers } = listPairingCandidates(db, event.id);
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
  const raw = (await readForm(c)) ?? {};
  const values = { firstTimerId: typedText(raw.firstTimerId, 15), volunteerId: typedText(raw.volunteerId, 15) };
  const form = pairPeopleSchema.safeParse(raw);
  if (!form.success) return refusePin(c, values, fieldErrors<PairByHandField>(form.error), 422);
  const result = pinPair(c.var.db, c.var.event, { ...form.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) {
    if (result.reason === 'not-found') return refuse(c, 'not-found');
    return refusePin(c, values, { form: refusalMessages[result.reason] }, 409);
  }
  announce(c, result);
  return answer(c, { kind: 'ok', text: `${result.firstTimer.name} and ${result.volunteer.name} are paired${meetsAt(c, result)}.` });
});
