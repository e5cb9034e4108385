import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchInstance } from '../../src/matcher/index.ts';
import { instanceArbitrary } from './arbitraries.ts';
import { bruteForce, checkInvariants, denseReference } from './reference.ts';

describe('matchInstance optimality', () => {
  it('matches the exhaustive search on small random instances: most matched, then best objective', () => {
    fc.assert(
      fc.property(instanceArbitrary({ maxFirstTimers: 7, maxVolunteers: 4, maxCapacity: 3 }), (instance) => {
        const result = matchInstance(instance);
        checkInvariants(instance, result);
        expect({ matched: result.matched, objective: result.objective }).toEqual(bruteForce(instance));
      }),
      { numRuns: 400 },
    );
  });

  it('stays exact when the candidate graph is far too small and has to grow', () => {
    fc.assert(
      fc.property(
        instanceArbitrary({ maxFirstTimers: 7, maxVolunteers: 5, maxCapacity: 2 }),
        fc.integer({ min: 1, max: 2 }),
        (instance, candidatesPerRow) => {
          const result = matchInstance(instance, { candidatesPerRow });
          checkInvariants(instance, result);
          expect({ matched: result.matched, objective: result.objective }).toEqual(bruteForce(instance));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches a dense Hungarian reference on medium random instances', () => {
    fc.assert(
      fc.property(
        instanceArbitrary({ maxFirstTimers: 40, maxVolunteers: 25, maxCapacity: 3 }),
        fc.integer({ min: 1, max: 12 }),
        (instance, candidatesPerRow) => {
          const result = matchInstance(instance, { candidatesPerRow });
          checkInvariants(instance, result);
          expect({ matched: result.matched, objective: result.objective }).toEqual(denseReference(instance));
        },
      ),
      { numRuns: 60 },
    );
  });
});
