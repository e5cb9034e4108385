import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { participants } from '../../db/schema.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { createTestApp, get, postForm } from '../helpers/test-app.ts';

function joinTokenIn(html: string): string {
  const m = /data-join-url="[^"]*\?k=([^"]+)"/.exec(html);
  if (!m) throw new Error('no join URL on the desk page');
  return m[1]!;
}

describe('GET /e/:slug/desk', () => {
  it('shows a QR code for the join link with a presence token, and the short URL as text', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await get(t.app, `/e/${event.slug}/desk`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<svg');
    expect(html).toContain(`data-join-url="http://buddydesk.test/e/${event.slug}/join?k=`);
    expect(html).toContain(`or open http://buddydesk.test/e/${event.slug}/join`);
    expect(html).toContain(`hx-get="/e/${event.slug}/desk/qr"`);
    expect(html).toContain('Register on this screen');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 404 for an unknown event', async () => {
    const t = createTestApp();
    expect((await get(t.app, '/e/unknown/desk')).status).toBe(404);
    expect((await get(t.app, '/e/UPPER..bad/desk')).status).toBe(404);
  });
});

describe('GET /e/:slug/desk/register', () => {
  it('sends "Register on this screen" to the kiosk form with a token fresh at the tap, however long the desk has been open', async () => {
    const t = createTestApp({ now: new Date('2026-10-14T14:00:05Z') });
    const { event } = makeEvent(t.db);
    const desk = await (await get(t.app, `/e/${event.slug}/desk`)).text();
    expect(desk).toContain(`href="/e/${event.slug}/desk/register"`);

    // the desk page stays open all morning; the tap comes three hours later
    t.clock.advance(3 * 60 * 60 * 1000);
    const res = await get(t.app, `/e/${event.slug}/desk/register`);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/e/${event.slug}/join\\?kiosk=1&k=`));
    const form = await (await get(t.app, location)).text();
    expect(form).toContain('at the desk: registering also checks you in');
  });

  it('answers 404 for an unknown event', async () => {
    const t = createTestApp();
    expect((await get(t.app, '/e/unknown/desk/register')).status).toBe(404);
  });
});

describe('GET /e/:slug/desk/qr', () => {
  it('gives a new token within two minutes, and the old one stops checking in after four', async () => {
    const t = createTestApp({ now: new Date('2026-10-14T14:00:05Z') });
    const { event } = makeEvent(t.db);
    const first = joinTokenIn(await (await get(t.app, `/e/${event.slug}/desk/qr`)).text());
    t.clock.advance(2 * 60 * 1000);
    const second = joinTokenIn(await (await get(t.app, `/e/${event.slug}/desk/qr`)).text());
    expect(second).not.toBe(first);

    // the previous window is still honoured, so a code scanned just before it changed works
    const early = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: 'Early Bird', k: first });
    expect(early.status).toBe(303);
    t.clock.advance(2 * 60 * 1000);
    const late = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: 'Late Photo', k: first });
    expect(late.status).toBe(303);
    const statuses = Object.fromEntries(t.db.select().from(participants).all().map((p) => [p.name, p.status]));
    expect(statuses).toEqual({ 'Early Bird': 'present', 'Late Photo': 'registered' });
  });

  it('is a fragment that replaces itself', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const html = await (await get(t.app, `/e/${event.slug}/desk/qr`, { htmx: true })).text();
    expect(html.startsWith('<div id="desk-qr"')).toBe(true);
    expect(html).toContain('hx-swap="outerHTML"');
  });
});

describe('POST /e/:slug/desk/check-in', () => {
  async function kioskToken(t: ReturnType<typeof createTestApp>, slug: string) {
    const html = await (await get(t.app, `/e/${slug}/desk/check-in`)).text();
    return /name="k" value="([^"]+)"/.exec(html)![1]!;
  }

  it('checks in a pre-registered volunteer by desk code, whatever the case and spacing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn' });
    const typed = `${v.deskCode.slice(0, 3).toLowerCase()} ${v.deskCode.slice(3)}`;
    const res = await postForm(t.app, `/e/${event.slug}/desk/check-in`, { k: await kioskToken(t, event.slug), code: typed });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Welcome, Bartholomew!');
    expect(html).not.toContain('Quinn');
    expect(t.db.select().from(participants).where(eq(participants.id, v.id)).get()!.status).toBe('present');
  });

  it('refuses an unknown code with 422 and changes nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const v = makeParticipant(t.db, event, { role: 'volunteer' });
    const res = await postForm(t.app, `/e/${event.slug}/desk/check-in`, { k: await kioskToken(t, event.slug), code: 'ZZZZZZ' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("We couldn&#39;t find that desk code");
    expect(t.db.select().from(participants).where(eq(participants.id, v.id)).get()!.status).toBe('registered');
  });

  it('refuses a desk code from another event', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    const v = makeParticipant(t.db, other, { role: 'volunteer' });
    const res = await postForm(t.app, `/e/${event.slug}/desk/check-in`, { k: await kioskToken(t, event.slug), code: v.deskCode });
    expect(res.status).toBe(422);
    expect(t.db.select().from(participants).where(eq(participants.id, v.id)).get()!.status).toBe('registered');
  });

  it('refuses a check-in without a fresh desk token', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const v = makeParticipant(t.db, event, { role: 'volunteer' });
    const k = await kioskToken(t, event.slug);
    t.clock.advance(5 * 60 * 1000);
    const res = await postForm(t.app, `/e/${event.slug}/desk/check-in`, { k, code: v.deskCode });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('This screen was open too long');
    expect(t.db.select().from(participants).where(eq(participants.id, v.id)).get()!.status).toBe('registered');
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
