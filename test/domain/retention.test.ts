import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, events, feedbackResponses, mailOutbox, mailRecipients, participants } from '../../db/schema.ts';
import { saveFeedback } from '../../src/domain/feedback.ts';
import { computeProgramReport } from '../../src/domain/program-report.ts';
import { loadProgramReportInput } from '../../src/domain/program-report-input.ts';
import { listDuePurges, personalDataEraseAt, personalDataEraseDay, purgeEvent, runDuePurges } from '../../src/domain/retention.ts';
import { startRetentionJob } from '../../src/retention-job.ts';
import { eventEnd, pairedEvent } from '../helpers/after-event.ts';
import { makeEvent, makeMail, makeParticipant, reloadParticipant } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const DAY = 24 * 3_600_000;

function figures(t: TestApp, eventId: number) {
  const { nextYear: _n, comments: _c, ...rest } = computeProgramReport(loadProgramReportInput(t.db, eventId));
  return rest;
}

describe('personalDataEraseDay', () => {
  it('counts the retention period from the day after the last day, in the event zone', () => {
    const event = { endsOn: '2026-10-15', timezone: 'America/New_York', retentionDays: 90 };
    expect(personalDataEraseDay(event)).toBe('2027-01-14');
    expect(personalDataEraseAt(event)).toEqual(new Date('2027-01-14T05:00:00Z'));
    expect(personalDataEraseDay({ ...event, retentionDays: 0 })).toBe('2026-10-16');
  });
});

describe('runDuePurges', () => {
  it('erases only the events past their retention period, keeping the report figures', () => {
    const t = createTestApp();
    // the factory event ends October 15, 2026; 90 days by default
    const { event: past, ft, v } = pairedEvent(t, { met: true });
    t.clock.set(eventEnd);
    saveFeedback(t.db, past, ft, { met: 'once', rating: 5, again: 'yes', comment: 'Thank you Bartholomew', mayContact: true }, t.clock.now());
    makeMail(t.db, { eventId: past.id, to: ft.email!, participantId: ft.id });
    const { event: longer } = makeEvent(t.db, { endsOn: '2026-10-15' });
    t.db.update(events).set({ retentionDays: 365 }).where(eq(events.id, longer.id)).run();
    const kept = makeParticipant(t.db, longer, { name: 'Kept Person', email: 'kept@example.org' });
    const before = figures(t, past.id);

    const dayBefore = new Date(new Date('2027-01-14T05:00:00Z').getTime() - 1);
    expect(runDuePurges(t.db, dayBefore)).toEqual([]);
    expect(reloadParticipant(t.db, ft.id)!.name).toBe('Octavia Reyes');

    const onTheDay = new Date('2027-01-14T05:00:00Z');
    expect(listDuePurges(t.db, onTheDay).map((d) => ({ slug: d.event.slug, people: d.people, day: d.day }))).toEqual([
      { slug: past.slug, people: 2, day: '2027-01-14' },
    ]);
    const done = runDuePurges(t.db, onTheDay);
    expect(done.map((d) => [d.event.slug, d.erased])).toEqual([[past.slug, 2]]);

    for (const id of [ft.id, v.id]) expect(reloadParticipant(t.db, id)).toMatchObject({ name: 'Erased participant', email: null, erasedAt: onTheDay });
    expect(reloadParticipant(t.db, kept.id)).toMatchObject({ name: 'Kept Person', email: 'kept@example.org', erasedAt: null });
    expect(figures(t, past.id)).toEqual(before);
    expect(t.db.select().from(feedbackResponses).where(eq(feedbackResponses.eventId, past.id)).get()).toMatchObject({ rating: 5, comment: '' });
    expect(t.db.select().from(mailOutbox).where(eq(mailOutbox.eventId, past.id)).all()).toEqual([]);
    expect(t.db.select().from(mailRecipients).where(eq(mailRecipients.eventId, past.id)).all()).toEqual([]);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.eventId, past.id)).all();
    expect(JSON.stringify(audit)).not.toMatch(/Octavia|Bartholomew/);
    expect(audit.at(-1)).toMatchObject({ action: 'retention-purge', organizerId: null });
    expect(t.db.select().from(events).where(eq(events.id, past.id)).get()!.personalDataErasedAt).toEqual(onTheDay);

    // done once: the next pass has nothing to do
    expect(runDuePurges(t.db, new Date(onTheDay.getTime() + DAY))).toEqual([]);
  });

  it('erases someone who registered after the purge on the next pass', () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const at = new Date('2027-01-15T12:00:00Z');
    purgeEvent(t.db, event, at);
    const late = makeParticipant(t.db, event, { name: 'Late Comer' });
    expect(runDuePurges(t.db, new Date(at.getTime() + DAY)).map((d) => d.erased)).toEqual([1]);
    expect(reloadParticipant(t.db, late.id)!.erasedAt).not.toBeNull();
    expect(t.db.select().from(events).where(eq(events.id, event.id)).get()!.personalDataErasedAt).toEqual(at);
  });
});

describe('startRetentionJob', () => {
  it('purges a due event at start, and leaves the others', async () => {
    const t = createTestApp();
    const { event: past } = makeEvent(t.db, { startsOn: '2025-05-01', endsOn: '2025-05-02' });
    const { event: upcoming } = makeEvent(t.db);
    const a = makeParticipant(t.db, past, { name: 'Old Timer' });
    const b = makeParticipant(t.db, upcoming, { name: 'New Comer' });
    const stop = startRetentionJob({ db: t.db, now: () => new Date('2026-10-01T12:00:00Z'), intervalMs: 60_000 });
    stop();
    expect(reloadParticipant(t.db, a.id)!.erasedAt).not.toBeNull();
    expect(reloadParticipant(t.db, b.id)!.erasedAt).toBeNull();
    expect(t.db.select().from(participants).where(eq(participants.eventId, past.id)).all()).toHaveLength(1);
  });
});
