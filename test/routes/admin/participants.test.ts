// The dashboard's participant list: search, pages, and checking someone in or out by hand.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, participants } from '../../../db/schema.ts';
import { makeEvent, makeParticipant, reloadParticipant } from '../../helpers/factories.ts';
import { countOf, signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, get, postForm } from '../../helpers/test-app.ts';


describe('GET /admin/e/:slug/participants', () => {
  it('filters the list by name', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
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
    const { cookie } = signedInOrganizer(t);
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
    const { cookie } = signedInOrganizer(t);
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
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Diaz' });
    const res = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, { q: 'ro', page: '2' }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/e/${event.slug}?q=ro&page=2`);
    expect(reloadParticipant(t.db, p.id)?.status).toBe('present');
  });

  it('the page search works without JavaScript through ?q=', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
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
    const { cookie, organizer } = signedInOrganizer(t);
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
    const { cookie } = signedInOrganizer(t);
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
    const { cookie } = signedInOrganizer(t);
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
    const { cookie } = signedInOrganizer(t);
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
    const { cookie } = signedInOrganizer(t);
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
