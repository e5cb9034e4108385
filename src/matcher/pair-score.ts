import type { FirstTimer, Volunteer, Weights } from './types.ts';
import { scaleWeights, unscale, type ScaledWeights } from './weights.ts';

type Profile = Pick<Volunteer, 'interests' | 'sessions' | 'libraryType' | 'region' | 'languages'>;

function countShared(mine: readonly string[], theirs: readonly string[]): number {
  if (mine.length === 0 || theirs.length === 0) return 0;
  const set = new Set(mine);
  let shared = 0;
  // a repeated entry on their side counts once: lists are sets
  for (const item of new Set(theirs)) if (set.has(item)) shared++;
  return shared;
}

/** A pair's score — each weight times what the two share — in scaled integer units (see `scaleWeights`). */
export function scorePairScaled(
  firstTimer: Pick<FirstTimer, 'interests' | 'sessions' | 'libraryType' | 'region' | 'requested'>,
  volunteer: Profile & { id: string },
  weights: ScaledWeights,
): number {
  let score = 0;
  score += weights.interests * countShared(firstTimer.interests, volunteer.interests);
  score += weights.sessions * countShared(firstTimer.sessions, volunteer.sessions);
  if (firstTimer.libraryType && firstTimer.libraryType === volunteer.libraryType) score += weights.libraryType;
  if (firstTimer.region && firstTimer.region === volunteer.region) score += weights.region;
  if (firstTimer.requested.includes(volunteer.id)) score += weights.requested;
  return score;
}

type ScorableFirstTimer = {
  interests?: readonly string[];
  sessions?: readonly string[];
  libraryType?: string | null;
  region?: string | null;
  requested?: readonly string[];
};
type ScorableVolunteer = {
  id: string;
  interests?: readonly string[];
  sessions?: readonly string[];
  libraryType?: string | null;
  region?: string | null;
};

/**
 * A scorer for one first-timer against many volunteers: the first-timer's sets are built once,
 * and a volunteer's repeated entries are counted once without allocating per volunteer.
 */
export function createPairScorer(
  firstTimer: ScorableFirstTimer,
  weights: ScaledWeights,
): (volunteer: ScorableVolunteer) => number {
  const interests = new Map((firstTimer.interests ?? []).map((item) => [item, -1]));
  const sessions = new Map((firstTimer.sessions ?? []).map((item) => [item, -1]));
  const requested = new Set(firstTimer.requested ?? []);
  let stamp = 0;
  const countIn = (mine: Map<string, number>, theirs: readonly string[] | undefined): number => {
    if (mine.size === 0 || theirs === undefined) return 0;
    let count = 0;
    for (const item of theirs) {
      const seen = mine.get(item);
      if (seen === undefined || seen === stamp) continue;
      mine.set(item, stamp);
      count++;
    }
    return count;
  };
  return (volunteer) => {
    stamp++;
    let score = weights.interests * countIn(interests, volunteer.interests);
    score += weights.sessions * countIn(sessions, volunteer.sessions);
    if (firstTimer.libraryType && firstTimer.libraryType === volunteer.libraryType) score += weights.libraryType;
    if (firstTimer.region && firstTimer.region === volunteer.region) score += weights.region;
    if (requested.has(volunteer.id)) score += weights.requested;
    return score;
  };
}

/** One pair's score in the event's own units, exactly as a round computes it. */
export function scorePair(firstTimer: ScorableFirstTimer, volunteer: ScorableVolunteer, weights: Weights): number {
  const scaled = scaleWeights(weights);
  return unscale(createPairScorer(firstTimer, scaled)(volunteer), scaled.scale);
}
