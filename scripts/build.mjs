// `npm run build`: the server and the matcher command as plain JavaScript in dist/, so `npm start`
// is one `node dist/server.js` process with no TypeScript loader to start, and
// `npx buddydesk-match` runs compiled code. Also copies the htmx files into static/vendor/.
//
// `node scripts/build.mjs --if-stale` (npm's prestart, and the tests' global setup) builds only
// when a source is newer than the last build, so it costs a few milliseconds when nothing changed.
// Plain JavaScript, not TypeScript: it runs before every start and must not need a loader itself.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stampFile = join(dist, '.built');

/** dist/ is one level below the root, as src/ and scripts/ are, so `import.meta.url + '/../db/migrations'` still finds the migrations. */
const entryPoints = {
  server: 'src/server.ts',
  match: 'src/cli/match.ts',
  'copy-vendor': 'scripts/copy-vendor.ts',
};

// what a build depends on: our sources, and what npm installed (an `npm install` touches the lockfile copy in node_modules)
const sources = ['src', 'views', 'db', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'node_modules/.package-lock.json'];

function newestMtime(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  // files only: a directory's own time changes whenever SQLite creates or removes its -wal file in db/
  let newest = 0;
  for (const entry of readdirSync(path)) {
    // the SQLite file and its WAL live in db/ and change while the server runs; they are data, not sources
    if (entry.includes('.sqlite')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isStale() {
  const stamp = statSync(stampFile, { throwIfNoEntry: false });
  if (!stamp) return true;
  for (const name of Object.keys(entryPoints)) if (!existsSync(join(dist, `${name}.js`))) return true;
  if (!existsSync(join(root, 'static', 'vendor'))) return true;
  return sources.some((source) => newestMtime(join(root, source)) > stamp.mtimeMs);
}

/** How our TypeScript becomes a Node bundle; the bench bundles its baseline servers the same way so both sides run alike. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // a native addon, loaded from node_modules at run time
  external: ['better-sqlite3'],
  // CommonJS packages in an ES module bundle call require(); give them Node's
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
};

export async function build() {
  const started = performance.now();
  const esbuild = await import('esbuild');
  mkdirSync(dist, { recursive: true });
  await esbuild.build({
    ...bundleOptions,
    absWorkingDir: root,
    entryPoints: Object.entries(entryPoints).map(([out, input]) => ({ out, in: input })),
    outdir: dist,
  });
  // the matcher is a `bin`: npm links it as an executable
  const match = join(dist, 'match.js');
  const { readFileSync, chmodSync } = await import('node:fs');
  const text = readFileSync(match, 'utf8');
  if (!text.startsWith('#!')) writeFileSync(match, `#!/usr/bin/env node\n${text}`);
  chmodSync(match, 0o755);
  // htmx and its extension under static/vendor/, by the versions npm installed
  await import(`${join(dist, 'copy-vendor.js')}?${Date.now()}`);
  writeFileSync(stampFile, `${new Date().toISOString()}\n`);
  return performance.now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isStale()) process.exit(0);
  const ms = await build();
  console.error(`built dist/ in ${(ms / 1000).toFixed(1)} s`);
}
