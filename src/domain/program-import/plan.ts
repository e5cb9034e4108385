// What an import would change, worked out before anything is written, so the organizer sees it
// first: sessions added, changed (field by field) and removed — and which removed ones stay,
// retired, because someone planned to attend them.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { events } from '../../../db/schema.ts';
import type { Conn } from '../../db.ts';
import { listProgram, type ProgramEntry } from '../program.ts';
import { checkProgram, cleanSession } from './session-checks.ts';
import { ImportProblem, limits, type ImportedSession } from './types.ts';

export type SessionField = 'title' | 'startsAt' | 'endsAt' | 'room' | 'track' | 'description';
export type FieldChange =
  | { field: SessionField; from: string; to: string }
  /** a session typed in by hand (or from a source without ids) is now linked to the source's id */
  | { field: 'sourceId'; from: null; to: string }
  /** a retired session is in the program again */
  | { field: 'retired'; from: true; to: false };

export type PlannedAddition = ImportedSession & { code: string };
export type PlannedChange = {
  sessionId: number;
  code: string;
  /** the title as it is now, to name the session in the preview */
  title: string;
  changes: FieldChange[];
  next: ImportedSession;
};
export type PlannedRemoval = {
  sessionId: number;
  code: string;
  title: string;
  startsAt: string;
  room: string;
  /** how many people planned to attend it */
  plannedBy: number;
  /** nobody planned it: deleted; somebody did: kept for them, no longer offered */
  outcome: 'delete' | 'retire';
};

export type ProgramImportPlan = {
  eventId: number;
  /** what was imported, so applying can check the plan is still what it would do */
  sessions: ImportedSession[];
  added: PlannedAddition[];
  changed: PlannedChange[];
  removed: PlannedRemoval[];
  unchanged: number;
  /** things the organizer should see before applying, such as sessions outside the event's days */
  warnings: string[];
};

export type PlanResult = { ok: true; plan: ProgramImportPlan } | { ok: false; reason: 'no-event' | 'invalid'; message: string };

/** True when applying the plan would change nothing: importing the same file twice. */
export function isEmptyPlan(plan: ProgramImportPlan): boolean {
  return plan.added.length === 0 && plan.changed.length === 0 && plan.removed.length === 0;
}

const wall = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a time like 2026-10-14T10:30');
/** Sessions that came back from a form or a stored preview are checked again before they are planned. */
export const importedSessionSchema = z.object({
  sourceId: z.string().max(limits.sourceId).optional(),
  code: z.string().max(limits.code).optional(),
  title: z.string().max(limits.title),
  startsAt: wall,
  endsAt: wall,
  room: z.string().max(limits.room),
  track: z.string().max(limits.track),
  description: z.string().max(limits.description),
});
export const importedSessionsSchema = z.array(importedSessionSchema).max(limits.sessions);

type Existing = ProgramEntry;

const matchKey = (title: string, startsAt: string) => `${title.replace(/\s+/g, ' ').trim().toLowerCase()}\u0000${startsAt}`;

/**
 * Pairs each imported session with the one it updates: by the source's id or guid first, then
 * by title and start among sessions that have no id of their own (or when the import has none).
 */
function matchSessions(imported: ImportedSession[], existing: Existing[]): (Existing | undefined)[] {
  const bySource = new Map(existing.filter((s) => s.sourceId !== null).map((s) => [s.sourceId!, s]));
  const taken = new Set<number>();
  const matches: (Existing | undefined)[] = imported.map((s) => {
    const hit = s.sourceId === undefined ? undefined : bySource.get(s.sourceId);
    if (hit) taken.add(hit.id);
    return hit;
  });
  const byTitleStart = new Map<string, Existing[]>();
  for (const s of existing) {
    const key = matchKey(s.title, s.startsAt);
    byTitleStart.set(key, [...(byTitleStart.get(key) ?? []), s]);
  }
  imported.forEach((s, i) => {
    if (matches[i]) return;
    const hit = (byTitleStart.get(matchKey(s.title, s.startsAt)) ?? []).find(
      (e) => !taken.has(e.id) && (e.sourceId === null || s.sourceId === undefined),
    );
    if (hit) {
      taken.add(hit.id);
      matches[i] = hit;
    }
  });
  return matches;
}

const fields: SessionField[] = ['title', 'startsAt', 'endsAt', 'room', 'track', 'description'];

function changesOf(before: Existing, next: ImportedSession): FieldChange[] {
  const changes: FieldChange[] = fields
    .filter((f) => before[f] !== next[f])
    .map((field) => ({ field, from: before[field], to: next[field] }));
  if (next.sourceId !== undefined && before.sourceId === null) changes.push({ field: 'sourceId', from: null, to: next.sourceId });
  if (before.retiredAt !== null) changes.push({ field: 'retired', from: true, to: false });
  return changes;
}

/** Codes are unique per event: the source's own short id when it is free, else the next free "S<n>". */
function assignCodes(added: ImportedSession[], existing: Existing[]): PlannedAddition[] {
  const used = new Set(existing.map((s) => s.code));
  const codes: (string | undefined)[] = added.map((s) => {
    if (s.code === undefined || used.has(s.code)) return undefined;
    used.add(s.code);
    return s.code;
  });
  let n = existing.length;
  return added.map((s, i) => {
    let code = codes[i];
    while (code === undefined) {
      n += 1;
      if (!used.has(`S${n}`)) code = `S${n}`;
    }
    used.add(code);
    return { ...s, code };
  });
}

function outsideDays(sessions: ImportedSession[], startsOn: string, endsOn: string): string[] {
  const outside = sessions.filter((s) => s.startsAt.slice(0, 10) < startsOn || s.startsAt.slice(0, 10) > endsOn).length;
  if (outside === 0) return [];
  const which = outside === sessions.length ? `All ${outside} sessions start` : `${outside} of ${sessions.length} sessions start`;
  return [`${which} outside the event's days (${startsOn} to ${endsOn}). Check the event's dates and time zone.`];
}

/** The changes importing these sessions into the event would make; reads only. */
export function planProgramImport(conn: Conn, eventId: number, sessions: readonly ImportedSession[]): PlanResult {
  const event = conn.select().from(events).where(eq(events.id, eventId)).get();
  if (!event) return { ok: false, reason: 'no-event', message: 'There is no such event.' };
  const parsed = importedSessionsSchema.safeParse(sessions);
  if (!parsed.success) return { ok: false, reason: 'invalid', message: 'The sessions to import are not valid; read the file again.' };
  let imported: ImportedSession[];
  try {
    const wheres = parsed.data.map((s, i) => `session ${i + 1} ('${s.title}')`);
    imported = checkProgram(parsed.data.map((s, i) => cleanSession(s, wheres[i]!)), wheres);
  } catch (err) {
    if (err instanceof ImportProblem) return { ok: false, reason: 'invalid', message: err.message };
    throw err;
  }

  const existing = listProgram(conn, eventId);
  const matches = matchSessions(imported, existing);
  const changed: PlannedChange[] = [];
  const additions: ImportedSession[] = [];
  let unchanged = 0;
  imported.forEach((next, i) => {
    const before = matches[i];
    if (!before) return additions.push(next);
    const changes = changesOf(before, next);
    if (changes.length === 0) unchanged++;
    else changed.push({ sessionId: before.id, code: before.code, title: before.title, changes, next });
  });
  const matched = new Set(matches.filter((m) => m !== undefined).map((m) => m.id));
  const removed: PlannedRemoval[] = existing
    // a session retired by an earlier import stays retired: still shown to those who chose it
    .filter((s) => !matched.has(s.id) && s.retiredAt === null)
    .map((s) => ({
      sessionId: s.id,
      code: s.code,
      title: s.title,
      startsAt: s.startsAt,
      room: s.room,
      plannedBy: s.plannedBy,
      outcome: s.plannedBy > 0 ? 'retire' : 'delete',
    }));
  return {
    ok: true,
    plan: {
      eventId,
      sessions: imported,
      added: assignCodes(additions, existing),
      changed,
      removed,
      unchanged,
      warnings: outsideDays(imported, event.startsOn, event.endsOn),
    },
  };
}
