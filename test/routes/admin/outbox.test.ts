// The event's outbox for organizers: the list, one message in full, and the CSV for a mail merge.
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox, mailRecipients } from '../../../db/schema.ts';
import { makeEvent, makeMail, makeParticipant } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

const tokenOf = (t: TestApp, recipientId: number) =>
  t.db.select().from(mailRecipients).where(eq(mailRecipients.id, recipientId)).get()!.unsubscribeToken;

function outboxWithMail(t: TestApp) {
  const { event } = makeEvent(t.db, { name: 'Riverlands Annual' });
  const octavia = makeParticipant(t.db, event, { name: 'Octavia Reyes', email: 'octavia@example.org' });
  const invite = makeMail(t.db, {
    eventId: event.id,
    participantId: octavia.id,
    to: 'octavia@example.org',
    kind: 'feedback-invite',
    subject: 'How was your buddy?',
    text: 'Hi Octavia,\n\ntell us how it went: http://buddydesk.test/e/x/me/abc',
  });
  const reminder = makeMail(t.db, { eventId: event.id, to: 'bart@example.org', kind: 'feedback-reminder', subject: 'A reminder' });
  return { event, invite, reminder, base: `/admin/e/${event.slug}/outbox` };
}

/** The rows of a CSV download, parsed by a CSV library; it must start with the UTF-8 byte-order mark Excel needs. */
const csvRows = async (res: Response) => {
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
};

describe('GET /admin/e/:slug/outbox', () => {
  it('sends a signed-out visitor to the login', async () => {
    const t = createTestApp();
    const { base } = outboxWithMail(t);
    const res = await get(t.app, base);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/login?next=${encodeURIComponent(base)}`);
  });

  it('lists every message with its status and says mail is waiting when SMTP is not set', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { base, invite, reminder } = outboxWithMail(t);

    const res = await get(t.app, base, { cookie });

    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<strong>E-mail is not being sent:</strong>');
    expect(html).toContain(`<a href="${base}/${invite.id}">How was your buddy?</a>`);
    expect(html).toContain(`<a href="${base}/${reminder.id}">A reminder</a>`);
    expect(html).toContain('<strong>Octavia Reyes</strong><span class="hint">octavia@example.org</span>');
    expect(html.match(/<span class="status mail-queued">Waiting<\/span>/g)).toHaveLength(2);
    expect(html).toContain('All (2)');
    expect(html).toContain('Not sent yet (2)');
    expect(html).toContain(`href="${base}.csv"`);
  });

  it('says mail is being sent when SMTP is set', async () => {
    const t = createTestApp({ mailSending: true });
    const { cookie } = signedInOrganizer(t);
    const { base } = outboxWithMail(t);
    const html = await (await get(t.app, base, { cookie })).text();
    expect(html).toContain('E-mail is being sent through the server');
    expect(html).not.toContain('E-mail is not being sent');
  });

  it('narrows the list by status, and shows everything for a filter it does not know', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { base, invite } = outboxWithMail(t);
    t.db.update(mailOutbox).set({ status: 'sent', sentAt: t.clock.now(), attempts: 1 }).where(eq(mailOutbox.id, invite.id)).run();

    const sent = await (await get(t.app, `${base}?status=sent`, { cookie })).text();
    expect(sent).toContain('How was your buddy?');
    expect(sent).not.toContain('A reminder');
    expect(sent).toContain(`href="${base}.csv?status=sent"`);
    const unsent = await (await get(t.app, `${base}?status=unsent`, { cookie })).text();
    expect(unsent).not.toContain('How was your buddy?');
    expect(unsent).toContain('A reminder');
    for (const odd of ['?status=nope', '?status=', `?status=${'x'.repeat(5000)}`, '?status[]=sent']) {
      const res = await get(t.app, `${base}${odd}`, { cookie });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('How was your buddy?');
      expect(html).toContain('A reminder');
    }
  });

  it('is linked from the dashboard', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, base } = outboxWithMail(t);
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(html).toContain(`href="${base}"`);
  });

  it('answers 404 for an unknown event', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    expect((await get(t.app, '/admin/e/no-such-event/outbox', { cookie })).status).toBe(404);
    expect((await get(t.app, '/admin/e/no-such-event/outbox.csv', { cookie })).status).toBe(404);
  });
});

describe('GET /admin/e/:slug/outbox/:id', () => {
  it('shows the whole message as it is sent, with its unsubscribe link and header, for copying', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, base, invite } = outboxWithMail(t);
    const url = `http://buddydesk.test/e/${event.slug}/unsubscribe/${tokenOf(t, invite.recipientId)}`;

    const res = await get(t.app, `${base}/${invite.id}`, { cookie });

    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>How was your buddy?</h1>');
    expect(html).toContain('Octavia Reyes &lt;octavia@example.org&gt;');
    expect(html).toContain(
      `Hi Octavia,\n\ntell us how it went: http://buddydesk.test/e/x/me/abc\n\n-- \nSent by Buddydesk for Riverlands Annual.\nTo stop these e-mails, open ${url}\n</pre>`,
    );
    expect(html).toContain(`<code>&lt;${url}&gt;</code>`);
  });

  it('shows the HTML version as source, escaped', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, base } = outboxWithMail(t);
    const m = makeMail(t.db, { eventId: event.id, html: '<p>Hi <script>alert(1)</script></p>' });
    const html = await (await get(t.app, `${base}/${m.id}`, { cookie })).text();
    expect(html).toContain('&lt;p&gt;Hi &lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('answers 404 for a malformed id, an unknown id, and another event’s message', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { base } = outboxWithMail(t);
    const { event: other } = makeEvent(t.db);
    const elsewhere = makeMail(t.db, { eventId: other.id });
    const noEvent = makeMail(t.db, { eventId: null });
    for (const id of ['abc', '0', '-1', '1.5', '99999', `${'9'.repeat(30)}`, String(elsewhere.id), String(noEvent.id)]) {
      const res = await get(t.app, `${base}/${id}`, { cookie });
      expect(res.status, id).toBe(404);
      expect(await res.text()).toContain('There is no such message');
    }
  });
});

describe('GET /admin/e/:slug/outbox.csv', () => {
  it('downloads every message in the order written, with the full text and its unsubscribe link, for a mail merge', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, base, invite, reminder } = outboxWithMail(t);

    const res = await get(t.app, `${base}.csv`, { cookie });

    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="outbox-${event.slug}.csv"`);
    const rows = await csvRows(res);
    const url = (recipientId: number) => `http://buddydesk.test/e/${event.slug}/unsubscribe/${tokenOf(t, recipientId)}`;
    expect(rows).toEqual([
      {
        to: 'octavia@example.org',
        name: 'Octavia Reyes',
        subject: 'How was your buddy?',
        text: `Hi Octavia,\n\ntell us how it went: http://buddydesk.test/e/x/me/abc\n\n-- \nSent by Buddydesk for Riverlands Annual.\nTo stop these e-mails, open ${url(invite.recipientId)}\n`,
        unsubscribe_url: url(invite.recipientId),
        status: 'queued',
        kind: 'feedback-invite',
        written_at: t.clock.now().toISOString(),
        sent_at: '',
        attempts: '0',
        last_error: '',
        id: String(invite.id),
      },
      expect.objectContaining({ to: 'bart@example.org', name: '', subject: 'A reminder', id: String(reminder.id) }),
    ]);
  });

  it('makes cells that a spreadsheet would run as a formula plain text', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const evil = makeParticipant(t.db, event, { name: '=HYPERLINK("http://evil.example","Click")', email: 'x@example.org' });
    makeMail(t.db, { eventId: event.id, participantId: evil.id, to: 'x@example.org', subject: '+1 for you', text: '@here -- see' });
    makeMail(t.db, { eventId: event.id, subject: '-5 points', text: '\tindented' });

    const rows = await csvRows(await get(t.app, `/admin/e/${event.slug}/outbox.csv`, { cookie }));

    expect(rows.map((r) => [r.name, r.subject, r.text!.slice(0, 6)])).toEqual([
      [`'=HYPERLINK("http://evil.example","Click")`, "'+1 for you", "'@here"],
      ['', "'-5 points", "'\tinde"],
    ]);
  });

  it('downloads only the messages not sent yet when asked', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, base, invite } = outboxWithMail(t);
    t.db.update(mailOutbox).set({ status: 'sent', sentAt: t.clock.now() }).where(eq(mailOutbox.id, invite.id)).run();

    const res = await get(t.app, `${base}.csv?status=unsent`, { cookie });

    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="outbox-${event.slug}-unsent.csv"`);
    expect((await csvRows(res)).map((r) => r.subject)).toEqual(['A reminder']);
  });

  it('sends a signed-out visitor to the login and changes nothing on a post', async () => {
    const t = createTestApp();
    const { base } = outboxWithMail(t);
    expect((await get(t.app, `${base}.csv`)).status).toBe(303);
    const { cookie } = signedInOrganizer(t);
    for (const path of [base, `${base}.csv`, `${base}/1`]) {
      expect((await postForm(t.app, path, { status: 'sent' }, { cookie })).status).toBe(404);
    }
    expect(t.db.select().from(mailOutbox).all().map((m) => m.status)).toEqual(['queued', 'queued']);
  });
});

describe('without SMTP', () => {
  it('keeps every message a feature enqueued in the outbox, and the CSV has them all', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const ids = Array.from({ length: 30 }, (_, i) => makeMail(t.db, { eventId: event.id, dedupeKey: `p:${i}` }).id);
    t.clock.advance(7 * 24 * 60 * 60_000);
    const { cookie } = signedInOrganizer(t);

    const page = await (await get(t.app, `/admin/e/${event.slug}/outbox`, { cookie })).text();
    const rows = await csvRows(await get(t.app, `/admin/e/${event.slug}/outbox.csv`, { cookie }));

    expect(page).toContain('Not sent yet (30)');
    expect(rows.map((r) => Number(r.id))).toEqual(ids);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['queued']));
  });
});
