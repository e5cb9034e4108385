import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { meetupSpots, pairs } from '../../db/schema.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { markNoShow } from '../../src/domain/pairs.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { deskLead, pinnedPair } from '../helpers/pairs.ts';
import { createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

function pairedEvent(t: TestApp, consent: { ft: boolean; v: boolean } = { ft: false, v: false }) {
  const { event, catalog } = makeEvent(t.db);
  const organizer = deskLead(t);
  const ft = makeParticipant(t.db, event, {
    name: 'Octavia Reyes',
    email: 'octavia@example.org',
    consentContact: consent.ft,
    interests: [catalog.interests[0]!.id],
    present: true,
  });
  const v = makeParticipant(t.db, event, {
    role: 'volunteer',
    name: 'Bartholomew Quinn',
    pronouns: 'he/him',
    email: 'bart@example.org',
    bio: 'Cataloger, ninth conference.',
    consentContact: consent.v,
    interests: [catalog.interests[0]!.id],
    present: true,
  });
  const pair = pinnedPair(t, event, ft.id, v.id, organizer.id);
  return { event, ft, v, pair };
}

describe('GET /e/:slug/me/:token with a buddy', () => {
  it("shows the buddy's public name, bio, reasons, spot, time and a calendar link, but no e-mail without consent", async () => {
    const t = createTestApp();
    const { event, ft, pair } = pairedEvent(t);
    const html = await (await get(t.app, `/e/${event.slug}/me/${ft.token}`)).text();
    expect(html).toContain('Your buddy: Bartholomew Q.');
    expect(html).not.toContain('Quinn');
    expect(html).toContain('Cataloger, ninth conference.');
    expect(html).toContain('Cataloging &amp; metadata');
    expect(html).toContain('Spot A');
    expect(html).toContain('Blue banner left of Hall C');
    expect(html).toContain(`/e/${event.slug}/me/${ft.token}/meetup.ics`);
    expect(html).toContain(`sse-connect="/e/${event.slug}/me/${ft.token}/stream"`);
    expect(html).not.toContain('bart@example.org');
    expect(pair.meetAt).not.toBeNull();
    // before the meet time, "my buddy isn't here" is not offered yet
    expect(html).not.toContain('My buddy isn&#39;t here');
  });

  it('shows contact details only when both consented', async () => {
    const t = createTestApp();
    const one = pairedEvent(t, { ft: true, v: false });
    expect(await (await get(t.app, `/e/${one.event.slug}/me/${one.ft.token}`)).text()).not.toContain('bart@example.org');
    const both = pairedEvent(t, { ft: true, v: true });
    expect(await (await get(t.app, `/e/${both.event.slug}/me/${both.ft.token}`)).text()).toContain('bart@example.org');
    expect(await (await get(t.app, `/e/${both.event.slug}/me/${both.v.token}`)).text()).toContain('octavia@example.org');
  });

  it("shows the volunteer their first-timer", async () => {
    const t = createTestApp();
    const { event, v } = pairedEvent(t);
    const html = await (await get(t.app, `/e/${event.slug}/me/${v.token}`)).text();
    expect(html).toContain('Octavia R.');
    expect(html).not.toContain('Reyes');
  });
});

describe('POST /e/:slug/me/:token/pairs/:pairId/:action', () => {
  it('records "We met" for either person and redirects without JavaScript', async () => {
    const t = createTestApp();
    const { event, v, pair } = pairedEvent(t);
    const res = await postForm(t.app, `/e/${event.slug}/me/${v.token}/pairs/${pair.id}/met`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/me/${v.token}?notice=met`);
    expect(t.db.select().from(pairs).where(eq(pairs.id, pair.id)).get()!.status).toBe('met');
  });

  it('refuses "my buddy isn\'t here" before the meet time, then takes it after, and tells the live hub', async () => {
    const t = createTestApp();
    const { event, ft, v, pair } = pairedEvent(t);
    const heard: number[][] = [];
    t.app.live.subscribe(event.id, (change) => heard.push(change.participantIds));
    const early = await postForm(t.app, `/e/${event.slug}/me/${ft.token}/pairs/${pair.id}/missing`, {}, { htmx: true });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('not the meeting time yet');
    expect(t.db.select().from(pairs).where(eq(pairs.id, pair.id)).get()!.buddyMissingAt).toBeNull();
    expect(heard).toEqual([]);

    t.clock.set(new Date(pair.meetAt!.getTime() + 60_000));
    const later = await postForm(t.app, `/e/${event.slug}/me/${ft.token}/pairs/${pair.id}/missing`, {}, { htmx: true });
    expect(later.status).toBe(200);
    const fragment = await later.text();
    expect(fragment.startsWith('<section id="me-status"')).toBe(true);
    expect(fragment).toContain('We told the organizers');
    expect(t.db.select().from(pairs).where(eq(pairs.id, pair.id)).get()!.buddyMissingAt?.getTime()).toBe(t.clock.now().getTime());
    expect(heard.flat()).toContain(ft.id);
    void v;
  });

  it("refuses a pair that is not the person's own with 404 and changes nothing", async () => {
    const t = createTestApp();
    const a = pairedEvent(t);
    const b = pairedEvent(t);
    const res = await postForm(t.app, `/e/${a.event.slug}/me/${a.ft.token}/pairs/${b.pair.id}/met`, {});
    expect(res.status).toBe(404);
    expect(t.db.select().from(pairs).where(eq(pairs.id, b.pair.id)).get()!.status).toBe('published');
    expect((await postForm(t.app, `/e/${a.event.slug}/me/${a.ft.token}/pairs/abc/met`, {})).status).toBe(404);
    expect((await postForm(t.app, `/e/${a.event.slug}/me/${a.ft.token}/pairs/${a.pair.id}/explode`, {})).status).toBe(404);
  });

  it('records a quiet request for a different buddy that only organizers see', async () => {
    const t = createTestApp();
    const { event, ft, v, pair } = pairedEvent(t);
    const res = await postForm(t.app, `/e/${event.slug}/me/${ft.token}/pairs/${pair.id}/different`, {});
    expect(res.status).toBe(303);
    expect(t.db.select().from(pairs).where(eq(pairs.id, pair.id)).get()!.differentBuddyAt).not.toBeNull();
    expect(await (await get(t.app, `/e/${event.slug}/me/${v.token}`)).text()).not.toMatch(/different buddy/i);
  });
});

describe('GET /e/:slug/me/:token/meetup.ics', () => {
  it('is a calendar event at the meet time and spot', async () => {
    const t = createTestApp();
    const { event, ft, pair } = pairedEvent(t);
    const res = await get(t.app, `/e/${event.slug}/me/${ft.token}/meetup.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    const stamp = pair.meetAt!.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics).toContain(`DTSTART:${stamp}`);
    expect(ics).toContain('LOCATION:Spot A');
    expect(ics).toContain('SUMMARY:Meet your buddy Bartholomew Q.');
    expect(ics.split('\r\n')[0]).toBe('BEGIN:VCALENDAR');
  });

  it('escapes what an organizer typed in a spot (a lone CR, commas, semicolons, backslashes) and folds long lines', async () => {
    const t = createTestApp();
    const directions = 'Hall C\rblue banner; by the café, left of door\\2 — ' + 'ünïcödé '.repeat(12);
    const { event, ft } = pairedEvent(t);
    t.db.update(meetupSpots).set({ name: 'Spot A, east; "lobby"', directions }).where(eq(meetupSpots.eventId, event.id)).run();
    const ics = await (await get(t.app, `/e/${event.slug}/me/${ft.token}/meetup.ics`)).text();
    // no bare CR or LF: every line ends in CRLF, and none is longer than 75 octets
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    // a real iCalendar parser reads back exactly what was typed (a lone CR is a line break)
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('location')).toBe('Spot A, east; "lobby"');
    expect(String(vevent.getFirstPropertyValue('description')).split('\n')[0]).toBe('Hall C');
    expect(String(vevent.getFirstPropertyValue('description'))).toContain(directions.replace('\r', '\n'));
  });

  it('answers 404 when there is no meetup yet', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { present: true });
    expect((await get(t.app, `/e/${event.slug}/me/${p.token}/meetup.ics`)).status).toBe(404);
  });
});

describe('after a no-show with no volunteer free', () => {
  it("tells the first-timer we'll find them a buddy and that they go first", async () => {
    const t = createTestApp();
    const { event, ft, pair } = pairedEvent(t);
    const organizer = upsertOrganizer(t.db, { email: 'desk@example.org', password: 'long enough secret' }, t.clock.now());
    const result = markNoShow(t.db, event, { pairId: pair.id, absentee: 'volunteer', organizerId: organizer.id, now: t.clock.now() });
    expect(result.ok && result.rematch).toBeNull();
    const html = await (await get(t.app, `/e/${event.slug}/me/${ft.token}/status`)).text();
    expect(html).toContain('We&#39;ll find you a buddy');
    expect(html).toContain('you go first');
    expect(html).not.toContain('Bartholomew');
  });
});
