// Applies a previewed import in one transaction, after checking that the plan is still what the
// import would do now (someone may have planned a session, or another organizer imported).
import { eq, inArray } from 'drizzle-orm';
import { programSessions } from '../../../db/schema.ts';
import type { Db } from '../../db.ts';
import { writeAudit } from '../audit.ts';
import { planProgramImport, type ProgramImportPlan } from './plan.ts';

export type ApplyResult =
  | { ok: true; added: number; changed: number; deleted: number; retired: number }
  /** stale: the program or people's plans changed since the preview; show the new plan instead */
  | { ok: false; reason: 'no-event' | 'invalid' | 'stale'; message: string; plan?: ProgramImportPlan };

const comparable = (p: ProgramImportPlan) => JSON.stringify([p.added, p.changed, p.removed]);

const chunk = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describeImport(plan: ProgramImportPlan): string {
  const retired = plan.removed.filter((r) => r.outcome === 'retire');
  const deleted = plan.removed.length - retired.length;
  const parts = [`${plan.added.length} added`, `${plan.changed.length} changed`, `${deleted} deleted`];
  if (retired.length > 0) {
    const names = retired.slice(0, 5).map((r) => `'${r.title}' (${plural(r.plannedBy, 'person', 'people')})`);
    const more = retired.length > 5 ? ` and ${retired.length - 5} more` : '';
    parts.push(`${retired.length} kept for the people who planned them but no longer offered: ${names.join(', ')}${more}`);
  }
  return `Program import: ${parts.join('; ')}.`;
}

/** Applies the plan in one transaction with an audit row; nothing is written when it is stale or invalid. */
export function applyProgramImport(
  db: Db,
  eventId: number,
  plan: ProgramImportPlan,
  opts: { organizerId: number | null; now: Date },
): ApplyResult {
  return db.transaction(
    (tx) => {
      const fresh = planProgramImport(tx, eventId, plan.sessions);
      if (!fresh.ok) return fresh;
      const current = fresh.plan;
      if (plan.eventId !== eventId || comparable(current) !== comparable(plan)) {
        return {
          ok: false,
          reason: 'stale',
          message: 'The program or people’s plans changed since this preview. Check the new preview and apply it again.',
          plan: current,
        } as const;
      }
      const toDelete = current.removed.filter((r) => r.outcome === 'delete').map((r) => r.sessionId);
      const toRetire = current.removed.filter((r) => r.outcome === 'retire').map((r) => r.sessionId);
      for (const ids of chunk(toDelete, 500)) tx.delete(programSessions).where(inArray(programSessions.id, ids)).run();
      for (const ids of chunk(toRetire, 500)) {
        tx.update(programSessions).set({ retiredAt: opts.now }).where(inArray(programSessions.id, ids)).run();
      }
      for (const c of current.changed) {
        const { title, startsAt, endsAt, room, track, description } = c.next;
        const linked = c.changes.find((x) => x.field === 'sourceId');
        tx.update(programSessions)
          .set({ title, startsAt, endsAt, room, track, description, retiredAt: null, ...(linked ? { sourceId: linked.to } : {}) })
          .where(eq(programSessions.id, c.sessionId))
          .run();
      }
      for (const rows of chunk(current.added, 500)) {
        tx.insert(programSessions)
          .values(
            rows.map((s) => ({
              eventId,
              code: s.code,
              sourceId: s.sourceId ?? null,
              title: s.title,
              startsAt: s.startsAt,
              endsAt: s.endsAt,
              room: s.room,
              track: s.track,
              description: s.description,
            })),
          )
          .run();
      }
      writeAudit(tx, { eventId, organizerId: opts.organizerId, action: 'program-import', detail: describeImport(current), at: opts.now });
      return {
        ok: true,
        added: current.added.length,
        changed: current.changed.length,
        deleted: toDelete.length,
        retired: toRetire.length,
      } as const;
    },
    { behavior: 'immediate' },
  );
}
