import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox, mailRecipients } from '../../db/schema.ts';
import { enqueueMail, type NewMail } from '../../src/domain/mail-outbox.ts';
import { unsubscribe } from '../../src/domain/mail-recipients.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const invite = (eventId: number | null, overrides: Partial<NewMail> = {}): NewMail => ({
  eventId,
  to: 'octavia@example.org',
  kind: 'feedback-invite',
  dedupeKey: 'participant:1',
  subject: 'How was your buddy?',
  text: 'Tell us how it went.',
  ...overrides,
});

const enqueue = (t: TestApp, mail: NewMail) => t.db.transaction((tx) => enqueueMail(tx, mail, t.clock.now()));
const outbox = (t: TestApp) => t.db.select().from(mailOutbox).orderBy(mailOutbox.id).all();
const recipients = (t: TestApp) => t.db.select().from(mailRecipients).orderBy(mailRecipients.id).all();

describe('enqueueMail', () => {
  it('queues the message for now, with its person, and makes the recipient an unsubscribe token', () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { email: 'octavia@example.org' });

    const result = enqueue(t, invite(event.id, { participantId: p.id }));

    expect(result).toEqual({ ok: true, id: expect.any(Number), status: 'queued' });
    expect(outbox(t)).toMatchObject([
      {
        eventId: event.id,
        participantId: p.id,
        toAddress: 'octavia@example.org',
        kind: 'feedback-invite',
        status: 'queued',
        attempts: 0,
        essential: false,
        nextAttemptAt: t.clock.now(),
        htmlBody: null,
        smtpMessageId: null,
      },
    ]);
    expect(recipients(t)).toMatchObject([{ eventId: event.id, address: 'octavia@example.org', unsubscribedAt: null }]);
    expect(recipients(t)[0]!.unsubscribeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('writes nothing when the caller’s transaction rolls back', () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    expect(() =>
      t.db.transaction((tx) => {
        enqueueMail(tx, invite(event.id), t.clock.now());
        throw new Error('the change that caused the message failed');
      }),
    ).toThrow();
    expect(outbox(t)).toEqual([]);
    expect(recipients(t)).toEqual([]);
  });

  it('enqueues the same event, kind and key once, and answers duplicate the second time', () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const first = enqueue(t, invite(event.id));
    const again = enqueue(t, invite(event.id, { subject: 'A second try' }));

    expect(again).toEqual({ ok: false, reason: 'duplicate', id: first.ok ? first.id : -1 });
    expect(outbox(t).map((m) => m.subject)).toEqual(['How was your buddy?']);
  });

  it('keeps the same key apart across events, kinds, and mail about no event', () => {
    const t = createTestApp();
    const { event: a } = makeEvent(t.db);
    const { event: b } = makeEvent(t.db);
    const results = [
      enqueue(t, invite(a.id)),
      enqueue(t, invite(b.id)),
      enqueue(t, invite(a.id, { kind: 'feedback-reminder' })),
      enqueue(t, invite(null)),
      enqueue(t, invite(null)),
    ];
    expect(results.map((r) => (r.ok ? 'queued' : r.reason))).toEqual(['queued', 'queued', 'queued', 'queued', 'duplicate']);
    expect(outbox(t)).toHaveLength(4);
  });

  it('gives one token per address and event, whatever the capitals, and another for another event', () => {
    const t = createTestApp();
    const { event: a } = makeEvent(t.db);
    const { event: b } = makeEvent(t.db);
    enqueue(t, invite(a.id, { dedupeKey: 'one', to: 'Octavia@Example.org' }));
    enqueue(t, invite(a.id, { dedupeKey: 'two', to: 'octavia@example.org' }));
    enqueue(t, invite(b.id, { dedupeKey: 'one', to: 'octavia@example.org' }));

    const rows = recipients(t);
    expect(rows.map((r) => [r.eventId, r.address])).toEqual([
      [a.id, 'octavia@example.org'],
      [b.id, 'octavia@example.org'],
    ]);
    expect(rows[0]!.unsubscribeToken).not.toBe(rows[1]!.unsubscribeToken);
    expect(new Set(outbox(t).map((m) => m.recipientId))).toEqual(new Set([rows[0]!.id, rows[1]!.id]));
  });

  it('keeps a non-essential message to someone who unsubscribed as skipped, and still queues an essential one', () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    enqueue(t, invite(event.id, { dedupeKey: 'first' }));
    const token = recipients(t)[0]!.unsubscribeToken;
    unsubscribe(t.db, { eventId: event.id, token, now: t.clock.now() });

    const later = enqueue(t, invite(event.id, { dedupeKey: 'later' }));
    const essential = enqueue(t, invite(event.id, { dedupeKey: 'needed', kind: 'data-export', essential: true }));

    expect(later).toMatchObject({ ok: true, status: 'skipped' });
    expect(essential).toMatchObject({ ok: true, status: 'queued' });
    const skipped = t.db.select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, 'later')).get()!;
    expect(skipped).toMatchObject({ status: 'skipped', lastError: 'The recipient unsubscribed from this e-mail.' });
  });

  it.each([
    [{ to: 'not an address' }, /to: the address is not an e-mail address/],
    [{ subject: 'Two\r\nBcc: everyone@example.org' }, /subject: the subject must be one line/],
    [{ subject: '   ' }, /subject: the subject is empty/],
    [{ text: '' }, /text: the text part is empty/],
    [{ kind: 'Feedback Invite' }, /kind: kind must be a short lower-case word/],
    [{ dedupeKey: '' }, /dedupeKey: dedupeKey is empty/],
  ])('refuses %j as invalid and writes nothing', (overrides, problem) => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const result = enqueue(t, invite(event.id, overrides));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason === 'invalid' && result.problem).toMatch(problem);
    expect(outbox(t)).toEqual([]);
    expect(recipients(t)).toEqual([]);
  });
});
