// An organizer sets up their own conference in a real browser: creates the event, imports the program from a
// committee spreadsheet through the column-mapping step (correcting one guessed column), a phone
// registers and sees the imported sessions by day and time, and the organizer exports the people
// as a spreadsheet.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createEvent, findEventBySlug } from '../../src/domain/events.ts';
import { upsertOrganizer } from '../../src/domain/organizers.ts';
import { accessibilityViolations, horizontalOverflow, journeyFixture, phone, screenshot } from './browser.ts';

const journey = journeyFixture();
const laptop: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

// the committee's sheet as Excel saves it: byte-order mark, CRLF, US dates, 12-hour times, quoted commas;
// "Type" is the session format and "Topic" the track, which the guess gets the wrong way round
const programCsv = [
  '\uFEFFSession,Day,Time,Ends,Where,Type,Topic',
  '"Welcome, First-Timers!",10/14/2026,8:30 AM,9:15 AM,Ballroom A,Social,Community',
  'Linked Data 101,10/14/2026,10:30 AM,11:15 AM,Room 101,Workshop,Cataloging',
  'Teen Book Clubs That Work,10/14/2026,10:30 AM,11:15 AM,Room 102,Panel,Youth services',
  'Makerspaces on a Shoestring,10/14/2026,1:30 PM,2:20 PM,Room 101,Workshop,Technology',
  'Weeding Without Tears,10/15/2026,9:00 AM,9:50 AM,Room 102,Talk,Collections',
  '"Closing Keynote: Libraries, Together",10/15/2026,3:00 PM,4:00 PM,Ballroom A,Keynote,Community',
].join('\r\n');

async function open(url: string, options: BrowserContextOptions): Promise<Page> {
  const context = await journey.browser.newContext({ ...options, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe('an organizer runs their own conference', () => {
  it('creates an event, imports the program from a spreadsheet, a phone registers for its sessions, and the people come out as a CSV', { timeout: 180_000 }, async () => {
    const { server } = journey;
    const now = new Date();
    upsertOrganizer(server.db, { email: 'chair@prairie.example', password: 'correct horse battery', name: 'Dana Whitfield' }, now);

    // the organizer signs in and creates the conference from nothing
    const admin = await open(`${server.baseUrl}/admin`, laptop);
    await admin.getByLabel('E-mail').fill('chair@prairie.example');
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: /sign in/i }).click();
    await admin.getByRole('link', { name: 'New event' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Prairie Library Association Annual Conference');
    await admin.getByLabel('Short name for its addresses').fill('prairie-2026');
    await admin.getByLabel('Venue (optional)').fill('Omaha, NE');
    await admin.getByLabel('Time zone').selectOption('America/Chicago');
    await admin.getByLabel('First day').fill('2026-10-14');
    await admin.getByLabel('Last day').fill('2026-10-15');
    await admin.getByRole('button', { name: 'Create event' }).click();
    await admin.waitForURL(/\/admin\/e\/prairie-2026$/);
    const event = findEventBySlug(server.db, 'prairie-2026')!;
    expect(event.timezone).toBe('America/Chicago');

    // then opens the program page from the dashboard
    await admin.getByRole('link', { name: 'Program', exact: true }).click();
    await admin.getByRole('heading', { name: 'Import a program' }).waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-program-import');

    // the spreadsheet goes through the column-mapping step
    await admin.getByLabel('Schedule file').setInputFiles({ name: 'prairie-program.csv', mimeType: 'text/csv', buffer: Buffer.from(programCsv) });
    await admin.getByRole('button', { name: 'Read the file' }).click();
    await admin.getByRole('heading', { name: 'Which column is which?' }).waitFor();
    const track = admin.getByLabel('Track', { exact: true });
    expect(await track.inputValue()).toBe('5'); // guessed: "Type"
    await track.selectOption({ label: 'Column 7: Topic' });
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-program-mapping');
    await admin.getByRole('button', { name: 'Continue to the preview' }).click();

    // the preview says what would be added, in the event's zone, before anything is saved
    await admin.getByRole('heading', { name: 'Check the changes' }).waitFor();
    expect(await admin.locator('#plan-counts').innerText()).toContain('6 to add');
    expect(await admin.getByRole('cell', { name: 'Wednesday, October 14, 10:30 AM – 11:15 AM' }).count()).toBe(2);
    expect(await admin.getByRole('cell', { name: 'Cataloging', exact: true }).count()).toBe(1);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-program-preview');
    await admin.getByRole('button', { name: 'Apply these changes' }).click();
    await admin.getByText('Imported prairie-program.csv: 6 added, 0 changed, 0 deleted.').waitFor();
    await admin.getByRole('heading', { name: 'Thursday, October 15' }).waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-program');

    // a phone registers from the join link and sees the sessions by day and time
    const ft = await open(`${server.baseUrl}/e/${event.slug}/join`, phone);
    await ft.getByRole('group', { name: 'Wednesday, October 14, 10:30 AM' }).waitFor();
    const tenThirty = ft.getByRole('group', { name: 'Wednesday, October 14, 10:30 AM' });
    expect(await tenThirty.getByRole('checkbox').count()).toBe(2);
    await ft.getByText('Thursday, October 15').click(); // the second day is folded
    await ft.getByRole('group', { name: 'Thursday, October 15, 3:00 PM' }).getByLabel(/Closing Keynote: Libraries, Together/).waitFor();
    await ft.getByLabel('New here — this is my first time').check();
    await ft.getByLabel('Your name').fill('Rosa Delgado');
    await ft.getByRole('textbox', { name: /^E-mail/ }).fill('rosa.delgado@example.org');
    await ft.getByLabel('Youth & teen services', { exact: true }).check();
    await tenThirty.getByLabel(/Teen Book Clubs That Work/).check();
    expect(await horizontalOverflow(ft)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(ft)).toEqual([]);
    await ft.locator('fieldset', { hasText: 'Sessions you plan to attend' }).screenshot({ path: `${(await screenshot(ft, 'phone-join-program')).replace(/\.png$/, '')}-sessions.png` });
    await ft.getByRole('button', { name: 'Register' }).click();
    await ft.waitForURL(/\/me\//);
    await ft.getByRole('heading', { name: 'Hi, Rosa Delgado!' }).waitFor();

    // the organizer exports the people and opens the spreadsheet
    await admin.getByRole('link', { name: /dashboard/ }).click();
    await admin.getByRole('link', { name: 'Exports', exact: true }).click();
    await admin.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-exports');
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Download people (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`people-${event.slug}.csv`);
    const rows = parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'Rosa Delgado',
      email: 'rosa.delgado@example.org',
      role: 'first-timer',
      status: 'registered',
      checked_in: 'no',
      buddy: '',
      interests: 'Youth & teen services',
      sessions: 'Teen Book Clubs That Work',
      pre_registered: 'no',
    });
  });

  it('imports pre-registrations from a sheet, and hands out their links as a CSV and by e-mail', { timeout: 120_000 }, async () => {
    const { server } = journey;
    const now = new Date();
    const event = createEvent(
      server.db,
      {
        slug: 'prairie-prereg',
        name: 'Prairie Library Association Annual Conference',
        timezone: 'America/Chicago',
        startsOn: '2026-10-14',
        endsOn: '2026-10-15',
        regions: ['Nebraska', 'Iowa', 'Kansas'],
        interests: ['Cataloging', 'Youth services', 'Technology'],
        sessions: [],
        spots: [{ name: 'Spot A' }],
      },
      now,
    );
    upsertOrganizer(server.db, { email: 'desk@prairie.example', password: 'correct horse battery', name: 'Lee Park' }, now);
    const admin = await open(`${server.baseUrl}/admin/e/${event.slug}/preregistration`, laptop);
    await admin.getByLabel('E-mail').fill('desk@prairie.example');
    await admin.getByLabel('Password').fill('correct horse battery');
    await admin.getByRole('button', { name: /sign in/i }).click();
    await admin.getByRole('heading', { name: 'Pre-registration', level: 1 }).waitFor();

    const sheet = [
      'First Name,Last Name,Email,Registration Type,Library Type,State,Interests,Capacity',
      'Ana,Alvarez,ana@example.org,First-timer,Public,nebraska,"Cataloging; Youth services",',
      'Vera,Volk,vera@example.org,Volunteer,Academic,Iowa,Technology,2',
      'Sam,Okafor,sam@example.org,first-timer,School,Kansas,youth services,',
    ].join('\r\n');
    await admin.getByLabel('Sheet of people (CSV)').setInputFiles({ name: 'registrations.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
    await admin.getByRole('button', { name: 'Read the sheet' }).click();
    await admin.getByRole('heading', { name: 'Which column is which?' }).waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-preregistration-mapping');
    await admin.getByRole('button', { name: 'Continue to the preview' }).click();
    await admin.getByRole('heading', { name: 'Check the people' }).waitFor();
    expect(await admin.locator('#people-counts').innerText()).toContain('3 people to add — 2 first-timers and 1 volunteer.');
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-preregistration-preview');
    await admin.getByRole('button', { name: 'Add 3 people' }).click();
    await admin.getByText('Added 3 people from registrations.csv: 2 first-timers and 1 volunteer.').waitFor();

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Download the links (CSV)' }).click()]);
    const links = parse(readFileSync((await download.path())!), { bom: true, columns: true }) as Record<string, string>[];
    expect(links.map((l) => [l.name, l.role])).toEqual([['Ana Alvarez', 'first-timer'], ['Vera Volk', 'volunteer'], ['Sam Okafor', 'first-timer']]);
    await admin.getByLabel('Yes, e-mail everyone imported their personal link').check();
    await admin.getByRole('button', { name: 'Write the welcome e-mails' }).click();
    await admin.getByText('3 welcome e-mails written to the outbox.').waitFor();
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-preregistration');

    // a pre-registered volunteer's link opens their page: registered, asked to check in at the desk
    const vera = await open(links[1]!.personal_link!, phone);
    await vera.getByRole('heading', { name: 'Hi, Vera Volk!' }).waitFor();
    expect(await vera.getByText(links[1]!.desk_code!).count()).toBeGreaterThan(0);
  });
});
