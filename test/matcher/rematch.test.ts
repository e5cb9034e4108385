import { describe, expect, it } from 'vitest';
import { rematchFirstTimer, type RematchVolunteer } from '../../src/matcher/index.ts';

const firstTimer = {
  id: 'f1',
  interests: ['cataloging', 'archives'],
  sessions: ['S1'],
  region: 'KY',
  languages: ['en'],
  requested: [] as string[],
};

describe('rematchFirstTimer', () => {
  it('picks the best score minus the next extra-slot cost, among eligible volunteers with room', () => {
    const volunteers: RematchVolunteer[] = [
      { id: 'full', capacity: 1, load: 1, interests: ['cataloging', 'archives'] },
      { id: 'spanish', capacity: 2, load: 0, interests: ['cataloging', 'archives'], languages: ['es'] },
      { id: 'busy', capacity: 3, load: 2, interests: ['cataloging', 'archives'] }, // 6 − 2
      { id: 'fresh', capacity: 1, load: 0, interests: ['archives'], region: 'KY' }, // 3 + 1 − 0
      { id: 'forbidden', capacity: 2, load: 0, interests: ['cataloging', 'archives'], sessions: ['S1'] },
    ];
    const choice = rematchFirstTimer({ firstTimer, volunteers, forbidden: [['f1', 'forbidden']] });
    expect(choice).toEqual({
      volunteer: 'busy',
      score: 6,
      slotCost: 2,
      reasons: ['you both picked cataloging and archives'],
    });
  });

  it('keeps input order on a tie and uses labels in the reasons', () => {
    const volunteers: RematchVolunteer[] = [
      { id: 'a', load: 0, sessions: ['S1'] },
      { id: 'b', load: 0, sessions: ['S1'] },
    ];
    const choice = rematchFirstTimer({ firstTimer, volunteers }, { labels: { sessions: { S1: 'Linked Data 101' } } });
    expect(choice?.volunteer).toBe('a');
    expect(choice?.reasons).toEqual(["both going to 'Linked Data 101'"]);
  });

  it('returns null when nobody eligible has room', () => {
    const volunteers: RematchVolunteer[] = [
      { id: 'full', capacity: 2, load: 2 },
      { id: 'none', capacity: 0, load: 0 },
      { id: 'french', load: 0, languages: ['fr'] },
    ];
    expect(rematchFirstTimer({ firstTimer, volunteers })).toBeNull();
    expect(rematchFirstTimer({ firstTimer, volunteers: [] })).toBeNull();
  });

  it('counts a requested buddy and says so', () => {
    const choice = rematchFirstTimer({
      firstTimer: { ...firstTimer, requested: ['b'] },
      volunteers: [
        { id: 'a', load: 0, interests: ['cataloging'] },
        { id: 'b', load: 1, capacity: 2 },
      ],
      weights: { requested: 10, extraSlot: 1 },
    });
    expect(choice).toMatchObject({ volunteer: 'b', score: 10, slotCost: 1 });
    expect(choice?.reasons[0]).toBe('the first-timer asked for this buddy');
  });
});
