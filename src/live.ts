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
  subscribe(eventId: number, listener: LiveListener): () => void;
  /** open subscriptions, for the benchmark and /healthz-style checks */
  size(): number;
};

export function createLiveHub(): LiveHub {
  const listeners = new Map<number, Set<LiveListener>>();
  return {
    publish(change) {
      for (const listener of listeners.get(change.eventId) ?? []) {
        try {
          listener(change);
        } catch {
          // one broken connection must not stop the others from hearing about the change
        }
      }
    },
    subscribe(eventId, listener) {
      const set = listeners.get(eventId) ?? new Set<LiveListener>();
      set.add(listener);
      listeners.set(eventId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(eventId);
      };
    },
    size() {
      let n = 0;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
  };
}
