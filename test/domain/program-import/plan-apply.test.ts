import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, organizers, programSessions } from '../../../db/schema.ts';
import { loadEventCatalog, type NewEvent } from '../../../src/domain/events.ts';
import { loadProfiles } from '../../../src/domain/matching-input.ts';
import { loadProfile } from '../../../src/domain/participants.ts';
import { updateProfile } from '../../../src/domain/registration.ts';
import {
  applyProgramImport,
  isEmptyPlan,
  parseProgram,
  planProgramImport,
  type ImportedSession,
  type ProgramImportPlan,
  type ProgramInput,
} from '../../../src/domain/program-import/index.ts';
import type { RegistrationInput } from '../../../src/domain/registration-schema.ts';
import { makeEvent, makeParticipant } from '../../helpers/factories.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { sample, sampleText } from './samples.ts';

const now = new Date('2026-10-01T12:00:00Z');

function setUp(event: Partial<NewEvent> = {}) {
  const { db } = createTestApp({ now });
  const organizer = db.insert(organizers).values({ email: 'chair@example.org', name: 'Program Chair', passwordHash: 'x' }).returning().get();
  const made = makeEvent(db, { sessions: [], timezone: 'America/New_York', ...event });
  const parse = (input: ProgramInput) => {
    const r = parseProgram(input, { timeZone: made.event.timezone });
    if (!r.ok) throw new Error(`refused: ${r.message}`);
    return r.sessions;
  };
  const plan = (sessions: ImportedSession[]) => {
    const r = planProgramImport(db, made.event.id, sessions);
    if (!r.ok) throw new Error(`plan refused: ${r.message}`);
    return r.plan;
  };
  const apply = (p: ProgramImportPlan) => applyProgramImport(db, made.event.id, p, { organizerId: organizer.id, now });
  const importFile = (input: ProgramInput) => {
    const p = plan(parse(input));
    const result = apply(p);
    if (!result.ok) throw new Error(`apply refused: ${result.message}`);
    return p;
  };
  const rows = () =>
    db.select().from(programSessions).where(eq(programSessions.eventId, made.event.id)).orderBy(asc(programSessions.startsAt), asc(programSessions.id)).all();
  const row = (sourceId: string) => rows().find((r) => r.sourceId === sourceId)!;
  return { db, event: made.event, organizerId: organizer.id, parse, plan, apply, importFile, rows, row };
}

type Setup = ReturnType<typeof setUp>;

/** The camp schedule with edits, as the organizer would get it from frab a week later. */
function editedCamp(edit: (events: Record<string, unknown>[], rooms: Record<string, Record<string, unknown>[]>) => void): string {
  const doc = JSON.parse(sampleText('frab-camp2019.json'));
  const rooms = doc.schedule.conference.days[0].rooms as Record<string, Record<string, unknown>[]>;
  edit(rooms.Curie!, rooms);
  return JSON.stringify(doc);
}

const opening = 'a0a0fcfe-b7fb-46e3-84b6-97a5406016b4';
const card10 = 'c9edea6f-1da1-4772-a0a9-6dd4e33f11bb';

function planTo(t: Setup, sessionId: number) {
  const input: Partial<RegistrationInput> = { sessions: [sessionId] };
  return makeParticipant(t.db, t.event, input);
}

describe('importing a program into an event', () => {
  it('adds every session of the 31C3 schedule in the event zone, with the frab ids as codes', () => {
    const t = setUp();
    const plan = t.importFile(sample('frab-31c3.xml'));
    expect(plan.added).toHaveLength(138);
    expect(plan.warnings).toEqual(["All 138 sessions start outside the event's days (2026-10-14 to 2026-10-15). Check the event's dates and time zone."]);
    const rows = t.rows();
    expect(rows).toHaveLength(138);
    expect(t.row('29aecfd7-2e44-4f49-ab86-29b5e0877325')).toMatchObject({
      code: '6561',
      title: '31C3 Opening Event',
      startsAt: '2014-12-27T05:00',
      endsAt: '2014-12-27T05:30',
      room: 'Saal 1',
      track: 'CCC',
      retiredAt: null,
    });
  });

  it('changes nothing when the same file is imported again', () => {
    const t = setUp();
    t.importFile(sample('frab-camp2019.json'));
    const before = t.rows();
    const again = t.plan(t.parse(sample('frab-camp2019.json')));
    expect(isEmptyPlan(again)).toBe(true);
    expect(again.unchanged).toBe(79);
    expect(t.apply(again)).toEqual({ ok: true, added: 0, changed: 0, deleted: 0, retired: 0 });
    expect(t.rows()).toEqual(before);
  });

  it('changes nothing when the same CSV without ids is imported again (matched by title and start)', () => {
    const t = setUp();
    const csv = 'Session,Date,Start Time,End Time,Location\nLinked Data 101,10/14/2026,10:00 AM,11:00 AM,Room A\nWeeding,10/15/2026,9:00 AM,10:00 AM,Room B\n';
    t.importFile(csv);
    expect(isEmptyPlan(t.plan(t.parse(csv)))).toBe(true);
    expect(t.rows().map((r) => [r.code, r.title, r.sourceId])).toEqual([
      ['S1', 'Linked Data 101', null],
      ['S2', 'Weeding', null],
    ]);
  });

  it('shows what changed, what is new and what is gone, and applies exactly that', () => {
    const t = setUp();
    t.importFile(sample('frab-camp2019.json'));
    const edited = editedCamp((curie) => {
      curie[0]!.title = 'Opening Ceremony (with badges)';
      curie[0]!.duration = '00:45';
      curie.splice(1, 1); // card10 Badge is cancelled
      curie.push({ ...curie[0], guid: 'new-guid-1', id: 99999, title: 'Late addition', date: '2019-08-21T22:00:00+02:00' });
    });
    const plan = t.plan(t.parse(edited));
    expect(plan.changed).toEqual([
      {
        sessionId: t.row(opening).id,
        code: '10386',
        title: 'Opening Ceremony',
        changes: [
          { field: 'title', from: 'Opening Ceremony', to: 'Opening Ceremony (with badges)' },
          { field: 'endsAt', from: '2019-08-21T05:30', to: '2019-08-21T05:45' },
        ],
        next: expect.objectContaining({ sourceId: opening }),
      },
    ]);
    expect(plan.added).toEqual([expect.objectContaining({ code: '99999', title: 'Late addition', startsAt: '2019-08-21T16:00' })]);
    expect(plan.removed).toEqual([
      { sessionId: t.row(card10).id, code: '10365', title: 'card10 Badge', startsAt: '2019-08-21T06:00', room: 'Curie', plannedBy: 0, outcome: 'delete' },
    ]);
    expect(plan.unchanged).toBe(77);

    expect(t.apply(plan)).toEqual({ ok: true, added: 1, changed: 1, deleted: 1, retired: 0 });
    expect(t.rows()).toHaveLength(79);
    expect(t.row(opening)).toMatchObject({ title: 'Opening Ceremony (with badges)', endsAt: '2019-08-21T05:45', code: '10386' });
    expect(t.row(card10)).toBeUndefined();
    expect(isEmptyPlan(t.plan(t.parse(edited)))).toBe(true);
  });

  it('keeps a removed session that someone planned to attend, retired, and says so', () => {
    const t = setUp();
    t.importFile(sample('frab-camp2019.json'));
    const card10Id = t.row(card10).id;
    const ana = planTo(t, card10Id);
    planTo(t, card10Id);
    const plan = t.plan(t.parse(editedCamp((curie) => curie.splice(1, 1))));
    expect(plan.removed).toEqual([expect.objectContaining({ sessionId: card10Id, title: 'card10 Badge', plannedBy: 2, outcome: 'retire' })]);

    expect(t.apply(plan)).toMatchObject({ ok: true, deleted: 0, retired: 1 });
    expect(t.row(card10).retiredAt).toEqual(now);
    // not offered to new registrations, still shown to (and counted for) those who chose it
    expect(loadEventCatalog(t.db, t.event.id).sessions.map((s) => s.id)).not.toContain(card10Id);
    expect(loadEventCatalog(t.db, t.event.id, { keep: { sessionIds: [card10Id] } }).sessions.map((s) => s.id)).toContain(card10Id);
    expect(loadProfiles(t.db, [ana])[0]!.sessions).toEqual([String(card10Id)]);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'program-import')).all().at(-1)!;
    expect(audit.detail).toBe(
      "Program import: 0 added; 0 changed; 0 deleted; 1 kept for the people who planned them but no longer offered: 'card10 Badge' (2 people).",
    );
    // importing the same file again leaves the retired session as it is
    expect(isEmptyPlan(t.plan(t.parse(editedCamp((curie) => curie.splice(1, 1)))))).toBe(true);
  });

  it('puts a retired session back in the program when a later import has it again', () => {
    const t = setUp();
    t.importFile(sample('frab-camp2019.json'));
    planTo(t, t.row(card10).id);
    t.importFile(editedCamp((curie) => curie.splice(1, 1)));
    const back = t.plan(t.parse(sample('frab-camp2019.json')));
    expect(back.changed).toEqual([expect.objectContaining({ code: '10365', changes: [{ field: 'retired', from: true, to: false }] })]);
    t.apply(back);
    expect(t.row(card10).retiredAt).toBeNull();
  });

  it('refuses a new registration that picks a retired session, but lets its holder keep it when editing', () => {
    const t = setUp();
    t.importFile(sample('frab-camp2019.json'));
    const card10Id = t.row(card10).id;
    const holder = planTo(t, card10Id);
    t.importFile(editedCamp((curie) => curie.splice(1, 1)));
    expect(() => planTo(t, card10Id)).toThrow(/Choose sessions from the program/);
    const profile = loadProfile(t.db, holder);
    const kept = updateProfile(t.db, t.event, holder, { ...profile, email: null, interests: [], sessions: [card10Id], capacity: undefined }, now);
    expect(kept.ok).toBe(true);
  });

  it('links hand-typed sessions to the source ids by title and start, keeping their codes and people', () => {
    const t = setUp({
      sessions: [{ code: 'K1', title: 'Opening Ceremony', room: 'Curie', startsAt: '2019-08-21T05:00', endsAt: '2019-08-21T05:30' }],
    });
    const keeper = planTo(t, t.rows()[0]!.id);
    const plan = t.plan(t.parse(sample('frab-camp2019.json')));
    expect(plan.added).toHaveLength(78);
    expect(plan.changed).toEqual([
      expect.objectContaining({
        code: 'K1',
        changes: [
          { field: 'track', from: '', to: 'CCC' },
          { field: 'description', from: '', to: 'A hearty welcome me lasses and lads!' },
          { field: 'sourceId', from: null, to: opening },
        ],
      }),
    ]);
    t.apply(plan);
    expect(t.row(opening)).toMatchObject({ code: 'K1' });
    expect(loadProfile(t.db, keeper).sessionIds).toEqual([t.row(opening).id]);
  });

  it('gives a new session a free code when the source id is already taken', () => {
    const t = setUp({ sessions: [{ code: '10386', title: 'Hand typed', startsAt: '2026-10-14T09:00', endsAt: '2026-10-14T10:00' }] });
    const plan = t.plan(t.parse(sample('frab-camp2019.json')));
    const opened = plan.added.find((a) => a.sourceId === opening)!;
    expect(opened.code).toMatch(/^S\d+$/);
    expect(new Set(plan.added.map((a) => a.code)).size).toBe(79);
  });

  it('writes one audit row naming the organizer and the counts', () => {
    const t = setUp();
    t.importFile(sample('pretalx-democon.json'));
    const rows = t.db.select().from(auditLog).where(eq(auditLog.eventId, t.event.id)).all();
    expect(rows).toEqual([
      expect.objectContaining({ organizerId: t.organizerId, action: 'program-import', detail: 'Program import: 36 added; 0 changed; 0 deleted.', at: now }),
    ]);
  });

  it('refuses a plan that went stale (someone planned a session since the preview) and writes nothing', () => {
    const t = setUp();
    t.importFile(sample('frab-camp2019.json'));
    const plan = t.plan(t.parse(editedCamp((curie) => curie.splice(1, 1))));
    expect(plan.removed[0]!.outcome).toBe('delete');
    planTo(t, t.row(card10).id);
    const before = t.rows();
    const result = t.apply(plan);
    expect(result).toMatchObject({ ok: false, reason: 'stale', plan: { removed: [expect.objectContaining({ outcome: 'retire' })] } });
    expect(t.rows()).toEqual(before);
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'program-import')).all()).toHaveLength(1);
  });

  it('applies a plan that went through JSON, as a preview stored in a form would', () => {
    const t = setUp();
    const plan = JSON.parse(JSON.stringify(t.plan(t.parse(sample('frab-31c3.xml'))))) as ProgramImportPlan;
    expect(t.apply(plan)).toMatchObject({ ok: true, added: 138 });
  });

  it('refuses a tampered plan as stale rather than doing what it says', () => {
    const t = setUp();
    t.importFile(sample('frab-camp2019.json'));
    const plan = t.plan(t.parse(sample('frab-camp2019.json')));
    const forged = { ...plan, removed: [{ sessionId: t.row(opening).id, code: 'x', title: 'x', startsAt: '', room: '', plannedBy: 0, outcome: 'delete' as const }] };
    expect(t.apply(forged)).toMatchObject({ ok: false, reason: 'stale' });
    expect(t.rows()).toHaveLength(79);
  });

  it('refuses sessions that are not valid, and an unknown event', () => {
    const t = setUp();
    const bad = [{ title: 'x', startsAt: 'tomorrow', endsAt: '2026-10-14T10:00', room: '', track: '', description: '' }];
    expect(planProgramImport(t.db, t.event.id, bad)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(planProgramImport(t.db, 999_999, [])).toMatchObject({ ok: false, reason: 'no-event' });
    expect(planProgramImport(t.db, t.event.id, [])).toMatchObject({ ok: false, reason: 'invalid', message: 'The file has no sessions in it.' });
  });

  it('imports nothing from a CSV with one bad row', () => {
    const t = setUp();
    const csv = 'Title,Date,Start,End\nGood,10/14/2026,9:00,10:00\nBad,10/14/2026,9:00,nine-thirty\n';
    expect(parseProgram(csv, { timeZone: t.event.timezone })).toMatchObject({ ok: false, message: "line 3 ('Bad'): end 'nine-thirty' is not a time such as 10:30 AM or 15:00" });
    expect(t.rows()).toHaveLength(0);
  });
});
