// Reading what people send, for routes and the domain's form schemas alike: ids and tokens in
// paths and fields, checkbox lists, zod's errors as one message next to each field, and what was
// typed, cut to size for showing it back on a refused form.
import { z } from 'zod';

/** An event's short name in its addresses: lowercase letters, digits and hyphens. */
export const slugPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const slugSchema = z.string().regex(slugPattern);
// 32 random bytes in base64url
export const personalTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const idPattern = /^[1-9][0-9]{0,14}$/;
// a refused form shows back what was typed, but never more than a field takes (a 200 KB "name"
// must not come back as a 200 KB page), and no more choices than the form could offer
const maxListItems = 300;

/** A row id in a path (`/pairs/:id`): plain digits, no sign, no leading zero, no exponent. */
export const idSchema = z.string().regex(idPattern).transform(Number);

/** A row id chosen in a form field, refused with `message` (the field's own words) when missing or malformed. */
export const idField = (message: string) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v : ''), z.string().regex(idPattern, message))
    .transform(Number);

/** Ticked checkboxes: nothing, one value, or several with the same name. */
export const checkboxList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(maxListItems));

/** The first message for each field (a message for no field goes to `form`), to show next to it. */
export function fieldErrors<K extends string>(error: z.ZodError): Partial<Record<K | 'form', string>> {
  const errors: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
    errors[key] ??= issue.message;
  }
  return errors as Partial<Record<K | 'form', string>>;
}

/** What was typed in a text field, cut to the longest the field takes, for showing it back. */
export const typedText = (v: string | string[] | undefined, limit: number) =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).slice(0, limit);

/** What was ticked in a checkbox list, for showing it back. */
export const typedList = (v: string | string[] | undefined) =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).slice(0, maxListItems);

/**
 * The mapping step's choice of a column for each field (`column.<field>` = the column's index, or
 * empty for none); anything that is not a column of the sheet is left out, and the mapping check
 * then says what is missing.
 */
export function chosenColumns<F extends string>(
  form: Record<string, string | string[]>,
  fields: readonly F[],
  columnCount: number,
): Partial<Record<F, number>> {
  const columns: Partial<Record<F, number>> = {};
  for (const field of fields) {
    const value = typedText(form[`column.${field}`], 6);
    if (!/^(0|[1-9][0-9]{0,4})$/.test(value)) continue;
    const column = Number(value);
    if (column < columnCount) columns[field] = column;
  }
  return columns;
}
