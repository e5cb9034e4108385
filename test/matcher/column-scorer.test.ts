import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnScorer } from '../../src/matcher/column-scorer.ts';
import { indexInstance } from '../../src/matcher/indexed-instance.ts';
import { scaleWeights } from '../../src/matcher/weights.ts';
import { instanceArbitrary } from './arbitraries.ts';
import { referenceEligible, referenceScore } from './reference.ts';

describe('ColumnScorer', () => {
  it('scores every first-timer against every volunteer as the reference does, popular items counted by their bits included', () => {
    fc.assert(
      fc.property(instanceArbitrary({ minFirstTimers: 1, maxFirstTimers: 12, minVolunteers: 1, maxVolunteers: 9, maxCapacity: 2 }), (instance) => {
        const weights = scaleWeights(instance.weights);
        const index = indexInstance(instance, weights);
        // every second volunteer only, so that columns and volunteers differ
        const columns = Int32Array.from(instance.volunteers.keys()).filter((v) => v % 2 === 0);
        const scorer = new ColumnScorer(index, columns);
        instance.firstTimers.forEach((f, i) => {
          const scores = Array.from(scorer.score(i));
          const expected = Array.from(columns, (v) => {
            const volunteer = instance.volunteers[v]!;
            return referenceEligible(instance, f, volunteer) ? Math.round(referenceScore(instance, f, volunteer) * weights.scale) : -Infinity;
          });
          expect(scores).toEqual(expected);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('counts the items most volunteers hold through their bits, and scores them the same', () => {
    const everyone = ['cataloging', 'archives', 'S1', 'S2'];
    const instance = {
      firstTimers: Array.from({ length: 6 }, (_, i) => ({
        id: `f${i}`,
        interests: i % 2 === 0 ? ['cataloging', 'archives', 'law'] : ['archives'],
        sessions: i % 3 === 0 ? ['S1', 'S2'] : ['S2'],
        languages: [],
        requested: [],
      })),
      volunteers: Array.from({ length: 5 }, (_, i) => ({
        id: `v${i}`,
        capacity: 1,
        interests: i === 4 ? ['law'] : everyone.slice(0, 2 + (i % 2)).filter((x) => !x.startsWith('S')),
        sessions: i === 3 ? [] : ['S1', 'S2'].slice(0, 1 + (i % 2)),
        languages: [],
      })),
      weights: { interests: 3, sessions: 2, libraryType: 1, region: 1, requested: 10, extraSlot: 1 },
      pinned: [],
      forbidden: [],
    };
    const weights = scaleWeights(instance.weights);
    const index = indexInstance(instance, weights);
    const scorer = new ColumnScorer(index, Int32Array.from(instance.volunteers.keys()));
    // the popular items went to bits: their postings are no longer walked
    expect(Array.from((scorer as unknown as { columnDense: Uint8Array }).columnDense).some((bits) => bits !== 0)).toBe(true);
    instance.firstTimers.forEach((f, i) => {
      expect(Array.from(scorer.score(i))).toEqual(instance.volunteers.map((v) => referenceScore(instance, f, v)));
    });
  });
});
