import { describe, expect, it } from 'vitest';
import { findEventBySlug } from '../../src/domain/events.ts';
import { letterCode, letterSecret } from '../../src/domain/letters.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { eventEnd, pairedEvent } from '../helpers/after-event.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { createTestApp, get, type TestApp } from '../helpers/test-app.ts';

/** Bartholomew welcomed Octavia (they met) and Bo; the event is over. */
function afterTheEvent() {
  const t = createTestApp();
  const paired = pairedEvent(t, { met: true });
  const bo = makeParticipant(t.db, paired.event, { name: 'Bo Brandt', present: true });
  const pinned = pinPair(t.db, paired.event, { firstTimerId: bo.id, volunteerId: paired.v.id, organizerId: paired.organizer.id, now: t.clock.now() });
  if (!pinned.ok) throw new Error(pinned.reason);
  t.clock.set(new Date(eventEnd.getTime() + 60_000));
  return { t, ...paired, bo };
}

const codeOf = (t: TestApp, eventId: number, volunteerId: number) => letterCode(letterSecret(t.db, t.clock.now()), eventId, volunteerId);

describe('GET /e/:slug/me/:token/letter', () => {
  it("shows a volunteer's letter: name, role, event and dates, the first-timers welcomed, meetups confirmed, a verification link", async () => {
    const { t, event, v } = afterTheEvent();
    const res = await get(t.app, `/e/${event.slug}/me/${v.token}/letter`);
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/\s+/g, ' ');
    expect(html).toContain('<strong>Bartholomew Quinn</strong>');
    expect(html).toContain('<strong>volunteer buddy</strong>');
    expect(html).toContain('<strong>Test Library Association Annual</strong>, October 14–15, 2026.');
    expect(html).toContain('Bartholomew welcomed 2 first-time attendees to the conference — Octavia R. and Bo B. — and 1 meetup was confirmed');
    expect(html).not.toContain('Reyes');
    expect(html).toContain(`http://buddydesk.test/e/${event.slug}/letters/${codeOf(t, event.id, v.id)}`);
    expect(html).toContain('October 16, 2026');
  });

  it('is offered on the volunteer’s personal page after the event, not before', async () => {
    const { t, event, v, ft } = afterTheEvent();
    expect(await (await get(t.app, `/e/${event.slug}/me/${v.token}`)).text()).toContain(`href="/e/${event.slug}/me/${v.token}/letter"`);
    expect(await (await get(t.app, `/e/${event.slug}/me/${ft.token}`)).text()).not.toContain('/letter"');
    t.clock.set(new Date(eventEnd.getTime() - 60_000));
    expect(await (await get(t.app, `/e/${event.slug}/me/${v.token}`)).text()).not.toContain('/letter"');
  });

  it('says there is no letter yet during the event, and none for a first-timer', async () => {
    const { t, event, v, ft } = afterTheEvent();
    const forFirstTimer = await get(t.app, `/e/${event.slug}/me/${ft.token}/letter`);
    expect(forFirstTimer.status).toBe(404);
    expect(await forFirstTimer.text()).toContain('Letters of recognition are for volunteer buddies.');
    t.clock.set(new Date(eventEnd.getTime() - 60_000));
    const early = await get(t.app, `/e/${event.slug}/me/${v.token}/letter`);
    expect(early.status).toBe(404);
    expect(await early.text()).toContain('once the conference is over');
  });

  it('gives no letter to a volunteer who never came', async () => {
    const { t, event } = afterTheEvent();
    const absent = makeParticipant(t.db, event, { role: 'volunteer', name: 'Never Came' });
    const res = await get(t.app, `/e/${event.slug}/me/${absent.token}/letter`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('We have no record of you serving as a buddy');
  });
});

describe('GET /e/:slug/letters/:code', () => {
  it('confirms a genuine letter with what it says', async () => {
    const { t, event, v } = afterTheEvent();
    const res = await get(t.app, `/e/${event.slug}/letters/${codeOf(t, event.id, v.id)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>This letter is genuine</h1>');
    expect(html).toContain('<strong>Bartholomew Quinn</strong>');
    expect(html).toContain('they welcomed 2 first-time attendees (Octavia R. and Bo B.), and 1 meetup was confirmed.');
  });

  it('refuses a changed code, another volunteer’s number, another event’s code, and garbage with 404', async () => {
    const { t, event, v, ft } = afterTheEvent();
    const code = codeOf(t, event.id, v.id);
    const { event: other } = makeEvent(t.db);
    const flipped = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [flipped, `${ft.id}${code.slice(code.indexOf('-'))}`, codeOf(t, other.id, v.id), 'x', `${v.id}-${'A'.repeat(22)}`, '%ZZ']) {
      const res = await get(t.app, `/e/${event.slug}/letters/${bad}`);
      expect(res.status, bad).toBe(404);
      expect(await res.text()).toContain('We cannot confirm this letter');
    }
    expect(findEventBySlug(t.db, event.slug)).toBeDefined();
  });
});
