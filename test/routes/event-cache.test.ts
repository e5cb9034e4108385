// The event named by a public address is kept in memory between requests; an edit, an archive,
// a restore or a delete must be seen by the very next request, however it was made.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../../db/schema.ts';
import { createApp } from '../../src/app.tsx';
import { migrateDb, openDb } from '../../src/db.ts';
import { makeEvent } from '../helpers/factories.ts';
import { signedInOrganizer } from '../helpers/organizer.ts';
import { createTestApp, get, postForm, testOrigin } from '../helpers/test-app.ts';

const details = { venue: '', timezone: 'America/New_York', startsOn: '2026-10-14', endsOn: '2026-10-15' };

describe('the event behind /e/:slug', () => {
  it('shows a renamed event, and answers at its new address only, on the next request', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db, { name: 'Prairie Library Days' });
    expect(await (await get(t.app, `/e/${event.slug}/join`)).text()).toContain('Prairie Library Days');

    const saved = await postForm(t.app, `/admin/e/${event.slug}/edit`, { ...details, slug: event.slug, name: 'Plains Library Days' }, { cookie });
    expect(saved.status).toBe(303);
    const page = await (await get(t.app, `/e/${event.slug}/join`)).text();
    expect(page).toContain('Plains Library Days');
    expect(page).not.toContain('Prairie Library Days');

    const moved = await postForm(t.app, `/admin/e/${event.slug}/edit`, { ...details, slug: 'plains-days', name: 'Plains Library Days' }, { cookie });
    expect(moved.status).toBe(303);
    expect((await get(t.app, `/e/${event.slug}/join`)).status).toBe(404);
    expect((await get(t.app, '/e/plains-days/join')).status).toBe(200);
  });

  it('closes the public pages of an archived event at once, and opens them again when restored', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    expect((await get(t.app, `/e/${event.slug}/join`)).status).toBe(200);

    expect((await postForm(t.app, `/admin/e/${event.slug}/archive`, { anyway: 'yes' }, { cookie })).status).toBe(303);
    expect((await get(t.app, `/e/${event.slug}/join`)).status).toBe(410);
    expect((await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: 'Late Lou' })).status).toBe(410);

    expect((await postForm(t.app, `/admin/e/${event.slug}/restore`, {}, { cookie })).status).toBe(303);
    expect((await get(t.app, `/e/${event.slug}/join`)).status).toBe(200);
  });

  it('answers 404 at once for a deleted event', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    expect((await get(t.app, `/e/${event.slug}/board`)).status).toBe(200);
    expect((await postForm(t.app, `/admin/e/${event.slug}/delete`, { confirm: event.slug }, { cookie })).status).toBe(303);
    expect((await get(t.app, `/e/${event.slug}/board`)).status).toBe(404);
  });

  it('sees a change written straight to the database, outside any organizer page', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db, { name: 'Before' });
    expect(await (await get(t.app, `/e/${event.slug}/join`)).text()).toContain('Before');
    t.db.update(events).set({ name: 'After' }).where(eq(events.id, event.id)).run();
    expect(await (await get(t.app, `/e/${event.slug}/join`)).text()).toContain('After');
  });

  it('sees an event archived by another connection to the same database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddydesk-event-cache-'));
    const file = join(dir, 'events.sqlite');
    const served = openDb(file);
    const other = openDb(file);
    try {
      migrateDb(served);
      const app = createApp({ db: served, now: () => new Date('2026-10-14T14:00:00Z'), publicUrl: testOrigin });
      const { event } = makeEvent(served);
      expect((await app.request(`${testOrigin}/e/${event.slug}/join`)).status).toBe(200);
      other.update(events).set({ archivedAt: new Date('2026-10-14T14:00:00Z') }).where(eq(events.id, event.id)).run();
      expect((await app.request(`${testOrigin}/e/${event.slug}/join`)).status).toBe(410);
    } finally {
      served.$client.close();
      other.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
