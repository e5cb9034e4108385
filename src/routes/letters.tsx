// Recognition letters in public: a volunteer's own letter, mounted by me.tsx behind the
// personal-page guard (/e/:slug/me/:token/letter), and the verification address printed on every
// letter (/e/:slug/letters/:code), behind the event guard.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { defaultEventSettings, type Event } from '../domain/events.ts';
import { findMyLetter, verifyLetter, type LetterView } from '../domain/letters.ts';
import { wallTimeIn } from '../domain/wall-time.ts';
import { qrSvg } from '../qr.ts';
import { formatDateRange } from '../../views/format.ts';
import { LetterNotGenuinePage, LetterVerifiedPage, MyLetterPage, NoLetterPage, type LetterProps } from '../../views/letter.tsx';
import { requireEvent } from './event-guard.tsx';

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

export const myLetterRoutes = new Hono<AppEnv>();

myLetterRoutes.get('/:token/letter', async (c) => {
  const { event, me } = c.var;
  const back = `/e/${event.slug}/me/${me.token}`;
  const result = findMyLetter(c.var.db, event, me, c.var.now());
  if (!result.ok) return c.html(<NoLetterPage message={noLetter[result.reason]} back={back} />, 404);
  return c.html(<MyLetterPage {...await letterProps(c, event, result.letter)} back={back} />);
});

export const letterCheckRoutes = new Hono<AppEnv>();
// a printed letter is shown to employers years later: its address keeps working after the event is archived
letterCheckRoutes.use('*', requireEvent(undefined, { whenArchived: 'open' }));

letterCheckRoutes.get('/:code', (c) => {
  const { event } = c.var;
  const letter = verifyLetter(c.var.db, event, c.req.param('code'), c.var.now());
  if (!letter) return c.html(<LetterNotGenuinePage />, 404);
  return c.html(<LetterVerifiedPage letter={letter} event={event} settings={defaultEventSettings(event.settings).letter} />);
});
