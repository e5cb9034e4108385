import type { Instance } from './types.ts';
import type { ScaledWeights } from './weights.ts';

/**
 * One more match must always beat any gain in score, so every pair is worth a constant `bigM`
 * on top of its score; `bigM` exceeds the widest possible spread of the objective.
 */
type BigM = { bigM: number; maxAbsScore: number; fitsExactly: boolean };

// Potentials of the assignment grow to at most (nodes × largest arc cost); stay well inside 2^53.
const EXACT_LIMIT = 2 ** 52;

export function computeBigM(instance: Instance, weights: ScaledWeights): BigM {
  const firstTimerCount = instance.firstTimers.length;
  let maxInterests = 0;
  let maxSessions = 0;
  for (const firstTimer of instance.firstTimers) {
    maxInterests = Math.max(maxInterests, firstTimer.interests.length);
    maxSessions = Math.max(maxSessions, firstTimer.sessions.length);
  }
  let maxCapacity = 0;
  for (const volunteer of instance.volunteers) {
    maxCapacity = Math.max(maxCapacity, Math.min(volunteer.capacity, firstTimerCount));
  }
  const maxAbsScore =
    Math.abs(weights.interests) * maxInterests +
    Math.abs(weights.sessions) * maxSessions +
    Math.abs(weights.libraryType) +
    Math.abs(weights.region) +
    Math.abs(weights.requested);
  const maxSlotCost = weights.extraSlot * Math.max(0, maxCapacity - 1);
  const bigM = firstTimerCount * (2 * maxAbsScore + maxSlotCost) + 1;
  const nodes = firstTimerCount + instance.volunteers.length + 2;
  const fitsExactly = nodes * (bigM + maxAbsScore + maxSlotCost) <= EXACT_LIMIT;
  return { bigM, maxAbsScore, fitsExactly };
}
