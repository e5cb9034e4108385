import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, organizerSessions, organizers, participants } from '../../db/schema.ts';
import { createSetupToken, signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import { makeEvent, makeParticipant, reloadParticipant } from '../helpers/factories.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

const minutes = (n: number) => n * 60 * 1000;
const refusal = "That e-mail and password don&#39;t match an organizer account.";

function withOrganizer(t: TestApp, email = 'ana@example.org', password = 'a long password') {
  const organizer = upsertOrganizer(t.db, { email, password, name: 'Ana Organizer' }, t.clock.now());
  return { organizer, email, password };
}

/** A signed-in organizer's cookie, made through the domain to keep each test about one route. */
function signedIn(t: TestApp) {
  const { organizer, email, password } = withOrganizer(t);
  const session = signIn(t.db, email, password, t.clock.now());
  if (!session.ok) throw new Error('sign-in refused');
  return { organizer, cookie: `bd_session=${session.sessionId}` };
}

function countOf(html: string, key: string): number {
  const m = new RegExp(`data-count="${key}"[^>]*>\\s*<span class="n">(\\d+)</span>`).exec(html);
  if (!m) throw new Error(`count ${key} not on the page`);
  return Number(m[1]);
}

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
    const { password } = withOrganizer(t);
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
    const { email, password } = withOrganizer(t);
    for (const next of ['https://evil.example/admin', '//evil.example', '/e/demo/join', '/administrator']) {
      const res = await postForm(t.app, '/admin/login', { email, password, next });
      expect(res.headers.get('Location')).toBe('/admin');
    }
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const t = createTestApp();
    const { email, password } = withOrganizer(t);
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
    withOrganizer(t);
    const res = await postForm(t.app, '/admin/login', { email: 'ana@example.org', password: 'nope nope nope' });
    expect(await res.text()).toContain('value="ana@example.org"');
  });

  it('blocks the 6th attempt in 15 minutes even with the right password, and lets it through 16 minutes later', async () => {
    const t = createTestApp();
    const { email, password } = withOrganizer(t);
    for (let i = 0; i < 5; i++) {
      const res = await postForm(t.app, '/admin/login', { email, password: `guess number ${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await postForm(t.app, '/admin/login', { email: email.toUpperCase(), password });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Too many attempts; wait 15 minutes');
    expect(blocked.headers.get('Set-Cookie')).toBeNull();

    t.clock.advance(minutes(16));
    const later = await postForm(t.app, '/admin/login', { email, password });
    expect(later.status).toBe(303);
    expect(cookiesFrom(later)).toMatch(/^bd_session=/);
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
  });
});

describe('POST /admin/logout', () => {
  it('ends the session, so the old cookie leads back to the login', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
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
    const { cookie } = signedIn(t);
    t.clock.advance(minutes(13 * 60));
    const res = await get(t.app, '/admin', { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin/login?next=%2Fadmin');
  });

  it('ignores a made-up session cookie', async () => {
    const t = createTestApp();
    signedIn(t);
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

describe('GET /admin', () => {
  it('lists events with links to the dashboard, desk, board and join page', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db, { name: 'Kentucky Library Association' });
    const html = await (await get(t.app, '/admin', { cookie })).text();
    expect(html).toContain('Kentucky Library Association');
    for (const href of [`/admin/e/${event.slug}`, `/e/${event.slug}/desk`, `/e/${event.slug}/board`, `/e/${event.slug}/join`]) {
      expect(html).toContain(`href="${href}"`);
    }
    expect(html).toContain('action="/admin/logout"');
  });
});

describe('GET /admin/e/:slug', () => {
  it('shows live counts of who registered, who is here, and free buddy places', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    const other = makeEvent(t.db).event;
    makeParticipant(t.db, event, { role: 'first_timer' });
    makeParticipant(t.db, event, { role: 'first_timer' });
    makeParticipant(t.db, event, { role: 'first_timer', present: true });
    makeParticipant(t.db, event, { role: 'volunteer', capacity: 3, present: true });
    makeParticipant(t.db, event, { role: 'volunteer', capacity: 2 });
    makeParticipant(t.db, other, { role: 'first_timer', present: true });

    const res = await get(t.app, `/admin/e/${event.slug}`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(countOf(html, 'firstTimersRegistered')).toBe(3);
    expect(countOf(html, 'firstTimersHere')).toBe(1);
    expect(countOf(html, 'volunteersRegistered')).toBe(2);
    expect(countOf(html, 'volunteersHere')).toBe(1);
    expect(countOf(html, 'freeCapacity')).toBe(3);
    expect(html).toContain('id="live-counts"');
  });

  it('lists participants with role, status, desk code and their access needs', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, {
      name: 'Rosa Diaz',
      affiliation: 'Lexington Public Library',
      accessibilityNeeds: 'step-free route',
    });
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(html).toContain('Rosa Diaz');
    expect(html).toContain('First-timer');
    expect(html).toContain('Lexington Public Library');
    expect(html).toContain(p.deskCode);
    expect(html).toContain('needs: step-free route');
    // 13:00 UTC is 9:00 in New York, the event's timezone
    expect(html).toContain('Oct 14, 9:00 AM');
    expect(html).toContain(`action="/admin/e/${event.slug}/participants/${p.id}/check-in"`);
  });

  it('answers 404 for an unknown event', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const res = await get(t.app, '/admin/e/no-such-event', { cookie });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no event at this address');
    expect((await get(t.app, '/admin/e/%E2%80%AE..', { cookie })).status).toBe(404);
  });
});

describe('GET /admin/e/:slug/counts', () => {
  it('returns the self-refreshing counts fragment alone', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    makeParticipant(t.db, event, { role: 'volunteer', present: true, capacity: 2 });
    const res = await get(t.app, `/admin/e/${event.slug}/counts`, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="live-counts"/);
    expect(html).toContain(`hx-get="/admin/e/${event.slug}/counts"`);
    expect(html).toContain('hx-trigger="sse:changed, every 15s"');
    expect(html).toContain('hx-target="this"');
    expect(html).toContain('hx-swap="outerHTML settle:0ms"');
    expect(countOf(html, 'volunteersHere')).toBe(1);
    expect(countOf(html, 'freeCapacity')).toBe(2);
  });
});

describe('GET /admin/e/:slug/participants', () => {
  it('filters the list by name', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    makeParticipant(t.db, event, { name: 'Rosa Diaz' });
    makeParticipant(t.db, event, { name: 'Marcus Webb' });
    const res = await get(t.app, `/admin/e/${event.slug}/participants?q=rosa`, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="participant-list"/);
    expect(html).toContain('Rosa Diaz');
    expect(html).not.toContain('Marcus Webb');
  });

  it('treats search text literally and says when no one matches', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    makeParticipant(t.db, event, { name: 'Rosa Diaz' });
    const res = await get(t.app, `/admin/e/${event.slug}/participants?q=%25%3Cb%3E`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('Rosa Diaz');
    expect(html).toContain('No one matches “%&lt;b&gt;”.');
  });

  it('shows ten people a page, by name, with pages that keep the search, and the last page for one past the end', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    const names = Array.from({ length: 23 }, (_, i) => `Person ${String(i + 1).padStart(2, '0')} Lee`);
    for (const name of names) makeParticipant(t.db, event, { name });
    makeParticipant(t.db, event, { name: 'Rosa Diaz' });

    const first = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(first).toContain('1–10 of 24 people, by name.');
    expect(first).toContain('Person 10 Lee');
    expect(first).not.toContain('Person 11 Lee');
    expect(first).toContain(`hx-get="/admin/e/${event.slug}/participants?page=2"`);

    const second = await (await get(t.app, `/admin/e/${event.slug}/participants?q=lee&page=2`, { cookie, htmx: true })).text();
    expect(second).toContain('11–20 of 23 people matching “lee”');
    expect(second).toContain('Person 11 Lee');
    // the list refreshes itself at the same search and page, and its forms come back to it
    expect(second).toContain(`hx-get="/admin/e/${event.slug}/participants?q=lee&amp;page=2"`);
    expect(second).toContain('<input type="hidden" name="page" value="2"/>');
    expect(second).toContain(`href="/admin/e/${event.slug}?q=lee#participants-heading"`);
    expect(second).toContain(`href="/admin/e/${event.slug}?q=lee&amp;page=3#participants-heading"`);

    const past = await (await get(t.app, `/admin/e/${event.slug}/participants?q=lee&page=99`, { cookie })).text();
    expect(past).toContain('21–23 of 23 people matching “lee”');
    expect((await get(t.app, `/admin/e/${event.slug}/participants?page=abc`, { cookie })).status).toBe(200);
  });

  it('comes back to the same search and page after a check-in without JavaScript', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Diaz' });
    const res = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, { q: 'ro', page: '2' }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/e/${event.slug}?q=ro&page=2`);
  });

  it('the page search works without JavaScript through ?q=', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    makeParticipant(t.db, event, { name: 'Rosa Diaz' });
    makeParticipant(t.db, event, { name: 'Marcus Webb' });
    const html = await (await get(t.app, `/admin/e/${event.slug}?q=marcus`, { cookie })).text();
    expect(html).toContain('Marcus Webb');
    expect(html).not.toContain('Rosa Diaz');
    expect(html).toContain('value="marcus"');
  });
});

describe('POST /admin/e/:slug/participants/:id/check-in and check-out', () => {
  it('checks someone in and out, writes the audit log, and redirects back without JavaScript', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedIn(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Diaz' });

    const checkIn = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, { q: 'rosa' }, { cookie });
    expect(checkIn.status).toBe(303);
    expect(checkIn.headers.get('Location')).toBe(`/admin/e/${event.slug}?q=rosa`);
    const afterIn = reloadParticipant(t.db, p.id);
    expect(afterIn?.status).toBe('present');
    expect(afterIn?.checkedInAt).toEqual(t.clock.now());

    const checkOut = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-out`, {}, { cookie });
    expect(checkOut.status).toBe(303);
    expect(reloadParticipant(t.db, p.id)?.status).toBe('registered');

    const log = t.db.select().from(auditLog).where(eq(auditLog.eventId, event.id)).all();
    expect(log.map((r) => [r.action, r.organizerId])).toEqual([
      ['check-in', organizer.id],
      ['check-out', organizer.id],
    ]);
  });

  it('returns just the updated row to htmx', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Diaz' });
    const res = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, {}, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`^<tr id="participant-${p.id}">`));
    expect(html).toContain('Here');
    expect(html).toContain(`hx-post="/admin/e/${event.slug}/participants/${p.id}/check-out"`);
    expect(html).toContain('hx-target="closest tr"');
    expect(reloadParticipant(t.db, p.id)?.status).toBe('present');
  });

  it('sends the new counts out of band with the row, and tells the live pages, on check-in and check-out', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Diaz' });
    makeParticipant(t.db, event, { name: 'Marcus Webb', present: true });
    const told: number[][] = [];
    t.app.live.subscribe(event.id, (change) => told.push(change.participantIds));

    const checkIn = await (await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, {}, { cookie, htmx: true })).text();
    expect(checkIn).toMatch(/<div id="live-counts" class="counts" hx-swap-oob="true"/);
    expect(countOf(checkIn, 'firstTimersHere')).toBe(2);
    const checkOut = await (await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-out`, {}, { cookie, htmx: true })).text();
    expect(countOf(checkOut, 'firstTimersHere')).toBe(1);
    expect(countOf(checkOut, 'firstTimersRegistered')).toBe(2);
    expect(told).toEqual([[p.id], [p.id]]);
  });

  it('answers 404 and changes nothing for a participant of another event or a malformed id', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    const other = makeEvent(t.db).event;
    const stranger = makeParticipant(t.db, other);
    for (const id of [String(stranger.id), 'abc', '0', '-1', '1e3', '99999999999999999999']) {
      const res = await postForm(t.app, `/admin/e/${event.slug}/participants/${id}/check-in`, {}, { cookie });
      expect(res.status, id).toBe(404);
    }
    expect(reloadParticipant(t.db, stranger.id)?.status).toBe('registered');
    expect(t.db.select().from(auditLog).all()).toHaveLength(0);
  });

  it('refuses a form posted from another site and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedIn(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event);
    const res = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, {}, {
      cookie,
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    expect(reloadParticipant(t.db, p.id)?.status).toBe('registered');
    expect(t.db.select().from(auditLog).all()).toHaveLength(0);
    expect(t.db.select().from(participants).where(eq(participants.status, 'present')).all()).toHaveLength(0);
  });
});
