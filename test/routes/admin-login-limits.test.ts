// Password guessing is slowed for the guesser, never for the organizer: 5 wrong passwords from
// one address must not keep the right password out from another address or a known browser.
import { describe, expect, it } from 'vitest';
import { organizerSessions } from '../../db/schema.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { cookiesFrom, createTestApp, postForm, type TestApp } from '../helpers/test-app.ts';

const email = 'ana@example.org';
const password = 'a long password';

function withOrganizer(t: TestApp) {
  upsertOrganizer(t.db, { email, password, name: 'Ana Organizer' }, t.clock.now());
}

async function guess(t: TestApp, address: string, times: number, who = email) {
  for (let i = 0; i < times; i++) {
    const res = await postForm(t.app, '/admin/login', { email: who, password: `guess ${i}` }, { address });
    expect(res.status).toBe(401);
  }
}

const sessions = (t: TestApp) => t.db.select().from(organizerSessions).all().length;

describe('POST /admin/login under a guessing attack', () => {
  it('signs the organizer in from another address after 5 wrong passwords from one address', async () => {
    const t = createTestApp();
    withOrganizer(t);
    await guess(t, '203.0.113.9', 5);
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '198.51.100.4' });
    expect(res.status).toBe(303);
    expect(sessions(t)).toBe(1);
  });

  it('blocks the guessing address for that e-mail, even with the right password', async () => {
    const t = createTestApp();
    withOrganizer(t);
    await guess(t, '203.0.113.9', 5);
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9' });
    expect(res.status).toBe(429);
    expect(sessions(t)).toBe(0);
  });

  it('lets a browser that signed in before through from the guesser’s own address (a shared venue NAT)', async () => {
    const t = createTestApp();
    withOrganizer(t);
    const first = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9' });
    const device = cookiesFrom(first)
      .split('; ')
      .find((c) => c.startsWith('bd_device='));
    expect(device).toBeDefined();
    await guess(t, '203.0.113.9', 5);
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9', cookie: device! });
    expect(res.status).toBe(303);
    expect(sessions(t)).toBe(2);
  });

  it('does not let a made-up device cookie past the block', async () => {
    const t = createTestApp();
    withOrganizer(t);
    await guess(t, '203.0.113.9', 5);
    const forged = `bd_device=${'A'.repeat(22)}.${'B'.repeat(43)}`;
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9', cookie: forged });
    expect(res.status).toBe(429);
  });

  it('blocks an address that sprays guesses across many e-mails', async () => {
    const t = createTestApp();
    withOrganizer(t);
    for (let i = 0; i < 30; i++) await guess(t, '203.0.113.9', 1, `someone${i}@example.org`);
    const res = await postForm(t.app, '/admin/login', { email, password }, { address: '203.0.113.9' });
    expect(res.status).toBe(429);
    const elsewhere = await postForm(t.app, '/admin/login', { email, password }, { address: '198.51.100.4' });
    expect(elsewhere.status).toBe(303);
  });

  it('behind a trusted proxy, tells clients apart by X-Forwarded-For', async () => {
    const t = createTestApp({ trustProxy: true });
    withOrganizer(t);
    const viaProxy = (xff: string, pw: string) =>
      t.app.request(
        'http://buddydesk.test/admin/login',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://buddydesk.test', 'X-Forwarded-For': xff },
          body: new URLSearchParams({ email, password: pw }).toString(),
        },
        { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
      );
    for (let i = 0; i < 5; i++) expect((await viaProxy('203.0.113.9', `guess ${i}`)).status).toBe(401);
    expect((await viaProxy('203.0.113.9', password)).status).toBe(429);
    // a client cannot pick its own address: the proxy appends the real one last
    expect((await viaProxy('198.51.100.4, 203.0.113.9', password)).status).toBe(429);
    expect((await viaProxy('198.51.100.4', password)).status).toBe(303);
  });
});
