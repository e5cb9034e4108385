import { matchInstance, type MatchOptions } from './match-core.ts';
import { parseInstance } from './parse-instance.ts';
import type { MatchResult } from './types.ts';

// the matching itself lives in match-core.ts, which needs no validation library (the command line loads only that)
export { matchInstance, type MatchOptions };

export type SolveResult = { ok: true; result: MatchResult } | { ok: false; problems: string[] };

/** Validates then matches: what the CLI and the web app call with raw input. */
export function solveInstance(input: unknown, options: MatchOptions = {}): SolveResult {
  const parsed = parseInstance(input);
  if (!parsed.ok) return parsed;
  const labels = { ...parsed.labels, ...options.labels };
  return { ok: true, result: matchInstance(parsed.instance, { ...options, labels }) };
}
