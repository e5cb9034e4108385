// Cross-site request forgery guard for every form post. docs/decisions/same-origin-forms.md says
// why it checks headers rather than per-form tokens.
//
// At a venue the app is reached over plain HTTP by a LAN address or host name, where browsers send
// no Sec-Fetch-Site (they do only to HTTPS and localhost), and behind an HTTPS proxy, where the
// URL Node sees says http:// while the browser's Origin says https://. So a post is accepted when
//   - Sec-Fetch-Site says same-origin, or
//   - Origin names this host (either scheme) or PUBLIC_URL, or
//   - there is no usable Origin (absent, or "null") and the Referer names one of those.
// Pages are served with Referrer-Policy: same-origin, which makes browsers send the real Origin
// (and Referer) to us and nothing to other sites, so a personal link never leaks through Referer.
import type { MiddlewareHandler } from 'hono';

const unsafeMethod = /^(?!GET$|HEAD$|OPTIONS$)/;
const formContentType = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

export type FormRefusal = 'not-a-form' | 'cross-site';

export type SameOriginOptions = {
  /** the base URL QR codes carry; its origin is always ours */
  publicUrl: string;
  refuse: (reason: FormRefusal, c: Parameters<MiddlewareHandler>[0]) => Response | Promise<Response>;
};

function originOf(url: string | undefined): string | undefined {
  if (!url || url === 'null') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Origins this request may come from: PUBLIC_URL and the host the browser used, by http or https. */
export function ownOrigins(publicUrl: string, headers: { host?: string | undefined; forwardedHost?: string | undefined }): Set<string> {
  const own = new Set<string>();
  const pub = originOf(publicUrl);
  if (pub) own.add(pub);
  for (const host of [headers.host, headers.forwardedHost?.split(',')[0]?.trim()]) {
    if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) continue;
    for (const scheme of ['http', 'https']) {
      const origin = originOf(`${scheme}://${host}`);
      if (origin) own.add(origin);
    }
  }
  return own;
}

export function sameOriginForms(opts: SameOriginOptions): MiddlewareHandler {
  return async (c, next) => {
    if (!unsafeMethod.test(c.req.method)) return next();
    // forms only: a JSON or text body is not something our pages send, so it is refused unread
    if (!formContentType.test(c.req.header('content-type') ?? '')) return opts.refuse('not-a-form', c);

    const site = c.req.header('sec-fetch-site');
    if (site === 'same-origin') return next();
    if (site === 'cross-site' || site === 'same-site') return opts.refuse('cross-site', c);

    const own = ownOrigins(opts.publicUrl, {
      host: c.req.header('host') ?? new URL(c.req.url).host,
      forwardedHost: c.req.header('x-forwarded-host'),
    });
    const origin = c.req.header('origin');
    const claimed = origin && origin !== 'null' ? originOf(origin) ?? origin : originOf(c.req.header('referer'));
    if (claimed && own.has(claimed)) return next();
    return opts.refuse('cross-site', c);
  };
}
