// The organizer's start page: every event with its dashboard, screens and links.
import { describe, expect, it } from 'vitest';
import { makeEvent } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, get } from '../../helpers/test-app.ts';

describe('GET /admin', () => {
  it('lists events with links to the dashboard, desk, board and join page', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db, { name: 'Kentucky Library Association' });
    const html = await (await get(t.app, '/admin', { cookie })).text();
    expect(html).toContain('Kentucky Library Association');
    for (const href of [`/admin/e/${event.slug}`, `/e/${event.slug}/desk`, `/e/${event.slug}/board`, `/e/${event.slug}/join`]) {
      expect(html).toContain(`href="${href}"`);
    }
    expect(html).toContain('action="/admin/logout"');
  });
});
