// "Download my data": everything stored about one person, as one JSON document. Their buddies
// appear by public name only (first name + last initial), as on their page; audit lines that
// mention others name them the same way, so the file never carries another person's surname or
// e-mail.
import { and, asc, count, eq, inArray, like, or } from 'drizzle-orm';
import { auditLog, buddyRequests, feedbackResponses, interests, mailOutbox, meetupSpots, pairs, programSessions, safetyReports } from '../../db/schema.ts';
import type { Db } from '../db.ts';
import { pinnedReason } from '../matcher/index.ts';
import type { Event } from './events.ts';
import { auditName } from './audit.ts';
import { loadProfile, peopleById, peopleInEvent, type Participant } from './participants.ts';
import { publicName } from './public-name.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function collectMyData(db: Db, event: Event, me: Participant, now: Date) {
  const profile = loadProfile(db, me);
  const interestLabels = profile.interestIds.length
    ? db.select({ label: interests.label }).from(interests).where(inArray(interests.id, profile.interestIds)).all().map((r) => r.label)
    : [];
  const sessions = profile.sessionIds.length
    ? db
        .select({ code: programSessions.code, title: programSessions.title, room: programSessions.room, startsAt: programSessions.startsAt })
        .from(programSessions)
        .where(inArray(programSessions.id, profile.sessionIds))
        .orderBy(asc(programSessions.startsAt))
        .all()
    : [];
  const myPairs = db
    .select()
    .from(pairs)
    .where(and(eq(pairs.eventId, event.id), or(eq(pairs.firstTimerId, me.id), eq(pairs.volunteerId, me.id))))
    .orderBy(asc(pairs.id))
    .all();
  const firstTimer = me.role === 'first_timer';
  const buddies = peopleById(db, myPairs.map((p) => (firstTimer ? p.volunteerId : p.firstTimerId)));
  const spots = new Map(db.select().from(meetupSpots).where(eq(meetupSpots.eventId, event.id)).all().map((s) => [s.id, s]));
  const requests = db.select().from(buddyRequests).where(eq(buddyRequests.firstTimerId, me.id)).orderBy(asc(buddyRequests.createdAt)).all();
  const requested = peopleById(db, requests.map((r) => r.volunteerId));
  // a volunteer sees how many asked for them, not who: the names are those first-timers' wishes
  const askedForMe =
    me.role === 'volunteer'
      ? (db.select({ n: count() }).from(buddyRequests).where(eq(buddyRequests.volunteerId, me.id)).get()?.n ?? 0)
      : 0;
  // the reports they made, with their own note; never one someone made about them
  const myReports = db
    .select({ note: safetyReports.note, rematchAsked: safetyReports.rematchAsked, createdAt: safetyReports.createdAt })
    .from(safetyReports)
    .where(eq(safetyReports.reporterId, me.id))
    .orderBy(asc(safetyReports.createdAt), asc(safetyReports.id))
    .all();
  const feedback = db.select().from(feedbackResponses).where(eq(feedbackResponses.participantId, me.id)).get();
  const mail = db.select().from(mailOutbox).where(eq(mailOutbox.participantId, me.id)).orderBy(asc(mailOutbox.id)).all();
  const audit = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.eventId, event.id), like(auditLog.detail, `%(#${me.id})%`)))
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .all();
  // others named in those lines, by public name only
  const mentioned = peopleInEvent(
    db,
    event.id,
    audit.flatMap((a) => [...a.detail.matchAll(/\(#(\d+)\)/g)].map((m) => Number(m[1]))),
  );
  const withPublicNames = (detail: string) => {
    let out = detail;
    for (const [id, p] of mentioned) out = out.split(auditName(p)).join(id === me.id ? `${p.name} (you)` : publicName(p.name));
    return out;
  };

  return {
    about:
      'Everything Buddydesk stores about you for this event. Your buddies appear by first name and last initial, as on your page.',
    exportedAt: now.toISOString(),
    event: { name: event.name, startsOn: event.startsOn, endsOn: event.endsOn, personalDataKeptDaysAfterEnd: event.retentionDays },
    profile: {
      role: me.role === 'volunteer' ? 'volunteer' : 'first-timer',
      status: me.status,
      name: me.name,
      pronouns: me.pronouns,
      email: me.email,
      affiliation: me.affiliation,
      libraryType: me.libraryType,
      region: me.region,
      languages: me.languages,
      accessibilityNeeds: me.accessibilityNeeds,
      bio: me.bio,
      ...(me.role === 'volunteer' ? { capacity: me.capacity } : {}),
      shareEmailWithBuddy: me.consentContact,
      ...(me.role === 'volunteer' ? { listedInVolunteerDirectory: me.listed } : {}),
      deskCode: me.deskCode,
      registeredAt: iso(me.createdAt),
      preRegisteredByOrganizers: me.importedAt !== null,
      checkedInAt: iso(me.checkedInAt),
      updatedAt: iso(me.updatedAt),
    },
    choices: {
      interests: interestLabels,
      plannedSessions: sessions,
      ...(firstTimer
        ? {
            askedForVolunteers: requests.map((r) => ({
              volunteer: requested.has(r.volunteerId) ? publicName(requested.get(r.volunteerId)!.name) : null,
              askedAt: iso(r.createdAt),
            })),
          }
        : { firstTimersWhoAskedForYou: askedForMe }),
    },
    pairs: myPairs.map((p) => {
      const buddy = buddies.get(firstTimer ? p.volunteerId : p.firstTimerId);
      const spot = p.spotId === null ? undefined : spots.get(p.spotId);
      return {
        // a buddy who erased their data has no name left to show
        buddy: buddy && buddy.erasedAt === null ? publicName(buddy.name) : null,
        buddyRole: firstTimer ? 'volunteer' : 'first-timer',
        status: p.status,
        reasons: p.reasons.filter((r) => r !== pinnedReason),
        spot: spot ? { name: spot.name, directions: spot.directions } : null,
        meetAt: iso(p.meetAt),
        pairedAt: iso(p.createdAt),
        metAt: iso(p.metAt),
        endedAt: iso(p.endedAt),
      };
    }),
    safetyReportsYouMade: myReports.map((r) => ({
      note: r.note,
      askedForAnotherBuddy: r.rematchAsked,
      madeAt: iso(r.createdAt),
    })),
    feedback: feedback
      ? {
          met: feedback.met,
          rating: feedback.rating,
          again: feedback.again,
          comment: feedback.comment,
          mayContact: feedback.mayContact,
          givenAt: iso(feedback.createdAt),
          updatedAt: iso(feedback.updatedAt),
        }
      : null,
    mailToYou: mail.map((m) => ({
      to: m.toAddress,
      subject: m.subject,
      text: m.textBody,
      status: m.status,
      writtenAt: iso(m.createdAt),
      sentAt: iso(m.sentAt),
    })),
    organizerLogAboutYou: audit.map((a) => ({ at: iso(a.at), action: a.action, detail: withPublicNames(a.detail) })),
  };
}

export type MyData = ReturnType<typeof collectMyData>;
