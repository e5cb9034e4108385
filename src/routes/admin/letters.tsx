// Recognition letters for organizers: what they say, who gets one, and printing them all (or one).
// Mounted by admin.tsx under /admin/e/:slug, behind the sign-in.
import { Hono, type Context } from 'hono';
import type { LetterSettings } from '../../../db/schema.ts';
import type { AppEnv } from '../../app-env.ts';
import type { Event } from '../../domain/events.ts';
import {
  letterSecret,
  letterSettingsOf,
  letterSettingsSchema,
  loadLetters,
  updateLetterSettings,
  type LetterSettingsField,
} from '../../domain/letters.ts';
import { formErrorsFrom } from '../../domain/spots.ts';
import { LettersPage, LettersPrintPage, lettersPath } from '../../../views/admin/letters.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { eventNotFound, flashNotice, idParamSchema, takeNotice } from '../admin-dashboard.tsx';
import { eventFromSlug, readForm } from '../event-context.ts';
import { typedText } from '../form-values.ts';
import { letterPath, letterProps } from '../letters.tsx';

export const adminLetterRoutes = new Hono<AppEnv>();

function render(c: Context<AppEnv>, event: Event, refused?: { settings: LetterSettings; errors: Partial<Record<LetterSettingsField, string>> }) {
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

adminLetterRoutes.get('/letters', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  return render(c, event);
});

adminLetterRoutes.post('/letters/settings', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const form = (await readForm(c)) ?? {};
  const parsed = letterSettingsSchema.safeParse(form);
  if (!parsed.success) {
    const settings: LetterSettings = {
      association: typedText(form.association, 200),
      signerName: typedText(form.signerName, 200),
      signerTitle: typedText(form.signerTitle, 200),
      text: typedText(form.text, 3000),
    };
    return render(c, event, { settings, errors: formErrorsFrom<LetterSettingsField>(parsed.error) });
  }
  const result = updateLetterSettings(c.var.db, { eventId: event.id, organizerId: c.var.organizer.id, letter: parsed.data, now: c.var.now() });
  if (!result.ok) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  flashNotice(c, { kind: 'ok', text: 'Saved what the letters say.' });
  return c.redirect(lettersPath(event.slug), 303);
});

adminLetterRoutes.get('/letters/print', async (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const one = c.req.query('volunteer');
  const volunteerId = one === undefined ? undefined : idParamSchema.safeParse(one);
  if (volunteerId && !volunteerId.success) return c.html(<NotFoundPage message="There is no such volunteer's letter." />, 404);
  const letters = loadLetters(c.var.db, event, letterSecret(c.var.db, c.var.now()), volunteerId ? { volunteerId: volunteerId.data } : {});
  if (volunteerId && letters.length === 0) return c.html(<NotFoundPage message="There is no such volunteer's letter." />, 404);
  c.header('Cache-Control', 'no-store');
  return c.html(<LettersPrintPage event={event} letters={await Promise.all(letters.map((l) => letterProps(c, event, l)))} />);
});
