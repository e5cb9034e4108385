import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema.ts';
import { findEventBySlug } from '../../../src/domain/events.ts';
import { pairedEvent } from '../../helpers/after-event.ts';
import { makeParticipant } from '../../helpers/factories.ts';
import { signedInOrganizer } from '../../helpers/organizer.ts';
import { createTestApp, get, postForm } from '../../helpers/test-app.ts';

function setUp() {
  const t = createTestApp();
  const paired = pairedEvent(t, { met: true });
  const { cookie } = signedInOrganizer(t, `chair${Math.random()}@example.org`);
  return { t, ...paired, cookie, base: `/admin/e/${paired.event.slug}/letters` };
}

const settings = {
  association: 'Riverlands Library Association',
  signerName: 'Mara Okafor',
  signerTitle: 'Chair, New Members Round Table',
  text: 'Your welcome made a first conference feel like home.\r\n\r\nThank you for your service.',
};

describe('/admin/e/:slug/letters', () => {
  it('saves what the letters say, and every letter says it', async () => {
    const { t, event, cookie, base } = setUp();
    const res = await postForm(t.app, `${base}/settings`, settings, { cookie });
    expect(res.status).toBe(303);
    expect(findEventBySlug(t.db, event.slug)!.settings.letter).toEqual({
      ...settings,
      text: 'Your welcome made a first conference feel like home.\n\nThank you for your service.',
    });
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'letter-settings')).all()).toHaveLength(1);
    const print = await (await get(t.app, `${base}/print`, { cookie })).text();
    expect(print).toContain('<p class="letter-from">Riverlands Library Association</p>');
    expect(print).toContain('<p>Your welcome made a first conference feel like home.</p><p>Thank you for your service.</p>');
    expect(print).toContain('<strong>Mara Okafor</strong><span>Chair, New Members Round Table</span>');
  });

  it('re-renders the settings with 422 and the errors next to the fields, and saves nothing', async () => {
    const { t, event, cookie, base } = setUp();
    const res = await postForm(t.app, `${base}/settings`, { ...settings, signerName: 'x'.repeat(121), text: 'y'.repeat(1501) }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`id="letter-signer-error">Keep the signer&#39;s name to 120 characters<`);
    expect(html).toContain('id="letter-text-error">Keep the text to 1500 characters<');
    expect(html).toContain('value="Riverlands Library Association"');
    expect(findEventBySlug(t.db, event.slug)!.settings.letter.association).toBe('');
  });

  it('lists the volunteers who served, and prints one page per letter', async () => {
    const { t, event, v, cookie, base } = setUp();
    const here = makeParticipant(t.db, event, { role: 'volunteer', name: 'Ida Ready', present: true });
    makeParticipant(t.db, event, { role: 'volunteer', name: 'Never Came' });
    const page = await (await get(t.app, base, { cookie })).text();
    expect(page).toContain('Print all 2 letters');
    expect(page).toContain('<td>Bartholomew Quinn</td><td class="num">1</td><td class="num">1</td>');
    expect(page).toContain('<td>Ida Ready</td><td class="num">0</td><td class="num">0</td>');
    expect(page).not.toContain('Never Came');
    expect(page).toContain('id="letter-settings-missing"');

    const all = await (await get(t.app, `${base}/print`, { cookie })).text();
    expect(all.match(/<article class="letter"/g)).toHaveLength(2);
    const one = await (await get(t.app, `${base}/print?volunteer=${here.id}`, { cookie })).text();
    expect(one.match(/<article class="letter"/g)).toHaveLength(1);
    expect(one).toContain('Ida checked in at the conference and stood ready to welcome first-time attendees.');
    expect((await get(t.app, `${base}/print?volunteer=abc`, { cookie })).status).toBe(404);
    expect((await get(t.app, `${base}/print?volunteer=99999`, { cookie })).status).toBe(404);
    expect(v.id).toBeGreaterThan(0);
  });
});
