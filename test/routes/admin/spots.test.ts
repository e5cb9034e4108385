// Meetup spots and the event's timing.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, events, meetupSpots } from '../../../db/schema.ts';
import { auditOf, makeEvent } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

const spotsOf = (t: TestApp, eventId: number) =>
  t.db.select().from(meetupSpots).where(eq(meetupSpots.eventId, eventId)).orderBy(meetupSpots.position).all();
const settingsOf = (t: TestApp, eventId: number) => t.db.select().from(events).where(eq(events.id, eventId)).get()!.settings;

const goodTiming = { slotMinutes: '20', leadMinutes: '3', graceMinutes: '5', autoRoundMinutes: '10', autoRematch: 'yes' };

describe('GET /admin/e/:slug/spots', () => {
  it('sends a signed-out visitor to the login', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await get(t.app, `/admin/e/${event.slug}/spots`);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/login?next=${encodeURIComponent(`/admin/e/${event.slug}/spots`)}`);
  });

  it('lists the spots with a labelled edit form each, the add form and the timing form with the current values', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const [spot] = spotsOf(t, event.id);
    const res = await get(t.app, `/admin/e/${event.slug}/spots`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`action="/admin/e/${event.slug}/spots/${spot!.id}"`);
    expect(html).toContain(`<label for="spot-${spot!.id}-name">Name</label>`);
    expect(html).toContain('value="Blue banner left of Hall C"');
    expect(html).toContain(`<label for="spot-${spot!.id}-pairs">How many pairs fit at once</label>`);
    expect(html).toContain(`action="/admin/e/${event.slug}/spots"`);
    expect(html).toContain(`action="/admin/e/${event.slug}/timing"`);
    // defaults: 15 minute slots, 10 minutes grace, automatic rounds off
    expect(html).toMatch(/id="timing-slot"[^>]*value="15"/);
    expect(html).toMatch(/id="timing-grace"[^>]*value="10"/);
    expect(html).toMatch(/id="timing-auto-round"[^>]*value=""/);
    expect(html).toContain('<label class="choice" for="timing-auto-rematch">');
  });

  it('is linked from the dashboard', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(html).toContain(`href="/admin/e/${event.slug}/spots"`);
  });
});

describe('POST /admin/e/:slug/spots', () => {
  it('adds a spot after the others, writes the audit log, and shows a notice after the redirect', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const res = await postForm(
      t.app,
      `/admin/e/${event.slug}/spots`,
      { name: '  Coffee cart ', directions: 'By the east doors', pairsAtOnce: '3' },
      { cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/e/${event.slug}/spots`);
    expect(spotsOf(t, event.id).map((s) => [s.name, s.directions, s.pairsAtOnce, s.position])).toEqual([
      ['Spot A', 'Blue banner left of Hall C', 4, 0],
      ['Coffee cart', 'By the east doors', 3, 1],
    ]);
    expect(auditOf(t.db, event.id).map((r) => [r.action, r.organizerId])).toEqual([['spot-added', organizer.id]]);

    const page = await get(t.app, `/admin/e/${event.slug}/spots`, { cookie: `${cookie}; ${cookiesFrom(res)}` });
    expect(await page.text()).toContain('Added Coffee cart.');
  });

  it('re-renders with 422, the typed values and messages next to the fields, and saves nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    for (const pairsAtOnce of ['0', '51', 'many', '2.5', '']) {
      const res = await postForm(t.app, `/admin/e/${event.slug}/spots`, { name: 'Coffee cart', pairsAtOnce }, { cookie });
      expect(res.status, pairsAtOnce).toBe(422);
      const html = await res.text();
      expect(html).toContain('Enter a whole number of pairs from 1 to 50');
      expect(html).toContain('aria-describedby="new-spot-pairs-hint new-spot-pairs-error"');
      expect(html).toContain('value="Coffee cart"');
    }
    const noName = await postForm(t.app, `/admin/e/${event.slug}/spots`, { name: '   ', pairsAtOnce: '2' }, { cookie });
    expect(noName.status).toBe(422);
    expect(await noName.text()).toContain('Give the spot a name');
    expect(spotsOf(t, event.id)).toHaveLength(1);
    expect(auditOf(t.db, event.id)).toHaveLength(0);
  });
});

describe('POST /admin/e/:slug/spots/:id', () => {
  it('saves a spot and writes the audit log', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const [spot] = spotsOf(t, event.id);
    const res = await postForm(
      t.app,
      `/admin/e/${event.slug}/spots/${spot!.id}`,
      { name: 'Spot A (moved)', directions: 'Red banner by Hall D', pairsAtOnce: '8' },
      { cookie },
    );
    expect(res.status).toBe(303);
    expect(spotsOf(t, event.id)).toMatchObject([{ id: spot!.id, name: 'Spot A (moved)', directions: 'Red banner by Hall D', pairsAtOnce: 8 }]);
    const log = auditOf(t.db, event.id);
    expect(log).toMatchObject([{ action: 'spot-updated', organizerId: organizer.id }]);
    expect(log[0]!.detail).toContain('Spot A (moved)');
  });

  it('refuses bad input with 422 next to that spot’s fields and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const [spot] = spotsOf(t, event.id);
    const res = await postForm(t.app, `/admin/e/${event.slug}/spots/${spot!.id}`, { name: 'Renamed', pairsAtOnce: '99' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`id="spot-${spot!.id}-pairs-error"`);
    expect(html).toContain('value="Renamed"');
    expect(spotsOf(t, event.id)).toMatchObject([{ name: 'Spot A', pairsAtOnce: 4 }]);
    expect(auditOf(t.db, event.id)).toHaveLength(0);
  });

  it('answers 404 for a spot of another event or a malformed id, and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const other = makeEvent(t.db).event;
    const [foreign] = spotsOf(t, other.id);
    for (const id of [String(foreign!.id), 'abc', '0', '99999999']) {
      for (const fields of [{ name: 'Hijacked', pairsAtOnce: '2' }, { name: '', pairsAtOnce: 'x' }]) {
        const res = await postForm(t.app, `/admin/e/${event.slug}/spots/${id}`, fields, { cookie });
        expect(res.status, id).toBe(404);
      }
    }
    expect(spotsOf(t, other.id)).toMatchObject([{ name: 'Spot A', pairsAtOnce: 4 }]);
    expect(t.db.select().from(auditLog).all()).toHaveLength(0);
  });

  it('refuses a form posted without an Origin header and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const [spot] = spotsOf(t, event.id);
    const res = await t.app.request(`/admin/e/${event.slug}/spots/${spot!.id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ name: 'Hijacked', pairsAtOnce: '2' }).toString(),
    });
    expect(res.status).toBe(403);
    expect(spotsOf(t, event.id)).toMatchObject([{ name: 'Spot A' }]);
  });
});

describe('POST /admin/e/:slug/timing', () => {
  it('saves the timing, keeps the other settings, and writes the audit log', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/admin/e/${event.slug}/timing`, goodTiming, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/admin/e/${event.slug}/spots`);
    const settings = settingsOf(t, event.id);
    expect(settings).toMatchObject({ slotMinutes: 20, leadMinutes: 3, graceMinutes: 5, autoRoundMinutes: 10, autoRematch: true });
    expect(settings.weights.interests).toBe(3);
    expect(auditOf(t.db, event.id)).toMatchObject([{ action: 'timing-updated', organizerId: organizer.id }]);

    // an empty auto-round field and an unticked box turn both off
    const off = await postForm(t.app, `/admin/e/${event.slug}/timing`, { ...goodTiming, autoRoundMinutes: '', autoRematch: undefined }, { cookie });
    expect(off.status).toBe(303);
    expect(settingsOf(t, event.id)).toMatchObject({ autoRoundMinutes: null, autoRematch: false });
  });

  it('refuses values out of range with 422 and messages next to the fields, and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const before = settingsOf(t, event.id);
    const res = await postForm(
      t.app,
      `/admin/e/${event.slug}/timing`,
      { slotMinutes: '4', leadMinutes: '31', graceMinutes: '-1', autoRoundMinutes: '1', autoRematch: 'yes' },
      { cookie },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Enter a slot length from 5 to 60 minutes');
    expect(html).toContain('Enter from 0 to 30 minutes');
    expect(html).toContain('Enter a grace period from 0 to 60 minutes');
    expect(html).toContain('Leave empty for off, or enter from 2 to 60 minutes');
    expect(html).toContain('aria-describedby="timing-slot-hint timing-slot-error"');
    expect(html).toMatch(/id="timing-slot"[^>]*value="4"/);
    expect(html).toContain('Nothing was saved.');

    for (const fields of [{ ...goodTiming, slotMinutes: '61' }, { ...goodTiming, graceMinutes: 'ten' }, { ...goodTiming, autoRoundMinutes: '61' }, {}]) {
      expect((await postForm(t.app, `/admin/e/${event.slug}/timing`, fields, { cookie })).status).toBe(422);
    }
    expect(settingsOf(t, event.id)).toEqual(before);
    expect(auditOf(t.db, event.id)).toHaveLength(0);
  });
});
