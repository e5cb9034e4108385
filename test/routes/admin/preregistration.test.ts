// Pre-registration: a sheet of people through the mapping step and the preview into the event,
// row-level refusals that add nobody, the links for a mail merge and the welcome e-mail.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { events, mailOutbox, participants, profileChoices } from '../../../db/schema.ts';
import { loadEventChoices } from '../../../src/domain/events.ts';
import { loadProfile } from '../../../src/domain/participants.ts';
import { auditOf, makeEvent, makeParticipant } from '../../helpers/factories.ts';
import { applyPreview, hiddenFields, uploadFile } from '../../helpers/import-steps.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { cookiesFrom, createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

function setUp() {
  const t = createTestApp();
  const { cookie, organizer } = signedInOrganizer(t);
  // interests: Cataloging & metadata, Youth services, Library technology; regions Central, Eastern, Western
  const { event } = makeEvent(t.db);
  return { t, cookie, organizer, event, base: `/admin/e/${event.slug}/preregistration` };
}

const imported = (t: TestApp, eventId: number) =>
  t.db.select().from(participants).where(and(eq(participants.eventId, eventId), isNotNull(participants.importedAt))).orderBy(asc(participants.id)).all();

// as a registration system exports it: byte-order mark, CRLF, quoted cells, labels in its own case
const sheet = [
  '\uFEFFFirst Name,Last Name,E-mail Address,Attendee Type,Library Type,State,Interests,Capacity',
  'Ana,Alvarez,Ana.Alvarez@example.org,First-timer,public,eastern,"cataloging & metadata; youth services",',
  'Vera,Volk,vera@example.org,Volunteer,Academic,Central,Library technology,2',
  '"O\'Brien, Jr.",Sam,sam@example.org,first timer,,,,',
].join('\r\n');

async function mappingPage(s: ReturnType<typeof setUp>, csv: string) {
  const res = await uploadFile(s.t, s.cookie, `${s.base}/import`, 'people.csv', csv);
  expect(res.status).toBe(200);
  return res.text();
}

/** The mapping form as the page chose it, with corrections. */
function mappingForm(html: string, corrections: Record<string, string> = {}) {
  const fields: Record<string, string> = { ...hiddenFields(html, 'mapping') };
  for (const m of html.matchAll(/<select id="(?:column-[a-zA-Z]+|default-role)" name="([^"]+)">([\s\S]*?)<\/select>/g)) {
    fields[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
  }
  return { ...fields, ...corrections };
}

async function previewOf(s: ReturnType<typeof setUp>, csv: string, corrections: Record<string, string> = {}) {
  return postForm(s.t.app, `${s.base}/import/mapping`, mappingForm(await mappingPage(s, csv), corrections), { cookie: s.cookie });
}

describe('GET /admin/e/:slug/preregistration', () => {
  it('shows the upload form and the labels choices are matched against, and is linked from the dashboard', async () => {
    const s = setUp();
    const html = await (await get(s.t.app, s.base, { cookie: s.cookie })).text();
    expect(html).toContain(`action="${s.base}/import" enctype="multipart/form-data"`);
    expect(html).toContain('<label for="people-file">Sheet of people (CSV)</label>');
    expect(html).toContain('Cataloging &amp; metadata · Youth services · Library technology');
    expect(html).toContain('Nobody has been imported yet.');
    const dashboard = await (await get(s.t.app, `/admin/e/${s.event.slug}`, { cookie: s.cookie })).text();
    expect(dashboard).toContain(`href="${s.base}"`);
  });
});

describe('POST /admin/e/:slug/preregistration/import and /mapping', () => {
  it('guesses the columns from the header and shows the first rows', async () => {
    const html = await mappingPage(setUp(), sheet);
    for (const [field, option] of [['firstName', '0">Column 1: First Name'], ['lastName', '1">Column 2: Last Name'], ['email', '2">Column 3: E-mail Address'],
      ['role', '3">Column 4: Attendee Type'], ['libraryType', '4">Column 5: Library Type'], ['region', '5">Column 6: State'],
      ['interests', '6">Column 7: Interests'], ['capacity', '7">Column 8: Capacity']]) {
      expect(html).toMatch(new RegExp(`<select id="column-${field}"[^>]*>[\\s\\S]*?<option value="${option}`.replace('">', '" selected="">')));
    }
    expect(html).toMatch(/<select id="column-name"[^>]*><option value="">— not in this sheet —<\/option><option value="0">/);
    expect(html).toContain('<td>O&#39;Brien, Jr.</td>');
  });

  it('previews everyone with the event’s own spelling of their choices, and adds nobody yet', async () => {
    const s = setUp();
    const res = await previewOf(s, sheet);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('3 people to add — 2 first-timers and 1 volunteer.');
    expect(html).toContain('<td>Ana Alvarez</td><td>ana.alvarez@example.org</td><td>first-timer</td><td>Public</td><td>Eastern</td><td>Cataloging &amp; metadata; Youth services</td>');
    expect(html).toContain('<td>Vera Volk</td><td>vera@example.org</td><td>volunteer</td><td>Academic</td><td>Central</td><td>Library technology</td><td></td><td class="num">2</td>');
    expect(imported(s.t, s.event.id)).toEqual([]);
  });

  it('adds them as registered, not present, each with a personal page, choices and capacity, and audits it', async () => {
    const s = setUp();
    const page = await applyPreview(s.t, s.cookie, await (await previewOf(s, sheet)).text(), `${s.base}/import/apply`);
    expect(page).toContain('Added 3 people from people.csv: 2 first-timers and 1 volunteer.');
    const rows = imported(s.t, s.event.id);
    expect(rows.map((p) => [p.name, p.email, p.role, p.status, p.checkedInAt, p.libraryType, p.region, p.capacity])).toEqual([
      ['Ana Alvarez', 'ana.alvarez@example.org', 'first_timer', 'registered', null, 'Public', 'Eastern', 0],
      ['Vera Volk', 'vera@example.org', 'volunteer', 'registered', null, 'Academic', 'Central', 2],
      ["O'Brien, Jr. Sam", 'sam@example.org', 'first_timer', 'registered', null, '', '', 0],
    ]);
    expect(loadProfile(s.t.db, rows[0]!).interestIds).toHaveLength(2);
    expect((await get(s.t.app, `/e/${s.event.slug}/me/${rows[1]!.token}`)).status).toBe(200);
    expect(auditOf(s.t.db, s.event.id).map((a) => a.detail)).toContain('Pre-registration import: 3 added (first-timers: 2, volunteers: 1).');
    expect(page).toContain('3 people imported (2 first-timers, 1 volunteer); 3 with an e-mail address.');
  });

  const badRows: [string, string, string][] = [
    ['an unknown library type', 'Zed,Zimmer,zed@example.org,volunteer,Corporate,,,1',
      '<td class="num">5</td><td>Library type</td><td>&#39;Corporate&#39; is not one of: Public, Academic, School, Special, Archives &amp; museums, LIS student, Other</td>'],
    ['an unknown interest', 'Zed,Zimmer,zed@example.org,first-timer,,,Knitting; Youth services,',
      '<td class="num">5</td><td>Interests</td><td>&#39;Knitting&#39; is not among the interests: Cataloging &amp; metadata, Youth services, Library technology (separate several with semicolons)</td>'],
    ['an unknown region', 'Zed,Zimmer,zed@example.org,first-timer,,Northern,,',
      '<td class="num">5</td><td>Region</td><td>&#39;Northern&#39; is not one of: Central, Eastern, Western</td>'],
    ['an unknown role', 'Zed,Zimmer,zed@example.org,speaker,,,,',
      '<td class="num">5</td><td>Role</td><td>&#39;speaker&#39; is not a role; write first-timer or volunteer</td>'],
    ['a volunteer taking five', 'Zed,Zimmer,zed@example.org,volunteer,,,,5',
      '<td class="num">5</td><td>Capacity</td><td>&#39;5&#39;: a volunteer takes 1, 2 or 3 first-timers</td>'],
    ['a bad e-mail', 'Zed,Zimmer,zed-at-example,first-timer,,,,',
      '<td class="num">5</td><td>E-mail</td><td>&#39;zed-at-example&#39; is not an e-mail address</td>'],
    ['an e-mail twice in the file', 'Zed,Zimmer,VERA@example.org,first-timer,,,,',
      '<td class="num">5</td><td>E-mail</td><td>vera@example.org is also on line 3</td>'],
    ['an empty name', ',,zed@example.org,first-timer,,,,', '<td class="num">5</td><td>Name</td><td>the name is empty</td>'],
  ];
  for (const [what, row, problem] of badRows) {
    it(`adds nobody from a sheet with ${what}, naming the line and the field`, async () => {
      const s = setUp();
      const res = await previewOf(s, `${sheet}\r\n${row}`);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('1 row needs fixing; nobody was added.');
      expect(html).toContain(problem);
      expect(html).toContain('<form method="post" action="' + s.base + '/import/mapping"');
      expect(imported(s.t, s.event.id)).toEqual([]);
    });
  }

  it('refuses a choice an organizer retired, naming only those still offered', async () => {
    const s = setUp();
    const youth = loadEventChoices(s.t.db, s.event.id).interests.find((i) => i.label === 'Youth services')!;
    makeParticipant(s.t.db, s.event, { interests: [youth.id] }); // so it is retired, not removed
    expect((await postForm(s.t.app, `/admin/e/${s.event.slug}/choices/interests/${youth.id}/retire`, {}, { cookie: s.cookie })).status).toBe(303);
    const res = await previewOf(s, sheet);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(
      '<td class="num">2</td><td>Interests</td><td>&#39;youth services&#39; is not among the interests: Cataloging &amp; metadata, Library technology (separate several with semicolons)</td>',
    );
    expect(imported(s.t, s.event.id)).toEqual([]);
  });

  it('refuses, by row, an e-mail already registered for the event', async () => {
    const s = setUp();
    makeParticipant(s.t.db, s.event, { email: 'vera@example.org' });
    const html = await (await previewOf(s, sheet)).text();
    expect(html).toContain('<td class="num">3</td><td>E-mail</td><td>vera@example.org is already registered for this event</td>');
  });

  it('gives people with no role the role the organizer chose for the sheet', async () => {
    const s = setUp();
    const res = await previewOf(s, 'Name,Email\nIda Ready,ida@example.org\nBo Bright,bo@example.org\n', { defaultRole: 'volunteer' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('2 people to add — 0 first-timers and 2 volunteers.');
  });

  it('asks for the role column or a role for everyone when the sheet has none', async () => {
    const s = setUp();
    const res = await previewOf(s, 'Name,Email\nIda Ready,ida@example.org\n');
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Choose the column that says who is a first-timer and who a volunteer, or say what everyone in the sheet is.');
  });
});

describe('POST /admin/e/:slug/preregistration/import/apply', () => {
  it('adds nobody when someone registered with one of the e-mails since the preview, and says which row', async () => {
    const s = setUp();
    const preview = await (await previewOf(s, sheet)).text();
    makeParticipant(s.t.db, s.event, { email: 'sam@example.org' });
    const res = await postForm(s.t.app, `${s.base}/import/apply`, hiddenFields(preview, 'apply'), { cookie: s.cookie });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('nobody was added');
    expect(html).toContain('Line 4, E-mail: sam@example.org is already registered for this event.');
    expect(imported(s.t, s.event.id)).toEqual([]);
  });

  it('adds nobody when a choice in the plan was retired since the preview', async () => {
    const s = setUp();
    const preview = await (await previewOf(s, sheet)).text();
    const central = s.t.db.select().from(profileChoices).where(and(eq(profileChoices.eventId, s.event.id), eq(profileChoices.label, 'Central'))).get()!;
    makeParticipant(s.t.db, s.event, { region: 'Central' }); // so it is retired, not removed
    expect((await postForm(s.t.app, `/admin/e/${s.event.slug}/choices/regions/${central.id}/retire`, {}, { cookie: s.cookie })).status).toBe(303);
    const res = await postForm(s.t.app, `${s.base}/import/apply`, hiddenFields(preview, 'apply'), { cookie: s.cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Line 3, Region: Choose a region from the list.');
    expect(imported(s.t, s.event.id)).toEqual([]);
  });

  it('refuses a forged plan for another event', async () => {
    const s = setUp();
    const other = makeEvent(s.t.db).event;
    const preview = await (await previewOf(s, sheet)).text();
    const res = await postForm(s.t.app, `/admin/e/${other.slug}/preregistration/import/apply`, hiddenFields(preview, 'apply'), { cookie: s.cookie });
    expect(res.status).toBe(422);
    expect(imported(s.t, other.id)).toEqual([]);
  });
});

describe('personal links and welcome e-mails', () => {
  async function importSheet(s: ReturnType<typeof setUp>, csv = sheet) {
    await applyPreview(s.t, s.cookie, await (await previewOf(s, csv)).text(), `${s.base}/import/apply`);
  }

  it('downloads the imported people’s links for a mail merge, formula-safe', async () => {
    const s = setUp();
    makeParticipant(s.t.db, s.event, { name: 'Walked Up' });
    await importSheet(s, `${sheet}\r\n"=HYPERLINK(""http://evil.example"")",Hacker,h@example.org,first-timer,,,,`);
    const res = await get(s.t.app, `${s.base}/links.csv`, { cookie: s.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="personal-links-${s.event.slug}.csv"`);
    const rows = parse(await res.text(), { bom: true }) as string[][];
    const people = imported(s.t, s.event.id);
    expect(rows[0]).toEqual(['name', 'email', 'role', 'personal_link', 'desk_code']);
    expect(rows.slice(1)).toEqual(people.map((p) => [
      p.name.startsWith('=') ? `'${p.name}` : p.name, p.email, p.role === 'volunteer' ? 'volunteer' : 'first-timer',
      `http://buddydesk.test/e/${s.event.slug}/me/${p.token}`, p.deskCode,
    ]));
    expect(rows[4]![0]).toBe('\'=HYPERLINK("http://evil.example") Hacker');
  });

  it('writes a welcome e-mail with the link and desk code to each imported person once', async () => {
    const s = setUp();
    await importSheet(s);
    const refused = await postForm(s.t.app, `${s.base}/welcome`, {}, { cookie: s.cookie });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Tick the box to confirm');
    expect(s.t.db.select().from(mailOutbox).all()).toEqual([]);

    const res = await postForm(s.t.app, `${s.base}/welcome`, { confirm: 'yes' }, { cookie: s.cookie });
    expect(res.status).toBe(303);
    const page = await (await get(s.t.app, s.base, { cookie: `${s.cookie}; ${cookiesFrom(res)}` })).text();
    expect(page).toContain('3 welcome e-mails written to the outbox.');
    const mail = s.t.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'welcome')).orderBy(asc(mailOutbox.id)).all();
    const vera = imported(s.t, s.event.id)[1]!;
    expect(mail.map((m) => [m.toAddress, m.dedupeKey])).toEqual(imported(s.t, s.event.id).map((p) => [p.email, `participant:${p.id}`]));
    expect(mail[1]!.textBody).toContain(`http://buddydesk.test/e/${s.event.slug}/me/${vera.token}`);
    expect(mail[1]!.textBody).toContain(`type your desk code ${vera.deskCode}`);
    expect(mail[1]!.subject).toBe('Your buddy program page: Test Library Association Annual');

    const again = await postForm(s.t.app, `${s.base}/welcome`, { confirm: 'yes' }, { cookie: s.cookie });
    const second = await (await get(s.t.app, s.base, { cookie: `${s.cookie}; ${cookiesFrom(again)}` })).text();
    expect(second).toContain('0 welcome e-mails written to the outbox. 3 already had one.');
    expect(s.t.db.select().from(mailOutbox).all()).toHaveLength(3);
  });
});

describe('an archived event', () => {
  it('refuses an upload, a mapping, an apply prepared before archiving and the welcome e-mails with 409, and changes nothing', async () => {
    const s = setUp();
    await applyPreview(s.t, s.cookie, await (await previewOf(s, sheet)).text(), `${s.base}/import/apply`);
    const mapping = await mappingPage(s, 'Name,Email,Role\nIda Ready,ida@example.org,volunteer\n');
    const preview = await (await previewOf(s, 'Name,Email,Role\nBo Bright,bo@example.org,volunteer\n')).text();
    s.t.db.update(events).set({ archivedAt: s.t.clock.now() }).where(eq(events.id, s.event.id)).run();

    const refusals = [
      await uploadFile(s.t, s.cookie, `${s.base}/import`, 'people.csv', sheet),
      await postForm(s.t.app, `${s.base}/import/mapping`, mappingForm(mapping), { cookie: s.cookie }),
      await postForm(s.t.app, `${s.base}/import/apply`, hiddenFields(preview, 'apply'), { cookie: s.cookie }),
      await postForm(s.t.app, `${s.base}/welcome`, { confirm: 'yes' }, { cookie: s.cookie }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('An archived event is read-only, so nothing was changed.');
    }
    expect(imported(s.t, s.event.id).map((p) => p.name)).toEqual(['Ana Alvarez', 'Vera Volk', "O'Brien, Jr. Sam"]);
    expect(s.t.db.select().from(mailOutbox).all()).toEqual([]);
  });
});
