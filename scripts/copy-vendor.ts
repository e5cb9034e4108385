// Copies the installed htmx files into static/vendor/ under their versioned names, and removes
// any other version left there. Run by `npm install` / `npm ci` (postinstall) and before
// `npm start` and `npm test`, so what is served is what package-lock.json installed.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vendorFiles } from '../src/vendor-files.ts';

const require = createRequire(import.meta.url);
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'static', 'vendor');

mkdirSync(target, { recursive: true });
const wanted = new Set<string>(vendorFiles.map((f) => f.name));
for (const old of readdirSync(target)) {
  if (!wanted.has(old)) rmSync(join(target, old));
}
for (const file of vendorFiles) copyFileSync(require.resolve(file.from), join(target, file.name));
