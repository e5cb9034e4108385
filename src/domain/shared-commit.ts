// Group commit. With `synchronous = FULL` every commit waits for the disk, and in the morning rush
// that wait, not the work, is what a registration costs. Writes that arrive in the same turn of
// the event loop therefore share one transaction: each runs in its own savepoint (so one that
// throws takes back only its own writes), and every caller hears its result only after the shared
// commit, so nothing is acknowledged that a power cut could lose. Alone, a write waits one turn.
import type { Db, Tx } from '../db.ts';

type Job = { run: (tx: Tx) => unknown; resolve: (value: unknown) => void; reject: (err: unknown) => void };

const queues = new WeakMap<Db, Job[]>();

/** Runs `run` in the next shared write transaction; resolves with its result once that has committed. */
export function inSharedCommit<T>(db: Db, run: (tx: Tx) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queues.set(db, (queue = []));
      setImmediate(() => commitQueued(db));
    }
    queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
  });
}

function commitQueued(db: Db) {
  const queue = queues.get(db) ?? [];
  queues.delete(db);
  const settled: (() => void)[] = [];
  try {
    db.transaction(
      (tx) => {
        for (const job of queue) {
          try {
            const value = queue.length === 1 ? job.run(tx) : tx.transaction((own) => job.run(own));
            settled.push(() => job.resolve(value));
          } catch (err) {
            if (queue.length === 1) throw err;
            settled.push(() => job.reject(err));
          }
        }
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    for (const job of queue) job.reject(err);
    return;
  }
  for (const settle of settled) settle();
}
