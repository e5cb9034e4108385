// What the organizer routes share: the event dashboard as a page (also re-rendered with a
// refused form on it), the one-time notice carried across a redirect, and id parameters.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../app-env.ts';
import { listAuditLog, listOrganizerNames } from '../domain/audit.ts';
import type { Event } from '../domain/events.ts';
import { listLivePairs, type LivePairView } from '../domain/pairs.ts';
import { countParticipants, listPeopleHere, searchParticipants } from '../domain/participants.ts';
import { listRounds } from '../domain/rounds.ts';
import { countFeedbackMail } from '../domain/feedback-invitations.ts';
import { listSpots } from '../domain/spots.ts';
import { DashboardPage, type EventDayData } from '../../views/admin.tsx';
import { eventPath, type Notice, type PairByHandFormProps } from '../../views/admin-event-day.tsx';

export const eventNotFound = 'There is no event at this address. Pick one from the event list.';
/** people per page of the dashboard's participant list: search finds anyone, pages browse */
export const participantPageSize = 10;
const auditLimit = 20;
// the latest few; every round is also in the audit log
export const roundLimit = 5;

const text = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()).pipe(z.string().max(max));

/** Where the dashboard stands: the participant search and page, and whether every live pair is listed. */
export const dashboardQuerySchema = z.object({
  q: text(200).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pairs: z.enum(['all']).optional().catch(undefined),
});

/**
 * Whether the organizer is looking at every live pair. An htmx request says which page it comes
 * from (HX-Current-URL), so an action taken in the long list answers with the long list.
 */
export function showsAllPairs(c: Context<AppEnv>): boolean {
  if (c.req.query('all') === '1') return true;
  const from = c.req.header('HX-Current-URL');
  if (!from) return false;
  try {
    return new URL(from).searchParams.get('pairs') === 'all';
  } catch {
    return false;
  }
}

export const idParamSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .transform(Number);

export const isHtmx = (c: Context<AppEnv>) => c.req.header('HX-Request') === 'true';

export const dashboardPath = (event: Pick<Event, 'slug'>) => eventPath(event.slug);

// --- a notice that survives one redirect (post/redirect/get without JavaScript) ---

const noticeCookie = 'bd_notice';
const noticeSchema = z.object({ kind: z.enum(['ok', 'error']), text: z.string().max(500) });

export function flashNotice(c: Context<AppEnv>, notice: Notice) {
  setCookie(c, noticeCookie, JSON.stringify(notice), {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/admin',
    secure: c.var.secureCookies,
    maxAge: 60,
  });
}

export function takeNotice(c: Context<AppEnv>): Notice | undefined {
  const raw = getCookie(c, noticeCookie);
  if (raw === undefined) return undefined;
  deleteCookie(c, noticeCookie, { path: '/admin', secure: c.var.secureCookies });
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// --- the data of the event-day sections ---

/** Present first-timers without a buddy, present volunteers, and who is waiting after a failed rematch. */
export function pairingCandidates(c: Context<AppEnv>, event: Event) {
  const here = listPeopleHere(c.var.db, event.id);
  return {
    firstTimers: here.filter((p) => p.role === 'first_timer' && p.status === 'present').map(({ id, name }) => ({ id, name })),
    volunteers: here.filter((p) => p.role === 'volunteer').map(({ id, name }) => ({ id, name })),
    waiting: here
      .filter((p) => p.role === 'first_timer' && p.status === 'present' && p.waitingSince !== null)
      .sort((a, b) => a.waitingSince!.getTime() - b.waitingSince!.getTime())
      .map((p) => ({ id: p.id, name: p.name, waitingSince: p.waitingSince! })),
  };
}

export function spotOptions(c: Context<AppEnv>, event: Event) {
  return listSpots(c.var.db, event.id).map(({ id, name }) => ({ id, name }));
}

export function eventDayData(
  c: Context<AppEnv>,
  event: Event,
  opts: { pairs?: LivePairView[]; pairByHand?: Pick<PairByHandFormProps, 'values' | 'errors'>; showAllPairs?: boolean } = {},
): EventDayData {
  const db = c.var.db;
  const rounds = listRounds(db, event.id, roundLimit);
  const { firstTimers, volunteers, waiting } = pairingCandidates(c, event);
  return {
    pairs: opts.pairs ?? listLivePairs(db, event, c.var.now()),
    showAllPairs: opts.showAllPairs ?? false,
    waiting,
    spots: spotOptions(c, event),
    rounds,
    organizerNames: listOrganizerNames(db, rounds.flatMap((r) => (r.organizerId === null ? [] : [r.organizerId]))),
    audit: listAuditLog(db, event.id, auditLimit),
    firstTimers,
    volunteers,
    ...(opts.pairByHand ? { pairByHand: opts.pairByHand } : {}),
  };
}

export function renderDashboard(
  c: Context<AppEnv>,
  event: Event,
  opts: {
    q?: string;
    page?: number;
    showAllPairs?: boolean;
    notice?: Notice | undefined;
    pairByHand?: Pick<PairByHandFormProps, 'values' | 'errors'>;
    status?: 200 | 404 | 409 | 422;
  } = {},
) {
  const q = opts.q ?? '';
  return c.html(
    <DashboardPage
      organizer={c.var.organizer}
      event={event}
      counts={countParticipants(c.var.db, event.id)}
      q={q}
      participants={searchParticipants(c.var.db, event.id, q, opts.page ?? 1, participantPageSize)}
      eventDay={eventDayData(c, event, {
        showAllPairs: opts.showAllPairs ?? false,
        ...(opts.pairByHand ? { pairByHand: opts.pairByHand } : {}),
      })}
      notice={opts.notice}
      feedback={countFeedbackMail(c.var.db, event.id)}
    />,
    opts.status ?? 200,
  );
}
