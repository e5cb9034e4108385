/** Weights of the score, in the event's own units; `extraSlot` is never negative. */
export type Weights = {
  interests: number;
  sessions: number;
  libraryType: number;
  region: number;
  requested: number;
  extraSlot: number;
};

export type FirstTimer = {
  id: string;
  interests: string[];
  sessions: string[];
  libraryType?: string;
  region?: string;
  languages: string[];
  requested: string[];
};

export type Volunteer = {
  id: string;
  capacity: number;
  interests: string[];
  sessions: string[];
  libraryType?: string;
  region?: string;
  languages: string[];
};

/** A first-timer id and a volunteer id, in that order. */
export type IdPair = [firstTimerId: string, volunteerId: string];

/** A validated instance: defaults filled in, lists deduplicated (they are sets). */
export type Instance = {
  firstTimers: FirstTimer[];
  volunteers: Volunteer[];
  weights: Weights;
  pinned: IdPair[];
  forbidden: IdPair[];
};

/** Display names for ids in reasons; an id without a label prints as itself. */
export type Labels = {
  interests?: Record<string, string>;
  sessions?: Record<string, string>;
  regions?: Record<string, string>;
  libraryTypes?: Record<string, string>;
  languages?: Record<string, string>;
};

export type Pair = {
  firstTimer: string;
  volunteer: string;
  score: number;
  reasons: string[];
};

export type MatchResult = {
  pairs: Pair[];
  unmatched: string[];
  matched: number;
  objective: number;
};

export type ParseResult =
  | { ok: true; instance: Instance; labels: Labels }
  | { ok: false; problems: string[] };
