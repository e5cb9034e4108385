// Every form of the app, fuzzed: each POST route the app itself lists (app.routes, so a new route
// is in here the day it is added) gets bodies made of its real field names — harvested from the
// forms the app's own pages render — and arbitrary values: empty, huge, control characters,
// unicode, numbers that are not, fields missing or repeated, files where text belongs, other
// content types. Signed in as an organizer, with the real ids of a small event day. Never a 5xx or
// a stack trace, and a refusal (4xx) writes nothing: every table's rows are the same after it.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema.ts';
import { createApp, type App } from '../../src/app.tsx';
import type { Db } from '../../src/db.ts';
import { createInvite } from '../../src/domain/organizer-invites.ts';
import { signIn } from '../../src/domain/organizers.ts';
import { sessionCookieName } from '../../src/routes/admin/login.tsx';
import { proposeRound } from '../../src/domain/rounds.ts';
import { reportUncomfortablePairing } from '../../src/domain/safety.ts';
import { dbChecksum, tableNames } from '../helpers/db-checksum.ts';
import { makeMail, makeParticipant } from '../helpers/factories.ts';
import { signedInOrganizer } from '../helpers/organizer.ts';
import { pinnedPair, rosaAndMarcus } from '../helpers/pairs.ts';
import { createTestApp, testOrigin, type TestApp } from '../helpers/test-app.ts';

// the event's first day, and two days after its end, when feedback and the letters are open
const now = new Date('2026-10-14T14:00:00Z');
const later = new Date('2026-10-17T14:00:00Z');
let clock = now;

/** A small event day: people here and paired, a proposed round, a safety alert, an invite, a message. */
function buildWorld(t: TestApp) {
  const { event, catalog, rosa, marcus } = rosaAndMarcus(t);
  const { organizer, cookie } = signedInOrganizer(t);
  const youth = catalog.interests.find((i) => i.label === 'Youth services')!;
  const pair = pinnedPair(t, event, rosa.id, marcus.id, organizer.id);
  const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', interests: [youth.id], present: true });
  const vic = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vic Vance', interests: [youth.id], present: true, listed: true });
  const ben = makeParticipant(t.db, event, { name: 'Ben Brandt', present: true });
  const cleo = makeParticipant(t.db, event, { role: 'volunteer', name: 'Cleo Cole', present: true });
  const other = pinnedPair(t, event, ben.id, cleo.id, organizer.id);
  const reported = reportUncomfortablePairing(t.db, event, ben, other.id, { note: 'Not a fit.', rematch: false, now });
  if (!reported.ok) throw new Error(reported.reason);
  proposeRound(t.db, event, { organizerId: organizer.id, trigger: 'organizer', now });
  const invite = createInvite(t.db, { by: organizer, email: 'new@example.org', now, publicUrl: testOrigin });
  const mail = makeMail(t.db, { eventId: event.id, participantId: rosa.id });
  const recipient = t.db.select().from(schema.mailRecipients).where(eq(schema.mailRecipients.id, mail.recipientId)).get()!;
  const inviteToken = invite.ok ? (invite.link.split('/').at(-1) ?? '') : '';
  // a session lasts 12 hours, so the days after the event have a session of their own
  const afterwards = signIn(t.db, 'ana@example.org', 'a long password', later);
  if (!afterwards.ok) throw new Error('sign-in refused');
  return {
    slug: event.slug,
    cookie: `${cookie}; bd_me=${rosa.token}`,
    cookieLater: `${sessionCookieName}=${afterwards.sessionId}; bd_me=${rosa.token}`,
    tokens: {
      me: [rosa.token, marcus.token, ana.token, vic.token],
      unsubscribe: [recipient.unsubscribeToken],
      invite: inviteToken ? [inviteToken] : [],
    },
    ids: [pair.id, other.id, rosa.id, marcus.id, ana.id, vic.id, ...catalog.spots.map((s) => s.id), ...catalog.interests.map((i) => i.id)],
  };
}
type World = ReturnType<typeof buildWorld>;

/** A fresh copy of the world's database for each route, so one route's successes do not steer the next. */
function cloneDb(source: Db): Db {
  const sqlite = new Database(source.$client.serialize());
  sqlite.pragma('foreign_keys = ON');
  return drizzle(sqlite, { schema }) as Db;
}

// a program "import from a web address" that the fuzz happens to form must not wait on the network
const appOn = (db: Db) =>
  createApp({ db, now: () => clock, publicUrl: testOrigin, trustProxy: false, mailSending: false, fetchPolicy: { allowPrivate: false, timeoutMs: 200 } });

type Route = { path: string; regex: RegExp; params: string[] };

function toRoute(path: string): Route {
  const params: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(part.slice(1));
      return '([^/?#]+)';
    })
    .join('/');
  return { path, regex: new RegExp(`^${source}$`), params };
}

/** The app's own list of routes for one method, without the middleware entries. */
function appRoutes(app: App, method: 'GET' | 'POST'): Route[] {
  return [...new Set(app.routes.filter((r) => r.method === method).map((r) => r.path))].filter((p) => !p.includes('*')).map(toRoute);
}

/** Values for a path parameter by its name and place: the world's real ones first. */
function paramPool(world: World, route: Route, name: string): string[] {
  if (name === 'slug') return [world.slug];
  if (name === 'token') {
    if (route.path.startsWith('/e/:slug/me/')) return world.tokens.me;
    if (route.path.includes('unsubscribe')) return world.tokens.unsubscribe;
    if (route.path.startsWith('/admin/invite')) return world.tokens.invite;
    return [];
  }
  return world.ids.map(String);
}

function fill(route: Route, values: string[]): string {
  let i = 0;
  return route.path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(values[i++] ?? 'x'));
}

type Harvest = { urls: Map<string, Set<string>>; fields: Map<string, Set<string>>; allFields: Set<string> };

/** Walks the app's GET pages and collects every form: which POST route it posts to, its URL and its field names. */
async function harvestForms(
  app: App,
  world: World,
  posts: Route[],
  harvest: Harvest = { urls: new Map(), fields: new Map(), allFields: new Set() },
): Promise<Harvest> {
  for (const route of appRoutes(app, 'GET')) {
    const pools = route.params.map((p) => paramPool(world, route, p));
    if (pools.some((p) => p.length === 0)) continue;
    // each page once with the first real value of each parameter, pages about one row with every id,
    // personal pages with every person's token (the directory's forms show only on a first-timer's own)
    const variants = route.params.length > 0 && route.params.at(-1) !== 'slug' ? pools.at(-1)! : [''];
    for (const last of variants) {
      const values = pools.map((p, i) => (i === pools.length - 1 && last !== '' ? last : p[0]!));
      const res = await app.request(`${testOrigin}${fill(route, values)}`, { headers: { Cookie: world.cookie } });
      if (!(res.headers.get('Content-Type') ?? '').includes('text/html')) {
        await res.body?.cancel();
        continue;
      }
      const html = await res.text();
      for (const form of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
        const tag = /<form\b[^>]*>/.exec(form[0])![0];
        if (!/method="post"/i.test(tag)) continue;
        const action = /action="([^"]*)"/.exec(tag)?.[1]?.replaceAll('&amp;', '&');
        if (!action) continue;
        const path = action.split(/[?#]/)[0]!;
        const target = posts.find((p) => p.regex.test(path));
        if (!target) continue;
        const names = [...form[0].matchAll(/\bname="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
        (harvest.urls.get(target.path) ?? harvest.urls.set(target.path, new Set()).get(target.path)!).add(action);
        const fields = harvest.fields.get(target.path) ?? harvest.fields.set(target.path, new Set()).get(target.path)!;
        for (const n of names) {
          fields.add(n);
          harvest.allFields.add(n);
        }
      }
    }
  }
  return harvest;
}

// what bots and tired people send
const oddValues = ['', ' ', '0', '-1', '1', '2', '1.5', '1e309', 'NaN', '99999999999999999999', 'yes', 'on', 'true', 'null', '[]', '{}', '<script>', "'; drop table events; --", '%00', '../../etc/passwd'];
const controlChars = ['\u0000', '\u0007', '\b', '\r', '\n', '\t', '\u001b', '\u007f', '\u202e', '\u200b', '\ufeff', '\ud800', '\udfff'];

function valueArb(world: World): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...oddValues, world.slug, ...world.ids.map(String), ...world.tokens.me) },
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...controlChars, 'a', 'é', '😀'), maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom(1_000, 20_000, 200_000).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );
}

type Fuzzed = {
  url: string;
  entries: [string, string, boolean][];
  encoding: 'form' | 'multipart' | 'json';
  htmx: boolean;
  signedIn: boolean;
  afterEvent: boolean;
};

function requestArb(world: World, route: Route, harvest: Harvest): fc.Arbitrary<Fuzzed> {
  const seen = [...(harvest.urls.get(route.path) ?? [])];
  const made = fc
    .tuple(
      ...route.params.map((p) => {
        const pool = paramPool(world, route, p);
        return pool.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.string({ maxLength: 50 }) }) : fc.string({ maxLength: 50 });
      }),
    )
    .map((values) => fill(route, values));
  const url = seen.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...seen) }, { weight: 1, arbitrary: made }) : made;
  const own = [...(harvest.fields.get(route.path) ?? [])];
  const names = fc.oneof(
    ...(own.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...own) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...harvest.allFields) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );
  // every field of the form, some left out, some repeated, and a few it never had
  const entries = fc.array(fc.tuple(names, valueArb(world), fc.integer({ min: 0, max: 9 }).map((n) => n === 0)), { maxLength: Math.max(8, own.length + 4) });
  return fc.record({
    url,
    entries,
    encoding: fc.oneof(
      { weight: 7, arbitrary: fc.constant('form' as const) },
      { weight: 2, arbitrary: fc.constant('multipart' as const) },
      { weight: 1, arbitrary: fc.constant('json' as const) },
    ),
    htmx: fc.boolean(),
    signedIn: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    afterEvent: fc.boolean(),
  });
}

function bodyOf(f: Fuzzed): { body: string | FormData; contentType?: string } {
  if (f.encoding === 'json') return { body: JSON.stringify(Object.fromEntries(f.entries.map(([k, v]) => [k, v]))), contentType: 'application/json' };
  if (f.encoding === 'multipart') {
    const form = new FormData();
    for (const [k, v, asFile] of f.entries) {
      if (asFile) form.append(k, new Blob([v]), 'x.csv');
      else form.append(k, v);
    }
    return { body: form };
  }
  const params = new URLSearchParams();
  for (const [k, v] of f.entries) params.append(k, v);
  return { body: params.toString(), contentType: 'application/x-www-form-urlencoded' };
}

const describeRequest = (f: Fuzzed, status: number) =>
  `${status} POST ${f.url} [${f.encoding}${f.htmx ? ', htmx' : ''}${f.signedIn ? '' : ', signed out'}${f.afterEvent ? ', after the event' : ''}] ${JSON.stringify(f.entries.map(([k, v]) => [k, v.length > 80 ? `${v.slice(0, 20)}…(${v.length})` : v]))}`;

describe('every form, fuzzed', () => {
  it('answers every POST route of the app with no 5xx and no stack trace, and a refusal writes nothing', { timeout: 120_000 }, async () => {
    const t = createTestApp({ now });
    const world = buildWorld(t);
    const posts = appRoutes(t.app, 'POST');
    // a new route needs nothing here to be fuzzed; the list is the app's own
    expect(posts.map((r) => r.path)).toEqual(expect.arrayContaining(['/e/:slug/join', '/e/:slug/me/:token/safety/:pairId', '/admin/e/:slug/safety-settings']));
    // on the world itself: secrets a page creates on first use (the letters' key) then exist before any refusal
    const harvest = await harvestForms(t.app, world, posts);
    t.clock.set(later);
    await harvestForms(t.app, { ...world, cookie: world.cookieLater }, posts, harvest);
    expect(harvest.allFields.size).toBeGreaterThan(20);
    // the directory's ask/take-back form is found, so its route is fuzzed past the 404 of a made-up URL
    expect(harvest.urls.get('/e/:slug/me/:token/volunteers/:volunteerId/:action')?.size ?? 0).toBeGreaterThan(0);

    const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 40);
    const failures: string[] = [];
    let requests = 0;
    const statuses: Record<string, Record<number, number>> = {};
    for (const route of posts) {
      const db = cloneDb(t.db);
      const app = appOn(db);
      const tables = tableNames(db);
      await fc.assert(
        fc.asyncProperty(requestArb(world, route, harvest), async (f) => {
          const { body, contentType } = bodyOf(f);
          const headers: Record<string, string> = { Origin: testOrigin };
          if (contentType) headers['Content-Type'] = contentType;
          if (f.htmx) headers['HX-Request'] = 'true';
          if (f.signedIn) headers.Cookie = f.afterEvent ? world.cookieLater : world.cookie;
          clock = f.afterEvent ? later : now;
          const before = dbChecksum(db, tables);
          const res = await app.request(`${testOrigin}${f.url}`, { method: 'POST', headers, body });
          const text = await res.text();
          requests++;
          (statuses[route.path] ??= {})[res.status] = (statuses[route.path]![res.status] ?? 0) + 1;
          const problem =
            res.status >= 500 || /\n\s+at /.test(text)
              ? 'server error'
              : res.status >= 400 && dbChecksum(db, tables) !== before
                ? 'a refusal wrote'
                : null;
          if (problem) failures.push(`${route.path}: ${problem}: ${describeRequest(f, res.status)}`);
          return problem === null;
        }),
        { numRuns: runsPerRoute, seed: Number(process.env.FUZZ_SEED ?? 20261014), endOnFailure: true },
      ).catch(() => {
        // the failure is in `failures`, with the route, so every route is fuzzed and reported
      });
      db.$client.close();
    }
    // FUZZ_REPORT=1: per route, the form URLs and fields found and the statuses answered
    if (process.env.FUZZ_REPORT) {
      for (const r of posts) console.log(r.path, harvest.urls.get(r.path)?.size ?? 0, [...(harvest.fields.get(r.path) ?? [])].join(','), JSON.stringify(statuses[r.path]));
    }
    console.log(`fuzzed ${posts.length} POST routes with ${requests} requests; ${harvest.allFields.size} field names from the app's own forms`);
    expect(failures).toEqual([]);
  });
});
