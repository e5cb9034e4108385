// The event's exports: a page that lists them and one CSV per kind, through the spreadsheet-safe
// writer. Mounted by index.tsx under /admin/e/:slug, behind the sign-in.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { countExportRows, exportKinds, exportTables } from '../../domain/exports.ts';
import { spreadsheetCsv } from '../../spreadsheet-csv.ts';
import { ExportsPage } from '../../../views/admin/exports.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';

export const exportsRoutes = new Hono<AppEnv>();

exportsRoutes.get('/exports', (c) => {
  const { event } = c.var;
  c.header('Cache-Control', 'no-store');
  return c.html(<ExportsPage organizer={c.var.organizer} event={event} counts={countExportRows(c.var.db, event.id)} />);
});

const kindSchema = z.enum(exportKinds);

exportsRoutes.get('/exports/:file', (c) => {
  const { event } = c.var;
  const kind = kindSchema.safeParse(c.req.param('file').replace(/\.csv$/, ''));
  if (!kind.success || !c.req.param('file').endsWith('.csv')) {
    return c.html(<NotFoundPage message="There is no such export. The exports page lists them." />, 404);
  }
  const { header, rows } = exportTables[kind.data](c.var.db, event);
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${kind.data}-${event.slug}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(spreadsheetCsv(header, rows));
});
