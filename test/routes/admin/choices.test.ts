// What people choose from: adding, renaming, reordering, retiring and offering again, without
// losing the choices people already made.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { interests, profileChoices } from '../../../db/schema.ts';
import { loadEventCatalog } from '../../../src/domain/events.ts';
import { auditOf, makeEvent, makeParticipant, reloadParticipant } from '../../helpers/factories.ts';
import { followToDashboard, signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

function setUp() {
  const t = createTestApp();
  const { cookie, organizer } = signedInOrganizer(t);
  const { event, catalog } = makeEvent(t.db);
  const base = `/admin/e/${event.slug}/choices`;
  return { t, cookie, organizer, event, catalog, base };
}

const choiceId = (t: TestApp, eventId: number, label: string) =>
  t.db.select().from(profileChoices).where(eq(profileChoices.eventId, eventId)).all().find((c) => c.label === label)!.id;
const joinForm = async (t: TestApp, slug: string) => (await get(t.app, `/e/${slug}/join`)).text();

describe('GET /admin/e/:slug/choices', () => {
  it('lists the four lists in order, each choice with how many people chose it', async () => {
    const { t, cookie, event, catalog, base } = setUp();
    makeParticipant(t.db, event, { libraryType: 'Academic', languages: ['English', 'ASL'], interests: [catalog.interests[0]!.id] });
    makeParticipant(t.db, event, { libraryType: 'Academic', languages: ['English'] });
    const html = await (await get(t.app, base, { cookie })).text();
    for (const heading of ['Interests', 'Library types', 'Regions', 'Languages']) expect(html).toContain(`>${heading}</h2>`);
    const row = (label: string) => new RegExp(`value="${label}"[^]*?class="people">([^<]+)</span>`).exec(html)?.[1];
    expect(row('Academic')).toBe('chosen by 2 people');
    expect(row('English')).toBe('chosen by 2 people');
    expect(row('ASL')).toBe('chosen by 1 person');
    expect(row('Cataloging &amp; metadata')).toBe('chosen by 1 person');
    expect(row('Central')).toBe('chosen by nobody yet');
    expect(html.indexOf('value="Central"')).toBeLessThan(html.indexOf('value="Eastern"'));
    expect(await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text()).toContain(`href="${base}"`);
  });
});

describe('POST /admin/e/:slug/choices/:kind', () => {
  it('adds a choice at the end, offers it on the join form, and audits it', async () => {
    const { t, cookie, organizer, event, base } = setUp();
    const res = await postForm(t.app, `${base}/regions`, { label: '  Out   of state ' }, { cookie });
    expect(res.headers.get('Location')).toBe(`${base}#regions`);
    expect(await followToDashboard(t, res, cookie)).toContain('Added “Out of state”.');
    expect(loadEventCatalog(t.db, event.id).regions).toEqual(['Central', 'Eastern', 'Western', 'Out of state']);
    expect(await joinForm(t, event.slug)).toContain('<option value="Out of state">');
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'choice-added', organizerId: organizer.id });
  });

  it.each([
    ['an empty label', '   ', 'Type the language'],
    ['a label too long for the form', 'x'.repeat(41), 'Keep it to 40 characters'],
    ['a label the list has, in another case', 'asl', 'There already is a language “ASL”.'],
  ])('re-renders with 422 and adds nothing for %s', async (_, label, message) => {
    const { t, cookie, event, base } = setUp();
    const res = await postForm(t.app, `${base}/languages`, { label }, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    expect(loadEventCatalog(t.db, event.id).languages).toEqual(['English', 'Spanish', 'ASL']);
  });

  it('answers 404 for an unknown list', async () => {
    const { t, cookie, base } = setUp();
    expect((await postForm(t.app, `${base}/colours`, { label: 'Blue' }, { cookie })).status).toBe(404);
  });
});

describe('POST /admin/e/:slug/choices/:kind/:id/rename', () => {
  it('renames a library type for everyone who chose it', async () => {
    const { t, cookie, organizer, event, base } = setUp();
    const chose = makeParticipant(t.db, event, { libraryType: 'Academic' });
    const other = makeParticipant(t.db, event, { libraryType: 'Public' });
    const res = await postForm(t.app, `${base}/library-types/${choiceId(t, event.id, 'Academic')}/rename`, { label: 'College & university' }, { cookie });
    expect(await followToDashboard(t, res, cookie)).toContain('Renamed to “College &amp; university”, also for the 1 person who chose it.');
    expect(reloadParticipant(t.db, chose.id)!.libraryType).toBe('College & university');
    expect(reloadParticipant(t.db, other.id)!.libraryType).toBe('Public');
    expect(await joinForm(t, event.slug)).not.toContain('value="Academic"');
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'choice-renamed', organizerId: organizer.id, detail: expect.stringContaining('1 person') });
  });

  it('renames a language inside each person’s list, keeping its order', async () => {
    const { t, cookie, event, base } = setUp();
    const p = makeParticipant(t.db, event, { languages: ['Spanish', 'ASL', 'English'] });
    await postForm(t.app, `${base}/languages/${choiceId(t, event.id, 'ASL')}/rename`, { label: 'American Sign Language' }, { cookie });
    expect(reloadParticipant(t.db, p.id)!.languages).toEqual(['Spanish', 'American Sign Language', 'English']);
    // the person's own form shows it ticked under its new name
    expect(await (await get(t.app, `/e/${event.slug}/me/${p.token}/edit`)).text()).toMatch(/value="American Sign Language" checked/);
  });

  it('renames an interest on the pages of the people who chose it', async () => {
    const { t, cookie, event, catalog, base } = setUp();
    const p = makeParticipant(t.db, event, { interests: [catalog.interests[1]!.id] });
    await postForm(t.app, `${base}/interests/${catalog.interests[1]!.id}/rename`, { label: 'Children’s services' }, { cookie });
    expect(await (await get(t.app, `/e/${event.slug}/me/${p.token}`)).text()).toContain('Children’s services');
  });

  it('refuses the label of another choice with 422 and changes nobody', async () => {
    const { t, cookie, event, base } = setUp();
    const p = makeParticipant(t.db, event, { region: 'Central' });
    const res = await postForm(t.app, `${base}/regions/${choiceId(t, event.id, 'Central')}/rename`, { label: 'Eastern' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('There already is a region “Eastern”.');
    expect(html).toMatch(/aria-invalid="true"[^>]*aria-describedby="choice-regions-\d+-error"/);
    expect(reloadParticipant(t.db, p.id)!.region).toBe('Central');
    expect(loadEventCatalog(t.db, event.id).regions).toEqual(['Central', 'Eastern', 'Western']);
  });
});

describe('POST /admin/e/:slug/choices/:kind/:id/up and /down', () => {
  it('moves a choice one place, and the join form follows', async () => {
    const { t, cookie, event, base } = setUp();
    await postForm(t.app, `${base}/regions/${choiceId(t, event.id, 'Western')}/up`, {}, { cookie });
    expect(loadEventCatalog(t.db, event.id).regions).toEqual(['Central', 'Western', 'Eastern']);
    await postForm(t.app, `${base}/regions/${choiceId(t, event.id, 'Central')}/down`, {}, { cookie });
    expect(loadEventCatalog(t.db, event.id).regions).toEqual(['Western', 'Central', 'Eastern']);
    const html = await joinForm(t, event.slug);
    expect(html.indexOf('value="Western"')).toBeLessThan(html.indexOf('value="Central"'));
  });
});

describe('POST /admin/e/:slug/choices/:kind/:id/retire', () => {
  it('stops offering a choice but keeps it, counted and shown, for the people who chose it', async () => {
    const { t, cookie, organizer, event, base } = setUp();
    const chose = makeParticipant(t.db, event, { region: 'Western', languages: ['ASL'] });
    const res = await postForm(t.app, `${base}/regions/${choiceId(t, event.id, 'Western')}/retire`, {}, { cookie });
    const page = await followToDashboard(t, res, cookie);
    expect(page).toContain('Retired “Western”: no longer offered, kept for the 1 person who chose it.');
    expect(page).toMatch(/class="choice-row retired"[^]*?Western[^]*?chosen by 1 person/);
    expect(await joinForm(t, event.slug)).not.toContain('value="Western"');
    // the person who chose it sees it, selected, and saving keeps it
    const edit = await (await get(t.app, `/e/${event.slug}/me/${chose.token}/edit`)).text();
    expect(edit).toContain('<option value="Western" selected="">');
    const saved = await postForm(t.app, `/e/${event.slug}/me/${chose.token}/edit`, { name: chose.name, region: 'Western', languages: ['ASL'] });
    expect(saved.status).toBe(303);
    expect(reloadParticipant(t.db, chose.id)!.region).toBe('Western');
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'choice-retired', organizerId: organizer.id });
  });

  it('refuses a retired choice to someone who had not chosen it, on the join form and the profile', async () => {
    const { t, cookie, event, base } = setUp();
    makeParticipant(t.db, event, { region: 'Western' });
    const other = makeParticipant(t.db, event, { region: 'Central' });
    await postForm(t.app, `${base}/regions/${choiceId(t, event.id, 'Western')}/retire`, {}, { cookie });
    const join = await postForm(t.app, `/e/${event.slug}/join`, { role: 'first_timer', name: 'New Nora', region: 'Western' });
    expect(join.status).toBe(422);
    expect(await join.text()).toContain('Choose a region from the list');
    const edit = await postForm(t.app, `/e/${event.slug}/me/${other.token}/edit`, { name: other.name, region: 'Western' });
    expect(edit.status).toBe(422);
    expect(reloadParticipant(t.db, other.id)!.region).toBe('Central');
  });

  it('keeps a retired interest on the page and in the form of someone who chose it, not in anyone else’s', async () => {
    const { t, cookie, event, catalog, base } = setUp();
    const youth = catalog.interests.find((i) => i.label === 'Youth services')!;
    const chose = makeParticipant(t.db, event, { interests: [youth.id] });
    const other = makeParticipant(t.db, event);
    await postForm(t.app, `${base}/interests/${youth.id}/retire`, {}, { cookie });
    expect(await (await get(t.app, `/e/${event.slug}/me/${chose.token}`)).text()).toContain('Youth services');
    expect(await (await get(t.app, `/e/${event.slug}/me/${chose.token}/edit`)).text()).toMatch(new RegExp(`value="${youth.id}" checked`));
    expect(await (await get(t.app, `/e/${event.slug}/me/${other.token}/edit`)).text()).not.toContain('Youth services');
    const forged = await postForm(t.app, `/e/${event.slug}/me/${other.token}/edit`, { name: other.name, interests: [String(youth.id)] });
    expect(forged.status).toBe(422);
  });

  it('removes a choice nobody made', async () => {
    const { t, cookie, event, catalog, base } = setUp();
    const tech = catalog.interests.find((i) => i.label === 'Library technology')!;
    const res = await postForm(t.app, `${base}/interests/${tech.id}/retire`, {}, { cookie });
    expect(await followToDashboard(t, res, cookie)).toContain('Removed “Library technology”; nobody had chosen it.');
    expect(t.db.select().from(interests).where(eq(interests.id, tech.id)).get()).toBeUndefined();
    expect(auditOf(t.db, event.id).at(-1)!.action).toBe('choice-removed');
  });

  it('offers a retired choice again, at the end of the list', async () => {
    const { t, cookie, event, base } = setUp();
    makeParticipant(t.db, event, { region: 'Central' });
    const central = choiceId(t, event.id, 'Central');
    await postForm(t.app, `${base}/regions/${central}/retire`, {}, { cookie });
    const res = await postForm(t.app, `${base}/regions/${central}/restore`, {}, { cookie });
    expect(await followToDashboard(t, res, cookie)).toContain('“Central” is offered again');
    expect(loadEventCatalog(t.db, event.id).regions).toEqual(['Eastern', 'Western', 'Central']);
  });

  it('answers 404 for a choice of another event, a malformed id or an unknown action, changing nothing', async () => {
    const { t, cookie, event, base } = setUp();
    const { event: other } = makeEvent(t.db);
    const theirs = choiceId(t, other.id, 'Central');
    for (const path of [`regions/${theirs}/retire`, 'regions/abc/retire', `regions/${choiceId(t, event.id, 'Central')}/explode`]) {
      expect((await postForm(t.app, `${base}/${path}`, {}, { cookie })).status, path).toBe(404);
    }
    expect(loadEventCatalog(t.db, other.id).regions).toContain('Central');
  });
});
