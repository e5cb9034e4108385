// A program as people read it: by day, then by start time. The phone's session choices and the
// organizer's program page group it the same way.
import type { ProgramSession } from '../src/domain/events.ts';

/** Sessions by day ("2026-10-14"), then by start time ("10:30"), in the order given. */
export function groupProgram<S extends Pick<ProgramSession, 'startsAt'>>(sessions: readonly S[]): Map<string, Map<string, S[]>> {
  const days = new Map<string, Map<string, S[]>>();
  for (const s of sessions) {
    const day = s.startsAt.slice(0, 10);
    const slots = days.get(day) ?? new Map<string, S[]>();
    const slot = s.startsAt.slice(11, 16);
    slots.set(slot, [...(slots.get(slot) ?? []), s]);
    days.set(day, slots);
  }
  return days;
}
