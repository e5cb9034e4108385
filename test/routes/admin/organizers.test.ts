// More organizers: inviting one by a one-time link, revoking it, and signing up through it.
import { eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, mailOutbox, organizerInvites, organizers } from '../../../db/schema.ts';
import { createInvite } from '../../../src/domain/organizer-invites.ts';
import { sessionCookieName } from '../../../src/routes/admin/login.tsx';
import { followToDashboard, organizerAccount, signedInOrganizer } from '../../helpers/organizer.ts';
import { cookiesFrom, createTestApp, get, postForm, testOrigin, type TestApp } from '../../helpers/test-app.ts';

const DAY = 24 * 60 * 60 * 1000;
const newcomer = { name: 'Bo Brandt', email: 'bo@example.org', password: 'a fine long password', passwordConfirm: 'a fine long password' };

/** An invitation made as the given organizer does it, and the path of its link. */
function invite(t: TestApp, email: string | null = null) {
  const { organizer } = organizerAccount(t, `inviter-${Math.random().toString(36).slice(2)}@example.org`);
  const result = createInvite(t.db, { by: organizer, email, now: t.clock.now(), publicUrl: testOrigin });
  if (!result.ok) throw new Error(result.reason);
  return { organizer, path: result.link.slice(testOrigin.length) };
}

const accountAudit = (t: TestApp) => t.db.select().from(auditLog).where(isNull(auditLog.eventId)).all();

describe('POST /admin/invites', () => {
  it('shows the link once to copy, e-mails it when an address is given, lists it as open, and audits it', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const res = await postForm(t.app, '/admin/invites', { email: 'Bo@Example.org' }, { cookie });
    expect(res.headers.get('Location')).toBe('/admin/organizers');
    const html = await followToDashboard(t, res, cookie);
    const link = /id="organizers-message-copy" type="text" readonly="" value="([^"]+)"/.exec(html)?.[1];
    expect(link).toMatch(new RegExp(`^${testOrigin}/admin/invite/[A-Za-z0-9_-]{43}$`));
    expect(html).toContain('It was e-mailed to bo@example.org (waiting in the outbox until e-mail is set up).');
    const pending = html.slice(html.indexOf('id="pending-heading"'));
    expect(pending).toContain('bo@example.org');
    expect(pending).toContain('Ana Organizer');
    const [row] = t.db.select().from(organizerInvites).all();
    expect(row!.tokenHash).not.toContain(link!.split('/').at(-1));
    expect(row!.expiresAt.getTime() - t.clock.now().getTime()).toBe(7 * DAY);
    expect(t.db.select().from(mailOutbox).all()).toMatchObject([
      { toAddress: 'bo@example.org', kind: 'organizer-invite', status: 'queued', textBody: expect.stringContaining(link!) },
    ]);
    expect(accountAudit(t)).toMatchObject([{ action: 'organizer-invited', organizerId: organizer.id, detail: expect.stringContaining('bo@example.org') }]);
    // shown only once: the next visit has no link
    expect(await (await get(t.app, '/admin/organizers', { cookie })).text()).not.toContain('/admin/invite/');
  });

  it('makes a link to pass on by hand without an e-mail, and writes no mail', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const html = await followToDashboard(t, await postForm(t.app, '/admin/invites', { email: '' }, { cookie }), cookie);
    expect(html).toContain('Invitation link');
    expect(html).toContain('a link passed on by hand');
    expect(t.db.select().from(mailOutbox).all()).toEqual([]);
  });

  it.each([
    ['a malformed e-mail', 'not-an-address', 'That doesn&#39;t look like an e-mail address'],
    ['the e-mail of an organizer', 'ana@example.org', 'This e-mail already belongs to an organizer.'],
  ])('refuses %s with 422 and creates no invitation', async (_, email, message) => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const res = await postForm(t.app, '/admin/invites', { email }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain(`value="${email}"`);
    expect(t.db.select().from(organizerInvites).all()).toEqual([]);
  });

  it('is for organizers only', async () => {
    const t = createTestApp();
    const res = await postForm(t.app, '/admin/invites', { email: 'bo@example.org' });
    expect(res.headers.get('Location')).toBe('/admin/login');
    expect(t.db.select().from(organizerInvites).all()).toEqual([]);
  });
});

describe('POST /admin/invites/:id/revoke', () => {
  it('revokes an open invitation, so its link stops working, and audits it', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { path } = invite(t, 'bo@example.org');
    const [row] = t.db.select().from(organizerInvites).all();
    const res = await postForm(t.app, `/admin/invites/${row!.id}/revoke`, {}, { cookie });
    expect(await followToDashboard(t, res, cookie)).toContain('Revoked the invitation');
    const gone = await get(t.app, path);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This invitation was revoked.');
    expect(accountAudit(t).at(-1)!.action).toBe('invite-revoked');
  });

  it('says so when the invitation is no longer open, changing nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const res = await postForm(t.app, '/admin/invites/99999/revoke', {}, { cookie });
    expect(await followToDashboard(t, res, cookie)).toContain('That invitation is no longer open');
  });
});

describe('GET and POST /admin/invite/:token', () => {
  it('lets the invited person create their account with the e-mail filled in, signs them in, and uses the link up', async () => {
    const t = createTestApp();
    const { path } = invite(t, 'bo@example.org');
    const form = await (await get(t.app, path)).text();
    expect(form).toMatch(/id="invite-email"[^>]*value="bo@example.org"/);
    const res = await postForm(t.app, path, newcomer);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin');
    const cookie = cookiesFrom(res);
    expect(cookie).toContain(`${sessionCookieName}=`);
    const home = await (await get(t.app, '/admin', { cookie })).text();
    expect(home).toContain('Welcome, Bo Brandt.');
    expect(t.db.select().from(organizers).where(eq(organizers.email, 'bo@example.org')).get()).toMatchObject({ name: 'Bo Brandt' });
    expect(accountAudit(t).at(-1)).toMatchObject({ action: 'organizer-joined' });
    // single use
    const again = await postForm(t.app, path, { ...newcomer, email: 'cy@example.org' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('This invitation has already been used.');
    expect(t.db.select().from(organizers).where(eq(organizers.email, 'cy@example.org')).get()).toBeUndefined();
  });

  it('answers 410 for an expired link and creates no account', async () => {
    const t = createTestApp();
    const { path } = invite(t);
    t.clock.advance(7 * DAY + 1);
    const page = await get(t.app, path);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This invitation has expired');
    const res = await postForm(t.app, path, newcomer);
    expect(res.status).toBe(410);
    expect(t.db.select().from(organizers).where(eq(organizers.email, 'bo@example.org')).get()).toBeUndefined();
  });

  it('answers 404 for a link that was never given out', async () => {
    const t = createTestApp();
    for (const path of [`/admin/invite/${'a'.repeat(43)}`, '/admin/invite/short', '/admin/invite/%ZZ']) {
      const res = await get(t.app, path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('This invitation link is not valid.');
    }
  });

  it('re-renders with 422 and the values kept when the passwords differ or the e-mail is an organizer’s, and keeps the link open', async () => {
    const t = createTestApp();
    const { path } = invite(t);
    const mismatch = await postForm(t.app, path, { ...newcomer, passwordConfirm: 'something else entirely' });
    expect(mismatch.status).toBe(422);
    const html = await mismatch.text();
    expect(html).toContain('The two passwords don&#39;t match');
    expect(html).toContain('value="Bo Brandt"');
    const inviterEmail = t.db.select().from(organizers).get()!.email;
    const taken = await postForm(t.app, path, { ...newcomer, email: inviterEmail });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('This e-mail already belongs to an organizer.');
    expect((await get(t.app, path)).status).toBe(200);
  });
});

describe('GET /admin/organizers', () => {
  it('lists the organizers and the audit of accounts, and is linked from the event list', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    organizerAccount(t, 'cy@example.org');
    const html = await (await get(t.app, '/admin/organizers', { cookie })).text();
    expect(html).toContain('ana@example.org (you)');
    expect(html).toContain('cy@example.org');
    expect(await (await get(t.app, '/admin', { cookie })).text()).toContain('href="/admin/organizers"');
  });
});
