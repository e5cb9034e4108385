// The safety button under a personal page: /e/:slug/me/:token/safety/:pairId shows what ending
// the pairing does (the confirmation step, working without JavaScript) and takes the press. The
// person is found by the personal-page guard in me.tsx, which mounts these routes.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { findMyPairs } from '../domain/pair-views.ts';
import { findPlannedBuddies } from '../domain/planned-pairs.ts';
import { reportUncomfortablePairing, safetyNoteLimit, safetyReportSchema, safetySettingsOf } from '../domain/safety.ts';
import { fieldErrors, idSchema, typedText } from '../form-input.ts';
import { BadRequestPage, NotFoundPage } from '../../views/errors.tsx';
import { SafetyPage, type SafetyErrors, type SafetyValues } from '../../views/me-safety.tsx';
import { readForm } from './request.ts';

export const meSafetyRoutes = new Hono<AppEnv>();

const notYourPairing = 'This pairing is not on your page any more. Go back to your page to see where things stand.';

/** The buddy of one of the person's live or planned pairs, or undefined. */
function myBuddy(c: Context<AppEnv>, pairId: number) {
  const { event, me } = c.var;
  const live = findMyPairs(c.var.db, event, me, c.var.now()).buddies.find((b) => b.pairId === pairId);
  if (live) return { name: live.name, planned: false };
  const planned = findPlannedBuddies(c.var.db, event, me).find((b) => b.pairId === pairId);
  return planned && { name: planned.name, planned: true };
}

function renderForm(c: Context<AppEnv>, pairId: number, buddy: { name: string; planned: boolean }, values: SafetyValues, errors: SafetyErrors = {}) {
  const { event, me } = c.var;
  return c.html(
    <SafetyPage
      event={event}
      me={me}
      pairId={pairId}
      buddyName={buddy.name}
      planned={buddy.planned}
      safety={safetySettingsOf(event)}
      noteLimit={safetyNoteLimit}
      values={values}
      errors={errors}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  );
}

meSafetyRoutes.get('/:token/safety/:pairId', (c) => {
  const pairId = idSchema.safeParse(c.req.param('pairId'));
  const buddy = pairId.success ? myBuddy(c, pairId.data) : undefined;
  if (!pairId.success || !buddy) return c.html(<NotFoundPage message={notYourPairing} />, 404);
  return renderForm(c, pairId.data, buddy, { note: '', rematch: false });
});

meSafetyRoutes.post('/:token/safety/:pairId', async (c) => {
  const { event, me } = c.var;
  const pairId = idSchema.safeParse(c.req.param('pairId'));
  const buddy = pairId.success ? myBuddy(c, pairId.data) : undefined;
  if (!pairId.success || !buddy) return c.html(<NotFoundPage message={notYourPairing} />, 404);
  const form = await readForm(c);
  if (!form) return c.html(<BadRequestPage message="We could not read that form. Please go back and try again." />, 400);
  const parsed = safetyReportSchema.safeParse(form);
  if (!parsed.success) {
    const values = { note: typedText(form.note, safetyNoteLimit), rematch: form.rematch === 'yes' };
    return renderForm(c, pairId.data, buddy, values, fieldErrors<'note' | 'rematch'>(parsed.error));
  }
  const result = reportUncomfortablePairing(c.var.db, event, me, pairId.data, { ...parsed.data, now: c.var.now() });
  if (!result.ok) return c.html(<NotFoundPage message={notYourPairing} />, result.reason === 'not-found' ? 404 : 409);
  c.var.live.publish({ eventId: event.id, participantIds: result.participantIds, board: result.board });
  return c.redirect(`/e/${event.slug}/me/${me.token}?notice=safety`, 303);
});
