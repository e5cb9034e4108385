// Matching rounds: "Match now" proposes a round, an organizer reviews it, then publishes or
// discards it. Every round stays listed with who started it.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { listOrganizerNames } from '../../domain/audit.ts';
import { proposePreEventRound } from '../../domain/planned-pairs.ts';
import { discardRound, listRounds, loadRound, proposeRound, publishRound } from '../../domain/rounds.ts';
import { idSchema } from '../../form-input.ts';
import { eventPath, type Notice } from '../../../views/admin/chrome.tsx';
import { RoundList, RoundReviewPage, roundWho } from '../../../views/admin/rounds.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { plural } from '../../../views/format.ts';
import { roundsShown } from './dashboard.tsx';
import { flashNotice } from './notice.ts';

export const roundsRoutes = new Hono<AppEnv>();

const roundNotFound = 'There is no such matching round for this event.';
const roundClosed = 'This round was already published or discarded, so nothing was changed.';

const organizerIds = (rounds: { organizerId: number | null }[]) => rounds.flatMap((r) => (r.organizerId === null ? [] : [r.organizerId]));

roundsRoutes.get('/rounds', (c) => {
  const { db, event } = c.var;
  const rounds = listRounds(db, event.id, roundsShown);
  const names = listOrganizerNames(db, organizerIds(rounds));
  return c.html(<RoundList slug={event.slug} timezone={event.timezone} rounds={rounds} organizerNames={names} />);
});

roundsRoutes.post('/rounds', (c) => {
  const { event } = c.var;
  const result = proposeRound(c.var.db, event, { organizerId: c.var.organizer.id, trigger: 'organizer', now: c.var.now() });
  if (!result.ok) {
    flashNotice(c, { kind: 'ok', text: 'Nobody is waiting for a buddy right now: every first-timer who is here has one.' });
    return c.redirect(eventPath(event.slug), 303);
  }
  // other organizers' dashboards list the new round
  c.var.live.publish({ eventId: event.id, participantIds: [], board: false });
  return c.redirect(`${eventPath(event.slug)}/rounds/${result.round.id}`, 303);
});

// before the conference: a round over those registered and not yet here, whose pairs are planned
roundsRoutes.post('/rounds/pre-event', (c) => {
  const { event } = c.var;
  const result = proposePreEventRound(c.var.db, event, { organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) {
    flashNotice(
      c,
      result.reason === 'hold-passed'
        ? { kind: 'error', text: `Planned pairs hold until ${event.settings.plannedHoldUntil} on ${event.startsOn}, and that has passed: nothing was planned. Change the hold time below, or use Match now for the people who are here.` }
        : { kind: 'ok', text: 'Nobody is waiting for a planned buddy: every first-timer registered and not yet here has one.' },
    );
    return c.redirect(`${eventPath(event.slug)}/planned`, 303);
  }
  c.var.live.publish({ eventId: event.id, participantIds: [], board: false });
  return c.redirect(`${eventPath(event.slug)}/rounds/${result.round.id}`, 303);
});

function renderRound(c: Context<AppEnv>, roundId: number, notice?: Notice, status: 200 | 409 = 200) {
  const { db, event } = c.var;
  const view = loadRound(db, event.id, roundId);
  if (!view) return c.html(<NotFoundPage message={roundNotFound} />, 404);
  const names = listOrganizerNames(db, organizerIds([view.round]));
  return c.html(
    <RoundReviewPage organizer={c.var.organizer} event={event} view={view} who={roundWho(view.round, names)} notice={notice} />,
    status,
  );
}

roundsRoutes.get('/rounds/:id', (c) => {
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return c.html(<NotFoundPage message={roundNotFound} />, 404);
  return renderRound(c, id.data);
});

roundsRoutes.post('/rounds/:id/publish', (c) => {
  const { event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return c.html(<NotFoundPage message={roundNotFound} />, 404);
  const result = publishRound(c.var.db, event, {
    roundId: id.data,
    organizerId: c.var.organizer.id,
    now: c.var.now(),
    publicUrl: c.var.publicUrl,
  });
  if (!result.ok) {
    if (result.reason === 'not-found') return c.html(<NotFoundPage message={roundNotFound} />, 404);
    return renderRound(c, id.data, { kind: 'error', text: roundClosed }, 409);
  }
  c.var.live.publish({ eventId: event.id, participantIds: result.participantIds, board: result.board });
  if (result.mailed !== undefined) {
    const skipped = result.skipped > 0 ? ` (${result.skipped} skipped: someone arrived, left or was planned meanwhile)` : '';
    const text = `Planned ${plural(result.published, 'pair')}${skipped}; ${plural(result.mailed, 'introduction e-mail')} in the outbox.`;
    flashNotice(c, { kind: 'ok', text });
    return c.redirect(`${eventPath(event.slug)}/planned`, 303);
  }
  const skipped = result.skipped > 0 ? ` (${result.skipped} skipped because someone left)` : '';
  flashNotice(c, { kind: 'ok', text: `Published ${plural(result.published, 'pair')}${skipped}.` });
  return c.redirect(eventPath(event.slug), 303);
});

roundsRoutes.post('/rounds/:id/discard', (c) => {
  const { event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
  if (!id.success) return c.html(<NotFoundPage message={roundNotFound} />, 404);
  const result = discardRound(c.var.db, event, { roundId: id.data, organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) {
    if (result.reason === 'not-found') return c.html(<NotFoundPage message={roundNotFound} />, 404);
    return renderRound(c, id.data, { kind: 'error', text: roundClosed }, 409);
  }
  c.var.live.publish({ eventId: event.id, participantIds: [], board: false });
  flashNotice(c, { kind: 'ok', text: 'Discarded the round; nobody was told about it.' });
  return c.redirect(eventPath(event.slug), 303);
});
