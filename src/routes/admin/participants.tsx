// The dashboard's participant list: search and pages, and checking someone in or out by hand.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { eraseParticipant, erasureConfirmSchema } from '../../domain/erasure.ts';
import { countParticipants, findPerson, searchParticipants, setAttendanceByOrganizer } from '../../domain/participants.ts';
import { goLiveWhenBothHere } from '../../domain/planned-pairs.ts';
import { idSchema } from '../../form-input.ts';
import { LiveCounts } from '../../../views/admin/dashboard.tsx';
import { ErasePersonPage, ParticipantList, ParticipantRow, participantListUrl } from '../../../views/admin/participants.tsx';
import { eventPath } from '../../../views/admin/chrome.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { isHtmx, readForm } from '../request.ts';
import { dashboardQuerySchema, participantPageSize } from './dashboard.tsx';
import { flashNotice } from './notice.ts';

export const participantsRoutes = new Hono<AppEnv>();

const notHere = 'That person is not registered for this event. Nothing was changed.';

participantsRoutes.get('/participants', (c) => {
  const { db, event } = c.var;
  const { q, page } = dashboardQuerySchema.parse(c.req.query());
  const list = searchParticipants(db, event.id, q, page, participantPageSize);
  return c.html(<ParticipantList slug={event.slug} timezone={event.timezone} q={q} list={list} />);
});

for (const [path, present] of [
  ['/participants/:id/check-in', true],
  ['/participants/:id/check-out', false],
] as const) {
  participantsRoutes.post(path, async (c) => {
    const { db, event } = c.var;
    const id = idSchema.safeParse(c.req.param('id'));
    if (!id.success) return c.html(<NotFoundPage message={notHere} />, 404);
    const { q, page } = dashboardQuerySchema.parse((await readForm(c)) ?? {});
    const result = setAttendanceByOrganizer(db, {
      eventId: event.id,
      participantId: id.data,
      present,
      organizerId: c.var.organizer.id,
      now: c.var.now(),
    });
    if (!result.ok) return c.html(<NotFoundPage message={notHere} />, 404);
    // a planned pair whose two are both here now goes live
    const planned = present ? goLiveWhenBothHere(db, event, result.participant.id, c.var.now()) : { participantIds: [], board: false };
    // their own page, other organizers' dashboards and the counts follow
    c.var.live.publish({ eventId: event.id, participantIds: [...new Set([result.participant.id, ...planned.participantIds])], board: planned.board });
    c.header('Vary', 'HX-Request');
    if (isHtmx(c)) {
      return c.html(
        <>
          <ParticipantRow slug={event.slug} timezone={event.timezone} participant={result.participant} q={q} page={page} />
          {/* the counts beside the list change at once, not at the next live signal */}
          <LiveCounts slug={event.slug} counts={countParticipants(db, event.id)} oob />
        </>,
      );
    }
    return c.redirect(participantListUrl(event.slug, q, page, false), 303);
  });
}

// erasing someone's personal data on their request: a confirmation page, then the erasure, audited
function erasable(c: Context<AppEnv>) {
  const id = idSchema.safeParse(c.req.param('id'));
  const person = id.success ? findPerson(c.var.db, c.var.event.id, id.data) : undefined;
  return person && !person.erasedAt ? person : undefined;
}

participantsRoutes.get('/participants/:id/erase', (c) => {
  const person = erasable(c);
  if (!person) return c.html(<NotFoundPage message={notHere} />, 404);
  return c.html(<ErasePersonPage organizer={c.var.organizer} event={c.var.event} person={person} />);
});

participantsRoutes.post('/participants/:id/erase', async (c) => {
  const { db, event } = c.var;
  const person = erasable(c);
  if (!person) return c.html(<NotFoundPage message={notHere} />, 404);
  if (!erasureConfirmSchema.safeParse((await readForm(c)) ?? {}).success) {
    return c.html(<ErasePersonPage organizer={c.var.organizer} event={event} person={person} error="Tick the box to confirm. Nothing was erased." />, 422);
  }
  const result = eraseParticipant(db, event, {
    participantId: person.id,
    by: { kind: 'organizer', organizerId: c.var.organizer.id },
    now: c.var.now(),
    publicUrl: c.var.publicUrl,
  });
  if (!result.ok) return c.html(<NotFoundPage message={notHere} />, 404);
  c.var.live.publish({ eventId: event.id, participantIds: result.participantIds, board: result.board });
  const told = result.buddiesTold > 0 ? ` ${result.buddiesTold === 1 ? 'Their buddy was' : `${result.buddiesTold} buddies were`} told.` : '';
  flashNotice(c, { kind: 'ok', text: `Erased the personal data of participant #${person.id}.${told}` });
  return c.redirect(eventPath(event.slug), 303);
});
