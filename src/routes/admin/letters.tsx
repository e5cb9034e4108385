// Recognition letters for organizers: what they say, who gets one, and printing them all (or one).
// Mounted by index.tsx under /admin/e/:slug, behind the sign-in.
import { Hono, type Context } from 'hono';
import type { LetterSettings } from '../../../db/schema.ts';
import type { AppEnv } from '../../app-env.ts';
import {
  letterSecret,
  letterSettingsOf,
  letterSettingsSchema,
  loadLetters,
  updateLetterSettings,
  type LetterSettingsField,
} from '../../domain/letters.ts';
import { fieldErrors, idSchema, typedText } from '../../form-input.ts';
import { LettersPage, LettersPrintPage, lettersPath } from '../../../views/admin/letters.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { noEventForOrganizers } from '../event-guard.tsx';
import { letterPath, letterProps } from '../letters.tsx';
import { readForm } from '../request.ts';
import { flashNotice, takeNotice } from './notice.ts';

export const lettersRoutes = new Hono<AppEnv>();

function render(c: Context<AppEnv>, refused?: { settings: LetterSettings; errors: Partial<Record<LetterSettingsField, string>> }) {
  const { event } = c.var;
  const letters = loadLetters(c.var.db, event, letterSecret(c.var.db, c.var.now())).map((l) => ({
    ...l,
    verifyPath: letterPath(event, l.code),
  }));
  c.header('Cache-Control', 'no-store');
  return c.html(
    <LettersPage
      organizer={c.var.organizer}
      event={event}
      settings={refused?.settings ?? letterSettingsOf(event)}
      errors={refused?.errors}
      letters={letters}
      notice={refused ? undefined : takeNotice(c)}
    />,
    refused ? 422 : 200,
  );
}

lettersRoutes.get('/letters', (c) => render(c));

lettersRoutes.post('/letters/settings', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const parsed = letterSettingsSchema.safeParse(form);
  if (!parsed.success) {
    const settings: LetterSettings = {
      association: typedText(form.association, 200),
      signerName: typedText(form.signerName, 200),
      signerTitle: typedText(form.signerTitle, 200),
      text: typedText(form.text, 3000),
    };
    return render(c, { settings, errors: fieldErrors<LetterSettingsField>(parsed.error) });
  }
  const result = updateLetterSettings(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, letter: parsed.data, now: c.var.now() });
  if (!result.ok) return c.html(<NotFoundPage message={noEventForOrganizers} />, 404);
  flashNotice(c, { kind: 'ok', text: 'Saved what the letters say.' });
  return c.redirect(lettersPath(event.slug), 303);
});

lettersRoutes.get('/letters/print', async (c) => {
  const { event } = c.var;
  const one = c.req.query('volunteer');
  const volunteerId = one === undefined ? undefined : idSchema.safeParse(one);
  if (volunteerId && !volunteerId.success) return c.html(<NotFoundPage message="There is no such volunteer's letter." />, 404);
  const letters = loadLetters(c.var.db, event, letterSecret(c.var.db, c.var.now()), volunteerId ? { volunteerId: volunteerId.data } : {});
  if (volunteerId && letters.length === 0) return c.html(<NotFoundPage message="There is no such volunteer's letter." />, 404);
  c.header('Cache-Control', 'no-store');
  return c.html(<LettersPrintPage event={event} letters={await Promise.all(letters.map((l) => letterProps(c, event, l)))} />);
});
