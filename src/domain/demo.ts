import type { Db } from '../db.ts';
import { createEvent, findEventBySlug, loadEventCatalog, type Event } from './events.ts';
import { registerParticipant } from './registration.ts';

// A believable state library association annual meeting, so organizers can try Buddydesk on
// something that looks like their own conference.
const interests = [
  'Cataloging & metadata',
  'Youth services',
  'Teen services',
  'Reference & instruction',
  'Academic libraries',
  'School libraries',
  'Archives & special collections',
  'Library technology',
  'Management & leadership',
  'Advocacy & policy',
  'Collection development',
  'Outreach & community engagement',
  'Equity, diversity & inclusion',
  'Digital scholarship',
  'Intellectual freedom',
];

const rooms = ['Ballroom A', 'Ballroom B', 'Magnolia Room', 'Cedar Room'];
const slots = ['09:00', '10:30', '13:30', '15:00'];
const titles = [
  ['Linked Data 101 for Busy Catalogers', 'Storytime Reimagined: Movement and Music', 'Teens as Co-Designers of Library Spaces', 'Budget Season Survival Guide'],
  ['Information Literacy in the Age of AI', 'Defending the Freedom to Read', 'Open Educational Resources on a Shoestring', 'Oral Histories from Small Towns'],
  ['Makerspaces That Last', 'Weeding Without Tears', 'Partnering with Your Local Schools', 'First-Generation Students and the Library'],
  ['From Paraprofessional to Director: Career Paths', 'Accessible Programs for Every Patron', 'Digitizing the County Newspaper', 'Outreach on Wheels: Bookmobiles Today'],
  ['RDA in Practice: Tricky Records Clinic', 'Library Advocacy Day Debrief', 'Gaming Nights for Teens', 'Grant Writing for Small Libraries'],
  ['Data Services for Faculty', 'Trauma-Informed Reference', 'Bilingual Storytime: Lessons Learned', 'Evaluating Your Collection with Circulation Data'],
  ['Archival Description with ArchivesSpace', 'School Librarians as Instructional Partners', 'Cybersecurity Basics for Library IT', 'Leading Through Change'],
  ['Community Conversations: Libraries as Civic Spaces', 'Digital Humanities Projects with Students', 'Diverse Books Roundtable', 'Closing Keynote: The Library as Commons'],
];

const spots = [
  { name: 'Spot A', directions: 'Blue "First-timers" banner left of the registration desk', pairsAtOnce: 8 },
  { name: 'Spot B', directions: 'By the double doors of Exhibit Hall C, next to the coffee cart', pairsAtOnce: 6 },
  { name: 'Spot C', directions: 'Bottom of the atrium staircase, under the hanging mobile', pairsAtOnce: 6 },
  { name: 'Spot D', directions: 'Conference lounge on the second floor, sofas by the windows', pairsAtOnce: 4 },
];

function isoDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function endOf(start: string): string {
  const [h = 0, m = 0] = start.split(':').map(Number);
  const end = h * 60 + m + 75;
  return `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

/** The demo conference runs today and tomorrow, so rounds and meetup times make sense when tried. */
export function createDemoEvent(db: Db, now: Date, slug = 'demo'): Event {
  const timeZone = 'America/Chicago';
  const day1 = isoDay(now, timeZone);
  const days = [day1, addDays(day1, 1)];
  const sessions = days.flatMap((day, d) =>
    slots.flatMap((start, s) =>
      rooms.map((room, r) => ({
        code: `D${d + 1}-${start.replace(':', '')}-${r + 1}`,
        title: titles[d * 4 + s]![r]!,
        room,
        startsAt: `${day}T${start}`,
        endsAt: `${day}T${endOf(start)}`,
      })),
    ),
  );
  return createEvent(
    db,
    {
      slug,
      name: 'Riverlands Library Association Annual Conference',
      venue: 'Riverfront Convention Center',
      timezone: timeZone,
      startsOn: days[0]!,
      endsOn: days[1]!,
      regions: ['Northeast', 'Northwest', 'Central', 'Southeast', 'Southwest', 'Out of state'],
      languages: ['English', 'Spanish', 'French', 'ASL', 'Vietnamese', 'Mandarin'],
      interests,
      sessions,
      spots,
    },
    now,
  );
}

export function ensureDemoEvent(db: Db, now: Date): { event: Event; created: boolean } {
  const existing = findEventBySlug(db, 'demo');
  return existing ? { event: existing, created: false } : { event: createDemoEvent(db, now), created: true };
}

const firstNames = ['Octavia', 'Bartholomew', 'Maya', 'Luis', 'Priya', 'Jamal', 'Hannah', 'Tomás', 'Grace', 'Wei', 'Amara', 'Dmitri',
  'Rosa', 'Ethan', 'Nadia', 'Kwame', 'Ingrid', 'Mateo', 'Leila', 'Samuel', 'Yuki', 'Fatima', 'Noah', 'Chioma', 'Ava', 'Thanh'];
const lastNames = ['Reyes', 'Quinn', 'Okafor', 'Lindqvist', 'Patel', 'Nguyen', 'Whitaker', 'Moreno', 'Chen', 'Abernathy', 'Kowalski',
  'Haddad', 'Brooks', 'Sato', 'Mensah', 'Delgado', 'Fischer', 'Oyelaran', 'Hart', 'Castillo'];
const affiliations = ['Riverton Public Library', 'State University Libraries', 'Maple Grove Middle School', 'County Law Library',
  'Hillside Community College', 'Regional Historical Society', 'Lakeview District Library', 'Northfield Academy'];
const bios = [
  'Cataloger at a university library, my ninth conference. Happy to show you the exhibit hall.',
  'Youth services librarian who loves a good storytime. Ask me about the best sessions for newcomers.',
  'Library director of a small rural library; I remember how big this felt the first time.',
  'School librarian and committee chair. Coffee is on me at the first break.',
  'Archivist and oral history nerd. I know every quiet corner of this venue.',
];

/** A small deterministic generator, so `npm run demo` makes the same people for the same seed. */
function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function addDemoPeople(db: Db, event: Event, count: number, now: Date, seed = 1): { firstTimers: number; volunteers: number } {
  const rnd = seededRandom(seed);
  const pick = <T,>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const pickSome = <T,>(list: T[], min: number, max: number) => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    return [...new Set(Array.from({ length: n }, () => pick(list)))];
  };
  const catalog = loadEventCatalog(db, event.id);
  const { libraryTypes, regions, languages } = catalog;
  let firstTimers = 0;
  let volunteers = 0;
  for (let i = 0; i < count; i++) {
    const role = rnd() < 0.65 ? 'first_timer' : 'volunteer';
    const result = registerParticipant(
      db,
      event,
      {
        role,
        name: `${pick(firstNames)} ${pick(lastNames)}`,
        pronouns: pick(['', 'she/her', 'he/him', 'they/them']),
        email: null,
        affiliation: pick(affiliations),
        libraryType: pick(libraryTypes.slice(0, 5)),
        region: pick(regions),
        languages: rnd() < 0.15 ? [languages[0]!, pick(languages.slice(1))] : [languages[0]!],
        interests: pickSome(catalog.interests.map((x) => x.id), 2, 5),
        sessions: pickSome(catalog.sessions.map((x) => x.id), 2, 6),
        accessibilityNeeds: rnd() < 0.08 ? 'Step-free route, please' : '',
        bio: role === 'volunteer' ? pick(bios) : '',
        capacity: role === 'volunteer' ? 1 + Math.floor(rnd() * 3) : undefined,
        consentContact: rnd() < 0.5,
        // the demo's volunteers show up in the directory (no extra draw, so the demo's people stay the same)
        listed: role === 'volunteer',
      },
      { present: rnd() < 0.7, now },
    );
    if (result.ok) role === 'first_timer' ? firstTimers++ : volunteers++;
  }
  return { firstTimers, volunteers };
}
