// A program import retires a session that people planned to attend instead of deleting it:
// the join form no longer offers it, the people who chose it still see it.
import { describe, expect, it } from 'vitest';
import { applyProgramImport, parseProgram, planProgramImport } from '../../src/domain/program-import/index.ts';
import { loadEventCatalog, type Event } from '../../src/domain/events.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { createTestApp, get, type TestApp } from '../helpers/test-app.ts';

const program = (...rows: string[]) => ['ID,Title,Date,Start,End,Room', ...rows].join('\n');
const linkedData = 'S1,Linked Data 101,10/14/2026,10:00 AM,11:00 AM,Room A';
const weeding = 'S3,Weeding Without Tears,10/15/2026,9:00 AM,10:00 AM,Room A';

function importProgram(t: TestApp, event: Event, csv: string) {
  const parsed = parseProgram(csv, { timeZone: event.timezone });
  if (!parsed.ok) throw new Error(parsed.message);
  const planned = planProgramImport(t.db, event.id, parsed.sessions);
  if (!planned.ok) throw new Error(planned.message);
  const applied = applyProgramImport(t.db, event.id, planned.plan, { organizerId: null, now: t.clock.now() });
  if (!applied.ok) throw new Error(applied.message);
  return applied;
}

function setUp() {
  const t = createTestApp();
  const { event } = makeEvent(t.db, { sessions: [] });
  importProgram(t, event, program(linkedData, weeding));
  const weedingId = loadEventCatalog(t.db, event.id).sessions[1]!.id;
  return { t, event, weedingId };
}

describe('a session retired by a program import', () => {
  it('is no longer offered on the join form', async () => {
    const { t, event, weedingId: sessionId } = setUp();
    makeParticipant(t.db, event, { sessions: [sessionId] });
    expect(importProgram(t, event, program(linkedData))).toMatchObject({ retired: 1 });
    const html = await (await get(t.app, `/e/${event.slug}/join`)).text();
    expect(html).toContain('Linked Data 101');
    expect(html).not.toContain('Weeding Without Tears');
  });

  it('still shows on the personal page and in the edit form of someone who chose it', async () => {
    const { t, event, weedingId: sessionId } = setUp();
    const chose = makeParticipant(t.db, event, { sessions: [sessionId] });
    const other = makeParticipant(t.db, event);
    importProgram(t, event, program(linkedData));
    expect(await (await get(t.app, `/e/${event.slug}/me/${chose.token}`)).text()).toContain('Weeding Without Tears');
    const form = await (await get(t.app, `/e/${event.slug}/me/${chose.token}/edit`)).text();
    expect(form).toMatch(new RegExp(`value="${sessionId}" checked`));
    expect(await (await get(t.app, `/e/${event.slug}/me/${other.token}/edit`)).text()).not.toContain('Weeding Without Tears');
  });
});
