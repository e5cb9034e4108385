// The kiosk's welcome after a desk-code check-in speaks to who checked in: a volunteer is thanked
// as a volunteer, a first-timer is told a buddy is coming (or is already there).
import { describe, expect, it } from 'vitest';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { enrolKioskCookie } from '../helpers/kiosk.ts';
import { createTestApp, postForm, type TestApp } from '../helpers/test-app.ts';

async function checkInAtKiosk(t: TestApp, slug: string, deskCode: string) {
  const { cookie } = await enrolKioskCookie(t, slug);
  const res = await postForm(t.app, `/e/${slug}/desk/check-in`, { code: deskCode }, { cookie });
  expect(res.status).toBe(200);
  return res.text();
}

describe('POST /e/:slug/desk/check-in greets by role', () => {
  it('greets a volunteer as a volunteer, not with "we\'ll find you a buddy"', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const v = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn' });
    const html = await checkInAtKiosk(t, event.slug, v.deskCode);
    expect(html).toContain('Welcome, Bartholomew!');
    expect(html).toContain('checked in as a volunteer buddy');
    expect(html).toContain('Your first-timers will appear on your personal page.');
    expect(html).not.toContain('find you a buddy');
  });

  it('tells a first-timer we will find them a buddy', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const f = makeParticipant(t.db, event, { name: 'Octavia Reyes' });
    const html = await checkInAtKiosk(t, event.slug, f.deskCode);
    expect(html).toContain('We&#39;ll find you a buddy shortly.');
    expect(html).not.toContain('volunteer');
  });

  it('tells a first-timer who already has a buddy where to look instead', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const organizer = upsertOrganizer(t.db, { email: 'desk@example.org', password: 'long enough secret', name: 'Desk Lead' }, t.clock.now());
    const f = makeParticipant(t.db, event, { name: 'Octavia Reyes', present: true });
    const v = makeParticipant(t.db, event, { role: 'volunteer', present: true });
    expect(pinPair(t.db, event, { firstTimerId: f.id, volunteerId: v.id, organizerId: organizer.id, now: t.clock.now() }).ok).toBe(true);
    const html = await checkInAtKiosk(t, event.slug, f.deskCode);
    expect(html).toContain('you have a buddy');
    expect(html).not.toContain('find you a buddy');
  });
});
