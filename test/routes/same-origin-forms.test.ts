// Form posts as browsers send them where Buddydesk really runs: plain HTTP on a LAN address or a
// host name (Origin, no Sec-Fetch-Site), and HTTPS behind a reverse proxy (Origin https://, while
// Node sees http://). Posts from other sites, and bodies that are not forms, change nothing.
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { organizerSessions, participants } from '../../db/schema.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { makeEvent } from '../helpers/factories.ts';
import { createTestApp, formBody, type TestApp } from '../helpers/test-app.ts';

const registration = { role: 'first_timer', name: 'Octavia Reyes', email: 'octavia@example.org' };

function participantCount(t: TestApp) {
  return t.db.select({ n: count() }).from(participants).get()!.n;
}

/** A raw form post to a full URL with exactly the headers given, nothing added. */
function post(t: TestApp, url: string, headers: Record<string, string>, fields: Record<string, string> = registration) {
  return t.app.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: formBody(fields).toString(),
  });
}

describe('form posts at a venue', () => {
  it('registers a phone on the laptop’s LAN address over plain HTTP (Origin, no Sec-Fetch-Site)', async () => {
    const t = createTestApp({ publicUrl: 'http://10.20.0.5:3000' });
    const { event } = makeEvent(t.db);
    const res = await post(t, `http://10.20.0.5:3000/e/${event.slug}/join`, { Origin: 'http://10.20.0.5:3000' });
    expect(res.status).toBe(303);
    expect(participantCount(t)).toBe(1);
  });

  it('accepts a host name that is not PUBLIC_URL, as when phones use the venue’s DNS name', async () => {
    const t = createTestApp({ publicUrl: 'http://10.20.0.5:3000' });
    const { event } = makeEvent(t.db);
    const res = await post(t, `http://desk.venue.lan:3000/e/${event.slug}/join`, { Origin: 'http://desk.venue.lan:3000' });
    expect(res.status).toBe(303);
    expect(participantCount(t)).toBe(1);
  });

  it('signs an organizer in behind an HTTPS reverse proxy, where Node sees http://', async () => {
    const t = createTestApp({ publicUrl: 'https://buddies.example.org' });
    upsertOrganizer(t.db, { email: 'ana@example.org', password: 'a long password', name: 'Ana' }, t.clock.now());
    const res = await post(
      t,
      'http://buddies.example.org/admin/login',
      { Origin: 'https://buddies.example.org' },
      { email: 'ana@example.org', password: 'a long password' },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/admin');
    expect(t.db.select().from(organizerSessions).all()).toHaveLength(1);
  });

  it('accepts a proxy that rewrites Host but passes X-Forwarded-Host', async () => {
    const t = createTestApp({ publicUrl: 'http://10.20.0.5:3000' });
    const { event } = makeEvent(t.db);
    const res = await post(t, `http://127.0.0.1:3000/e/${event.slug}/join`, {
      Origin: 'https://buddies.example.org',
      'X-Forwarded-Host': 'buddies.example.org',
    });
    expect(res.status).toBe(303);
    expect(participantCount(t)).toBe(1);
  });

  it('accepts Origin: null when the Referer is one of our pages', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await post(t, `http://buddydesk.test/e/${event.slug}/join`, {
      Origin: 'null',
      Referer: `http://buddydesk.test/e/${event.slug}/join`,
    });
    expect(res.status).toBe(303);
    expect(participantCount(t)).toBe(1);
  });

  it('serves pages with Referrer-Policy: same-origin, so browsers send our Origin and leak no link', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await t.app.request(`http://buddydesk.test/e/${event.slug}/join`);
    expect(res.headers.get('Referrer-Policy')).toBe('same-origin');
  });
});

describe('form posts we refuse', () => {
  it('refuses a post from another site with 403, a way back to the form, and saves nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await post(t, `http://buddydesk.test/e/${event.slug}/join`, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('another website');
    expect(html).toContain(`href="/e/${event.slug}/join"`);
    expect(participantCount(t)).toBe(0);
  });

  it('refuses Sec-Fetch-Site: cross-site even when the Origin is forged to look like ours', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await post(t, `http://buddydesk.test/e/${event.slug}/join`, {
      Origin: 'http://buddydesk.test',
      'Sec-Fetch-Site': 'cross-site',
    });
    expect(res.status).toBe(403);
    expect(participantCount(t)).toBe(0);
  });

  it('refuses Origin: null with no Referer, and a Referer from another site', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const url = `http://buddydesk.test/e/${event.slug}/join`;
    expect((await post(t, url, { Origin: 'null' })).status).toBe(403);
    expect((await post(t, url, {})).status).toBe(403);
    expect((await post(t, url, { Referer: 'http://evil.example/page' })).status).toBe(403);
    expect(participantCount(t)).toBe(0);
  });

  it('refuses a cross-site post to an organizer action even with a valid session cookie', async () => {
    const t = createTestApp();
    upsertOrganizer(t.db, { email: 'ana@example.org', password: 'a long password', name: 'Ana' }, t.clock.now());
    const res = await post(
      t,
      'http://buddydesk.test/admin/login',
      { Origin: 'http://evil.example' },
      { email: 'ana@example.org', password: 'a long password' },
    );
    expect(res.status).toBe(403);
    expect(t.db.select().from(organizerSessions).all()).toHaveLength(0);
  });

  it('refuses a JSON body to a form route with 415 and processes nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await t.app.request(`http://buddydesk.test/e/${event.slug}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://buddydesk.test' },
      body: JSON.stringify(registration),
    });
    expect(res.status).toBe(415);
    expect(await res.text()).toContain('not a form');
    expect(participantCount(t)).toBe(0);
  });

  it('refuses text/plain and a missing content type with 415', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const url = `http://buddydesk.test/e/${event.slug}/join`;
    for (const headers of [{ 'Content-Type': 'text/plain' }, {}] as Record<string, string>[]) {
      const res = await t.app.request(url, {
        method: 'POST',
        headers: { Origin: 'http://buddydesk.test', ...headers },
        body: 'role=first_timer&name=Octavia',
      });
      expect(res.status).toBe(415);
    }
    expect(participantCount(t)).toBe(0);
  });
});
