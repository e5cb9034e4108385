// A phone's stream carries its own status fragment, rendered on the server, so a round published
// to a thousand people does not make a thousand phones call back at the same moment. One hub
// listener per event finds the people a change concerns by id; each of them is rendered once,
// however many of their devices listen, and in batches that let other requests in between.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { LiveHub } from '../live.ts';
import { isReconnect, liveStream, sseFrame, type SendFrame } from './live-stream.ts';

/**
 * The fragments of these people as they are now, read together (one query per kind for the batch);
 * null, or no entry, when there is nothing to show someone any more (erased).
 */
export type RenderFragments = (participantIds: number[]) => Promise<Map<number, string | null>>;

type EventStreams = {
  /** person → their open streams, each with a way to render the fragment */
  people: Map<number, Map<SendFrame, RenderFragments>>;
  /** people with a change not yet rendered; a second change before the render is covered by it */
  dirty: Set<number>;
  flushing: boolean;
  unsubscribe: () => void;
};

/** people rendered before the loop lets waiting requests in */
const batchSize = 50;

const byHub = new WeakMap<LiveHub, Map<number, EventStreams>>();

function streamsOf(live: LiveHub, eventId: number): EventStreams {
  let events = byHub.get(live);
  if (!events) byHub.set(live, (events = new Map()));
  let streams = events.get(eventId);
  if (streams) return streams;
  const created: EventStreams = { people: new Map(), dirty: new Set(), flushing: false, unsubscribe: () => {} };
  created.unsubscribe = live.subscribe(eventId, (change) => {
    for (const id of change.participantIds) if (created.people.has(id)) created.dirty.add(id);
    if (created.dirty.size > 0) startFlush(created, eventId);
  });
  events.set(eventId, created);
  return created;
}

function startFlush(streams: EventStreams, eventId: number) {
  if (streams.flushing) return;
  streams.flushing = true;
  // right after the change's transaction and the handler that announced it, before other work
  queueMicrotask(() => {
    flush(streams, eventId)
      .catch((err: unknown) => console.error(err))
      .finally(() => {
        streams.flushing = false;
        if (streams.dirty.size > 0) startFlush(streams, eventId);
      });
  });
}

async function flush(streams: EventStreams, eventId: number) {
  while (streams.dirty.size > 0) {
    const batch: number[] = [];
    for (const id of streams.dirty) {
      batch.push(id);
      if (batch.length === batchSize) break;
    }
    for (const id of batch) streams.dirty.delete(id);
    const present = batch.filter((id) => streams.people.has(id));
    if (present.length > 0) {
      // every device of an event renders the same way: any one's renderer serves the whole batch
      const [render] = streams.people.get(present[0]!)!.values();
      let fragments: Map<number, string | null>;
      try {
        fragments = await render!(present);
      } catch (err) {
        // one person's failure must not silence the rest of the batch: render them one by one
        console.error(`live status for a batch of event #${eventId} failed, rendering one by one:`, err);
        fragments = new Map();
        for (const id of present) {
          try {
            for (const [k, v] of await render!([id])) fragments.set(k, v);
          } catch (err) {
            console.error(`live status for person #${id} of event #${eventId} failed:`, err);
          }
        }
      }
      for (const id of present) {
        const html = fragments.get(id);
        const devices = streams.people.get(id);
        if (html == null || !devices) continue;
        const frame = sseFrame(personalEventName, html);
        for (const send of devices.keys()) send(frame);
      }
    }
    if (streams.dirty.size > 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The SSE event a personal page swaps in (`sse-swap`). */
const personalEventName = 'status';

/**
 * The stream of one person's page: each change that concerns them arrives as their fragment,
 * rendered by `render` with the others of its batch (it reads the state at that moment, so it is never older than the change).
 */
export function streamPersonalFragment(c: Context<AppEnv>, opts: { eventId: number; participantId: number; render: RenderFragments }): Response {
  const live = c.var.live;
  const { eventId, participantId } = opts;
  let gone = false;
  let registered: { streams: EventStreams; send: SendFrame } | undefined;
  return liveStream(c, {
    eventId,
    onOpen: (send) => {
      if (gone) return;
      const streams = streamsOf(live, eventId);
      let devices = streams.people.get(participantId);
      if (!devices) streams.people.set(participantId, (devices = new Map()));
      devices.set(send, opts.render);
      registered = { streams, send };
      // changes made while the stream was down (a server restart) would otherwise wait for the next poll
      if (isReconnect(c)) {
        streams.dirty.add(participantId);
        startFlush(streams, eventId);
      }
    },
    onChange: () => {},
    onClose: () => {
      gone = true;
      if (!registered) return;
      const { streams, send } = registered;
      const devices = streams.people.get(participantId);
      devices?.delete(send);
      if (devices?.size === 0) streams.people.delete(participantId);
      if (streams.people.size > 0) return;
      // the last phone of the event left: its listener goes too
      streams.unsubscribe();
      const events = byHub.get(live);
      if (events?.get(eventId) === streams) events.delete(eventId);
    },
  });
}
