// The pre-event round and its planned pairs, through the domain: who it is for, the planned state,
// the introductions, going live when both check in, the release at the hold time, and ending one.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox, participants } from '../../db/schema.ts';
import { requestDifferentBuddy } from '../../src/domain/buddy-actions.ts';
import { loadRequestsView, requestBuddy } from '../../src/domain/buddy-requests.ts';
import { loadVolunteerDirectory } from '../../src/domain/volunteer-directory.ts';
import { runDueAutoWork } from '../../src/domain/auto-work.ts';
import { checkInParticipant, countParticipants } from '../../src/domain/participants.ts';
import {
  checkInForPlannedPairs,
  endPlannedPair,
  findPlannedBuddies,
  introductionKind,
  plannedHoldEndsAt,
  proposePreEventRound,
  runDuePlannedPairs,
} from '../../src/domain/planned-pairs.ts';
import { pinPair } from '../../src/domain/pairs.ts';
import { eraseParticipant, plannedBuddyLeftTexts } from '../../src/domain/erasure.ts';
import { findMyPairs } from '../../src/domain/pair-views.ts';
import { purgeEvent } from '../../src/domain/retention.ts';
import { proposeRound, publishRound } from '../../src/domain/rounds.ts';
import { at, eventDay, MINUTE } from '../helpers/event-day.ts';

// a week before the conference (America/New_York, first day 2026-10-14, planned pairs hold until 11:00)
const before = at('2026-10-07T15:00:00Z');
const publicUrl = 'http://buddydesk.test';

function beforeTheEvent(settings: Parameters<typeof eventDay>[0] = {}) {
  const t = eventDay({ now: before, ...settings });
  // registered from home: not here yet
  const ft = (name: string, extra: Parameters<typeof t.firstTimer>[1] = {}) => t.firstTimer(name, { present: false, ...extra });
  const vol = (name: string, extra: Parameters<typeof t.volunteer>[1] = {}) => t.volunteer(name, { present: false, ...extra });
  const plan = () => {
    const proposed = proposePreEventRound(t.db, t.event, { organizerId: t.organizerId, now: t.clock.now() });
    if (!proposed.ok) throw new Error(proposed.reason);
    const published = publishRound(t.db, t.event, { roundId: proposed.round.id, organizerId: t.organizerId, now: t.clock.now(), publicUrl });
    if (!published.ok) throw new Error(published.reason);
    return { round: proposed.round, published };
  };
  const introductions = () =>
    t.db.select().from(mailOutbox).where(and(eq(mailOutbox.eventId, t.event.id), eq(mailOutbox.kind, introductionKind))).all();
  return { ...t, ft, vol, plan, introductions };
}

/** The plain case: Ana and Vera, registered from home, planned together by a published pre-event round. */
function anaAndVeraPlanned(settings: Parameters<typeof beforeTheEvent>[0] = {}) {
  const t = beforeTheEvent(settings);
  const ana = t.ft('Ana Alvarez');
  const vera = t.vol('Vera Volk');
  t.plan();
  return { t, ana, vera };
}

describe('proposePreEventRound', () => {
  it('pairs only people registered and not yet here, as a pre-event proposal', () => {
    const t = beforeTheEvent();
    const ana = t.ft('Ana Alvarez', { interests: [t.interests.youth] });
    const vera = t.vol('Vera Volk', { interests: [t.interests.youth] });
    t.firstTimer('Paula Present');
    t.volunteer('Pete Present', { capacity: 3 });
    const proposed = proposePreEventRound(t.db, t.event, { organizerId: t.organizerId, now: t.clock.now() });
    expect(proposed.ok).toBe(true);
    if (!proposed.ok) return;
    expect(proposed.round).toMatchObject({ kind: 'pre-event', status: 'proposed' });
    expect(proposed.round.proposal.pairs.map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[ana.id, vera.id]]);
    expect(proposed.round.proposal.pairs[0]!.reasons.join(' ')).toContain('Youth services');
    expect(proposed.round.proposal.unmatched).toEqual([]);
    expect(t.pairs()).toEqual([]);
    expect(t.audit().map((a) => a.action)).toEqual(['propose-pre-event-round']);
  });

  it('refuses when every first-timer not yet here already has a planned buddy', () => {
    const { t } = anaAndVeraPlanned();
    expect(proposePreEventRound(t.db, t.event, { organizerId: t.organizerId, now: t.clock.now() })).toEqual({ ok: false, reason: 'nobody-waiting' });
  });

  it('leaves a volunteer out once their planned pairs fill their capacity', () => {
    const { t } = anaAndVeraPlanned();
    const bo = t.ft('Bo Brown');
    const proposed = proposePreEventRound(t.db, t.event, { organizerId: t.organizerId, now: t.clock.now() });
    expect(proposed.ok && proposed.round.proposal).toMatchObject({ pairs: [], unmatched: [{ firstTimerId: bo.id, reason: 'no volunteer registered with room' }] });
  });
});

describe('publishing a pre-event round', () => {
  it('makes planned pairs without a spot or time; both stay registered and both see the buddy-to-be', () => {
    const t = beforeTheEvent();
    const ana = t.ft('Ana Alvarez', { interests: [t.interests.youth], pronouns: 'she/her' });
    const vera = t.vol('Vera Volk Martinez', { interests: [t.interests.youth], pronouns: 'they/them', bio: 'Teen librarian for twelve years.' });
    const { round, published } = t.plan();
    expect(published).toMatchObject({ published: 1, skipped: 0, board: false });
    expect(published.participantIds.sort()).toEqual([ana.id, vera.id].sort());
    const [pair] = t.pairs();
    expect(pair).toMatchObject({ status: 'planned', roundId: round.id, firstTimerId: ana.id, volunteerId: vera.id, spotId: null, meetAt: null });
    expect(t.person(ana.id).status).toBe('registered');
    expect(t.person(vera.id).status).toBe('registered');

    const [forAna] = findPlannedBuddies(t.db, t.event, t.person(ana.id));
    expect(forAna).toMatchObject({ pairId: pair!.id, name: 'Vera M.', pronouns: 'they/them', bio: 'Teen librarian for twelve years.', email: null, buddyHere: false });
    expect(forAna!.reasons.join(' ')).toContain('Youth services');
    expect(forAna!.holdUntil).toEqual(at('2026-10-14T15:00:00Z'));
    const [forVera] = findPlannedBuddies(t.db, t.event, t.person(vera.id));
    expect(forVera).toMatchObject({ name: 'Ana A.', pronouns: 'she/her', bio: '' });
    expect(t.audit().map((a) => a.action)).toEqual(['propose-pre-event-round', 'publish-pre-event-round']);
  });

  it('queues an introduction for each of the two, with the e-mail address only when both consented', () => {
    const t = beforeTheEvent();
    const ana = t.ft('Ana Alvarez', { email: 'ana@example.org', consentContact: true, interests: [t.interests.youth] });
    const vera = t.vol('Vera Volk', { email: 'vera@example.org', consentContact: true, interests: [t.interests.youth] });
    const bo = t.ft('Bo Brown', { email: 'bo@example.org', consentContact: false, interests: [t.interests.tech] });
    const walt = t.vol('Walt Wu', { email: 'walt@example.org', consentContact: true, interests: [t.interests.tech] });
    const { published } = t.plan();
    expect(published).toMatchObject({ published: 2, mailed: 4 });
    const mail = new Map(t.introductions().map((m) => [m.toAddress, m]));
    expect(mail.size).toBe(4);
    expect(mail.get('ana@example.org')).toMatchObject({ participantId: ana.id, status: 'queued' });
    expect(mail.get('ana@example.org')!.subject).toContain('Vera V.');
    expect(mail.get('ana@example.org')!.textBody).toContain('vera@example.org');
    expect(mail.get('ana@example.org')!.textBody).toContain(`${publicUrl}/e/${t.event.slug}/me/${ana.token}`);
    expect(mail.get('ana@example.org')!.textBody).toContain('Youth services');
    expect(mail.get('ana@example.org')!.textBody).toContain('11:00 AM on Wednesday, October 14');
    expect(mail.get('vera@example.org')!.textBody).toContain('ana@example.org');
    expect(mail.get('vera@example.org')!.participantId).toBe(vera.id);
    // Bo did not agree to share contact details: neither address travels
    expect(mail.get('bo@example.org')!.textBody).not.toContain('walt@example.org');
    expect(mail.get('walt@example.org')!.textBody).not.toContain('bo@example.org');
    expect(mail.get('walt@example.org')!.textBody).toContain("we don't pass on e-mail addresses");
    expect(findPlannedBuddies(t.db, t.event, t.person(bo.id))[0]!.email).toBeNull();
    expect(findPlannedBuddies(t.db, t.event, t.person(walt.id))[0]!.email).toBeNull();
  });

  it('skips a pair whose first-timer checked in meanwhile', () => {
    const t = beforeTheEvent();
    const ana = t.ft('Ana Alvarez');
    t.vol('Vera Volk');
    const proposed = proposePreEventRound(t.db, t.event, { organizerId: t.organizerId, now: t.clock.now() });
    if (!proposed.ok) throw new Error('no round');
    checkInParticipant(t.db, t.person(ana.id), t.clock.now());
    const published = publishRound(t.db, t.event, { roundId: proposed.round.id, organizerId: t.organizerId, now: t.clock.now(), publicUrl });
    expect(published).toMatchObject({ ok: true, published: 0, skipped: 1 });
    expect(t.pairs()).toEqual([]);
  });
});

describe('a planned pair and the volunteer directory', () => {
  it("answers the first-timer's request, and fills the volunteer's places in the directory", () => {
    const t = beforeTheEvent();
    const ana = t.ft('Ana Alvarez', { interests: [t.interests.youth] });
    t.vol('Priya Patel', { interests: [t.interests.youth], listed: true });
    const bart = t.vol('Bartholomew Quinn', { listed: true });
    const cy = t.ft('Cy Chen');
    const asked = requestBuddy(t.db, t.event, t.person(ana.id), bart.id, t.clock.now());
    expect(asked.ok).toBe(true);
    t.plan();
    // asked for beats a shared interest
    expect(t.pairs().find((p) => p.firstTimerId === ana.id)!.volunteerId).toBe(bart.id);
    expect(loadRequestsView(t.db, t.person(ana.id))).toMatchObject({ role: 'first_timer', buddyIds: [bart.id] });
    const cards = loadVolunteerDirectory(t.db, t.event, t.person(cy.id), {}).volunteers;
    expect(cards.find((c) => c.id === bart.id)!.full).toBe(true);
    // and, full, he can't be asked for any more
    expect(requestBuddy(t.db, t.event, t.person(cy.id), bart.id, t.clock.now())).toEqual({ ok: false, reason: 'full' });
  });
});

describe('a planned pair on the day', () => {
  it('holds its people out of the day rounds while it waits for the other to check in', () => {
    const { t, ana, vera } = anaAndVeraPlanned();
    t.clock.set(at('2026-10-14T13:30:00Z'));
    checkInParticipant(t.db, t.person(ana.id), t.clock.now());
    const other = t.volunteer('Omar Other');
    // Ana is here and unpaired, but her buddy-to-be is on the way: the day round leaves her alone
    expect(proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() })).toEqual({ ok: false, reason: 'nobody-waiting' });
    // Vera's place is held too: with capacity 1, a new first-timer goes to Omar, not her
    checkInParticipant(t.db, t.person(vera.id), t.clock.now());
    expect(countParticipants(t.db, t.event.id).freeCapacity).toBe(1);
    const cy = t.firstTimer('Cy Chen');
    const round = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    expect(round.ok && round.round.proposal.pairs.map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[cy.id, other.id]]);
  });

  it('goes live with a spot and time when the second of the two checks in', () => {
    const { t, ana, vera } = anaAndVeraPlanned();
    t.clock.set(at('2026-10-14T13:30:00Z'));
    const first = checkInForPlannedPairs(t.db, t.event, t.person(ana.id), t.clock.now());
    expect(first.change.board).toBe(false);
    expect(first.change.participantIds.sort()).toEqual([ana.id, vera.id].sort());
    expect(first.participant.status).toBe('present');
    expect(findPlannedBuddies(t.db, t.event, t.person(vera.id))[0]!.buddyHere).toBe(true);

    t.clock.advance(10 * MINUTE);
    const second = checkInForPlannedPairs(t.db, t.event, t.person(vera.id), t.clock.now());
    expect(second.change.board).toBe(true);
    expect(second.change.participantIds.sort()).toEqual([ana.id, vera.id].sort());
    expect(second.participant.status).toBe('matched');
    const [pair] = t.pairs();
    expect(pair!.status).toBe('published');
    expect(pair!.spotId).not.toBeNull();
    // 9:40 AM in New York, 5 minutes to walk: the 9:45 slot
    expect(pair!.meetAt).toEqual(at('2026-10-14T13:45:00Z'));
    expect(t.person(ana.id).status).toBe('matched');
    expect(findPlannedBuddies(t.db, t.event, t.person(ana.id))).toEqual([]);
    expect(t.audit().at(-1)).toMatchObject({ action: 'planned-pair-live', organizerId: null });
  });

  it('is released at the hold time when one has not checked in, and the first-timer here goes first in line', () => {
    const { t, ana, vera } = anaAndVeraPlanned();
    t.clock.set(at('2026-10-14T13:30:00Z'));
    checkInParticipant(t.db, t.person(ana.id), t.clock.now());
    expect(plannedHoldEndsAt(t.event)).toEqual(at('2026-10-14T15:00:00Z'));

    t.clock.set(at('2026-10-14T14:59:00Z'));
    expect(runDueAutoWork(t.db, t.event, t.clock.now())).toEqual({ participantIds: [], board: false, roundId: null });
    expect(t.pairs()[0]!.status).toBe('planned');

    t.clock.set(at('2026-10-14T15:00:00Z'));
    const released = runDueAutoWork(t.db, t.event, t.clock.now());
    expect(released.participantIds.sort()).toEqual([ana.id, vera.id].sort());
    expect(t.pairs()[0]).toMatchObject({ status: 'cancelled', endedAt: t.clock.now() });
    expect(t.person(ana.id)).toMatchObject({ status: 'present', waitingSince: t.clock.now() });
    expect(t.person(vera.id).status).toBe('registered');
    expect(t.audit().at(-1)!.detail).toContain('Vera Volk');
    expect(t.audit().at(-1)!.detail).toContain('had not checked in by 11:00');

    // first in line: a late-arriving volunteer takes Ana ahead of Cy, who came earlier than her release
    const cy = t.firstTimer('Cy Chen');
    const omar = t.volunteer('Omar Other');
    const round = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    expect(round.ok && round.round.proposal.pairs.map((p) => [p.firstTimerId, p.volunteerId])).toEqual([[ana.id, omar.id]]);
    expect(round.ok && round.round.proposal.unmatched.map((u) => u.firstTimerId)).toEqual([cy.id]);
  });

  it('lapses when an organizer pairs the first-timer by hand, and the planned volunteer hears of it', () => {
    const { t, ana, vera } = anaAndVeraPlanned();
    t.clock.set(at('2026-10-14T13:30:00Z'));
    checkInParticipant(t.db, t.person(ana.id), t.clock.now());
    const omar = t.volunteer('Omar Other');
    const pinned = pinPair(t.db, t.event, { firstTimerId: ana.id, volunteerId: omar.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(pinned.ok && pinned.participantIds.sort()).toEqual([ana.id, vera.id, omar.id].sort());
    expect(t.pairs().map((p) => [p.volunteerId, p.status])).toEqual([
      [vera.id, 'cancelled'],
      [omar.id, 'published'],
    ]);
    expect(findPlannedBuddies(t.db, t.event, t.person(vera.id))).toEqual([]);
  });

  it('holds all day when no hold time is set, and goes live by the ticker when a check-in path did not say so', () => {
    const { t, ana, vera } = anaAndVeraPlanned({ settings: { plannedHoldUntil: null } });
    t.clock.set(at('2026-10-14T20:00:00Z'));
    expect(runDuePlannedPairs(t.db, t.event, t.clock.now())).toEqual({ participantIds: [], board: false });
    checkInParticipant(t.db, t.person(ana.id), t.clock.now());
    checkInParticipant(t.db, t.person(vera.id), t.clock.now());
    const change = runDuePlannedPairs(t.db, t.event, t.clock.now());
    expect(change.board).toBe(true);
    expect(t.pairs()[0]!.status).toBe('published');
  });
});

describe('ending a planned pair', () => {
  it('by the first-timer: ended quietly, audited, and the two are not planned together again', () => {
    const t = beforeTheEvent();
    const ana = t.ft('Ana Alvarez', { interests: [t.interests.youth] });
    const vera = t.vol('Vera Volk', { interests: [t.interests.youth] });
    t.plan();
    const pair = t.pairs()[0]!;
    const result = requestDifferentBuddy(t.db, t.event, t.person(ana.id), pair.id, t.clock.now());
    expect(result).toMatchObject({ ok: true, board: false });
    expect(result.ok && result.participantIds.sort()).toEqual([ana.id, vera.id].sort());
    expect(t.pairs()[0]).toMatchObject({ status: 'cancelled', differentBuddyAt: t.clock.now() });
    expect(findPlannedBuddies(t.db, t.event, t.person(vera.id))).toEqual([]);
    expect(t.audit().at(-1)).toMatchObject({ action: 'end-planned-pair', organizerId: null });
    const again = proposePreEventRound(t.db, t.event, { organizerId: t.organizerId, now: t.clock.now() });
    expect(again.ok && again.round.proposal.pairs).toEqual([]);
  });

  it('by the volunteer too, but not by someone else', () => {
    const t = beforeTheEvent();
    t.ft('Ana Alvarez');
    const vera = t.vol('Vera Volk');
    const stranger = t.ft('Sam Stranger');
    t.vol('Other Volunteer');
    t.plan();
    const pair = t.pairs().find((p) => p.volunteerId === vera.id)!;
    expect(requestDifferentBuddy(t.db, t.event, t.person(stranger.id), pair.id, t.clock.now())).toEqual({ ok: false, reason: 'not-found' });
    expect(t.pairs().find((p) => p.id === pair.id)!.status).toBe('planned');
    expect(requestDifferentBuddy(t.db, t.event, t.person(vera.id), pair.id, t.clock.now()).ok).toBe(true);
    expect(t.pairs().find((p) => p.id === pair.id)!.status).toBe('cancelled');
  });

  it('by an organizer, audited under their name; a pair no longer planned is refused', () => {
    const { t, ana } = anaAndVeraPlanned();
    const pair = t.pairs()[0]!;
    const result = endPlannedPair(t.db, t.event, { pairId: pair.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(result).toMatchObject({ ok: true, firstTimer: { id: ana.id, name: 'Ana Alvarez' } });
    expect(t.pairs()[0]).toMatchObject({ status: 'cancelled', differentBuddyAt: null });
    expect(t.audit().at(-1)).toMatchObject({ action: 'end-planned-pair', organizerId: t.organizerId });
    expect(endPlannedPair(t.db, t.event, { pairId: pair.id, organizerId: t.organizerId, now: t.clock.now() })).toEqual({ ok: false, reason: 'not-planned' });
  });
});

describe('erasing someone with a planned pair', () => {
  it('ends the plan: the first-timer-to-be reads a notice naming no one and is free for the day', () => {
    const t = beforeTheEvent();
    const ana = t.ft('Ana Alvarez', { email: 'ana@example.org' });
    const vera = t.vol('Vera Volk');
    t.plan();
    const result = eraseParticipant(t.db, t.event, { participantId: vera.id, by: { kind: 'self' }, now: t.clock.now(), publicUrl });
    expect(result).toMatchObject({ ok: true, buddiesTold: 1 });
    if (result.ok) expect(result.participantIds).toContain(ana.id);
    expect(t.pairs()[0]).toMatchObject({ status: 'cancelled', endedAt: t.clock.now() });
    expect(findPlannedBuddies(t.db, t.event, t.person(ana.id))).toEqual([]);
    const page = findMyPairs(t.db, t.event, t.person(ana.id), t.clock.now());
    expect(page.notices).toEqual([plannedBuddyLeftTexts.notHere]);
    expect(JSON.stringify(page)).not.toMatch(/Erased|Vera/);
    const told = t.db.select().from(mailOutbox).where(and(eq(mailOutbox.eventId, t.event.id), eq(mailOutbox.toAddress, 'ana@example.org'))).all();
    expect(told.at(-1)!.textBody).toContain(plannedBuddyLeftTexts.notHere);
    // Ana can be planned again, with someone else
    const wes = t.vol('Wes Wong');
    t.plan();
    expect(findPlannedBuddies(t.db, t.event, t.person(ana.id)).map((b) => b.name)).toEqual(['Wes W.']);
    expect(t.pairs().at(-1)).toMatchObject({ firstTimerId: ana.id, volunteerId: wes.id, status: 'planned' });
  });

  it('puts a first-timer already here first in line when their volunteer-to-be erases their data', () => {
    const { t, ana, vera } = anaAndVeraPlanned();
    t.clock.set(at('2026-10-14T13:00:00Z'));
    checkInForPlannedPairs(t.db, t.event, t.person(ana.id), t.clock.now());
    eraseParticipant(t.db, t.event, { participantId: vera.id, by: { kind: 'organizer', organizerId: t.organizerId }, now: t.clock.now(), publicUrl });
    expect(t.person(ana.id)).toMatchObject({ status: 'present', waitingSince: t.clock.now() });
    expect(findMyPairs(t.db, t.event, t.person(ana.id), t.clock.now()).notices).toEqual([plannedBuddyLeftTexts.here]);
  });

  it('gives a volunteer-to-be their place back when the first-timer erases their data', () => {
    const { t, ana, vera } = anaAndVeraPlanned();
    eraseParticipant(t.db, t.event, { participantId: ana.id, by: { kind: 'self' }, now: t.clock.now(), publicUrl });
    expect(findPlannedBuddies(t.db, t.event, t.person(vera.id))).toEqual([]);
    expect(findMyPairs(t.db, t.event, t.person(vera.id), t.clock.now()).notices).toEqual([plannedBuddyLeftTexts.volunteer]);
    const bo = t.ft('Bo Baker');
    t.plan();
    expect(findPlannedBuddies(t.db, t.event, t.person(bo.id)).map((b) => b.name)).toEqual(['Vera V.']);
  });

  it('never shows an erased buddy-to-be, even on a plan that outlived the erasure', () => {
    const { t, ana, vera } = anaAndVeraPlanned();
    // data from before erasure ended plans: the row is anonymous, the plan still 'planned'
    t.db.update(participants).set({ name: 'Erased participant', erasedAt: t.clock.now() }).where(eq(participants.id, vera.id)).run();
    expect(findPlannedBuddies(t.db, t.event, t.person(ana.id))).toEqual([]);
  });

  it('ends every plan of the event at the retention purge', () => {
    const { t } = anaAndVeraPlanned({ settings: { plannedHoldUntil: null } });
    purgeEvent(t.db, t.event, at('2027-03-01T12:00:00Z'));
    expect(t.pairs().map((p) => p.status)).toEqual(['cancelled']);
  });

  it('never picks an erased person: not the pre-event round, not a day round, not the directory', () => {
    const t = beforeTheEvent();
    const ana = t.ft('Ana Alvarez');
    const gone = t.vol('Gone Volunteer', { listed: true });
    const goneFt = t.ft('Gone Firsttimer');
    for (const id of [gone.id, goneFt.id]) {
      eraseParticipant(t.db, t.event, { participantId: id, by: { kind: 'self' }, now: t.clock.now(), publicUrl });
    }
    expect(proposePreEventRound(t.db, t.event, { organizerId: t.organizerId, now: t.clock.now() })).toMatchObject({ ok: true, round: { proposal: { pairs: [] } } });
    expect(loadVolunteerDirectory(t.db, t.event, t.person(ana.id), {}).volunteers).toEqual([]);
    t.clock.set(at('2026-10-14T13:00:00Z'));
    checkInParticipant(t.db, t.person(ana.id), t.clock.now());
    const day = proposeRound(t.db, t.event, { organizerId: t.organizerId, trigger: 'organizer', now: t.clock.now() });
    expect(day.ok ? day.round.proposal.pairs : []).toEqual([]);
  });
});
