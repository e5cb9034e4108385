import { signIn, upsertOrganizer } from '../../src/domain/organizers.ts';
import { sessionCookieName } from '../../src/routes/admin/login.tsx';
import type { TestApp } from './test-app.ts';

/** An organizer account and the Cookie header of a fresh session for it. */
export function signedInOrganizer(t: TestApp, email = 'ana@example.org') {
  const password = 'a long password';
  const organizer = upsertOrganizer(t.db, { email, password, name: 'Ana Organizer' }, t.clock.now());
  const session = signIn(t.db, email, password, t.clock.now());
  if (!session.ok) throw new Error('sign-in refused');
  return { organizer, cookie: `${sessionCookieName}=${session.sessionId}` };
}
