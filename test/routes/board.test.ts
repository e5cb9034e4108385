import { serve, type ServerType } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { pairs } from '../../db/schema.ts';
import { createApp } from '../../src/app.tsx';
import { migrateDb, openDb, type Db } from '../../src/db.ts';
import type { Event } from '../../src/domain/events.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { createTestApp, get } from '../helpers/test-app.ts';
import { freePort } from '../e2e/browser.ts';

const spots = [
  { name: 'Spot A', directions: 'Red pillar by the escalators', pairsAtOnce: 4 },
  { name: 'Spot B', directions: 'blue banner by Hall C', pairsAtOnce: 4 },
];

/** A published pair, written straight to the table so these tests don't depend on the round code. */
function insertPair(
  db: Db,
  event: Event,
  args: { firstTimer: { id: number }; volunteer: { id: number }; spotId: number; meetAt: Date; status?: 'published' | 'met' | 'cancelled' },
) {
  return db
    .insert(pairs)
    .values({
      eventId: event.id,
      firstTimerId: args.firstTimer.id,
      volunteerId: args.volunteer.id,
      spotId: args.spotId,
      meetAt: args.meetAt,
      status: args.status ?? 'published',
      score: 3,
      reasons: ['shared interest: Youth services'],
      createdAt: new Date('2026-10-14T13:55:00Z'),
    })
    .returning()
    .get();
}

function octaviaAndBartholomew(db: Db) {
  const { event, catalog } = makeEvent(db, { spots });
  const youth = catalog.interests.find((i) => i.label === 'Youth services')!;
  const firstTimer = makeParticipant(db, event, {
    name: 'Octavia Rutherford',
    email: 'octavia.rutherford@example.org',
    interests: [youth.id],
    present: true,
  });
  const volunteer = makeParticipant(db, event, {
    role: 'volunteer',
    name: 'Bartholomew Quinn',
    email: 'bart.quinn@example.org',
    interests: [youth.id],
    present: true,
  });
  const spotB = catalog.spots.find((s) => s.name === 'Spot B')!;
  return { event, catalog, firstTimer, volunteer, spotB };
}

// 14:30Z is 10:30 AM in New York, the test event's timezone
const meetAt = new Date('2026-10-14T14:30:00Z');

describe('GET /e/:slug/board', () => {
  it('shows each pair by first name and last initial with the spot, its directions and the meet time in the event timezone', async () => {
    const t = createTestApp();
    const { event, firstTimer, volunteer, spotB } = octaviaAndBartholomew(t.db);
    insertPair(t.db, event, { firstTimer, volunteer, spotId: spotB.id, meetAt });

    const res = await get(t.app, `/e/${event.slug}/board`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<body class="board">');
    expect(html).toContain('Octavia R.');
    expect(html).toContain('Bartholomew Q.');
    expect(html).toContain('Spot B');
    expect(html).toContain('blue banner by Hall C');
    expect(html).toContain('10:30 AM');
    // the clock: 14:00Z is 10:00 AM in New York
    expect(html).toMatch(/data-board-clock[^>]*>10:00 AM</);
    // live wiring: the stream around the fragment, polling on the fragment itself
    expect(html).toContain(`sse-connect="/e/${event.slug}/board/stream"`);
    expect(html).toContain('hx-ext="sse"');
    expect(html).toMatch(/id="board"[^>]*hx-get="\/e\/[^"]+\/board\/pairs"[^>]*hx-trigger="every 30s"[^>]*hx-target="this"[^>]*hx-swap="outerHTML settle:0ms"[^>]*sse-swap="board"/);
    expect(html).toContain('<script src="/static/js/board.js" defer=""></script>');
    // people standing at the board can register; the board is public, so its link checks nobody in
    expect(html).toContain('aria-label="QR code to register for a buddy"');
    expect(html).toContain('<svg');
    expect(html).not.toContain('?k=');
  });

  it('never shows a last name, an e-mail address or an interest', async () => {
    const t = createTestApp();
    const { event, firstTimer, volunteer, spotB } = octaviaAndBartholomew(t.db);
    insertPair(t.db, event, { firstTimer, volunteer, spotId: spotB.id, meetAt });

    for (const path of [`/e/${event.slug}/board`, `/e/${event.slug}/board/pairs`]) {
      const html = await (await get(t.app, path)).text();
      expect(html).toContain('Octavia R.');
      for (const secret of ['Rutherford', 'Quinn', '@example.org', 'octavia.rutherford', 'Youth services', 'shared interest']) {
        expect(html).not.toContain(secret);
      }
    }
  });

  it('shows one initial, not a surname, whatever separators people typed in their names', async () => {
    const t = createTestApp();
    const { event, catalog } = makeEvent(t.db, { spots });
    const spotId = catalog.spots[0]!.id;
    const typed = ['Doe, Jane', 'Jane_Doe', 'Jane\u200BDoe'];
    for (const name of typed) {
      const firstTimer = makeParticipant(t.db, event, { name, present: true });
      const volunteer = makeParticipant(t.db, event, { role: 'volunteer', name: 'Walter Okonkwo', present: true });
      insertPair(t.db, event, { firstTimer, volunteer, spotId, meetAt });
    }
    const html = await (await get(t.app, `/e/${event.slug}/board/pairs`)).text();
    expect(html).not.toContain('Doe');
    expect(html.match(/Jane D\./g)).toHaveLength(3);
  });

  it('groups pairs by meet time and leaves out ended pairs and slots already over', async () => {
    const t = createTestApp();
    const { event, catalog, spotB } = octaviaAndBartholomew(t.db);
    const spotA = catalog.spots.find((s) => s.name === 'Spot A')!;
    const person = (name: string, role: 'first_timer' | 'volunteer' = 'first_timer') =>
      makeParticipant(t.db, event, { name, role, present: true });
    insertPair(t.db, event, { firstTimer: person('Ada Lovelace'), volunteer: person('Grace Hopper', 'volunteer'), spotId: spotA.id, meetAt: new Date('2026-10-14T14:15:00Z') });
    insertPair(t.db, event, { firstTimer: person('Alan Turing'), volunteer: person('Edsger Dijkstra', 'volunteer'), spotId: spotB.id, meetAt: new Date('2026-10-14T14:15:00Z') });
    insertPair(t.db, event, { firstTimer: person('Barbara Liskov'), volunteer: person('Donald Knuth', 'volunteer'), spotId: spotB.id, meetAt });
    insertPair(t.db, event, { firstTimer: person('Claude Shannon'), volunteer: person('John Backus', 'volunteer'), spotId: spotB.id, meetAt, status: 'cancelled' });
    insertPair(t.db, event, { firstTimer: person('Early Bird'), volunteer: person('Long Gone', 'volunteer'), spotId: spotB.id, meetAt: new Date('2026-10-14T13:00:00Z') });

    const html = await (await get(t.app, `/e/${event.slug}/board/pairs`)).text();
    const headings = [...html.matchAll(/<h2><time[^>]*>([^<]+)<\/time><\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['10:15 AM', '10:30 AM']);
    expect(html.indexOf('Ada L.')).toBeLessThan(html.indexOf('Alan T.'));
    expect(html.indexOf('Alan T.')).toBeLessThan(html.indexOf('Barbara L.'));
    expect(html).not.toContain('Claude S.');
    expect(html).not.toContain('Early B.');
    expect(html).not.toContain('data-board-page="2"');
    expect(html).not.toContain('Page 1 of');
  });

  it('shows an empty state before any pair is made', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const html = await (await get(t.app, `/e/${event.slug}/board`)).text();
    expect(html).toContain('Pairs appear here as soon as they are made');
    expect(html).not.toContain('data-board-page');
  });

  it('puts every pair in the HTML by meet time, for board.js to page through and for a screen without JavaScript', async () => {
    const t = createTestApp();
    const { event, spotB } = octaviaAndBartholomew(t.db);
    for (let i = 0; i < 19; i++) {
      const firstTimer = makeParticipant(t.db, event, { name: `First${i} Timer`, present: true });
      const volunteer = makeParticipant(t.db, event, { role: 'volunteer', name: `Helper${i} Volunteer`, present: true });
      insertPair(t.db, event, { firstTimer, volunteer, spotId: spotB.id, meetAt: new Date(meetAt.getTime() + Math.floor(i / 10) * 15 * 60_000) });
    }
    const html = await (await get(t.app, `/e/${event.slug}/board`)).text();
    expect(html.match(/class="board-row"/g)).toHaveLength(19);
    const headings = [...html.matchAll(/<h2><time[^>]*>([^<]+)<\/time><\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['10:30 AM', '10:45 AM']);
    // pages depend on the screen, so the server cuts none
    expect(html).not.toContain('data-board-page');
    expect(html).toContain('data-pager');
  });

  it('answers 404 for an unknown event, on the page, the fragment and the stream', async () => {
    const t = createTestApp();
    for (const path of ['/e/unknown/board', '/e/unknown/board/pairs', '/e/unknown/board/stream', '/e/BAD..slug/board']) {
      const res = await get(t.app, path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('We couldn&#39;t find that page');
    }
  });
});

describe('GET /e/:slug/board/stream', () => {
  async function startLiveServer() {
    const db = openDb(':memory:');
    migrateDb(db);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const app = createApp({ db, publicUrl: baseUrl, now: () => new Date('2026-10-14T14:00:00Z') });
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const stop = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    return { app, db, baseUrl, stop };
  }

  type SseMessage = { event: string; data: string };

  /** Server-sent events from a fetch body, read on demand; what was read stays in `seen`. */
  function sseReader(body: ReadableStream<Uint8Array>) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const seen: SseMessage[] = [];
    let buffer = '';
    return {
      seen,
      async next(until: (e: SseMessage) => boolean): Promise<SseMessage> {
        for (;;) {
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length === 0) continue;
            const message = { event, data: data.join('\n') };
            seen.push(message);
            if (until(message)) return message;
          }
          const { done, value } = await reader.read();
          if (done) throw new Error(`stream ended; saw ${seen.map((e) => e.event).join(', ')}`);
          buffer += decoder.decode(value, { stream: true });
        }
      },
    };
  }

  it('sends the board now, then again with the new pair when one is published, and lets go of the hub when the client leaves', async () => {
    const s = await startLiveServer();
    try {
      const { event, firstTimer, volunteer, spotB } = octaviaAndBartholomew(s.db);
      const abort = new AbortController();
      const res = await fetch(`${s.baseUrl}/e/${event.slug}/board/stream`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      expect(s.app.live.size()).toBe(1);

      // a board that connects (or reconnects after a restart) gets the current state at once
      const stream = sseReader(res.body!);
      const first = await stream.next((e) => e.event === 'board');
      expect(first.data).toContain('Pairs appear here as soon as they are made');

      insertPair(s.db, event, { firstTimer, volunteer, spotId: spotB.id, meetAt });
      // a change elsewhere in the event that does not touch the board sends nothing
      s.app.live.publish({ eventId: event.id, participantIds: [firstTimer.id], board: false });
      s.app.live.publish({ eventId: event.id + 1000, participantIds: [], board: true });
      s.app.live.publish({ eventId: event.id, participantIds: [firstTimer.id, volunteer.id], board: true });

      const fragment = (await stream.next((e) => e.event === 'board')).data;
      expect(stream.seen.filter((e) => e.event === 'board')).toHaveLength(2);
      expect(fragment).toMatch(/^<div id="board"/);
      expect(fragment).toContain('Octavia R.');
      expect(fragment).toContain('Bartholomew Q.');
      expect(fragment).toContain('sse-swap="board"');
      expect(fragment).not.toContain('Rutherford');

      abort.abort();
      await expect.poll(() => s.app.live.size()).toBe(0);
    } finally {
      await s.stop();
      s.db.$client.close();
    }
  });

  it('renders a change once for every connected board', async () => {
    const s = await startLiveServer();
    try {
      const { event, firstTimer, volunteer, spotB } = octaviaAndBartholomew(s.db);
      const clients = await Promise.all(
        Array.from({ length: 3 }, async () => {
          const abort = new AbortController();
          const res = await fetch(`${s.baseUrl}/e/${event.slug}/board/stream`, { signal: abort.signal });
          const stream = sseReader(res.body!);
          await stream.next((e) => e.event === 'board');
          return { abort, stream };
        }),
      );
      expect(s.app.live.size()).toBe(3);
      insertPair(s.db, event, { firstTimer, volunteer, spotId: spotB.id, meetAt });
      s.app.live.publish({ eventId: event.id, participantIds: [], board: true });
      const fragments = await Promise.all(
        clients.map(async (client) => (await client.stream.next((e) => e.event === 'board')).data),
      );
      expect(fragments[0]).toContain('Octavia R.');
      // the same rendering, byte for byte, including the QR code
      expect(new Set(fragments).size).toBe(1);
      for (const client of clients) client.abort.abort();
      await expect.poll(() => s.app.live.size()).toBe(0);
    } finally {
      await s.stop();
      s.db.$client.close();
    }
  });
});
