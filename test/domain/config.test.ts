import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('uses the defaults and the LAN address when nothing is set', () => {
    const result = loadConfig({}, '10.1.2.3');
    expect(result).toEqual({
      ok: true,
      config: {
        port: 3000,
        databasePath: 'db/buddydesk.sqlite',
        publicUrl: 'http://10.1.2.3:3000',
        trustProxy: false,
        allowPrivateFetch: false,
        organizer: null,
        mail: { smtpUrl: null, from: null },
      },
    });
  });

  it('trusts a reverse proxy only when TRUST_PROXY says so, and refuses other values', () => {
    const on = loadConfig({ TRUST_PROXY: 'true' }, '10.1.2.3');
    expect(on.ok && on.config.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'yes please' }, '10.1.2.3')).toEqual({
      ok: false,
      message: 'Bad configuration: TRUST_PROXY must be true or false',
    });
  });

  it('lets a program import fetch from private addresses only when ALLOW_PRIVATE_FETCH says so', () => {
    const on = loadConfig({ ALLOW_PRIVATE_FETCH: '1' }, '10.1.2.3');
    expect(on.ok && on.config.allowPrivateFetch).toBe(true);
    expect(loadConfig({ ALLOW_PRIVATE_FETCH: 'sometimes' }, '10.1.2.3')).toEqual({
      ok: false,
      message: 'Bad configuration: ALLOW_PRIVATE_FETCH must be true or false',
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

  it('takes SMTP_URL and MAIL_FROM with a display name', () => {
    const result = loadConfig({
      SMTP_URL: 'smtp://buddies:s3cret@mail.example.org:587',
      MAIL_FROM: 'Riverlands Buddies <buddies@example.org>',
    });
    expect(result.ok && result.config.mail).toEqual({
      smtpUrl: 'smtp://buddies:s3cret@mail.example.org:587',
      from: { name: 'Riverlands Buddies', address: 'buddies@example.org' },
    });
  });

  it('takes a bare MAIL_FROM address and smtps://', () => {
    const result = loadConfig({ SMTP_URL: 'smtps://mail.example.org', MAIL_FROM: 'buddies@example.org' });
    expect(result.ok && result.config.mail).toEqual({
      smtpUrl: 'smtps://mail.example.org',
      from: { name: '', address: 'buddies@example.org' },
    });
  });

  it('never repeats SMTP_URL in its refusal, since the URL may hold a password', () => {
    const result = loadConfig({ SMTP_URL: 'http://user:hunter2hunter2@mail.example.org', MAIL_FROM: 'a@example.org' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).not.toContain('hunter2');
  });

  it.each([
    [{ ORGANIZER_NAME: 'Dana Whitfield' }, /ORGANIZER_NAME names the organizer of ORGANIZER_EMAIL/],
    [{ ORGANIZER_EMAIL: 'chair@example.org', ORGANIZER_PASSWORD: 'long enough secret', ORGANIZER_NAME: 'x'.repeat(81) }, /at most 80/],
    [{ SMTP_URL: 'mail.example.org:587', MAIL_FROM: 'a@example.org' }, /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ SMTP_URL: 'https://mail.example.org', MAIL_FROM: 'a@example.org' }, /SMTP_URL must be/],
    [{ SMTP_URL: 'smtp://mail.example.org' }, /set MAIL_FROM/],
    [{ MAIL_FROM: 'not an address' }, /MAIL_FROM must be one address/],
    [{ MAIL_FROM: 'a@example.org, b@example.org' }, /MAIL_FROM must be one address/],
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
