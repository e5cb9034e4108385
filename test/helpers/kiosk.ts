// A desk kiosk enrolled the way organizers do it: the Kiosks page makes a one-time code, the tablet
// posts it on the desk screen and keeps the cookie. Tests that need the desk QR's presence token
// read it from that kiosk's desk screen, as a phone camera would.
import { expect } from 'vitest';
import { cookiesFrom, get, postForm, type TestApp } from './test-app.ts';
import { signedInOrganizer } from './organizer.ts';

/** The one-time enrolment link and code for a new kiosk, made on the Kiosks page. */
export async function createEnrolment(t: TestApp, slug: string, opts: { organizerCookie?: string; name?: string } = {}) {
  const organizerCookie = opts.organizerCookie ?? signedInOrganizer(t, `kiosk-${slug}@example.org`).cookie;
  const created = await postForm(t.app, `/admin/e/${slug}/kiosks`, { name: opts.name ?? 'Main desk tablet' }, { cookie: organizerCookie });
  expect(created.status).toBe(303);
  const page = await (await get(t.app, `/admin/e/${slug}/kiosks`, { cookie: `${organizerCookie}; ${cookiesFrom(created)}` })).text();
  const link = /value="([^"]*\/desk\/enrol\?code=([A-Z0-9]+))"/.exec(page);
  if (!link) throw new Error('no enrolment link on the Kiosks page');
  return { organizerCookie, link: link[1]!.replace(/&amp;/g, '&'), code: link[2]! };
}

/** Enrols a kiosk through the real routes; returns the Cookie header the tablet then sends. */
export async function enrolKioskCookie(t: TestApp, slug: string, opts: { organizerCookie?: string; name?: string } = {}) {
  const { code, organizerCookie } = await createEnrolment(t, slug, opts);
  const res = await postForm(t.app, `/e/${slug}/desk/enrol`, { code });
  expect(res.status).toBe(303);
  const cookie = cookiesFrom(res);
  expect(cookie).toMatch(/^bd_kiosk=/);
  return { cookie, organizerCookie };
}

/** The presence token in the QR code an enrolled kiosk shows now. */
export async function deskTokenFrom(t: TestApp, slug: string, kioskCookie: string): Promise<string> {
  const html = await (await get(t.app, `/e/${slug}/desk/qr`, { cookie: kioskCookie })).text();
  const m = /data-join-url="[^"]*\?k=([^"]+)"/.exec(html);
  if (!m) throw new Error('no presence token on the desk screen');
  return m[1]!;
}

/** A kiosk enrolled for this event, and the token its QR code shows now. */
export async function enrolledDeskToken(t: TestApp, slug: string): Promise<string> {
  const { cookie } = await enrolKioskCookie(t, slug);
  return deskTokenFrom(t, slug, cookie);
}
