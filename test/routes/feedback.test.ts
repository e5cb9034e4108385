import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { feedbackResponses, participants } from '../../db/schema.ts';
import { openFeedbackNow } from '../../src/domain/feedback-invitations.ts';
import { eventEnd, feedbackClose, pairedEvent } from '../helpers/after-event.ts';
import { createTestApp, get, postForm, testOrigin, type TestApp } from '../helpers/test-app.ts';

const answer = { met: 'once', rating: '4', again: 'yes', comment: 'Bart showed me the exhibit hall.', mayContact: 'yes' };

const responsesOf = (t: TestApp, participantId: number) =>
  t.db.select().from(feedbackResponses).where(eq(feedbackResponses.participantId, participantId)).all();

function afterTheEvent() {
  const t = createTestApp();
  const paired = pairedEvent(t, { met: true });
  t.clock.set(new Date(eventEnd.getTime() + 60_000));
  return { t, ...paired, me: `/e/${paired.event.slug}/me/${paired.ft.token}` };
}

describe('feedback on GET /e/:slug/me/:token', () => {
  it('shows no feedback form while the event is on', async () => {
    const t = createTestApp();
    const { event, ft } = pairedEvent(t);
    const html = await (await get(t.app, `/e/${event.slug}/me/${ft.token}`)).text();
    expect(html).not.toContain('id="feedback"');
    expect(html).not.toContain('How was it?');
  });

  it('shows the three questions as radio buttons once the event has ended, with the last day to answer', async () => {
    const { t, me } = afterTheEvent();
    const html = await (await get(t.app, me)).text();
    expect(html).toContain('<h2 id="feedback-heading">How was it?</h2>');
    expect(html).toContain('Did you meet your buddy?');
    expect(html).toContain('How good a match was it?');
    expect(html).toContain('Would you volunteer as a buddy next year?');
    for (const [name, value] of [['met', 'no'], ['met', 'once'], ['met', 'more'], ['rating', '1'], ['rating', '5'], ['again', 'maybe']]) {
      expect(html).toContain(`type="radio" name="${name}" value="${value}"`);
    }
    expect(html).toContain(`action="${me}/feedback"`);
    expect(html).toContain('until the end of Thursday, November 5');
  });

  it('asks a volunteer whether they would volunteer again', async () => {
    const { t, event, v } = afterTheEvent();
    const html = await (await get(t.app, `/e/${event.slug}/me/${v.token}`)).text();
    expect(html).toContain('Did you meet your first-timers?');
    expect(html).toContain('Would you volunteer again?');
  });

  it('says feedback has closed after its last day, and thanks someone who answered', async () => {
    const { t, me, ft, event } = afterTheEvent();
    await postForm(t.app, `${me}/feedback`, answer);
    t.clock.set(feedbackClose);
    const html = await (await get(t.app, me)).text();
    expect(html).not.toContain('How was it?');
    expect(html).toContain('Feedback closed at the end of Thursday, November 5. Thank you for yours!');
    expect(responsesOf(t, ft.id)).toHaveLength(1);
    expect(event.id).toBeGreaterThan(0);
  });

  it('opens early when an organizer opens feedback', async () => {
    const t = createTestApp();
    const { event, ft, organizer } = pairedEvent(t);
    expect(openFeedbackNow(t.db, { eventId: event.id, organizerId: organizer.id, now: t.clock.now(), publicUrl: testOrigin }).ok).toBe(true);
    const html = await (await get(t.app, `/e/${event.slug}/me/${ft.token}`)).text();
    expect(html).toContain('How was it?');
    // opened on October 14: 21 days are October 14 to November 3
    expect(html).toContain('until the end of Tuesday, November 3');
  });

  it('records the first visit after the invitations as "opened", and only the first', async () => {
    const t = createTestApp();
    const { event, ft, organizer } = pairedEvent(t);
    await get(t.app, `/e/${event.slug}/me/${ft.token}`);
    const seen = () => t.db.select().from(participants).where(eq(participants.id, ft.id)).get()!.feedbackSeenAt;
    expect(seen()).toBeNull();
    openFeedbackNow(t.db, { eventId: event.id, organizerId: organizer.id, now: t.clock.now(), publicUrl: testOrigin });
    t.clock.advance(60_000);
    const firstVisit = t.clock.now();
    await get(t.app, `/e/${event.slug}/me/${ft.token}`);
    t.clock.advance(60_000);
    await get(t.app, `/e/${event.slug}/me/${ft.token}`);
    expect(seen()).toEqual(firstVisit);
  });
});

describe('POST /e/:slug/me/:token/feedback', () => {
  it('saves the answer and redirects to the personal page with 303', async () => {
    const { t, me, ft } = afterTheEvent();
    const res = await postForm(t.app, `${me}/feedback`, answer);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${me}?notice=feedback#feedback`);
    const [row] = responsesOf(t, ft.id);
    expect(row).toMatchObject({ met: 'once', rating: 4, again: 'yes', comment: 'Bart showed me the exhibit hall.', mayContact: true });
    const page = await (await get(t.app, `${me}?notice=feedback`)).text();
    expect(page).toContain('Thank you! Your answers are saved.');
    expect(page).toContain('type="radio" name="rating" value="4" checked=""');
    expect(page).toContain('Save my answers');
  });

  it('keeps one answer per person: a second post changes it in place', async () => {
    const { t, me, ft } = afterTheEvent();
    await postForm(t.app, `${me}/feedback`, answer);
    t.clock.advance(3_600_000);
    const res = await postForm(t.app, `${me}/feedback`, { met: 'more', rating: '5', again: 'maybe' });
    expect(res.status).toBe(303);
    const rows = responsesOf(t, ft.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ met: 'more', rating: 5, again: 'maybe', comment: '', mayContact: false });
    expect(rows[0]!.updatedAt.getTime()).toBeGreaterThan(rows[0]!.createdAt.getTime());
  });

  it('lets someone who did not meet their buddy leave the rating out', async () => {
    const { t, me, ft } = afterTheEvent();
    const res = await postForm(t.app, `${me}/feedback`, { met: 'no', rating: '', again: 'no' });
    expect(res.status).toBe(303);
    expect(responsesOf(t, ft.id)[0]).toMatchObject({ met: 'no', rating: null, again: 'no' });
  });

  it('re-renders the form with 422, the errors next to their questions and the answers kept, and saves nothing', async () => {
    const { t, me, ft } = afterTheEvent();
    const res = await postForm(t.app, `${me}/feedback`, { met: 'once', again: '', comment: 'Lovely.' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Please check the answers marked below. Nothing was saved.');
    expect(html).toMatch(/id="feedback-rating-error">Choose how good a match it was, from 1 to 5</);
    expect(html).toMatch(/id="feedback-again-error">Choose yes, maybe or no</);
    expect(html).not.toContain('id="feedback-met-error"');
    expect(html).toContain('type="radio" name="met" value="once" checked=""');
    expect(html).toContain('>Lovely.</textarea>');
    expect(responsesOf(t, ft.id)).toEqual([]);
  });

  it.each([
    ['a rating of 7', { ...answer, rating: '7' }, 'rating'],
    ['a rating of 4.5', { ...answer, rating: '4.5' }, 'rating'],
    ['an unknown "met"', { ...answer, met: 'twice' }, 'met'],
    ['an unknown "again"', { ...answer, again: 'sure' }, 'again'],
    ['a comment of 2001 characters', { ...answer, comment: 'x'.repeat(2001) }, 'comment'],
  ])('refuses %s with 422 and saves nothing', async (_, fields, field) => {
    const { t, me, ft } = afterTheEvent();
    const res = await postForm(t.app, `${me}/feedback`, fields);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`id="feedback-${field}-error"`);
    expect(responsesOf(t, ft.id)).toEqual([]);
  });

  it('refuses an answer before feedback opens with 409 and a clear message, and saves nothing', async () => {
    const t = createTestApp();
    const { event, ft } = pairedEvent(t);
    const res = await postForm(t.app, `/e/${event.slug}/me/${ft.token}/feedback`, answer);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Feedback opens when the conference ends; we will e-mail you then. Nothing was saved.');
    expect(responsesOf(t, ft.id)).toEqual([]);
  });

  it('refuses an answer after feedback closed with 409, and changes nothing', async () => {
    const { t, me, ft } = afterTheEvent();
    await postForm(t.app, `${me}/feedback`, answer);
    t.clock.set(new Date(feedbackClose.getTime() - 1));
    expect((await postForm(t.app, `${me}/feedback`, { ...answer, rating: '3' })).status).toBe(303);
    t.clock.set(feedbackClose);
    const res = await postForm(t.app, `${me}/feedback`, { ...answer, rating: '1' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Feedback closed at the end of Thursday, November 5. Nothing was saved.');
    expect(responsesOf(t, ft.id)[0]!.rating).toBe(3);
  });

  it('answers a wrong personal link with 404 and writes nothing', async () => {
    const { t, event } = afterTheEvent();
    const res = await postForm(t.app, `/e/${event.slug}/me/${'A'.repeat(43)}/feedback`, answer);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('This personal link is not valid.');
    expect(t.db.select().from(feedbackResponses).all()).toEqual([]);
  });

  it('answers htmx with the form fragment: saved, or with its errors and 422', async () => {
    const { t, me, ft } = afterTheEvent();
    const refused = await postForm(t.app, `${me}/feedback`, { met: 'more' }, { htmx: true });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toMatch(/^<section id="feedback"/);
    expect(refusedHtml).toContain('id="feedback-rating-error"');
    const saved = await postForm(t.app, `${me}/feedback`, answer, { htmx: true });
    expect(saved.status).toBe(200);
    const savedHtml = await saved.text();
    expect(savedHtml).toMatch(/^<section id="feedback"/);
    expect(savedHtml).toContain('Thank you! Your answers are saved.');
    expect(responsesOf(t, ft.id)).toHaveLength(1);
  });
});

describe('GET /e/:slug/me/:token/feedback', () => {
  it('shows the form on a page of its own while feedback is open', async () => {
    const { t, me } = afterTheEvent();
    const res = await get(t.app, `${me}/feedback`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('How was it?');
    expect(html).toContain(`href="${me}"`);
  });

  it('sends to the personal page before feedback opens', async () => {
    const t = createTestApp();
    const { event, ft } = pairedEvent(t);
    const res = await get(t.app, `/e/${event.slug}/me/${ft.token}/feedback`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/e/${event.slug}/me/${ft.token}#feedback`);
  });
});
