import { describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../src/routes/admin.tsx';
import { signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
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
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { present: true });
    upsertOrganizer(t.db, { email: 'chair@example.org', password: 'long enough secret' }, t.clock.now());
    const session = signIn(t.db, 'chair@example.org', 'long enough secret', t.clock.now());
    if (!session.ok) throw new Error('sign-in refused');
    const cookie = `${sessionCookieName}=${session.sessionId}; bd_me=${'%'.repeat(50)}`;
    const e = `/e/${event.slug}`;
    const a = `/admin/e/${event.slug}`;
    const paths = [
      `${e}/join`, `${e}/join?k=${'9'.repeat(500)}`, `${e}/desk`, `${e}/desk/qr`, `${e}/desk/check-in`,
      `${e}/desk/welcome/${'a'.repeat(43)}`, `${e}/board`, `${e}/board/pairs`,
      `${e}/me/${p.token}`, `${e}/me/${p.token}/edit`, `${e}/me/${p.token}/status`, `${e}/me/${p.token}/meetup.ics`,
      `${e}/me/${p.token}/pairs/99999/met`, `${e}/me/${p.token}/pairs/0x10/missing`, `${e}/me/%ZZ`,
      '/admin', '/admin/login?next=//evil.example', '/admin/setup/nope', a, `${a}/counts`, `${a}/participants?q=%25_%5C`,
      `${a}/participants/abc/check-in`, `${a}/participants/99999/check-out`, `${a}/rounds`, `${a}/rounds/abc`,
      `${a}/rounds/99999/publish`, `${a}/pairs`, `${a}/pairs/abc/no-show`, `${a}/pairs/99999/unpair`, `${a}/pairs/1/move`,
      `${a}/forbidden-pairs`, `${a}/first-timers/abc/rematch`, `${a}/spots`, `${a}/spots/abc`, `${a}/timing`, `${a}/audit`,
      '/e/Not A Slug/join', '/e/../../etc/passwd/desk', '/admin/e/nope', '/healthz',
    ];
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
