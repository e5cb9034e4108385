/**
 * One measurement in a fresh process, so its peak memory is its own:
 *   matcher-child.ts ours <instance.json> <runs> [rematch]
 *   matcher-child.ts munkres <instance.json>
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { munkres } from 'munkres';
import { matchInstance, parseInstance, rematchFirstTimer, type Instance, type MatchResult } from '../../src/matcher/index.ts';
import { computeBigM } from '../../src/matcher/big-m.ts';
import { ColumnScorer } from '../../src/matcher/column-scorer.ts';
import { indexInstance } from '../../src/matcher/indexed-instance.ts';
import { scorePairScaled } from '../../src/matcher/pair-score.ts';
import { scaleWeights } from '../../src/matcher/weights.ts';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function load(path: string): Instance {
  const parsed = parseInstance(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.instance;
}

function timeRematch(instance: Instance, result: MatchResult): number {
  // the first matched first-timer's buddy did not show: everyone else keeps their pair
  const orphan = result.pairs.find((pair) => !instance.pinned.some(([f]) => f === pair.firstTimer))!;
  const load = new Map<string, number>();
  for (const pair of result.pairs) load.set(pair.volunteer, (load.get(pair.volunteer) ?? 0) + 1);
  const firstTimer = instance.firstTimers.find((f) => f.id === orphan.firstTimer)!;
  const volunteers = instance.volunteers
    .filter((v) => v.id !== orphan.volunteer)
    .map((v) => ({ ...v, load: load.get(v.id) ?? 0 }));
  const times: number[] = [];
  for (let run = 0; run < 31; run++) {
    const start = performance.now();
    rematchFirstTimer({ firstTimer, volunteers, weights: instance.weights, forbidden: instance.forbidden });
    times.push(performance.now() - start);
  }
  return median(times.slice(1));
}

function runOurs(path: string, runs: number, withRematch: boolean) {
  const instance = load(path);
  const times: number[] = [];
  let result: MatchResult | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    result = matchInstance(instance);
    times.push(performance.now() - start);
  }
  return {
    ms: median(times),
    matched: result!.matched,
    objective: result!.objective,
    rematchMs: withRematch ? timeRematch(instance, result!) : undefined,
  };
}

/** The textbook dense route: score every pair, expand capacities into slot columns, Hungarian. */
function runMunkres(path: string) {
  const instance = load(path);
  const start = performance.now();
  const weights = scaleWeights(instance.weights);
  const { bigM } = computeBigM(instance, weights);
  const index = indexInstance(instance, weights);
  const pinnedFirstTimers = new Set(instance.pinned.map(([f]) => f));
  const pins = instance.volunteers.map((v) => instance.pinned.filter(([, id]) => id === v.id).length);
  const rows = instance.firstTimers.flatMap((f, i) => (pinnedFirstTimers.has(f.id) ? [] : [i]));
  const slots: { volunteer: number; cost: number }[] = [];
  instance.volunteers.forEach((v, i) => {
    for (let k = pins[i]!; k < Math.min(v.capacity, pins[i]! + rows.length); k++) {
      slots.push({ volunteer: i, cost: weights.extraSlot * k });
    }
  });
  const width = Math.max(slots.length, rows.length);
  // the matcher's own scorer, over every volunteer with a slot left
  const open = instance.volunteers.flatMap((v, i) => (v.capacity - pins[i]! > 0 ? [i] : []));
  const columnOf = new Map(open.map((v, c) => [v, c]));
  const scorer = new ColumnScorer(index, Int32Array.from(open));
  const matrix = rows.map((f) => {
    const scores = scorer.score(f);
    const row = new Float64Array(width);
    slots.forEach((slot, j) => {
      const score = scores[columnOf.get(slot.volunteer)!]!;
      row[j] = score === -Infinity ? 0 : -(bigM + score - slot.cost);
    });
    return row;
  });
  const assignment = munkres(matrix);
  const ms = performance.now() - start;
  let matched = instance.pinned.length;
  let objective = 0;
  const taken = [...pins];
  for (const [r, c] of assignment) {
    if (c >= slots.length || matrix[r]![c]! === 0) continue;
    matched++;
    taken[slots[c]!.volunteer]!++;
    objective += -matrix[r]![c]! - bigM + slots[c]!.cost;
  }
  // the matrix holds slot costs already; add back the pins' own scores and costs
  for (const [f, v] of instance.pinned) {
    const firstTimer = instance.firstTimers.find((x) => x.id === f)!;
    objective += scorePairScaled(firstTimer, instance.volunteers.find((x) => x.id === v)!, weights);
  }
  let slotCosts = 0;
  for (const count of taken) slotCosts += (weights.extraSlot * count * (count - 1)) / 2;
  return { ms, matched, objective: (objective - slotCosts) / weights.scale };
}

const [mode, path, runs, extra] = process.argv.slice(2);
const measured = mode === 'munkres' ? runMunkres(path!) : runOurs(path!, Number(runs ?? 1), extra === 'rematch');
process.stdout.write(`${JSON.stringify({ ...measured, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
