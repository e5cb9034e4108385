// A browser that signed in to an organizer account gets a token only the server can make, tied to
// that account's e-mail; the login limiter counts its attempts apart from everyone else's.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const sign = (secret: string, id: string, email: string) =>
  createHmac('sha256', secret).update(`${id}\n${email}`).digest('base64url');

export function issueDeviceToken(secret: string, email: string): string {
  const id = randomBytes(16).toString('base64url');
  return `${id}.${sign(secret, id, email)}`;
}

/** The token's id when it was issued by us for this e-mail, else undefined. */
export function verifyDeviceToken(secret: string, email: string, token: string | undefined): string | undefined {
  const [id, mac, ...rest] = (token ?? '').split('.');
  if (!id || !mac || rest.length > 0 || !/^[A-Za-z0-9_-]{22}$/.test(id)) return undefined;
  const expected = Buffer.from(sign(secret, id, email));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}
