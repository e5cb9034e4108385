// The event's dashboard: the page with its counts and sections wired to the event stream, the
// counts fragment, and the stream itself.
import { describe, expect, it } from 'vitest';
import { makeEvent, makeParticipant } from '../../helpers/factories.ts';
import { countOf, signedInOrganizer } from '../../helpers/organizer.ts';
import { presentPair } from '../../helpers/pairs.ts';
import { createTestApp, get } from '../../helpers/test-app.ts';


describe('GET /admin/e/:slug', () => {
  it('shows live counts of who registered, who is here, and free buddy places', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
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
    const { cookie } = signedInOrganizer(t);
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
    const { cookie } = signedInOrganizer(t);
    const res = await get(t.app, '/admin/e/no-such-event', { cookie });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no event at this address');
    expect((await get(t.app, '/admin/e/%E2%80%AE..', { cookie })).status).toBe(404);
  });
});

describe('GET /admin/e/:slug (event day)', () => {
  it('wires the counts, rounds, pairs and audit fragments to the event stream with a 15 s fallback', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = presentPair(t);
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(html).toContain(`hx-ext="sse" sse-connect="/admin/e/${event.slug}/stream"`);
    for (const [id, path] of [
      ['live-counts', 'counts'],
      ['round-list', 'rounds'],
      ['live-pairs', 'pairs'],
      ['audit-log', 'audit'],
    ]) {
      expect(html).toMatch(
        new RegExp(`id="${id}"[^>]*hx-get="/admin/e/${event.slug}/${path}" hx-trigger="sse:changed, every 15s" hx-target="this" hx-swap="outerHTML settle:0ms"`),
      );
    }
    expect(html).toContain(`action="/admin/e/${event.slug}/rounds"`);
    expect(html).toContain('<label for="pin-firstTimerId">First-timer</label>');
    expect(html).toContain('<label for="pin-volunteerId">Volunteer</label>');
  });
});

describe('GET /admin/e/:slug/counts', () => {
  it('returns the self-refreshing counts fragment alone', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
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

describe('GET /admin/e/:slug/stream', () => {
  it('is an event stream subscribed to this event that says "changed" on any change', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = presentPair(t);
    const abort = new AbortController();
    const res = await t.app.request(`/admin/e/${event.slug}/stream`, { headers: { Cookie: cookie }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    await expect.poll(() => t.app.live.size()).toBe(1);
    t.app.live.publish({ eventId: event.id, participantIds: [], board: false });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toContain('event: changed');
    abort.abort();
    await reader.cancel().catch(() => {});
    await expect.poll(() => t.app.live.size()).toBe(0);
  });
});
