import { createHmac, timingSafeEqual } from 'node:crypto';

// The desk QR carries a token that proves "I was at the desk just now": it changes every two
// minutes and the previous one is still honoured, so a photo of the screen stops working within
// four (docs/decisions/presence-tokens.md).
export const presenceWindowMs = 2 * 60 * 1000;

function windowOf(now: Date): number {
  return Math.floor(now.getTime() / presenceWindowMs);
}

function sign(secret: string, slug: string, window: number): string {
  return createHmac('sha256', secret).update(`presence:${slug}:${window}`).digest('base64url').slice(0, 22);
}

export function makePresenceToken(secret: string, slug: string, now: Date): string {
  const w = windowOf(now);
  return `${w.toString(36)}.${sign(secret, slug, w)}`;
}

export function isPresenceTokenValid(secret: string, slug: string, token: string | undefined, now: Date): boolean {
  if (!token) return false;
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return false;
  const w = parseInt(match[1]!, 36);
  const current = windowOf(now);
  if (w !== current && w !== current - 1) return false;
  const expected = Buffer.from(sign(secret, slug, w));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
