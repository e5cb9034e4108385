import { expect } from 'vitest';
import { signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import { sessionCookieName } from '../../src/routes/admin/login.tsx';
import { cookiesFrom, get, type TestApp } from './test-app.ts';

/** An organizer account, not signed in: for the sign-in tests, and for acting in domain calls. */
export function organizerAccount(t: TestApp, email = 'ana@example.org', password = 'a long password') {
  const organizer = upsertOrganizer(t.db, { email, password, name: 'Ana Organizer' }, t.clock.now());
  return { organizer, email, password };
}

/** An organizer account and the Cookie header of a fresh session for it, made through the domain to keep each test about one route. */
export function signedInOrganizer(t: TestApp, email = 'ana@example.org') {
  const { organizer, password } = organizerAccount(t, email);
  const session = signIn(t.db, email, password, t.clock.now());
  if (!session.ok) throw new Error('sign-in refused');
  return { organizer, cookie: `${sessionCookieName}=${session.sessionId}` };
}

/** The page an organizer's post redirects to, as the browser sees it: the notice cookie goes along. */
export async function followToDashboard(t: TestApp, res: Response, cookie: string) {
  expect(res.status).toBe(303);
  const location = res.headers.get('Location')!;
  const page = await get(t.app, location, { cookie: `${cookie}; ${cookiesFrom(res)}` });
  expect(page.status).toBe(200);
  return page.text();
}

/** One of the dashboard's live counts, read from its HTML. */
export function countOf(html: string, key: string): number {
  const m = new RegExp(`data-count="${key}"[^>]*>\\s*<span class="n">(\\d+)</span>`).exec(html);
  if (!m) throw new Error(`count ${key} not on the page`);
  return Number(m[1]);
}
