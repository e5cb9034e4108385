import { computeBigM } from './big-m.ts';
import type { FirstTimer, IdPair, Instance, Labels, ParseResult, Volunteer, Weights } from './types.ts';
import { DEFAULT_WEIGHTS, scaleWeights } from './weights.ts';

/** The instance's top-level keys; any other is refused, as a misspelling would go unnoticed. */
export const INSTANCE_KEYS = ['firstTimers', 'volunteers', 'weights', 'pinned', 'forbidden', 'labels'] as const;

/** At most this many problems are reported at once. */
export const MAX_PROBLEMS = 10;

/** An instance whose fields have the right shapes (defaults filled, lists deduplicated), not yet cross-checked. */
export type ShapedInstance = {
  firstTimers: FirstTimer[];
  volunteers: Volunteer[];
  weights: Partial<Weights>;
  pinned: IdPair[];
  forbidden: IdPair[];
  labels?: Labels;
};

function findDuplicateIds(side: 'firstTimers' | 'volunteers', ids: string[], problems: string[]): void {
  const firstIndex = new Map<string, number>();
  ids.forEach((id, index) => {
    const earlier = firstIndex.get(id);
    if (earlier === undefined) firstIndex.set(id, index);
    else problems.push(`${side}[${index}].id "${id}" is used twice (also ${side}[${earlier}])`);
  });
}

function checkPairIds(
  list: 'pinned' | 'forbidden',
  pairs: IdPair[],
  firstTimerIds: Set<string>,
  volunteerIds: Set<string>,
  problems: string[],
): void {
  pairs.forEach(([firstTimerId, volunteerId], index) => {
    if (!firstTimerIds.has(firstTimerId)) {
      problems.push(`${list}[${index}] names first-timer "${firstTimerId}", who is not in firstTimers`);
    }
    if (!volunteerIds.has(volunteerId)) {
      problems.push(`${list}[${index}] names volunteer "${volunteerId}", who is not in volunteers`);
    }
  });
}

const pairKey = (firstTimerId: string, volunteerId: string) => JSON.stringify([firstTimerId, volunteerId]);

// Lists are sets, so the same pin or forbid given twice counts once.
function dedupePairs(pairs: IdPair[]): IdPair[] {
  const seen = new Set<string>();
  return pairs.filter(([f, v]) => {
    const key = pairKey(f, v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkPins(instance: Instance, problems: string[]): void {
  const pinIndexByFirstTimer = new Map<string, { volunteerId: string; index: number }>();
  const pinsByVolunteer = new Map<string, number>();
  instance.pinned.forEach(([firstTimerId, volunteerId], index) => {
    const earlier = pinIndexByFirstTimer.get(firstTimerId);
    if (earlier !== undefined) {
      problems.push(
        `first-timer "${firstTimerId}" is pinned twice: to "${earlier.volunteerId}" and to "${volunteerId}"`,
      );
      return;
    }
    pinIndexByFirstTimer.set(firstTimerId, { volunteerId, index });
    pinsByVolunteer.set(volunteerId, (pinsByVolunteer.get(volunteerId) ?? 0) + 1);
  });
  for (const volunteer of instance.volunteers) {
    const pins = pinsByVolunteer.get(volunteer.id) ?? 0;
    if (pins > volunteer.capacity) {
      problems.push(`volunteer "${volunteer.id}" has ${pins} pinned first-timers but capacity ${volunteer.capacity}`);
    }
  }
  const forbiddenKeys = new Set(instance.forbidden.map(([f, v]) => pairKey(f, v)));
  for (const [firstTimerId, volunteerId] of instance.pinned) {
    if (forbiddenKeys.has(pairKey(firstTimerId, volunteerId))) {
      problems.push(`pair ["${firstTimerId}", "${volunteerId}"] is both pinned and forbidden`);
    }
  }
}

/**
 * The checks that span the whole instance: unique ids, pins and forbids that name known people,
 * pins within capacity, weights small enough for exact arithmetic. Shared by `parseInstance`
 * and the command line's fast reader, so both accept and refuse exactly the same instances.
 */
export function completeInstance(data: ShapedInstance): ParseResult {
  const { labels, weights, ...rest } = data;
  const instance: Instance = {
    ...rest,
    weights: { ...DEFAULT_WEIGHTS, ...weights },
    pinned: dedupePairs(rest.pinned),
    forbidden: dedupePairs(rest.forbidden),
  };

  const problems: string[] = [];
  findDuplicateIds('firstTimers', instance.firstTimers.map((f) => f.id), problems);
  findDuplicateIds('volunteers', instance.volunteers.map((v) => v.id), problems);
  const firstTimerIds = new Set(instance.firstTimers.map((f) => f.id));
  const volunteerIds = new Set(instance.volunteers.map((v) => v.id));
  checkPairIds('pinned', instance.pinned, firstTimerIds, volunteerIds, problems);
  checkPairIds('forbidden', instance.forbidden, firstTimerIds, volunteerIds, problems);
  if (problems.length === 0) checkPins(instance, problems);
  if (problems.length === 0 && !computeBigM(instance, scaleWeights(instance.weights)).fitsExactly) {
    problems.push(
      'weights are too large, or have too many decimal places, for an exact answer at this size; use smaller or rounder weights',
    );
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, instance, labels: (labels ?? {}) as Labels };
}
