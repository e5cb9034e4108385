// Recognition letters in public: a volunteer's own letter from their personal page, and the
// verification address printed on every letter. Mounted under /e/:slug.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { defaultEventSettings, type Event } from '../domain/events.ts';
import { findMyLetter, verifyLetter, type LetterView } from '../domain/letters.ts';
import { wallTimeIn } from '../domain/program-import/wall-time.ts';
import { qrSvg } from '../qr.ts';
import { NotFoundPage } from '../../views/errors.tsx';
import { formatDateRange } from '../../views/format.ts';
import { LetterNotGenuinePage, LetterVerifiedPage, MyLetterPage, NoLetterPage, type LetterProps } from '../../views/letter.tsx';
import { eventFromSlug } from './event-context.ts';
import { findMe, notYours } from './personal-page.ts';

export const letterRoutes = new Hono<AppEnv>();

const eventNotFound = 'There is no event at this address.';

export function letterPath(event: Pick<Event, 'slug'>, code: string): string {
  return `/e/${encodeURIComponent(event.slug)}/letters/${code}`;
}

/** What a printed letter needs besides the letter: the event, the settings, its verification link and date. */
export async function letterProps(c: Context<AppEnv>, event: Event, letter: LetterView): Promise<LetterProps> {
  const verifyUrl = `${c.var.publicUrl}${letterPath(event, letter.code)}`;
  const today = wallTimeIn(c.var.now(), event.timezone).slice(0, 10);
  return {
    letter,
    event,
    settings: defaultEventSettings(event.settings).letter,
    verifyUrl,
    verifyQr: await qrSvg(verifyUrl),
    issuedOn: formatDateRange(today, today),
  };
}

const noLetter = {
  'not-volunteer': 'Letters of recognition are for volunteer buddies.',
  'not-yet': 'Your letter of recognition is ready here once the conference is over.',
  'no-service': 'We have no record of you serving as a buddy at this conference. If that is wrong, write to the organizers.',
} as const;

letterRoutes.get('/me/:token/letter', async (c) => {
  const found = findMe(c);
  if (!found) return c.html(<NotFoundPage message={notYours} />, 404);
  const { event, me } = found;
  c.header('Cache-Control', 'no-store');
  const back = `/e/${event.slug}/me/${me.token}`;
  const result = findMyLetter(c.var.db, event, me, c.var.now());
  if (!result.ok) return c.html(<NoLetterPage message={noLetter[result.reason]} back={back} />, 404);
  return c.html(<MyLetterPage {...await letterProps(c, event, result.letter)} back={back} />);
});

letterRoutes.get('/letters/:code', (c) => {
  const event = eventFromSlug(c);
  if (!event) return c.html(<NotFoundPage message={eventNotFound} />, 404);
  const letter = verifyLetter(c.var.db, event, c.req.param('code'), c.var.now());
  if (!letter) return c.html(<LetterNotGenuinePage />, 404);
  return c.html(<LetterVerifiedPage letter={letter} event={event} settings={defaultEventSettings(event.settings).letter} />);
});
