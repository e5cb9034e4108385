/**
 * The matcher: pure functions of their arguments — no database, no HTTP, no clock.
 *
 * - `parseInstance(json)` validates and fills defaults, returning problems as values;
 * - `matchInstance(instance, { labels })` returns the exact optimum with reasons;
 * - `solveInstance(json)` does both, as the command line does;
 * - `rematchFirstTimer(...)` finds one orphaned first-timer a new buddy in a linear scan.
 */
export { parseInstance } from './parse-instance.ts';
export { matchInstance, solveInstance } from './match-instance.ts';
export { rematchFirstTimer } from './rematch.ts';
export type { RematchChoice, RematchFirstTimer, RematchVolunteer } from './rematch.ts';
export { scorePair } from './pair-score.ts';
export { DEFAULT_WEIGHTS, MAX_WEIGHT_DECIMALS, WEIGHT_KEYS } from './weights.ts';
export { bestAvailableReason, hasNoTopic, pinnedReason, requestedReason } from './explain.ts';
export type { InstanceInput } from './instance-schema.ts';
export type { IdPair, Instance, Labels, MatchResult, Weights } from './types.ts';
