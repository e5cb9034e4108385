// A notice that survives one redirect: post → 303 → the page says what was done, also without
// JavaScript. It rides in a short-lived cookie and is read once.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import type { Notice } from '../../../views/admin/chrome.tsx';

const noticeCookie = 'bd_notice';
const noticeSchema = z.object({
  kind: z.enum(['ok', 'error']),
  text: z.string().max(500),
  copy: z.object({ label: z.string().max(100), value: z.string().max(500) }).optional(),
});

export function flashNotice(c: Context<AppEnv>, notice: Notice) {
  setCookie(c, noticeCookie, JSON.stringify(notice), {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/admin',
    secure: c.var.secureCookies,
    maxAge: 60,
  });
}

export function takeNotice(c: Context<AppEnv>): Notice | undefined {
  const raw = getCookie(c, noticeCookie);
  if (raw === undefined) return undefined;
  deleteCookie(c, noticeCookie, { path: '/admin', secure: c.var.secureCookies });
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
