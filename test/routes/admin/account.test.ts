// An organizer made from ORGANIZER_EMAIL is greeted by a name: the one from ORGANIZER_NAME, or
// the one they give on /admin/account; until then by their e-mail, with a prompt, never by a
// guess from it.
import { describe, expect, it } from 'vitest';
import { organizers } from '../../../db/schema.ts';
import { loadConfig } from '../../../src/config.ts';
import { signIn, upsertOrganizer } from '../../../src/domain/organizers.ts';
import { makeEvent, makeParticipant } from '../../helpers/factories.ts';
import { createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

/** The organizer as server.ts creates it from the environment, signed in. */
function fromEnvironment(t: TestApp, env: Record<string, string>) {
  const loaded = loadConfig({ ORGANIZER_EMAIL: 'chair@example.org', ORGANIZER_PASSWORD: 'long enough secret', ...env }, '10.0.0.1');
  if (!loaded.ok || !loaded.config.organizer) throw new Error('config refused');
  const organizer = upsertOrganizer(t.db, loaded.config.organizer, t.clock.now());
  const session = signIn(t.db, 'chair@example.org', 'long enough secret', t.clock.now());
  if (!session.ok) throw new Error('sign-in refused');
  return { organizer, cookie: `bd_session=${session.sessionId}` };
}

describe('the organizer greeting', () => {
  it('greets an organizer from ORGANIZER_NAME by that name', async () => {
    const t = createTestApp();
    const { cookie } = fromEnvironment(t, { ORGANIZER_NAME: 'Dana Whitfield' });
    const html = await (await get(t.app, '/admin', { cookie })).text();
    expect(html).toContain('Signed in as <strong>Dana Whitfield</strong>');
    expect(html).not.toContain('<strong>chair</strong>');
  });

  it('asks an organizer without a name for one instead of calling them by the e-mail\'s local part', async () => {
    const t = createTestApp();
    const { cookie } = fromEnvironment(t, {});
    const html = await (await get(t.app, '/admin', { cookie })).text();
    expect(html).toContain('Signed in as chair@example.org · <a href="/admin/account">Add your name</a>');
    expect(html).not.toContain('<strong>chair</strong>');
  });
});

describe('POST /admin/account', () => {
  it('saves the name, which then greets them and names them in the audit log', async () => {
    const t = createTestApp();
    const { cookie } = fromEnvironment(t, {});
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Diaz' });
    await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, {}, { cookie });
    // before a name, the audit log says who by e-mail
    expect(await (await get(t.app, `/admin/e/${event.slug}/audit`, { cookie })).text()).toContain('<td>chair@example.org</td>');

    const res = await postForm(t.app, '/admin/account', { name: '  Dana Whitfield ' }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/account?saved=1');
    const page = await (await get(t.app, '/admin/account?saved=1', { cookie })).text();
    expect(page).toContain('Saved. The console greets you as Dana Whitfield.');
    expect(await (await get(t.app, '/admin', { cookie })).text()).toContain('Signed in as <strong>Dana Whitfield</strong>');
    expect(await (await get(t.app, `/admin/e/${event.slug}/audit`, { cookie })).text()).toContain('<td>Dana Whitfield</td>');
  });

  it('re-renders with 422 and keeps the old name when the name is empty or too long', async () => {
    const t = createTestApp();
    const { cookie } = fromEnvironment(t, { ORGANIZER_NAME: 'Dana Whitfield' });
    const empty = await postForm(t.app, '/admin/account', { name: '   ' }, { cookie });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Please enter your name');
    const long = await postForm(t.app, '/admin/account', { name: 'x'.repeat(81) }, { cookie });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('at most 80 characters');
    expect(await (await get(t.app, '/admin', { cookie })).text()).toContain('Signed in as <strong>Dana Whitfield</strong>');
  });

  it('needs a signed-in organizer', async () => {
    const t = createTestApp();
    const res = await postForm(t.app, '/admin/account', { name: 'Mallory' }, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login');
    expect(t.db.select().from(organizers).all()).toEqual([]);
  });
});
