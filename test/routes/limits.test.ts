import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { participants } from '../../db/schema.ts';
import { formBodyLimit } from '../../src/body-limits.ts';
import { makeEvent } from '../helpers/factories.ts';
import { sweepTargets } from '../helpers/route-sweep.ts';
import { createTestApp, postForm, testOrigin, type TestApp } from '../helpers/test-app.ts';

function participantCount(t: TestApp) {
  return t.db.select({ n: count() }).from(participants).get()!.n;
}

describe('request size limits', () => {
  it('answers a 10 MB field with a short 413 page and saves nothing', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: 'x'.repeat(10 * 1024 * 1024) });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html.length).toBeLessThan(5_000);
    expect(html).toContain('too much to send');
    expect(participantCount(t)).toBe(0);
  });

  it('refuses a body without Content-Length once it passes the limit, as it streams in', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const chunk = new TextEncoder().encode(`name=${'x'.repeat(64 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        if (sent > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await t.app.request(`${testOrigin}/e/${event.slug}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: testOrigin, 'Transfer-Encoding': 'chunked' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    // it stopped reading soon after the limit, not at the end of the 50 MB
    expect(sent).toBeLessThan(formBodyLimit + 4 * chunk.length);
    expect(participantCount(t)).toBe(0);
  });

  it('re-renders a refused registration with each field cut to what it takes, not the 200 KB typed', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const res = await postForm(t.app, `/e/${event.slug}/join`, {
      role: 'first_timer',
      name: 'n'.repeat(100_000),
      bio: 'b'.repeat(100_000),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Name can be at most 80 characters');
    expect(html).not.toContain('n'.repeat(81));
    expect(html).not.toContain('b'.repeat(401));
    expect(participantCount(t)).toBe(0);
  });

  it('never echoes more than a field takes, on any route', async () => {
    const t = createTestApp();
    const { cookie, paths } = sweepTargets(t);
    const long = 'q'.repeat(20_000);
    const fields = ['name', 'email', 'bio', 'code', 'q', 'password', 'directions', 'next', 'k', 'spotId', 'role'];
    const body = fields.map((f) => `${f}=${long}`).join('&');
    const echoes: string[] = [];
    for (const path of paths) {
      const res = await t.app.request(`${testOrigin}${path.startsWith('/e/..') ? '/e/x/desk' : path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: testOrigin, Cookie: cookie },
        body,
      });
      const text = await res.text();
      if (text.includes('q'.repeat(1_001))) echoes.push(`POST ${path} → ${res.status} echoed ${text.length} characters`);
    }
    expect(echoes).toEqual([]);
  });
});
