import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pairs } from '../../db/schema.ts';
import { confirmMet } from '../../src/domain/buddy-actions.ts';
import { eraseParticipant } from '../../src/domain/erasure.ts';
import { findMyPairs, listPublicPairs } from '../../src/domain/pair-views.ts';
import { isHere } from '../../src/domain/participants.ts';
import { makeParticipant, reloadParticipant } from '../helpers/factories.ts';
import { pinnedPair, presentPair } from '../helpers/pairs.ts';
import { createTestApp, testOrigin } from '../helpers/test-app.ts';

const HOUR = 3_600_000;

describe('eraseParticipant', () => {
  it('keeps a pair that met (the report counts it) but no page shows it any more', () => {
    const t = createTestApp();
    const { event, firstTimer, volunteer } = presentPair(t, { firstTimer: { name: 'Octavia Reyes' } });
    const pair = pinnedPair(t, event, firstTimer.id, volunteer.id);
    t.clock.set(pair.meetAt!);
    expect(confirmMet(t.db, event, firstTimer, pair.id, t.clock.now()).ok).toBe(true);
    const result = eraseParticipant(t.db, event, { participantId: firstTimer.id, by: { kind: 'self' }, now: t.clock.now(), publicUrl: testOrigin });
    expect(result).toMatchObject({ ok: true, buddiesTold: 0 });
    expect(t.db.select().from(pairs).where(eq(pairs.id, pair.id)).get()!.status).toBe('met');
    expect(findMyPairs(t.db, event, volunteer, t.clock.now()).buddies).toEqual([]);
    expect(listPublicPairs(t.db, event)).toEqual([]);
    expect(isHere(reloadParticipant(t.db, firstTimer.id)!)).toBe(false);
  });

  it('tells the buddy for twelve hours, naming no one', () => {
    const t = createTestApp();
    const { event, firstTimer, volunteer } = presentPair(t, { firstTimer: { name: 'Octavia Reyes' } });
    pinnedPair(t, event, firstTimer.id, volunteer.id);
    eraseParticipant(t.db, event, { participantId: firstTimer.id, by: { kind: 'self' }, now: t.clock.now(), publicUrl: testOrigin });
    const notices = findMyPairs(t.db, event, volunteer, t.clock.now()).notices;
    expect(notices).toEqual(['Your first-timer left the buddy program, so that meetup is off. You have room for another first-timer.']);
    expect(findMyPairs(t.db, event, volunteer, new Date(t.clock.now().getTime() + 12 * HOUR)).notices).toEqual([]);
  });

  it('lets a first-timer wait first in line when no other volunteer is free', () => {
    const t = createTestApp();
    const { event, firstTimer, volunteer } = presentPair(t);
    pinnedPair(t, event, firstTimer.id, volunteer.id);
    makeParticipant(t.db, event, { role: 'volunteer', name: 'Not Here Yet' });
    eraseParticipant(t.db, event, { participantId: volunteer.id, by: { kind: 'self' }, now: t.clock.now(), publicUrl: testOrigin });
    expect(reloadParticipant(t.db, firstTimer.id)).toMatchObject({ status: 'present', waitingSince: t.clock.now() });
    expect(findMyPairs(t.db, event, firstTimer, t.clock.now()).notices[0]).toContain("We'll find you a new buddy");
  });

  it('tells the buddy once, with the notice, and never names the erased person', () => {
    const t = createTestApp();
    const { event, firstTimer, volunteer } = presentPair(t, { volunteer: { name: 'Bartholomew Quist' } });
    pinnedPair(t, event, firstTimer.id, volunteer.id);
    eraseParticipant(t.db, event, { participantId: volunteer.id, by: { kind: 'self' }, now: t.clock.now(), publicUrl: testOrigin });
    const page = findMyPairs(t.db, event, reloadParticipant(t.db, firstTimer.id)!, t.clock.now());
    expect(page.notices).toHaveLength(1);
    expect(page.offMeetups).toEqual([]);
    expect(JSON.stringify(page)).not.toMatch(/Erased|Bartholomew/);
  });
});
