import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, participants } from '../../db/schema.ts';
import { requestBuddy, updateRequestCap, withdrawBuddyRequest } from '../../src/domain/buddy-requests.ts';
import { defaultEventSettings } from '../../src/domain/events.ts';
import { loadProfiles, toMatcherFirstTimer } from '../../src/domain/matching-input.ts';
import { loadProgramReportInput } from '../../src/domain/program-report-input.ts';
import { proposeRound, publishRound } from '../../src/domain/rounds.ts';
import { requestedReason } from '../../src/matcher/index.ts';
import { eventDay } from '../helpers/event-day.ts';

type T = ReturnType<typeof eventDay>;

function ask(t: T, firstTimerId: number, volunteerId: number) {
  const result = requestBuddy(t.db, t.event, t.person(firstTimerId), volunteerId, t.clock.now());
  if (!result.ok) throw new Error(`request refused: ${result.reason}`);
}

function matcherFirstTimer(t: T, id: number) {
  return toMatcherFirstTimer(loadProfiles(t.db, [t.person(id)])[0]!);
}

function roundPairs(t: T) {
  const result = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
  if (!result.ok) throw new Error(result.reason);
  return result.round.proposal.pairs;
}

describe('buddy requests in the matcher input', () => {
  it("reach the first-timer's requested ids, only while the volunteer is listed and in the program", () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const vera = t.volunteer('Vera Volk', { listed: true });
    const walt = t.volunteer('Walt Wide', { listed: true });
    const bo = t.firstTimer('Bo Brandt');
    expect(matcherFirstTimer(t, ana.id).requested).toEqual([]);
    ask(t, ana.id, vera.id);
    ask(t, ana.id, walt.id);
    expect(matcherFirstTimer(t, ana.id).requested).toEqual([String(vera.id), String(walt.id)]);
    expect(matcherFirstTimer(t, bo.id).requested).toEqual([]);

    t.db.update(participants).set({ listed: false }).where(eq(participants.id, vera.id)).run();
    t.db.update(participants).set({ status: 'withdrawn' }).where(eq(participants.id, walt.id)).run();
    expect(matcherFirstTimer(t, ana.id).requested).toEqual([]);
    t.db.update(participants).set({ listed: true }).where(eq(participants.id, vera.id)).run();
    expect(matcherFirstTimer(t, ana.id).requested).toEqual([String(vera.id)]);

    withdrawBuddyRequest(t.db, t.event, t.person(ana.id), vera.id, t.clock.now());
    expect(matcherFirstTimer(t, ana.id).requested).toEqual([]);
  });
});

describe('buddy requests in a real round', () => {
  it('honours a request that leaves nobody unmatched, over a shared interest', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez', { interests: [t.interests.youth] });
    const bo = t.firstTimer('Bo Brandt');
    const vera = t.volunteer('Vera Volk', { interests: [t.interests.youth], listed: true });
    const walt = t.volunteer('Walt Wide', { listed: true });
    ask(t, ana.id, walt.id);
    const pairs = roundPairs(t);
    expect(pairs.map((p) => [p.firstTimerId, p.volunteerId]).sort()).toEqual([
      [ana.id, walt.id],
      [bo.id, vera.id],
    ].sort());
    expect(pairs.find((p) => p.firstTimerId === ana.id)!.reasons).toContain(requestedReason);
  });

  it('does not honour a request that would leave another first-timer unmatched', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez', { languages: ['English'] });
    const bo = t.firstTimer('Bo Brandt', { languages: ['Spanish'] });
    const vera = t.volunteer('Vera Volk', { languages: ['English', 'Spanish'], listed: true });
    const walt = t.volunteer('Walt Wide', { languages: ['English'], listed: true });
    ask(t, ana.id, vera.id);
    const pairs = roundPairs(t);
    expect(pairs.map((p) => [p.firstTimerId, p.volunteerId]).sort()).toEqual([
      [ana.id, walt.id],
      [bo.id, vera.id],
    ].sort());
  });

  it('is what the program report counts as "asked for", also for a pair an organizer made by hand', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const bo = t.firstTimer('Bo Brandt');
    const vera = t.volunteer('Vera Volk', { listed: true });
    const walt = t.volunteer('Walt Wide', { listed: true });
    ask(t, ana.id, vera.id);
    const result = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    if (!result.ok) throw new Error(result.reason);
    publishRound(t.db, t.event, { roundId: result.round.id, organizerId: t.organizerId, now: t.clock.now() });
    const report = loadProgramReportInput(t.db, t.event.id);
    expect(report.pairs.map((p) => [p.firstTimerId, p.volunteerId, p.requested]).sort()).toEqual([
      [ana.id, vera.id, true],
      [bo.id, walt.id, false],
    ].sort());
  });
});

describe('requestBuddy', () => {
  it('refuses once the first-timer has a buddy, and a volunteer with no room', () => {
    const t = eventDay();
    const ana = t.firstTimer('Ana Alvarez');
    const bo = t.firstTimer('Bo Brandt');
    const vera = t.volunteer('Vera Volk', { listed: true });
    const walt = t.volunteer('Walt Wide', { listed: true });
    const result = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    if (!result.ok) throw new Error(result.reason);
    publishRound(t.db, t.event, { roundId: result.round.id, organizerId: t.organizerId, now: t.clock.now() });
    const cy = t.firstTimer('Cy Chen');
    const paired = t.pairs().find((p) => p.firstTimerId === ana.id)!;
    const other = paired.volunteerId === vera.id ? walt : vera;
    expect(requestBuddy(t.db, t.event, t.person(ana.id), other.id, t.clock.now())).toEqual({ ok: false, reason: 'already-paired' });
    expect(requestBuddy(t.db, t.event, t.person(cy.id), vera.id, t.clock.now())).toEqual({ ok: false, reason: 'full' });
    expect(bo.id).toBeGreaterThan(0);
  });
});

describe('updateRequestCap', () => {
  it('stores the cap in the event settings and audits a change, once', () => {
    const t = eventDay();
    expect(defaultEventSettings(t.event.settings).requestCap).toBe(5);
    expect(updateRequestCap(t.db, { eventId: t.event.id, organizerId: t.organizerId, cap: 2, now: t.clock.now() })).toEqual({ ok: true, changed: true });
    expect(updateRequestCap(t.db, { eventId: t.event.id, organizerId: t.organizerId, cap: 2, now: t.clock.now() })).toEqual({ ok: true, changed: false });
    const stored = t.db.select().from(events).where(eq(events.id, t.event.id)).get()!;
    expect(stored.settings.requestCap).toBe(2);
    expect(stored.settings.weights).toEqual(t.event.settings.weights);
    expect(t.audit().map((a) => [a.action, a.detail])).toEqual([['request-cap-updated', 'requests per volunteer 5 → 2']]);
  });
});
