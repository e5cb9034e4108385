import type { z } from 'zod';
import { computeBigM } from './big-m.ts';
import { InstanceSchema } from './instance-schema.ts';
import type { IdPair, Instance, Labels, ParseResult } from './types.ts';
import { DEFAULT_WEIGHTS, WEIGHT_KEYS, scaleWeights } from './weights.ts';

const MAX_PROBLEMS = 10;

/** `['volunteers', 3, 'capacity']` → `volunteers[3].capacity`, the way a reader finds it in the file. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return `${where} has unknown key ${keys} (known: ${WEIGHT_KEYS.join(', ')})`;
  }
  return where === '' ? `the instance ${issue.message}` : `${where} ${issue.message}`;
}

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
 * Validates an instance as it arrives from JSON or from the web app. Every problem names the
 * place it was found; unknown `requested` ids are not a problem (that buddy may simply not have
 * checked in), and fields other than the matcher's own are ignored.
 */
export function parseInstance(input: unknown): ParseResult {
  const parsed = InstanceSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.slice(0, MAX_PROBLEMS).map(formatIssue) };
  }
  const { labels, weights, ...rest } = parsed.data;
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
