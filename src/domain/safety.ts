// The safety button and what follows it. A participant who does not feel comfortable with their
// pairing ends it at once: the pair is forbidden for good (the matcher never proposes it again),
// the other person only learns that the meetup is off — a first-timer left alone is rematched, a
// volunteer simply has room again — and the organizers get an alert on the dashboard, with the
// reporter's optional note, until one of them acknowledges it. The event's code of conduct and
// safety contact, shown beside the button, are set by organizers and validated here.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { events, forbiddenPairs, pairs, participants, safetyReports, type SafetySettings } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import { auditName, writeAudit } from './audit.ts';
import { defaultEventSettings, type Event } from './events.ts';
import { mergeEventSettings } from './feedback.ts';
import { endPair, findPair, immediate, isLive, refuse, rematchInTx, releaseVolunteer, type PairResult, type Rematched } from './live-pairs.ts';
import { isHere, peopleById, type Participant } from './participants.ts';

export type { SafetySettings };
export type SafetyField = keyof SafetySettings;

/** Longest text each setting takes; a refused form echoes back no more than this. */
export const safetyFieldLimits: Record<SafetyField, number> = {
  codeOfConductUrl: 500,
  contactText: 200,
  contactEmail: 254,
  contactPhone: 30,
};

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

const webAddress = (v: string) => {
  try {
    const url = new URL(v);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
};

export const safetySettingsSchema = z.object({
  codeOfConductUrl: z.preprocess(
    trimmed,
    z
      .string()
      .max(safetyFieldLimits.codeOfConductUrl, `Keep the address to ${safetyFieldLimits.codeOfConductUrl} characters`)
      .refine((v) => v === '' || webAddress(v), 'Enter the full web address, starting with https://, e.g. https://example.org/conduct'),
  ),
  contactText: z.preprocess(
    trimmed,
    z
      .string()
      .max(safetyFieldLimits.contactText, `Keep this to ${safetyFieldLimits.contactText} characters`)
      .refine((v) => !/[\p{Cc}]/u.test(v), 'Use plain text on one line'),
  ),
  contactEmail: z.preprocess(
    trimmed,
    z
      .string()
      .max(safetyFieldLimits.contactEmail, 'That e-mail address is too long')
      .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter an e-mail address like safety@example.org, or leave it empty'),
  ),
  contactPhone: z.preprocess(
    trimmed,
    z
      .string()
      .refine(
        (v) => v === '' || (/^\+?[0-9 ().\-/]{3,30}$/.test(v) && (v.match(/[0-9]/g) ?? []).length >= 3),
        'Enter a phone number with digits, spaces, +, - or brackets, e.g. +1 502 555 0199',
      ),
  ),
});

/** The event's code of conduct and contact, with the defaults for an event that never set them. */
export const safetySettingsOf = (event: Pick<Event, 'settings'>): SafetySettings => defaultEventSettings(event.settings).safety;

const settingWords: Record<SafetyField, string> = {
  codeOfConductUrl: 'code of conduct',
  contactText: 'safety contact',
  contactEmail: 'safety e-mail',
  contactPhone: 'safety phone',
};

export function updateSafetySettings(
  db: Db,
  args: { eventId: number; organizerId: number; safety: SafetySettings; now: Date },
): { ok: true; changed: string[] } | { ok: false; reason: 'not-found' } {
  return db.transaction((tx) => {
    const event = tx.select().from(events).where(eq(events.id, args.eventId)).get();
    if (!event) return { ok: false as const, reason: 'not-found' as const };
    const settings = defaultEventSettings(event.settings);
    const changed = (Object.keys(settingWords) as SafetyField[]).filter((f) => settings.safety[f] !== args.safety[f]);
    if (changed.length === 0) return { ok: true as const, changed: [] };
    mergeEventSettings(tx, event.id, { safety: { ...args.safety } });
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'safety-settings',
      detail: changed.map((f) => `${settingWords[f]}: ${settings.safety[f] || '—'} → ${args.safety[f] || '—'}`).join('; '),
      at: args.now,
    });
    return { ok: true as const, changed: changed.map((f) => settingWords[f]) };
  }, immediate);
}

export const safetyNoteLimit = 1000;

/** What the person may add when they press the button: a note for the organizers, and whether they want another buddy now. */
export const safetyReportSchema = z.object({
  note: z.preprocess(
    trimmed,
    z.string().max(safetyNoteLimit, `Keep the note to ${safetyNoteLimit} characters — the organizers can talk with you for the rest`),
  ),
  rematch: z.preprocess((v) => (Array.isArray(v) ? v[0] : v) === 'yes', z.boolean()),
});
export type SafetyReportInput = z.infer<typeof safetyReportSchema>;

/**
 * Ends the pairing at once and quietly, forbids it for good and raises the organizers' alert. A
 * first-timer left without their volunteer is rematched; a volunteer whose first-timer pressed it
 * has room again. A first-timer who pressed it is rematched at once when they asked.
 */
export function reportUncomfortablePairing(
  db: Db,
  event: Event,
  me: Participant,
  pairId: number,
  input: SafetyReportInput & { now: Date },
): PairResult<{ reportId: number; rematch: Rematched | null }> {
  return db.transaction((tx) => {
    const pair = findPair(tx, event.id, pairId);
    if (!pair || (pair.firstTimerId !== me.id && pair.volunteerId !== me.id)) return refuse('not-found');
    // a planned pair (pre-event round) ends the same way: the other only reads that the plan is off
    const planned = pair.status === 'planned';
    if (!isLive(pair) && !planned) return refuse('not-live');
    const { now } = input;
    const people = peopleById(tx, [pair.firstTimerId, pair.volunteerId]);
    const firstTimer = people.get(pair.firstTimerId)!;
    const volunteer = people.get(pair.volunteerId)!;
    const reporterIsFirstTimer = me.id === firstTimer.id;
    const other = reporterIsFirstTimer ? volunteer : firstTimer;

    endPair(tx, pair, { status: 'cancelled', now });
    tx.insert(forbiddenPairs)
      .values({ eventId: event.id, firstTimerId: firstTimer.id, volunteerId: volunteer.id, createdAt: now })
      .onConflictDoNothing()
      .run();
    releaseVolunteer(tx, volunteer.id, now);
    const changed = new Set([firstTimer.id, volunteer.id]);
    let rematch: Rematched | null = null;
    let outcome: string;
    // a first-timer not checked in yet is paired by the day's rounds once they are here
    const canRematchNow = !planned || isHere(firstTimer);
    if (!canRematchNow) {
      outcome = `${auditName(firstTimer)} is not here yet: the day's rounds pair them once they check in`;
    } else if (!reporterIsFirstTimer || input.rematch) {
      // the first-timer is the one left without a buddy, or asked for another one now
      rematch = rematchInTx(tx, event, firstTimer.id, { excludeVolunteerIds: [volunteer.id], now });
      if (rematch) changed.add(rematch.volunteer.id);
      outcome = rematch
        ? `${auditName(firstTimer)} rematched with ${auditName(rematch.volunteer)}`
        : `${auditName(firstTimer)} waits for the next round: no volunteer free`;
    } else {
      // they did not ask for someone new now; a later round may pair them, as anyone checked in
      tx.update(participants)
        .set({ status: 'present', updatedAt: now })
        .where(and(eq(participants.id, firstTimer.id), eq(participants.status, 'matched')))
        .run();
      outcome = `${auditName(firstTimer)} did not ask for a new buddy now`;
    }
    const report = tx
      .insert(safetyReports)
      .values({
        eventId: event.id,
        pairId: pair.id,
        reporterId: me.id,
        otherId: other.id,
        note: input.note,
        rematchAsked: reporterIsFirstTimer && input.rematch,
        createdAt: now,
      })
      .returning({ id: safetyReports.id })
      .get();
    // the note stays in the alert, not in the log every organizer scrolls through
    writeAudit(tx, {
      eventId: event.id,
      organizerId: null,
      action: 'safety-report',
      detail: `${auditName(me)} pressed the safety button: their ${planned ? 'planned pair' : 'pair'} with ${auditName(other)} ended and is forbidden from now on; ${outcome}`,
      at: now,
    });
    return { ok: true, participantIds: [...changed], board: !planned || rematch !== null, reportId: report.id, rematch };
  }, immediate);
}

/** One unacknowledged safety report, as the dashboard's alert shows it. */
export type SafetyAlert = {
  id: number;
  createdAt: Date;
  note: string;
  rematchAsked: boolean;
  /** a planned pair (pre-event round): the other was told the plan is off */
  planned: boolean;
  reporter: { id: number; name: string; role: Participant['role'] };
  /** null once that person's data was erased */
  other: { id: number; name: string; role: Participant['role'] } | null;
};

export function listOpenSafetyReports(db: Db, eventId: number): SafetyAlert[] {
  const rows = db
    .select()
    .from(safetyReports)
    .where(and(eq(safetyReports.eventId, eventId), isNull(safetyReports.acknowledgedAt)))
    .orderBy(asc(safetyReports.createdAt), asc(safetyReports.id))
    .all();
  const people = peopleById(db, rows.flatMap((r) => (r.otherId === null ? [r.reporterId] : [r.reporterId, r.otherId])));
  // a planned pair never had a meetup time
  const planned = new Set(
    rows.every((r) => r.pairId === null)
      ? []
      : db
          .select({ id: pairs.id })
          .from(pairs)
          .where(and(inArray(pairs.id, rows.flatMap((r) => (r.pairId === null ? [] : [r.pairId]))), isNull(pairs.meetAt)))
          .all()
          .map((p) => p.id),
  );
  const who = (id: number | null) => {
    const p = id === null ? undefined : people.get(id);
    return p ? { id: p.id, name: p.name, role: p.role } : null;
  };
  return rows.flatMap((r) => {
    const reporter = who(r.reporterId);
    return reporter
      ? [{ id: r.id, createdAt: r.createdAt, note: r.note, rematchAsked: r.rematchAsked, planned: r.pairId !== null && planned.has(r.pairId), reporter, other: who(r.otherId) }]
      : [];
  });
}

export function acknowledgeSafetyReport(
  db: Db,
  event: Event,
  args: { reportId: number; organizerId: number; now: Date },
): { ok: true } | { ok: false; reason: 'not-found' | 'already-acknowledged' } {
  return db.transaction((tx) => {
    const report = tx
      .select()
      .from(safetyReports)
      .where(and(eq(safetyReports.id, args.reportId), eq(safetyReports.eventId, event.id)))
      .get();
    if (!report) return { ok: false as const, reason: 'not-found' as const };
    if (report.acknowledgedAt) return { ok: false as const, reason: 'already-acknowledged' as const };
    tx.update(safetyReports)
      .set({ acknowledgedAt: args.now, acknowledgedBy: args.organizerId })
      .where(eq(safetyReports.id, report.id))
      .run();
    const people = peopleById(tx, report.otherId === null ? [report.reporterId] : [report.reporterId, report.otherId]);
    const name = (id: number | null) => {
      const p = id === null ? undefined : people.get(id);
      return p ? auditName(p) : 'someone whose data was erased';
    };
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'safety-acknowledged',
      detail: `acknowledged the safety report of ${name(report.reporterId)} about ${name(report.otherId)}`,
      at: args.now,
    });
    return { ok: true as const };
  }, immediate);
}
