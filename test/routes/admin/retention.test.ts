import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../../../db/schema.ts';
import { purgeEvent } from '../../../src/domain/retention.ts';
import { makeEvent } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, get, postForm } from '../../helpers/test-app.ts';

const details = (slug: string, retentionDays: string) => ({
  name: 'Test Library Association Annual',
  slug,
  venue: '',
  timezone: 'America/New_York',
  startsOn: '2026-10-14',
  endsOn: '2026-10-15',
  retentionDays,
});

describe('the retention period', () => {
  it('is on the dashboard as the day personal data will be erased', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(html).toContain('Personal data will be erased on 2027-01-14.');
  });

  it('says when it was erased once the purge ran', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    purgeEvent(t.db, event, new Date('2027-01-14T05:00:00Z'));
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(html).toContain('Personal data was erased on');
    expect(html).toContain('anonymous counts remain');
  });

  it('is 90 days on the new-event form and can be changed on the event form, audited', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    expect(await (await get(t.app, '/admin/events/new', { cookie })).text()).toMatch(/name="retentionDays"[^>]*value="90"/);
    const { event } = makeEvent(t.db);
    const form = await (await get(t.app, `/admin/e/${event.slug}/edit`, { cookie })).text();
    expect(form).toMatch(/name="retentionDays"[^>]*value="90"/);
    const res = await postForm(t.app, `/admin/e/${event.slug}/edit`, details(event.slug, '30'), { cookie });
    expect(res.status).toBe(303);
    expect(t.db.select().from(events).where(eq(events.id, event.id)).get()!.retentionDays).toBe(30);
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(html).toContain('Personal data will be erased on 2026-11-15.');
    expect(html).toContain('days personal data is kept: 90 → 30');
  });

  it('refuses a period that is not a whole number of days with 422 and saves nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    for (const bad of ['lots', '-1', '3651', '1.5']) {
      const res = await postForm(t.app, `/admin/e/${event.slug}/edit`, details(event.slug, bad), { cookie });
      expect(res.status, bad).toBe(422);
      expect(await res.text(), bad).toContain('Enter the days to keep personal data after the event, from 0 to 3650');
    }
    expect(t.db.select().from(events).where(eq(events.id, event.id)).get()!.retentionDays).toBe(90);
  });

  it('sets the period of a new event', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const res = await postForm(t.app, '/admin/events', details('rla-2031', '14'), { cookie });
    expect(res.status).toBe(303);
    expect(t.db.select().from(events).where(eq(events.slug, 'rla-2031')).get()!.retentionDays).toBe(14);
  });
});
