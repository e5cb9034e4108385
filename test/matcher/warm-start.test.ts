/**
 * The warm start (Jonker–Volgenant's augmenting row reduction, adapted to slots) must leave
 * the exact search a start it can prove optimal from: feasible duals, every placed row on a
 * best edge, every price between the costs of its column's last used and next free slot.
 * Checked directly on random candidate graphs, and end to end where it has most to do:
 * several slots per volunteer, pins, forbids, requests, negative weights, ties everywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchInstance, parseInstance, type Instance } from '../../src/matcher/index.ts';
import { FREE, SlotAssignment, UNMATCHED, type CandidateGraph } from '../../src/matcher/slot-assignment.ts';
import { instanceArbitrary, rawInstanceArbitrary, type SmallShape } from './arbitraries.ts';
import { bruteForce, checkInvariants, denseReference } from './reference.ts';

type Slots = { capacity: Int32Array; slotBase: Float64Array; extraSlot: number };
type RandomGraph = Slots & { rows: number; columns: number; graph: CandidateGraph };

const MAX_SCORE = 6;

/** Rows with a few candidate columns each, scores in [-4, 6], capacities 0–4 and rising slot costs. */
const graphArbitrary = fc
  .record({
    rows: fc.integer({ min: 1, max: 7 }),
    columns: fc.integer({ min: 1, max: 4 }),
    extraSlot: fc.constantFrom(0, 1, 2),
    seed: fc.array(fc.integer({ min: -4, max: MAX_SCORE }), { minLength: 28, maxLength: 28 }),
    present: fc.array(fc.boolean(), { minLength: 28, maxLength: 28 }),
    capacity: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
    slotBase: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ rows, columns, extraSlot, seed, present, capacity, slotBase }): RandomGraph => {
    const bigM = rows * (2 * MAX_SCORE + 4 * extraSlot + 3) + 1;
    const rowStart = new Int32Array(rows + 1);
    const edgeColumn: number[] = [];
    const edgeWeight: number[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        if (!present[r * 4 + c]) continue;
        edgeColumn.push(c);
        edgeWeight.push(bigM + seed[r * 4 + c]!);
      }
      rowStart[r + 1] = edgeColumn.length;
    }
    return {
      rows,
      columns,
      extraSlot,
      capacity: Int32Array.from(capacity.slice(0, columns)),
      slotBase: Float64Array.from(slotBase.slice(0, columns)),
      graph: { rowStart, edgeColumn: Int32Array.from(edgeColumn), edgeWeight: Float64Array.from(edgeWeight) },
    };
  });

const slotCost = ({ slotBase, extraSlot }: Pick<Slots, 'slotBase' | 'extraSlot'>, c: number, k: number) => slotBase[c]! + extraSlot * (k - 1);

/** The conditions under which the search's shortest paths stay exact; free rows are not bound by them. */
function expectFeasibleDuals(assignment: SlotAssignment, { graph, capacity, columns, ...slots }: RandomGraph): void {
  const { rowColumn, rowValue, price, sinkPotential } = assignment;
  const used = new Array(columns).fill(0);
  rowColumn.forEach((c) => c >= 0 && used[c]++);
  rowColumn.forEach((column, r) => {
    if (column === FREE) return;
    expect(rowValue[r]).toBeGreaterThanOrEqual(sinkPotential);
    if (column === UNMATCHED) expect(rowValue[r]).toBe(sinkPotential);
    for (let e = graph.rowStart[r]!; e < graph.rowStart[r + 1]!; e++) {
      const c = graph.edgeColumn[e]!;
      const reduced = rowValue[r]! + price[c]! - graph.edgeWeight[e]!;
      expect(reduced).toBeGreaterThanOrEqual(0);
      if (c === column) expect(reduced).toBe(0);
    }
  });
  for (let c = 0; c < columns; c++) {
    expect(used[c]).toBeLessThanOrEqual(capacity[c]!);
    if (used[c] > 0) expect(price[c]! + sinkPotential).toBeGreaterThanOrEqual(slotCost(slots, c, used[c]));
    if (used[c] < capacity[c]!) expect(price[c]! + sinkPotential).toBeLessThanOrEqual(slotCost(slots, c, used[c] + 1));
  }
}

/** The best total of (weight − slot cost) over every way to place the rows, some left out. */
function bestOnGraph({ rows, columns, graph, capacity, ...slots }: RandomGraph): number {
  const load = new Array(columns).fill(0);
  let best = -Infinity;
  const search = (r: number, total: number) => {
    if (r === rows) {
      best = Math.max(best, total);
      return;
    }
    search(r + 1, total);
    for (let e = graph.rowStart[r]!; e < graph.rowStart[r + 1]!; e++) {
      const c = graph.edgeColumn[e]!;
      if (load[c] >= capacity[c]!) continue;
      load[c]++;
      search(r + 1, total + graph.edgeWeight[e]! - slotCost(slots, c, load[c]));
      load[c]--;
    }
  };
  search(0, 0);
  return best;
}

function totalOf(assignment: SlotAssignment, { graph, columns, ...slots }: RandomGraph): number {
  const load = new Array(columns).fill(0);
  let total = 0;
  assignment.rowColumn.forEach((column, r) => {
    if (column < 0) return;
    load[column]++;
    for (let e = graph.rowStart[r]!; e < graph.rowStart[r + 1]!; e++) {
      if (graph.edgeColumn[e] === column) total += graph.edgeWeight[e]! - slotCost(slots, column, load[column]);
    }
  });
  return total;
}

const start = (g: RandomGraph) => new SlotAssignment(g.rows, g.columns, g.capacity, g.slotBase, g.extraSlot, g.graph);

describe('SlotAssignment.warmStart on random candidate graphs', () => {
  it('keeps the duals feasible, every placed row on a best edge and every price between its slot costs', () => {
    fc.assert(
      fc.property(graphArbitrary, (g) => {
        const assignment = start(g);
        assignment.warmStart();
        expectFeasibleDuals(assignment, g);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves a start from which the search reaches the optimum of the graph', () => {
    fc.assert(
      fc.property(graphArbitrary, (g) => {
        const assignment = start(g);
        assignment.warmStart();
        assignment.augmentFreeRows();
        expect(assignment.rowColumn.includes(FREE)).toBe(false);
        expectFeasibleDuals(assignment, g);
        expect(totalOf(assignment, g)).toBe(bestOnGraph(g));
      }),
      { numRuns: 1000 },
    );
  });
});

/** Raw instances whose weights come from `weights`, so that ties, negatives or large scales dominate. */
function withWeights(shape: SmallShape, weight: fc.Arbitrary<number>, extraSlot: fc.Arbitrary<number>): fc.Arbitrary<Instance> {
  const weights = fc.record({ interests: weight, sessions: weight, libraryType: weight, region: weight, requested: weight, extraSlot });
  return fc.tuple(rawInstanceArbitrary(shape), weights).map(([raw, chosen]) => {
    const parsed = parseInstance({ ...raw, weights: chosen });
    if (!parsed.ok) throw new Error(`generator made a bad instance: ${parsed.problems.join('; ')}`);
    return parsed.instance;
  });
}

const expectOptimal = (instance: Instance, reference: (instance: Instance) => unknown, candidatesPerRow?: number) => {
  const result = matchInstance(instance, { candidatesPerRow });
  checkInvariants(instance, result);
  expect({ matched: result.matched, objective: result.objective }).toEqual(reference(instance));
};

describe('matchInstance where the warm start has most to do', () => {
  it('matches the exhaustive search with several slots per volunteer, pins, forbids, requests and negative weights', () => {
    fc.assert(
      fc.property(instanceArbitrary({ minFirstTimers: 4, maxFirstTimers: 7, minVolunteers: 1, maxVolunteers: 3, maxCapacity: 4 }), (instance) =>
        expectOptimal(instance, bruteForce),
      ),
      { numRuns: 400 },
    );
  });

  it('matches the exhaustive search when nearly every pair ties', () => {
    const shape = { minFirstTimers: 4, maxFirstTimers: 7, maxVolunteers: 4, maxCapacity: 3 };
    fc.assert(
      fc.property(withWeights(shape, fc.constantFrom(0, 1), fc.constantFrom(0, 1)), fc.integer({ min: 1, max: 3 }), (instance, k) =>
        expectOptimal(instance, bruteForce, k),
      ),
      { numRuns: 400 },
    );
  });

  it('matches the dense reference at medium size, with weights too large for the score cache', () => {
    // binary fractions with six decimals: exact in the reference, scaled by a million here
    const weight = fc.constantFrom(-3.015625, -1, 0.5, 2.03125, 10.015625);
    const shape = { minFirstTimers: 10, maxFirstTimers: 40, maxVolunteers: 20, maxCapacity: 3 };
    fc.assert(
      fc.property(withWeights(shape, weight, fc.constantFrom(0, 0.5, 1.25)), fc.integer({ min: 1, max: 8 }), (instance, k) =>
        expectOptimal(instance, denseReference, k),
      ),
      { numRuns: 60 },
    );
  });
});
