import { describe, expect, it } from 'vitest';
import { sweepTargets } from '../helpers/route-sweep.ts';
import { createTestApp, testOrigin } from '../helpers/test-app.ts';

// Odd input people and bots really send: wrong types, huge values, stray encodings, other ids.
const garbageBodies = [
  '',
  'role=wizard&name=%00%00&capacity=NaN&interests=-1&sessions=1e309&languages=',
  `name=${'x'.repeat(20_000)}&email=${'@'.repeat(300)}`,
  'interests=1&interests=1&interests=999999999999999999999',
  '%E0%A4%A=broken-encoding',
  'code=%F0%9F%98%80&k=zz.zz',
  'spotId=abc&absentee=nobody&firstTimerId=1.5&volunteerId=-3&pairsAtOnce=1e9&slotMinutes=0',
];

describe('never a 5xx', () => {
  it('answers every route with garbage input with a 2xx, 3xx or 4xx and a page, never a stack trace', async () => {
    const t = createTestApp();
    const { cookie, paths } = sweepTargets(t);
    const failures: string[] = [];
    for (const path of paths) {
      const gets = await t.app.request(path, { headers: { Cookie: cookie } });
      if (gets.status >= 500) failures.push(`GET ${path} → ${gets.status}`);
      for (const body of garbageBodies) {
        for (const htmx of [false, true]) {
          const res = await t.app.request(path, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/x-www-form-urlencoded',
              Origin: testOrigin,
              Cookie: cookie,
              ...(htmx ? { 'HX-Request': 'true' } : {}),
            },
            body,
          });
          const text = await res.text();
          if (res.status >= 500 || /\n\s+at /.test(text)) failures.push(`POST ${path} [${body.slice(0, 30)}] → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
