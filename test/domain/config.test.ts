import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('uses the defaults and the LAN address when nothing is set', () => {
    const result = loadConfig({}, '10.1.2.3');
    expect(result).toEqual({
      ok: true,
      config: { port: 3000, databasePath: 'db/buddydesk.sqlite', publicUrl: 'http://10.1.2.3:3000', organizer: null },
    });
  });

  it('takes PUBLIC_URL without its trailing slash and the organizer pair', () => {
    const result = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://buddies.example.org/',
      ORGANIZER_EMAIL: 'Chair@Example.org',
      ORGANIZER_PASSWORD: 'long enough secret',
    });
    expect(result.ok && result.config).toMatchObject({
      port: 8080,
      publicUrl: 'https://buddies.example.org',
      organizer: { email: 'chair@example.org', password: 'long enough secret' },
    });
  });

  it('takes ORGANIZER_NAME, trimmed, for the organizer of ORGANIZER_EMAIL', () => {
    const env = { ORGANIZER_EMAIL: 'chair@example.org', ORGANIZER_PASSWORD: 'long enough secret' };
    const named = loadConfig({ ...env, ORGANIZER_NAME: '  Dana Whitfield ' }, '10.1.2.3');
    const organizer = { email: 'chair@example.org', password: 'long enough secret' };
    expect(named.ok && named.config.organizer).toEqual({ ...organizer, name: 'Dana Whitfield' });
    const unnamed = loadConfig({ ...env, ORGANIZER_NAME: '' }, '10.1.2.3');
    expect(unnamed.ok && unnamed.config.organizer).toEqual(organizer);
  });

  it.each([
    [{ ORGANIZER_NAME: 'Dana Whitfield' }, /ORGANIZER_NAME names the organizer of ORGANIZER_EMAIL/],
    [{ ORGANIZER_EMAIL: 'chair@example.org', ORGANIZER_PASSWORD: 'long enough secret', ORGANIZER_NAME: 'x'.repeat(81) }, /at most 80/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PUBLIC_URL: 'buddies.example.org' }, /PUBLIC_URL must be an http\(s\) URL/],
    [{ ORGANIZER_EMAIL: 'chair@example.org' }, /together/],
    [{ ORGANIZER_EMAIL: 'nope', ORGANIZER_PASSWORD: 'long enough secret' }, /ORGANIZER_EMAIL must be an e-mail/],
    [{ ORGANIZER_EMAIL: 'chair@example.org', ORGANIZER_PASSWORD: 'short' }, /at least 10 characters/],
  ])('refuses %j with one clear line', (env, message) => {
    const result = loadConfig(env, '10.1.2.3');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^Bad configuration: /);
      expect(result.message).toMatch(message);
      expect(result.message).not.toContain('\n');
    }
  });
});
