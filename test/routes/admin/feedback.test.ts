import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, events, mailOutbox, participants } from '../../../db/schema.ts';
import { findEventBySlug } from '../../../src/domain/events.ts';
import { makeParticipant } from '../../helpers/factories.ts';
import { pairedEvent } from '../../helpers/after-event.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

function setUp() {
  const t = createTestApp();
  const paired = pairedEvent(t);
  const { cookie } = signedInOrganizer(t, `chair${Math.random()}@example.org`);
  return { t, ...paired, cookie, base: `/admin/e/${paired.event.slug}/feedback` };
}

const invites = (t: TestApp, eventId: number) =>
  t.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.eventId, eventId), eq(mailOutbox.kind, 'feedback-invite')))
    .orderBy(mailOutbox.id)
    .all();

describe('GET /admin/e/:slug/feedback', () => {
  it('says when feedback opens by itself and offers to open it now', async () => {
    const { t, cookie, base } = setUp();
    const html = await (await get(t.app, base, { cookie })).text();
    expect(html).toContain('Feedback opens by itself when the event ends, <strong>Oct 16, 12:00 AM</strong>');
    expect(html).toContain('until the end of Thursday, November 5');
    expect(html).toContain(`action="${base}/open"`);
  });

  it('sends someone who is not signed in to the login', async () => {
    const { t, base } = setUp();
    const res = await get(t.app, base);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/login?next=${encodeURIComponent(base)}`);
  });
});

describe('POST /admin/e/:slug/feedback/open', () => {
  it('opens feedback and writes one invitation per person with an e-mail, skipping those without one and those who left', async () => {
    const { t, event, ft, v, cookie, base } = setUp();
    makeParticipant(t.db, event, { name: 'No Mail' });
    const gone = makeParticipant(t.db, event, { name: 'Gone Away', email: 'gone@example.org', present: true });
    t.db.update(participants).set({ status: 'withdrawn' }).where(eq(participants.id, gone.id)).run();

    const res = await postForm(t.app, `${base}/open`, { confirm: 'yes' }, { cookie });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(base);
    const sent = invites(t, event.id);
    expect(sent.map((m) => m.participantId)).toEqual([ft.id, v.id]);
    expect(sent[0]).toMatchObject({ toAddress: ft.email, subject: `How was your buddy? ${event.name}`, status: 'queued' });
    expect(sent[0]!.textBody).toContain(`http://buddydesk.test/e/${event.slug}/me/${ft.token}#feedback`);
    expect(sent[0]!.textBody).toContain('until the end of Tuesday, November 3');
    expect(sent[1]!.subject).toBe(`How did buddying go? ${event.name}`);
    expect(sent[1]!.textBody).toContain('Your letter of thanks');
    const stored = t.db.select().from(events).where(eq(events.id, event.id)).get()!;
    expect(stored.feedbackOpenedAt).toEqual(t.clock.now());
    expect(stored.feedbackInvitedAt).toEqual(t.clock.now());
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'feedback-opened')).all()).toHaveLength(1);
    const page = await (await get(t.app, base, { cookie: `${cookie}; ${cookiesFrom(res)}` })).text();
    expect(page).toContain('Feedback is open. 2 invitations were written to the outbox.');
    expect(page).toContain('<strong>Feedback is open</strong>');
  });

  it('refuses without the confirming tick with 422, and opens nothing and sends nothing', async () => {
    const { t, event, cookie, base } = setUp();
    const res = await postForm(t.app, `${base}/open`, {}, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Tick the box to confirm that everyone is e-mailed now. Nothing was sent.');
    expect(invites(t, event.id)).toEqual([]);
    expect(findEventBySlug(t.db, event.slug)!.feedbackOpenedAt).toBeNull();
  });

  it('refuses to open feedback that is already open, and writes no second invitation', async () => {
    const { t, event, cookie, base } = setUp();
    await postForm(t.app, `${base}/open`, { confirm: 'yes' }, { cookie });
    const again = await postForm(t.app, `${base}/open`, { confirm: 'yes' }, { cookie });
    expect(again.status).toBe(303);
    const page = await (await get(t.app, base, { cookie: `${cookie}; ${cookiesFrom(again)}` })).text();
    expect(page).toContain('Feedback is already open; the invitations went out when it opened.');
    expect(invites(t, event.id)).toHaveLength(2);
  });
});

describe('POST /admin/e/:slug/feedback/settings', () => {
  it('saves how long feedback stays open and when the reminder goes', async () => {
    const { t, event, cookie, base } = setUp();
    const res = await postForm(t.app, `${base}/settings`, { feedbackDays: '14', feedbackReminderDays: '5' }, { cookie });
    expect(res.status).toBe(303);
    const settings = findEventBySlug(t.db, event.slug)!.settings;
    expect(settings).toMatchObject({ feedbackDays: 14, feedbackReminderDays: 5 });
    // the other settings stay as they were
    expect(settings.weights.interests).toBe(3);
    const page = await (await get(t.app, base, { cookie })).text();
    expect(page).toContain('until the end of Thursday, October 29');
  });

  it('re-renders with 422 and the errors next to the fields, and saves nothing', async () => {
    const { t, event, cookie, base } = setUp();
    const res = await postForm(t.app, `${base}/settings`, { feedbackDays: '0', feedbackReminderDays: 'soon' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="feedback-days-error">Enter from 1 to 90 days<');
    expect(html).toContain('id="feedback-reminder-days-error">Enter from 1 to 60 days<');
    expect(html).toContain('value="soon"');
    expect(findEventBySlug(t.db, event.slug)!.settings).toMatchObject({ feedbackDays: 21, feedbackReminderDays: 7 });
  });
});

describe('the dashboard after the invitations', () => {
  it('shows how many were invited, sent, opened and answered', async () => {
    const { t, event, ft, cookie, base } = setUp();
    expect(await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text()).not.toContain('id="feedback-summary"');
    await postForm(t.app, `${base}/open`, { confirm: 'yes' }, { cookie });
    t.db.update(mailOutbox).set({ status: 'sent', sentAt: t.clock.now() }).where(eq(mailOutbox.participantId, ft.id)).run();
    t.clock.advance(60_000);
    await get(t.app, `/e/${event.slug}/me/${ft.token}`);
    await postForm(t.app, `/e/${event.slug}/me/${ft.token}/feedback`, { met: 'once', rating: '5', again: 'yes' });

    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    const summary = /<p class="banner" id="feedback-summary">([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '');
    expect(summary).toBe('Feedback: 2 invitations · 1 sent · 1 opened · 1 answered · Details · Report');
  });
});
