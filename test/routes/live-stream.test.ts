import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../src/app-env.ts';
import { createLiveHub } from '../../src/live.ts';
import { sseFrame, streamLiveChanges } from '../../src/routes/live-stream.ts';

function appWith(filterFor: (id: number) => (change: { participantIds: number[] }) => boolean) {
  const live = createLiveHub();
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('live', live);
    await next();
  });
  app.get('/me/:id/stream', (c) => streamLiveChanges(c, { eventId: 7, filter: filterFor(Number(c.req.param('id'))) }));
  return { app, live };
}

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string): Promise<string> {
  const decoder = new TextDecoder();
  let got = '';
  while (!got.includes(text)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended before "${text}"; got ${JSON.stringify(got)}`);
    got += decoder.decode(value, { stream: true });
  }
  return got;
}

describe('streamLiveChanges', () => {
  it('signals `changed` only for changes the filter accepts, and unsubscribes when the client leaves', async () => {
    const { app, live } = appWith((me) => (change) => change.participantIds.includes(me));
    const res = await app.request('/me/42/stream');
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const reader = res.body!.getReader();
    // a reconnect delay and an id, so a browser reconnects quickly and says it is reconnecting
    expect(await readUntil(reader, '\n\n')).toBe('retry: 3000\nid: 0\n\n');
    expect(live.size()).toBe(1);

    live.publish({ eventId: 7, participantIds: [1, 2], board: true });
    live.publish({ eventId: 8, participantIds: [42], board: false });
    live.publish({ eventId: 7, participantIds: [42], board: false });
    // only the matching change arrives: the first bytes after the preamble are its signal
    expect(await readUntil(reader, '\n\n')).toBe('event: changed\ndata: changed\n\n');

    await reader.cancel();
    expect(live.size()).toBe(0);
  });

  it('tells a reconnecting page at once that it may have missed something', async () => {
    const { app, live } = appWith(() => () => true);
    const res = await app.request('/me/1/stream', { headers: { 'Last-Event-ID': '0' } });
    const reader = res.body!.getReader();
    expect(await readUntil(reader, 'event: changed')).toContain('event: changed\ndata: changed\n\n');
    await reader.cancel();
    expect(live.size()).toBe(0);
  });
});

describe('sseFrame', () => {
  it('sends multi-line data as one message, one data line per line', () => {
    expect(new TextDecoder().decode(sseFrame('board', '<div>\n<p>x</p>\r\n</div>'))).toBe(
      'event: board\ndata: <div>\ndata: <p>x</p>\ndata: </div>\n\n',
    );
  });
});
