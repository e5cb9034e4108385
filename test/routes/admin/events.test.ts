// The organizer's start page, and creating, editing, archiving, restoring and deleting an event.
import { count, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, events, interests, mailOutbox, mailRecipients, meetupSpots, participants } from '../../../db/schema.ts';
import { findEventBySlug, loadEventCatalog } from '../../../src/domain/events.ts';
import { auditOf, makeEvent, makeMail, makeParticipant } from '../../helpers/factories.ts';
import { followToDashboard, signedInOrganizer } from '../../helpers/organizer.ts';
import { pinnedPair, presentPair } from '../../helpers/pairs.ts';
import { createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

const newEvent = {
  name: 'Bluegrass Library Association 2026',
  slug: 'bla-2026',
  venue: 'Lexington Convention Center',
  timezone: 'America/New_York',
  startsOn: '2026-11-04',
  endsOn: '2026-11-06',
};
const eventCount = (t: TestApp) => t.db.select({ n: count() }).from(events).get()!.n;

describe('GET /admin', () => {
  it('lists events with their dates, counts and links to the dashboard, desk, board and join page', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db, { name: 'Kentucky Library Association' });
    makeParticipant(t.db, event, { present: true });
    makeParticipant(t.db, event, { role: 'volunteer' });
    const html = await (await get(t.app, '/admin', { cookie })).text();
    expect(html).toContain('Kentucky Library Association');
    expect(html).toContain('Oct 14, 2026 – Oct 15, 2026');
    expect(html).toMatch(/<td class="num">1<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td>/);
    for (const href of [`/admin/e/${event.slug}`, `/e/${event.slug}/desk`, `/e/${event.slug}/board`, `/e/${event.slug}/join`, '/admin/events/new']) {
      expect(html).toContain(`href="${href}"`);
    }
    expect(html).toContain('action="/admin/logout"');
  });

  it('lists archived events apart, read-only, without their public screens', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db, { name: 'Old Conference 2019' });
    t.db.update(events).set({ archivedAt: t.clock.now() }).where(eq(events.id, event.id)).run();
    const html = await (await get(t.app, '/admin', { cookie })).text();
    const archived = html.slice(html.indexOf('id="archived-heading"'));
    expect(archived).toContain('Old Conference 2019');
    expect(archived).toContain('Dashboard (read-only)');
    expect(html).not.toContain(`href="/e/${event.slug}/desk"`);
  });
});

describe('GET /admin/events/new', () => {
  it('offers name, short name, venue, a time zone list with North America first, and the days', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const html = await (await get(t.app, '/admin/events/new', { cookie })).text();
    for (const label of ['Name', 'Short name for its addresses', 'Venue (optional)', 'Time zone', 'First day', 'Last day']) {
      expect(html).toContain(`>${label}</label>`);
    }
    const northAmerica = html.indexOf('<optgroup label="North America">');
    const all = html.indexOf('<optgroup label="All time zones">');
    expect(northAmerica).toBeGreaterThan(0);
    expect(html.indexOf('value="America/Chicago"')).toBeGreaterThan(northAmerica);
    expect(html.indexOf('value="America/Chicago"')).toBeLessThan(all);
    expect(html.indexOf('value="Europe/Berlin"')).toBeGreaterThan(all);
    expect(html).toContain('value="UTC"');
  });
});

describe('POST /admin/events', () => {
  it('creates the event with default weights, choices and one spot, audits it, and opens its dashboard', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const res = await postForm(t.app, '/admin/events', newEvent, { cookie });
    expect(res.headers.get('Location')).toBe('/admin/e/bla-2026');
    const html = await followToDashboard(t, res, cookie);
    expect(html).toContain('Created Bluegrass Library Association 2026.');
    const event = findEventBySlug(t.db, 'bla-2026')!;
    expect(event).toMatchObject({ name: newEvent.name, venue: newEvent.venue, timezone: 'America/New_York', startsOn: '2026-11-04', endsOn: '2026-11-06' });
    expect(event.settings.weights).toEqual({ interests: 3, sessions: 2, libraryType: 1, region: 1, requested: 10, extraSlot: 1 });
    const catalog = loadEventCatalog(t.db, event.id);
    expect(catalog.interests.length).toBeGreaterThanOrEqual(5);
    expect(catalog.libraryTypes).toContain('Academic');
    expect(catalog.regions.length).toBeGreaterThan(0);
    expect(catalog.languages).toContain('English');
    expect(catalog.spots).toMatchObject([{ name: 'Spot A' }]);
    expect(auditOf(t.db, event.id)).toMatchObject([{ action: 'event-created', organizerId: organizer.id }]);
  });

  it.each([
    ['a malformed short name', { slug: 'BLA 2026!' }, 'slug', 'Use lowercase letters, digits and hyphens'],
    ['no name', { name: '  ' }, 'name', 'Give the event a name'],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone', 'Choose the time zone'],
    ['a day that does not exist', { startsOn: '2026-02-30' }, 'startsOn', 'Enter the first day as a date'],
    ['a last day before the first', { endsOn: '2026-11-01' }, 'endsOn', 'The last day cannot be before the first day'],
    ['an event of three months', { endsOn: '2027-02-01' }, 'endsOn', 'at most 31 days'],
  ])('re-renders with 422, the message by the field and the values kept, and creates nothing, for %s', async (_, change, field, message) => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const res = await postForm(t.app, '/admin/events', { ...newEvent, ...change }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`id="event-${{ startsOn: 'starts', endsOn: 'ends' }[field] ?? field}-error"[^>]*>[^<]*${message}`));
    expect(html).toContain('value="Lexington Convention Center"');
    expect(eventCount(t)).toBe(0);
  });

  it('refuses a short name another event has, with 422 and a clear message', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    makeEvent(t.db, { slug: 'bla-2026' });
    const res = await postForm(t.app, '/admin/events', newEvent, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Another event already has this short name.');
    expect(eventCount(t)).toBe(1);
  });
});

describe('POST /admin/e/:slug/edit', () => {
  it('saves the details and writes what changed to the audit log', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/admin/e/${event.slug}/edit`, { ...newEvent, slug: event.slug, name: 'Renamed Conference' }, { cookie });
    expect(res.headers.get('Location')).toBe(`/admin/e/${event.slug}/edit`);
    expect(await followToDashboard(t, res, cookie)).toContain('Saved the name, venue, first day, last day.');
    expect(findEventBySlug(t.db, event.slug)).toMatchObject({ name: 'Renamed Conference', startsOn: '2026-11-04' });
    expect(auditOf(t.db, event.id).at(-1)!.detail).toContain('name: Test Library Association Annual → Renamed Conference');
  });

  it('refuses to take the short name of another event, keeping its own', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    const res = await postForm(t.app, `/admin/e/${event.slug}/edit`, { ...newEvent, slug: other.slug }, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Another event already has this short name.');
    expect(findEventBySlug(t.db, event.slug)!.name).toBe(event.name);
  });
});

describe('POST /admin/e/:slug/archive', () => {
  it('asks for a tick while the conference or its feedback is still running, and archives nothing without it', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/admin/e/${event.slug}/archive`, {}, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('The conference is not over yet');
    expect(html).toContain('Tick “Archive it anyway”');
    expect(findEventBySlug(t.db, event.slug)!.archivedAt).toBeNull();
  });

  it('archives an event whose feedback has closed, does not send the mail still waiting about it, and closes its public pages', async () => {
    const t = createTestApp({ now: new Date('2026-12-01T12:00:00Z') });
    const { cookie, organizer } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event);
    const mail = makeMail(t.db, { eventId: event.id, participantId: p.id });
    const { unsubscribeToken } = t.db.select().from(mailRecipients).where(eq(mailRecipients.id, mail.recipientId)).get()!;
    const res = await postForm(t.app, `/admin/e/${event.slug}/archive`, {}, { cookie });
    expect(await followToDashboard(t, res, cookie)).toContain('1 message still waiting about it will not be sent.');
    expect(findEventBySlug(t.db, event.slug)!.archivedAt).toEqual(t.clock.now());
    expect(t.db.select().from(mailOutbox).all()).toMatchObject([{ status: 'skipped', lastError: 'the event was archived' }]);
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'event-archived', organizerId: organizer.id });
    for (const path of ['desk', 'join', 'board', `me/${p.token}`, `me/${p.token}/edit`, `unsubscribe/${unsubscribeToken}`]) {
      const page = await get(t.app, `/e/${event.slug}/${path}`);
      expect(page.status, path).toBe(410);
      expect(await page.text()).toContain('Test Library Association Annual is over');
    }
    const join = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: 'Late Larry' });
    expect(join.status).toBe(410);
    expect(t.db.select({ n: count() }).from(participants).get()!.n).toBe(1);
  });

  it('archives a running event when ticked anyway', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/admin/e/${event.slug}/archive`, { anyway: 'yes' }, { cookie });
    expect(res.status).toBe(303);
    expect(findEventBySlug(t.db, event.slug)!.archivedAt).not.toBeNull();
  });
});

describe('an archived event', () => {
  function archived(t: TestApp) {
    const { event } = makeEvent(t.db);
    t.db.update(events).set({ archivedAt: t.clock.now() }).where(eq(events.id, event.id)).run();
    return event;
  }

  it('shows organizers its dashboard, read-only', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const event = archived(t);
    const res = await get(t.app, `/admin/e/${event.slug}`, { cookie });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('This event is archived: read-only');
  });

  it('refuses an organizer’s change with 409 and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const event = archived(t);
    const res = await postForm(t.app, `/admin/e/${event.slug}/spots`, { name: 'Spot Z', directions: '', pairsAtOnce: '3' }, { cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('An archived event is read-only, so nothing was changed.');
    expect(t.db.select().from(meetupSpots).where(eq(meetupSpots.eventId, event.id)).all()).toHaveLength(1);
    // not even a choice's own "restore"
    const [interest] = loadEventCatalog(t.db, event.id).interests;
    expect((await postForm(t.app, `/admin/e/${event.slug}/choices/interests/${interest!.id}/retire`, {}, { cookie })).status).toBe(409);
    expect((await postForm(t.app, `/admin/e/${event.slug}/choices/interests/${interest!.id}/restore`, {}, { cookie })).status).toBe(409);
    expect(loadEventCatalog(t.db, event.id).interests[0]!.retiredAt).toBeNull();
  });

  it('keeps the verification address of its letters working', async () => {
    const t = createTestApp();
    const event = archived(t);
    const res = await get(t.app, `/e/${event.slug}/letters/1-${'A'.repeat(22)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('is over');
  });

  it('is restored with its public pages open again', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const event = archived(t);
    const res = await postForm(t.app, `/admin/e/${event.slug}/restore`, {}, { cookie });
    expect(await followToDashboard(t, res, cookie)).toContain('Restored');
    expect((await get(t.app, `/e/${event.slug}/join`)).status).toBe(200);
    expect(auditOf(t.db, event.id).at(-1)!.action).toBe('event-restored');
  });
});

describe('POST /admin/e/:slug/delete', () => {
  it('refuses a wrong typed confirmation with 422 and deletes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/admin/e/${event.slug}/delete`, { confirm: 'yes delete it' }, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`That is not ${event.slug}. Nothing was deleted.`);
    expect(eventCount(t)).toBe(1);
  });

  it('deletes the event and everything in it when its short name is typed, keeping an audit line about no event', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event, firstTimer, volunteer } = presentPair(t);
    const { event: other } = makeEvent(t.db);
    pinnedPair(t, event, firstTimer.id, volunteer.id);
    const page = await (await get(t.app, `/admin/e/${event.slug}/delete`, { cookie })).text();
    expect(page).toContain('1 first-timer, 1 volunteer, 1 live pair,');
    const res = await postForm(t.app, `/admin/e/${event.slug}/delete`, { confirm: event.slug }, { cookie });
    expect(res.headers.get('Location')).toBe('/admin');
    expect(await followToDashboard(t, res, cookie)).toContain('Deleted Test Library Association Annual and its 2 people.');
    expect(findEventBySlug(t.db, event.slug)).toBeUndefined();
    expect(findEventBySlug(t.db, other.slug)).toBeDefined();
    expect(t.db.select().from(participants).where(eq(participants.eventId, event.id)).all()).toEqual([]);
    expect(t.db.select().from(interests).where(eq(interests.eventId, event.id)).all()).toEqual([]);
    expect(t.db.select().from(auditLog).where(isNull(auditLog.eventId)).all()).toMatchObject([
      { action: 'event-deleted', organizerId: organizer.id, detail: expect.stringContaining(`(${event.slug})`) },
    ]);
  });
});
