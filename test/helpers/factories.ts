import { asc, eq } from 'drizzle-orm';
import { auditLog, mailOutbox, participants } from '../../db/schema.ts';
import type { Db } from '../../src/db.ts';
import { createEvent, loadEventCatalog, type NewEvent } from '../../src/domain/events.ts';
import { enqueueMail, type NewMail } from '../../src/domain/mail-outbox.ts';
import { registerParticipant } from '../../src/domain/registration.ts';
import type { RegistrationInput } from '../../src/domain/registration-schema.ts';

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export function makeEvent(db: Db, overrides: Partial<NewEvent> = {}) {
  const event = createEvent(
    db,
    {
      slug: `ev-${unique()}`,
      name: 'Test Library Association Annual',
      timezone: 'America/New_York',
      startsOn: '2026-10-14',
      endsOn: '2026-10-15',
      regions: ['Central', 'Eastern', 'Western'],
      languages: ['English', 'Spanish', 'ASL'],
      interests: ['Cataloging & metadata', 'Youth services', 'Library technology'],
      sessions: [
        { code: 'S1', title: 'Linked Data 101', room: 'Room A', startsAt: '2026-10-14T10:00', endsAt: '2026-10-14T11:00' },
        { code: 'S2', title: 'Teen Book Clubs That Work', room: 'Room B', startsAt: '2026-10-14T10:00', endsAt: '2026-10-14T11:00' },
        { code: 'S3', title: 'Weeding Without Tears', room: 'Room A', startsAt: '2026-10-15T09:00', endsAt: '2026-10-15T10:00' },
      ],
      spots: [{ name: 'Spot A', directions: 'Blue banner left of Hall C', pairsAtOnce: 4 }],
      ...overrides,
    },
    new Date('2026-10-01T12:00:00Z'),
  );
  return { event, catalog: loadEventCatalog(db, event.id) };
}

export function makeParticipant(
  db: Db,
  event: Parameters<typeof registerParticipant>[1],
  overrides: Partial<RegistrationInput> & { present?: boolean; now?: Date } = {},
) {
  const { present = false, now = new Date('2026-10-14T13:00:00Z'), ...fields } = overrides;
  const role = fields.role ?? 'first_timer';
  const input: RegistrationInput = {
    role,
    name: `Person ${unique()}`,
    pronouns: '',
    email: null,
    affiliation: '',
    libraryType: '',
    region: '',
    languages: [],
    interests: [],
    sessions: [],
    accessibilityNeeds: '',
    bio: role === 'volunteer' ? 'Ten years in public libraries.' : '',
    capacity: role === 'volunteer' ? 2 : undefined,
    consentContact: false,
    ...fields,
  };
  const result = registerParticipant(db, event, input, { present, now });
  if (!result.ok) throw new Error(`factory registration refused: ${JSON.stringify(result.errors)}`);
  return result.participant;
}

export function reloadParticipant(db: Db, id: number) {
  return db.select().from(participants).where(eq(participants.id, id)).get();
}

let mailSeq = 0;

/** A message enqueued the way a feature does it: inside a transaction of its own here. */
export function makeMail(db: Db, overrides: Partial<NewMail> = {}, now = new Date('2026-10-14T14:00:00Z')) {
  const n = mailSeq++;
  const result = db.transaction((tx) =>
    enqueueMail(
      tx,
      {
        eventId: null,
        to: `reader${n}@example.org`,
        kind: 'test-note',
        dedupeKey: `note:${n}`,
        subject: `Test note ${n}`,
        text: `Hello,\n\nthis is test note ${n}.\n`,
        ...overrides,
      },
      now,
    ),
  );
  if (!result.ok) throw new Error(`factory mail refused: ${JSON.stringify(result)}`);
  return db.select().from(mailOutbox).where(eq(mailOutbox.id, result.id)).get()!;
}

/** The audit log of one event, oldest first. */
export function auditOf(db: Db, eventId: number) {
  return db.select().from(auditLog).where(eq(auditLog.eventId, eventId)).orderBy(asc(auditLog.id)).all();
}
