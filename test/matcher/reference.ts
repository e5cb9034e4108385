/**
 * Independent references for the matcher tests: a plain score with Sets, an exhaustive search
 * for tiny instances, a dense Hungarian method for medium ones, and the invariants every
 * result must satisfy. Deliberately naive: they share no code with src/matcher.
 */
import type { Instance, MatchResult } from '../../src/matcher/index.ts';

type Person = Instance['firstTimers'][number];
type Helper = Instance['volunteers'][number];

export function referenceScore(instance: Instance, f: Person, v: Helper): number {
  const w = instance.weights;
  const shared = (a: string[], b: string[]) => [...new Set(a)].filter((x) => new Set(b).has(x)).length;
  return (
    w.interests * shared(f.interests, v.interests) +
    w.sessions * shared(f.sessions, v.sessions) +
    (f.libraryType !== undefined && f.libraryType === v.libraryType ? w.libraryType : 0) +
    (f.region !== undefined && f.region === v.region ? w.region : 0) +
    (f.requested.includes(v.id) ? w.requested : 0)
  );
}

export function referenceEligible(instance: Instance, f: Person, v: Helper): boolean {
  if (instance.forbidden.some(([a, b]) => a === f.id && b === v.id)) return false;
  if (f.languages.length === 0 || v.languages.length === 0) return true;
  return f.languages.some((language) => v.languages.includes(language));
}

export type Value = { matched: number; objective: number };

/** Tries every assignment of the unpinned first-timers; compares (matched, objective) lexicographically. */
export function bruteForce(instance: Instance): Value {
  const { firstTimers, volunteers, weights } = instance;
  const load = volunteers.map((v) => instance.pinned.filter(([, b]) => b === v.id).length);
  let baseScore = 0;
  for (const [a, b] of instance.pinned) {
    baseScore += referenceScore(instance, firstTimers.find((f) => f.id === a)!, volunteers.find((v) => v.id === b)!);
  }
  const free = firstTimers.filter((f) => !instance.pinned.some(([a]) => a === f.id));
  const options = free.map((f) =>
    volunteers
      .map((v, index) => ({ index, score: referenceScore(instance, f, v) }))
      .filter(({ index }) => referenceEligible(instance, f, volunteers[index]!)),
  );
  let best: Value = { matched: -1, objective: -Infinity };
  const search = (i: number, matched: number, score: number) => {
    if (i === free.length) {
      let objective = score;
      for (const taken of load) objective -= (weights.extraSlot * taken * (taken - 1)) / 2;
      if (matched > best.matched || (matched === best.matched && objective > best.objective)) {
        best = { matched, objective };
      }
      return;
    }
    search(i + 1, matched, score);
    for (const { index, score: pairScore } of options[i]!) {
      if (load[index]! >= volunteers[index]!.capacity) continue;
      load[index]!++;
      search(i + 1, matched + 1, score + pairScore);
      load[index]!--;
    }
  };
  search(0, instance.pinned.length, baseScore);
  return best;
}

/**
 * Dense Hungarian method (O(n²m)) on the slot-expanded matrix with a big constant per match:
 * the textbook way to the same lexicographic optimum, for instances of a few dozen people.
 */
export function denseReference(instance: Instance): Value {
  const { firstTimers, volunteers, weights } = instance;
  const pinLoad = volunteers.map((v) => instance.pinned.filter(([, b]) => b === v.id).length);
  const free = firstTimers.filter((f) => !instance.pinned.some(([a]) => a === f.id));
  const slots: { volunteer: number; cost: number }[] = [];
  volunteers.forEach((v, index) => {
    for (let k = pinLoad[index]!; k < Math.min(v.capacity, pinLoad[index]! + free.length); k++) {
      slots.push({ volunteer: index, cost: weights.extraSlot * k });
    }
  });
  const big = 1e7;
  const n = free.length;
  const m = slots.length + n;
  // cost[i][j], 1-based as in the textbook; dummy columns (unmatched) cost 0, forbidden costs 1
  const cost = (i: number, j: number): number => {
    if (j > slots.length) return 0;
    const slot = slots[j - 1]!;
    const f = free[i - 1]!;
    const v = volunteers[slot.volunteer]!;
    if (!referenceEligible(instance, f, v)) return 1;
    return -(big + referenceScore(instance, f, v) - slot.cost);
  };
  const u = new Array(n + 1).fill(0);
  const p = new Array(m + 1).fill(0);
  const pv = new Array(m + 1).fill(0);
  const way = new Array(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array(m + 1).fill(Infinity);
    const used = new Array(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost(i0, j) - u[i0] - pv[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          pv[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const load = [...pinLoad];
  let matched = instance.pinned.length;
  let objective = 0;
  for (const [a, b] of instance.pinned) {
    objective += referenceScore(instance, firstTimers.find((f) => f.id === a)!, volunteers.find((v) => v.id === b)!);
  }
  for (let j = 1; j <= slots.length; j++) {
    if (p[j] === 0) continue;
    const slot = slots[j - 1]!;
    const f = free[p[j] - 1]!;
    const v = volunteers[slot.volunteer]!;
    if (!referenceEligible(instance, f, v)) continue;
    matched++;
    load[slot.volunteer]!++;
    objective += referenceScore(instance, f, v);
  }
  for (const taken of load) objective -= (weights.extraSlot * taken * (taken - 1)) / 2;
  return { matched, objective };
}

/** Everything a result must satisfy whatever the optimum is; throws with the broken rule. */
export function checkInvariants(instance: Instance, result: MatchResult): void {
  const { firstTimers, volunteers, weights } = instance;
  const fail = (message: string) => {
    throw new Error(`invariant broken: ${message}`);
  };
  const seen = new Set<string>();
  const load = new Map<string, number>();
  let objective = 0;
  let lastIndex = -1;
  for (const pair of result.pairs) {
    const fIndex = firstTimers.findIndex((f) => f.id === pair.firstTimer);
    const f = firstTimers[fIndex];
    const v = volunteers.find((x) => x.id === pair.volunteer);
    if (!f || !v) return fail(`unknown id in pair ${JSON.stringify(pair)}`);
    if (fIndex <= lastIndex) fail('pairs are not in first-timer input order');
    lastIndex = fIndex;
    if (seen.has(f.id)) fail(`${f.id} matched twice`);
    seen.add(f.id);
    load.set(v.id, (load.get(v.id) ?? 0) + 1);
    const isPinned = instance.pinned.some(([a, b]) => a === f.id && b === v.id);
    if (!isPinned && !referenceEligible(instance, f, v)) fail(`${f.id}–${v.id} is not eligible`);
    if (isPinned !== (pair.reasons[0] === 'pinned by an organizer')) fail(`pinned reason wrong for ${f.id}`);
    if (pair.reasons.length === 0) fail(`no reasons for ${f.id}`);
    const score = referenceScore(instance, f, v);
    if (Math.abs(score - pair.score) > 1e-9) fail(`score of ${f.id}–${v.id} is ${pair.score}, expected ${score}`);
    objective += score;
  }
  for (const [a, b] of instance.pinned) {
    if (!result.pairs.some((pair) => pair.firstTimer === a && pair.volunteer === b)) fail(`pin ${a}–${b} dropped`);
  }
  for (const v of volunteers) {
    const taken = load.get(v.id) ?? 0;
    if (taken > v.capacity) fail(`${v.id} holds ${taken} > capacity ${v.capacity}`);
    objective -= (weights.extraSlot * taken * (taken - 1)) / 2;
  }
  const rest = firstTimers.filter((f) => !seen.has(f.id)).map((f) => f.id);
  if (JSON.stringify(rest) !== JSON.stringify(result.unmatched)) fail('unmatched is not exactly the rest, in order');
  if (result.matched !== result.pairs.length) fail('matched is not the number of pairs');
  if (Math.abs(objective - result.objective) > 1e-6 * Math.max(1, Math.abs(objective))) {
    fail(`objective ${result.objective} but pairs add up to ${objective}`);
  }
}
