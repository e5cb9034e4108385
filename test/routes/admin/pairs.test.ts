// Live pairs: the list and every organizer action on a pair, or on two people (pair by hand).
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, matchRounds, pairs, participants } from '../../../db/schema.ts';
import { auditOf, makeEvent, makeParticipant, reloadParticipant } from '../../helpers/factories.ts';
import { followToDashboard, signedInOrganizer } from '../../helpers/organizer.ts';
import { allPairs, livePairsOf, pinnedPair, recordChanges, rosaAndMarcus } from '../../helpers/pairs.ts';
import { createTestApp, get, postForm } from '../../helpers/test-app.ts';

describe('GET /admin/e/:slug/pairs', () => {
  it('puts "my buddy isn\'t here" first, flags overdue pairs and shows a request for a different buddy', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const lena = makeParticipant(t.db, event, { name: 'Lena Park', present: true });
    const nadia = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Okafor', present: true });
    const first = pinnedPair(t, event, rosa.id, marcus.id);
    const second = pinnedPair(t, event, lena.id, nadia.id);
    // well past the meet time and the grace period; Lena says her buddy isn't here and asked for another
    t.clock.set(new Date(first.meetAt!.getTime() + 25 * 60_000));
    t.db.update(pairs).set({ buddyMissingAt: t.clock.now(), differentBuddyAt: t.clock.now() }).where(eq(pairs.id, second.id)).run();

    const res = await get(t.app, `/admin/e/${event.slug}/pairs`, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="live-pairs"/);
    expect(html.indexOf(`id="pair-${second.id}"`)).toBeLessThan(html.indexOf(`id="pair-${first.id}"`));
    expect(html).toContain(`<tr id="pair-${second.id}" class="pair-alert">`);
    expect(html).toContain('Buddy isn&#39;t here');
    expect(html).toContain('Asked for a different buddy');
    expect(html).toMatch(/waiting \d+ min/);
    // every button names its row for screen readers
    expect(html).toContain('Volunteer didn&#39;t come<span class="visually-hidden"> (Marcus Webb)</span>');
    expect(html).toContain(`<label for="move-${first.id}" class="visually-hidden">`);
    expect(html).toContain(`action="/admin/e/${event.slug}/first-timers/${lena.id}/rematch"`);
  });

  it('lists what needs attention and the next to meet, and every pair on asking, also after an action', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db, { spots: [{ name: 'Spot A', directions: '', pairsAtOnce: 20 }] });
    const made = [];
    for (let i = 0; i < 9; i++) {
      const f = makeParticipant(t.db, event, { name: `First ${i}`, present: true });
      const v = makeParticipant(t.db, event, { role: 'volunteer', name: `Vol ${i}`, present: true });
      made.push(pinnedPair(t, event, f.id, v.id));
    }
    // two of them need the organizer: they are listed whatever their place
    t.db.update(pairs).set({ differentBuddyAt: t.clock.now() }).where(inArray(pairs.id, [made[7]!.id, made[8]!.id])).run();
    const rows = (html: string) => [...html.matchAll(/<tr id="pair-(\d+)"/g)].map((m) => Number(m[1]));

    const short = await (await get(t.app, `/admin/e/${event.slug}/pairs`, { cookie, htmx: true })).text();
    expect(rows(short)).toEqual([made[7]!.id, made[8]!.id, made[0]!.id]);
    expect(short).toContain('6 more pairs on track, meeting later.');
    expect(short).toContain(`href="/admin/e/${event.slug}?pairs=all#pairs-heading"`);

    const all = await (await get(t.app, `/admin/e/${event.slug}?pairs=all`, { cookie })).text();
    expect(rows(all)).toHaveLength(9);
    expect(all).toContain(`hx-get="/admin/e/${event.slug}/pairs?all=1"`);
    expect(rows(await (await get(t.app, `/admin/e/${event.slug}/pairs?all=1`, { cookie, htmx: true })).text())).toHaveLength(9);

    // an action taken on the long list answers with the long list (htmx says where it came from)
    const res = await t.app.request(`http://buddydesk.test/admin/e/${event.slug}/pairs/${made[3]!.id}/unpair`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://buddydesk.test',
        Cookie: cookie,
        'HX-Request': 'true',
        'HX-Current-URL': `http://buddydesk.test/admin/e/${event.slug}?pairs=all`,
      },
      body: '',
    });
    expect(res.status).toBe(200);
    expect(rows(await res.text())).toHaveLength(8);
  });
});

describe('POST /admin/e/:slug/pairs (pair by hand)', () => {
  it('pins a pair, announces it, and says where and when they meet', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const changes = recordChanges(t, event);
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    const html = await followToDashboard(t, res, cookie);
    expect(html).toMatch(/Rosa Diaz and Marcus Webb are paired at Spot [AB], \d{1,2}:\d\d [AP]M\./);
    expect(livePairsOf(t, event.id)).toMatchObject([{ firstTimerId: rosa.id, volunteerId: marcus.id, pinned: true }]);
    expect(changes).toHaveLength(1);
    expect(auditOf(t.db, event.id)).toMatchObject([{ action: 'pin', organizerId: organizer.id }]);
  });

  it('counts the places planned pairs hold: refuses with 409 and says why, but lets a first-timer take their own planned place', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    // Marcus has room for one, held by Omar, planned before the conference and not here yet
    const omar = makeParticipant(t.db, event, { name: 'Omar Haddad' });
    const plan = (firstTimerId: number) =>
      t.db.insert(pairs).values({ eventId: event.id, firstTimerId, volunteerId: marcus.id, status: 'planned', score: 1, reasons: [], createdAt: t.clock.now() }).returning().get();
    const omarsPlan = plan(omar.id);
    const before = allPairs(t);
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('That volunteer&#39;s other places are held for first-timers planned before the conference.');
    expect(allPairs(t)).toEqual(before);

    // Omar here now: pairing him by hand with his own planned volunteer takes the place the plan held
    t.db.update(participants).set({ status: 'present', checkedInAt: t.clock.now() }).where(eq(participants.id, omar.id)).run();
    const own = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(omar.id), volunteerId: String(marcus.id) }, { cookie });
    expect(own.status).toBe(303);
    expect(livePairsOf(t, event.id)).toMatchObject([{ firstTimerId: omar.id, volunteerId: marcus.id }]);
    expect(allPairs(t).find((p) => p.id === omarsPlan.id)!.status).toBe('cancelled');
  });

  it('refuses a volunteer with no room left with 409, keeps the choices, and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const lena = makeParticipant(t.db, event, { name: 'Lena Park', present: true });
    pinnedPair(t, event, rosa.id, marcus.id);
    const before = { pairs: allPairs(t), audit: auditOf(t.db, event.id) };
    const changes = recordChanges(t, event);

    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(lena.id), volunteerId: String(marcus.id) }, { cookie });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('That volunteer has no room left');
    expect(html).toMatch(new RegExp(`<option value="${lena.id}" selected="">Lena Park</option>`));

    // with htmx the form itself is swapped back, not the pairs list
    const htmx = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(lena.id), volunteerId: String(marcus.id) }, { cookie, htmx: true });
    expect(htmx.status).toBe(409);
    expect(htmx.headers.get('HX-Retarget')).toBe('#pair-by-hand');
    expect(await htmx.text()).toMatch(/^<div id="pair-by-hand">/);

    const again = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already has a buddy');

    expect(allPairs(t)).toEqual(before.pairs);
    expect(auditOf(t.db, event.id)).toEqual(before.audit);
    expect(changes).toHaveLength(0);
  });

  it('replaces the notices already on the dashboard when htmx brings a new one', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, catalog, rosa, marcus } = rosaAndMarcus(t);
    const lena = makeParticipant(t.db, event, { name: 'Lena Park', present: true });
    const pair = pinnedPair(t, event, rosa.id, marcus.id);
    const otherSpot = catalog.spots.find((s) => s.id !== pair.spotId)!;
    const emptied = (html: string, id: string) => html.includes(`<div id="${id}" hx-swap-oob="true"></div>`);

    // a refused pin: its error sits by the form, the success by the pairs and at the top go
    const refused = await (
      await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(lena.id), volunteerId: String(marcus.id) }, { cookie, htmx: true })
    ).text();
    expect(refused).toContain('<div class="banner error" role="alert" id="pair-by-hand-message">That volunteer has no room left');
    expect(emptied(refused, 'pairs-message')).toBe(true);
    expect(emptied(refused, 'dashboard-message')).toBe(true);
    expect(emptied(refused, 'pair-by-hand-message')).toBe(false);

    // a pair action that works: its notice by the pairs; the form's old error and the top go
    const moved = await (
      await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/move`, { spotId: String(otherSpot.id) }, { cookie, htmx: true })
    ).text();
    expect(moved).toContain(`<div class="banner ok" role="status" id="pairs-message">Rosa Diaz and Marcus Webb now meet at ${otherSpot.name}`);
    expect(moved).toMatch(/<div id="pair-by-hand" hx-swap-oob="true"><div id="pair-by-hand-message"><\/div>/);
    expect(emptied(moved, 'dashboard-message')).toBe(true);

    // a refused pair action: its error by the pairs; the form's message and the top go
    await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/unpair`, {}, { cookie });
    const again = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/unpair`, {}, { cookie, htmx: true });
    expect(again.status).toBe(409);
    const againHtml = await again.text();
    expect(againHtml).toContain('id="pairs-message">That pair has already ended');
    expect(emptied(againHtml, 'pair-by-hand-message')).toBe(true);
    expect(emptied(againHtml, 'dashboard-message')).toBe(true);
  });

  it('re-renders with 422 when nobody was chosen', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = rosaAndMarcus(t);
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: '', volunteerId: 'x' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Choose a first-timer.');
    expect(html).toContain('aria-describedby="pin-volunteerId-error"');
    expect(allPairs(t)).toHaveLength(0);
  });
});

describe('POST /admin/e/:slug/pairs/:id/no-show', () => {
  it('rematches the first-timer with the second volunteer when the first did not come', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = pinnedPair(t, event, rosa.id, marcus.id);
    const nadia = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Okafor', present: true });
    const changes = recordChanges(t, event);

    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'volunteer' }, { cookie });
    const html = await followToDashboard(t, res, cookie);
    expect(html).toMatch(/Marcus Webb is marked as not here\. Rosa Diaz was rematched with Nadia Okafor at Spot [AB], \d{1,2}:\d\d [AP]M\./);

    expect(livePairsOf(t, event.id)).toMatchObject([{ firstTimerId: rosa.id, volunteerId: nadia.id, status: 'published' }]);
    expect(t.db.select().from(pairs).where(eq(pairs.id, pair.id)).get()).toMatchObject({ status: 'no_show', noShowParticipantId: marcus.id });
    expect(reloadParticipant(t.db, marcus.id)?.status).toBe('absent');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.participantIds).toEqual(expect.arrayContaining([rosa.id, marcus.id, nadia.id]));
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'no-show', organizerId: organizer.id });
  });

  it('returns the live-pairs fragment with the notice to htmx, and says when no volunteer is free', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = pinnedPair(t, event, rosa.id, marcus.id);
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'volunteer' }, { cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="live-pairs"/);
    expect(html).toContain('No volunteer is free; Rosa Diaz goes first in the next round.');
    // Rosa now waits, with a button to rematch her by hand
    expect(html).toContain(`action="/admin/e/${event.slug}/first-timers/${rosa.id}/rematch"`);
    expect(html).toContain('hx-swap-oob="true"');
    expect(livePairsOf(t, event.id)).toHaveLength(0);
  });

  it('gives the volunteer the place back when the first-timer did not come', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = pinnedPair(t, event, rosa.id, marcus.id);
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'first_timer' }, { cookie });
    const html = await followToDashboard(t, res, cookie);
    expect(html).toContain('Rosa Diaz is marked as not here; Marcus Webb has the place free again.');
    expect(reloadParticipant(t.db, rosa.id)?.status).toBe('absent');
    expect(livePairsOf(t, event.id)).toHaveLength(0);
  });

  it('refuses a pair that already ended with 409 and an unreadable form with 422, changing nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = pinnedPair(t, event, rosa.id, marcus.id);
    const bad = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'organizer' }, { cookie });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Say who did not come.');
    await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/unpair`, {}, { cookie });
    const before = { pairs: allPairs(t), audit: auditOf(t.db, event.id) };
    const ended = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'volunteer' }, { cookie, htmx: true });
    expect(ended.status).toBe(409);
    expect(await ended.text()).toContain('That pair has already ended');
    expect(allPairs(t)).toEqual(before.pairs);
    expect(auditOf(t.db, event.id)).toEqual(before.audit);
    expect(reloadParticipant(t.db, marcus.id)?.status).not.toBe('absent');
  });
});

describe('POST /admin/e/:slug/pairs/:id/move', () => {
  it('moves the pair to another spot, says where they now meet, and announces it', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event, catalog, rosa, marcus } = rosaAndMarcus(t);
    const spotB = catalog.spots.find((s) => s.name === 'Spot B')!;
    const pair = pinnedPair(t, event, rosa.id, marcus.id);
    const changes = recordChanges(t, event);

    const move = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/move`, { spotId: String(spotB.id) }, { cookie });
    expect(await followToDashboard(t, move, cookie)).toMatch(/Rosa Diaz and Marcus Webb now meet at Spot B/);
    expect(livePairsOf(t, event.id)).toMatchObject([{ id: pair.id, spotId: spotB.id }]);
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'move', organizerId: organizer.id });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ eventId: event.id, board: true });
  });
});

describe('POST /admin/e/:slug/forbidden-pairs', () => {
  it('ends the pair of the two, rematches the first-timer, says so, and announces it', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const nadia = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Okafor', present: true });
    pinnedPair(t, event, rosa.id, marcus.id);
    const changes = recordChanges(t, event);

    const forbid = await postForm(
      t.app,
      `/admin/e/${event.slug}/forbidden-pairs`,
      { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) },
      { cookie },
    );
    expect(await followToDashboard(t, forbid, cookie)).toContain('Rosa Diaz and Marcus Webb will not be paired again. Rosa Diaz was rematched with Nadia Okafor');
    expect(livePairsOf(t, event.id)).toMatchObject([{ firstTimerId: rosa.id, volunteerId: nadia.id }]);
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'forbid', organizerId: organizer.id });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.eventId).toBe(event.id);
  });

  it('makes a pair by hand of the two refused with 409 afterwards', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    await postForm(t.app, `/admin/e/${event.slug}/forbidden-pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    const res = await postForm(t.app, `/admin/e/${event.slug}/pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('an organizer forbade it');
    expect(allPairs(t)).toHaveLength(0);
  });
});

describe('POST /admin/e/:slug/pairs/:id/unpair', () => {
  it('ends the pair, says who is no longer paired, and announces it', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = pinnedPair(t, event, rosa.id, marcus.id);
    const changes = recordChanges(t, event);

    const unpaired = await postForm(t.app, `/admin/e/${event.slug}/pairs/${pair.id}/unpair`, {}, { cookie });
    expect(await followToDashboard(t, unpaired, cookie)).toContain('Rosa Diaz and Marcus Webb are no longer paired.');
    expect(livePairsOf(t, event.id)).toHaveLength(0);
    expect(reloadParticipant(t.db, rosa.id)).toMatchObject({ status: 'present', waitingSince: t.clock.now() });
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'unpair', organizerId: organizer.id });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ eventId: event.id, board: true });
  });
});

describe('POST /admin/e/:slug/first-timers/:id/rematch', () => {
  it('rematches the first-timer with the volunteer free for them, says where and when, and announces it', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const nadia = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Okafor', present: true });
    await postForm(t.app, `/admin/e/${event.slug}/forbidden-pairs`, { firstTimerId: String(rosa.id), volunteerId: String(marcus.id) }, { cookie });
    const changes = recordChanges(t, event);

    const rematch = await postForm(t.app, `/admin/e/${event.slug}/first-timers/${rosa.id}/rematch`, {}, { cookie });
    // Marcus is forbidden, so Nadia is the one volunteer free for Rosa
    expect(await followToDashboard(t, rematch, cookie)).toMatch(/Rosa Diaz was rematched with Nadia Okafor at Spot [AB], /);
    expect(livePairsOf(t, event.id)).toMatchObject([{ firstTimerId: rosa.id, volunteerId: nadia.id }]);
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'rematch', organizerId: organizer.id });
    expect(changes).toHaveLength(1);
    expect(changes[0]!.eventId).toBe(event.id);
  });
});

describe('forged ids and forged origins', () => {
  it('answers 404 for pairs, people and spots of another event, and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const mine = rosaAndMarcus(t);
    const theirs = rosaAndMarcus(t);
    const theirPair = pinnedPair(t, theirs.event, theirs.rosa.id, theirs.marcus.id);
    const myPair = pinnedPair(t, mine.event, mine.rosa.id, mine.marcus.id);
    const theirSpot = theirs.catalog.spots[1]!;
    const before = { pairs: allPairs(t), audit: t.db.select().from(auditLog).all(), people: t.db.select().from(participants).all() };
    const slug = mine.event.slug;

    const attempts: [string, Record<string, string>][] = [
      [`/admin/e/${slug}/pairs/${theirPair.id}/no-show`, { absentee: 'volunteer' }],
      [`/admin/e/${slug}/pairs/${theirPair.id}/unpair`, {}],
      [`/admin/e/${slug}/pairs/${theirPair.id}/move`, { spotId: String(mine.catalog.spots[0]!.id) }],
      [`/admin/e/${slug}/pairs/${myPair.id}/move`, { spotId: String(theirSpot.id) }],
      [`/admin/e/${slug}/pairs/abc/unpair`, {}],
      [`/admin/e/${slug}/forbidden-pairs`, { firstTimerId: String(theirs.rosa.id), volunteerId: String(mine.marcus.id) }],
      [`/admin/e/${slug}/first-timers/${theirs.rosa.id}/rematch`, {}],
      [`/admin/e/${slug}/pairs`, { firstTimerId: String(theirs.rosa.id), volunteerId: String(mine.marcus.id) }],
    ];
    for (const [path, fields] of attempts) {
      const res = await postForm(t.app, path, fields, { cookie });
      expect(res.status, path).toBe(404);
      const htmx = await postForm(t.app, path, fields, { cookie, htmx: true });
      expect(htmx.status, `${path} (htmx)`).toBe(404);
    }
    expect(allPairs(t)).toEqual(before.pairs);
    expect(t.db.select().from(auditLog).all()).toEqual(before.audit);
    expect(t.db.select().from(participants).all()).toEqual(before.people);
  });

  it('refuses POSTs without an Origin header with 403 and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const pair = pinnedPair(t, event, rosa.id, marcus.id);
    const noOrigin = (path: string, fields: Record<string, string>) =>
      t.app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await noOrigin(`/admin/e/${event.slug}/rounds`, {})).status).toBe(403);
    expect((await noOrigin(`/admin/e/${event.slug}/pairs/${pair.id}/no-show`, { absentee: 'volunteer' })).status).toBe(403);
    expect((await noOrigin(`/admin/e/${event.slug}/pairs/${pair.id}/unpair`, {})).status).toBe(403);
    expect(t.db.select().from(matchRounds).all()).toHaveLength(0);
    expect(livePairsOf(t, event.id)).toMatchObject([{ id: pair.id, status: 'published' }]);
  });
});
