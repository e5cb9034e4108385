import type { IndexedInstance } from './indexed-instance.ts';

/**
 * Scores first-timer `f` against every volunteer at once into `out` (scaled integer units):
 * `-Infinity` marks a volunteer that cannot take f (ineligible, or `open[v]` is 0 because the
 * volunteer has no room). Runs over posting lists, so its cost is the number of shared items,
 * plus one light pass over the volunteers.
 */
export function scoreRow(index: IndexedInstance, f: number, open: Uint8Array, out: Float64Array): void {
  const { weights, volunteerCount } = index;
  out.fill(0);
  addPostings(index.interestStart, index.interestItems, index.interestPostingStart, index.interestPostingVolunteers, f, weights.interests, out);
  addPostings(index.sessionStart, index.sessionItems, index.sessionPostingStart, index.sessionPostingVolunteers, f, weights.sessions, out);
  for (let i = index.requestedStart[f]!; i < index.requestedStart[f + 1]!; i++) {
    out[index.requestedVolunteers[i]!]! += weights.requested;
  }

  const libraryType = index.firstTimerLibraryType[f]!;
  const region = index.firstTimerRegion[f]!;
  const libraryTypeWeight = libraryType >= 0 ? weights.libraryType : 0;
  const regionWeight = region >= 0 ? weights.region : 0;
  const volunteerLibraryType = index.volunteerLibraryType;
  const volunteerRegion = index.volunteerRegion;
  const words = index.languageWords;
  const volunteerLanguages = index.volunteerLanguages;
  const firstTimerLanguages = index.firstTimerLanguages;

  let speaksAny = false;
  for (let w = 0; w < words; w++) if (firstTimerLanguages[f * words + w] !== 0) speaksAny = true;
  const onlyWord = words === 1 ? firstTimerLanguages[f]! : 0;

  for (let v = 0; v < volunteerCount; v++) {
    if (open[v] === 0) {
      out[v] = -Infinity;
      continue;
    }
    if (speaksAny) {
      let eligible: boolean;
      if (words === 1) {
        const theirs = volunteerLanguages[v]!;
        eligible = theirs === 0 || (theirs & onlyWord) !== 0;
      } else {
        eligible = languagesCompatible(firstTimerLanguages, f, volunteerLanguages, v, words);
      }
      if (!eligible) {
        out[v] = -Infinity;
        continue;
      }
    }
    let score = out[v]!;
    if (volunteerLibraryType[v] === libraryType) score += libraryTypeWeight;
    if (volunteerRegion[v] === region) score += regionWeight;
    out[v] = score;
  }
  for (let i = index.forbiddenStart[f]!; i < index.forbiddenStart[f + 1]!; i++) {
    out[index.forbiddenVolunteers[i]!] = -Infinity;
  }
}

function addPostings(
  start: Int32Array,
  items: Int32Array,
  postingStart: Int32Array,
  postingVolunteers: Int32Array,
  f: number,
  weight: number,
  out: Float64Array,
): void {
  if (weight === 0) return;
  for (let i = start[f]!; i < start[f + 1]!; i++) {
    const item = items[i]!;
    const end = postingStart[item + 1]!;
    for (let p = postingStart[item]!; p < end; p++) out[postingVolunteers[p]!]! += weight;
  }
}

function languagesCompatible(mine: Int32Array, f: number, theirs: Int32Array, v: number, words: number): boolean {
  let theySpeakAny = false;
  for (let w = 0; w < words; w++) {
    const their = theirs[v * words + w]!;
    if (their !== 0) theySpeakAny = true;
    if ((their & mine[f * words + w]!) !== 0) return true;
  }
  return !theySpeakAny;
}
