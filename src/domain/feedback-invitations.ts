// The e-mail that brings people back after the conference: when feedback opens, everyone with an
// e-mail gets their personal link once; after the event's reminder days, those who have not
// answered get one reminder. Both go through the outbox (enqueueMail) in the transaction that
// marks them written, so a restart in between neither loses nor repeats them.
import { and, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { events, feedbackResponses, mailOutbox, participants } from '../../db/schema.ts';
import type { Conn, Db } from '../db.ts';
import { writeAudit } from './audit.ts';
import { defaultEventSettings, type Event } from './events.ts';
import { feedbackWindow, type FeedbackWindow } from './feedback.ts';
import { enqueueMail } from './mail-outbox.ts';
import { personalLink, type Participant } from './participants.ts';
import { firstName } from './public-name.ts';

export const feedbackInviteKind = 'feedback-invite';
export const feedbackReminderKind = 'feedback-reminder';

const DAY = 24 * 60 * 60_000;
const immediate = { behavior: 'immediate' } as const;

/** The personal page, scrolled to its feedback form. */
export function feedbackLink(publicUrl: string, event: Pick<Event, 'slug'>, token: string): string {
  return `${personalLink(publicUrl, event, token)}#feedback`;
}

function longDay(isoDate: string): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );
}

type MailEvent = Pick<Event, 'id' | 'slug' | 'name' | 'settings'>;
type Person = Pick<Participant, 'id' | 'name' | 'role' | 'token' | 'email'>;

/** How the committee signs its e-mails: by its association when the letters name one. */
export function committeeSignature(event: Pick<Event, 'name' | 'settings'>): string {
  const association = defaultEventSettings(event.settings).letter.association.trim();
  return association ? `The ${association} buddy committee` : `The ${event.name} buddy committee`;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The invitation or the reminder, in plain words, for one person. */
export function feedbackMail(
  kind: 'invite' | 'reminder',
  event: MailEvent,
  person: Person,
  window: Pick<FeedbackWindow, 'lastDay'>,
  publicUrl: string,
): { subject: string; text: string } {
  const volunteer = person.role === 'volunteer';
  const name = oneLine(event.name).slice(0, 150);
  const until = longDay(window.lastDay);
  const link = feedbackLink(publicUrl, event, person.token);
  const hello = `Hi ${firstName(person.name) || 'there'},`;
  if (kind === 'reminder') {
    return {
      subject: `A reminder: how was the buddy program? ${name}`,
      text: [
        hello,
        '',
        `a short reminder: the committee would love to hear how the buddy program went for you at ${name}. ` +
          'It takes three taps on your phone:',
        '',
        link,
        '',
        `Feedback closes at the end of ${until}. If you already answered, thank you — there is nothing more to do.`,
        '',
        committeeSignature(event),
      ].join('\n'),
    };
  }
  return {
    subject: volunteer ? `How did buddying go? ${name}` : `How was your buddy? ${name}`,
    text: [
      hello,
      '',
      volunteer
        ? `thank you for welcoming first-timers at ${name}. How did it go? Three taps on your phone tell us:`
        : `${name} is over — we hope your buddy helped you find your way. How did it go? Three taps on your phone tell us:`,
      '',
      link,
      '',
      `Your answers help the committee plan next year's program. You can change them until the end of ${until}.`,
      ...(volunteer ? ['', 'Your letter of thanks for your volunteer service is on the same page.'] : []),
      '',
      'Thank you!',
      committeeSignature(event),
    ].join('\n'),
  };
}

function enqueueFeedbackMail(
  tx: Conn,
  kind: 'invite' | 'reminder',
  event: Event,
  people: Person[],
  window: FeedbackWindow,
  publicUrl: string,
  now: Date,
): number {
  let written = 0;
  for (const p of people) {
    if (!p.email) continue;
    const { subject, text } = feedbackMail(kind, event, p, window, publicUrl);
    const result = enqueueMail(
      tx,
      {
        eventId: event.id,
        to: p.email,
        participantId: p.id,
        kind: kind === 'invite' ? feedbackInviteKind : feedbackReminderKind,
        dedupeKey: `participant:${p.id}`,
        subject,
        text,
      },
      now,
    );
    if (result.ok) written++;
  }
  return written;
}

const personColumns = {
  id: participants.id,
  name: participants.name,
  role: participants.role,
  token: participants.token,
  email: participants.email,
};

/** Everyone of the event with an e-mail, except those who left the program. */
function invitees(conn: Conn, eventId: number): Person[] {
  return conn
    .select(personColumns)
    .from(participants)
    .where(and(eq(participants.eventId, eventId), isNotNull(participants.email), ne(participants.status, 'withdrawn')))
    .orderBy(participants.id)
    .all();
}

/** Those invited who have not answered (and have not left the program since). */
function notAnswered(conn: Conn, eventId: number): Person[] {
  return conn
    .select(personColumns)
    .from(participants)
    .innerJoin(
      mailOutbox,
      and(
        eq(mailOutbox.participantId, participants.id),
        eq(mailOutbox.eventId, eventId),
        eq(mailOutbox.kind, feedbackInviteKind),
      ),
    )
    .leftJoin(feedbackResponses, eq(feedbackResponses.participantId, participants.id))
    .where(
      and(
        eq(participants.eventId, eventId),
        isNotNull(participants.email),
        ne(participants.status, 'withdrawn'),
        isNull(feedbackResponses.id),
      ),
    )
    .orderBy(participants.id)
    .all();
}

/** Writes the invitations once per event: the event row says so, in the same transaction. */
function inviteInTx(tx: Conn, event: Event, window: FeedbackWindow, publicUrl: string, now: Date): number | null {
  const claimed = tx
    .update(events)
    .set({ feedbackInvitedAt: now })
    .where(and(eq(events.id, event.id), isNull(events.feedbackInvitedAt)))
    .returning({ id: events.id })
    .get();
  // another process (or an earlier tick) wrote them
  if (!claimed) return null;
  return enqueueFeedbackMail(tx, 'invite', event, invitees(tx, event.id), window, publicUrl, now);
}

export type FeedbackMailDone = { invited: number; reminded: number };

/**
 * What the timer does for one event: the invitations once feedback is open, and the one reminder
 * when its day has come while feedback is still open. A no-op (no query) on every other tick.
 */
export function sendDueFeedbackMail(db: Db, event: Event, now: Date, publicUrl: string): FeedbackMailDone {
  const done = { invited: 0, reminded: 0 };
  const window = feedbackWindow(event, now);
  if (window.state !== 'open') return done;
  if (event.feedbackInvitedAt === null) {
    done.invited = db.transaction((tx) => inviteInTx(tx, event, window, publicUrl, now) ?? 0, immediate);
    return done;
  }
  if (event.feedbackRemindedAt !== null) return done;
  const dueAt = event.feedbackInvitedAt.getTime() + defaultEventSettings(event.settings).feedbackReminderDays * DAY;
  if (now.getTime() < dueAt) return done;
  done.reminded = db.transaction((tx) => {
    const claimed = tx
      .update(events)
      .set({ feedbackRemindedAt: now })
      .where(and(eq(events.id, event.id), isNull(events.feedbackRemindedAt)))
      .returning({ id: events.id })
      .get();
    if (!claimed) return 0;
    return enqueueFeedbackMail(tx, 'reminder', event, notAnswered(tx, event.id), window, publicUrl, now);
  }, immediate);
  return done;
}

export type OpenFeedbackResult =
  | { ok: true; invited: number; window: FeedbackWindow }
  | { ok: false; reason: 'not-found' | 'already-open' | 'closed' };

/** An organizer opens feedback before the event's end; the invitations are written with it. */
export function openFeedbackNow(
  db: Db,
  args: { eventId: number; organizerId: number; now: Date; publicUrl: string },
): OpenFeedbackResult {
  return db.transaction((tx) => {
    const event = tx.select().from(events).where(eq(events.id, args.eventId)).get();
    if (!event) return { ok: false, reason: 'not-found' } as const;
    const before = feedbackWindow(event, args.now);
    if (before.state === 'open') return { ok: false, reason: 'already-open' } as const;
    if (before.state === 'closed') return { ok: false, reason: 'closed' } as const;
    const opened = tx
      .update(events)
      .set({ feedbackOpenedAt: args.now })
      .where(eq(events.id, event.id))
      .returning()
      .get()!;
    const window = feedbackWindow(opened, args.now);
    const invited = inviteInTx(tx, opened, window, args.publicUrl, args.now) ?? 0;
    writeAudit(tx, {
      eventId: event.id,
      organizerId: args.organizerId,
      action: 'feedback-opened',
      detail: `feedback opened early; ${invited} ${invited === 1 ? 'invitation' : 'invitations'} written to the outbox`,
      at: args.now,
    });
    return { ok: true, invited, window } as const;
  }, immediate);
}

export type FeedbackMailCounts = {
  /** invitations written to the outbox */
  invited: number;
  /** of those, handed to the mail server */
  sent: number;
  /** still in the outbox (no SMTP, or waiting to retry) */
  waiting: number;
  /** failed, or skipped because the person unsubscribed */
  notDelivered: number;
  /** invited people who opened their page after the invitation */
  opened: number;
  /** invited people who answered */
  answered: number;
  reminded: number;
  /** every answer, also from people who were not invited (no e-mail) */
  responses: number;
};

export function countFeedbackMail(db: Conn, eventId: number): FeedbackMailCounts {
  const byStatus = db
    .select({ kind: mailOutbox.kind, status: mailOutbox.status, n: sql<number>`count(*)` })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.eventId, eventId), inArray(mailOutbox.kind, [feedbackInviteKind, feedbackReminderKind])))
    .groupBy(mailOutbox.kind, mailOutbox.status)
    .all();
  const counts: FeedbackMailCounts = { invited: 0, sent: 0, waiting: 0, notDelivered: 0, opened: 0, answered: 0, reminded: 0, responses: 0 };
  for (const r of byStatus) {
    if (r.kind === feedbackReminderKind) {
      counts.reminded += r.n;
      continue;
    }
    counts.invited += r.n;
    if (r.status === 'sent') counts.sent += r.n;
    else if (r.status === 'queued' || r.status === 'sending') counts.waiting += r.n;
    else counts.notDelivered += r.n;
  }
  const invitedPeople = db
    .select({
      opened: sql<number>`coalesce(sum(${participants.feedbackSeenAt} >= ${mailOutbox.createdAt}), 0)`,
      answered: sql<number>`count(${feedbackResponses.id})`,
    })
    .from(mailOutbox)
    .innerJoin(participants, eq(participants.id, mailOutbox.participantId))
    .leftJoin(feedbackResponses, eq(feedbackResponses.participantId, participants.id))
    .where(and(eq(mailOutbox.eventId, eventId), eq(mailOutbox.kind, feedbackInviteKind)))
    .get();
  counts.opened = invitedPeople?.opened ?? 0;
  counts.answered = invitedPeople?.answered ?? 0;
  counts.responses =
    db
      .select({ n: sql<number>`count(*)` })
      .from(feedbackResponses)
      .where(eq(feedbackResponses.eventId, eventId))
      .get()?.n ?? 0;
  return counts;
}
