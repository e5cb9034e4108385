import { explainPair } from './explain.ts';
import { createPairScorer } from './pair-score.ts';
import type { IdPair, Labels, Weights } from './types.ts';
import { DEFAULT_WEIGHTS, scaleWeights, unscale } from './weights.ts';

export type RematchFirstTimer = {
  id: string;
  interests?: string[];
  sessions?: string[];
  libraryType?: string | null;
  region?: string | null;
  languages?: string[];
  requested?: string[];
};

export type RematchVolunteer = {
  id: string;
  interests?: string[];
  sessions?: string[];
  libraryType?: string | null;
  region?: string | null;
  languages?: string[];
  /** how many first-timers this volunteer can take in all (default 1) */
  capacity?: number;
  /** how many first-timers this volunteer holds right now */
  load: number;
};

export type RematchInput = {
  firstTimer: RematchFirstTimer;
  /** the volunteers who could take them now: present, with their current load */
  volunteers: RematchVolunteer[];
  weights?: Partial<Weights>;
  /** forbidden pairs; only those naming this first-timer matter */
  forbidden?: IdPair[];
};

export type RematchChoice = {
  volunteer: string;
  score: number;
  /** what taking one more first-timer costs this volunteer: extraSlot × current load */
  slotCost: number;
  reasons: string[];
};

/**
 * The best buddy for one orphaned first-timer, leaving every other pair alone: among eligible
 * volunteers with room, the highest score minus that volunteer's next extra-slot cost, the
 * earliest in input order on a tie. Null when nobody eligible has room. One linear scan.
 */
export function rematchFirstTimer(input: RematchInput, options: { labels?: Labels } = {}): RematchChoice | null {
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...input.weights };
  if (!(weights.extraSlot >= 0)) throw new RangeError('weights.extraSlot must be ≥ 0');
  const scaled = scaleWeights(weights);
  const { firstTimer } = input;
  const languages = new Set(firstTimer.languages ?? []);
  const forbidden = new Set<string>();
  for (const [firstTimerId, volunteerId] of input.forbidden ?? []) {
    if (firstTimerId === firstTimer.id) forbidden.add(volunteerId);
  }
  const score = createPairScorer(firstTimer, scaled);

  let best: RematchVolunteer | undefined;
  let bestValue = -Infinity;
  let bestScore = 0;
  for (const volunteer of input.volunteers) {
    if (volunteer.load >= (volunteer.capacity ?? 1)) continue;
    if (forbidden.has(volunteer.id)) continue;
    if (languages.size > 0 && volunteer.languages && volunteer.languages.length > 0) {
      if (!volunteer.languages.some((language) => languages.has(language))) continue;
    }
    const pairScore = score(volunteer);
    const value = pairScore - scaled.extraSlot * volunteer.load;
    if (value > bestValue) {
      bestValue = value;
      bestScore = pairScore;
      best = volunteer;
    }
  }
  if (best === undefined) return null;
  const reasons = explainPair(normalize(firstTimer), { ...normalize(best), capacity: best.capacity ?? 1 }, weights, {
    labels: options.labels,
  });
  return {
    volunteer: best.id,
    score: unscale(bestScore, scaled.scale),
    slotCost: unscale(scaled.extraSlot * best.load, scaled.scale),
    reasons,
  };
}

function normalize<T extends RematchFirstTimer | RematchVolunteer>(person: T) {
  return {
    id: person.id,
    interests: person.interests ?? [],
    sessions: person.sessions ?? [],
    libraryType: person.libraryType ?? undefined,
    region: person.region ?? undefined,
    languages: person.languages ?? [],
    requested: 'requested' in person ? (person.requested ?? []) : [],
  };
}
