/**
 * The publish click as the phones see it: 1,000 and 3,000 personal pages (two first-timers to
 * each volunteer, everyone present) holding their live streams open, plus a board, on our server
 * as `npm start` runs it (dist/server.js, in a child process). The organizer clicks Match now,
 * then Publish; for every phone whose person got a buddy we measure from the Publish click until
 * the buddy's name is on that phone — content, not just a signal:
 *
 * - if the pushed SSE event carries the page's content (a person's name is in its data), the
 *   phone has its buddy when that event arrives;
 * - if it is only a signal, the phone does what htmx does on `sse:changed`: GET its status
 *   fragment (/e/:slug/me/:token/status) on a second connection, and has its buddy when that
 *   answer arrives.
 *
 * The harness decides per event, so it measures whichever the server does, and says which it
 * saw. Afterwards every phone's content is checked against the pairs in the database: the
 * buddy's first name (each of a volunteer's first-timers) must be on it. Plain HTTP clients
 * (node:http), no browsers. The server's RSS is read from /proc: after the phones connected,
 * and its peak over the run. Medians of ROUNDS interleaved runs, each on a fresh copy of the
 * seeded database.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoEvent } from '../../src/domain/demo.ts';
import { loadEventCatalog } from '../../src/domain/events.ts';
import { signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import { registerParticipant } from '../../src/domain/registration.ts';
import { createRandom } from './fixtures/conference.ts';
import { benchPerson } from './fixtures/people.ts';
import { closeSeedDb, median, memoryOf, mib, ms, openSeedDb, printTable, quantile, reportGoal, startBuddydesk, type Child } from './harness.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PHONES = [1000, 3000];
const P99_GOAL_MS = 1000;
const RSS_GOAL_MIB = 300;
const CONNECT_BATCH = 100;
const SETTLE_TIMEOUT_MS = 60_000;
// the server runs on the real clock, so the event, the presence and the organizer's session are made now
const NOW = new Date();
// names that say whose they are, so a phone's content can be searched for its buddy
const FIRST_TIMER_NAME = (i: number) => `Newcomer${i} Reader`;
const VOLUNTEER_NAME = (i: number) => `Buddy${i} Helper`;
const ANY_PERSON = /Newcomer\d+|Buddy\d+/;

type Person = { id: number; token: string; role: 'first_timer' | 'volunteer'; firstName: string };
type Template = { file: string; slug: string; sessionId: string; people: Person[] };

function seedTemplate(dir: string, phones: number): Template {
  const file = join(dir, `phones-${phones}.sqlite`);
  const db = openSeedDb(file);
  const event = createDemoEvent(db, NOW, 'bench');
  const catalog = loadEventCatalog(db, event.id);
  const random = createRandom(phones);
  const firstTimers = Math.round((phones * 2) / 3);
  const people: Person[] = [];
  for (let i = 0; i < phones; i++) {
    const volunteer = i >= firstTimers;
    const name = volunteer ? VOLUNTEER_NAME(i) : FIRST_TIMER_NAME(i);
    // everyone speaks English, volunteers take 2 or 3: every first-timer can get a buddy
    const person = { ...benchPerson(i, volunteer, catalog, random), name, languages: ['English'], ...(volunteer ? { capacity: 2 + (i % 2) } : {}) };
    const r = registerParticipant(db, event, person, { present: true, now: NOW });
    if (!r.ok) throw new Error('bench registration refused');
    people.push({ id: r.participant.id, token: r.participant.token, role: volunteer ? 'volunteer' : 'first_timer', firstName: name.split(' ')[0]! });
  }
  upsertOrganizer(db, { email: 'bench@example.org', password: 'long enough secret' }, NOW);
  const session = signIn(db, 'bench@example.org', 'long enough secret', NOW);
  if (!session.ok) throw new Error('bench sign-in refused');
  closeSeedDb(db);
  return { file, slug: event.slug, sessionId: session.sessionId, people };
}

type Snapshot = { at: number; text: string; pushed: boolean };
type Phone = { person: Person; snapshots: Snapshot[]; req?: ClientRequest; res?: IncomingMessage };

/** A server-sent event stream: calls `onMessage(event, data)` per message; resolves once the stream's first bytes arrived. */
function openStream(port: number, path: string, agent: Agent, onMessage: (event: string, data: string) => void): Promise<{ req: ClientRequest; res: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers: { Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${path} answered ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      let opened = false;
      res.on('data', (chunk: string) => {
        if (!opened) {
          opened = true;
          resolve({ req, res });
        }
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of message.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
          }
          if (data.length > 0) onMessage(event, data.join('\n'));
        }
      });
      res.on('error', () => {});
    });
    req.on('error', reject);
    req.end();
  });
}

function getText(port: number, path: string, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${path} answered ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function post(port: number, path: string, sessionId: string): Promise<{ status: number; location: string | null }> {
  const origin = `http://127.0.0.1:${port}`;
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, Cookie: `bd_session=${sessionId}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: '',
    signal: AbortSignal.timeout(120_000),
  });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}

type RunFigures = {
  p50: number;
  p99: number;
  max: number;
  board: number;
  expected: number;
  missing: number;
  pushed: number;
  fetched: number;
  publishMs: number;
  matchMs: number;
  rssConnected: number;
  peak: number;
};

async function oneRun(template: Template, dir: string, run: number): Promise<RunFigures> {
  const file = join(dir, `run-${run}.sqlite`);
  copyFileSync(template.file, file);
  let server: Child | undefined;
  const streams = new Agent({ keepAlive: true, maxSockets: Infinity });
  const fetches = new Agent({ keepAlive: true, maxSockets: Infinity });
  const phones: Phone[] = template.people.map((person) => ({ person, snapshots: [] }));
  try {
    server = await startBuddydesk(file);
    const port = server.port;
    let armed = false;
    const stamp = () => performance.now();

    for (let i = 0; i < phones.length; i += CONNECT_BATCH) {
      await Promise.all(
        phones.slice(i, i + CONNECT_BATCH).map(async (phone) => {
          const partner = phone.person.role === 'first_timer' ? /Buddy\d+/ : /Newcomer\d+/;
          const base = `/e/${template.slug}/me/${phone.person.token}`;
          const { req, res } = await openStream(port, `${base}/stream`, streams, (_event, data) => {
            if (!armed) return;
            if (partner.test(data)) {
              phone.snapshots.push({ at: stamp(), text: data, pushed: true });
            } else {
              // only a signal: the page fetches its fragment, as hx-trigger="sse:changed" does
              getText(port, `${base}/status`, fetches).then(
                (text) => phone.snapshots.push({ at: stamp(), text, pushed: false }),
                () => {},
              );
            }
          });
          phone.req = req;
          phone.res = res;
        }),
      );
    }
    let boardAt: number | undefined;
    const board = await openStream(port, `/e/${template.slug}/board/stream`, streams, (_event, data) => {
      if (armed && boardAt === undefined && ANY_PERSON.test(data)) boardAt = stamp();
    });
    const rssConnected = memoryOf(server.pid).rssMiB;

    const matchStart = stamp();
    const proposed = await post(port, `/admin/e/${template.slug}/rounds`, template.sessionId);
    if (proposed.status !== 303 || !proposed.location || !/\/rounds\/\d+$/.test(proposed.location)) throw new Error(`Match now answered ${proposed.status} → ${proposed.location}`);
    const matchMs = stamp() - matchStart;

    armed = true;
    const t0 = stamp();
    const published = await post(port, `${proposed.location}/publish`, template.sessionId);
    const publishMs = stamp() - t0;
    if (published.status !== 303) throw new Error(`Publish answered ${published.status}`);

    // who must now see whom, from the database the server wrote
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("select first_timer_id as f, volunteer_id as v from pairs where status = 'published'").all() as { f: number; v: number }[];
    db.close();
    const byId = new Map(template.people.map((p) => [p.id, p]));
    const partners = new Map<number, string[]>();
    for (const { f, v } of rows) {
      partners.set(f, [...(partners.get(f) ?? []), byId.get(v)!.firstName]);
      partners.set(v, [...(partners.get(v) ?? []), byId.get(f)!.firstName]);
    }
    const expected = phones.filter((phone) => partners.has(phone.person.id));
    const arrivedAt = (phone: Phone): Snapshot | undefined => {
      const names = partners.get(phone.person.id)!;
      // a name followed by a digit would be another person (Buddy1 inside Buddy12)
      return phone.snapshots.find((s) => names.every((name) => new RegExp(`${name}(?!\\d)`).test(s.text)));
    };
    const deadline = Date.now() - (stamp() - t0) + SETTLE_TIMEOUT_MS;
    while (Date.now() < deadline && expected.some((phone) => !arrivedAt(phone))) await new Promise((r) => setTimeout(r, 50));
    while (Date.now() < deadline && boardAt === undefined) await new Promise((r) => setTimeout(r, 50));
    const peak = memoryOf(server.pid).peakMiB;

    const arrivals = expected.map(arrivedAt).filter((s): s is Snapshot => s !== undefined);
    // a phone that never showed its buddy counts as slower than any that did
    const latencies = expected.map((phone) => arrivedAt(phone)?.at ?? Infinity).map((at) => at - t0).sort((a, b) => a - b);
    board.req.destroy();
    return {
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies.at(-1)!,
      board: boardAt === undefined ? NaN : boardAt - t0,
      expected: expected.length,
      missing: expected.length - arrivals.length,
      pushed: arrivals.filter((s) => s.pushed).length,
      fetched: arrivals.filter((s) => !s.pushed).length,
      publishMs,
      matchMs,
      rssConnected,
      peak,
    };
  } finally {
    for (const phone of phones) phone.req?.destroy();
    streams.destroy();
    fetches.destroy();
    await server?.stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

export async function runPhonesBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'buddydesk-phones-'));
  try {
    const seedStart = performance.now();
    const templates = PHONES.map((n) => seedTemplate(dir, n));
    console.log(`seeded ${PHONES.join(' and ')} present participants in ${ms(performance.now() - seedStart)}`);
    const runs = PHONES.map(() => [] as RunFigures[]);
    let n = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < PHONES.length; i++) runs[i]!.push(await oneRun(templates[i]!, dir, n++));
    }
    const figures = runs.map((r) => ({
      p50: median(r.map((x) => x.p50)),
      p99: median(r.map((x) => x.p99)),
      max: median(r.map((x) => x.max)),
      board: median(r.map((x) => x.board)),
      publishMs: median(r.map((x) => x.publishMs)),
      matchMs: median(r.map((x) => x.matchMs)),
      rssConnected: median(r.map((x) => x.rssConnected)),
      peak: Math.max(...r.map((x) => x.peak)),
      expected: r[0]!.expected,
      missing: r.reduce((s, x) => s + x.missing, 0),
      pushed: r.reduce((s, x) => s + x.pushed, 0),
      fetched: r.reduce((s, x) => s + x.fetched, 0),
    }));
    console.log(`\nfrom the Publish click until each phone shows its buddy's name (medians of ${ROUNDS} interleaved runs)\n`);
    printTable(
      ['phones', 'with a buddy', 'p50', 'p99', 'max', 'board', 'Publish answered', 'Match now', 'RSS connected', 'peak RSS', 'how it arrived', 'never arrived'],
      PHONES.map((phones, i) => {
        const f = figures[i]!;
        return [
          String(phones),
          String(f.expected),
          ms(f.p50),
          ms(f.p99),
          ms(f.max),
          ms(f.board),
          ms(f.publishMs),
          ms(f.matchMs),
          mib(f.rssConnected),
          mib(f.peak),
          f.pushed > 0 && f.fetched > 0 ? `${f.pushed} in the event, ${f.fetched} by GET` : f.pushed > 0 ? 'in the SSE event' : 'signal + GET /status',
          `${f.missing} (within ${ms(SETTLE_TIMEOUT_MS)})`,
        ];
      }),
    );
    console.log(`per run p99: ${PHONES.map((p, i) => `${p}: ${runs[i]!.map((x) => ms(x.p99)).join(", ")}`).join("; ")}\n`);
    const [small, big] = figures as [(typeof figures)[0], (typeof figures)[0]];
    reportGoal({
      part: 'phones',
      what: `p99 publish → buddy on screen, ${PHONES[1]} phones + board`,
      figure: ms(big.p99),
      baseline: `${ms(small.p99)} (${PHONES[0]} phones)`,
      ratio: `×${(big.p99 / small.p99).toFixed(1)}`,
      goal: `≤ ${ms(P99_GOAL_MS)}, every phone`,
      met: big.p99 <= P99_GOAL_MS && big.missing === 0,
    });
    reportGoal({
      part: 'phones',
      what: `server peak RSS, ${PHONES[1]} phones`,
      figure: mib(big.peak),
      baseline: `${mib(small.peak)} (${PHONES[0]} phones)`,
      ratio: `×${(big.peak / small.peak).toFixed(2)}`,
      goal: `≤ ${RSS_GOAL_MIB} MiB`,
      met: big.peak <= RSS_GOAL_MIB,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runPhonesBench();
