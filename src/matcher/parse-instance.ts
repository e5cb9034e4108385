import type { z } from 'zod';
import { INSTANCE_KEYS, MAX_PROBLEMS, completeInstance } from './check-instance.ts';
import { parseInstanceQuickly } from './fast-parse.ts';
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
  const subject = where === '' ? 'the instance' : where;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    const known = where === '' ? INSTANCE_KEYS : WEIGHT_KEYS;
    return `${subject} has unknown key ${keys} (known: ${known.join(', ')})`;
  }
  return `${subject} ${issue.message}`;
}

const rankIssue = (issue: z.core.$ZodIssue) => (issue.code === 'unrecognized_keys' ? 0 : 1);

/**
 * Validates an instance as it arrives from JSON or from the web app: defaults filled in, lists
 * as sets. Every problem names the place it was found. The top level is strict; fields on
 * people other than the matcher's own are ignored, and so are `requested` ids of volunteers
 * who are not in the instance (that buddy may simply not have checked in).
 */
export function parseInstance(input: unknown): ParseResult {
  return parseInstanceQuickly(input) ?? parseWithSchema(input);
}

/** `parseInstance` through the validation library alone, which words every problem. */
export function parseWithSchema(input: unknown): ParseResult {
  const parsed = InstanceSchema.safeParse(input);
  if (!parsed.success) {
    // a misspelt key first: it explains the "is required" that usually comes with it
    const issues = [...parsed.error.issues].sort((a, b) => rankIssue(a) - rankIssue(b));
    return { ok: false, problems: issues.slice(0, MAX_PROBLEMS).map(formatIssue) };
  }
  return completeInstance(parsed.data);
}
