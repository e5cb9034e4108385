// A conversation opener for a pair whose reasons say nothing but a shared language: something to
// do together (the next session on the program after the meetup) or a question to ask each other.
// Pure: the caller reads the program and the people's session plans.
import type { ProgramSession } from './events.ts';
import { utcOffsetMinutes } from './slot-allocation.ts';

export type Opener =
  /** startsAt is the program's local wall-clock time, "2026-10-14T10:30", as printed in the program */
  | { kind: 'session'; title: string; room: string; startsAt: string }
  | { kind: 'question'; text: string };

// questions both people can ask each other, first-timer and volunteer alike
export const conversationStarters = [
  'What made you pick this conference?',
  'Which session on the program are you most curious about?',
  'What is something your library does that you are proud of?',
  'What is the best thing you have read lately?',
  'How did you end up working in libraries?',
  'If you could change one thing at your library tomorrow, what would it be?',
] as const;

const MINUTE = 60_000;

/** "2026-10-14T10:30" for an instant, on the event's wall clock. */
function localWallClock(at: Date, timeZone: string): string {
  return new Date(at.getTime() + utcOffsetMinutes(timeZone, at) * MINUTE).toISOString().slice(0, 16);
}

export function chooseOpener(args: {
  pairId: number;
  meetAt: Date | null;
  slotMinutes: number;
  timeZone: string;
  /** the event's program */
  sessions: Pick<ProgramSession, 'id' | 'title' | 'room' | 'startsAt'>[];
  /** sessions either of the two plans to attend: preferred among sessions that start together */
  planned: ReadonlySet<number>;
}): Opener {
  if (args.meetAt) {
    // the next session that starts once the meetup is over, on the same day: they can walk there together
    const after = localWallClock(new Date(args.meetAt.getTime() + args.slotMinutes * MINUTE), args.timeZone);
    const day = localWallClock(args.meetAt, args.timeZone).slice(0, 10);
    const upcoming = args.sessions
      .filter((s) => s.startsAt >= after && s.startsAt.slice(0, 10) === day)
      .sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id - b.id));
    const first = upcoming[0];
    if (first) {
      const together = upcoming.filter((s) => s.startsAt === first.startsAt);
      const pick = together.find((s) => args.planned.has(s.id)) ?? first;
      return { kind: 'session', title: pick.title, room: pick.room, startsAt: pick.startsAt };
    }
  }
  // the same question on both phones, and the same one on every refresh
  return { kind: 'question', text: conversationStarters[args.pairId % conversationStarters.length]! };
}
