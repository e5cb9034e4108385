import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstanceQuickly } from '../../src/matcher/fast-parse.ts';
import { parseWithSchema } from '../../src/matcher/parse-instance.ts';
import { rawInstanceArbitrary } from './arbitraries.ts';
import { DESIGN_EXAMPLE } from './design-example.ts';

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The quick reader either defers to the schema or says exactly what it says. */
function expectSameAsSchema(input: unknown): void {
  const quick = parseInstanceQuickly(input);
  if (quick !== undefined) expect(quick).toEqual(parseWithSchema(input));
}

describe('parseInstanceQuickly (parseInstance without zod, on plainly well-formed input)', () => {
  it('agrees with the schema on valid instances, labels included', () => {
    const withLabels = { ...DESIGN_EXAMPLE, labels: { interests: { cataloging: 'Cataloging' }, regions: { KY: 'Kentucky' }, other: 1 } };
    const empty = { firstTimers: [], volunteers: [] };
    for (const input of [DESIGN_EXAMPLE, withLabels, empty, { ...empty, firstTimers: [{ id: 'f', libraryType: '', region: null }] }]) {
      const quick = parseInstanceQuickly(json(input));
      expect(quick).toBeDefined();
      expect(quick).toEqual(parseWithSchema(json(input)));
    }
    fc.assert(
      fc.property(rawInstanceArbitrary({ maxFirstTimers: 8, maxVolunteers: 5, maxCapacity: 3 }), (raw) => {
        const quick = parseInstanceQuickly(json(raw));
        expect(quick).toBeDefined();
        expect(quick).toEqual(parseWithSchema(json(raw)));
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts what the schema refuses, nor words a problem differently', () => {
    const paths: ((instance: any, junk: unknown) => void)[] = [
      (instance, junk) => (instance.firstTimers = junk),
      (instance, junk) => instance.firstTimers.length > 0 && (instance.firstTimers[0].interests = junk),
      (instance, junk) => instance.firstTimers.length > 0 && (instance.firstTimers[0].id = junk),
      (instance, junk) => instance.firstTimers.length > 0 && (instance.firstTimers[0].region = junk),
      (instance, junk) => instance.volunteers.length > 0 && (instance.volunteers[0].capacity = junk),
      (instance, junk) => instance.volunteers.length > 0 && (instance.volunteers[0].languages = junk),
      (instance, junk) => (instance.weights = junk),
      (instance, junk) => (instance.weights.extraSlot = junk),
      (instance, junk) => (instance.pinned = junk),
      (instance, junk) => instance.pinned.push(junk),
      (instance, junk) => (instance.forbidden = [junk]),
      (instance, junk) => (instance.labels = junk),
      (instance, junk) => (instance.labels = { sessions: junk }),
      (instance) => instance.firstTimers.push({ ...instance.firstTimers[0] }),
      (instance) => instance.volunteers.push({ ...instance.volunteers[0] }),
      (instance) => delete instance.firstTimers,
      (instance) => delete instance.volunteers,
      (instance, junk) => (instance.volunter = junk),
      (instance, junk) => (instance[String(junk)] = junk),
    ];
    fc.assert(
      fc.property(
        rawInstanceArbitrary({ maxFirstTimers: 5, maxVolunteers: 4, maxCapacity: 2 }),
        fc.nat(paths.length - 1),
        fc.jsonValue({ maxDepth: 2 }),
        (raw, which, junk) => {
          const instance = json(raw) as any;
          paths[which]!(instance, junk);
          expectSameAsSchema(json(instance));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
