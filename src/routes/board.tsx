import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { listBoardPairs } from '../domain/pair-views.ts';
import type { Event } from '../domain/events.ts';
import type { LiveChange, LiveHub } from '../live.ts';
import { qrSvg } from '../qr.ts';
import { BoardPage, PairList, type PairListProps } from '../../views/board.tsx';
import { requireEvent } from './event-guard.tsx';
import { liveStream, sseFrame, type SendFrame } from './live-stream.ts';

export const boardRoutes = new Hono<AppEnv>();

// the current/next slot window and the clock move on even when nothing is published
const refreshMs = 60_000;

/**
 * One rendering of the board, shared by every screen connected to the event: a change is queried
 * and rendered once however many boards listen. `key` is the change it was rendered for.
 */
type Rendering = { key: object; minute: number; html: Promise<string>; frame: Promise<Uint8Array> };
type Channel = { streams: number; latest: Rendering | undefined; qr: { url: string; svg: Promise<string> } | undefined };

const channels = new WeakMap<LiveHub, Map<number, Channel>>();

function channelOf(live: LiveHub, eventId: number): Channel {
  let byEvent = channels.get(live);
  if (!byEvent) channels.set(live, (byEvent = new Map()));
  let channel = byEvent.get(eventId);
  if (!channel) byEvent.set(eventId, (channel = { streams: 0, latest: undefined, qr: undefined }));
  return channel;
}

function joinQr(channel: Channel, url: string): Promise<string> {
  if (channel.qr?.url !== url) channel.qr = { url, svg: qrSvg(url) };
  return channel.qr.svg;
}

async function boardProps(c: Context<AppEnv>, event: Event, channel: Channel): Promise<PairListProps> {
  const now = c.var.now();
  // queried before the first await, so a rendering for a change sees exactly that change
  const pairs = listBoardPairs(c.var.db, event, now);
  // the plain join link: the board is public, and only an enrolled desk kiosk shows a presence token
  const joinUrl = `${c.var.publicUrl}/e/${event.slug}/join`;
  return {
    slug: event.slug,
    eventName: event.name,
    timeZone: event.timezone,
    now,
    pairs,
    joinUrl,
    joinQrSvg: await joinQr(channel, joinUrl),
  };
}

/**
 * The board fragment for `change`, or for "now" when `change` is null (a newly connected screen,
 * the minute tick, a poll). A rendering is reused within the same minute (the clock and the slot
 * window only move at minute boundaries) for the same change, or — while streams are
 * connected, so every change since has replaced it — for "now".
 */
function boardRendering(c: Context<AppEnv>, event: Event, change: LiveChange | null): Rendering {
  const channel = channelOf(c.var.live, event.id);
  const minute = Math.floor(c.var.now().getTime() / 60_000);
  const latest = channel.latest;
  if (latest && latest.minute === minute && (change === null || latest.key === change)) return latest;

  const html = boardProps(c, event, channel).then(async (props) => String(await (<PairList {...props} />)));
  const rendering: Rendering = { key: change ?? {}, minute, html, frame: html.then((h) => sseFrame('board', h)) };
  html.catch(() => {
    if (channel.latest === rendering) channel.latest = undefined;
  });
  // with no stream listening, nothing would replace a stale rendering on the next change
  if (channel.streams > 0) channel.latest = rendering;
  return rendering;
}

boardRoutes.use('*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});
boardRoutes.use('*', requireEvent());

boardRoutes.get('/', async (c) => {
  const event = c.var.event;
  return c.html(<BoardPage {...await boardProps(c, event, channelOf(c.var.live, event.id))} />);
});

boardRoutes.get('/pairs', async (c) => {
  const event = c.var.event;
  return c.html(await boardRendering(c, event, null).html);
});

boardRoutes.get('/stream', (c) => {
  const event = c.var.event;
  const channel = channelOf(c.var.live, event.id);
  channel.streams += 1;

  // renderings finish out of order (a slow one started earlier); a screen only takes the newest
  let wanted = 0;
  const sendLatest = (rendering: Rendering, send: SendFrame) => {
    const mine = ++wanted;
    rendering.frame.then(
      (frame) => {
        if (mine === wanted) send(frame);
      },
      (err: unknown) => console.error(err),
    );
  };

  return liveStream(c, {
    eventId: event.id,
    // also after a restart or a dropped connection: the screen catches up at once
    onOpen: (send) => sendLatest(boardRendering(c, event, null), send),
    onChange: (change, send) => {
      if (change.board) sendLatest(boardRendering(c, event, change), send);
    },
    every: { ms: refreshMs, run: (send) => sendLatest(boardRendering(c, event, null), send) },
    onClose: () => {
      channel.streams -= 1;
      if (channel.streams === 0) channel.latest = undefined;
    },
  });
});
