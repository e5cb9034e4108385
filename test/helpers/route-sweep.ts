// Every route of the app, with real ids where a route needs one, for the tests that sweep them all
// with bad input (never a 5xx, bounded answers). A new route belongs in this list.
import { sessionCookieName } from '../../src/routes/admin/login.tsx';
import { signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import { eq } from 'drizzle-orm';
import { mailRecipients } from '../../db/schema.ts';
import { makeEvent, makeMail, makeParticipant } from './factories.ts';
import type { TestApp } from './test-app.ts';

export function sweepTargets(t: TestApp) {
  const { event } = makeEvent(t.db);
  const p = makeParticipant(t.db, event, { present: true });
  upsertOrganizer(t.db, { email: 'chair@example.org', password: 'long enough secret' }, t.clock.now());
  const session = signIn(t.db, 'chair@example.org', 'long enough secret', t.clock.now());
  if (!session.ok) throw new Error('sign-in refused');
  const cookie = `${sessionCookieName}=${session.sessionId}; bd_me=${'%'.repeat(50)}; bd_kiosk=${'%'.repeat(50)}`;
  const mail = makeMail(t.db, { eventId: event.id, participantId: p.id });
  const { unsubscribeToken } = t.db.select().from(mailRecipients).where(eq(mailRecipients.id, mail.recipientId)).get()!;
  const e = `/e/${event.slug}`;
  const a = `/admin/e/${event.slug}`;
  const paths = [
    `${e}/join`, `${e}/join?k=${'9'.repeat(500)}`, `${e}/join/check-in`, `${e}/desk`, `${e}/desk/qr`, `${e}/desk/register`, `${e}/desk/check-in`,
    `${e}/desk/welcome/${'a'.repeat(43)}`, `${e}/board`, `${e}/board/pairs`,
    `${e}/me/${p.token}`, `${e}/me/${p.token}/edit`, `${e}/me/${p.token}/status`, `${e}/me/${p.token}/meetup.ics`,
    `${e}/me/${p.token}/pairs/99999/met`, `${e}/me/${p.token}/pairs/0x10/missing`, `${e}/me/%ZZ`,
    `${e}/me/${p.token}/safety/99999`, `${e}/me/${p.token}/safety/abc`, `${a}/safety-alerts`, `${a}/safety-alerts/abc/acknowledge`,
    `${a}/safety-alerts/99999/acknowledge`, `${a}/safety-settings`,
    '/admin', '/admin/login', '/admin/login?next=//evil.example', '/admin/setup/nope', a, `${a}/counts`,
    `${a}/participants?q=%25_%5C`, `${a}/participants/abc/check-in`, `${a}/participants/99999/check-out`,
    `${a}/rounds`, `${a}/rounds/abc`, `${a}/rounds/99999/publish`, `${a}/pairs`, `${a}/pairs/abc/no-show`,
    `${a}/pairs/99999/unpair`, `${a}/pairs/1/move`, `${a}/forbidden-pairs`, `${a}/first-timers/abc/rematch`,
    `${a}/spots`, `${a}/spots/abc`, `${a}/timing`, `${a}/audit`,
    '/e/Not A Slug/join', '/e/../../etc/passwd/desk', '/admin/e/nope', '/healthz',
    `${e}/unsubscribe/${unsubscribeToken}`, `${e}/unsubscribe/${'a'.repeat(43)}`, `${e}/unsubscribe/%ZZ`,
    `/unsubscribe/${unsubscribeToken}`, '/unsubscribe/x', `${a}/outbox`, `${a}/outbox?status=%00`,
    `${a}/outbox.csv`, `${a}/outbox.csv?status[]=1`, `${a}/outbox/${mail.id}`, `${a}/outbox/abc`, `${a}/outbox/99999`,
    `${e}/me/${p.token}/feedback`, `${e}/me/${p.token}/letter`, `${e}/letters/abc`, `${e}/letters/1-${'A'.repeat(22)}`,
    `${a}/feedback`, `${a}/feedback/open`, `${a}/feedback/settings`, `${a}/report`, `${a}/report/responses.csv`,
    `${a}/report/responses.csv?names=yes`, `${a}/letters`, `${a}/letters/settings`, `${a}/letters/print`,
    `${a}/letters/print?volunteer=abc`,
    `${a}/program`, `${a}/program/import`, `${a}/program/import/mapping`, `${a}/program/import/apply`,
    `${a}/preregistration`, `${a}/preregistration/import`, `${a}/preregistration/import/mapping`,
    `${a}/preregistration/import/apply`, `${a}/preregistration/links.csv`, `${a}/preregistration/welcome`,
    `${a}/exports`, `${a}/exports/people.csv`, `${a}/exports/pairs.csv`, `${a}/exports/rounds.csv`, `${a}/exports/audit.csv`,
    `${a}/exports/nope.csv`, `${a}/exports/%ZZ`,
    '/admin/events/new', '/admin/events', `${a}/edit`, `${a}/archive`, `${a}/delete`, `${a}/restore`,
    `${a}/choices`, `${a}/choices/regions`, `${a}/choices/colours`, `${a}/choices/interests/abc/rename`,
    `${a}/choices/languages/99999/retire`, `${a}/choices/regions/1/explode`, `${a}/choices/library-types/1/up`,
    `${a}/weights`, `${a}/weights/request-cap`, `${a}/poster`, `${a}/desk-sheet`,
    `${a}/rounds/pre-event`, `${a}/planned`, `${a}/planned/list`, `${a}/planned/hold`, `${a}/planned/abc/end`, `${a}/planned/99999/end`,
    `${e}/me/${p.token}/volunteers`, `${e}/me/${p.token}/volunteers?interest=%00&region[]=x`, `${e}/me/${p.token}/volunteers/abc/request`,
    `${e}/me/${p.token}/volunteers/99999/request`, `${e}/me/${p.token}/volunteers/1/explode`, `${e}/me/${p.token}/volunteers/99999/withdraw`,
    `${e}/desk/enrol`, `${e}/desk/enrol?code=%ZZ`, `${a}/kiosks`, `${a}/kiosks/cap`, `${a}/kiosks/abc/revoke`,
    `${a}/kiosks/99999/revoke`, `${a}/registrations`, `${a}/registrations?select=-1e99`, `${a}/registrations/withdraw`,
    '/admin/organizers', '/admin/invites', '/admin/invites/abc/revoke', '/admin/invites/99999/revoke',
    '/admin/invite/nope', `/admin/invite/${'a'.repeat(43)}`, '/admin/invite/%ZZ',
    `${e}/me/${p.token}/data`, `${e}/me/${p.token}/data.json`, `${e}/me/${p.token}/delete`,
    `${a}/participants/abc/erase`, `${a}/participants/99999/erase`, `${a}/participants/${p.id}/erase`,
  ];
  return { event, participant: p, cookie, paths };
}
