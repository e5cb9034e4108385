// The matching weights: Preview re-renders the page with the example pairs scored with the
// current and the edited weights side by side; Save stores them for the next round. Below them,
// how many first-timers may ask for one volunteer from the directory.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { maxRequestCap, updateRequestCap } from '../../domain/buddy-requests.ts';
import { defaultEventSettings } from '../../domain/events.ts';
import { previewWeights, updateWeights, weightKeys, weightsFormSchema, type WeightKey } from '../../domain/weights.ts';
import { fieldErrors, typedText } from '../../form-input.ts';
import { eventPath, type Notice } from '../../../views/admin/chrome.tsx';
import { WeightsPage, type WeightsPageProps } from '../../../views/admin/weights.tsx';
import { readForm } from '../request.ts';
import { flashNotice, takeNotice } from './notice.ts';

export const weightsRoutes = new Hono<AppEnv>();

/** The page as stored: the saved weights with their example pairs, and the request-cap field as given. */
function savedWeightsPage(c: Context<AppEnv>, requestCap: WeightsPageProps['requestCap'], notice?: Notice) {
  const { event } = c.var;
  const current = defaultEventSettings(event.settings).weights;
  return (
    <WeightsPage
      organizer={c.var.organizer}
      event={event}
      values={Object.fromEntries(weightKeys.map((k) => [k, String(current[k])])) as Record<WeightKey, string>}
      errors={{}}
      preview={previewWeights(c.var.db, event, current)}
      unsaved={false}
      requestCap={requestCap}
      notice={notice}
    />
  );
}

weightsRoutes.get('/weights', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.html(savedWeightsPage(c, { value: String(defaultEventSettings(c.var.event.settings).requestCap) }, takeNotice(c)));
});

weightsRoutes.post('/weights', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const values = Object.fromEntries(weightKeys.map((k) => [k, typedText(form[k], 12).trim()])) as Record<WeightKey, string>;
  const parsed = weightsFormSchema.safeParse(form);
  const page = (props: Pick<Parameters<typeof WeightsPage>[0], 'errors' | 'preview' | 'unsaved'>, status: 200 | 422) =>
    c.html(
      <WeightsPage
        organizer={c.var.organizer}
        event={event}
        values={values}
        requestCap={{ value: String(defaultEventSettings(event.settings).requestCap) }}
        {...props}
      />,
      status,
    );
  if (!parsed.success) return page({ errors: fieldErrors<WeightKey>(parsed.error), preview: null, unsaved: false }, 422);
  if (form.intent !== 'save') {
    return page({ errors: {}, preview: previewWeights(c.var.db, event, parsed.data), unsaved: true }, 200);
  }
  const result = updateWeights(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, weights: parsed.data, now: c.var.now() });
  flashNotice(c, {
    kind: 'ok',
    text: result.changed.length > 0 ? 'Saved the weights. The next round uses them.' : 'The weights were already these; nothing changed.',
  });
  return c.redirect(`${eventPath(event.slug)}/weights`, 303);
});

const requestCapMessage = `Enter a whole number from 1 to ${maxRequestCap}`;
const requestCapSchema = z.object({
  requestCap: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : undefined),
    z.number({ error: requestCapMessage }).int(requestCapMessage).min(1, requestCapMessage).max(maxRequestCap, requestCapMessage),
  ),
});

weightsRoutes.post('/weights/request-cap', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const parsed = requestCapSchema.safeParse(form);
  if (!parsed.success) return c.html(savedWeightsPage(c, { value: typedText(form.requestCap, 12), error: requestCapMessage }), 422);
  const result = updateRequestCap(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, cap: parsed.data.requestCap, now: c.var.now() });
  flashNotice(c, {
    kind: 'ok',
    text: result.ok && result.changed ? `Saved: up to ${parsed.data.requestCap} first-timers may ask for one volunteer.` : 'The cap was already this; nothing changed.',
  });
  return c.redirect(`${eventPath(event.slug)}/weights`, 303);
});
