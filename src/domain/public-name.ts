// What a public screen may show of a person: a first name and one initial, whatever was typed.
// People type "Doe, Jane", "Jane_Doe", "jane.doe" or paste a name with zero-width characters;
// none of them may put a full surname on the board.

/** "Octavia R." */
export type PublicName = string;

const maxFirstName = 24;
const titles = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'rev', 'sr', 'sra', 'fr']);

/** The name's parts, first name first: invisible characters gone, "Last, First" turned around. */
export function nameParts(fullName: string): string[] {
  // an invisible character (zero-width space, tab, direction mark) still separates words
  const visible = fullName.normalize('NFKC').replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, ' ');
  const [before, ...after] = visible.split(',');
  const ordered = after.length > 0 && after.join('').trim() ? `${after.join(' ')} ${before}` : visible;
  const parts = ordered.split(/[\s_.,;:/\\|()[\]{}+*"“”@#&]+/u).filter((p) => /[\p{L}\p{N}]/u.test(p));
  while (parts.length > 1 && titles.has(parts[0]!.toLowerCase())) parts.shift();
  return parts;
}

export function firstName(fullName: string): string {
  const first = nameParts(fullName)[0] ?? '';
  return Array.from(first).slice(0, maxFirstName).join('');
}

export function publicName(fullName: string): PublicName {
  const parts = nameParts(fullName);
  const first = firstName(fullName);
  const last = parts.length > 1 ? parts[parts.length - 1]! : '';
  const initial = Array.from(last).find((ch) => /[\p{L}\p{N}]/u.test(ch));
  return initial ? `${first} ${initial.toLocaleUpperCase()}.` : first;
}
