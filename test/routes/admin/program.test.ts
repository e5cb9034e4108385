// The program page and the import of the real sample schedules through it: upload, preview, apply,
// and importing the same file again.
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, programSessions } from '../../../db/schema.ts';
import type { NewEvent } from '../../../src/domain/events.ts';
import { applyPreview, hiddenFields, uploadFile } from '../../helpers/import-steps.ts';
import { makeEvent, makeParticipant } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';
import { sample, sampleText } from '../../domain/program-import/samples.ts';

type SampleName = Parameters<typeof sample>[0];

function setUp(event: Partial<NewEvent> = {}) {
  const t = createTestApp();
  const { cookie, organizer } = signedInOrganizer(t);
  const { event: made } = makeEvent(t.db, { sessions: [], ...event });
  const base = `/admin/e/${made.slug}/program`;
  return { t, cookie, organizer, event: made, base };
}

const rowsOf = (t: TestApp, eventId: number) =>
  t.db.select().from(programSessions).where(eq(programSessions.eventId, eventId)).orderBy(asc(programSessions.startsAt), asc(programSessions.id)).all();

/** The source's instant on the wall clocks of a zone, worked out with Intl rather than our code. */
function wallIn(isoWithOffset: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(isoWithOffset));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Every session's start in the source file, as written there (with its offset), by id or guid. */
function sourceStarts(name: SampleName): Map<string, string> {
  if (name.endsWith('.xml')) {
    const text = sampleText(name);
    return new Map([...text.matchAll(/<event guid='([^']+)' id='[^']*'>[\s\S]*?<date>([^<]+)<\/date>/g)].map((m) => [m[1]!, m[2]!]));
  }
  const doc = JSON.parse(sampleText(name));
  const events = doc.schedule.conference.days.flatMap((d: { rooms: object }) => Object.values(d.rooms).flat()) as { guid: string; date: string }[];
  return new Map(events.map((e) => [e.guid, e.date]));
}

async function previewOf(s: ReturnType<typeof setUp>, name: SampleName) {
  const res = await uploadFile(s.t, s.cookie, `${s.base}/import`, name, sample(name));
  expect(res.status).toBe(200);
  return res.text();
}

describe('GET /admin/e/:slug/program', () => {
  it('sends a signed-out visitor to the login', async () => {
    const { t, base } = setUp();
    const res = await get(t.app, base);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toContain('/admin/login');
  });

  it('shows the program by day with times, rooms and who planned each, and both import forms', async () => {
    const { t, cookie, base, event } = setUp({
      sessions: [
        { code: 'S1', title: 'Linked Data 101', room: 'Room A', startsAt: '2026-10-14T10:00', endsAt: '2026-10-14T11:00' },
        { code: 'S3', title: 'Weeding Without Tears', room: 'Room A', startsAt: '2026-10-15T09:00', endsAt: '2026-10-15T10:00' },
      ],
    });
    const s1 = rowsOf(t, event.id)[0]!;
    makeParticipant(t.db, event, { sessions: [s1.id] });
    const html = await (await get(t.app, base, { cookie })).text();
    expect(html).toContain('<h3>Wednesday, October 14</h3>');
    expect(html).toContain('<h3>Thursday, October 15</h3>');
    expect(html).toMatch(/10:00 AM – 11:00 AM<\/td><td>Linked Data 101<\/td><td>Room A<\/td><td><\/td><td class="num">1<\/td>/);
    expect(html).toContain('Times in America/New_York');
    expect(html).toContain(`action="${base}/import" enctype="multipart/form-data"`);
    expect(html).toContain('<label for="program-file">Schedule file</label>');
    expect(html).toContain('<label for="program-url">Web address of the schedule</label>');
    expect(html).toContain('Let Buddydesk fetch this address from the server');
  });

  it('is linked from the dashboard among the pages that set the event up', async () => {
    const { t, cookie, event } = setUp();
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    const setUpRow = html.slice(html.indexOf('<nav class="setup-links"'), html.indexOf('</nav>', html.indexOf('<nav class="setup-links"')));
    expect(setUpRow).toContain(`href="/admin/e/${event.slug}/program"`);
    expect(setUpRow).toContain(`href="/admin/e/${event.slug}/preregistration"`);
  });
});

const samples: { name: SampleName; timezone: string; startsOn: string; endsOn: string; count: number; first: [string, string] }[] = [
  // Chicago is UTC-5 in August: the camp's 11:00+02:00 opening is at 04:00
  { name: 'frab-camp2019.json', timezone: 'America/Chicago', startsOn: '2019-08-21', endsOn: '2019-08-25', count: 79, first: ['Opening Ceremony', '2019-08-21T04:00'] },
  // Tokyo is UTC+9: 09:00+01:00 is 17:00
  { name: 'pretalx-democon.json', timezone: 'Asia/Tokyo', startsOn: '2020-12-14', endsOn: '2020-12-16', count: 36, first: ['Focused 5thgeneration hardware', '2020-12-14T17:00'] },
  // New York is UTC-5 in December: 11:00+01:00 is 05:00
  { name: 'frab-31c3.xml', timezone: 'America/New_York', startsOn: '2014-12-27', endsOn: '2014-12-30', count: 138, first: ['31C3 Opening Event', '2014-12-27T05:00'] },
];

describe('POST /admin/e/:slug/program/import with the sample schedules', () => {
  for (const s of samples) {
    it(`previews then imports ${s.name} with every session in the event's zone (${s.timezone})`, async () => {
      const setup = setUp({ timezone: s.timezone, startsOn: s.startsOn, endsOn: s.endsOn });
      const preview = await previewOf(setup, s.name);
      expect(preview).toContain('<h1>Check the changes</h1>');
      expect(preview).toContain(`<strong>${s.count}</strong> to add`);
      expect(preview).toContain(`Times in ${s.timezone}`);
      expect(preview).not.toContain('banner warn');
      // nothing is saved by the preview
      expect(rowsOf(setup.t, setup.event.id)).toEqual([]);

      const page = await applyPreview(setup.t, setup.cookie, preview, `${setup.base}/import/apply`);
      expect(page).toContain(`Imported ${s.name}: ${s.count} added, 0 changed, 0 deleted.`);
      const rows = rowsOf(setup.t, setup.event.id);
      expect(rows).toHaveLength(s.count);
      expect([rows[0]!.title, rows[0]!.startsAt]).toEqual(s.first);
      const starts = sourceStarts(s.name);
      expect(rows.map((r) => [r.sourceId, r.startsAt])).toEqual(rows.map((r) => [r.sourceId, wallIn(starts.get(r.sourceId!)!, s.timezone)]));
      const audit = setup.t.db.select().from(auditLog).where(eq(auditLog.eventId, setup.event.id)).all();
      expect(audit.map((a) => [a.action, a.organizerId])).toEqual([['program-import', setup.organizer.id]]);
    });
  }

  it('changes nothing when the same file is imported again: the preview says so and offers no Apply', async () => {
    const setup = setUp({ timezone: 'America/New_York', startsOn: '2014-12-27', endsOn: '2014-12-30' });
    await applyPreview(setup.t, setup.cookie, await previewOf(setup, 'frab-31c3.xml'), `${setup.base}/import/apply`);
    const before = rowsOf(setup.t, setup.event.id);

    const again = await previewOf(setup, 'frab-31c3.xml');
    expect(again).toContain('Nothing would change: the program already matches this file.');
    expect(again).toContain('<strong>138</strong> unchanged');
    expect(again).not.toContain('id="apply"');
    expect(rowsOf(setup.t, setup.event.id)).toEqual(before);
  });

  it('shows what changed in a re-import, keeps a removed session that someone planned, and applies it', async () => {
    const setup = setUp({ timezone: 'Europe/Berlin', startsOn: '2019-08-21', endsOn: '2019-08-25' });
    await applyPreview(setup.t, setup.cookie, await previewOf(setup, 'frab-camp2019.json'), `${setup.base}/import/apply`);
    const opening = rowsOf(setup.t, setup.event.id).find((r) => r.title === 'Opening Ceremony')!;
    makeParticipant(setup.t.db, setup.event, { sessions: [opening.id] });
    const doc = JSON.parse(sampleText('frab-camp2019.json'));
    const curie = doc.schedule.conference.days[0].rooms.Curie as { title: string; room: string }[];
    curie.splice(0, 1); // the opening is gone from the new file
    curie[0]!.room = 'Curie (moved)';
    const moved = curie[0]!.title.trim();

    const res = await uploadFile(setup.t, setup.cookie, `${setup.base}/import`, 'schedule.json', JSON.stringify(doc));
    const preview = await res.text();
    expect(preview).toContain('<strong>1</strong> to change');
    expect(preview).toContain(`<td>${moved}</td><td><ul class="changes"><li>Room: Curie → Curie (moved)</li></ul>`);
    expect(preview).toContain('Kept for the 1 person who planned it; no longer offered');

    const page = await applyPreview(setup.t, setup.cookie, preview, `${setup.base}/import/apply`);
    expect(page).toContain('Imported schedule.json: 0 added, 1 changed, 0 deleted, 1 session kept for the people who planned them.');
    const kept = rowsOf(setup.t, setup.event.id).find((r) => r.id === opening.id)!;
    expect(kept.retiredAt).not.toBeNull();
    expect(page).toContain('No longer offered; kept for those who planned it');
  });
});

describe('POST /admin/e/:slug/program/import with an iCalendar file', () => {
  it('imports each VEVENT as a session, a UTC time moved into the event zone and a zoned one kept', async () => {
    const setup = setUp({ timezone: 'America/New_York' });
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Sched//EN',
      'BEGIN:VEVENT', 'UID:kn-1@sched.example', 'SUMMARY:Opening Keynote', 'LOCATION:Ballroom A',
      'DTSTART:20261014T130000Z', 'DTEND:20261014T140000Z', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:ws-2@sched.example', 'SUMMARY:Linked Data 101', 'LOCATION:Room 101',
      'DTSTART;TZID=America/Chicago:20261014T100000', 'DTEND;TZID=America/Chicago:20261014T110000', 'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const res = await uploadFile(setup.t, setup.cookie, `${setup.base}/import`, 'conference.ics', ics);
    expect(res.status).toBe(200);
    const preview = await res.text();
    expect(preview).toContain('(iCalendar): 2 sessions.');
    await applyPreview(setup.t, setup.cookie, preview, `${setup.base}/import/apply`);
    expect(rowsOf(setup.t, setup.event.id).map((r) => [r.title, r.startsAt, r.endsAt, r.room, r.sourceId])).toEqual([
      ['Opening Keynote', '2026-10-14T09:00', '2026-10-14T10:00', 'Ballroom A', 'kn-1@sched.example'],
      ['Linked Data 101', '2026-10-14T11:00', '2026-10-14T12:00', 'Room 101', 'ws-2@sched.example'],
    ]);
  });
});

describe('POST /admin/e/:slug/program/import/apply', () => {
  it('refuses a stale preview with 409 and shows the new one, saving nothing', async () => {
    const setup = setUp({ timezone: 'Europe/Berlin', startsOn: '2019-08-21', endsOn: '2019-08-25' });
    const first = await previewOf(setup, 'frab-camp2019.json');
    // meanwhile another organizer imports the same file
    await applyPreview(setup.t, setup.cookie, await previewOf(setup, 'frab-camp2019.json'), `${setup.base}/import/apply`);
    const before = rowsOf(setup.t, setup.event.id);
    const res = await postForm(setup.t.app, `${setup.base}/import/apply`, hiddenFields(first, 'apply'), { cookie: setup.cookie });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('The program or people’s plans changed since this preview.');
    expect(html).toContain('Nothing would change');
    expect(rowsOf(setup.t, setup.event.id)).toEqual(before);
  });

  it('refuses a plan that is not JSON with 422 and saves nothing', async () => {
    const { t, cookie, base, event } = setUp();
    const res = await postForm(t.app, `${base}/import/apply`, { plan: '{"added": [', source: 'x.json', format: 'frab-json' }, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Nothing was imported. The preview could not be read. Import the file again.');
    expect(rowsOf(t, event.id)).toEqual([]);
  });

  it('refuses a plan for another event as stale rather than importing it here', async () => {
    const setup = setUp({ timezone: 'Europe/Berlin', startsOn: '2019-08-21', endsOn: '2019-08-25' });
    const other = makeEvent(setup.t.db, { sessions: [] }).event;
    const preview = await previewOf(setup, 'frab-camp2019.json');
    const res = await postForm(setup.t.app, `/admin/e/${other.slug}/program/import/apply`, hiddenFields(preview, 'apply'), { cookie: setup.cookie });
    expect(res.status).toBe(409);
    expect(rowsOf(setup.t, other.id)).toEqual([]);
  });
});
