// Signing in and out, the organizer's session, the one-time setup link, and the guard in front of
// every other organizer page. Password guessing is slowed for the guesser, never for the organizer:
// 5 wrong passwords from one address must not keep the right password out from another address or
// a known browser.
import { describe, expect, it } from 'vitest';
import { organizerSessions, organizers } from '../../../db/schema.ts';
import { createSetupToken } from '../../../src/domain/organizers.ts';
import { makeEvent, makeParticipant, reloadParticipant } from '../../helpers/factories.ts';
import { organizerAccount, signedInOrganizer } from '../../helpers/organizer.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

const minutes = (n: number) => n * 60 * 1000;
const refusal = "That e-mail and password don&#39;t match an organizer account.";

const email = 'ana@example.org';
const password = 'a long password';

async function guess(t: TestApp, address: string, times: number, who = email) {
  for (let i = 0; i < times; i++) {
    const res = await postForm(t.app, '/admin/login', { email: who, password: `guess ${i}` }, { address });
    expect(res.status).toBe(401);
  }
}

const sessions = (t: TestApp) => t.db.select().from(organizerSessions).all().length;

describe('organizer pages when signed out', () => {
  it('sends a visitor of /admin to the login with the page to come back to', async () => {
    const t = createTestApp();
    const res = await get(t.app, '/admin');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/login?next=%2Fadmin');
  });

  it('sends a visitor of an event dashboard to the login with next set to that dashboard', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await get(t.app, `/admin/e/${event.slug}?q=ana`);
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('Location') ?? '', 'http://x');
    expect(location.pathname).toBe('/admin/login');
    expect(location.searchParams.get('next')).toBe(`/admin/e/${event.slug}?q=ana`);
  });

  it('answers an htmx poll with 401 and HX-Redirect instead of a login page to swap in', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await get(t.app, `/admin/e/${event.slug}/counts`, { htmx: true });
    expect(res.status).toBe(401);
    expect(res.headers.get('HX-Redirect')).toBe('/admin/login');
  });

  it('refuses a check-in without a session and changes nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event);
    const res = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/login');
    expect(reloadParticipant(t.db, p.id)?.status).toBe('registered');
  });
});

describe('GET /admin/login', () => {
  it('shows a labelled form that keeps the page to return to', async () => {
    const t = createTestApp();
    const res = await get(t.app, '/admin/login?next=%2Fadmin%2Fe%2Fdemo');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="login-email">');
    expect(html).toContain('<label for="login-password">');
    expect(html).toContain('name="next" value="/admin/e/demo"');
  });
});

describe('POST /admin/login', () => {
  it('signs in with an HttpOnly, SameSite=Lax cookie and goes to the requested dashboard', async () => {
    const t = createTestApp();
    const { password } = organizerAccount(t);
    const { event } = makeEvent(t.db);
    // e-mails are compared case- and space-insensitively
    const res = await postForm(t.app, '/admin/login', { email: 'ANA@example.org ', password, next: `/admin/e/${event.slug}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/e/${event.slug}`);
    const setCookie = res.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/^bd_session=[\w-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Max-Age=43200');
    expect(setCookie).not.toContain('Secure');
    expect(t.db.select().from(organizerSessions).all()).toHaveLength(1);

    const page = await get(t.app, `/admin/e/${event.slug}`, { cookie: cookiesFrom(res) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ana Organizer');
  });

  it('ignores a next that leads off the console', async () => {
    const t = createTestApp();
    const { email, password } = organizerAccount(t);
    for (const next of ['https://evil.example/admin', '//evil.example', '/e/demo/join', '/administrator']) {
      const res = await postForm(t.app, '/admin/login', { email, password, next });
      expect(res.headers.get('Location')).toBe('/admin');
    }
    expect(sessions(t)).toBe(4);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const t = createTestApp();
    const { email, password } = organizerAccount(t);
    const wrongPassword = await postForm(t.app, '/admin/login', { email, password: `${password}x` });
    const unknownEmail = await postForm(t.app, '/admin/login', { email: 'eve@example.org', password });

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.headers.get('Set-Cookie')).toBeNull();
    expect(unknownEmail.headers.get('Set-Cookie')).toBeNull();
    const messageOf = (html: string) => /<div class="banner error" role="alert" id="login-message">(.*?)<\/div>/.exec(html)?.[1];
    const a = messageOf(await wrongPassword.text());
    const b = messageOf(await unknownEmail.text());
    expect(a).toBe(refusal);
    expect(b).toBe(a);
    expect(t.db.select().from(organizerSessions).all()).toHaveLength(0);
  });

  it('keeps the typed e-mail in the re-rendered form', async () => {
    const t = createTestApp();
    organizerAccount(t);
    const res = await postForm(t.app, '/admin/login', { email: 'ana@example.org', password: 'nope nope nope' });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('value="ana@example.org"');
    expect(sessions(t)).toBe(0);
  });

  it('blocks the 6th attempt in 15 minutes even with the right password, and lets it through 16 minutes later', async () => {
    const t = createTestApp();
    const { email, password } = organizerAccount(t);
    for (let i = 0; i < 5; i++) {
      const res = await postForm(t.app, '/admin/login', { email, password: `guess number ${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await postForm(t.app, '/admin/login', { email: email.toUpperCase(), password });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Too many attempts; wait 15 minutes');
    expect(blocked.headers.get('Set-Cookie')).toBeNull();
    expect(sessions(t)).toBe(0);

    t.clock.advance(minutes(16));
    const later = await postForm(t.app, '/admin/login', { email, password });
    expect(later.status).toBe(303);
    expect(cookiesFrom(later)).toMatch(/^bd_session=/);
    expect(sessions(t)).toBe(1);
  });

  it('answers an empty or garbled form with 422 and a message, never a 500', async () => {
    const t = createTestApp();
    const empty = await postForm(t.app, '/admin/login', {});
    expect(empty.status).toBe(422);
    const html = await empty.text();
    expect(html).toContain('Enter your e-mail address');
    expect(html).toContain('Enter your password');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="login-email-error"');

    const repeated = await postForm(t.app, '/admin/login', { email: ['a@b.c', 'd@e.f'], password: ['x', 'y'] });
    expect(repeated.status).toBe(422);

    const garbled = await t.app.request('/admin/login', {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=nope', Origin: 'http://localhost' },
      body: 'not multipart at all',
    });
    expect(garbled.status).toBe(422);
    expect(sessions(t)).toBe(0);
  });
});

describe('POST /admin/logout', () => {
  it('ends the session, so the old cookie leads back to the login', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    expect((await get(t.app, '/admin', { cookie })).status).toBe(200);

    const res = await postForm(t.app, '/admin/logout', {}, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/login');
    expect(res.headers.get('Set-Cookie')).toMatch(/^bd_session=;.*Max-Age=0/);
    expect(t.db.select().from(organizerSessions).all()).toHaveLength(0);

    const after = await get(t.app, '/admin', { cookie });
    expect(after.status).toBe(303);
    expect(after.headers.get('Location')).toContain('/admin/login');
  });
});

describe('organizer session', () => {
  it('expires after 12 hours', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    t.clock.advance(minutes(13 * 60));
    const res = await get(t.app, '/admin', { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/login?next=%2Fadmin');
  });

  it('ignores a made-up session cookie', async () => {
    const t = createTestApp();
    signedInOrganizer(t);
    const res = await get(t.app, '/admin', { cookie: 'bd_session=made-up' });
    expect(res.status).toBe(303);
  });
});

describe('GET and POST /admin/setup/:token', () => {
  const good = { name: 'Ana Lima', email: 'Ana@Example.org', password: 'a long password', passwordConfirm: 'a long password' };

  it('shows the form for a valid link and 404 for an unknown one', async () => {
    const t = createTestApp();
    const token = createSetupToken(t.db, t.clock.now());
    const page = await get(t.app, `/admin/setup/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<label for="setup-password-confirm">');
    expect((await get(t.app, '/admin/setup/not-a-real-token-at-all')).status).toBe(404);
    expect((await get(t.app, '/admin/setup/%00')).status).toBe(404);
  });

  it('re-renders with 422 and stores nothing when the password is short, then creates the organizer once', async () => {
    const t = createTestApp();
    const token = createSetupToken(t.db, t.clock.now());

    const short = await postForm(t.app, `/admin/setup/${token}`, { ...good, password: 'short', passwordConfirm: 'short' });
    expect(short.status).toBe(422);
    const html = await short.text();
    expect(html).toContain('Use at least 10 characters');
    expect(html).toContain('aria-describedby="setup-password-hint setup-password-error"');
    expect(html).toContain('value="Ana Lima"');
    expect(t.db.select().from(organizers).all()).toHaveLength(0);
    expect(short.headers.get('Set-Cookie')).toBeNull();

    const mismatch = await postForm(t.app, `/admin/setup/${token}`, { ...good, passwordConfirm: 'another long one' });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain('The two passwords don&#39;t match');

    const ok = await postForm(t.app, `/admin/setup/${token}`, good);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('Location')).toBe('/admin');
    const rows = t.db.select().from(organizers).all();
    expect(rows).toMatchObject([{ name: 'Ana Lima', email: 'ana@example.org' }]);
    const home = await get(t.app, '/admin', { cookie: cookiesFrom(ok) });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Ana Lima');

    expect((await get(t.app, `/admin/setup/${token}`)).status).toBe(404);
    const again = await postForm(t.app, `/admin/setup/${token}`, { ...good, email: 'eve@example.org' });
    expect(again.status).toBe(404);
    expect(t.db.select().from(organizers).all()).toHaveLength(1);
  });
});

describe('POST /admin/login under a guessing attack', () => {
  it('signs the organizer in from another address after 5 wrong passwords from one address', async () => {
    const t = createTestApp();
    organizerAccount(t);
    await guess(t, '203.0.113.9', 5);
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '198.51.100.4' });
    expect(res.status).toBe(303);
    expect(sessions(t)).toBe(1);
  });

  it('blocks the guessing address for that e-mail, even with the right password', async () => {
    const t = createTestApp();
    organizerAccount(t);
    await guess(t, '203.0.113.9', 5);
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9' });
    expect(res.status).toBe(429);
    expect(sessions(t)).toBe(0);
  });

  it('lets a browser that signed in before through from the guesser’s own address (a shared venue NAT)', async () => {
    const t = createTestApp();
    organizerAccount(t);
    const first = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9' });
    const device = cookiesFrom(first)
      .split('; ')
      .find((c) => c.startsWith('bd_device='));
    expect(device).toBeDefined();
    await guess(t, '203.0.113.9', 5);
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9', cookie: device! });
    expect(res.status).toBe(303);
    expect(sessions(t)).toBe(2);
  });

  it('does not let a made-up device cookie past the block', async () => {
    const t = createTestApp();
    organizerAccount(t);
    await guess(t, '203.0.113.9', 5);
    const forged = `bd_device=${'A'.repeat(22)}.${'B'.repeat(43)}`;
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9', cookie: forged });
    expect(res.status).toBe(429);
    expect(sessions(t)).toBe(0);
  });

  it('blocks an address that sprays guesses across many e-mails', async () => {
    const t = createTestApp();
    organizerAccount(t);
    for (let i = 0; i < 30; i++) await guess(t, '203.0.113.9', 1, `someone${i}@example.org`);
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9' });
    expect(res.status).toBe(429);
    expect(sessions(t)).toBe(0);
    const elsewhere = await postForm(t.app, '/admin/login', { email, password }, { address: '198.51.100.4' });
    expect(elsewhere.status).toBe(303);
    expect(sessions(t)).toBe(1);
  });

  it('behind a trusted proxy, tells clients apart by X-Forwarded-For', async () => {
    const t = createTestApp({ trustProxy: true });
    organizerAccount(t);
    const viaProxy = (xff: string, pw: string) =>
      t.app.request(
        'http://buddydesk.test/admin/login',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://buddydesk.test', 'X-Forwarded-For': xff },
          body: new URLSearchParams({ email, password: pw }).toString(),
        },
        { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
      );
    for (let i = 0; i < 5; i++) expect((await viaProxy('203.0.113.9', `guess ${i}`)).status).toBe(401);
    expect((await viaProxy('203.0.113.9', password)).status).toBe(429);
    // a client cannot pick its own address: the proxy appends the real one last
    expect((await viaProxy('198.51.100.4, 203.0.113.9', password)).status).toBe(429);
    expect(sessions(t)).toBe(0);
    expect((await viaProxy('198.51.100.4', password)).status).toBe(303);
    expect(sessions(t)).toBe(1);
  });
});
