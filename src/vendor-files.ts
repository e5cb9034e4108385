// htmx and its SSE extension, served from static/vendor/ under names that carry their version (so
// a browser may cache them for a year). scripts/copy-vendor.ts copies them there from
// node_modules on every `npm install` / `npm ci`, so the version in package-lock.json is the one
// served and an update is one `npm install htmx.org@…`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const installedVersion = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;

export const vendorFiles = [
  { from: 'htmx.org/dist/htmx.min.js', name: `htmx-${installedVersion('htmx.org')}.min.js` },
  { from: 'htmx-ext-sse/dist/sse.min.js', name: `htmx-ext-sse-${installedVersion('htmx-ext-sse')}.min.js` },
] as const;

/** The script tags' sources, in the order they load: htmx before its extension. */
export const vendorScripts = vendorFiles.map((f) => `/static/vendor/${f.name}`);
