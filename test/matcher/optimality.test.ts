import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchInstance } from '../../src/matcher/index.ts';
import { directoryInstanceArbitrary, instanceArbitrary } from './arbitraries.ts';
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

  it('honours directory requests exactly as the exhaustive search does, with pins and forbids, and never at the cost of a match', () => {
    fc.assert(
      fc.property(directoryInstanceArbitrary({ minFirstTimers: 2, maxFirstTimers: 6, minVolunteers: 2, maxVolunteers: 4, maxCapacity: 2 }), (instance) => {
        fc.pre(instance.pinned.length > 0 && instance.forbidden.length > 0 && instance.firstTimers.some((f) => f.requested.length > 0));
        const result = matchInstance(instance);
        checkInvariants(instance, result);
        expect({ matched: result.matched, objective: result.objective }).toEqual(bruteForce(instance));
        // a request only chooses among the ways to match the most first-timers
        const unasked = { ...instance, firstTimers: instance.firstTimers.map((f) => ({ ...f, requested: [] })) };
        expect(result.matched).toBe(bruteForce(unasked).matched);
      }),
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
