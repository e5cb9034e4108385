// Every public request names its event by slug, so the event is kept in memory per database and
// read from SQLite only after it changed. What counts as a change is decided by SQLite itself, not
// by each place that edits an event: temporary triggers on `events` (this connection's own
// edits, archives and deletes, whichever module makes them) bump a counter, and `data_version`
// moves when another connection (the demo seeder, a backup restore) commits.
import { eq, sql } from 'drizzle-orm';
import { events } from '../../db/schema.ts';
import type { Db } from '../db.ts';

type Event = typeof events.$inferSelect;

type Cache = {
  bySlug: Map<string, Event>;
  changes: number;
  seenChanges: number;
  dataVersion: () => number;
  seenDataVersion: number;
  select: { get(params: { slug: string }): Event | undefined };
};

const caches = new WeakMap<Db['$client'], Cache>();
let triggerSeq = 0;

function cacheOf(db: Db): Cache {
  const client = db.$client;
  let cache = caches.get(client);
  if (cache) return cache;
  const dataVersion = client.prepare('pragma data_version').pluck();
  const created: Cache = {
    bySlug: new Map(),
    changes: 0,
    seenChanges: 0,
    dataVersion: () => dataVersion.get() as number,
    seenDataVersion: dataVersion.get() as number,
    select: db.select().from(events).where(eq(events.slug, sql.placeholder('slug'))).prepare(),
  };
  // a function of this connection, so the count can never roll back with a transaction and match a stale copy
  const fn = `buddydesk_event_changed_${++triggerSeq}`;
  client.function(fn, { deterministic: false, varargs: false }, () => {
    created.changes++;
    return null;
  });
  for (const on of ['insert', 'update', 'delete']) {
    client.exec(`create temp trigger if not exists ${fn}_${on} after ${on} on main.events begin select ${fn}(); end`);
  }
  caches.set(client, created);
  return created;
}

/** The event with this slug as stored now, from memory unless an event changed since it was read. */
export function cachedEventBySlug(db: Db, slug: string, complete: (stored: Event) => Event): Event | undefined {
  const cache = cacheOf(db);
  const dataVersion = cache.dataVersion();
  if (cache.changes !== cache.seenChanges || dataVersion !== cache.seenDataVersion) {
    cache.bySlug.clear();
    cache.seenChanges = cache.changes;
    cache.seenDataVersion = dataVersion;
  }
  let event = cache.bySlug.get(slug);
  if (!event) {
    const stored = cache.select.get({ slug });
    // a slug that names nothing is not remembered: anyone could fill memory with made-up ones
    if (stored) cache.bySlug.set(slug, (event = complete(stored)));
  }
  return event;
}
