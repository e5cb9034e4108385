import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, safetyReports } from '../../../db/schema.ts';
import { findEventBySlug } from '../../../src/domain/events.ts';
import { dbChecksum } from '../../helpers/db-checksum.ts';
import { auditOf } from '../../helpers/factories.ts';
import { followToDashboard, signedInOrganizer } from '../../helpers/organizer.ts';
import { pinnedPair, recordChanges, rosaAndMarcus } from '../../helpers/pairs.ts';
import { createTestApp, get, postForm, type TestApp } from '../../helpers/test-app.ts';

const note = 'He kept asking for my room number.';

/** Rosa pressed the safety button about Marcus, with a note. */
async function reported(t: TestApp) {
  const { event, rosa, marcus } = rosaAndMarcus(t);
  const pair = pinnedPair(t, event, rosa.id, marcus.id);
  const res = await postForm(t.app, `/e/${event.slug}/me/${rosa.token}/safety/${pair.id}`, { note });
  expect(res.status).toBe(303);
  const report = t.db.select().from(safetyReports).where(eq(safetyReports.eventId, event.id)).get()!;
  return { event, rosa, marcus, pair, report };
}

describe('GET /admin/e/:slug (safety alerts)', () => {
  it('puts an alert with the names and the note at the top of the dashboard, also as its own live fragment', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, report } = await reported(t);
    const html = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(html).toContain('Safety: Rosa Diaz ended their pairing');
    expect(html).toContain('Marcus Webb (volunteer)');
    expect(html).toContain(note);
    expect(html).toContain(`action="/admin/e/${event.slug}/safety-alerts/${report.id}/acknowledge"`);
    // above everything else on the page, and inside the live stream's reach
    expect(html.indexOf('id="safety-alerts"')).toBeLessThan(html.indexOf('id="live-counts"'));
    expect(html.indexOf('sse-connect=')).toBeLessThan(html.indexOf('id="safety-alerts"'));
    const fragment = await (await get(t.app, `/admin/e/${event.slug}/safety-alerts`, { cookie })).text();
    expect(fragment.startsWith('<div id="safety-alerts"')).toBe(true);
    expect(fragment).toContain(note);
  });

  it('needs a signed-in organizer', async () => {
    const t = createTestApp();
    const { event } = await reported(t);
    const res = await get(t.app, `/admin/e/${event.slug}/safety-alerts`);
    expect(res.status).toBe(303);
    expect(await res.text()).not.toContain(note);
  });
});

describe('POST /admin/e/:slug/safety-alerts/:id/acknowledge', () => {
  it('takes the alert off the dashboard, records who and when, and writes it in the audit log', async () => {
    const t = createTestApp();
    const { organizer, cookie } = signedInOrganizer(t);
    const { event, report } = await reported(t);
    const heard = recordChanges(t, event);
    const res = await postForm(t.app, `/admin/e/${event.slug}/safety-alerts/${report.id}/acknowledge`, {}, { cookie });
    const page = await followToDashboard(t, res, cookie);
    expect(page).toContain('Acknowledged the safety alert');
    expect(page).not.toContain('Safety: Rosa Diaz ended their pairing');
    const stored = t.db.select().from(safetyReports).where(eq(safetyReports.id, report.id)).get()!;
    expect(stored.acknowledgedAt?.getTime()).toBe(t.clock.now().getTime());
    expect(stored.acknowledgedBy).toBe(organizer.id);
    const line = auditOf(t.db, event.id).find((a) => a.action === 'safety-acknowledged')!;
    expect(line.organizerId).toBe(organizer.id);
    expect(line.detail).toContain('Rosa Diaz');
    // other organizers' dashboards drop the alert too
    expect(heard).toHaveLength(1);
  });

  it('writes nothing for an alert already acknowledged, of another event, or no alert at all', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const a = await reported(t);
    const b = await reported(t);
    await postForm(t.app, `/admin/e/${a.event.slug}/safety-alerts/${a.report.id}/acknowledge`, {}, { cookie });
    const before = dbChecksum(t.db);
    const again = await postForm(t.app, `/admin/e/${a.event.slug}/safety-alerts/${a.report.id}/acknowledge`, {}, { cookie });
    expect(again.status).toBe(303);
    expect((await postForm(t.app, `/admin/e/${a.event.slug}/safety-alerts/${b.report.id}/acknowledge`, {}, { cookie })).status).toBe(404);
    expect((await postForm(t.app, `/admin/e/${a.event.slug}/safety-alerts/abc/acknowledge`, {}, { cookie })).status).toBe(404);
    expect((await postForm(t.app, `/admin/e/${b.event.slug}/safety-alerts/${b.report.id}/acknowledge`, {})).status).toBe(303);
    expect(dbChecksum(t.db)).toBe(before);
  });
});

describe('POST /admin/e/:slug/safety-settings', () => {
  const good = {
    codeOfConductUrl: ' https://example.org/conduct ',
    contactText: 'Ask for Maria at the registration desk',
    contactEmail: 'safety@example.org',
    contactPhone: '+1 (502) 555-0199',
  };

  it('is a form on the event details page', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = rosaAndMarcus(t);
    const html = await (await get(t.app, `/admin/e/${event.slug}/edit`, { cookie })).text();
    expect(html).toContain(`action="/admin/e/${event.slug}/safety-settings"`);
    expect(html).toContain('name="codeOfConductUrl"');
  });

  it('saves the code of conduct and contact, writes the audit log, and personal pages show them', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    pinnedPair(t, event, rosa.id, marcus.id);
    const res = await postForm(t.app, `/admin/e/${event.slug}/safety-settings`, good, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/e/${event.slug}/edit#safety`);
    expect(findEventBySlug(t.db, event.slug)!.settings.safety).toEqual({ ...good, codeOfConductUrl: 'https://example.org/conduct' });
    expect(auditOf(t.db, event.id).at(-1)).toMatchObject({ action: 'safety-settings' });
    const page = await (await get(t.app, `/e/${event.slug}/me/${rosa.token}`)).text();
    expect(page).toContain('href="https://example.org/conduct"');
    expect(page).toContain('+1 (502) 555-0199');
    // the other settings are kept
    expect(findEventBySlug(t.db, event.slug)!.settings.weights).toEqual(event.settings.weights);
  });

  it('refuses a script address, a bad e-mail and a phone of letters with 422, errors by the fields, and saves nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = rosaAndMarcus(t);
    const before = dbChecksum(t.db);
    const res = await postForm(
      t.app,
      `/admin/e/${event.slug}/safety-settings`,
      { codeOfConductUrl: 'javascript:alert(1)', contactText: 'Maria', contactEmail: 'maria@', contactPhone: 'call me' },
      { cookie },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Enter the full web address, starting with https://');
    expect(html).toContain('Enter an e-mail address like safety@example.org');
    expect(html).toContain('Enter a phone number with digits');
    expect(html).toContain('value="maria@"');
    expect(dbChecksum(t.db)).toBe(before);
    const stored = t.db.select().from(events).where(eq(events.id, event.id)).get()!;
    expect(stored.settings.safety?.codeOfConductUrl ?? '').toBe('');
  });

  it('refuses huge values with 422 and shows back no more than a field takes', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = rosaAndMarcus(t);
    const before = dbChecksum(t.db);
    const res = await postForm(t.app, `/admin/e/${event.slug}/safety-settings`, { ...good, contactText: 'y'.repeat(50_000) }, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).not.toContain('y'.repeat(201));
    expect(dbChecksum(t.db)).toBe(before);
  });
});
