// The event's dashboard: the page, its counts fragment and the stream that tells its fragments to
// refresh. The other organizer routes render it again with a refused form or a notice on it.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { listAuditLog, listOrganizerNames } from '../../domain/audit.ts';
import { countFeedbackMail } from '../../domain/feedback-invitations.ts';
import { listLivePairs } from '../../domain/pair-views.ts';
import { countParticipants, listPairingCandidates, searchParticipants } from '../../domain/participants.ts';
import { retentionState } from '../../domain/retention.ts';
import { listRounds } from '../../domain/rounds.ts';
import { listOpenSafetyReports } from '../../domain/safety.ts';
import { listSpots } from '../../domain/spots.ts';
import type { Notice } from '../../../views/admin/chrome.tsx';
import { DashboardPage, LiveCounts } from '../../../views/admin/dashboard.tsx';
import type { PairByHandFormProps } from '../../../views/admin/pairs.tsx';
import { streamLiveChanges } from '../live-stream.ts';
import { takeNotice } from './notice.ts';

export const dashboardRoutes = new Hono<AppEnv>();

/** people per page of the dashboard's participant list: search finds anyone, pages browse */
export const participantPageSize = 10;
/** the latest rounds the dashboard lists; every round is also in the audit log */
export const roundsShown = 5;
/** the latest organizer actions the dashboard lists */
export const auditLinesShown = 20;

const text = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()).pipe(z.string().max(max));

/** Where the dashboard stands: the participant search and page, and whether every live pair is listed. */
export const dashboardQuerySchema = z.object({
  q: text(200).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pairs: z.enum(['all']).optional().catch(undefined),
});

export const spotOptions = (c: Context<AppEnv>) => listSpots(c.var.db, c.var.event.id).map(({ id, name }) => ({ id, name }));

export type DashboardOptions = {
  q?: string;
  page?: number;
  showAllPairs?: boolean;
  notice?: Notice | undefined;
  /** a refused "pair by hand" form, shown again with what was chosen */
  pairByHand?: Pick<PairByHandFormProps, 'values' | 'errors'>;
  status?: 200 | 404 | 409 | 422;
};

export function renderDashboard(c: Context<AppEnv>, opts: DashboardOptions = {}) {
  const { db, event } = c.var;
  const q = opts.q ?? '';
  const rounds = listRounds(db, event.id, roundsShown);
  const candidates = listPairingCandidates(db, event.id);
  return c.html(
    <DashboardPage
      organizer={c.var.organizer}
      event={event}
      counts={countParticipants(db, event.id)}
      q={q}
      participants={searchParticipants(db, event.id, q, opts.page ?? 1, participantPageSize)}
      eventDay={{
        pairs: listLivePairs(db, event, c.var.now()),
        showAllPairs: opts.showAllPairs ?? false,
        waiting: candidates.waiting,
        spots: spotOptions(c),
        rounds,
        organizerNames: listOrganizerNames(db, rounds.flatMap((r) => (r.organizerId === null ? [] : [r.organizerId]))),
        audit: listAuditLog(db, event.id, auditLinesShown),
        firstTimers: candidates.firstTimers,
        volunteers: candidates.volunteers,
        ...(opts.pairByHand ? { pairByHand: opts.pairByHand } : {}),
      }}
      notice={opts.notice}
      feedback={countFeedbackMail(db, event.id)}
      retention={retentionState(event)}
      safetyAlerts={listOpenSafetyReports(db, event.id)}
    />,
    opts.status ?? 200,
  );
}

dashboardRoutes.get('/', (c) => {
  const { q, page, pairs } = dashboardQuerySchema.parse(c.req.query());
  c.header('Cache-Control', 'no-store');
  return renderDashboard(c, { q, page, showAllPairs: pairs === 'all', notice: takeNotice(c) });
});

dashboardRoutes.get('/counts', (c) => {
  const { db, event } = c.var;
  return c.html(<LiveCounts slug={event.slug} counts={countParticipants(db, event.id)} />);
});

dashboardRoutes.get('/stream', (c) => {
  // the dashboard shows every pair and count of the event, so any change of it concerns the page
  return streamLiveChanges(c, { eventId: c.var.event.id, filter: () => true });
});
