import { describe, expect, it } from 'vitest';
import { parseInstance, solveInstance } from '../../src/matcher/index.ts';

describe('reasons', () => {
  it('says what the pair shares, with labels, in plain words', () => {
    const solved = solveInstance({
      firstTimers: [
        { id: 'f', interests: ['cat', 'teen', 'maker'], sessions: ['S1', 'S2'], region: 'KY', libraryType: 'academic', requested: ['v'] },
      ],
      volunteers: [{ id: 'v', interests: ['teen', 'cat'], sessions: ['S2'], region: 'KY', libraryType: 'academic' }],
      labels: { interests: { cat: 'cataloging', teen: 'teen services' }, regions: { KY: 'Kentucky' }, sessions: { S2: 'Linked Data 101' } },
    });
    expect(solved.ok && solved.result.pairs[0]?.reasons).toEqual([
      'the first-timer asked for this buddy',
      'you both picked cataloging and teen services',
      "both going to 'Linked Data 101'",
      'same library type: academic',
      'both from Kentucky',
    ]);
  });

  it('describes a difference the weights reward, and never a shared thing they penalise', () => {
    const solved = solveInstance({
      firstTimers: [{ id: 'f', region: 'KY', interests: ['law'] }],
      volunteers: [{ id: 'v', region: 'TN', interests: ['law'] }],
      weights: { region: -1, interests: -2 },
    });
    expect(solved.ok && solved.result.pairs[0]?.reasons).toEqual(['from different places: KY and TN']);
  });

  it('falls back to a shared language, then to plain availability', () => {
    const solved = solveInstance({
      firstTimers: [{ id: 'f', languages: ['es'] }, { id: 'g' }],
      volunteers: [{ id: 'v', languages: ['es', 'en'], capacity: 2 }],
      labels: { languages: { es: 'Spanish' } },
    });
    expect(solved.ok && solved.result.pairs.map((p) => p.reasons)).toEqual([
      ['you both speak Spanish'],
      ['the best buddy with room for you'],
    ]);
  });

  it('keeps fractional weights exact and prints scores in the event units', () => {
    const solved = solveInstance({
      firstTimers: [{ id: 'f', interests: ['a', 'b', 'c'] }],
      volunteers: [{ id: 'v', interests: ['a', 'b', 'c'] }],
      weights: { interests: 0.1 },
    });
    expect(solved.ok && [solved.result.pairs[0]?.score, solved.result.objective]).toEqual([0.3, 0.3]);
  });

  it('treats repeated list entries, pins and forbids as sets, and ignores requested ids nobody has', () => {
    const parsed = parseInstance({
      firstTimers: [{ id: 'f', interests: ['a', 'a'], requested: ['ghost'] }],
      volunteers: [{ id: 'v', interests: ['a', 'a', 'a'] }],
      pinned: [['f', 'v'], ['f', 'v']],
      forbidden: [],
    });
    expect(parsed.ok).toBe(true);
    const solved = solveInstance({
      firstTimers: [{ id: 'f', interests: ['a', 'a'], requested: ['ghost'] }],
      volunteers: [{ id: 'v', interests: ['a', 'a', 'a'] }],
      pinned: [['f', 'v'], ['f', 'v']],
    });
    expect(solved.ok && solved.result).toEqual({
      pairs: [{ firstTimer: 'f', volunteer: 'v', score: 3, reasons: ['pinned by an organizer', 'you both picked a'] }],
      unmatched: [],
      matched: 1,
      objective: 3,
    });
  });
});
