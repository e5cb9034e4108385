import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { participantInterests, participants } from '../../db/schema.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { createTestApp, get, postForm } from '../helpers/test-app.ts';

describe('GET /e/:slug/me/:token', () => {
  it('greets by name and shows status, desk code and its QR', async () => {
    const t = createTestApp();
    const { event, catalog } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Octavia Reyes', interests: [catalog.interests[0]!.id], present: true });
    const res = await get(t.app, `/e/${event.slug}/me/${p.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Hi, Octavia Reyes!');
    expect(html).toContain('Checked in');
    expect(html).toContain("We&#39;re finding you a buddy");
    expect(html).toContain(p.deskCode);
    expect(html).toContain('QR code of your desk code');
    expect(html).toContain('Cataloging &amp; metadata');
    expect(html).toContain(`hx-get="/e/${event.slug}/me/${p.token}/status"`);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`bd_me=${p.token}`))).toBe(true);
  });

  it('answers 404 for a wrong, malformed or other-event token', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    const p = makeParticipant(t.db, event);
    const wrong = `${p.token.slice(0, -1)}${p.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await get(t.app, `/e/${event.slug}/me/${wrong}`)).status).toBe(404);
    expect((await get(t.app, `/e/${event.slug}/me/short`)).status).toBe(404);
    expect((await get(t.app, `/e/${other.slug}/me/${p.token}`)).status).toBe(404);
    expect((await get(t.app, `/e/${event.slug}/me/${wrong}/status`)).status).toBe(404);
  });

  it('tells a registered volunteer how to check in', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const v = makeParticipant(t.db, event, { role: 'volunteer' });
    const html = await (await get(t.app, `/e/${event.slug}/me/${v.token}/status`)).text();
    expect(html.startsWith('<section id="me-status"')).toBe(true);
    expect(html).toContain('Only checked-in volunteers are matched');
    expect(html).toContain('scan the QR code on the desk screen with this phone');
  });
});

describe('POST /e/:slug/me/:token/edit', () => {
  it('saves the profile and redirects back to the page', async () => {
    const t = createTestApp();
    const { event, catalog } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Luis Moreno', interests: [catalog.interests[0]!.id] });
    const res = await postForm(t.app, `/e/${event.slug}/me/${p.token}/edit`, {
      name: 'Luis A. Moreno',
      interests: [String(catalog.interests[1]!.id), String(catalog.interests[2]!.id)],
      languages: ['Spanish'],
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/me/${p.token}?saved=1`);
    const after = t.db.select().from(participants).where(eq(participants.id, p.id)).get()!;
    expect(after).toMatchObject({ name: 'Luis A. Moreno', languages: ['Spanish'], role: 'first_timer', token: p.token });
    const links = t.db.select().from(participantInterests).where(eq(participantInterests.participantId, p.id)).all();
    expect(links.map((l) => l.interestId).sort()).toEqual([catalog.interests[1]!.id, catalog.interests[2]!.id].sort());
  });

  it('keeps the old profile and re-renders with 422 when the name is emptied', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Grace Chen' });
    const res = await postForm(t.app, `/e/${event.slug}/me/${p.token}/edit`, { name: '' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Please enter your name');
    expect(t.db.select().from(participants).where(eq(participants.id, p.id)).get()!.name).toBe('Grace Chen');
  });

  it("refuses to take another participant's e-mail", async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    makeParticipant(t.db, event, { email: 'taken@example.org' });
    const p = makeParticipant(t.db, event, { email: 'mine@example.org' });
    const res = await postForm(t.app, `/e/${event.slug}/me/${p.token}/edit`, { name: 'Me', email: 'taken@example.org' });
    expect(res.status).toBe(422);
    expect(t.db.select().from(participants).where(eq(participants.id, p.id)).get()!.email).toBe('mine@example.org');
  });

  it('answers 404 to an edit with a wrong token and changes nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Kept Name' });
    const res = await postForm(t.app, `/e/${event.slug}/me/${'x'.repeat(43)}/edit`, { name: 'Hacked' });
    expect(res.status).toBe(404);
    expect(t.db.select().from(participants).where(eq(participants.id, p.id)).get()!.name).toBe('Kept Name');
  });
});

describe('GET /healthz', () => {
  it('reports the database as reachable', async () => {
    const t = createTestApp();
    const res = await get(t.app, '/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 when the database is gone', async () => {
    const t = createTestApp();
    t.db.$client.close();
    const res = await get(t.app, '/healthz');
    expect(res.status).toBe(503);
  });
});

describe('security headers', () => {
  it('sends a CSP without inline script and a 404 page as a view', async () => {
    const t = createTestApp();
    const res = await get(t.app, '/no/such/page');
    expect(res.status).toBe(404);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await res.text()).toContain('We couldn&#39;t find that page');
  });
});
