// Which spreadsheet column holds what, guessed from the header the way organizers write it
// ("Session", "Start Time", "E-mail address", "First name"): the importers give the names each of
// their fields goes by, strongest first; the organizer corrects the guess on the mapping step.

/** Lower case, punctuation as spaces: "E-mail Address:" and "e mail address" read the same. */
export const normaliseHeader = (header: string) =>
  header
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function score(header: string, names: readonly string[]): number {
  const h = normaliseHeader(header);
  if (h === '') return 0;
  const exact = names.indexOf(h);
  if (exact >= 0) return 200 - exact;
  // "Session Title (EN)", "Start time (local)": a known name inside a longer header, longer names first
  let best = 0;
  names.forEach((name, i) => {
    if (` ${h} `.includes(` ${name} `)) best = Math.max(best, 100 + name.length - i / 100);
  });
  return best;
}

/** The likeliest column for each field: the strongest header matches first, each column used once. */
export function guessColumns<F extends string>(
  headers: readonly string[],
  fields: readonly F[],
  synonyms: Record<F, readonly string[]>,
): Partial<Record<F, number>> {
  const candidates = headers.flatMap((header, column) =>
    fields.map((field) => ({ column, field, score: score(header, synonyms[field]) })).filter((c) => c.score > 0),
  );
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const columns: Partial<Record<F, number>> = {};
  const used = new Set<number>();
  for (const c of candidates) {
    if (columns[c.field] !== undefined || used.has(c.column)) continue;
    columns[c.field] = c.column;
    used.add(c.column);
  }
  return columns;
}

/** Problems common to every mapping: a column that is not in the sheet, or one column chosen for two fields. */
export function columnProblems<F extends string>(
  columns: Partial<Record<F, number>>,
  headers: readonly string[],
  labels: Record<F, string>,
): { notInSheet: string[]; chosenTwice: string[] } {
  const notInSheet: string[] = [];
  const chosenTwice: string[] = [];
  const name = (c: number) => `'${headers[c] ?? `column ${c + 1}`}'`;
  const chosen = (Object.entries(columns) as [F, number | undefined][]).filter((e): e is [F, number] => e[1] !== undefined);
  for (const [field, column] of chosen) {
    if (!Number.isInteger(column) || column < 0 || column >= headers.length) {
      notInSheet.push(`${labels[field]}: there is no column ${column + 1}`);
    }
  }
  const byColumn = new Map<number, F[]>();
  for (const [field, column] of chosen) byColumn.set(column, [...(byColumn.get(column) ?? []), field]);
  for (const [column, fields] of byColumn) {
    if (fields.length > 1) chosenTwice.push(`Column ${name(column)} is chosen for ${fields.join(' and ')}; choose it for one only.`);
  }
  return { notInSheet, chosenTwice };
}
