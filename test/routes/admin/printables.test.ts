// What organizers print: the desk poster and the pairs sheet for the desk.
import { describe, expect, it } from 'vitest';
import { makeEvent, makeParticipant } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { pinnedPair } from '../../helpers/pairs.ts';
import { createTestApp, get } from '../../helpers/test-app.ts';

describe('GET /admin/e/:slug/poster', () => {
  it('shows the join link without a presence token as a QR code and a short address, with a print button for print.js', async () => {
    const t = createTestApp({ publicUrl: 'http://10.20.0.5:3000' });
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db, { venue: 'Lexington Convention Center' });
    const res = await get(t.app, `/admin/e/${event.slug}/poster`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`aria-label="QR code of http://10.20.0.5:3000/e/${event.slug}/join"`);
    expect(html).toContain(`<p class="poster-url">10.20.0.5:3000/e/${event.slug}/join</p>`);
    expect(html).not.toContain('?k=');
    expect(html).toMatch(/<svg[^>]*>[^]*<\/svg>/);
    expect(html).toContain('Oct 14, 2026 – Oct 15, 2026 · Lexington Convention Center');
    expect(html).toContain('<script src="/static/js/print.js" defer="">');
    expect(html).toContain('<button type="button" data-print="true" hidden="">Print</button>');
    // the static handler is served, and no inline script is needed
    expect((await get(t.app, '/static/js/print.js')).status).toBe(200);
    expect(html).not.toMatch(/<script>|onclick=/);
  });

  it('is linked from the dashboard and for organizers only', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    expect(await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text()).toContain(`href="/admin/e/${event.slug}/poster"`);
    expect((await get(t.app, `/admin/e/${event.slug}/poster`)).status).toBe(303);
  });
});

describe('GET /admin/e/:slug/desk-sheet', () => {
  it('lists the live pairs by spot and time with first names and initials only', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', email: 'ana@example.org', present: true });
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volkova', present: true });
    pinnedPair(t, event, ana.id, vera.id);
    const res = await get(t.app, `/admin/e/${event.slug}/desk-sheet`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Spot A<span class="hint">Blue banner left of Hall C</span>');
    expect(html).toMatch(/<td>\d{1,2}:\d\d [AP]M<\/td><td>Ana A\.<\/td><td>Vera V\.<\/td>/);
    expect(html).not.toContain('Alvarez');
    expect(html).not.toContain('Volkova');
    expect(html).not.toContain('ana@example.org');
  });

  it('says so when nobody is paired yet', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    expect(await (await get(t.app, `/admin/e/${event.slug}/desk-sheet`, { cookie })).text()).toContain('There are no pairs with a meetup yet.');
  });
});
