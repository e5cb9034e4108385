import type { FirstTimer, Labels, Volunteer, Weights } from './types.ts';

const LISTED_AT_MOST = 4;

/** Reasons with fixed words, so readers of stored reasons can tell them apart. */
export const pinnedReason = 'pinned by an organizer';
export const bestAvailableReason = 'the best buddy with room for you';
export const requestedReason = 'the first-timer asked for this buddy';
const sharedLanguagePrefix = 'you both speak ';

/**
 * Whether the reasons give two people nothing to talk about but a language they share: only the
 * fallbacks (and the organizer's pin, which says nothing about the people) are there.
 */
export function hasNoTopic(reasons: readonly string[]): boolean {
  return reasons.every((r) => r === pinnedReason || r === bestAvailableReason || r.startsWith(sharedLanguagePrefix));
}

function labelOf(labels: Record<string, string> | undefined, id: string): string {
  return labels?.[id] ?? id;
}

/** "a", "a and b", "a, b and c", "a, b, c, d and 2 more" */
function joinWords(words: string[]): string {
  if (words.length > LISTED_AT_MOST + 1) {
    return `${words.slice(0, LISTED_AT_MOST).join(', ')} and ${words.length - LISTED_AT_MOST} more`;
  }
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function shared(mine: readonly string[], theirs: readonly string[]): string[] {
  const set = new Set(theirs);
  return mine.filter((item) => set.has(item));
}

/**
 * Why this pair, in words both people can open a conversation with. Only what raised the
 * score is said (a criterion weighted negatively is said as the difference it rewards), in the
 * order of the first-timer's own lists.
 */
export function explainPair(
  firstTimer: FirstTimer,
  volunteer: Volunteer,
  weights: Weights,
  { pinned = false, labels = {} }: { pinned?: boolean; labels?: Labels } = {},
): string[] {
  const reasons: string[] = [];
  if (pinned) reasons.push(pinnedReason);
  if (weights.requested > 0 && firstTimer.requested.includes(volunteer.id)) {
    reasons.push(requestedReason);
  }
  const interests = shared(firstTimer.interests, volunteer.interests);
  if (weights.interests > 0 && interests.length > 0) {
    reasons.push(`you both picked ${joinWords(interests.map((id) => labelOf(labels.interests, id)))}`);
  }
  const sessions = shared(firstTimer.sessions, volunteer.sessions);
  if (weights.sessions > 0 && sessions.length > 0) {
    reasons.push(`both going to ${joinWords(sessions.map((id) => `'${labelOf(labels.sessions, id)}'`))}`);
  }
  const { libraryType: mine, region: myRegion } = firstTimer;
  const { libraryType: theirs, region: theirRegion } = volunteer;
  if (mine && theirs) {
    if (weights.libraryType > 0 && mine === theirs) {
      reasons.push(`same library type: ${labelOf(labels.libraryTypes, mine)}`);
    } else if (weights.libraryType < 0 && mine !== theirs) {
      reasons.push(
        `different kinds of library: ${labelOf(labels.libraryTypes, mine)} and ${labelOf(labels.libraryTypes, theirs)}`,
      );
    }
  }
  if (myRegion && theirRegion) {
    if (weights.region > 0 && myRegion === theirRegion) {
      reasons.push(`both from ${labelOf(labels.regions, myRegion)}`);
    } else if (weights.region < 0 && myRegion !== theirRegion) {
      reasons.push(`from different places: ${labelOf(labels.regions, myRegion)} and ${labelOf(labels.regions, theirRegion)}`);
    }
  }
  if (reasons.length === 0) {
    const languages = shared(firstTimer.languages, volunteer.languages);
    reasons.push(
      languages.length > 0
        ? `${sharedLanguagePrefix}${joinWords(languages.map((id) => labelOf(labels.languages, id)))}`
        : bestAvailableReason,
    );
  }
  return reasons;
}
