import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox, mailRecipients } from '../../db/schema.ts';
import { makeEvent, makeMail } from '../helpers/factories.ts';
import { createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

function mailed(t: TestApp, opts: { to?: string } = {}) {
  const { event } = makeEvent(t.db, { name: 'Riverlands Annual' });
  const mail = makeMail(t.db, { eventId: event.id, to: opts.to ?? 'octavia@example.org', kind: 'feedback-invite' });
  const recipient = t.db.select().from(mailRecipients).where(eq(mailRecipients.id, mail.recipientId)).get()!;
  return { event, mail, token: recipient.unsubscribeToken, path: `/e/${event.slug}/unsubscribe/${recipient.unsubscribeToken}` };
}

const optOut = (t: TestApp, token: string) =>
  t.db.select().from(mailRecipients).where(eq(mailRecipients.unsubscribeToken, token)).get()!.unsubscribedAt;

describe('GET /e/:slug/unsubscribe/:token', () => {
  it('asks first, with a button, and records nothing (mail scanners open links by themselves)', async () => {
    const t = createTestApp();
    const { path, token } = mailed(t);

    const res = await get(t.app, path);

    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Stop e-mails about Riverlands Annual?</h1>');
    expect(html).toContain(`<form method="post" action="${path}"><button type="submit">Unsubscribe</button></form>`);
    // the person recognises their address; someone the mail was forwarded to does not learn it
    expect(html).toContain('o•••@example.org');
    expect(html).not.toContain('octavia@example.org');
    expect(optOut(t, token)).toBeNull();
  });

  it.each([
    ['a malformed token', (p: string) => p.replace(/[^/]+$/, 'not-a-token')],
    ['an unknown token', (p: string) => p.replace(/[^/]+$/, 'A'.repeat(43))],
    ['an unknown event', (p: string) => p.replace(/^\/e\/[^/]+/, '/e/no-such-event')],
    ['the token without its event', (p: string) => p.replace(/^\/e\/[^/]+/, '')],
  ])('answers 404 for %s', async (_, broken) => {
    const t = createTestApp();
    const { path } = mailed(t);
    const res = await get(t.app, broken(path));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('This unsubscribe link is not valid.');
  });

  it('answers 404 for a token of another event', async () => {
    const t = createTestApp();
    const { token } = mailed(t);
    const { event: other } = makeEvent(t.db);
    expect((await get(t.app, `/e/${other.slug}/unsubscribe/${token}`)).status).toBe(404);
  });
});

describe('POST /e/:slug/unsubscribe/:token', () => {
  it('records the opt-out, shows it after the redirect, and a later non-essential message is kept as skipped', async () => {
    const t = createTestApp();
    const { event, path, token } = mailed(t);

    const res = await postForm(t.app, path, {});

    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(path);
    expect(optOut(t, token)).toEqual(t.clock.now());
    const page = await (await get(t.app, path)).text();
    expect(page).toContain('<h1>You&#39;re unsubscribed</h1>');
    expect(page).not.toContain('<button');

    const later = makeMail(t.db, { eventId: event.id, to: 'Octavia@example.org', kind: 'feedback-reminder' });
    expect(later).toMatchObject({ status: 'skipped', lastError: 'The recipient unsubscribed from this e-mail.' });
  });

  it('keeps the first time when the button is pressed again', async () => {
    const t = createTestApp();
    const { path, token } = mailed(t);
    await postForm(t.app, path, {});
    const first = optOut(t, token);
    t.clock.advance(60_000);
    expect((await postForm(t.app, path, {})).status).toBe(303);
    expect(optOut(t, token)).toEqual(first);
  });

  it('changes nothing for a bad token, another event’s token, or a post from another site', async () => {
    const t = createTestApp();
    const { path, token } = mailed(t);
    const { event: other } = makeEvent(t.db);

    expect((await postForm(t.app, path.replace(/[^/]+$/, 'B'.repeat(43)), {})).status).toBe(404);
    expect((await postForm(t.app, path.replace(/[^/]+$/, '..'), {})).status).toBe(404);
    expect((await postForm(t.app, `/e/${other.slug}/unsubscribe/${token}`, {})).status).toBe(404);
    const crossSite = await postForm(t.app, path, {}, { origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain(`href="${path}"`);

    expect(optOut(t, token)).toBeNull();
    expect(t.db.select().from(mailOutbox).all().map((m) => m.status)).toEqual(['queued']);
  });
});

describe('/unsubscribe/:token (mail about no event)', () => {
  it('asks, records, and does not accept an event’s token', async () => {
    const t = createTestApp();
    const mail = makeMail(t.db, { eventId: null, to: 'chair@example.org' });
    const { unsubscribeToken } = t.db.select().from(mailRecipients).where(eq(mailRecipients.id, mail.recipientId)).get()!;
    const path = `/unsubscribe/${unsubscribeToken}`;

    const page = await get(t.app, path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Stop e-mails from Buddydesk?</h1>');
    expect((await postForm(t.app, path, {})).status).toBe(303);
    expect(optOut(t, unsubscribeToken)).toEqual(t.clock.now());

    const { token: eventToken } = mailed(t);
    expect((await get(t.app, `/unsubscribe/${eventToken}`)).status).toBe(404);
  });
});
