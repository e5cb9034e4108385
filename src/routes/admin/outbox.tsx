// The event's outgoing mail for organizers: the list, one message in full, and a CSV for a mail
// merge.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { countOutbox, findOutboxMessage, listOutbox, outboxFilters, type OutboxFilter } from '../../domain/mail-outbox.ts';
import { idSchema } from '../../form-input.ts';
import { composeMail } from '../../mail/compose.tsx';
import { spreadsheetCsv } from '../../spreadsheet-csv.ts';
import { OutboxMessagePage, OutboxPage } from '../../../views/admin/outbox.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';

export const outboxRoutes = new Hono<AppEnv>();

const messageNotFound = 'There is no such message in this event’s outbox.';
const pageLimit = 500;

// an unknown filter shows everything rather than an error: it only narrows a list
const filterSchema = z.object({ status: z.enum(outboxFilters).catch('all') }).catch({ status: 'all' as const });

const filterFrom = (c: Context<AppEnv>): OutboxFilter => filterSchema.parse(c.req.query()).status;

outboxRoutes.get('/outbox', (c) => {
  const { event } = c.var;
  const filter = filterFrom(c);
  c.header('Cache-Control', 'no-store');
  return c.html(
    <OutboxPage
      organizer={c.var.organizer}
      event={event}
      counts={countOutbox(c.var.db, event.id)}
      filter={filter}
      messages={listOutbox(c.var.db, event.id, { filter, order: 'newest', limit: pageLimit })}
      limit={pageLimit}
      sending={c.var.mailSending}
    />,
  );
});

const csvHeader = [
  'to',
  'name',
  'subject',
  'text',
  'unsubscribe_url',
  'status',
  'kind',
  'written_at',
  'sent_at',
  'attempts',
  'last_error',
  'id',
];

outboxRoutes.get('/outbox.csv', (c) => {
  const { event } = c.var;
  const filter = filterFrom(c);
  const rows = listOutbox(c.var.db, event.id, { filter, order: 'oldest' }).map((m) => {
    const mail = composeMail(m, c.var.publicUrl);
    return [
      m.toAddress,
      m.participantName,
      m.subject,
      mail.text,
      mail.unsubscribeUrl,
      m.status,
      m.kind,
      m.createdAt.toISOString(),
      m.sentAt?.toISOString() ?? null,
      m.attempts,
      m.lastError,
      m.id,
    ];
  });
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="outbox-${event.slug}${filter === 'all' ? '' : `-${filter}`}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(spreadsheetCsv(csvHeader, rows));
});

outboxRoutes.get('/outbox/:id', (c) => {
  const { event } = c.var;
  const id = idSchema.safeParse(c.req.param('id'));
  const message = id.success ? findOutboxMessage(c.var.db, event.id, id.data) : undefined;
  if (!message) return c.html(<NotFoundPage message={messageNotFound} />, 404);
  c.header('Cache-Control', 'no-store');
  return c.html(
    <OutboxMessagePage
      organizer={c.var.organizer}
      event={event}
      message={message}
      composed={composeMail(message, c.var.publicUrl)}
    />,
  );
});
