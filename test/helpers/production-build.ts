// vitest's global setup: the tests that start the server or the matcher command run what
// `npm start` and `npx buddydesk-match` run, the bundle in dist/, so build it first if a source
// changed (a few milliseconds when nothing did). Once per test run, so parallel files never race
// to write dist/.
import { spawnSync } from 'node:child_process';

export default function buildOnce(): void {
  const run = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stderr}`);
}
