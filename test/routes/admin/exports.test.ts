// Exports: the page, and each CSV's columns, values (times in the event's zone) and formula-safety,
// read back with the CSV library as a spreadsheet would read them.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { markNoShow } from '../../../src/domain/pairs.ts';
import { proposeRound, publishRound } from '../../../src/domain/rounds.ts';
import { makeParticipant } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { deskLead, pinnedPair, rosaAndMarcus } from '../../helpers/pairs.ts';
import { createTestApp, get, type TestApp } from '../../helpers/test-app.ts';

async function download(t: TestApp, cookie: string, path: string) {
  const res = await get(t.app, path, { cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await res.arrayBuffer());
  // the byte-order mark makes Excel read the file as UTF-8
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(Buffer.from(bytes), { bom: true }) as string[][];
  const [header, ...body] = rows;
  return { res, header: header!, body, record: (i: number) => Object.fromEntries(header!.map((h, c) => [h, body[i]![c]])) };
}

/** Rosa and Marcus paired at Spot A (checked in at 9:00 AM New York time), a waiting first-timer with a formula for a name. */
function dayAtTheDesk() {
  const t = createTestApp({ now: new Date('2026-10-14T13:00:00Z') });
  const { cookie, organizer } = signedInOrganizer(t);
  const { event, rosa, marcus } = rosaAndMarcus(t);
  t.clock.set(new Date('2026-10-14T14:00:00Z'));
  const pair = pinnedPair(t, event, rosa.id, marcus.id, organizer.id);
  const mallory = makeParticipant(t.db, event, { name: '=cmd|/C calc!A0', email: 'mallory@example.org', affiliation: '+1 555 0100', present: true });
  return { t, cookie, organizer, event, rosa, marcus, pair, mallory, base: `/admin/e/${event.slug}/exports` };
}

describe('GET /admin/e/:slug/exports', () => {
  it('lists each export with a download link and its count, and is linked from the dashboard', async () => {
    const d = dayAtTheDesk();
    const html = await (await get(d.t.app, d.base, { cookie: d.cookie })).text();
    for (const kind of ['people', 'pairs', 'rounds', 'audit']) expect(html).toContain(`href="${d.base}/${kind}.csv" download`);
    expect(html).toContain('3 people');
    expect(html).toContain('1 pair');
    expect(html).toContain('Times are in America/New_York.');
    const dashboard = await (await get(d.t.app, `/admin/e/${d.event.slug}`, { cookie: d.cookie })).text();
    expect(dashboard).toContain(`href="${d.base}"`);
  });

  it('answers an unknown export with 404', async () => {
    const d = dayAtTheDesk();
    expect((await get(d.t.app, `${d.base}/secrets.csv`, { cookie: d.cookie })).status).toBe(404);
    expect((await get(d.t.app, `${d.base}/people.json`, { cookie: d.cookie })).status).toBe(404);
  });

  it('sends a signed-out visitor to the login instead of a file', async () => {
    const d = dayAtTheDesk();
    const res = await get(d.t.app, `${d.base}/people.csv`);
    expect(res.status).toBe(303);
  });
});

describe('GET /admin/e/:slug/exports/people.csv', () => {
  it('has a row per person with status, check-in time in the event zone, buddy and profile', async () => {
    const d = dayAtTheDesk();
    const { res, header, body, record } = await download(d.t, d.cookie, `${d.base}/people.csv`);
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="people-${d.event.slug}.csv"`);
    expect(header).toEqual([
      'id', 'name', 'email', 'role', 'status', 'checked_in', 'checked_in_at', 'buddy', 'desk_code', 'pronouns', 'affiliation',
      'library_type', 'region', 'languages', 'interests', 'sessions', 'capacity', 'accessibility_needs', 'shares_email',
      'pre_registered', 'registered_at',
    ]);
    expect(body).toHaveLength(3);
    expect(record(0)).toMatchObject({
      id: String(d.rosa.id), name: 'Rosa Diaz', role: 'first-timer', status: 'matched', checked_in: 'yes',
      checked_in_at: '2026-10-14 09:00', buddy: 'Marcus Webb', desk_code: d.rosa.deskCode, interests: 'Youth services', capacity: '', pre_registered: 'no',
    });
    expect(record(1)).toMatchObject({ name: 'Marcus Webb', role: 'volunteer', buddy: 'Rosa Diaz', capacity: '1' });
    expect(record(2)).toMatchObject({ status: 'present', buddy: '' });
  });

  it('makes cells that would start a formula plain text', async () => {
    const d = dayAtTheDesk();
    const { record } = await download(d.t, d.cookie, `${d.base}/people.csv`);
    expect(record(2)).toMatchObject({ name: "'=cmd|/C calc!A0", affiliation: "'+1 555 0100", email: 'mallory@example.org' });
  });
});

describe('GET /admin/e/:slug/exports/pairs.csv', () => {
  it('has every pair with its score, reasons, spot, meet time and status, including one that ended in a no-show', async () => {
    const d = dayAtTheDesk();
    d.t.clock.set(new Date('2026-10-14T15:00:00Z'));
    const ended = markNoShow(d.t.db, d.event, { pairId: d.pair.id, absentee: 'volunteer', organizerId: d.organizer.id, now: d.t.clock.now() });
    expect(ended.ok).toBe(true);
    const { header, body, record } = await download(d.t, d.cookie, `${d.base}/pairs.csv`);
    expect(header).toEqual([
      'id', 'first_timer', 'first_timer_email', 'volunteer', 'volunteer_email', 'score', 'reasons', 'spot', 'meet_at', 'status',
      'pinned', 'round', 'made_at', 'met_at', 'ended_at', 'did_not_come',
    ]);
    expect(body).toHaveLength(1);
    expect(record(0)).toMatchObject({
      id: String(d.pair.id), first_timer: 'Rosa Diaz', volunteer: 'Marcus Webb', score: String(d.pair.score), reasons: d.pair.reasons.join('; '),
      spot: 'Spot A', status: 'no-show', pinned: 'yes', round: '', made_at: '2026-10-14 10:00', ended_at: '2026-10-14 11:00', did_not_come: 'Marcus Webb',
    });
    expect(record(0).meet_at).toMatch(/^2026-10-14 10:\d\d$/);
  });
});

describe('GET /admin/e/:slug/exports/rounds.csv and audit.csv', () => {
  it('lists a published round with who started it and what it proposed', async () => {
    const d = dayAtTheDesk();
    makeParticipant(d.t.db, d.event, { role: 'volunteer', name: 'Ida Ready', present: true });
    const proposed = proposeRound(d.t.db, d.event, { organizerId: d.organizer.id, trigger: 'organizer', now: d.t.clock.now() });
    if (!proposed.ok) throw new Error(proposed.reason);
    publishRound(d.t.db, d.event, { roundId: proposed.round.id, organizerId: d.organizer.id, now: d.t.clock.now() });
    const { header, record } = await download(d.t, d.cookie, `${d.base}/rounds.csv`);
    expect(header).toEqual(['id', 'started_at', 'started_by', 'status', 'pairs_proposed', 'unmatched', 'objective', 'published_at']);
    expect(record(0)).toMatchObject({
      id: String(proposed.round.id), started_at: '2026-10-14 10:00', started_by: 'Ana Organizer', status: 'published',
      pairs_proposed: '1', unmatched: '0', published_at: '2026-10-14 10:00',
    });
  });

  it('lists every audit entry oldest first, with who did it', async () => {
    const d = dayAtTheDesk();
    const lead = deskLead(d.t);
    d.t.clock.set(new Date('2026-10-14T15:00:00Z'));
    markNoShow(d.t.db, d.event, { pairId: d.pair.id, absentee: 'first_timer', organizerId: lead.id, now: d.t.clock.now() });
    const { header, body } = await download(d.t, d.cookie, `${d.base}/audit.csv`);
    expect(header).toEqual(['at', 'by', 'action', 'detail']);
    expect(body.map((r) => [r[0], r[1]])).toEqual([
      ['2026-10-14 10:00', 'Ana Organizer'],
      ['2026-10-14 11:00', 'Desk Lead'],
    ]);
  });
});
