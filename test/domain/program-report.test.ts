// The program report on a fixture small enough to work out by hand. Every expected figure below
// was counted from the fixture on paper, not computed by the code under test.
import { describe, expect, it } from 'vitest';
import type { ReportInput, ReportPerson, ReportResponse } from '../../src/domain/program-report-input.ts';
import { computeProgramReport, responseRows } from '../../src/domain/program-report.ts';

function person(p: Partial<ReportPerson> & Pick<ReportPerson, 'id' | 'role' | 'name'>): ReportPerson {
  return {
    status: 'registered',
    checkedIn: false,
    capacity: p.role === 'volunteer' ? 1 : 0,
    libraryType: '',
    region: '',
    interestIds: [],
    sessionIds: [],
    email: `${p.name.split(' ')[0]!.toLowerCase()}@example.org`,
    ...p,
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 9, 16, 12, minute));

function answer(r: Partial<ReportResponse> & Pick<ReportResponse, 'participantId' | 'met' | 'rating' | 'again'>): ReportResponse {
  return { comment: '', mayContact: false, updatedAt: at(r.participantId), ...r };
}

/**
 * First-timers 1–7, volunteers 11–15. F4's volunteer V2 did not come (pair 2), and F4 was
 * rematched with V3 (pair 4); F5 did not come to meet V1 (pair 5). F6 never came, F7 came and
 * was never matched; V4 came and was never matched, V5 never came.
 */
const fixture: ReportInput = {
  people: [
    person({ id: 1, role: 'first_timer', name: 'Ana Alvarez', status: 'matched', checkedIn: true, interestIds: [1, 2, 3], sessionIds: [10], libraryType: 'Public', region: 'East' }),
    person({ id: 2, role: 'first_timer', name: 'Bo Brandt', status: 'matched', checkedIn: true, interestIds: [1], libraryType: 'Academic', region: 'East' }),
    person({ id: 3, role: 'first_timer', name: 'Cy Cole', status: 'matched', checkedIn: true, sessionIds: [11], region: 'West' }),
    person({ id: 4, role: 'first_timer', name: 'Dee Dale', status: 'matched', checkedIn: true, interestIds: [2], sessionIds: [10, 11], libraryType: 'Public' }),
    person({ id: 5, role: 'first_timer', name: 'Eve Eng', status: 'absent', checkedIn: true, interestIds: [1] }),
    person({ id: 6, role: 'first_timer', name: 'Fay Fox' }),
    person({ id: 7, role: 'first_timer', name: 'Gus Gray', status: 'present', checkedIn: true }),
    person({ id: 11, role: 'volunteer', name: 'Vera Volk', status: 'matched', checkedIn: true, capacity: 2, interestIds: [1, 2], sessionIds: [10], libraryType: 'Public', region: 'East' }),
    person({ id: 12, role: 'volunteer', name: 'Walt West', status: 'absent', checkedIn: true, capacity: 1, interestIds: [3], sessionIds: [11], libraryType: 'Academic', region: 'West' }),
    person({ id: 13, role: 'volunteer', name: 'Xena Xu', status: 'matched', checkedIn: true, capacity: 3, interestIds: [1], sessionIds: [11], libraryType: 'Academic', region: 'West' }),
    person({ id: 14, role: 'volunteer', name: 'Yuri Yoon', status: 'present', checkedIn: true, capacity: 1 }),
    person({ id: 15, role: 'volunteer', name: 'Zoe Zane', capacity: 2 }),
  ],
  pairs: [
    { id: 1, firstTimerId: 1, volunteerId: 11, status: 'met', noShowParticipantId: null, requested: true },
    { id: 2, firstTimerId: 4, volunteerId: 12, status: 'no_show', noShowParticipantId: 12, requested: false },
    { id: 3, firstTimerId: 2, volunteerId: 13, status: 'met', noShowParticipantId: null, requested: false },
    { id: 4, firstTimerId: 4, volunteerId: 13, status: 'published', noShowParticipantId: null, requested: false },
    { id: 5, firstTimerId: 5, volunteerId: 11, status: 'no_show', noShowParticipantId: 5, requested: false },
    { id: 6, firstTimerId: 3, volunteerId: 13, status: 'met', noShowParticipantId: null, requested: false },
  ],
  responses: [
    answer({ participantId: 1, met: 'more', rating: 5, again: 'yes', comment: 'Wonderful buddy.', mayContact: true }),
    answer({ participantId: 2, met: 'once', rating: 4, again: 'maybe' }),
    answer({ participantId: 3, met: 'once', rating: 2, again: 'no', comment: 'We had little in common.' }),
    answer({ participantId: 4, met: 'no', rating: null, again: 'yes' }),
    answer({ participantId: 6, met: 'no', rating: null, again: 'no' }),
    answer({ participantId: 11, met: 'once', rating: 4, again: 'yes', comment: 'Happy to help again.', mayContact: true }),
    answer({ participantId: 13, met: 'more', rating: 3, again: 'maybe', mayContact: true }),
  ],
};

const report = computeProgramReport(fixture);

/** n, mean and ratings of 4–5 of one role's figure, rounded as the page shows the mean. */
const stats = (s: { n: number; mean: number | null; good: number }) => [s.n, s.mean === null ? null : Number(s.mean.toFixed(2)), s.good];

describe('computeProgramReport', () => {
  it('counts first-timers from registration to meeting their buddy', () => {
    // present: 1–5 checked in, 7 is here; matched: 1–5 have pairs; met: 1, 2, 3; rematched: 4
    expect(report.firstTimers).toEqual({
      registered: 7,
      present: { n: 6, of: 7 },
      matched: { n: 5, of: 6 },
      met: { n: 3, of: 5 },
      rematched: { n: 1, of: 5 },
    });
  });

  it('counts volunteers present, with a first-timer, and who met one', () => {
    // present: 11–14; with a pair: 11, 12, 13; met: 11 (pair 1), 13 (pairs 3, 6)
    expect(report.volunteers).toEqual({ registered: 5, present: { n: 4, of: 5 }, matched: { n: 3, of: 4 }, met: { n: 2, of: 3 } });
  });

  it('counts pairs that met and no-shows, by who did not come', () => {
    expect(report.pairs).toEqual({
      total: 6,
      met: { n: 3, of: 6 },
      noShow: { n: 2, of: 6 },
      noShowFirstTimer: 1,
      noShowVolunteer: 1,
      cancelled: 0,
    });
  });

  it('gives the response rate by role, of those registered and of those present', () => {
    // first-timers 1, 2, 3, 4, 6 answered; 6 was never here; volunteers 11 and 13
    expect(report.responses).toEqual({
      first_timer: { registered: { n: 5, of: 7 }, present: { n: 4, of: 6 } },
      volunteer: { registered: { n: 2, of: 5 }, present: { n: 2, of: 4 } },
      all: { registered: { n: 7, of: 12 }, present: { n: 6, of: 10 } },
    });
  });

  it('gives the distribution of ratings by role, leaving out answers without one', () => {
    expect(report.ratings.first_timer.counts).toEqual([0, 1, 0, 1, 1]);
    expect(report.ratings.volunteer.counts).toEqual([0, 0, 1, 1, 0]);
    expect(report.ratings.all.counts).toEqual([0, 1, 1, 2, 1]);
    // (5 + 4 + 2) / 3, (4 + 3) / 2, 18 / 5
    expect(stats(report.ratings.first_timer)).toEqual([3, 3.67, 2]);
    expect(stats(report.ratings.volunteer)).toEqual([2, 3.5, 1]);
    expect(stats(report.ratings.all)).toEqual([5, 3.6, 3]);
    expect(report.met).toEqual({ first_timer: { no: 2, once: 2, more: 1 }, volunteer: { no: 0, once: 1, more: 1 } });
  });

  it('gives ratings by match criterion, each from the profiles of the pair the answer is about', () => {
    // rated pairs: F1→P1 (5), F2→P3 (4), F3→P6 (2); V1→P1 (4); V3→P3, P4, P6 (3 each)
    const table = Object.fromEntries(
      report.criteria.map((g) => [
        g.key,
        Object.fromEntries(g.buckets.map((b) => [b.key, [stats(b.ratings.first_timer), stats(b.ratings.volunteer), stats(b.ratings.all)]])),
      ]),
    );
    expect(table).toEqual({
      interests: {
        '0': [[1, 2, 0], [2, 3, 0], [3, 2.67, 0]],
        '1': [[1, 4, 1], [1, 3, 0], [2, 3.5, 1]],
        '2+': [[1, 5, 1], [1, 4, 1], [2, 4.5, 2]],
      },
      sessions: {
        '0': [[1, 4, 1], [1, 3, 0], [2, 3.5, 1]],
        '1+': [[2, 3.5, 1], [3, 3.33, 1], [5, 3.4, 2]],
      },
      'library-type': {
        same: [[2, 4.5, 2], [2, 3.5, 1], [4, 4, 3]],
        different: [[0, null, 0], [1, 3, 0], [1, 3, 0]],
        unknown: [[1, 2, 0], [1, 3, 0], [2, 2.5, 0]],
      },
      region: {
        same: [[2, 3.5, 1], [2, 3.5, 1], [4, 3.5, 2]],
        different: [[1, 4, 1], [1, 3, 0], [2, 3.5, 1]],
        unknown: [[0, null, 0], [1, 3, 0], [1, 3, 0]],
      },
      requested: {
        yes: [[1, 5, 1], [1, 4, 1], [2, 4.5, 2]],
        no: [[2, 3, 1], [3, 3, 0], [5, 3, 1]],
      },
      rematched: {
        yes: [[0, null, 0], [1, 3, 0], [1, 3, 0]],
        no: [[3, 3.67, 2], [3, 3.33, 1], [6, 3.5, 3]],
      },
    });
  });

  it("gives volunteers' load: first-timers welcomed per present volunteer, of the places offered", () => {
    // V1 welcomed F1 (F5 did not come), V2 nobody (did not come), V3 three, V4 nobody
    expect(report.load).toEqual({
      volunteersPresent: 4,
      distribution: [
        { label: '0', volunteers: 2 },
        { label: '1', volunteers: 1 },
        { label: '2', volunteers: 0 },
        { label: '3', volunteers: 1 },
        { label: '4 or more', volunteers: 0 },
      ],
      welcomed: 4,
      capacity: 7,
      used: { n: 4, of: 7 },
      metPairs: 3,
    });
  });

  it("lists next year's volunteers, yes before maybe, with an e-mail only where they agreed", () => {
    expect(report.nextYear).toEqual([
      { name: 'Ana Alvarez', role: 'first_timer', again: 'yes', email: 'ana@example.org' },
      { name: 'Dee Dale', role: 'first_timer', again: 'yes', email: null },
      { name: 'Vera Volk', role: 'volunteer', again: 'yes', email: 'vera@example.org' },
      { name: 'Bo Brandt', role: 'first_timer', again: 'maybe', email: null },
      { name: 'Xena Xu', role: 'volunteer', again: 'maybe', email: 'xena@example.org' },
    ]);
  });

  it('lists the comments in the order they were written, without names', () => {
    expect(report.comments).toEqual([
      { role: 'first_timer', met: 'more', rating: 5, text: 'Wonderful buddy.', at: at(1) },
      { role: 'first_timer', met: 'once', rating: 2, text: 'We had little in common.', at: at(3) },
      { role: 'volunteer', met: 'once', rating: 4, text: 'Happy to help again.', at: at(11) },
    ]);
  });

  it('gives zero wholes and no means for an event without anyone', () => {
    const empty = computeProgramReport({ people: [], pairs: [], responses: [] });
    expect(empty.firstTimers.met).toEqual({ n: 0, of: 0 });
    expect(empty.ratings.all).toMatchObject({ n: 0, mean: null });
    expect(empty.criteria.every((g) => g.buckets.every((b) => b.ratings.all.n === 0))).toBe(true);
  });
});

describe('responseRows', () => {
  it('gives each answer with the criteria of every pair it is about', () => {
    const rows = responseRows(fixture);
    expect(rows.map((r) => [r.name, r.pairs.length])).toEqual([
      ['Ana Alvarez', 1],
      ['Bo Brandt', 1],
      ['Cy Cole', 1],
      ['Dee Dale', 1],
      ['Fay Fox', 0],
      ['Vera Volk', 1],
      ['Xena Xu', 3],
    ]);
    // Dee's answer is about her rematch with Xena: pair 4
    expect(rows[3]!.pairs[0]).toEqual({ sharedInterests: 0, sharedSessions: 1, sameLibraryType: false, sameRegion: null, requested: false, rematched: true });
    expect(rows.map((r) => r.email)).toEqual(['ana@example.org', null, null, null, null, 'vera@example.org', 'xena@example.org']);
  });
});
