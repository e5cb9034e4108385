// What the day's rounds (rounds.ts) and the pre-event round (planned-pairs.ts) share when they
// store a proposal. Its own module because rounds.ts imports planned-pairs.ts.
import { matchRounds, type RoundProposal } from '../../db/schema.ts';
import type { Conn } from '../db.ts';
import { writeAudit } from './audit.ts';

/** Both said which languages they speak and share none: the only reason besides a forbid a pair is ruled out. */
export function speakNoCommonLanguage(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return !a.some((l) => b.includes(l));
}

/** Stores a proposed round and its audit line; `detail` is given the new round's id. */
export function insertProposedRound(
  tx: Conn,
  args: {
    eventId: number;
    kind: (typeof matchRounds.$inferInsert)['kind'];
    trigger: 'organizer' | 'auto';
    organizerId: number | null;
    proposal: RoundProposal;
    now: Date;
    action: string;
    detail: (roundId: number) => string;
  },
): typeof matchRounds.$inferSelect {
  const round = tx
    .insert(matchRounds)
    .values({
      eventId: args.eventId,
      status: 'proposed',
      kind: args.kind,
      trigger: args.trigger,
      organizerId: args.organizerId,
      proposal: args.proposal,
      matchedCount: args.proposal.pairs.length,
      createdAt: args.now,
    })
    .returning()
    .get();
  writeAudit(tx, { eventId: args.eventId, organizerId: args.organizerId, action: args.action, detail: args.detail(round.id), at: args.now });
  return round;
}
