import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, kiosks, participants, presenceUses } from '../../db/schema.ts';
import { getOrCreateSecret } from '../../src/domain/secrets.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { createEnrolment, deskTokenFrom, enrolKioskCookie } from '../helpers/kiosk.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

const statusOf = (t: TestApp, id: number) => t.db.select().from(participants).where(eq(participants.id, id)).get()!.status;
const statusByName = (t: TestApp) => Object.fromEntries(t.db.select().from(participants).all().map((p) => [p.name, p.status]));

describe('GET /e/:slug/desk on a screen nobody enrolled', () => {
  it('explains itself and shows the plain join link, with no presence token anywhere', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await get(t.app, `/e/${event.slug}/desk`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('This screen is not a registration kiosk');
    expect(html).toContain('Ask an organizer to enrol it');
    expect(html).toContain(`href="http://buddydesk.test/e/${event.slug}/join"`);
    expect(html).toContain('aria-label="QR code of the registration link"');
    expect(html).toContain(`action="/e/${event.slug}/desk/enrol"`);
    expect(html).not.toContain('?k=');
    expect(html).not.toContain('data-join-url');
    expect(html).not.toContain('Register on this screen');
    expect(html).not.toContain('revoked');
    // a made-up kiosk cookie is no kiosk, and not a revoked one either
    const made = await (await get(t.app, `/e/${event.slug}/desk`, { cookie: `bd_kiosk=${'A'.repeat(43)}` })).text();
    expect(made).toContain('This screen is not a registration kiosk');
    expect(made).not.toContain('revoked');
  });

  it('gives a script nothing that checks anyone in: no token on the page or its fragments, and forged or old-style tokens are refused', async () => {
    const t = createTestApp({ now: new Date('2026-10-14T14:00:05Z') });
    const { event } = makeEvent(t.db);
    for (const path of ['', '/qr', '/register', '/check-in']) {
      const res = await get(t.app, `/e/${event.slug}/desk${path}`);
      expect(res.headers.get('location') ?? '').not.toContain('k=');
      expect(await res.text()).not.toMatch(/[?&]k=|name="k"/);
    }
    // the token the desk page used to carry, signed with the server's real secret: no longer honoured
    const secret = getOrCreateSecret(t.db, 'presence-hmac', t.clock.now());
    const w = Math.floor(t.clock.now().getTime() / 120_000);
    const oldStyle = `${w.toString(36)}.${createHmac('sha256', secret).update(`presence:${event.slug}:${w}`).digest('base64url').slice(0, 22)}`;
    const forged = `${w.toString(36)}.1.${'A'.repeat(22)}`;
    for (const [name, k] of [['Old Style', oldStyle], ['Forged Token', forged]] as const) {
      const res = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name, k });
      expect(res.status).toBe(303);
    }
    expect(statusByName(t)).toEqual({ 'Old Style': 'registered', 'Forged Token': 'registered' });
  });

  it('refuses a desk-code check-in with 403 and checks nobody in', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const v = makeParticipant(t.db, event, { role: 'volunteer' });
    expect((await get(t.app, `/e/${event.slug}/desk/check-in`)).status).toBe(403);
    const res = await postForm(t.app, `/e/${event.slug}/desk/check-in`, { code: v.deskCode });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This screen is not a registration kiosk');
    expect(statusOf(t, v.id)).toBe('registered');
  });

  it('sends "Register on this screen" back to the desk', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await get(t.app, `/e/${event.slug}/desk/register`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/desk`);
  });

  it('answers 404 for an unknown event', async () => {
    const t = createTestApp();
    expect((await get(t.app, '/e/unknown/desk')).status).toBe(404);
    expect((await get(t.app, '/e/UPPER..bad/desk')).status).toBe(404);
  });
});

describe('POST /e/:slug/desk/enrol', () => {
  it('enrols the tablet with a long-lived HttpOnly cookie whose key is stored only as a hash, and audits it', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { code, link } = await createEnrolment(t, event.slug, { name: 'Hall A tablet' });
    expect(link).toBe(`http://buddydesk.test/e/${event.slug}/desk/enrol?code=${code}`);
    // the link opens the form with the code filled in; opening it enrols nothing (link previews)
    const form = await (await get(t.app, `/e/${event.slug}/desk/enrol?code=${code}`)).text();
    expect(form).toContain(`value="${code}"`);
    expect(t.db.select().from(kiosks).get()!.enrolledAt).toBeNull();

    const res = await postForm(t.app, `/e/${event.slug}/desk/enrol`, { code: `${code.slice(0, 5).toLowerCase()}-${code.slice(5)}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/desk`);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('bd_kiosk='))!;
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain(`Path=/e/${event.slug}/desk`);
    expect(setCookie).toMatch(/Max-Age=34560000/);
    const key = /^bd_kiosk=([^;]+)/.exec(setCookie)![1]!;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = t.db.select().from(kiosks).get()!;
    expect(stored).toMatchObject({ name: 'Hall A tablet', enrolledAt: t.clock.now(), revokedAt: null });
    expect(stored.keyHash).not.toContain(key);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(t.db.select().from(auditLog).all().map((a) => a.action)).toEqual(['kiosk-enrolment-created', 'kiosk-enrolled']);

    const desk = await (await get(t.app, `/e/${event.slug}/desk`, { cookie: cookiesFrom(res) })).text();
    expect(desk).toContain(`data-join-url="http://buddydesk.test/e/${event.slug}/join?k=`);
    expect(desk).toContain(`or open http://buddydesk.test/e/${event.slug}/join`);
    expect(desk).toContain(`hx-get="/e/${event.slug}/desk/qr"`);
    expect(desk).toContain('Register on this screen');
  });

  it('works once: a second tablet with the same code is refused with 422 and gets no cookie', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { code } = await createEnrolment(t, event.slug);
    expect((await postForm(t.app, `/e/${event.slug}/desk/enrol`, { code })).status).toBe(303);
    const again = await postForm(t.app, `/e/${event.slug}/desk/enrol`, { code });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('That code was already used');
    expect(again.headers.getSetCookie()).toHaveLength(0);
    expect(t.db.select().from(kiosks).all()).toHaveLength(1);
  });

  it('refuses an expired code, a code of another event, and a made-up one, enrolling nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    const late = await createEnrolment(t, event.slug);
    const elsewhere = await createEnrolment(t, other.slug);
    t.clock.advance(31 * 60 * 1000);
    const expired = await postForm(t.app, `/e/${event.slug}/desk/enrol`, { code: late.code });
    expect(expired.status).toBe(422);
    expect(await expired.text()).toContain('That code has expired');
    const fresh = await createEnrolment(t, other.slug);
    const wrongEvent = await postForm(t.app, `/e/${event.slug}/desk/enrol`, { code: fresh.code });
    expect(wrongEvent.status).toBe(422);
    expect(await wrongEvent.text()).toContain('That code is not valid for this conference');
    for (const code of ['', 'ABCDE', 'x'.repeat(500)]) {
      const res = await postForm(t.app, `/e/${event.slug}/desk/enrol`, { code });
      expect(res.status).toBe(422);
      expect(res.headers.getSetCookie()).toHaveLength(0);
    }
    expect(elsewhere.code).not.toBe(fresh.code);
    expect(t.db.select().from(kiosks).all().filter((k) => k.enrolledAt !== null)).toHaveLength(0);
  });
});

describe('an enrolled kiosk', () => {
  it('sends "Register on this screen" to the kiosk form with a token fresh at the tap, however long the desk has been open', async () => {
    const t = createTestApp({ now: new Date('2026-10-14T14:00:05Z') });
    const { event } = makeEvent(t.db);
    const { cookie } = await enrolKioskCookie(t, event.slug);
    const desk = await (await get(t.app, `/e/${event.slug}/desk`, { cookie })).text();
    expect(desk).toContain(`href="/e/${event.slug}/desk/register"`);

    // the desk page stays open all morning; the tap comes three hours later
    t.clock.advance(3 * 60 * 60 * 1000);
    const res = await get(t.app, `/e/${event.slug}/desk/register`, { cookie });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/e/${event.slug}/join\\?kiosk=1&k=`));
    const form = await (await get(t.app, location)).text();
    expect(form).toContain('at the desk: registering also checks you in');
  });

  it('gives a new token within two minutes, and the old one stops checking in after four', async () => {
    const t = createTestApp({ now: new Date('2026-10-14T14:00:05Z') });
    const { event } = makeEvent(t.db);
    const { cookie } = await enrolKioskCookie(t, event.slug);
    const first = await deskTokenFrom(t, event.slug, cookie);
    t.clock.advance(2 * 60 * 1000);
    const second = await deskTokenFrom(t, event.slug, cookie);
    expect(second).not.toBe(first);

    // the previous window is still honoured, so a code scanned just before it changed works
    const early = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: 'Early Bird', k: first });
    expect(early.status).toBe(303);
    t.clock.advance(2 * 60 * 1000);
    const late = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: 'Late Photo', k: first });
    expect(late.status).toBe(303);
    expect(statusByName(t)).toEqual({ 'Early Bird': 'present', 'Late Photo': 'registered' });
  });

  it('serves the QR as a fragment that replaces itself', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { cookie } = await enrolKioskCookie(t, event.slug);
    const html = await (await get(t.app, `/e/${event.slug}/desk/qr`, { htmx: true, cookie })).text();
    expect(html.startsWith('<div id="desk-qr"')).toBe(true);
    expect(html).toContain('hx-swap="outerHTML"');
  });

  it('checks in a photographed QR at most the configured number of people per token; the rest are registered and sent to the desk', async () => {
    const t = createTestApp({ now: new Date('2026-10-14T14:00:05Z') });
    const { event } = makeEvent(t.db);
    const { cookie } = await enrolKioskCookie(t, event.slug);
    const k = await deskTokenFrom(t, event.slug, cookie);
    const locations: string[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: `Scripted ${i}`, k });
      expect(res.status).toBe(303);
      locations.push(res.headers.get('location')!);
    }
    const rows = t.db.select().from(participants).all();
    expect(rows).toHaveLength(35);
    expect(rows.filter((p) => p.status === 'present')).toHaveLength(30);
    expect(rows.slice(30).every((p) => p.status === 'registered' && p.checkedInAt === null)).toBe(true);
    expect(locations[29]).not.toContain('notice=');
    expect(locations[30]).toMatch(/\?notice=check-in-at-desk$/);
    const page = await (await get(t.app, locations[30]!)).text();
    expect(page).toContain('not checked in yet');
    expect(page).toContain('Show your desk code at the registration desk.');

    // a scanned phone that already holds a page is refused too, with 422 and the same advice
    const v = makeParticipant(t.db, event, { role: 'volunteer' });
    const refused = await postForm(t.app, `/e/${event.slug}/join/check-in`, { k }, { cookie: `bd_me=${v.token}` });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('check in at the desk with your desk code');
    expect(statusOf(t, v.id)).toBe('registered');

    // the kiosk's next code is a fresh window
    t.clock.advance(2 * 60 * 1000);
    const next = await deskTokenFrom(t, event.slug, cookie);
    const ok = await postForm(t.app, `/e/${event.slug}/join/check-in`, { k: next }, { cookie: `bd_me=${v.token}` });
    expect(ok.status).toBe(303);
    expect(statusOf(t, v.id)).toBe('present');

    // a kiosk open all day keeps the counts of the windows its tokens are still good for, no more
    for (let i = 0; i < 4; i++) {
      t.clock.advance(2 * 60 * 1000);
      const later = await deskTokenFrom(t, event.slug, cookie);
      expect((await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: `Later ${i}`, k: later })).status).toBe(303);
    }
    expect(t.db.select().from(presenceUses).all()).toHaveLength(2);
  });

  it('follows the cap an organizer set for the event, and a refused form uses none of it', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { cookie, organizerCookie } = await enrolKioskCookie(t, event.slug);
    expect((await postForm(t.app, `/admin/e/${event.slug}/kiosks/cap`, { presenceCap: '2' }, { cookie: organizerCookie })).status).toBe(303);
    const k = await deskTokenFrom(t, event.slug, cookie);
    expect((await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: ' ', k })).status).toBe(422);
    for (const name of ['One Person', 'Two Person', 'Three Person']) {
      expect((await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name, k })).status).toBe(303);
    }
    expect(statusByName(t)).toEqual({ 'One Person': 'present', 'Two Person': 'present', 'Three Person': 'registered' });
  });

  it('checks in a pre-registered volunteer by desk code, whatever the case and spacing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { cookie } = await enrolKioskCookie(t, event.slug);
    const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn' });
    const typed = `${v.deskCode.slice(0, 3).toLowerCase()} ${v.deskCode.slice(3)}`;
    const res = await postForm(t.app, `/e/${event.slug}/desk/check-in`, { code: typed }, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Welcome, Bartholomew!');
    expect(html).not.toContain('Quinn');
    expect(statusOf(t, v.id)).toBe('present');
  });

  it('refuses an unknown desk code, or one of another event, with 422 and changes nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    const { cookie } = await enrolKioskCookie(t, event.slug);
    const v = makeParticipant(t.db, event, { role: 'volunteer' });
    const elsewhere = makeParticipant(t.db, other, { role: 'volunteer' });
    const res = await postForm(t.app, `/e/${event.slug}/desk/check-in`, { code: 'ZZZZZZ' }, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("We couldn&#39;t find that desk code");
    expect((await postForm(t.app, `/e/${event.slug}/desk/check-in`, { code: elsewhere.deskCode }, { cookie })).status).toBe(422);
    expect(statusOf(t, v.id)).toBe('registered');
    expect(statusOf(t, elsewhere.id)).toBe('registered');
  });

  it('is not enrolled for another event: its cookie is scoped to this desk', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    const { cookie } = await enrolKioskCookie(t, event.slug);
    expect(await (await get(t.app, `/e/${other.slug}/desk`, { cookie })).text()).toContain('This screen is not a registration kiosk');
  });
});

describe('POST /admin/e/:slug/kiosks/:id/revoke', () => {
  it('makes the kiosk fall back at once, and the tokens it showed stop checking in', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { cookie, organizerCookie } = await enrolKioskCookie(t, event.slug);
    const k = await deskTokenFrom(t, event.slug, cookie);
    const kiosk = t.db.select().from(kiosks).get()!;

    const res = await postForm(t.app, `/admin/e/${event.slug}/kiosks/${kiosk.id}/revoke`, {}, { cookie: organizerCookie });
    expect(res.status).toBe(303);
    expect(t.db.select().from(kiosks).get()!.revokedAt).toEqual(t.clock.now());
    expect(t.db.select().from(auditLog).all().at(-1)).toMatchObject({ action: 'kiosk-revoked', detail: `Main desk tablet (kiosk #${kiosk.id})` });

    const desk = await (await get(t.app, `/e/${event.slug}/desk`, { cookie })).text();
    expect(desk).toContain('An organizer revoked this kiosk.');
    expect(desk).not.toContain('?k=');
    // the refreshing QR on the open desk screen reloads the page, which explains itself
    const qr = await get(t.app, `/e/${event.slug}/desk/qr`, { cookie, htmx: true });
    expect(qr.headers.get('hx-refresh')).toBe('true');
    expect(await qr.text()).not.toContain('?k=');

    const joined = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: 'After Revoke', k });
    expect(joined.status).toBe(303);
    expect(statusByName(t)).toEqual({ 'After Revoke': 'registered' });

    const again = await postForm(t.app, `/admin/e/${event.slug}/kiosks/${kiosk.id}/revoke`, {}, { cookie: organizerCookie });
    expect(again.status).toBe(303);
    expect(t.db.select().from(auditLog).all().filter((a) => a.action === 'kiosk-revoked')).toHaveLength(1);
  });
});

describe('GET /e/:slug/desk/welcome/:token', () => {
  it('shows a just-registered person their desk code and a QR of their page, then expires', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Maya Okafor', now: t.clock.now() });
    const res = await get(t.app, `/e/${event.slug}/desk/welcome/${p.token}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Welcome, Maya!');
    expect(html).toContain(p.deskCode);
    expect(html).toContain('QR code of your personal page');
    t.clock.advance(6 * 60 * 1000);
    const later = await get(t.app, `/e/${event.slug}/desk/welcome/${p.token}`);
    expect(later.status).toBe(303);
    expect(later.headers.get('location')).toBe(`/e/${event.slug}/desk`);
  });
});
