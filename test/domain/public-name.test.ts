import { describe, expect, it } from 'vitest';
import { firstName, publicName } from '../../src/domain/public-name.ts';

describe('publicName', () => {
  it.each([
    ['Octavia Reyes', 'Octavia R.'],
    ['Mei-Ling Zhou', 'Mei-Ling Z.'],
    ['Doe, Jane', 'Jane D.'],
    ['Jane_Doe', 'Jane D.'],
    ['jane.doe', 'jane D.'],
    ['Jane\u200BDoe', 'Jane D.'],
    ['Jane\u2060Doe\uFEFF', 'Jane D.'],
    ['Jane\u200B Doe', 'Jane D.'],
    ['Jane \u202EeoD', 'Jane E.'],
    ['  Prince  ', 'Prince'],
    ['Dr. Ana María López-García', 'Ana L.'],
    ['Françoise Delacroix-Martin', 'Françoise D.'],
    ['Élodie étienne', 'Élodie É.'],
    ['Ana (she/her) Silva', 'Ana S.'],
  ])('shows %j as %j', (typed, shown) => {
    expect(publicName(typed)).toBe(shown);
  });

  it('never shows more than one word of the surname, whatever separators were typed', () => {
    for (const typed of ['Doe,Jane', 'Doe , Jane Q', 'Jane__Doe', 'Jane\tDoe', 'Jane\nDoe', 'Jane/Doe', 'Jane+Doe']) {
      expect(publicName(typed)).not.toContain('Doe');
    }
  });

  it('cuts a first name that is really a whole pasted name to 24 characters', () => {
    expect(firstName('Bartholomewmaximiliannicodemus Quinn')).toBe('Bartholomewmaximiliannic');
  });
});
