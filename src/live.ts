// One in-process publisher: domain changes are announced here by the routes (and the auto-round
// ticker) and pushed to the board, the dashboard and the affected phones over server-sent events.
// One Node process serves an event, so nothing has to cross processes.

export type LiveChange = {
  eventId: number;
  /** people whose personal pages show something new */
  participantIds: number[];
  /** pairs on the board changed (published, moved, ended) */
  board: boolean;
};

export type LiveListener = (change: LiveChange) => void;

export type LiveHub = {
  publish(change: LiveChange): void;
  /** `end` is called if the hub closes while subscribed, so the stream can finish its response */
  subscribe(eventId: number, listener: LiveListener, end?: () => void): () => void;
  /** ends every open subscription, for a clean shutdown; later subscriptions end at once */
  close(): void;
  /** open subscriptions, for the benchmark and /healthz-style checks */
  size(): number;
};

export function createLiveHub(): LiveHub {
  const listeners = new Map<number, Map<LiveListener, () => void>>();
  let closed = false;
  return {
    publish(change) {
      for (const listener of listeners.get(change.eventId)?.keys() ?? []) {
        try {
          listener(change);
        } catch {
          // one broken connection must not stop the others from hearing about the change
        }
      }
    },
    subscribe(eventId, listener, end = () => {}) {
      if (closed) {
        end();
        return () => {};
      }
      const set = listeners.get(eventId) ?? new Map<LiveListener, () => void>();
      set.set(listener, end);
      listeners.set(eventId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(eventId);
      };
    },
    close() {
      closed = true;
      const ends = [...listeners.values()].flatMap((set) => [...set.values()]);
      listeners.clear();
      for (const end of ends) end();
    },
    size() {
      let n = 0;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
  };
}
