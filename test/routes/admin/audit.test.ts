// The audit log fragment: who did what, in the event's time zone, newest first.
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema.ts';
import { makeEvent } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, get, postForm } from '../../helpers/test-app.ts';

describe('GET /admin/e/:slug/audit', () => {
  it('lists the latest organizer actions with who and when in the event’s timezone, automatic ones too', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const other = makeEvent(t.db).event;
    const timing = { slotMinutes: '20', leadMinutes: '3', graceMinutes: '5', autoRoundMinutes: '', autoRematch: 'yes' };
    expect((await postForm(t.app, `/admin/e/${event.slug}/timing`, timing, { cookie })).status).toBe(303);
    t.db.insert(auditLog).values({ eventId: event.id, organizerId: null, action: 'publish-round', detail: 'published round #7: 2 pairs', at: new Date('2026-10-14T14:05:00Z') }).run();
    t.db.insert(auditLog).values({ eventId: other.id, organizerId: null, action: 'pin', detail: 'not this event', at: new Date('2026-10-14T14:06:00Z') }).run();

    const res = await get(t.app, `/admin/e/${event.slug}/audit`, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="audit-log"/);
    expect(html).toContain('hx-trigger="sse:changed, every 15s"');
    expect(html).not.toContain('not this event');
    const rows = [...html.matchAll(/<tr><td><time[^>]*>([^<]*)<\/time><\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toHaveLength(2);
    // newest first; 14:05 UTC is 10:05 in New York
    expect(rows[0]![0]).toBe('Oct 14, 10:05 AM');
    expect(rows[0]![1]).toBe('<em>automatic</em>');
    expect(rows[0]![2]).toContain('Published a round');
    expect(rows[1]![0]).toBe('Oct 14, 10:00 AM');
    expect(rows[1]![1]).toBe('Ana Organizer');
    expect(rows[1]![2]).toContain('Changed the timing');
  });

  it('shows at most the last 20 actions', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    for (let i = 0; i < 25; i++) {
      t.db.insert(auditLog).values({ eventId: event.id, action: 'move', detail: `move number ${i}.`, at: new Date(Date.UTC(2026, 9, 14, 13, i)) }).run();
    }
    const html = await (await get(t.app, `/admin/e/${event.slug}/audit`, { cookie })).text();
    expect(html.match(/move number \d+\./g)).toHaveLength(20);
    expect(html).toContain('move number 24.');
    expect(html).not.toContain('move number 4.');
  });
});
