// The matching weights: the form, the preview of example pairs with current and edited weights,
// and saving, with the matcher's contract as the form's rules.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../../../db/schema.ts';
import { auditOf, makeEvent, makeParticipant } from '../../helpers/factories.ts';
import { followToDashboard, signedInOrganizer } from '../../helpers/organizer.ts';
import { pinnedPair } from '../../helpers/pairs.ts';
import { createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

const defaults = { interests: '3', sessions: '2', libraryType: '1', region: '1', requested: '10', extraSlot: '1' };
const weightsOf = (t: TestApp, eventId: number) => t.db.select().from(events).where(eq(events.id, eventId)).get()!.settings.weights;

/** The preview's rows as [first-timer, volunteer, what counts, now, edited]. */
function previewRows(html: string): string[][] {
  const table = html.slice(html.indexOf('id="weights-preview"'));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].slice(1).map((row) => [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]!));
}

function setUp() {
  const t = createTestApp();
  const { cookie, organizer } = signedInOrganizer(t);
  const { event, catalog } = makeEvent(t.db);
  return { t, cookie, organizer, event, catalog, path: `/admin/e/${event.slug}/weights` };
}

describe('GET /admin/e/:slug/weights', () => {
  it('shows each weight with its current value and words, and made-up examples before anyone registered', async () => {
    const { t, cookie, event, path } = setUp();
    const html = await (await get(t.app, path, { cookie })).text();
    for (const [key, value] of Object.entries(defaults)) expect(html).toMatch(new RegExp(`name="${key}"[^>]*value="${value}"`));
    expect(html).toContain('Negative prefers a buddy from somewhere else.');
    expect(html).toContain('Made-up pairs, until people register.');
    const rows = previewRows(html);
    expect(rows[0]).toEqual(['A first-timer', 'a volunteer with 2 interests and a session in common', '2 interests, 1 session', '8', '8']);
    expect(rows.at(-1)).toEqual(['A volunteer’s third first-timer costs', '-2', '-2']);
    expect(await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text()).toContain(`href="${path}"`);
  });

  it('scores the event’s own people, each first-timer with their best volunteer now, once people registered', async () => {
    const { t, cookie, event, catalog, path } = setUp();
    const [cataloging, youth] = catalog.interests;
    makeParticipant(t.db, event, { name: 'Ana Alvarez', interests: [youth!.id], region: 'Central', present: true });
    makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk', interests: [cataloging!.id], present: true });
    makeParticipant(t.db, event, { role: 'volunteer', name: 'Walt West', interests: [youth!.id], region: 'Central' });
    const html = await (await get(t.app, path, { cookie })).text();
    expect(html).toContain('each with the volunteer they score best with now');
    expect(previewRows(html)[0]).toEqual(['Ana Alvarez', 'Walt West', '1 interest, same region', '4', '4']);
  });

  it('scores the latest live pairs when there are some', async () => {
    const { t, cookie, event, path } = setUp();
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', region: 'Central', present: true });
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Volk', region: 'Central', present: true });
    pinnedPair(t, event, ana.id, vera.id);
    const html = await (await get(t.app, path, { cookie })).text();
    expect(html).toContain('The event’s latest live pairs.');
    expect(previewRows(html)[0]).toEqual(['Ana Alvarez', 'Vera Volk', 'same region', '1', '1']);
  });
});

describe('POST /admin/e/:slug/weights', () => {
  it('previews the edited weights beside the current ones and saves nothing', async () => {
    const { t, cookie, event, path } = setUp();
    const res = await postForm(t.app, path, { ...defaults, interests: '4.5', region: '-1', intent: 'preview' }, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Not saved yet');
    expect(html).toMatch(/name="interests"[^>]*value="4.5"/);
    const rows = previewRows(html);
    expect(rows[0]).toEqual(['A first-timer', 'a volunteer with 2 interests and a session in common', '2 interests, 1 session', '8', '11']);
    expect(rows[1]!.slice(3)).toEqual(['2', '0']);
    expect(html).toContain('<td class="num changed">11</td>');
    expect(weightsOf(t, event.id)).toMatchObject({ interests: 3, region: 1 });
    expect(auditOf(t.db, event.id)).toEqual([]);
  });

  it('saves the weights, negative ones too, for the next round, and audits what changed', async () => {
    const { t, cookie, organizer, event, path } = setUp();
    const res = await postForm(t.app, path, { ...defaults, region: '-1', extraSlot: '0.25', intent: 'save' }, { cookie });
    expect(res.headers.get('Location')).toBe(path);
    expect(await followToDashboard(t, res, cookie)).toContain('Saved the weights. The next round uses them.');
    expect(weightsOf(t, event.id)).toEqual({ interests: 3, sessions: 2, libraryType: 1, region: -1, requested: 10, extraSlot: 0.25 });
    expect(auditOf(t.db, event.id)).toMatchObject([{ action: 'weights-updated', organizerId: organizer.id, detail: 'region 1 → -1, extraSlot 1 → 0.25' }]);
  });

  it.each([
    ['a negative extra slot', { extraSlot: '-1' }, 'extraSlot', 'Enter a number from 0 to 1000'],
    ['seven decimals', { interests: '1.1234567' }, 'interests', 'with at most 6 decimals'],
    ['a word', { sessions: 'lots' }, 'sessions', 'Enter a number from −1000 to 1000'],
    ['a weight beyond a thousand', { requested: '5000' }, 'requested', 'Enter a number from −1000 to 1000'],
    ['an empty weight', { region: '' }, 'region', 'Enter a number'],
  ])('refuses %s with 422, the message by the field and the values kept, and saves nothing', async (_, change, key, message) => {
    const { t, cookie, event, path } = setUp();
    const res = await postForm(t.app, path, { ...defaults, ...change, intent: 'save' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`id="weight-${key}-error">[^<]*${message}`));
    expect(html).toMatch(new RegExp(`name="${key}"[^>]*value="${Object.values(change)[0]}"`));
    expect(html).not.toContain('id="weights-preview"');
    expect(weightsOf(t, event.id)).toMatchObject({ interests: 3, sessions: 2, region: 1, requested: 10, extraSlot: 1 });
  });
});

describe('POST /admin/e/:slug/weights/request-cap', () => {
  it('stores how many first-timers may ask for one volunteer, audited, and shows it back', async () => {
    const { t, cookie, event, path } = setUp();
    expect(await (await get(t.app, path, { cookie })).text()).toMatch(/name="requestCap"[^>]*value="5"/);
    const res = await postForm(t.app, `${path}/request-cap`, { requestCap: ' 2 ' }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(path);
    expect(t.db.select().from(events).where(eq(events.id, event.id)).get()!.settings.requestCap).toBe(2);
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'request-cap-updated', detail: 'requests per volunteer 5 → 2' });
    expect(await (await get(t.app, path, { cookie: `${cookie}; ${res.headers.get('Set-Cookie')?.split(';')[0]}` })).text()).toMatch(
      /name="requestCap"[^>]*value="2"/,
    );
  });

  it.each([['zero', '0'], ['a fraction', '1.5'], ['words', 'five'], ['too many', '51'], ['nothing', '']])(
    're-renders with 422 and saves nothing for %s',
    async (_, value) => {
      const { t, cookie, event, path } = setUp();
      const res = await postForm(t.app, `${path}/request-cap`, { requestCap: value }, { cookie });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('Enter a whole number from 1 to 50');
      expect(html).toContain('id="request-cap-error"');
      expect(t.db.select().from(events).where(eq(events.id, event.id)).get()!.settings.requestCap).toBe(5);
      expect(auditOf(t.db, event.id)).toEqual([]);
    },
  );
});
