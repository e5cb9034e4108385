// Matching rounds: Match now, the review page, publish and discard.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { matchRounds } from '../../../db/schema.ts';
import { auditOf, makeEvent, makeParticipant, reloadParticipant } from '../../helpers/factories.ts';
import { followToDashboard, signedInOrganizer } from '../../helpers/organizer.ts';
import { allPairs, livePairsOf, recordChanges, rosaAndMarcus } from '../../helpers/pairs.ts';
import { createTestApp, get, postForm } from '../../helpers/test-app.ts';

describe('event-day pages when signed out', () => {
  it('sends a visitor to the login and runs no round', async () => {
    const t = createTestApp();
    const { event } = rosaAndMarcus(t);
    const page = await get(t.app, `/admin/e/${event.slug}/pairs`);
    expect(page.status).toBe(303);
    expect(page.headers.get('Location')).toContain('/admin/login?next=');
    const post = await postForm(t.app, `/admin/e/${event.slug}/rounds`, {});
    expect(post.status).toBe(303);
    expect(post.headers.get('Location')).toBe('/admin/login');
    expect(t.db.select().from(matchRounds).all()).toHaveLength(0);
  });
});

describe('Match now → review → publish', () => {
  it('proposes a round, shows the pairs with their reasons, publishes it, and the pairs go live', async () => {
    const t = createTestApp();
    const { cookie, organizer } = signedInOrganizer(t);
    const { event, rosa, marcus } = rosaAndMarcus(t);
    const lonely = makeParticipant(t.db, event, { name: 'Lena Park', present: true });
    const changes = recordChanges(t, event);

    const propose = await postForm(t.app, `/admin/e/${event.slug}/rounds`, {}, { cookie });
    expect(propose.status).toBe(303);
    const round = t.db.select().from(matchRounds).where(eq(matchRounds.eventId, event.id)).get()!;
    expect(round).toMatchObject({ status: 'proposed', trigger: 'organizer', organizerId: organizer.id });
    expect(propose.headers.get('Location')).toBe(`/admin/e/${event.slug}/rounds/${round.id}`);
    expect(livePairsOf(t, event.id)).toHaveLength(0);

    const review = await get(t.app, `/admin/e/${event.slug}/rounds/${round.id}`, { cookie });
    expect(review.status).toBe(200);
    const reviewHtml = await review.text();
    const proposed = round.proposal.pairs[0]!;
    expect(proposed).toMatchObject({ firstTimerId: rosa.id, volunteerId: marcus.id });
    expect(reviewHtml).toContain('Rosa Diaz');
    expect(reviewHtml).toContain('Marcus Webb');
    expect(reviewHtml).toContain(proposed.reasons[0]!);
    expect(reviewHtml).toContain('Youth services');
    // Marcus takes one first-timer, so Lena stays unmatched, with the reason
    expect(reviewHtml).toMatch(/<li><strong>Lena Park<\/strong>: [^<]+<\/li>/);
    expect(reviewHtml).toContain(`action="/admin/e/${event.slug}/rounds/${round.id}/publish"`);
    expect(reviewHtml).toContain(`action="/admin/e/${event.slug}/rounds/${round.id}/discard"`);
    expect(reviewHtml).toContain('Started by Ana Organizer');

    const publish = await postForm(t.app, `/admin/e/${event.slug}/rounds/${round.id}/publish`, {}, { cookie });
    expect(publish.headers.get('Location')).toBe(`/admin/e/${event.slug}`);
    const live = livePairsOf(t, event.id);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ firstTimerId: rosa.id, volunteerId: marcus.id, status: 'published', roundId: round.id });
    expect(live[0]!.spotId).not.toBeNull();
    expect(live[0]!.meetAt).not.toBeNull();
    expect(reloadParticipant(t.db, lonely.id)?.status).toBe('present');
    expect(t.db.select().from(matchRounds).where(eq(matchRounds.id, round.id)).get()?.status).toBe('published');
    expect(changes.at(-1)).toMatchObject({ eventId: event.id, board: true });
    expect(changes.at(-1)!.participantIds.sort()).toEqual([rosa.id, marcus.id].sort());

    const dashboard = await followToDashboard(t, publish, cookie);
    expect(dashboard).toContain('Published 1 pair.');
    const pairsSection = dashboard.slice(dashboard.indexOf('id="live-pairs"'), dashboard.indexOf('id="pair-by-hand"'));
    expect(pairsSection).toContain(`id="pair-${live[0]!.id}"`);
    expect(pairsSection).toContain('Rosa Diaz');
    expect(pairsSection).toContain('Marcus Webb');
    expect(pairsSection).toMatch(/Spot [AB]/);
    const roundsSection = dashboard.slice(dashboard.indexOf('id="round-list"'), dashboard.indexOf('id="live-pairs"'));
    expect(roundsSection).toContain('Ana Organizer');
    expect(roundsSection).toContain('Published');
    expect(roundsSection).toContain('1 pair');
    const auditSection = dashboard.slice(dashboard.indexOf('id="audit-log"'));
    expect(auditSection).toContain('Published a round');
    expect(auditSection).toContain('Proposed a round');
    expect(auditOf(t.db, event.id).map((r) => [r.action, r.organizerId])).toEqual([
      ['propose-round', organizer.id],
      ['publish-round', organizer.id],
    ]);

    // a second publish of the same round changes nothing
    const again = await postForm(t.app, `/admin/e/${event.slug}/rounds/${round.id}/publish`, {}, { cookie });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already published or discarded');
    expect(livePairsOf(t, event.id)).toHaveLength(1);
  });

  it('comes back to the dashboard with a notice and makes no round when nobody is waiting', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    makeParticipant(t.db, event, { role: 'volunteer', present: true });
    const res = await postForm(t.app, `/admin/e/${event.slug}/rounds`, {}, { cookie });
    expect(res.headers.get('Location')).toBe(`/admin/e/${event.slug}`);
    const html = await followToDashboard(t, res, cookie);
    expect(html).toContain('Nobody is waiting for a buddy right now');
    expect(t.db.select().from(matchRounds).all()).toHaveLength(0);
  });

  it('discards a proposed round without making pairs', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = rosaAndMarcus(t);
    await postForm(t.app, `/admin/e/${event.slug}/rounds`, {}, { cookie });
    const round = t.db.select().from(matchRounds).get()!;
    const res = await postForm(t.app, `/admin/e/${event.slug}/rounds/${round.id}/discard`, {}, { cookie });
    const html = await followToDashboard(t, res, cookie);
    expect(html).toContain('Discarded the round');
    expect(t.db.select().from(matchRounds).get()?.status).toBe('discarded');
    expect(allPairs(t)).toHaveLength(0);
  });

  it('answers 404 for a round of another event and publishes nothing', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = rosaAndMarcus(t);
    const other = rosaAndMarcus(t).event;
    await postForm(t.app, `/admin/e/${other.slug}/rounds`, {}, { cookie });
    const foreign = t.db.select().from(matchRounds).where(eq(matchRounds.eventId, other.id)).get()!;
    expect((await get(t.app, `/admin/e/${event.slug}/rounds/${foreign.id}`, { cookie })).status).toBe(404);
    expect((await get(t.app, `/admin/e/${event.slug}/rounds/abc`, { cookie })).status).toBe(404);
    expect((await postForm(t.app, `/admin/e/${event.slug}/rounds/${foreign.id}/publish`, {}, { cookie })).status).toBe(404);
    expect((await postForm(t.app, `/admin/e/${event.slug}/rounds/${foreign.id}/discard`, {}, { cookie })).status).toBe(404);
    expect(t.db.select().from(matchRounds).where(eq(matchRounds.id, foreign.id)).get()?.status).toBe('proposed');
    expect(allPairs(t)).toHaveLength(0);
  });
});
