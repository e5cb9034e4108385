/**
 * Board fan-out: the real app on a loopback port, N boards connected to the SSE stream, one pair
 * published; for every board, the time from `live.publish` until its `event: board` message (with
 * the new pair in it) has fully arrived. The clients run in a worker thread, so the server's event
 * loop is measured and not the clients' parsing; both threads stamp times on the same clock
 * (`performance.timeOrigin + performance.now()`). 50 boards are the in-run baseline for 500.
 *
 * Bounded: fixed repetitions, a timeout per step, every socket closed and the worker ended.
 * Run alone with `npx tsx test/bench/sse-fanout.ts`.
 */
import { Worker } from 'node:worker_threads';
import { serve, type ServerType } from '@hono/node-server';
import { pairs } from '../../db/schema.ts';
import { createApp } from '../../src/app.tsx';
import { migrateDb, openDb } from '../../src/db.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';

const REPETITIONS = 5;
const CLIENT_COUNTS = [50, 500];
const STEP_TIMEOUT_MS = 30_000;
const CONNECT_BATCH = 50;

// plain JavaScript, evaluated in the worker: N SSE clients over one keep-alive agent
const clientsWorker = String.raw`
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const stamp = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let clients = [];
let marker = null;
let pending = 0;

function connect(url) {
  return new Promise((resolve, reject) => {
    const client = { req: null, res: null, buffer: '', initial: false, arrivedAt: null };
    client.req = http.get(url, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
      client.res = res;
      if (res.statusCode !== 200) return reject(new Error('status ' + res.statusCode));
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        client.buffer += chunk;
        let end;
        while ((end = client.buffer.indexOf('\n\n')) >= 0) {
          const message = client.buffer.slice(0, end);
          client.buffer = client.buffer.slice(end + 2);
          if (!message.startsWith('event: board')) continue;
          if (!client.initial) { client.initial = true; resolve(client); continue; }
          if (marker && client.arrivedAt === null && message.includes(marker)) {
            client.arrivedAt = stamp();
            if (--pending === 0) parentPort.postMessage({ type: 'arrived', times: clients.map((c) => c.arrivedAt) });
          }
        }
      });
      res.on('error', () => {});
    });
    client.req.on('error', (err) => { if (!client.initial) reject(err); });
  });
}

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'connect') {
      for (let i = 0; i < msg.n; i += ${CONNECT_BATCH}) {
        const batch = [];
        for (let j = i; j < Math.min(msg.n, i + ${CONNECT_BATCH}); j++) batch.push(connect(msg.url));
        clients.push(...(await Promise.all(batch)));
      }
      parentPort.postMessage({ type: 'connected' });
    } else if (msg.type === 'arm') {
      marker = msg.marker;
      pending = clients.length;
      for (const c of clients) c.arrivedAt = null;
      parentPort.postMessage({ type: 'armed' });
    } else if (msg.type === 'close') {
      for (const c of clients) { c.req.destroy(); c.res && c.res.destroy(); }
      clients = [];
      agent.destroy();
      parentPort.postMessage({ type: 'closed' });
    }
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err && err.message || err) });
  }
});
`;

type WorkerReply = { type: 'connected' | 'armed' | 'closed' } | { type: 'arrived'; times: number[] } | { type: 'error'; message: string };

const stamp = () => performance.timeOrigin + performance.now();

function reply<T extends WorkerReply['type']>(worker: Worker, type: T): Promise<Extract<WorkerReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off('message', onMessage);
      reject(new Error(`no '${type}' from the clients within ${STEP_TIMEOUT_MS} ms`));
    }, STEP_TIMEOUT_MS);
    const onMessage = (msg: WorkerReply) => {
      if (msg.type !== type && msg.type !== 'error') return;
      clearTimeout(timer);
      worker.off('message', onMessage);
      if (msg.type === 'error') reject(new Error(msg.message));
      else resolve(msg as Extract<WorkerReply, { type: T }>);
    };
    worker.on('message', onMessage);
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
const ms = (x: number) => `${x.toFixed(1)} ms`;

type Figures = { p50: number; p99: number; max: number };

export async function runSseFanoutBench(): Promise<void> {
  const db = openDb(':memory:');
  migrateDb(db);
  const { event, catalog } = makeEvent(db, {
    spots: [
      { name: 'Spot A', directions: 'red pillar by the escalators', pairsAtOnce: 8 },
      { name: 'Spot B', directions: 'blue banner by Hall C', pairsAtOnce: 8 },
    ],
  });
  const now = new Date();
  const meetAt = new Date(Math.ceil((now.getTime() + 5 * 60_000) / 900_000) * 900_000);
  const addPair = (ftName: string, vName: string) => {
    const firstTimer = makeParticipant(db, event, { name: ftName, present: true, now });
    const volunteer = makeParticipant(db, event, { role: 'volunteer', name: vName, present: true, now });
    db.insert(pairs)
      .values({ eventId: event.id, firstTimerId: firstTimer.id, volunteerId: volunteer.id, spotId: catalog.spots[0]!.id, meetAt, createdAt: now })
      .run();
  };
  // a realistic board: two pages of pairs already up
  for (let i = 0; i < 12; i++) addPair(`Firsttimer${i} Example`, `Volunteer${i} Example`);

  let port = 0;
  const app = createApp({ db, publicUrl: 'http://127.0.0.1' });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port;
      resolve(s);
    });
  });
  const url = `http://127.0.0.1:${port}/e/${event.slug}/board/stream`;
  const fragmentBytes = Buffer.byteLength(await (await app.request(`/e/${event.slug}/board/pairs`)).text());
  const worker = new Worker(clientsWorker, { eval: true });
  let published = 0;

  const results = new Map<number, Figures>();
  try {
    for (const n of CLIENT_COUNTS) {
      worker.postMessage({ type: 'connect', url, n });
      await reply(worker, 'connected');
      await until(() => app.live.size() === n, `${n} subscriptions`);

      const reps: Figures[] = [];
      for (let r = 0; r < REPETITIONS; r++) {
        published += 1;
        const marker = `Marker${published} Q.`;
        addPair(`Marker${published} Quickfoot`, `Helper${published} Example`);
        worker.postMessage({ type: 'arm', marker });
        await reply(worker, 'armed');
        const arrived = reply(worker, 'arrived');
        const t0 = stamp();
        app.live.publish({ eventId: event.id, participantIds: [], board: true });
        const latencies = (await arrived).times.map((t) => t - t0).sort((a, b) => a - b);
        reps.push({ p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1)! });
        await new Promise((res) => setTimeout(res, 200));
      }

      worker.postMessage({ type: 'close' });
      await reply(worker, 'closed');
      await until(() => app.live.size() === 0, 'every subscription to be released');
      const figures = { p50: median(reps.map((x) => x.p50)), p99: median(reps.map((x) => x.p99)), max: median(reps.map((x) => x.max)) };
      results.set(n, figures);
      console.log(
        `${String(n).padStart(4)} boards: p50 ${ms(figures.p50)}  p99 ${ms(figures.p99)}  max ${ms(figures.max)}` +
          `   (median of ${REPETITIONS}; per run p99: ${reps.map((x) => x.p99.toFixed(1)).join(', ')} ms)`,
      );
    }
  } finally {
    await worker.terminate();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    db.$client.close();
  }

  const base = results.get(CLIENT_COUNTS[0]!)!;
  const big = results.get(CLIENT_COUNTS[CLIENT_COUNTS.length - 1]!)!;
  console.log(
    `ratio ${CLIENT_COUNTS.at(-1)}/${CLIENT_COUNTS[0]}: p50 ×${(big.p50 / base.p50).toFixed(1)}  p99 ×${(big.p99 / base.p99).toFixed(1)}` +
      `   goal p99 < 1000 ms for 500 boards: ${big.p99 < 1000 ? 'met' : 'NOT met'}   (board fragment ≈ ${(fragmentBytes / 1024).toFixed(1)} KiB)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runSseFanoutBench();
