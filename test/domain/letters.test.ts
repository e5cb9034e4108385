import { describe, expect, it } from 'vitest';
import { letterCode, volunteerOfCode } from '../../src/domain/letters.ts';

const secret = 'a fixed secret for this test only';

describe('letter codes', () => {
  it('name their volunteer, also when the MAC holds a "-" like the one after the id', () => {
    const codes = Array.from({ length: 200 }, (_, i) => letterCode(secret, 7, i + 1));
    // base64url has "-" among its 64 characters: some of 200 codes carry one in their MAC
    expect(codes.some((c) => c.slice(c.indexOf('-') + 1).includes('-'))).toBe(true);
    expect(codes.map((c) => volunteerOfCode(secret, 7, c))).toEqual(codes.map((_, i) => i + 1));
  });

  it('name nobody under another secret or event, or when any character changed', () => {
    const code = letterCode(secret, 7, 12);
    expect(volunteerOfCode('another secret', 7, code)).toBeNull();
    expect(volunteerOfCode(secret, 8, code)).toBeNull();
    expect(volunteerOfCode(secret, 7, code.replace(/^12-/, '13-'))).toBeNull();
    expect(volunteerOfCode(secret, 7, `${code.slice(0, -1)}${code.endsWith('x') ? 'y' : 'x'}`)).toBeNull();
    expect(volunteerOfCode(secret, 7, `${code}x`)).toBeNull();
  });
});
