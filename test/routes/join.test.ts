import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { participantInterests, participantSessions, participants } from '../../db/schema.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { enrolledDeskToken } from '../helpers/kiosk.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

function participantCount(t: TestApp) {
  return t.db.select({ n: count() }).from(participants).get()!.n;
}

const firstTimer = (overrides: Record<string, string | string[]> = {}) => ({
  role: 'first_timer',
  name: 'Octavia Reyes',
  pronouns: 'she/her',
  email: 'octavia@example.org',
  affiliation: 'Riverton Public Library',
  libraryType: 'Public',
  region: 'Central',
  languages: ['English', 'Spanish'],
  consentContact: 'yes',
  ...overrides,
});

describe('GET /e/:slug/join', () => {
  it('shows the registration form with the event interests and program', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await get(t.app, `/e/${event.slug}/join`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Meet a buddy at Test Library Association Annual');
    expect(html).toContain('Cataloging &amp; metadata');
    expect(html).toContain('Linked Data 101');
    expect(html).toContain('Registering ahead?');
  });

  it('answers 404 for an unknown event', async () => {
    const t = createTestApp();
    const res = await get(t.app, '/e/no-such-event/join');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no conference at this address.');
  });

  it('says the QR code expired when its token is older than two windows', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const k = await enrolledDeskToken(t, event.slug);
    t.clock.advance(4 * 60 * 1000 + 1000);
    const html = await (await get(t.app, `/e/${event.slug}/join?k=${k}`)).text();
    expect(html).toContain('This QR code has expired');
    expect(html).not.toContain(`value="${k}"`);
  });

  it('asks a registered person whose phone holds their page to check in, and checks in nobody on a GET', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const volunteer = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn' });
    const k = await enrolledDeskToken(t, event.slug);
    const res = await get(t.app, `/e/${event.slug}/join?k=${k}`, { cookie: `bd_me=${volunteer.token}` });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Welcome back, Bartholomew!');
    expect(html).toContain(`action="/e/${event.slug}/join/check-in"`);
    expect(html).toContain(`value="${k}"`);
    expect(t.db.select().from(participants).where(eq(participants.id, volunteer.id)).get()!.status).toBe('registered');
  });

  it('does not check anyone in with a stale desk token, even with their page cookie', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const volunteer = makeParticipant(t.db, event, { role: 'volunteer' });
    const k = await enrolledDeskToken(t, event.slug);
    t.clock.advance(4 * 60 * 1000 + 1000);
    const res = await get(t.app, `/e/${event.slug}/join?k=${k}`, { cookie: `bd_me=${volunteer.token}` });
    expect(res.status).toBe(200);
    expect(t.db.select().from(participants).where(eq(participants.id, volunteer.id)).get()!.status).toBe('registered');
  });
});

describe('POST /e/:slug/join/check-in', () => {
  it('checks in the person whose page this phone holds and goes to their page', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const volunteer = makeParticipant(t.db, event, { role: 'volunteer' });
    const res = await postForm(t.app, `/e/${event.slug}/join/check-in`, { k: await enrolledDeskToken(t, event.slug) }, { cookie: `bd_me=${volunteer.token}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/me/${volunteer.token}?checked-in=1`);
    const after = t.db.select().from(participants).where(eq(participants.id, volunteer.id)).get()!;
    expect(after.status).toBe('present');
    expect(after.checkedInAt?.getTime()).toBe(t.clock.now().getTime());
  });

  it('refuses an expired desk token with 422 and a way back, and checks in nobody', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const volunteer = makeParticipant(t.db, event, { role: 'volunteer' });
    const k = await enrolledDeskToken(t, event.slug);
    t.clock.advance(4 * 60 * 1000 + 1000);
    const res = await postForm(t.app, `/e/${event.slug}/join/check-in`, { k }, { cookie: `bd_me=${volunteer.token}` });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Scan the code on the desk screen again');
    expect(t.db.select().from(participants).where(eq(participants.id, volunteer.id)).get()!.status).toBe('registered');
  });

  it('refuses the post from another site that would check the person in with their cookie', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const volunteer = makeParticipant(t.db, event, { role: 'volunteer' });
    const res = await postForm(
      t.app,
      `/e/${event.slug}/join/check-in`,
      { k: await enrolledDeskToken(t, event.slug) },
      { cookie: `bd_me=${volunteer.token}`, origin: 'http://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(t.db.select().from(participants).where(eq(participants.id, volunteer.id)).get()!.status).toBe('registered');
  });

  it('sends a phone without a personal page to the registration form', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const k = await enrolledDeskToken(t, event.slug);
    const res = await postForm(t.app, `/e/${event.slug}/join/check-in`, { k });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/join?k=${k}`);
  });
});

describe('POST /e/:slug/join', () => {
  it('registers a first-timer at the desk as present and redirects to the personal page', async () => {
    const t = createTestApp();
    const { event, catalog } = makeEvent(t.db);
    const res = await postForm(
      t.app,
      `/e/${event.slug}/join`,
      firstTimer({
        k: await enrolledDeskToken(t, event.slug),
        interests: [String(catalog.interests[0]!.id), String(catalog.interests[1]!.id)],
        sessions: [String(catalog.sessions[0]!.id)],
      }),
    );
    expect(res.status).toBe(303);
    const saved = t.db.select().from(participants).get()!;
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/me/${saved.token}`);
    expect(saved).toMatchObject({
      role: 'first_timer',
      status: 'present',
      name: 'Octavia Reyes',
      email: 'octavia@example.org',
      languages: ['English', 'Spanish'],
      consentContact: true,
      capacity: 0,
    });
    expect(saved.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(saved.deskCode).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(t.db.select().from(participantInterests).all()).toHaveLength(2);
    expect(t.db.select().from(participantSessions).all()).toHaveLength(1);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('bd_me='))!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain(`Path=/e/${event.slug}`);
  });

  it('registers without a desk token as not yet present', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/e/${event.slug}/join`, firstTimer());
    expect(res.status).toBe(303);
    expect(t.db.select().from(participants).get()!.status).toBe('registered');
  });

  it('registers but does not check in with a desk token older than four minutes', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const k = await enrolledDeskToken(t, event.slug);
    t.clock.advance(2 * 60 * 1000);
    await postForm(t.app, `/e/${event.slug}/join`, firstTimer({ k, email: 'a@example.org' }));
    t.clock.advance(2 * 60 * 1000 + 1000);
    await postForm(t.app, `/e/${event.slug}/join`, firstTimer({ k, email: 'b@example.org' }));
    const rows = t.db.select().from(participants).all();
    expect(rows.map((r) => [r.email, r.status])).toEqual([
      ['a@example.org', 'present'],
      ['b@example.org', 'registered'],
    ]);
  });

  it('refuses a desk token signed for another event', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    await postForm(t.app, `/e/${event.slug}/join`, firstTimer({ k: await enrolledDeskToken(t, other.slug) }));
    expect(t.db.select().from(participants).get()!.status).toBe('registered');
  });

  it('re-renders the form with 422, messages next to the fields and the answers kept, and saves nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/e/${event.slug}/join`, { role: '', name: '  ', email: 'not-an-email', affiliation: 'Kept Library' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="name-error"');
    expect(html).toContain('Please enter your name');
    expect(html).toContain('id="email-error"');
    expect(html).toContain("That doesn&#39;t look like an e-mail address");
    expect(html).toContain('id="role-error"');
    expect(html).toContain('value="Kept Library"');
    expect(html).toMatch(/id="name"[^>]*aria-invalid="true"/);
    expect(participantCount(t)).toBe(0);
  });

  it('asks a volunteer for a bio and a capacity of 1 to 3', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/e/${event.slug}/join`, firstTimer({ role: 'volunteer', capacity: '7' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Tell first-timers a line or two about yourself');
    expect(html).toContain('Choose how many first-timers you can take: 1, 2 or 3');
    expect(participantCount(t)).toBe(0);
  });

  it('registers a volunteer with bio and capacity', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/e/${event.slug}/join`, firstTimer({ role: 'volunteer', bio: 'Cataloger, 8th conference', capacity: '3' }));
    expect(res.status).toBe(303);
    expect(t.db.select().from(participants).get()).toMatchObject({ role: 'volunteer', capacity: 3, bio: 'Cataloger, 8th conference' });
  });

  it("refuses interests, sessions and languages that are not the event's own", async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const { catalog: otherCatalog } = makeEvent(t.db);
    const res = await postForm(
      t.app,
      `/e/${event.slug}/join`,
      firstTimer({
        interests: [String(otherCatalog.interests[0]!.id)],
        sessions: [String(otherCatalog.sessions[0]!.id)],
        languages: ['Klingon'],
        libraryType: 'Spaceship',
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="sessions-error"');
    expect(html).toContain('id="languages-error"');
    expect(html).toContain('id="libraryType-error"');
    expect(participantCount(t)).toBe(0);
  });

  it('refuses a second registration with the same e-mail without revealing the first page', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const first = await postForm(t.app, `/e/${event.slug}/join`, firstTimer());
    expect(first.status).toBe(303);
    const again = await postForm(t.app, `/e/${event.slug}/join`, firstTimer({ email: 'OCTAVIA@example.org', name: 'Someone Else' }));
    expect(again.status).toBe(422);
    const html = await again.text();
    expect(html).toContain("We can&#39;t register this e-mail here");
    // and it says how to reach one's own page: the saved page, our e-mails' link, the desk by name
    expect(html).toMatch(/personal page you saved.*link in our e-mails.*registration desk.*by name/s);
    // nothing says the address is registered: the message is how to reach one's own page
    expect(html).not.toMatch(/already registered|is registered/i);
    const only = t.db.select().from(participants).all();
    expect(only).toHaveLength(1);
    expect(html).not.toContain(only[0]!.token);
    expect(again.headers.getSetCookie()).toHaveLength(0);
  });

  it('lets the same e-mail register for two different events', async () => {
    const t = createTestApp();
    const { event: a } = makeEvent(t.db);
    const { event: b } = makeEvent(t.db);
    expect((await postForm(t.app, `/e/${a.slug}/join`, firstTimer())).status).toBe(303);
    expect((await postForm(t.app, `/e/${b.slug}/join`, firstTimer())).status).toBe(303);
    expect(participantCount(t)).toBe(2);
  });

  it('sends a kiosk registration back to the desk welcome screen without a cookie', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/e/${event.slug}/join`, firstTimer({ kiosk: '1', k: await enrolledDeskToken(t, event.slug) }));
    expect(res.status).toBe(303);
    const saved = t.db.select().from(participants).get()!;
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/desk/welcome/${saved.token}`);
    expect(cookiesFrom(res)).toBe('');
  });

  it('answers 404 for an unknown event and saves nothing', async () => {
    const t = createTestApp();
    const res = await postForm(t.app, '/e/nope/join', firstTimer());
    expect(res.status).toBe(404);
    expect(participantCount(t)).toBe(0);
  });

  it('answers 400, not 500, to a body that is not a form', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await t.app.request(`/e/${event.slug}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', Origin: 'http://localhost' },
      body: 'garbage',
    });
    expect(res.status).toBeLessThan(500);
    expect(participantCount(t)).toBe(0);
  });

  it('refuses a cross-site post', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/e/${event.slug}/join`, firstTimer(), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(participantCount(t)).toBe(0);
  });
});
