// A program kept in a spreadsheet: the column-mapping step, a corrected guess, and files that must
// import nothing — empty, in no format we read, too large, or with one bad row.
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, events, programSessions } from '../../../db/schema.ts';
import { applyPreview, hiddenFields, hiddenValue, uploadFile } from '../../helpers/import-steps.ts';
import { makeEvent } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, postForm, postUpload, type TestApp } from '../../helpers/test-app.ts';

function setUp() {
  const t = createTestApp();
  const { cookie } = signedInOrganizer(t);
  // makeEvent's zone is America/New_York, its days October 14 and 15, 2026
  const { event } = makeEvent(t.db, { sessions: [] });
  return { t, cookie, event, base: `/admin/e/${event.slug}/program` };
}

const rowsOf = (t: TestApp, eventId: number) =>
  t.db.select().from(programSessions).where(eq(programSessions.eventId, eventId)).orderBy(asc(programSessions.startsAt), asc(programSessions.id)).all();

// a committee's sheet as Excel saves it: byte-order mark, CRLF, US dates, 12-hour times, a quoted comma
const sheet = [
  '\uFEFFSession,Day,Time,Ends,Where,Type,Topic',
  '"Welcome, First-Timers!",10/14/2026,9:00 AM,9:45 AM,Ballroom A,Social,Community',
  'Linked Data 101,10/14/2026,10:30 AM,11:15 AM,Room 101,Workshop,Cataloging',
  'Teen Book Clubs That Work,10/15/2026,1:00 PM,1:50 PM,Room 102,Panel,Youth services',
].join('\r\n');

/** The mapping step's form as the page sent it, with the organizer's corrections. */
function mappingForm(html: string, corrections: Record<string, string> = {}) {
  const fields: Record<string, string> = { ...hiddenFields(html, 'mapping') };
  for (const m of html.matchAll(/<select id="(?:column-[a-zA-Z]+|date-order)" name="([^"]+)">([\s\S]*?)<\/select>/g)) {
    fields[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
  }
  return { ...fields, ...corrections };
}

describe('POST /admin/e/:slug/program/import with a CSV', () => {
  it('shows the mapping step: a select per field with the guessed column chosen, and the first rows', async () => {
    const { t, cookie, base, event } = setUp();
    const res = await uploadFile(t, cookie, `${base}/import`, 'program.csv', sheet);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Which column is which?</h1>');
    expect(html).toContain('<strong>program.csv</strong>: 3 rows.');
    expect(html).toMatch(/<select id="column-title" name="column.title">[\s\S]*?<option value="0" selected="">Column 1: Session<\/option>/);
    expect(html).toMatch(/<select id="column-track" name="column.track">[\s\S]*?<option value="5" selected="">Column 6: Type<\/option>/);
    expect(html).toContain('<td class="num">2</td><td>Welcome, First-Timers!</td><td>10/14/2026</td>');
    expect(hiddenValue(html, 'csv')).toContain('Linked Data 101,10/14/2026,10:30 AM');
    expect(rowsOf(t, event.id)).toEqual([]);
  });

  it('imports with a corrected column: the track comes from the column the organizer chose', async () => {
    const { t, cookie, base, event } = setUp();
    const mapping = await (await uploadFile(t, cookie, `${base}/import`, 'program.csv', sheet)).text();
    const res = await postForm(t.app, `${base}/import/mapping`, mappingForm(mapping, { 'column.track': '6' }), { cookie });
    expect(res.status).toBe(200);
    const preview = await res.text();
    expect(preview).toContain('<strong>3</strong> to add');
    expect(preview).toContain('<td>Wednesday, October 14, 10:30 AM – 11:15 AM</td><td>Linked Data 101</td><td>Room 101</td><td>Cataloging</td>');
    await applyPreview(t, cookie, preview, `${base}/import/apply`);
    expect(rowsOf(t, event.id).map((r) => [r.title, r.startsAt, r.endsAt, r.room, r.track])).toEqual([
      ['Welcome, First-Timers!', '2026-10-14T09:00', '2026-10-14T09:45', 'Ballroom A', 'Community'],
      ['Linked Data 101', '2026-10-14T10:30', '2026-10-14T11:15', 'Room 101', 'Cataloging'],
      ['Teen Book Clubs That Work', '2026-10-15T13:00', '2026-10-15T13:50', 'Room 102', 'Youth services'],
    ]);
  });

  it('reads day-first dates when the organizer says so', async () => {
    const { t, cookie, base, event } = setUp();
    const csv = 'Title,Date,Start,Minutes\nOpening,03/10/2026,09:00,30\n';
    const mapping = await (await uploadFile(t, cookie, `${base}/import`, 'p.csv', csv)).text();
    const preview = await (await postForm(t.app, `${base}/import/mapping`, mappingForm(mapping, { dateOrder: 'dmy' }), { cookie })).text();
    await applyPreview(t, cookie, preview, `${base}/import/apply`);
    expect(rowsOf(t, event.id).map((r) => r.startsAt)).toEqual(['2026-10-03T09:00']);
  });

  it('imports nothing from a sheet with one bad date, and names its line and the cell', async () => {
    const { t, cookie, base, event } = setUp();
    const bad = sheet.replace('10/15/2026,1:00 PM', '10/35/2026,1:00 PM');
    const mapping = await (await uploadFile(t, cookie, `${base}/import`, 'program.csv', bad)).text();
    const res = await postForm(t.app, `${base}/import/mapping`, mappingForm(mapping), { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Nothing was imported.');
    expect(html).toContain("line 4 (&#39;Teen Book Clubs That Work&#39;): date &#39;10/35/2026&#39; is not a real date (read as month/day/year)");
    // the mapping step again, with the columns as they were chosen
    expect(html).toMatch(/<option value="0" selected="">Column 1: Session<\/option>/);
    expect(rowsOf(t, event.id)).toEqual([]);
  });

  it('says which column is missing when the title is set to none', async () => {
    const { t, cookie, base, event } = setUp();
    const mapping = await (await uploadFile(t, cookie, `${base}/import`, 'program.csv', sheet)).text();
    const res = await postForm(t.app, `${base}/import/mapping`, mappingForm(mapping, { 'column.title': '' }), { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Choose the column with the session titles.');
    expect(rowsOf(t, event.id)).toEqual([]);
  });

  it('refuses one column chosen for two fields', async () => {
    const { t, cookie, base } = setUp();
    const mapping = await (await uploadFile(t, cookie, `${base}/import`, 'program.csv', sheet)).text();
    const res = await postForm(t.app, `${base}/import/mapping`, mappingForm(mapping, { 'column.room': '0' }), { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Column &#39;Session&#39; is chosen for title and room; choose it for one only.');
  });
});

describe('POST /admin/e/:slug/program/import with a bad file', () => {
  const refusals: [string, string, Uint8Array | string, string][] = [
    ['an empty file', 'program.csv', '', 'The file is empty.'],
    ['a picture', 'photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'This is not a text file.'],
    ['a web page', 'schedule.json', '<!DOCTYPE html><html><body>Sign in</body></html>', 'This is a web page, not a schedule.'],
    ['an Excel workbook', 'program.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'Save the sheet as CSV (UTF-8) and upload that.'],
    ['JSON that is no schedule', 'schedule.json', '{"talks": []}', 'This JSON is not a frab or pretalx schedule'],
    ['a schedule with an event whose duration is not HH:MM', 'schedule.json',
      JSON.stringify({ schedule: { conference: { days: [{ rooms: { Curie: [
        { guid: 'g-1', id: 1, title: 'Opening', date: '2026-10-14T10:00:00-04:00', duration: '00:30' },
        { guid: 'g-2', id: 2, title: 'Keynote', date: '2026-10-14T11:00:00-04:00', duration: 'an hour' },
      ] } }] } } }),
      "event 'Keynote' (guid g-2): duration 'an hour' is not HH:MM"],
  ];
  for (const [what, name, content, message] of refusals) {
    it(`re-renders the program page with 422 and imports nothing for ${what}`, async () => {
      const { t, cookie, base, event } = setUp();
      const res = await uploadFile(t, cookie, `${base}/import`, name, content);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('<div class="banner error" role="alert" id="import-error">Nothing was imported.');
      expect(html).toContain(message.replaceAll("'", '&#39;'));
      expect(rowsOf(t, event.id)).toEqual([]);
    });
  }

  it('asks for a file when none was chosen', async () => {
    const { t, cookie, base } = setUp();
    const res = await postUpload(t.app, `${base}/import`, { source: 'file' }, { name: '', content: '' }, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Nothing was imported. Choose a file to import.');
  });

  it('refuses a file over 8 MB with 413 before reading it', async () => {
    const { t, cookie, base, event } = setUp();
    const big = `Title,Start,Minutes\n${'A talk,2026-10-14 09:00,30\n'.repeat(350_000)}`;
    expect(big.length).toBeGreaterThan(8 * 1024 * 1024);
    const res = await uploadFile(t, cookie, `${base}/import`, 'big.csv', big);
    expect(res.status).toBe(413);
    expect(rowsOf(t, event.id)).toEqual([]);
  });
});

describe('an archived event', () => {
  it('refuses an upload, a mapping and an apply prepared before archiving with 409, and its program is as it was', async () => {
    const { t, cookie, event, base } = setUp();
    const mapping = await (await uploadFile(t, cookie, `${base}/import`, 'program.csv', sheet)).text();
    const preview = await (await postForm(t.app, `${base}/import/mapping`, mappingForm(mapping), { cookie })).text();
    t.db.update(events).set({ archivedAt: t.clock.now() }).where(eq(events.id, event.id)).run();

    const refusals = [
      await uploadFile(t, cookie, `${base}/import`, 'program.csv', sheet),
      await postForm(t.app, `${base}/import/mapping`, mappingForm(mapping), { cookie }),
      await postForm(t.app, `${base}/import/apply`, hiddenFields(preview, 'apply'), { cookie }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('An archived event is read-only, so nothing was changed.');
    }
    expect(rowsOf(t, event.id)).toEqual([]);
    expect(t.db.select().from(auditLog).where(eq(auditLog.eventId, event.id)).all()).toEqual([]);
  });
});
