import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchInstance, parseInstance, solveInstance } from '../../src/matcher/index.ts';
import { generateConference } from '../bench/fixtures/conference.ts';
import { rawInstanceArbitrary } from './arbitraries.ts';
import { checkInvariants } from './reference.ts';

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
  }
  return value;
}

function shuffle<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('matchInstance determinism', () => {
  it('gives identical output for the same input, and for the same input with keys in another order', () => {
    fc.assert(
      fc.property(rawInstanceArbitrary({ maxFirstTimers: 12, maxVolunteers: 6, maxCapacity: 3 }), (raw) => {
        const first = solveInstance(raw);
        const again = solveInstance(structuredClone(raw));
        const reordered = solveInstance(reverseKeys(raw));
        expect(again).toEqual(first);
        expect(JSON.stringify(reordered)).toBe(JSON.stringify(first));
      }),
      { numRuns: 150 },
    );
  });

  it('reaches the same matched count and objective when people are listed in another order', () => {
    fc.assert(
      fc.property(rawInstanceArbitrary({ maxFirstTimers: 12, maxVolunteers: 6, maxCapacity: 3 }), fc.nat(), (raw, seed) => {
        const shuffled = { ...raw, firstTimers: shuffle(raw.firstTimers, seed), volunteers: shuffle(raw.volunteers, seed + 1) };
        const a = solveInstance(raw);
        const b = solveInstance(shuffled);
        if (!a.ok || !b.ok) throw new Error('generator made a bad instance');
        expect([b.result.matched, b.result.objective]).toEqual([a.result.matched, a.result.objective]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('matchInstance on conference-shaped instances', () => {
  it.each([
    { firstTimers: 300, volunteers: 150, capacity: 'mixed' as const, seed: 1 },
    { firstTimers: 400, volunteers: 200, capacity: 2, seed: 2 },
    { firstTimers: 200, volunteers: 300, capacity: 1, seed: 3 },
  ])('keeps every invariant at $firstTimers × $volunteers (capacity $capacity) and repeats itself exactly', (shape) => {
    const parsed = parseInstance(generateConference(shape));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const result = matchInstance(parsed.instance);
    checkInvariants(parsed.instance, result);
    expect(matchInstance(parsed.instance)).toEqual(result);
    // a tiny candidate graph must grow to the very same optimum
    const grown = matchInstance(parsed.instance, { candidatesPerRow: 1 });
    checkInvariants(parsed.instance, grown);
    expect([grown.matched, grown.objective]).toEqual([result.matched, result.objective]);
  });
});
