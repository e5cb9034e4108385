/**
 * `npm run bench`: every benchmark module, one after the other. Add new ones to the list.
 * `npm run bench -- matcher` (or any names from the list) runs only those.
 */
import { runExportsBench } from './exports.ts';
import { runMatcherBench } from './matcher.ts';
import { runReportBench } from './report.ts';
import { runRoundBench } from './round.ts';
import { runSseFanoutBench } from './sse-fanout.ts';

const BENCHMARKS: { name: string; run: () => Promise<void> }[] = [
  { name: 'matcher', run: runMatcherBench },
  { name: 'sse-fanout', run: runSseFanoutBench },
  { name: 'round', run: runRoundBench },
  { name: 'report', run: runReportBench },
  { name: 'exports', run: runExportsBench },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')} (known: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
  process.exit(2);
}

for (const benchmark of BENCHMARKS) {
  if (wanted.length > 0 && !wanted.includes(benchmark.name)) continue;
  console.log(`\n# ${benchmark.name}`);
  await benchmark.run();
}
