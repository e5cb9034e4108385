// What organizers print: the desk poster with the join link (no presence token: it is for
// registering before the day) and the sheet of current pairs for the volunteers at the desk.
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { listPublicPairs } from '../../domain/pair-views.ts';
import { listSpots } from '../../domain/spots.ts';
import { qrSvg } from '../../qr.ts';
import { DeskSheetPage, PosterPage } from '../../../views/admin/printables.tsx';

export const printablesRoutes = new Hono<AppEnv>();

printablesRoutes.get('/poster', async (c) => {
  const { event } = c.var;
  const joinUrl = `${c.var.publicUrl}/e/${event.slug}/join`;
  return c.html(
    <PosterPage
      organizer={c.var.organizer}
      event={event}
      joinUrl={joinUrl}
      shortUrl={joinUrl.replace(/^https?:\/\//, '')}
      qrSvg={await qrSvg(joinUrl)}
    />,
  );
});

printablesRoutes.get('/desk-sheet', (c) => {
  const { event } = c.var;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <DeskSheetPage
      organizer={c.var.organizer}
      event={event}
      spots={listSpots(c.var.db, event.id)}
      pairs={listPublicPairs(c.var.db, event)}
      now={c.var.now()}
    />,
  );
});
