import { computeBigM } from './big-m.ts';
import { solveExactAssignment } from './exact-assignment.ts';
import { explainPair } from './explain.ts';
import { indexInstance } from './indexed-instance.ts';
import { scorePairScaled } from './pair-score.ts';
import { parseInstance } from './parse-instance.ts';
import type { Instance, Labels, MatchResult, Pair } from './types.ts';
import { scaleWeights, unscale } from './weights.ts';

export type MatchOptions = {
  labels?: Labels;
  /** how many best volunteers per first-timer seed the solve; a tuning knob, never changes the answer */
  candidatesPerRow?: number;
};

/**
 * The exact lexicographic optimum for a validated instance (see `parseInstance`): the most
 * first-timers matched, then the highest Σ score − Σ extra-slot costs. Pairs come in the
 * first-timers' input order, `unmatched` too; the same instance always gives the same result.
 */
export function matchInstance(instance: Instance, options: MatchOptions = {}): MatchResult {
  const weights = scaleWeights(instance.weights);
  const { bigM, maxAbsScore } = computeBigM(instance, weights);
  const index = indexInstance(instance, weights);
  const { firstTimers, volunteers } = instance;

  const volunteerIndex = new Map(volunteers.map((v, i) => [v.id, i]));
  const firstTimerIndex = new Map(firstTimers.map((f, i) => [f.id, i]));
  const partner = new Int32Array(firstTimers.length).fill(-1);
  const pinned = new Uint8Array(firstTimers.length);
  const load = new Int32Array(volunteers.length);
  for (const [firstTimerId, volunteerId] of instance.pinned) {
    const f = firstTimerIndex.get(firstTimerId)!;
    const v = volunteerIndex.get(volunteerId)!;
    partner[f] = v;
    pinned[f] = 1;
    load[v]! += 1;
  }

  const rows: number[] = [];
  for (let f = 0; f < firstTimers.length; f++) if (pinned[f] === 0) rows.push(f);
  const columns: number[] = [];
  const capacity: number[] = [];
  const slotBase: number[] = [];
  volunteers.forEach((volunteer, v) => {
    // more slots than first-timers could never be used
    const room = Math.min(volunteer.capacity - load[v]!, rows.length);
    if (room <= 0) return;
    columns.push(v);
    capacity.push(room);
    slotBase.push(weights.extraSlot * load[v]!);
  });

  const { rowColumn } = solveExactAssignment({
    index,
    bigM,
    rowFirstTimer: Int32Array.from(rows),
    columnVolunteer: Int32Array.from(columns),
    capacity: Int32Array.from(capacity),
    slotBase: Float64Array.from(slotBase),
    maxAbsScore,
    candidatesPerRow: options.candidatesPerRow,
  });
  rows.forEach((f, r) => {
    const column = rowColumn[r]!;
    if (column >= 0) {
      partner[f] = columns[column]!;
      load[columns[column]!]! += 1;
    }
  });

  const pairs: Pair[] = [];
  const unmatched: string[] = [];
  let objective = 0;
  firstTimers.forEach((firstTimer, f) => {
    const v = partner[f]!;
    if (v < 0) {
      unmatched.push(firstTimer.id);
      return;
    }
    const volunteer = volunteers[v]!;
    const score = scorePairScaled(firstTimer, volunteer, weights);
    objective += score;
    pairs.push({
      firstTimer: firstTimer.id,
      volunteer: volunteer.id,
      score: unscale(score, weights.scale),
      reasons: explainPair(firstTimer, volunteer, instance.weights, { pinned: pinned[f] === 1, labels: options.labels }),
    });
  });
  for (let v = 0; v < volunteers.length; v++) {
    const taken = load[v]!;
    objective -= (weights.extraSlot * taken * (taken - 1)) / 2;
  }
  return { pairs, unmatched, matched: pairs.length, objective: unscale(objective, weights.scale) };
}

export type SolveResult = { ok: true; result: MatchResult } | { ok: false; problems: string[] };

/** Validates then matches raw input (JSON from a file, say); the instance's labels word the reasons. */
export function solveInstance(input: unknown, options: MatchOptions = {}): SolveResult {
  const parsed = parseInstance(input);
  if (!parsed.ok) return parsed;
  const labels = { ...parsed.labels, ...options.labels };
  return { ok: true, result: matchInstance(parsed.instance, { ...options, labels }) };
}
