// The personal page on the event day: every meetup of a volunteer, a quiet "different buddy"
// that still confirms on screen, a refresh due at the meet time, and openers instead of the
// organizers' "pinned" note.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pairs } from '../../db/schema.ts';
import type { NewEvent } from '../../src/domain/events.ts';
import { movePair } from '../../src/domain/pairs.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { deskLead, pinnedPair } from '../helpers/pairs.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

const MINUTE = 60_000;
const twoSpots: NewEvent['spots'] = [
  { name: 'Spot A', directions: 'Blue banner left of Hall C', pairsAtOnce: 4 },
  { name: 'Spot B', directions: 'By the coffee cart', pairsAtOnce: 4 },
];

function eventWithOrganizer(t: TestApp, overrides: Partial<NewEvent> = {}) {
  const { event, catalog } = makeEvent(t.db, { spots: twoSpots, ...overrides });
  const organizer = deskLead(t);
  const pin = (firstTimerId: number, volunteerId: number) => pinnedPair(t, event, firstTimerId, volunteerId, organizer.id);
  return { event, catalog, organizer, pin };
}

const vevents = (ics: string) => ics.split('BEGIN:VEVENT').slice(1);

describe('a volunteer with first-timers at different times and spots', () => {
  function volunteerWithTwoMeetups(t: TestApp) {
    const { event, catalog, organizer, pin } = eventWithOrganizer(t);
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk', capacity: 3, present: true });
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', present: true });
    const cy = makeParticipant(t.db, event, { name: 'Cy Cole', present: true });
    const first = pin(ana.id, vera.id); // 10:15 AM at Spot A
    pin(cy.id, vera.id); // joins the same meetup
    // Vera's first meetup has begun; a first-timer paired now gets the next slot, then moves to Spot B
    t.clock.set(new Date(first.meetAt!.getTime() + 5 * MINUTE));
    const bo = makeParticipant(t.db, event, { name: 'Bo Brandt', present: true });
    const later = pin(bo.id, vera.id);
    const spotB = catalog.spots.find((s) => s.name === 'Spot B')!;
    expect(movePair(t.db, event, { pairId: later.id, spotId: spotB.id, organizerId: organizer.id, now: t.clock.now() }).ok).toBe(true);
    expect(later.meetAt!.getTime()).toBeGreaterThan(first.meetAt!.getTime());
    return { event, vera, first, later };
  }

  it('shows every meetup on the page: who, when and where', async () => {
    const t = createTestApp();
    const { event, vera } = volunteerWithTwoMeetups(t);
    const html = await (await get(t.app, `/e/${event.slug}/me/${vera.token}/status`)).text();
    const groups = html.split('class="meetup-group"').slice(1);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toContain('10:15 AM');
    expect(groups[0]).toContain('Spot A');
    expect(groups[0]).toContain('Ana A.');
    expect(groups[0]).toContain('Cy C.');
    expect(groups[0]).not.toContain('Bo B.');
    expect(groups[1]).toContain('10:30 AM');
    expect(groups[1]).toContain('Spot B');
    expect(groups[1]).toContain('By the coffee cart');
    expect(groups[1]).toContain('Bo B.');
    expect(html).toContain('Add these meetups to your calendar');
  });

  it('puts one calendar event per meetup in the .ics, naming everyone who comes to it', async () => {
    const t = createTestApp();
    const { event, vera, first, later } = volunteerWithTwoMeetups(t);
    const res = await get(t.app, `/e/${event.slug}/me/${vera.token}/meetup.ics`);
    expect(res.status).toBe(200);
    const events = vevents(await res.text());
    expect(events).toHaveLength(2);
    const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(events[0]).toContain(`DTSTART:${stamp(first.meetAt!)}`);
    expect(events[0]).toContain('SUMMARY:Meet your first-timers Ana A. and Cy C.');
    expect(events[0]).toContain('LOCATION:Spot A');
    expect(events[1]).toContain(`DTSTART:${stamp(later.meetAt!)}`);
    expect(events[1]).toContain('SUMMARY:Meet your first-timer Bo B.');
    expect(events[1]).toContain('LOCATION:Spot B');
    const uids = events.map((e) => /UID:(\S+)/.exec(e)![1]);
    expect(new Set(uids).size).toBe(2);
  });
});

describe('"I\'d like a different buddy"', () => {
  function pairedAnaAndVera(t: TestApp) {
    const { event, pin } = eventWithOrganizer(t);
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', present: true });
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk', present: true });
    const pair = pin(ana.id, vera.id);
    return { event, ana, vera, pair };
  }

  it('confirms in the swapped fragment with htmx, in place of the button', async () => {
    const t = createTestApp();
    const { event, ana, vera, pair } = pairedAnaAndVera(t);
    const res = await postForm(t.app, `/e/${event.slug}/me/${ana.token}/pairs/${pair.id}/different`, {}, { htmx: true });
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment.startsWith('<section id="me-status"')).toBe(true);
    expect(fragment).toContain('You asked for a different buddy. Only the organizers see this');
    expect(fragment).not.toContain('I&#39;d like a different buddy');
    expect(t.db.select().from(pairs).where(eq(pairs.id, pair.id)).get()!.differentBuddyAt).toEqual(t.clock.now());
    // quiet: the buddy's page says nothing of it
    expect(await (await get(t.app, `/e/${event.slug}/me/${vera.token}`)).text()).not.toMatch(/different buddy/i);
  });

  it('confirms after the redirect without JavaScript, and keeps saying so on the page', async () => {
    const t = createTestApp();
    const { event, ana, pair } = pairedAnaAndVera(t);
    const res = await postForm(t.app, `/e/${event.slug}/me/${ana.token}/pairs/${pair.id}/different`, {});
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toBe(`/e/${event.slug}/me/${ana.token}?notice=different`);
    const page = await (await get(t.app, location, { cookie: cookiesFrom(res) })).text();
    expect(page).toContain('Thanks for telling us; we passed it on quietly.');
    expect(page).toContain('You asked for a different buddy.');
    const later = await (await get(t.app, `/e/${event.slug}/me/${ana.token}`)).text();
    expect(later).toContain('You asked for a different buddy.');
    expect(later).not.toContain('I&#39;d like a different buddy');
  });
});

describe('the status fragment refreshes when it is due to change', () => {
  it('asks for itself again at the meet time, when "My buddy isn\'t here" appears', async () => {
    const t = createTestApp();
    const { event, pin } = eventWithOrganizer(t);
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', present: true });
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk', present: true });
    const pair = pin(ana.id, vera.id);
    t.clock.set(new Date(pair.meetAt!.getTime() - 90_000));
    const before = await (await get(t.app, `/e/${event.slug}/me/${ana.token}/status`)).text();
    // 90 s to go, and half a second so the server agrees the time has come
    expect(before).toContain('hx-trigger="sse:changed, every 30s, load delay:90500ms"');
    expect(before).not.toContain('My buddy isn&#39;t here');

    t.clock.set(pair.meetAt!);
    const at = await (await get(t.app, `/e/${event.slug}/me/${ana.token}/status`)).text();
    expect(at).toContain('My buddy isn&#39;t here');
    expect(at).toContain('hx-trigger="sse:changed, every 30s"');
    // the volunteer's page does not change at the meet time
    t.clock.set(new Date(pair.meetAt!.getTime() - 90_000));
    const volunteer = await (await get(t.app, `/e/${event.slug}/me/${vera.token}/status`)).text();
    expect(volunteer).toContain('hx-trigger="sse:changed, every 30s"');
  });
});

describe('without JavaScript', () => {
  it('says "this page updates by itself" only where scripts run, and asks for a reload otherwise', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', present: true });
    const html = await (await get(t.app, `/e/${event.slug}/me/${ana.token}`)).text();
    expect(html).toContain('<noscript><link rel="stylesheet" href="/static/css/noscript.css"/></noscript>');
    expect(html).toContain('<span class="live-hint"> This page updates by itself.</span>');
    expect(html).toContain('<noscript> Reload this page to see what&#39;s new.</noscript>');
    const css = await (await get(t.app, '/static/css/noscript.css')).text();
    expect(css).toMatch(/\.live-hint\s*\{\s*display:\s*none;?\s*\}/);
  });
});

describe('something to talk about', () => {
  it('never shows "pinned by an organizer" on either phone', async () => {
    const t = createTestApp();
    const { event, catalog, pin } = eventWithOrganizer(t);
    const youth = catalog.interests.find((i) => i.label === 'Youth services')!.id;
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', interests: [youth], present: true });
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk', interests: [youth], present: true });
    const pair = pin(ana.id, vera.id);
    expect(pair.reasons).toContain('pinned by an organizer');
    for (const token of [ana.token, vera.token]) {
      const html = await (await get(t.app, `/e/${event.slug}/me/${token}`)).text();
      expect(html).not.toMatch(/pinned/i);
      expect(html).toContain('you both picked Youth services');
      expect(html).not.toContain('Ask each other');
    }
  });

  it('offers the next session on the program after the meetup when they share only a language', async () => {
    const t = createTestApp();
    const { event, pin } = eventWithOrganizer(t, {
      sessions: [
        { code: 'S1', title: 'Linked Data 101', room: 'Room A', startsAt: '2026-10-14T10:00', endsAt: '2026-10-14T11:00' },
        { code: 'S2', title: 'Teen Book Clubs That Work', room: 'Room B', startsAt: '2026-10-14T11:00', endsAt: '2026-10-14T12:00' },
        { code: 'S3', title: 'Makerspaces That Last', room: 'Cedar Room', startsAt: '2026-10-14T11:00', endsAt: '2026-10-14T12:00' },
        { code: 'S4', title: 'Weeding Without Tears', room: 'Room A', startsAt: '2026-10-14T13:30', endsAt: '2026-10-14T14:30' },
      ],
    });
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', languages: ['Spanish'], present: true });
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk', languages: ['Spanish'], present: true });
    const pair = pin(ana.id, vera.id); // meets at 10:15 AM, so 10:00 sessions have begun
    expect(pair.reasons).toEqual(['pinned by an organizer']);
    for (const token of [ana.token, vera.token]) {
      const html = await (await get(t.app, `/e/${event.slug}/me/${token}/status`)).text();
      expect(html).toContain('Next on the program');
      // of the two 11:00 sessions, the first in the program's order
      expect(html).toContain('“Teen Book Clubs That Work” at 11:00 AM, Room B — go together?');
      expect(html).not.toMatch(/pinned/i);
    }
  });

  it('prefers, among sessions at the same time, one that either of them plans to attend', async () => {
    const t = createTestApp();
    const { event, catalog, pin } = eventWithOrganizer(t, {
      sessions: [
        { code: 'S2', title: 'Teen Book Clubs That Work', room: 'Room B', startsAt: '2026-10-14T11:00', endsAt: '2026-10-14T12:00' },
        { code: 'S3', title: 'Makerspaces That Last', room: 'Cedar Room', startsAt: '2026-10-14T11:00', endsAt: '2026-10-14T12:00' },
      ],
    });
    const makerspaces = catalog.sessions.find((s) => s.code === 'S3')!.id;
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', sessions: [makerspaces], present: true });
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk', present: true });
    pin(ana.id, vera.id);
    const html = await (await get(t.app, `/e/${event.slug}/me/${vera.token}/status`)).text();
    expect(html).toContain('“Makerspaces That Last” at 11:00 AM, Cedar Room');
  });

  it('asks a conversation starter, the same on both phones, when nothing is left on the program that day', async () => {
    const t = createTestApp();
    const { event, pin } = eventWithOrganizer(t); // the factory's 14 October sessions start at 10:00, before the meetup
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', present: true });
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk', present: true });
    pin(ana.id, vera.id);
    const question = (html: string) => /<span class="label">Ask each other<\/span> ([^<]+)<\/p>/.exec(html)?.[1];
    const mine = question(await (await get(t.app, `/e/${event.slug}/me/${ana.token}/status`)).text());
    const theirs = question(await (await get(t.app, `/e/${event.slug}/me/${vera.token}/status`)).text());
    expect(mine).toMatch(/\?$/);
    expect(theirs).toBe(mine);
    expect(await (await get(t.app, `/e/${event.slug}/me/${ana.token}/status`)).text()).not.toContain('the best buddy with room');
  });
});
