// The program report for organizers, and its answers as CSV (with or without names). Mounted by
// index.tsx under /admin/e/:slug, behind the sign-in.
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { loadProgramReportInput } from '../../domain/program-report-input.ts';
import { computeProgramReport, responseRows, type PairCriteria } from '../../domain/program-report.ts';
import { spreadsheetCsv } from '../../spreadsheet-csv.ts';
import { ReportPage } from '../../../views/admin/report.tsx';
import { formatDateTime } from '../../../views/format.ts';

export const reportRoutes = new Hono<AppEnv>();

reportRoutes.get('/report', (c) => {
  const { event } = c.var;
  const report = computeProgramReport(loadProgramReportInput(c.var.db, event.id));
  c.header('Cache-Control', 'no-store');
  return c.html(
    <ReportPage organizer={c.var.organizer} event={event} report={report} asOf={formatDateTime(c.var.now(), event.timezone)} />,
  );
});

const same = (v: boolean | null) => (v === null ? 'unknown' : v ? 'same' : 'different');
const yesNo = (v: boolean) => (v ? 'yes' : 'no');

// a volunteer's answer is about each of their pairs: one value per pair, in the order they were made
const perPair = (pairs: PairCriteria[], value: (c: PairCriteria) => string | number) =>
  pairs.map((p) => String(value(p))).join(' | ');

reportRoutes.get('/report/responses.csv', (c) => {
  const { event } = c.var;
  const withNames = c.req.query('names') === 'yes';
  const rows = responseRows(loadProgramReportInput(c.var.db, event.id)).map((r) => [
    ...(withNames ? [r.name, r.email] : []),
    r.role === 'first_timer' ? 'first-timer' : 'volunteer',
    r.met,
    r.rating,
    r.again,
    yesNo(r.mayContact),
    r.comment,
    r.updatedAt.toISOString(),
    r.pairs.length,
    perPair(r.pairs, (p) => p.sharedInterests),
    perPair(r.pairs, (p) => p.sharedSessions),
    perPair(r.pairs, (p) => same(p.sameLibraryType)),
    perPair(r.pairs, (p) => same(p.sameRegion)),
    perPair(r.pairs, (p) => yesNo(p.requested)),
    perPair(r.pairs, (p) => yesNo(p.rematched)),
  ]);
  const header = [
    ...(withNames ? ['name', 'email_if_agreed'] : []),
    'role',
    'met',
    'rating',
    'again',
    'may_contact',
    'comment',
    'answered_at',
    'pairs',
    'shared_interests',
    'shared_sessions',
    'library_type',
    'region',
    'asked_for',
    'rematched',
  ];
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="feedback-${event.slug}${withNames ? '-with-names' : ''}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(spreadsheetCsv(header, rows));
});
