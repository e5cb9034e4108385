/** `npm run bench`: every benchmark module, one after the other. Add new ones to the list. */
import { runMatcherBench } from './matcher.ts';
import { runRoundBench } from './round.ts';
import { runSseFanoutBench } from './sse-fanout.ts';

const BENCHMARKS: { name: string; run: () => Promise<void> }[] = [
  { name: 'matcher', run: runMatcherBench },
  { name: 'sse-fanout', run: runSseFanoutBench },
  { name: 'round', run: runRoundBench },
];

for (const benchmark of BENCHMARKS) {
  console.log(`\n# ${benchmark.name}`);
  await benchmark.run();
}
