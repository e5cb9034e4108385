// Publishing a round of hundreds of pairs writes in batches; what it writes must be what placing
// the pairs one by one writes: the same pairs in proposal order, the same spots and times (a
// volunteer's first-timers together, the spots filled in order), the same statuses and audit line.
import { and, asc, eq, gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { forbiddenPairs, matchRounds, pairs, participants } from '../../db/schema.ts';
import { setAttendanceByOrganizer } from '../../src/domain/participants.ts';
import { publishRound } from '../../src/domain/rounds.ts';
import { allocateMeetup, utcOffsetMinutes, type Meetup } from '../../src/domain/slot-allocation.ts';
import { at, eventDay, pin } from '../helpers/event-day.ts';

const spots = [
  { name: 'Blue banner', directions: 'Left of Hall C', pairsAtOnce: 2 },
  { name: 'Coffee cart', directions: 'By the escalators', pairsAtOnce: 3 },
  { name: 'Info booth', directions: 'Main entrance', pairsAtOnce: 1 },
];

/** Where the pairs meet when placed one at a time, each against every pair placed before it. */
function placeOneByOne(
  t: ReturnType<typeof eventDay>,
  before: { volunteerId: number; spotId: number | null; meetAt: Date | null }[],
  published: { volunteerId: number }[],
): Meetup[] {
  const now = t.clock.now();
  const taken = [...before];
  const clock = { now, slotMinutes: t.event.settings.slotMinutes, leadMinutes: t.event.settings.leadMinutes, utcOffsetMinutes: utcOffsetMinutes(t.event.timezone, now) };
  const spotRooms = t.catalog.spots.map((s) => ({ id: s.id, pairsAtOnce: s.pairsAtOnce }));
  return published.map(({ volunteerId }) => {
    const group = taken
      .filter((p) => p.volunteerId === volunteerId && p.meetAt !== null && p.meetAt.getTime() >= now.getTime())
      .sort((a, b) => a.meetAt!.getTime() - b.meetAt!.getTime())[0];
    const meetup = allocateMeetup({ ...clock, spots: spotRooms, taken, group: group ? { spotId: group.spotId, meetAt: group.meetAt! } : null });
    taken.push({ volunteerId, ...meetup });
    return meetup;
  });
}

describe('publishRound at 300 first-timers and 150 volunteers', () => {
  it('writes the same pairs, meetups, statuses and audit line as placing the pairs one by one', () => {
    const t = eventDay({ now: at('2026-10-14T14:01:30Z'), spots });
    const fts = Array.from({ length: 300 }, (_, i) => t.firstTimer(`First Timer${i}`, i === 7 ? { languages: ['Spanish'] } : {}));
    const vols = Array.from({ length: 150 }, (_, i) => t.volunteer(`Volunteer Person${i}`, { capacity: 2, ...(i === 7 ? { languages: ['English'] } : {}) }));
    // the world before the round: V1 already holds an extra first-timer, F0 is already paired with V149
    const extra = t.firstTimer('Extra Person');
    pin(t, extra.id, vols[1]!.id);
    pin(t, fts[0]!.id, vols[149]!.id);
    // and since the proposal: F3 left, F5 and V5 were forbidden
    setAttendanceByOrganizer(t.db, { eventId: t.event.id, participantId: fts[3]!.id, present: false, organizerId: t.organizerId, now: t.clock.now() });
    t.db.insert(forbiddenPairs).values({ eventId: t.event.id, firstTimerId: fts[5]!.id, volunteerId: vols[5]!.id, createdAt: t.clock.now() }).run();

    const proposed = fts.map((f, i) => ({ firstTimerId: f.id, volunteerId: vols[i % 150]!.id, score: 100 - (i % 7), reasons: [`Reason ${i % 5}`] }));
    const round = t.db
      .insert(matchRounds)
      .values({ eventId: t.event.id, status: 'proposed', trigger: 'organizer', organizerId: t.organizerId, proposal: { pairs: proposed, unmatched: [], objective: 0 }, matchedCount: 300, createdAt: t.clock.now() })
      .returning()
      .get();
    const before = t.livePairs();
    const lastPairBefore = before.at(-1)!.id;

    // no longer possible: F0 has a buddy, F3 left, F5–V5 forbidden, F7 and V7 share no language,
    // F151 and F299 would go past V1's and V149's room
    const skippedIds = new Set([0, 3, 5, 7, 151, 299].map((i) => fts[i]!.id));
    const expected = proposed.filter((p) => !skippedIds.has(p.firstTimerId));
    const meetups = placeOneByOne(t, before, expected);

    const result = publishRound(t.db, t.event, { roundId: round.id, organizerId: t.organizerId, now: t.clock.now() });
    expect(result).toMatchObject({ ok: true, published: 294, skipped: 6, board: true });

    const written = t.db.select().from(pairs).where(and(eq(pairs.eventId, t.event.id), gt(pairs.id, lastPairBefore))).orderBy(asc(pairs.id)).all();
    expect(written.map((p) => ({ firstTimerId: p.firstTimerId, volunteerId: p.volunteerId, score: p.score, reasons: p.reasons }))).toEqual(expected);
    expect(written.map((p) => ({ spotId: p.spotId, meetAt: p.meetAt }))).toEqual(meetups);
    for (const p of written) expect(p).toMatchObject({ status: 'published', roundId: round.id, pinned: false, createdAt: t.clock.now() });

    // a spot holds at most its pairs-at-once meetups at a time (a volunteer's first-timers are one meetup)
    const groups = new Map<string, Set<number>>();
    for (const p of [...before, ...written]) {
      const key = `${p.spotId}@${p.meetAt!.getTime()}`;
      groups.set(key, (groups.get(key) ?? new Set()).add(p.volunteerId));
    }
    for (const [key, volunteers] of groups) {
      const spot = t.catalog.spots.find((s) => key.startsWith(`${s.id}@`))!;
      expect(volunteers.size, key).toBeLessThanOrEqual(spot.pairsAtOnce);
    }
    expect(new Set(written.map((p) => p.meetAt!.getTime())).size).toBeGreaterThan(20);

    const paired = new Set(written.flatMap((p) => [p.firstTimerId, p.volunteerId]));
    expect(result.ok && new Set(result.participantIds)).toEqual(paired);
    const people = t.db.select().from(participants).where(eq(participants.eventId, t.event.id)).all();
    for (const p of people.filter((p) => paired.has(p.id))) expect(p).toMatchObject({ status: 'matched', waitingSince: null, updatedAt: t.clock.now() });
    expect(people.find((p) => p.id === fts[3]!.id)!.status).toBe('registered');
    expect(people.find((p) => p.id === fts[5]!.id)!.status).toBe('present');

    expect(t.db.select().from(matchRounds).where(eq(matchRounds.id, round.id)).get()).toMatchObject({ status: 'published', matchedCount: 294 });
    const audit = t.audit().filter((a) => a.action === 'publish-round');
    expect(audit).toEqual([
      expect.objectContaining({ organizerId: t.organizerId, detail: `published round #${round.id}: 294 pairs, 6 skipped as no longer possible`, at: t.clock.now() }),
    ]);
  });
});
