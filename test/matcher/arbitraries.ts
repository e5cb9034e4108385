import fc from 'fast-check';
import { parseInstance, type Instance } from '../../src/matcher/index.ts';

const INTERESTS = ['cataloging', 'teen services', 'archives', 'makerspaces', 'law'];
const SESSIONS = ['S1', 'S2', 'S3', 'S4'];
const LANGUAGES = ['en', 'es', 'fr'];

// repeated entries are allowed on purpose: lists are sets
const tags = (pool: string[], maxLength: number) => fc.array(fc.constantFrom(...pool), { maxLength });
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
// binary fractions keep the reference's plain float sums exact
const weight = fc.constantFrom(-3, -1, -0.5, 0, 0.25, 1, 1.5, 2, 3, 10);

export type SmallShape = {
  minFirstTimers?: number;
  maxFirstTimers: number;
  minVolunteers?: number;
  maxVolunteers: number;
  maxCapacity: number;
};

/** Raw JSON-like instances, valid by construction (bad pins and forbids are repaired away). */
export function rawInstanceArbitrary({
  minFirstTimers = 0,
  maxFirstTimers,
  minVolunteers = 0,
  maxVolunteers,
  maxCapacity,
}: SmallShape) {
  return fc
    .record({
      firstTimers: fc.array(
        fc.record({
          interests: tags(INTERESTS, 4),
          sessions: tags(SESSIONS, 3),
          libraryType: maybe(fc.constantFrom('academic', 'public')),
          region: maybe(fc.constantFrom('KY', 'TN')),
          languages: tags(LANGUAGES, 2),
          requested: fc.array(fc.nat(maxVolunteers), { maxLength: 2 }),
        }),
        { minLength: minFirstTimers, maxLength: maxFirstTimers },
      ),
      volunteers: fc.array(
        fc.record({
          capacity: fc.integer({ min: 0, max: maxCapacity }),
          interests: tags(INTERESTS, 4),
          sessions: tags(SESSIONS, 3),
          libraryType: maybe(fc.constantFrom('academic', 'public')),
          region: maybe(fc.constantFrom('KY', 'TN')),
          languages: tags(LANGUAGES, 2),
        }),
        { minLength: minVolunteers, maxLength: maxVolunteers },
      ),
      weights: fc.record({
        interests: weight,
        sessions: weight,
        libraryType: weight,
        region: weight,
        requested: weight,
        extraSlot: fc.constantFrom(0, 0.5, 1, 2, 5),
      }),
      pins: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: Math.max(3, maxFirstTimers >> 3) }),
      forbids: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: Math.max(6, maxFirstTimers) }),
    })
    .map(({ firstTimers, volunteers, weights, pins, forbids }) => {
      const fIds = firstTimers.map((_, i) => `f${i}`);
      const vIds = volunteers.map((_, i) => `v${i}`);
      const pinned: [string, string][] = [];
      const forbidden: [string, string][] = [];
      if (fIds.length > 0 && vIds.length > 0) {
        const pinsOf = new Map<string, number>();
        const pinnedFirstTimers = new Set<string>();
        for (const [a, b] of pins) {
          const f = fIds[a % fIds.length]!;
          const vIndex = b % vIds.length;
          const v = vIds[vIndex]!;
          if (pinnedFirstTimers.has(f) || (pinsOf.get(v) ?? 0) >= volunteers[vIndex]!.capacity) continue;
          pinnedFirstTimers.add(f);
          pinsOf.set(v, (pinsOf.get(v) ?? 0) + 1);
          pinned.push([f, v]);
        }
        for (const [a, b] of forbids) {
          const pair: [string, string] = [fIds[a % fIds.length]!, vIds[b % vIds.length]!];
          if (!pinned.some(([f, v]) => f === pair[0] && v === pair[1])) forbidden.push(pair);
        }
        // a repeated pin is the same pin
        if (pinned.length > 0) pinned.push(pinned[0]!);
      }
      return {
        firstTimers: firstTimers.map((f, i) => ({
          id: fIds[i]!,
          ...f,
          // "v99"-like ids name nobody: a requested buddy who is not here
          requested: f.requested.map((n) => `v${n}`),
        })),
        volunteers: volunteers.map((v, i) => ({ id: vIds[i]!, ...v })),
        weights,
        pinned,
        forbidden,
      };
    });
}

export function instanceArbitrary(shape: SmallShape): fc.Arbitrary<Instance> {
  return rawInstanceArbitrary(shape).map((raw) => {
    const parsed = parseInstance(raw);
    if (!parsed.ok) throw new Error(`generator made a bad instance: ${parsed.problems.join('; ')}`);
    return parsed.instance;
  });
}

/**
 * Instances shaped like an event whose first-timers browsed the volunteer directory: each asks
 * for up to three distinct volunteers who are there (the requests table allows no unknown or
 * repeated ids), and asking is rewarded (w.requested > 0), as the event's settings would have it.
 */
export function directoryInstanceArbitrary(shape: SmallShape): fc.Arbitrary<Instance> {
  return fc
    .tuple(
      rawInstanceArbitrary(shape),
      fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: shape.maxFirstTimers, maxLength: shape.maxFirstTimers }),
      fc.constantFrom(0.5, 1, 3, 10, 25),
    )
    .map(([raw, picks, requested]) => {
      const vIds = raw.volunteers.map((v) => v.id);
      const firstTimers = raw.firstTimers.map((f, i) => ({
        ...f,
        requested: vIds.length === 0 ? [] : [...new Set((picks[i] ?? []).map((n) => vIds[n % vIds.length]!))],
      }));
      const parsed = parseInstance({ ...raw, firstTimers, weights: { ...raw.weights, requested } });
      if (!parsed.ok) throw new Error(`generator made a bad instance: ${parsed.problems.join('; ')}`);
      return parsed.instance;
    });
}
