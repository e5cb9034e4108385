// The matching weights of an event: the form that changes them (as the matcher's contract allows:
// any weight may be negative but the extra slot, at most six decimals), and the preview that
// scores the same few example pairs with the current and the edited weights, with the matcher's
// own scorer, before anything is saved.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { events, pairs, participants } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { MAX_WEIGHT_DECIMALS, scorePair, WEIGHT_KEYS, type Weights } from '../matcher/index.ts';
import { writeAudit } from './audit.ts';
import { defaultEventSettings, type Event } from './events.ts';
import { loadProfiles, toMatcherFirstTimer, toMatcherVolunteer } from './matching-input.ts';
import { peopleById, type Participant } from './participants.ts';

export type WeightKey = (typeof WEIGHT_KEYS)[number];
export const weightKeys: readonly WeightKey[] = WEIGHT_KEYS;

/** Far more than any event needs, and small enough that scores stay exact at six decimals. */
export const maxWeight = 1000;

const weightField = (min: number) => {
  const message = `Enter a number from ${min === 0 ? 0 : `−${maxWeight}`} to ${maxWeight}, with at most ${MAX_WEIGHT_DECIMALS} decimals`;
  return z.preprocess(
    (v) => {
      const text = typeof v === 'string' ? v.trim().replace(/^[−–]/, '-') : '';
      return new RegExp(`^-?\\d{1,4}(\\.\\d{1,${MAX_WEIGHT_DECIMALS}})?$`).test(text) ? Number(text) : undefined;
    },
    z.number({ error: message }).min(min, message).max(maxWeight, message),
  );
};

export const weightsFormSchema = z.object({
  interests: weightField(-maxWeight),
  sessions: weightField(-maxWeight),
  libraryType: weightField(-maxWeight),
  region: weightField(-maxWeight),
  requested: weightField(-maxWeight),
  // a negative cost would gather first-timers on one volunteer; the matcher refuses it
  extraSlot: weightField(0),
});

export function updateWeights(db: Db, args: { eventId: number; organizerId: number; weights: Weights; now: Date }): { ok: boolean; changed: WeightKey[] } {
  return db.transaction(
    (tx) => {
      const event = tx.select().from(events).where(eq(events.id, args.eventId)).get();
      if (!event) return { ok: false, changed: [] };
      const settings = defaultEventSettings(event.settings);
      const changed = weightKeys.filter((k) => settings.weights[k] !== args.weights[k]);
      if (changed.length === 0) return { ok: true, changed };
      tx.update(events).set({ settings: { ...settings, weights: { ...args.weights } } }).where(eq(events.id, event.id)).run();
      writeAudit(tx, {
        eventId: event.id,
        organizerId: args.organizerId,
        action: 'weights-updated',
        detail: changed.map((k) => `${k} ${settings.weights[k]} → ${args.weights[k]}`).join(', '),
        at: args.now,
      });
      return { ok: true, changed };
    },
    { behavior: 'immediate' },
  );
}

/** What two people have in common, counted the way the score counts it. */
export type Shared = { interests: number; sessions: number; libraryType: boolean; region: boolean; requested: boolean };
type Side = Parameters<typeof scorePair>[0] & { languages?: readonly string[] };
type Example = { firstTimer: string; volunteer: string; ft: Side; v: Side & { id: string } };

export type PreviewRow = { firstTimer: string; volunteer: string; shared: Shared; now: number; edited: number };
export type WeightPreview = {
  /** live pairs of the event; its people paired by their best current score; or made up */
  source: 'pairs' | 'people' | 'made-up';
  rows: PreviewRow[];
  /** what a volunteer's second and third first-timer cost, now and edited */
  extraSlots: { nth: number; now: number; edited: number }[];
};

const examplesShown = 5;

function sharedOf(ft: Side, v: Side & { id: string }): Shared {
  const both = (a: readonly string[] = [], b: readonly string[] = []) => new Set(a.filter((x) => b.includes(x))).size;
  return {
    interests: both(ft.interests, v.interests),
    sessions: both(ft.sessions, v.sessions),
    libraryType: !!ft.libraryType && ft.libraryType === v.libraryType,
    region: !!ft.region && ft.region === v.region,
    requested: (ft.requested ?? []).includes(v.id),
  };
}

// Made up, for an event with nobody yet: one pair for each thing a weight rewards.
const madeUp: Example[] = [
  { firstTimer: 'A first-timer', volunteer: 'a volunteer with 2 interests and a session in common', ft: { interests: ['a', 'b', 'c'], sessions: ['s'] }, v: { id: 'v1', interests: ['a', 'b'], sessions: ['s'] } },
  { firstTimer: 'A first-timer', volunteer: 'a volunteer from the same kind of library and region', ft: { libraryType: 'Public', region: 'East' }, v: { id: 'v2', libraryType: 'Public', region: 'East' } },
  { firstTimer: 'A first-timer', volunteer: 'a volunteer from elsewhere sharing 1 interest', ft: { interests: ['a'], libraryType: 'Public', region: 'East' }, v: { id: 'v3', interests: ['a'], libraryType: 'Academic', region: 'West' } },
  { firstTimer: 'A first-timer', volunteer: 'the volunteer they asked for', ft: { requested: ['v4'] }, v: { id: 'v4' } },
  { firstTimer: 'A first-timer', volunteer: 'a volunteer with nothing in common', ft: { libraryType: 'School' }, v: { id: 'v5', libraryType: 'Special' } },
];

function examplesFromPairs(conn: Conn, eventId: number): Example[] {
  const rows = conn
    .select({ firstTimerId: pairs.firstTimerId, volunteerId: pairs.volunteerId })
    .from(pairs)
    .where(and(eq(pairs.eventId, eventId), inArray(pairs.status, ['published', 'met'])))
    .orderBy(desc(pairs.createdAt), desc(pairs.id))
    .limit(examplesShown)
    .all();
  const people = peopleById(conn, rows.flatMap((r) => [r.firstTimerId, r.volunteerId]));
  const profiles = new Map(loadProfiles(conn, [...people.values()]).map((p) => [p.participant.id, p]));
  return rows.map((r) => {
    const f = profiles.get(r.firstTimerId)!;
    const v = profiles.get(r.volunteerId)!;
    return { firstTimer: f.participant.name, volunteer: v.participant.name, ft: toMatcherFirstTimer(f), v: toMatcherVolunteer(v, 1, 0) };
  });
}

/** The first few first-timers (here before registered), each with the volunteer they would score best with now. */
function examplesFromPeople(conn: Conn, eventId: number, weights: Weights): Example[] {
  const here = (p: Participant) => (p.status === 'present' || p.status === 'matched' ? 0 : 1);
  const people = conn
    .select()
    .from(participants)
    .where(and(eq(participants.eventId, eventId), inArray(participants.status, ['registered', 'present', 'matched'])))
    .orderBy(asc(participants.id))
    .all()
    .sort((a, b) => here(a) - here(b));
  const firstTimers = loadProfiles(conn, people.filter((p) => p.role === 'first_timer').slice(0, examplesShown));
  const volunteers = loadProfiles(conn, people.filter((p) => p.role === 'volunteer')).map((p) => ({ p, v: toMatcherVolunteer(p, 1, 0) }));
  if (volunteers.length === 0) return [];
  return firstTimers.map((f) => {
    const ft = toMatcherFirstTimer(f);
    const best = volunteers.reduce((a, b) => (scorePair(ft, b.v, weights) > scorePair(ft, a.v, weights) ? b : a));
    return { firstTimer: f.participant.name, volunteer: best.p.participant.name, ft, v: best.v };
  });
}

export function previewWeights(conn: Conn, event: Pick<Event, 'id' | 'settings'>, edited: Weights): WeightPreview {
  const now = defaultEventSettings(event.settings).weights;
  const fromPairs = examplesFromPairs(conn, event.id);
  const fromPeople = fromPairs.length > 0 ? [] : examplesFromPeople(conn, event.id, now);
  const source = fromPairs.length > 0 ? 'pairs' : fromPeople.length > 0 ? 'people' : 'made-up';
  const examples = source === 'pairs' ? fromPairs : source === 'people' ? fromPeople : madeUp;
  return {
    source,
    rows: examples.map((e) => ({
      firstTimer: e.firstTimer,
      volunteer: e.volunteer,
      shared: sharedOf(e.ft, e.v),
      now: scorePair(e.ft, e.v, now),
      edited: scorePair(e.ft, e.v, edited),
    })),
    // the k-th first-timer of one volunteer costs extraSlot × (k − 1)
    extraSlots: [2, 3].map((nth) => ({ nth, now: -now.extraSlot * (nth - 1), edited: -edited.extraSlot * (nth - 1) })),
  };
}
