// Server-sent event streams fed by the in-process LiveHub. One connection = one hub subscription,
// released when the client goes away. Frames are pre-encoded so one change fanned out to hundreds
// of screens is encoded once, and a client that stops reading gets only the newest frame when it
// catches up, instead of an ever-growing queue.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { LiveChange } from '../live.ts';

/** keeps proxies and NATs from closing an idle stream */
export const heartbeatMs = 20_000;
/** how soon a browser's EventSource reconnects after the server went away (e.g. a restart) */
export const reconnectMs = 3_000;

const encoder = new TextEncoder();

/** One SSE message, encoded once; safe to send to any number of clients. */
export function sseFrame(event: string, data: string): Uint8Array {
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
  return encoder.encode(`event: ${event}\n${lines.join('\n')}\n\n`);
}

const heartbeatFrame = encoder.encode(': keep-alive\n\n');
// the id makes a reconnecting EventSource send Last-Event-ID, so we can tell a reconnect from a first visit
const openFrame = encoder.encode(`retry: ${reconnectMs}\nid: 0\n\n`);

/** True when the browser is reconnecting after losing the stream (it may have missed changes). */
export function isReconnect(c: Context<AppEnv>): boolean {
  return c.req.header('Last-Event-ID') !== undefined;
}

export type SendFrame = (frame: Uint8Array) => void;

export type LiveStreamHandlers = {
  eventId: number;
  /** called once when the stream opens, e.g. to send the current state to a (re)connecting client */
  onOpen?: (send: SendFrame) => void | Promise<void>;
  /** called for every change announced for the event */
  onChange: (change: LiveChange, send: SendFrame) => void | Promise<void>;
  /** called every `every.ms` while connected, for things that move on with time */
  every?: { ms: number; run: (send: SendFrame) => void | Promise<void> };
  /** called once when the client has gone */
  onClose?: () => void;
};

// one timer for every open stream's keep-alive, rather than one per connection
const heartbeats = new Set<() => void>();
let heartbeatTimer: ReturnType<typeof setInterval> | undefined;

function keepAlive(beat: () => void): () => void {
  heartbeats.add(beat);
  if (!heartbeatTimer) {
    heartbeatTimer = setInterval(() => {
      for (const b of heartbeats) b();
    }, heartbeatMs);
    heartbeatTimer.unref();
  }
  return () => {
    heartbeats.delete(beat);
    if (heartbeats.size === 0 && heartbeatTimer) {
      clearInterval(heartbeatTimer);
      heartbeatTimer = undefined;
    }
  };
}

/**
 * An SSE response subscribed to the hub for one event until the client disconnects. The body is
 * one plain ReadableStream per connection (a few thousand phones stay open all day), holding at
 * most one frame the client has not read and one waiting behind it.
 */
export function liveStream(c: Context<AppEnv>, handlers: LiveStreamHandlers): Response {
  const live = c.var.live;
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // latest wins: while a slow client has not read the last frame, a newer one replaces the waiting one
  let waiting: Uint8Array | null = null;
  const send: SendFrame = (frame) => {
    if (closed) return;
    if ((controller.desiredSize ?? 0) > 0) controller.enqueue(frame);
    else waiting = frame;
  };
  const guard = (run: () => void | Promise<void>) => {
    try {
      Promise.resolve(run()).catch((err: unknown) => console.error(err));
    } catch (err) {
      console.error(err);
    }
  };

  let stopHeartbeat = () => {};
  let ticker: ReturnType<typeof setInterval> | undefined;
  let unsubscribe = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    waiting = null;
    unsubscribe();
    stopHeartbeat();
    if (ticker) clearInterval(ticker);
    handlers.onClose?.();
    try {
      controller.close();
    } catch {
      // the client already went away
    }
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (ctrl) => {
        controller = ctrl;
      },
      pull: () => {
        if (!waiting) return;
        const next = waiting;
        waiting = null;
        controller.enqueue(next);
      },
      // the client went away (the server closes the body when the socket closes)
      cancel: close,
    },
    { highWaterMark: 1 },
  );

  // a hub that shuts down (SIGTERM) ends the stream, so the response finishes and the server can stop
  unsubscribe = live.subscribe(handlers.eventId, (change) => guard(() => handlers.onChange(change, send)), close);
  if (!closed) {
    stopHeartbeat = keepAlive(() => {
      if (!waiting) send(heartbeatFrame);
    });
    if (handlers.every) ticker = setInterval(() => guard(() => handlers.every!.run(send)), handlers.every.ms);
    send(openFrame);
    if (handlers.onOpen) guard(() => handlers.onOpen!(send));
  }
  return c.body(body, 200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no', // nginx would otherwise hold messages back
  });
}

export type LiveChangesOptions = {
  eventId: number;
  /** which changes concern this page, e.g. `(change) => change.participantIds.includes(me.id)` */
  filter: (change: LiveChange) => boolean;
  /** the SSE event name the page listens for with `hx-trigger="sse:<name>"`; default 'changed' */
  eventName?: string;
};

/**
 * A stream that only says "something changed" when `filter` matches; the page refetches its own
 * fragment on `hx-trigger="sse:changed, every 30s"`, so it shows what that person may see and
 * nothing private travels on a shared channel.
 */
export function streamLiveChanges(c: Context<AppEnv>, opts: LiveChangesOptions): Response {
  const frame = sseFrame(opts.eventName ?? 'changed', 'changed');
  return liveStream(c, {
    eventId: opts.eventId,
    // changes made while the stream was down (a server restart) would otherwise wait for the next poll
    onOpen: (send) => {
      if (isReconnect(c)) send(frame);
    },
    onChange: (change, send) => {
      if (opts.filter(change)) send(frame);
    },
  });
}
