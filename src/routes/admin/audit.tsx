// The audit log: the latest organizer actions of the event, as a fragment that refreshes itself.
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { listAuditLog } from '../../domain/audit.ts';
import { AuditList } from '../../../views/admin/audit.tsx';
import { auditLinesShown } from './dashboard.tsx';

export const auditRoutes = new Hono<AppEnv>();

auditRoutes.get('/audit', (c) => {
  const { db, event } = c.var;
  return c.html(<AuditList slug={event.slug} timezone={event.timezone} entries={listAuditLog(db, event.id, auditLinesShown)} />);
});
