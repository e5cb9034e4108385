// What people choose from on the registration form: interests, library types, regions and
// languages. Organizers add, rename, reorder and retire them; a retired choice is no longer
// offered but stays with (and is counted for) the people who chose it. Interests are rows people
// link to by id; the other three are labels people keep as text, so a rename rewrites their
// labels in the same transaction (docs/decisions/choices-by-label.md).
import { and, asc, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { interests, participantInterests, participants, profileChoices, type ProfileChoiceKind } from '../../db/schema.ts';
import type { Conn, Db, Tx } from '../db.ts';
import { writeAudit } from './audit.ts';

/** The four lists, by the names their organizer pages use. */
export const choiceKinds = ['interests', 'library-types', 'regions', 'languages'] as const;
export type ChoiceKind = (typeof choiceKinds)[number];

type LabelKind = Exclude<ChoiceKind, 'interests'>;
const stored: Record<LabelKind, ProfileChoiceKind> = { 'library-types': 'library_type', regions: 'region', languages: 'language' };

/** How each list is named in notices and the audit log, and the longest label the registration form takes. */
export const choiceWords: Record<ChoiceKind, { one: string; many: string; maxLength: number }> = {
  interests: { one: 'interest', many: 'Interests', maxLength: 80 },
  'library-types': { one: 'library type', many: 'Library types', maxLength: 60 },
  regions: { one: 'region', many: 'Regions', maxLength: 60 },
  languages: { one: 'language', many: 'Languages', maxLength: 40 },
};

export type Choice = { id: number; label: string; retiredAt: Date | null; people: number };
export type ChoiceLists = Record<ChoiceKind, Choice[]>;

export const choiceLabelSchema = (kind: ChoiceKind) =>
  z.object({
    label: z
      .preprocess((v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : ''), z.string())
      .pipe(
        z
          .string()
          .min(1, `Type the ${choiceWords[kind].one}`)
          .max(choiceWords[kind].maxLength, `Keep it to ${choiceWords[kind].maxLength} characters`),
      ),
  });

/** Labels of one kind offered to people, in order, and the retired ones in `keep` (those a person already chose). */
export function offeredLabels(conn: Conn, eventId: number, kind: ProfileChoiceKind, keep: readonly string[] = []): string[] {
  const offered = isNull(profileChoices.retiredAt);
  return conn
    .select({ label: profileChoices.label })
    .from(profileChoices)
    .where(
      and(
        eq(profileChoices.eventId, eventId),
        eq(profileChoices.kind, kind),
        keep.length > 0 ? or(offered, inArray(profileChoices.label, [...keep])) : offered,
      ),
    )
    .orderBy(asc(profileChoices.position), asc(profileChoices.id))
    .all()
    .map((r) => r.label);
}

/** A new event's lists (or the demo's), written in the event's own transaction. */
export function insertProfileChoices(tx: Conn, eventId: number, kind: ProfileChoiceKind, labels: readonly string[]): void {
  const unique = [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
  if (unique.length === 0) return;
  tx.insert(profileChoices)
    .values(unique.map((label, position) => ({ eventId, kind, label, position })))
    .run();
}

/** Every list of the event, offered choices first in their order, then the retired ones, each with how many people chose it. */
export function listChoices(conn: Conn, eventId: number): ChoiceLists {
  const interestCounts = new Map(
    conn
      .select({ id: participantInterests.interestId, n: count() })
      .from(participantInterests)
      .innerJoin(interests, eq(interests.id, participantInterests.interestId))
      .where(eq(interests.eventId, eventId))
      .groupBy(participantInterests.interestId)
      .all()
      .map((r) => [r.id, r.n]),
  );
  const interestRows = conn
    .select()
    .from(interests)
    .where(eq(interests.eventId, eventId))
    .orderBy(asc(interests.position), asc(interests.id))
    .all()
    .map((r) => ({ id: r.id, label: r.label, retiredAt: r.retiredAt, people: interestCounts.get(r.id) ?? 0 }));
  const rows = conn
    .select()
    .from(profileChoices)
    .where(eq(profileChoices.eventId, eventId))
    .orderBy(asc(profileChoices.position), asc(profileChoices.id))
    .all();
  const counts = labelCounts(conn, eventId);
  const ofKind = (kind: LabelKind) =>
    rows
      .filter((r) => r.kind === stored[kind])
      .map((r) => ({ id: r.id, label: r.label, retiredAt: r.retiredAt, people: counts[kind].get(r.label) ?? 0 }));
  const offeredFirst = (list: Choice[]) => [...list.filter((c) => !c.retiredAt), ...list.filter((c) => c.retiredAt)];
  return {
    interests: offeredFirst(interestRows),
    'library-types': offeredFirst(ofKind('library-types')),
    regions: offeredFirst(ofKind('regions')),
    languages: offeredFirst(ofKind('languages')),
  };
}

function labelCounts(conn: Conn, eventId: number): Record<LabelKind, Map<string, number>> {
  const byColumn = (column: typeof participants.libraryType | typeof participants.region) =>
    new Map(
      conn
        .select({ label: column, n: count() })
        .from(participants)
        .where(eq(participants.eventId, eventId))
        .groupBy(column)
        .all()
        .map((r) => [r.label, r.n]),
    );
  const languages = conn.all<{ label: string; n: number }>(
    sql`select j.value as label, count(distinct p.id) as n from participants p, json_each(p.languages) j
        where p.event_id = ${eventId} group by j.value`,
  );
  return {
    'library-types': byColumn(participants.libraryType),
    regions: byColumn(participants.region),
    languages: new Map(languages.map((r) => [r.label, r.n])),
  };
}

function findChoice(conn: Conn, eventId: number, kind: ChoiceKind, id: number): Choice | undefined {
  return listChoices(conn, eventId)[kind].find((c) => c.id === id);
}

/** Another choice of the list already has this label (in any case): two "Public"s would split people. */
function labelTaken(conn: Conn, eventId: number, kind: ChoiceKind, label: string, exceptId?: number): Choice | undefined {
  const wanted = label.toLocaleLowerCase('en-US');
  return listChoices(conn, eventId)[kind].find((c) => c.id !== exceptId && c.label.toLocaleLowerCase('en-US') === wanted);
}

/** The offered choices of a list in their new order, written as positions 0, 1, 2, … */
function writeOrder(tx: Tx, kind: ChoiceKind, ids: number[]): void {
  ids.forEach((id, position) => {
    if (kind === 'interests') tx.update(interests).set({ position }).where(eq(interests.id, id)).run();
    else tx.update(profileChoices).set({ position }).where(eq(profileChoices.id, id)).run();
  });
}

type Acting = { eventId: number; organizerId: number; now: Date };

function audit(tx: Tx, by: Acting, action: string, detail: string) {
  writeAudit(tx, { eventId: by.eventId, organizerId: by.organizerId, action, detail, at: by.now });
}

const quoted = (label: string) => `“${label}”`;
const chosenBy = (n: number) => (n === 1 ? '1 person' : `${n} people`);

export type ChoiceRefusal = 'not-found' | 'duplicate' | 'retired' | 'not-retired';
export type ChoiceResult = { ok: true; label: string; people: number } | { ok: false; reason: ChoiceRefusal; label?: string };

export function addChoice(db: Db, by: Acting & { kind: ChoiceKind; label: string }): ChoiceResult {
  return db.transaction(
    (tx): ChoiceResult => {
      const taken = labelTaken(tx, by.eventId, by.kind, by.label);
      if (taken) return { ok: false, reason: taken.retiredAt ? 'retired' : 'duplicate', label: taken.label };
      const position = listChoices(tx, by.eventId)[by.kind].length;
      if (by.kind === 'interests') tx.insert(interests).values({ eventId: by.eventId, label: by.label, position }).run();
      else tx.insert(profileChoices).values({ eventId: by.eventId, kind: stored[by.kind], label: by.label, position }).run();
      audit(tx, by, 'choice-added', `${choiceWords[by.kind].one} ${quoted(by.label)}`);
      return { ok: true, label: by.label, people: 0 };
    },
    { behavior: 'immediate' },
  );
}

/** A new label reaches everyone who chose the old one: interests by id, the others by rewriting their label. */
export function renameChoice(db: Db, by: Acting & { kind: ChoiceKind; id: number; label: string }): ChoiceResult {
  return db.transaction(
    (tx): ChoiceResult => {
      const choice = findChoice(tx, by.eventId, by.kind, by.id);
      if (!choice) return { ok: false, reason: 'not-found' };
      const taken = labelTaken(tx, by.eventId, by.kind, by.label, choice.id);
      if (taken) return { ok: false, reason: 'duplicate', label: taken.label };
      if (choice.label === by.label) return { ok: true, label: by.label, people: choice.people };
      relabel(tx, by.eventId, by.kind, choice, by.label);
      audit(tx, by, 'choice-renamed', `${choiceWords[by.kind].one} ${quoted(choice.label)} renamed ${quoted(by.label)}, chosen by ${chosenBy(choice.people)}`);
      return { ok: true, label: by.label, people: choice.people };
    },
    { behavior: 'immediate' },
  );
}

function relabel(tx: Tx, eventId: number, kind: ChoiceKind, choice: Choice, label: string): void {
  if (kind === 'interests') {
    tx.update(interests).set({ label }).where(eq(interests.id, choice.id)).run();
    return;
  }
  tx.update(profileChoices).set({ label }).where(eq(profileChoices.id, choice.id)).run();
  const mine = eq(participants.eventId, eventId);
  if (kind === 'library-types') {
    tx.update(participants).set({ libraryType: label }).where(and(mine, eq(participants.libraryType, choice.label))).run();
  } else if (kind === 'regions') {
    tx.update(participants).set({ region: label }).where(and(mine, eq(participants.region, choice.label))).run();
  } else {
    // each person's list keeps its order; only the one entry changes
    tx.run(sql`update participants set languages = (
        select json_group_array(case when j.value = ${choice.label} then ${label} else j.value end)
        from json_each(participants.languages) j)
      where event_id = ${eventId} and exists (select 1 from json_each(participants.languages) j where j.value = ${choice.label})`);
  }
}

/** One place up or down among the offered choices, as the form lists them. */
export function moveChoice(db: Db, by: Acting & { kind: ChoiceKind; id: number; direction: 'up' | 'down' }): ChoiceResult {
  return db.transaction(
    (tx): ChoiceResult => {
      const offered = listChoices(tx, by.eventId)[by.kind].filter((c) => !c.retiredAt);
      const from = offered.findIndex((c) => c.id === by.id);
      if (from < 0) return findChoice(tx, by.eventId, by.kind, by.id) ? { ok: false, reason: 'retired' } : { ok: false, reason: 'not-found' };
      const choice = offered[from]!;
      const to = by.direction === 'up' ? from - 1 : from + 1;
      if (to < 0 || to >= offered.length) return { ok: true, label: choice.label, people: choice.people };
      [offered[from], offered[to]] = [offered[to]!, choice];
      writeOrder(tx, by.kind, offered.map((c) => c.id));
      audit(tx, by, 'choice-moved', `${choiceWords[by.kind].one} ${quoted(choice.label)} moved ${by.direction} to place ${to + 1}`);
      return { ok: true, label: choice.label, people: choice.people };
    },
    { behavior: 'immediate' },
  );
}

export type RetireResult = { ok: true; label: string; people: number; removed: boolean } | { ok: false; reason: ChoiceRefusal };

/** No longer offered. A choice nobody made is simply removed; one people made stays with them. */
export function retireChoice(db: Db, by: Acting & { kind: ChoiceKind; id: number }): RetireResult {
  return db.transaction(
    (tx): RetireResult => {
      const choice = findChoice(tx, by.eventId, by.kind, by.id);
      if (!choice) return { ok: false, reason: 'not-found' };
      if (choice.retiredAt) return { ok: false, reason: 'retired' };
      const table = by.kind === 'interests' ? interests : profileChoices;
      const removed = choice.people === 0;
      if (removed) tx.delete(table).where(eq(table.id, choice.id)).run();
      else tx.update(table).set({ retiredAt: by.now }).where(eq(table.id, choice.id)).run();
      audit(
        tx,
        by,
        removed ? 'choice-removed' : 'choice-retired',
        removed
          ? `${choiceWords[by.kind].one} ${quoted(choice.label)}, chosen by nobody`
          : `${choiceWords[by.kind].one} ${quoted(choice.label)}, kept for the ${chosenBy(choice.people)} who chose it`,
      );
      return { ok: true, label: choice.label, people: choice.people, removed };
    },
    { behavior: 'immediate' },
  );
}

/** Offered again, at the end of the list. */
export function restoreChoice(db: Db, by: Acting & { kind: ChoiceKind; id: number }): ChoiceResult {
  return db.transaction(
    (tx): ChoiceResult => {
      const list = listChoices(tx, by.eventId)[by.kind];
      const choice = list.find((c) => c.id === by.id);
      if (!choice) return { ok: false, reason: 'not-found' };
      if (!choice.retiredAt) return { ok: false, reason: 'not-retired' };
      const table = by.kind === 'interests' ? interests : profileChoices;
      tx.update(table).set({ retiredAt: null }).where(eq(table.id, choice.id)).run();
      writeOrder(tx, by.kind, [...list.filter((c) => !c.retiredAt).map((c) => c.id), choice.id]);
      audit(tx, by, 'choice-restored', `${choiceWords[by.kind].one} ${quoted(choice.label)}`);
      return { ok: true, label: choice.label, people: choice.people };
    },
    { behavior: 'immediate' },
  );
}
