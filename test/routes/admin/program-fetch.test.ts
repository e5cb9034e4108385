// Importing a program from a web address, against a real HTTP server started here on loopback:
// fetched only when the organizer ticks the box, refused for private addresses unless the server
// allows them (ALLOW_PRIVATE_FETCH), bounded in time and size.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programSessions } from '../../../db/schema.ts';
import { eq } from 'drizzle-orm';
import type { FetchPolicy } from '../../../src/remote-file.ts';
import { isPrivateAddress } from '../../../src/remote-file.ts';
import { makeEvent } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, postUpload } from '../../helpers/test-app.ts';
import { sampleText } from '../../domain/program-import/samples.ts';

let server: Server;
let origin: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/schedule.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(sampleText('pretalx-democon.json'));
    } else if (req.url === '/moved') {
      res.writeHead(302, { Location: '/schedule.json' });
      res.end();
    } else if (req.url === '/big.csv') {
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      res.end('Title,Start,Minutes\n' + 'x,2026-10-14 09:00,30\n'.repeat(1000));
    } else if (req.url === '/slow') {
      // answers never; the fetch must give up by itself
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function setUp(fetchPolicy: Partial<FetchPolicy>) {
  const t = createTestApp({ fetchPolicy });
  const { cookie } = signedInOrganizer(t);
  const { event } = makeEvent(t.db, { sessions: [], timezone: 'Europe/Berlin', startsOn: '2020-12-14', endsOn: '2020-12-16' });
  const fetchUrl = (url: string, allowFetch = true) =>
    postUpload(t.app, `/admin/e/${event.slug}/program/import`, { source: 'url', url, ...(allowFetch ? { allowFetch: 'yes' } : {}) }, undefined, { cookie });
  const rows = () => t.db.select().from(programSessions).where(eq(programSessions.eventId, event.id)).all();
  return { t, fetchUrl, rows };
}

const lan = { allowPrivate: true };

describe('POST /admin/e/:slug/program/import from a web address', () => {
  it('fetches the schedule when the organizer allows it and shows the preview', async () => {
    const { fetchUrl, rows } = setUp(lan);
    const res = await fetchUrl(`${origin}/schedule.json`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<strong>${origin}/schedule.json</strong> (schedule JSON (pretalx, frab)): 36 sessions.`);
    expect(html).toContain('<strong>36</strong> to add');
    expect(rows()).toEqual([]);
  });

  it('follows a redirect to the schedule', async () => {
    const { fetchUrl } = setUp(lan);
    const res = await fetchUrl(`${origin}/moved`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<strong>36</strong> to add');
  });

  it('fetches nothing until the organizer ticks the box, and keeps the address typed', async () => {
    const { fetchUrl } = setUp(lan);
    const before = requests.length;
    const res = await fetchUrl(`${origin}/schedule.json?unticked`, false);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Tick “Let Buddydesk fetch this address from the server” to have it fetched. Nothing was fetched.');
    expect(html).toContain(`value="${origin}/schedule.json?unticked"`);
    expect(requests.length).toBe(before);
  });

  it('refuses a loopback address when private addresses are not allowed, without connecting', async () => {
    const { fetchUrl } = setUp({ allowPrivate: false });
    const before = requests.length;
    const res = await fetchUrl(`${origin}/schedule.json`);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('127.0.0.1 is in a private or local network.');
    expect(html).toContain('download the file and upload it instead');
    expect(requests.length).toBe(before);
  });

  it('refuses a name that resolves to loopback when private addresses are not allowed, without connecting', async () => {
    const { fetchUrl } = setUp({ allowPrivate: false });
    const before = requests.length;
    const res = await fetchUrl(origin.replace('127.0.0.1', 'localhost') + '/schedule.json');
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/localhost is in a private or local network \((127\.0\.0\.1|::1)\)/);
    expect(requests.length).toBe(before);
  });

  const refusals: [string, string | (() => string), Partial<FetchPolicy>, string][] = [
    ['an address that is not http(s)', 'ftp://example.org/schedule.json', lan, 'Only http:// and https:// addresses can be fetched.'],
    ['text that is no address', 'schedule please', lan, 'That is not a web address'],
    ['a page that is not there', () => `${origin}/nope.json`, lan, 'The server answered 404 Not Found.'],
    ['a file over the size cap', () => `${origin}/big.csv`, { ...lan, maxBytes: 10_000 }, 'The file is larger than'],
    ['a server that does not answer', () => `${origin}/slow`, { ...lan, timeoutMs: 300 }, 'did not send the file within 300 ms.'],
  ];
  for (const [what, url, policy, message] of refusals) {
    it(`refuses ${what} with 422 and imports nothing`, async () => {
      const { fetchUrl, rows } = setUp(policy);
      const res = await fetchUrl(typeof url === 'string' ? url : url());
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(message);
      expect(rows()).toEqual([]);
    });
  }
});

describe('isPrivateAddress', () => {
  it('knows loopback, private, link-local and mapped addresses from public ones', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, false]);
    }
  });
});
