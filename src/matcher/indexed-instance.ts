import type { Instance } from './types.ts';
import type { ScaledWeights } from './weights.ts';

/**
 * The instance as typed arrays, so that scoring one first-timer against every volunteer is a
 * few tight loops over posting lists instead of string comparisons.
 */
export type IndexedInstance = {
  firstTimerCount: number;
  volunteerCount: number;
  weights: ScaledWeights;
  // per first-timer lists (CSR: items of f are items[start[f] .. start[f + 1]])
  interestStart: Int32Array;
  interestItems: Int32Array;
  sessionStart: Int32Array;
  sessionItems: Int32Array;
  requestedStart: Int32Array;
  requestedVolunteers: Int32Array;
  forbiddenStart: Int32Array;
  forbiddenVolunteers: Int32Array;
  firstTimerLibraryType: Int32Array;
  firstTimerRegion: Int32Array;
  // volunteers holding each interest / session
  interestPostingStart: Int32Array;
  interestPostingVolunteers: Int32Array;
  sessionPostingStart: Int32Array;
  sessionPostingVolunteers: Int32Array;
  volunteerLibraryType: Int32Array;
  volunteerRegion: Int32Array;
  // languages as bit sets of `languageWords` 32-bit words each; no languages = all zero
  languageWords: number;
  firstTimerLanguages: Int32Array;
  volunteerLanguages: Int32Array;
};

class Dictionary {
  private readonly ids = new Map<string, number>();
  get size(): number {
    return this.ids.size;
  }
  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
  find(key: string | undefined): number {
    return key === undefined ? -1 : (this.ids.get(key) ?? -1);
  }
}

/** Lists packed end to end (CSR): the items of list k are items[start[k] .. start[k + 1]]. */
export function buildLists(lists: number[][]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, index) => {
    start[index + 1] = start[index]! + list.length;
  });
  const items = new Int32Array(start[lists.length]!);
  lists.forEach((list, index) => items.set(list, start[index]!));
  return { start, items };
}

function buildPostings(volunteerItems: number[][], itemCount: number): { start: Int32Array; items: Int32Array } {
  const holders: number[][] = Array.from({ length: itemCount }, () => []);
  volunteerItems.forEach((items, volunteer) => {
    for (const item of items) holders[item]!.push(volunteer);
  });
  return buildLists(holders);
}

function buildLanguageSets(lists: string[][], dictionary: Dictionary, words: number): Int32Array {
  const bits = new Int32Array(lists.length * words);
  lists.forEach((languages, person) => {
    for (const language of languages) {
      const id = dictionary.find(language);
      bits[person * words + (id >>> 5)]! |= 1 << (id & 31);
    }
  });
  return bits;
}

export function indexInstance(instance: Instance, weights: ScaledWeights): IndexedInstance {
  const { firstTimers, volunteers } = instance;
  const interests = new Dictionary();
  const sessions = new Dictionary();
  const libraryTypes = new Dictionary();
  const regions = new Dictionary();
  const languages = new Dictionary();
  // only items a volunteer holds can ever be shared, so first-timers' other items are dropped
  const volunteerInterests = volunteers.map((v) => v.interests.map((item) => interests.intern(item)));
  const volunteerSessions = volunteers.map((v) => v.sessions.map((item) => sessions.intern(item)));
  const volunteerLibraryType = Int32Array.from(volunteers, (v) =>
    v.libraryType === undefined ? -1 : libraryTypes.intern(v.libraryType),
  );
  const volunteerRegion = Int32Array.from(volunteers, (v) => (v.region === undefined ? -1 : regions.intern(v.region)));
  for (const person of [...volunteers, ...firstTimers]) {
    for (const language of person.languages) languages.intern(language);
  }
  const languageWords = Math.max(1, Math.ceil(languages.size / 32));

  const volunteerIndex = new Map(volunteers.map((v, index) => [v.id, index]));
  const keepKnown = (ids: string[], dictionary: Dictionary) =>
    ids.map((id) => dictionary.find(id)).filter((id) => id >= 0);
  const requested = firstTimers.map((f) =>
    f.requested.map((id) => volunteerIndex.get(id) ?? -1).filter((index) => index >= 0),
  );
  const forbidden: number[][] = firstTimers.map(() => []);
  const firstTimerIndex = new Map(firstTimers.map((f, index) => [f.id, index]));
  for (const [firstTimerId, volunteerId] of instance.forbidden) {
    forbidden[firstTimerIndex.get(firstTimerId)!]!.push(volunteerIndex.get(volunteerId)!);
  }

  const interestLists = buildLists(firstTimers.map((f) => keepKnown(f.interests, interests)));
  const sessionLists = buildLists(firstTimers.map((f) => keepKnown(f.sessions, sessions)));
  const requestedLists = buildLists(requested);
  const forbiddenLists = buildLists(forbidden);
  const interestPostings = buildPostings(volunteerInterests, interests.size);
  const sessionPostings = buildPostings(volunteerSessions, sessions.size);

  return {
    firstTimerCount: firstTimers.length,
    volunteerCount: volunteers.length,
    weights,
    interestStart: interestLists.start,
    interestItems: interestLists.items,
    sessionStart: sessionLists.start,
    sessionItems: sessionLists.items,
    requestedStart: requestedLists.start,
    requestedVolunteers: requestedLists.items,
    forbiddenStart: forbiddenLists.start,
    forbiddenVolunteers: forbiddenLists.items,
    firstTimerLibraryType: Int32Array.from(firstTimers, (f) => libraryTypes.find(f.libraryType)),
    firstTimerRegion: Int32Array.from(firstTimers, (f) => regions.find(f.region)),
    interestPostingStart: interestPostings.start,
    interestPostingVolunteers: interestPostings.items,
    sessionPostingStart: sessionPostings.start,
    sessionPostingVolunteers: sessionPostings.items,
    volunteerLibraryType,
    volunteerRegion,
    languageWords,
    firstTimerLanguages: buildLanguageSets(firstTimers.map((f) => f.languages), languages, languageWords),
    volunteerLanguages: buildLanguageSets(volunteers.map((v) => v.languages), languages, languageWords),
  };
}
