// A phone's live stream carries its own status fragment when something concerns it, so phones
// do not all call back for it after a round is published.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pairs, participantNotices, participantSessions, participants, programSessions } from '../../db/schema.ts';
import { makeEvent, makeParticipant } from '../helpers/factories.ts';
import { signedInOrganizer } from '../helpers/organizer.ts';
import { createTestApp, get, postForm, type TestApp } from '../helpers/test-app.ts';

type SseEvent = { event: string; data: string };

/** Reads SSE messages from a response body as they come. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const seen: SseEvent[] = [];
  return {
    seen,
    async next(wanted: (e: SseEvent) => boolean): Promise<SseEvent> {
      for (;;) {
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? '';
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          const e = { event, data };
          if (event) seen.push(e);
          if (event && wanted(e)) return e;
        }
        const { done, value } = await reader.read();
        if (done) throw new Error(`stream ended; saw ${seen.map((e) => e.event).join(', ')}`);
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

async function openStream(t: TestApp, slug: string, token: string) {
  const res = await get(t.app, `/e/${slug}/me/${token}/stream`);
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  return sseReader(res.body!);
}

describe('GET /e/:slug/me/:token/stream', () => {
  it('pushes each person their new buddy, rendered for them, when a round is published', async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const octavia = makeParticipant(t.db, event, { name: 'Octavia Reyes', present: true });
    const bart = makeParticipant(t.db, event, { role: 'volunteer', name: 'Bartholomew Quinn', capacity: 1, present: true });
    const bystander = makeParticipant(t.db, event, { role: 'volunteer', name: 'Nadia Byrne', present: false });
    // Octavia has the page open on two devices
    const phone = await openStream(t, event.slug, octavia.token);
    const tablet = await openStream(t, event.slug, octavia.token);
    const bartPhone = await openStream(t, event.slug, bart.token);
    const bystanderPhone = await openStream(t, event.slug, bystander.token);
    expect(t.app.live.size()).toBe(4 + 1); // the four streams and the event's one listener for phones

    const proposed = await postForm(t.app, `/admin/e/${event.slug}/rounds`, {}, { cookie });
    const published = await postForm(t.app, `${proposed.headers.get('Location')}/publish`, {}, { cookie });
    expect(published.status).toBe(303);

    for (const stream of [phone, tablet]) {
      const pushed = await stream.next((e) => e.event === 'status');
      expect(pushed.data).toContain('id="me-status"');
      expect(pushed.data).toContain('sse-swap="status"');
      expect(pushed.data).toContain('Your buddy: Bartholomew Q.');
      expect(pushed.data).toContain(`/e/${event.slug}/me/${octavia.token}/pairs/`);
      expect(pushed.data).not.toContain('Quinn');
    }
    const bartsOwn = await bartPhone.next((e) => e.event === 'status');
    expect(bartsOwn.data).toContain('Your first-timer: Octavia R.');
    expect(bartsOwn.data).not.toContain('Your buddy:');

    // someone the round did not concern hears nothing of it; their own check-in reaches them as their own
    const checkIn = await postForm(t.app, `/admin/e/${event.slug}/participants/${bystander.id}/check-in`, {}, { cookie });
    expect(checkIn.status).toBeLessThan(400);
    const own = await bystanderPhone.next((e) => e.event === 'status');
    expect(own.data).toContain('Checked in');
    expect(bystanderPhone.seen.filter((e) => e.event === 'status')).toHaveLength(1);

    for (const stream of [phone, tablet, bartPhone, bystanderPhone]) await stream.cancel();
    expect(t.app.live.size()).toBe(0);
  });

  it('sends a reconnecting phone its status at once', async () => {
    const t = createTestApp();
    const { event } = makeEvent(t.db);
    const octavia = makeParticipant(t.db, event, { name: 'Octavia Reyes', present: true });
    const res = await t.app.request(`http://buddydesk.test/e/${event.slug}/me/${octavia.token}/stream`, { headers: { 'Last-Event-ID': '0' } });
    const stream = sseReader(res.body!);
    expect((await stream.next((e) => e.event === 'status')).data).toContain('We&#39;re finding you a buddy.');
    await stream.cancel();
  });

  it("renders a batch of people together exactly as each one's own /status answer", async () => {
    const t = createTestApp();
    const { cookie } = signedInOrganizer(t);
    const { event } = makeEvent(t.db);
    const now = t.clock.now();
    // a volunteer with two first-timers, contact shared with one of them; nothing in common to talk
    // about, so each pair gets an opener: a session right after the meetup, the one Bo plans for Bo's
    const session = (code: string, title: string) =>
      t.db
        .insert(programSessions)
        .values({ eventId: event.id, code, title, startsAt: '2026-10-14T11:00', endsAt: '2026-10-14T12:00' })
        .returning()
        .get();
    session('L1', 'Late Linked Data');
    const teens = session('L2', 'Late Teen Book Clubs');
    const ana = makeParticipant(t.db, event, { name: 'Ana Alvarez', present: true, consentContact: true, email: 'ana@example.org' });
    const bo = makeParticipant(t.db, event, { name: 'Bo Berg', present: true });
    t.db.insert(participantSessions).values({ participantId: bo.id, sessionId: teens.id }).run();
    const vera = makeParticipant(t.db, event, { role: 'volunteer', name: 'Vera Voss', capacity: 2, present: true, consentContact: true, email: 'vera@example.org' });
    const proposed = await postForm(t.app, `/admin/e/${event.slug}/rounds`, {}, { cookie });
    expect((await postForm(t.app, `${proposed.headers.get('Location')}/publish`, {}, { cookie })).status).toBe(303);
    // someone waiting for a rematch, and a planned pair before the day
    const wen = makeParticipant(t.db, event, { name: 'Wen Wu', present: true });
    t.db.update(participants).set({ waitingSince: now }).where(eq(participants.id, wen.id)).run();
    const pia = makeParticipant(t.db, event, { name: 'Pia Park' });
    const paul = makeParticipant(t.db, event, { role: 'volunteer', name: 'Paul Pike' });
    t.db.insert(pairs).values({ eventId: event.id, firstTimerId: pia.id, volunteerId: paul.id, status: 'planned', createdAt: now }).run();
    // notices, for one with a buddy and one with a plan
    for (const who of [ana, paul]) t.db.insert(participantNotices).values({ participantId: who.id, text: `A notice for #${who.id}`, createdAt: now }).run();

    const people = [ana, bo, vera, wen, pia, paul];
    const streams = await Promise.all(people.map((p) => openStream(t, event.slug, p.token)));
    // one change for all of them: one batch
    t.app.live.publish({ eventId: event.id, participantIds: people.map((p) => p.id), board: false });
    for (const [i, person] of people.entries()) {
      const pushed = await streams[i]!.next((e) => e.event === 'status');
      const own = await get(t.app, `/e/${event.slug}/me/${person.token}/status`);
      expect(own.status).toBe(200);
      expect(pushed.data).toBe(await own.text());
    }
    const fragment = async (p: { token: string }) => (await get(t.app, `/e/${event.slug}/me/${p.token}/status`)).text();
    // the setup shows what it means to: each person's own state, not a neighbour's
    expect(await fragment(ana)).toContain('Your buddy: Vera V.');
    expect(await fragment(ana)).toContain('vera@example.org');
    expect(await fragment(ana)).toContain(`A notice for #${ana.id}`);
    expect(await fragment(bo)).not.toContain('vera@example.org');
    expect(await fragment(ana)).toContain('Late Linked Data');
    expect(await fragment(bo)).toContain('Late Teen Book Clubs');
    expect(await fragment(vera)).toContain('Ana A.');
    expect(await fragment(vera)).toContain('Bo B.');
    expect(await fragment(vera)).not.toContain('A notice for');
    expect(await fragment(pia)).toContain('Paul P.');
    expect(await fragment(paul)).toContain(`A notice for #${paul.id}`);
    for (const stream of streams) await stream.cancel();
  });
});
