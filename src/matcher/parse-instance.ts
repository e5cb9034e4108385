import type { z } from 'zod';
import { MAX_PROBLEMS, completeInstance } from './check-instance.ts';
import { InstanceSchema } from './instance-schema.ts';
import type { ParseResult } from './types.ts';
import { WEIGHT_KEYS } from './weights.ts';

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
  return completeInstance(parsed.data);
}
