import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, events, participants } from '../../../db/schema.ts';
import { eventEnd, pairedEvent } from '../../helpers/after-event.ts';
import { makeEvent, makeParticipant, reloadParticipant } from '../../helpers/factories.ts';
import { followToDashboard, signedInOrganizer } from '../../helpers/organizer.ts';
import { pinnedPair, presentPair } from '../../helpers/pairs.ts';
import { createTestApp, get, postForm } from '../../helpers/test-app.ts';

describe('GET /admin/e/:slug/participants/:id/erase', () => {
  it('shows what erasing does and asks for confirmation, linked from the participant list', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Delgado', email: 'rosa@example.org' });
    const dashboard = await (await get(t.app, `/admin/e/${event.slug}`, { cookie })).text();
    expect(dashboard).toContain(`href="/admin/e/${event.slug}/participants/${p.id}/erase"`);
    const res = await get(t.app, `/admin/e/${event.slug}/participants/${p.id}/erase`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Erase Rosa Delgado&#39;s data?');
    expect(html).toContain('name="confirm"');
    expect(reloadParticipant(t.db, p.id)).toEqual(p);
  });

  it('needs a signed-in organizer', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event);
    const res = await get(t.app, `/admin/e/${event.slug}/participants/${p.id}/erase`);
    expect(res.status).toBe(303);
  });
});

describe('POST /admin/e/:slug/participants/:id/erase', () => {
  it('erases a pre-registered person on request and audits it without the name', async () => {
    const t = createTestApp();
    const { organizer, cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Delgado', email: 'rosa@example.org' });
    t.db.update(participants).set({ importedAt: t.clock.now() }).where(eq(participants.id, p.id)).run();

    const res = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/erase`, { confirm: 'yes' }, { cookie });
    const html = await followToDashboard(t, res, cookie);
    expect(html).toContain(`Erased the personal data of participant #${p.id}.`);
    expect(html).not.toContain('Rosa');
    expect(reloadParticipant(t.db, p.id)).toMatchObject({ name: 'Erased participant', email: null });
    const audit = t.db.select().from(auditLog).where(eq(auditLog.eventId, event.id)).all().at(-1)!;
    expect(audit).toMatchObject({ action: 'erase', organizerId: organizer.id, detail: `an organizer erased participant #${p.id} on their request` });
    expect((await get(t.app, `/e/${event.slug}/me/${p.token}`)).status).toBe(404);
    const links = await (await get(t.app, `/admin/e/${event.slug}/preregistration/links.csv`, { cookie })).text();
    expect(links).not.toContain('Rosa');
    expect(links).not.toContain('erased-');
  });

  it('re-renders with 422 and erases nothing without the confirmation', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Delgado' });
    const res = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/erase`, {}, { cookie });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Tick the box to confirm. Nothing was erased.');
    expect(reloadParticipant(t.db, p.id)).toEqual(p);
  });

  it('answers 404 for someone of another event, or already erased, and changes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const { event: other } = makeEvent(t.db);
    const p = makeParticipant(t.db, other, { name: 'Rosa Delgado' });
    expect((await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/erase`, { confirm: 'yes' }, { cookie })).status).toBe(404);
    expect(reloadParticipant(t.db, p.id)).toEqual(p);
    await postForm(t.app, `/admin/e/${other.slug}/participants/${p.id}/erase`, { confirm: 'yes' }, { cookie });
    const erased = reloadParticipant(t.db, p.id);
    const auditCount = t.db.select().from(auditLog).all().length;
    expect((await postForm(t.app, `/admin/e/${other.slug}/participants/${p.id}/erase`, { confirm: 'yes' }, { cookie })).status).toBe(404);
    expect(reloadParticipant(t.db, p.id)).toEqual(erased);
    expect(t.db.select().from(auditLog).all()).toHaveLength(auditCount);
  });

  it('erases someone of an archived event on request', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Delgado' });
    t.db.update(events).set({ archivedAt: t.clock.now() }).where(eq(events.id, event.id)).run();
    expect((await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, {}, { cookie })).status).toBe(409);
    expect((await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/erase`, { confirm: 'yes' }, { cookie })).status).toBe(303);
    expect(reloadParticipant(t.db, p.id)!.name).toBe('Erased participant');
  });

  it('refuses to check in someone erased', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const p = makeParticipant(t.db, event, { name: 'Rosa Delgado' });
    await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/erase`, { confirm: 'yes' }, { cookie });
    const res = await postForm(t.app, `/admin/e/${event.slug}/participants/${p.id}/check-in`, {}, { cookie });
    expect(res.status).toBe(404);
    expect(reloadParticipant(t.db, p.id)!.status).toBe('registered');
  });

  it('leaves no page or export naming the person: board, dashboard, exports, letters, desk sheet, report, audit', async () => {
    const t = createTestApp();
    const { event, ft, v } = pairedEvent(t, { met: true });
    const { cookie } = signedInOrganizer(t, 'lead@example.org');
    // Octavia Reyes is the first-timer; Bartholomew Quinn, her volunteer, asks to be erased
    expect((await postForm(t.app, `/admin/e/${event.slug}/participants/${v.id}/erase`, { confirm: 'yes' }, { cookie })).status).toBe(303);
    const pages = [
      `/e/${event.slug}/board`,
      `/admin/e/${event.slug}`,
      `/admin/e/${event.slug}/participants?q=`,
      `/admin/e/${event.slug}/audit`,
      `/admin/e/${event.slug}/desk-sheet`,
      `/admin/e/${event.slug}/exports/people.csv`,
      `/admin/e/${event.slug}/exports/pairs.csv`,
      `/admin/e/${event.slug}/exports/audit.csv`,
      `/e/${event.slug}/me/${ft.token}`,
    ];
    for (const path of pages) {
      const res = await get(t.app, path, { cookie });
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body, path).not.toContain('Bartholomew');
      expect(body, path).not.toContain('Quinn');
    }
    t.clock.set(eventEnd);
    const { cookie: later } = signedInOrganizer(t, 'late@example.org');
    for (const path of [`/admin/e/${event.slug}/letters`, `/admin/e/${event.slug}/report`, `/admin/e/${event.slug}/feedback`]) {
      const res = await get(t.app, path, { cookie: later });
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toContain('Bartholomew');
    }
    const people = await (await get(t.app, `/admin/e/${event.slug}/exports/people.csv`, { cookie: later })).text();
    expect(people).not.toContain('Erased participant');
    expect(people).toContain('Octavia Reyes');
  });

  it('ends the unmet pair of a first-timer erased on the day and gives the volunteer the place back', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event, firstTimer, volunteer } = presentPair(t, { firstTimer: { name: 'Octavia Reyes' } });
    pinnedPair(t, event, firstTimer.id, volunteer.id);
    await postForm(t.app, `/admin/e/${event.slug}/participants/${firstTimer.id}/erase`, { confirm: 'yes' }, { cookie });
    expect(reloadParticipant(t.db, volunteer.id)!.status).toBe('present');
    expect(reloadParticipant(t.db, firstTimer.id)!.status).toBe('withdrawn');
    const audit = t.db.select().from(auditLog).where(eq(auditLog.eventId, event.id)).all();
    expect(JSON.stringify(audit)).not.toContain('Octavia');
    expect(audit.at(-1)!.detail).toContain('1 unmet pair ended');
  });
});
