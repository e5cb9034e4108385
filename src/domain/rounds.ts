// Matching rounds: propose (run the matcher over who is here and unmatched, keeping live pairs),
// review, publish (pairs get spots and times) or discard. Rounds that run by themselves on a
// timer are started from auto-work.ts.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { matchRounds, participants, type RoundProposal } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import { matchInstance, parseInstance, rematchFirstTimer, type IdPair } from '../matcher/index.ts';
import type { Conn } from '../db.ts';
import { writeAudit } from './audit.ts';
import type { Event } from './events.ts';
import {
  countLoads,
  createMeetupPlanner,
  immediate,
  insertLivePairs,
  loadLivePairs,
  loadPlannedHolds,
  withoutHeldPlaces,
  type PairChange,
} from './live-pairs.ts';
import {
  loadForbidden,
  loadLabels,
  loadProfiles,
  toMatcherFirstTimer,
  toMatcherVolunteer,
  type MatchProfile,
} from './matching-input.ts';
import { publishPlannedRound } from './planned-pairs.ts';
import { insertProposedRound, speakNoCommonLanguage } from './round-proposals.ts';
import { isHere, loadEventPeople, peopleInEvent, type Participant, type Person } from './participants.ts';

export type MatchRound = typeof matchRounds.$inferSelect;

export type RoundView = {
  round: MatchRound;
  pairs: { firstTimer: Person; volunteer: Person; score: number; reasons: string[] }[];
  /** who stays unmatched and why: "no volunteer free", "no shared language with a free volunteer" */
  unmatched: { firstTimer: Person; reason: string }[];
};

const unmatchedReasons = {
  noRoom: 'no volunteer free',
  noLanguage: 'no shared language with a free volunteer',
  forbidden: 'forbidden with every free volunteer',
  outbid: 'others were a better fit this round',
} as const;

/** Why the matcher left someone out, judged against the room volunteers had before this round. */
function unmatchedReason(
  firstTimer: Participant,
  freeVolunteers: Participant[],
  forbidden: Set<string>,
): string {
  if (freeVolunteers.length === 0) return unmatchedReasons.noRoom;
  const allowed = freeVolunteers.filter((v) => !forbidden.has(`${firstTimer.id}:${v.id}`));
  if (allowed.length === 0) return unmatchedReasons.forbidden;
  if (allowed.every((v) => speakNoCommonLanguage(firstTimer.languages, v.languages))) return unmatchedReasons.noLanguage;
  return unmatchedReasons.outbid;
}

const pairsInMind = (k: number) => (k * (k - 1)) / 2;

/** Runs the matcher over present, unmatched first-timers and present volunteers with room; live pairs stay pinned. */
export function proposeRound(
  db: Db,
  event: Event,
  args: { organizerId: number | null; trigger: 'organizer' | 'auto'; now: Date },
): { ok: true; round: MatchRound } | { ok: false; reason: 'nobody-waiting' } {
  return db.transaction((tx) => {
    const live = loadLivePairs(tx, event.id);
    const liveByFirstTimer = new Map(live.map((p) => [p.firstTimerId, p]));
    const firstTimers = loadEventPeople(tx, event.id, 'first_timer');
    // a planned pair holds its first-timer and its volunteer's place until it goes live or is released
    const holds = loadPlannedHolds(tx, event.id);
    const waiting = firstTimers.filter((f) => isHere(f) && !liveByFirstTimer.has(f.id) && !holds.firstTimerIds.has(f.id));
    if (waiting.length === 0) return { ok: false, reason: 'nobody-waiting' } as const;

    const liveLoads = countLoads(live);
    const volunteers = withoutHeldPlaces(loadEventPeople(tx, event.id, 'volunteer'), holds).filter(
      (v) => isHere(v) || liveLoads.has(v.id),
    );
    // someone who left keeps their live pairs but takes nobody new; nobody holds fewer places than pairs
    const capacityOf = (v: Participant) =>
      isHere(v) ? Math.max(v.capacity, liveLoads.get(v.id) ?? 0) : (liveLoads.get(v.id) ?? 0);
    const volunteerProfiles = loadProfiles(tx, volunteers);
    const waitingIds = new Set(waiting.map((f) => f.id));
    const inRound = firstTimers.filter((f) => liveByFirstTimer.has(f.id) || waitingIds.has(f.id));
    const firstTimerProfiles = new Map(loadProfiles(tx, inRound).map((p) => [p.participant.id, p]));
    const forbiddenRows = loadForbidden(tx, event.id);
    const forbiddenKeys = new Set(forbiddenRows.map((f) => `${f.firstTimerId}:${f.volunteerId}`));
    const labels = loadLabels(tx, event.id);
    const weights = event.settings.weights;

    const newPairs: RoundProposal['pairs'] = [];
    const load = new Map(liveLoads);
    const placedFirst = new Set<number>();
    // those whose buddy fell through have waited longest: they are placed before the matcher runs
    const queue = waiting
      .filter((f) => f.waitingSince !== null)
      .sort((a, b) => a.waitingSince!.getTime() - b.waitingSince!.getTime() || a.id - b.id);
    for (const f of queue) {
      const choice = rematchFirstTimer(
        {
          firstTimer: toMatcherFirstTimer(firstTimerProfiles.get(f.id)!),
          volunteers: volunteerProfiles
            .filter((v) => isHere(v.participant))
            .map((v) => toMatcherVolunteer(v, v.participant.capacity, load.get(v.participant.id) ?? 0)),
          weights,
          forbidden: forbiddenRows
            .filter((r) => r.firstTimerId === f.id)
            .map((r): IdPair => [String(r.firstTimerId), String(r.volunteerId)]),
        },
        { labels },
      );
      if (!choice) continue;
      const volunteerId = Number(choice.volunteer);
      newPairs.push({ firstTimerId: f.id, volunteerId, score: choice.score, reasons: choice.reasons });
      load.set(volunteerId, (load.get(volunteerId) ?? 0) + 1);
      placedFirst.add(f.id);
    }

    const pinned: IdPair[] = [
      ...live.map((p): IdPair => [String(p.firstTimerId), String(p.volunteerId)]),
      ...newPairs.map((p): IdPair => [String(p.firstTimerId), String(p.volunteerId)]),
    ];
    const pinnedKeys = new Set(pinned.map(([f, v]) => `${f}:${v}`));
    const parsed = parseInstance({
      firstTimers: [...firstTimerProfiles.values()].map(toMatcherFirstTimer),
      volunteers: volunteerProfiles.map((v: MatchProfile) => {
        const { load: _load, ...volunteer } = toMatcherVolunteer(v, capacityOf(v.participant), 0);
        return volunteer;
      }),
      weights,
      pinned,
      // a live pair is kept as it is, even one forbidden after it was made
      forbidden: forbiddenRows
        .map((r): IdPair => [String(r.firstTimerId), String(r.volunteerId)])
        .filter(([f, v]) => pinnedKeys.has(`${f}:${v}`) === false),
    });
    if (!parsed.ok) throw new Error(`matcher input from the database is invalid: ${parsed.problems.join('; ')}`);
    const result = matchInstance(parsed.instance, { labels });
    for (const pair of result.pairs) {
      const firstTimerId = Number(pair.firstTimer);
      if (liveByFirstTimer.has(firstTimerId) || placedFirst.has(firstTimerId)) continue;
      const volunteerId = Number(pair.volunteer);
      newPairs.push({ firstTimerId, volunteerId, score: pair.score, reasons: pair.reasons });
      load.set(volunteerId, (load.get(volunteerId) ?? 0) + 1);
    }

    const freeVolunteers = volunteers.filter((v) => isHere(v) && (liveLoads.get(v.id) ?? 0) < v.capacity);
    const byId = new Map(firstTimers.map((f) => [f.id, f]));
    const unmatched = result.unmatched.map((id) => ({
      firstTimerId: Number(id),
      reason: unmatchedReason(byId.get(Number(id))!, freeVolunteers, forbiddenKeys),
    }));
    // the round's own worth: its pairs' scores less the extra-slot costs they add
    let objective = newPairs.reduce((sum, p) => sum + p.score, 0);
    for (const [volunteerId, after] of load) {
      const before = liveLoads.get(volunteerId) ?? 0;
      objective -= weights.extraSlot * (pairsInMind(after) - pairsInMind(before));
    }

    const round = insertProposedRound(tx, {
      eventId: event.id,
      kind: 'day',
      trigger: args.trigger,
      organizerId: args.organizerId,
      proposal: { pairs: newPairs, unmatched, objective },
      now: args.now,
      action: 'propose-round',
      detail: (id) => `proposed round #${id}${args.trigger === 'auto' ? ' (automatic)' : ''}: ${newPairs.length} pairs, ${unmatched.length} unmatched`,
    });
    return { ok: true, round } as const;
  }, immediate);
}

export function loadRound(db: Db, eventId: number, roundId: number): RoundView | undefined {
  const round = db
    .select()
    .from(matchRounds)
    .where(and(eq(matchRounds.id, roundId), eq(matchRounds.eventId, eventId)))
    .get();
  if (!round) return undefined;
  const ids = [
    ...round.proposal.pairs.flatMap((p) => [p.firstTimerId, p.volunteerId]),
    ...round.proposal.unmatched.map((u) => u.firstTimerId),
  ];
  const names = new Map(
    (ids.length === 0
      ? []
      : db
          .select({ id: participants.id, name: participants.name })
          .from(participants)
          .where(inArray(participants.id, [...new Set(ids)]))
          .all()
    ).map((p) => [p.id, p.name]),
  );
  const person = (id: number) => ({ id, name: names.get(id) ?? `#${id}` });
  return {
    round,
    pairs: round.proposal.pairs.map((p) => ({
      firstTimer: person(p.firstTimerId),
      volunteer: person(p.volunteerId),
      score: p.score,
      reasons: p.reasons,
    })),
    unmatched: round.proposal.unmatched.map((u) => ({ firstTimer: person(u.firstTimerId), reason: u.reason })),
  };
}

/** Makes a proposal live: pairs get spots and times; pairs no longer possible are skipped. */
export function publishRound(
  db: Db,
  event: Event,
  /** publicUrl: the base of the personal links in a pre-event round's introduction e-mails */
  args: { roundId: number; organizerId: number | null; now: Date; publicUrl?: string },
): ({ ok: true; published: number; skipped: number; /** introductions queued, for a pre-event round */ mailed?: number } & PairChange) | { ok: false; reason: 'not-found' | 'not-proposed' } {
  return db.transaction((tx) => {
    const found = findProposedRound(tx, event.id, args.roundId);
    if (!found.ok) return found;
    const { round } = found;
    if (round.kind === 'pre-event') return publishPlannedRound(tx, event, round, args);
    const forbidden = new Set(loadForbidden(tx, event.id).map((f) => `${f.firstTimerId}:${f.volunteerId}`));
    // everything the checks need, read once: the people named, who is paired, how full each volunteer is
    const people = peopleInEvent(tx, event.id, round.proposal.pairs.flatMap((p) => [p.firstTimerId, p.volunteerId]));
    const live = loadLivePairs(tx, event.id);
    const pairedFirstTimers = new Set(live.map((p) => p.firstTimerId));
    const loads = countLoads(live);
    const person = (id: number, role: Participant['role']) => {
      const p = people.get(id);
      return p && p.role === role ? p : undefined;
    };
    const planner = createMeetupPlanner(tx, event, args.now);
    const batch: Parameters<typeof insertLivePairs>[2] = [];
    const changed = new Set<number>();
    let skipped = 0;
    for (const proposed of round.proposal.pairs) {
      const firstTimer = person(proposed.firstTimerId, 'first_timer');
      const volunteer = person(proposed.volunteerId, 'volunteer');
      // the world moved since the proposal: someone left, was paired by hand, or was forbidden
      const stillPossible =
        firstTimer !== undefined &&
        volunteer !== undefined &&
        isHere(firstTimer) &&
        isHere(volunteer) &&
        !pairedFirstTimers.has(firstTimer.id) &&
        (loads.get(volunteer.id) ?? 0) < volunteer.capacity &&
        !forbidden.has(`${firstTimer.id}:${volunteer.id}`) &&
        !speakNoCommonLanguage(firstTimer.languages, volunteer.languages);
      if (!stillPossible) {
        skipped++;
        continue;
      }
      batch.push({
        firstTimerId: firstTimer.id,
        volunteerId: volunteer.id,
        score: proposed.score,
        reasons: proposed.reasons,
        pinned: false,
        roundId: round.id,
        ...planner.assign(volunteer.id),
      });
      pairedFirstTimers.add(firstTimer.id);
      loads.set(volunteer.id, (loads.get(volunteer.id) ?? 0) + 1);
      changed.add(firstTimer.id).add(volunteer.id);
    }
    insertLivePairs(tx, event, batch, args.now);
    const published = batch.length;
    tx.update(matchRounds)
      .set({ status: 'published', publishedAt: args.now, matchedCount: published })
      .where(eq(matchRounds.id, round.id))
      .run();
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'publish-round',
      detail: `published round #${round.id}: ${published} pairs${skipped > 0 ? `, ${skipped} skipped as no longer possible` : ''}`,
      at: args.now,
    });
    return { ok: true, published, skipped, participantIds: [...changed], board: true } as const;
  }, immediate);
}

/** Only a proposal of this event can be published or discarded, and only once. */
function findProposedRound(conn: Conn, eventId: number, roundId: number) {
  const round = conn
    .select()
    .from(matchRounds)
    .where(and(eq(matchRounds.id, roundId), eq(matchRounds.eventId, eventId)))
    .get();
  if (!round) return { ok: false, reason: 'not-found' } as const;
  if (round.status !== 'proposed') return { ok: false, reason: 'not-proposed' } as const;
  return { ok: true, round } as const;
}

export function discardRound(
  db: Db,
  event: Event,
  args: { roundId: number; organizerId: number; now: Date },
): { ok: true } | { ok: false; reason: 'not-found' | 'not-proposed' } {
  return db.transaction((tx) => {
    const found = findProposedRound(tx, event.id, args.roundId);
    if (!found.ok) return found;
    const { round } = found;
    tx.update(matchRounds).set({ status: 'discarded' }).where(eq(matchRounds.id, round.id)).run();
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'discard-round',
      detail: `discarded round #${round.id} (${round.matchedCount} proposed pairs)`,
      at: args.now,
    });
    return { ok: true } as const;
  }, immediate);
}

export function listRounds(db: Db, eventId: number, limit = 50): MatchRound[] {
  return db
    .select()
    .from(matchRounds)
    .where(eq(matchRounds.eventId, eventId))
    .orderBy(desc(matchRounds.createdAt), desc(matchRounds.id))
    .limit(limit)
    .all();
}
