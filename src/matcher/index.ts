/**
 * The matcher: pure functions of their arguments — no database, no HTTP, no clock.
 *
 * - `parseInstance(json)` validates and fills defaults, returning problems as values;
 * - `matchInstance(instance, { labels })` returns the exact optimum with reasons;
 * - `solveInstance(json, { labels })` does both;
 * - `rematchFirstTimer(...)` finds one orphaned first-timer a new buddy in a linear scan.
 */
export { parseInstance } from './parse-instance.ts';
export { matchInstance, solveInstance } from './match-instance.ts';
export type { MatchOptions, SolveResult } from './match-instance.ts';
export { rematchFirstTimer } from './rematch.ts';
export type { RematchChoice, RematchFirstTimer, RematchInput, RematchVolunteer } from './rematch.ts';
export { bestAvailableReason, explainPair, hasNoTopic, pinnedReason, requestedReason } from './explain.ts';
export { InstanceSchema, WeightsSchema, FirstTimerSchema, VolunteerSchema, LabelsSchema } from './instance-schema.ts';
export type { InstanceInput } from './instance-schema.ts';
export { DEFAULT_WEIGHTS } from './weights.ts';
export type {
  FirstTimer,
  IdPair,
  Instance,
  Labels,
  MatchResult,
  Pair,
  ParseResult,
  Volunteer,
  Weights,
} from './types.ts';
