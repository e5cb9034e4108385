// The program report: how the buddy program went, computed from what is stored. The computation
// (computeProgramReport) is a pure function of loaded rows, so it can be checked against figures
// worked out by hand; loadProgramReportInput (program-report-input.ts) reads those rows in a handful of queries.
//
// Definitions (also in the README, "The program report"):
// - present: checked in, or here now, or in any pair (someone paired was here);
// - matched: in at least one pair; met: in a pair that said "We met"; rematched: a first-timer
//   with more than one pair; a no-show is a pair that ended because someone did not come;
// - the pairs an answer is about: a first-timer's last pair that stood (published or met), or
//   their last pair if none stood; a volunteer's pairs that stood, or all of theirs if none stood.
//   A volunteer's rating counts once for each of those pairs;
// - a pair's criteria are recomputed from the two people's profiles (shared interests and
//   sessions, same library type or region when both said), not read from its reason strings;
//   "asked for": the first-timer asked for that volunteer from the directory (buddy_requests);
//   "after a rematch" means the first-timer had an earlier pair.
import type { FeedbackMet, PairStatus, ParticipantRole } from '../../db/schema.ts';
import type { ReportInput, ReportPair, ReportPerson, ReportResponse } from './program-report-input.ts';

/** n of a whole; the page writes it as "n of of (p %)", or "—" when there is no whole. */
export type Rate = { n: number; of: number };

export type RatingStats = { n: number; sum: number; mean: number | null; /** ratings of 4 or 5 */ good: number };

export type RatingDistribution = RatingStats & { /** counts of 1, 2, 3, 4, 5 */ counts: [number, number, number, number, number] };

export type Roles<T> = Record<ParticipantRole, T> & { all: T };

export type CriterionBucket = { key: string; label: string; ratings: Roles<RatingStats> };
export type CriterionGroup = { key: string; label: string; buckets: CriterionBucket[] };

export type PairCriteria = {
  sharedInterests: number;
  sharedSessions: number;
  sameLibraryType: boolean | null;
  sameRegion: boolean | null;
  requested: boolean;
  rematched: boolean;
};

export type ProgramReport = {
  firstTimers: { registered: number; present: Rate; matched: Rate; met: Rate; rematched: Rate };
  volunteers: { registered: number; present: Rate; matched: Rate; met: Rate };
  pairs: { total: number; met: Rate; noShow: Rate; noShowFirstTimer: number; noShowVolunteer: number; cancelled: number };
  responses: Record<ParticipantRole, { registered: Rate; present: Rate }> & { all: { registered: Rate; present: Rate } };
  ratings: Roles<RatingDistribution>;
  met: Record<ParticipantRole, Record<FeedbackMet, number>>;
  criteria: CriterionGroup[];
  load: {
    volunteersPresent: number;
    /** present volunteers by how many first-timers they welcomed: 0, 1, 2, 3, 4 or more */
    distribution: { label: string; volunteers: number }[];
    welcomed: number;
    capacity: number;
    /** first-timers welcomed of the places present volunteers offered */
    used: Rate;
    metPairs: number;
  };
  nextYear: { name: string; role: ParticipantRole; again: 'yes' | 'maybe'; email: string | null }[];
  comments: { role: ParticipantRole; met: FeedbackMet; rating: number | null; text: string; at: Date }[];
};

const standing = (s: PairStatus) => s === 'published' || s === 'met';

const rate = (n: number, of: number): Rate => ({ n, of });

function emptyStats(): RatingStats {
  return { n: 0, sum: 0, mean: null, good: 0 };
}

function addRating(s: RatingStats, rating: number) {
  s.n++;
  s.sum += rating;
  s.mean = s.sum / s.n;
  if (rating >= 4) s.good++;
}

function countShared(a: readonly number[], b: readonly number[]): number {
  const set = new Set(a);
  let n = 0;
  for (const x of new Set(b)) if (set.has(x)) n++;
  return n;
}

function same(a: string, b: string): boolean | null {
  return a && b ? a === b : null;
}

/** What two people had in common, from their profiles as they stand. */
export function pairCriteria(firstTimer: ReportPerson, volunteer: ReportPerson, pair: ReportPair, earlierPair: boolean): PairCriteria {
  return {
    sharedInterests: countShared(firstTimer.interestIds, volunteer.interestIds),
    sharedSessions: countShared(firstTimer.sessionIds, volunteer.sessionIds),
    sameLibraryType: same(firstTimer.libraryType, volunteer.libraryType),
    sameRegion: same(firstTimer.region, volunteer.region),
    requested: pair.requested,
    rematched: earlierPair,
  };
}

const yesNoUnknown = (v: boolean | null) => (v === null ? 'unknown' : v ? 'same' : 'different');

const criterionGroups: { key: string; label: string; buckets: [string, string][]; of: (c: PairCriteria) => string }[] = [
  {
    key: 'interests',
    label: 'Shared interests',
    buckets: [['0', 'none'], ['1', 'one'], ['2+', 'two or more']],
    of: (c) => (c.sharedInterests >= 2 ? '2+' : String(c.sharedInterests)),
  },
  {
    key: 'sessions',
    label: 'Shared sessions',
    buckets: [['0', 'none'], ['1+', 'one or more']],
    of: (c) => (c.sharedSessions >= 1 ? '1+' : '0'),
  },
  {
    key: 'library-type',
    label: 'Library type',
    buckets: [['same', 'same'], ['different', 'different'], ['unknown', 'one or both did not say']],
    of: (c) => yesNoUnknown(c.sameLibraryType),
  },
  {
    key: 'region',
    label: 'Region',
    buckets: [['same', 'same'], ['different', 'different'], ['unknown', 'one or both did not say']],
    of: (c) => yesNoUnknown(c.sameRegion),
  },
  {
    key: 'requested',
    label: 'Asked for this buddy',
    buckets: [['yes', 'asked for'], ['no', 'not asked for']],
    of: (c) => (c.requested ? 'yes' : 'no'),
  },
  {
    key: 'rematched',
    label: 'Rematched',
    buckets: [['yes', 'after a rematch'], ['no', 'first pairing']],
    of: (c) => (c.rematched ? 'yes' : 'no'),
  },
];

/** The input indexed: people by id, each person's pairs in the order made, each pair's criteria. */
function indexInput(input: ReportInput) {
  const people = new Map(input.people.map((p) => [p.id, p]));
  const allPairs = [...input.pairs].sort((a, b) => a.id - b.id);
  const byFirstTimer = new Map<number, ReportPair[]>();
  const byVolunteer = new Map<number, ReportPair[]>();
  const add = (map: Map<number, ReportPair[]>, id: number, p: ReportPair) => {
    const list = map.get(id);
    if (list) list.push(p);
    else map.set(id, [p]);
  };
  for (const p of allPairs) {
    add(byFirstTimer, p.firstTimerId, p);
    add(byVolunteer, p.volunteerId, p);
  }
  const pairsOf = (p: Pick<ReportPerson, 'id' | 'role'>) => (p.role === 'first_timer' ? byFirstTimer : byVolunteer).get(p.id) ?? [];
  const criteriaOf = (pair: ReportPair): PairCriteria | null => {
    const f = people.get(pair.firstTimerId);
    const v = people.get(pair.volunteerId);
    const earlier = byFirstTimer.get(pair.firstTimerId)![0]!.id !== pair.id;
    return f && v ? pairCriteria(f, v, pair, earlier) : null;
  };
  return { people, allPairs, pairsOf, criteriaOf };
}

/** The pairs an answer is about (see the definitions at the top). */
export function pairsAnswerIsAbout(person: Pick<ReportPerson, 'role'>, theirPairs: readonly ReportPair[]): ReportPair[] {
  const stood = theirPairs.filter((p) => standing(p.status));
  if (person.role === 'first_timer') {
    const last = stood.at(-1) ?? theirPairs.at(-1);
    return last ? [last] : [];
  }
  return stood.length > 0 ? stood : [...theirPairs];
}

export function computeProgramReport(input: ReportInput): ProgramReport {
  const { people, allPairs, pairsOf, criteriaOf } = indexInput(input);
  const isPresent = (p: ReportPerson) =>
    p.checkedIn || p.status === 'present' || p.status === 'matched' || pairsOf(p).length > 0;

  const byRole = (role: ParticipantRole) => input.people.filter((p) => p.role === role);
  const firstTimers = byRole('first_timer');
  const volunteers = byRole('volunteer');
  const present = (list: ReportPerson[]) => list.filter(isPresent);
  const matched = (list: ReportPerson[]) => list.filter((p) => pairsOf(p).length > 0);
  const met = (list: ReportPerson[]) => list.filter((p) => pairsOf(p).some((x) => x.status === 'met'));

  const ftPresent = present(firstTimers);
  const ftMatched = matched(firstTimers);
  const vPresent = present(volunteers);
  const vMatched = matched(volunteers);

  const noShows = allPairs.filter((p) => p.status === 'no_show');

  // answers
  const answered = new Map(input.responses.filter((r) => people.has(r.participantId)).map((r) => [r.participantId, r]));
  const responseRates = (list: ReportPerson[]) => ({
    registered: rate(list.filter((p) => answered.has(p.id)).length, list.length),
    present: rate(present(list).filter((p) => answered.has(p.id)).length, present(list).length),
  });

  const distribution = (): RatingDistribution => ({ ...emptyStats(), counts: [0, 0, 0, 0, 0] });
  const ratings: Roles<RatingDistribution> = { first_timer: distribution(), volunteer: distribution(), all: distribution() };
  const metAnswers: ProgramReport['met'] = {
    first_timer: { no: 0, once: 0, more: 0 },
    volunteer: { no: 0, once: 0, more: 0 },
  };
  const groups = criterionGroups.map((g) => ({
    key: g.key,
    label: g.label,
    buckets: g.buckets.map(([key, label]) => ({
      key,
      label,
      ratings: { first_timer: emptyStats(), volunteer: emptyStats(), all: emptyStats() },
    })),
  }));

  for (const r of answered.values()) {
    const person = people.get(r.participantId)!;
    metAnswers[person.role][r.met]++;
    if (r.rating === null) continue;
    for (const d of [ratings[person.role], ratings.all]) {
      addRating(d, r.rating);
      d.counts[r.rating - 1]!++;
    }
    for (const pair of pairsAnswerIsAbout(person, pairsOf(person))) {
      const c = criteriaOf(pair);
      if (!c) continue;
      criterionGroups.forEach((g, i) => {
        const bucket = groups[i]!.buckets.find((b) => b.key === g.of(c))!;
        addRating(bucket.ratings[person.role], r.rating!);
        addRating(bucket.ratings.all, r.rating!);
      });
    }
  }

  // volunteers' load: first-timers welcomed (pairs that stood) per present volunteer
  const loadLabels = ['0', '1', '2', '3', '4 or more'];
  const loadCounts = [0, 0, 0, 0, 0];
  let welcomed = 0;
  let capacity = 0;
  for (const v of vPresent) {
    const n = pairsOf(v).filter((p) => standing(p.status)).length;
    loadCounts[Math.min(n, 4)]!++;
    welcomed += n;
    capacity += v.capacity;
  }

  const nextYear = [...answered.values()]
    .filter((r) => r.again !== 'no' && !people.get(r.participantId)!.erased)
    .map((r) => {
      const p = people.get(r.participantId)!;
      return { name: p.name, role: p.role, again: r.again as 'yes' | 'maybe', email: r.mayContact ? p.email : null };
    })
    .sort((a, b) => (a.again === b.again ? a.name.localeCompare(b.name) : a.again === 'yes' ? -1 : 1));

  const comments = [...answered.values()]
    .filter((r) => r.comment.trim() !== '')
    .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.participantId - b.participantId)
    .map((r) => ({ role: people.get(r.participantId)!.role, met: r.met, rating: r.rating, text: r.comment, at: r.updatedAt }));

  return {
    firstTimers: {
      registered: firstTimers.length,
      present: rate(ftPresent.length, firstTimers.length),
      matched: rate(ftMatched.length, ftPresent.length),
      met: rate(met(firstTimers).length, ftMatched.length),
      rematched: rate(ftMatched.filter((p) => pairsOf(p).length > 1).length, ftMatched.length),
    },
    volunteers: {
      registered: volunteers.length,
      present: rate(vPresent.length, volunteers.length),
      matched: rate(vMatched.length, vPresent.length),
      met: rate(met(volunteers).length, vMatched.length),
    },
    pairs: {
      total: allPairs.length,
      met: rate(allPairs.filter((p) => p.status === 'met').length, allPairs.length),
      noShow: rate(noShows.length, allPairs.length),
      noShowFirstTimer: noShows.filter((p) => p.noShowParticipantId === p.firstTimerId).length,
      noShowVolunteer: noShows.filter((p) => p.noShowParticipantId === p.volunteerId).length,
      cancelled: allPairs.filter((p) => p.status === 'cancelled').length,
    },
    responses: {
      first_timer: responseRates(firstTimers),
      volunteer: responseRates(volunteers),
      all: responseRates(input.people),
    },
    ratings,
    met: metAnswers,
    criteria: groups,
    load: {
      volunteersPresent: vPresent.length,
      distribution: loadLabels.map((label, i) => ({ label, volunteers: loadCounts[i]! })),
      welcomed,
      capacity,
      used: rate(welcomed, capacity),
      metPairs: allPairs.filter((p) => p.status === 'met').length,
    },
    nextYear,
    comments,
  };
}

// --- one row per answer, for the CSV ---

export type ResponseRow = ReportResponse & {
  role: ParticipantRole;
  name: string;
  /** only when they agreed to be contacted */
  email: string | null;
  /** the criteria of each pair the answer is about */
  pairs: PairCriteria[];
};

export function responseRows(input: ReportInput): ResponseRow[] {
  const { people, pairsOf, criteriaOf } = indexInput(input);
  return input.responses
    .filter((r) => people.has(r.participantId))
    .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.participantId - b.participantId)
    .map((r) => {
      const person = people.get(r.participantId)!;
      const about = pairsAnswerIsAbout(person, pairsOf(person)).flatMap((pair) => criteriaOf(pair) ?? []);
      return { ...r, role: person.role, name: person.name, email: r.mayContact ? person.email : null, pairs: about };
    });
}
