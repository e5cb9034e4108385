// A list of people who registered before the conference (from the association's registration
// system or a committee's sheet), read row by row: which column is which, and every row turned
// into a person or into problems that name its line and field. Choices are matched by their
// label, whatever the case; the database checks (e-mails already registered) are in
// preregistration.ts.
import { z } from 'zod';
import { participantRoles, type ParticipantRole } from '../../db/schema.ts';
import { columnProblems, guessColumns, normaliseHeader } from './csv-header-guess.ts';
import type { CsvRow } from './csv-table.ts';
import type { EventChoices } from './events.ts';
import { profileFieldLimits } from './registration-schema.ts';

export const peopleFields = ['name', 'firstName', 'lastName', 'email', 'role', 'libraryType', 'region', 'interests', 'languages', 'affiliation', 'capacity'] as const;
export type PeopleField = (typeof peopleFields)[number];

export type PeopleMapping = {
  columns: Partial<Record<PeopleField, number>>;
  /** the role of people whose role cell is empty, or of everyone when no column has roles */
  defaultRole: ParticipantRole | null;
};

export const peopleFieldLabels: Record<PeopleField, string> = {
  name: 'Name (full name, or first and last name below)',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'E-mail',
  role: 'Role (first-timer or volunteer)',
  libraryType: 'Library type',
  region: 'Region',
  interests: 'Interests',
  languages: 'Languages',
  affiliation: 'Library, school or employer',
  capacity: 'Capacity (first-timers a volunteer takes)',
};

// earlier names in a list are stronger evidence than later ones
const synonyms: Record<PeopleField, readonly string[]> = {
  name: ['name', 'full name', 'attendee name', 'participant name', 'display name', 'attendee', 'participant', 'person'],
  firstName: ['first name', 'firstname', 'given name', 'first', 'forename'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'last'],
  email: ['email', 'e mail', 'email address', 'e mail address', 'mail', 'attendee email'],
  role: ['role', 'buddy role', 'program role', 'attendee type', 'participant type', 'registration type', 'type'],
  libraryType: ['library type', 'type of library', 'library kind', 'library sector', 'sector'],
  region: ['region', 'state', 'chapter', 'district', 'area', 'province', 'county'],
  interests: ['interests', 'interest', 'areas of interest', 'topics of interest', 'interested in', 'topics'],
  languages: ['languages', 'language', 'spoken languages'],
  affiliation: ['affiliation', 'library', 'institution', 'organization', 'organisation', 'employer', 'library or school', 'school', 'company'],
  capacity: ['capacity', 'first timers', 'how many first timers', 'max first timers', 'number of first timers', 'buddies', 'slots'],
};

/** One person as read from the sheet, with choices in the event's own spelling. */
export type SheetPerson = {
  line: number;
  name: string;
  email: string | null;
  role: ParticipantRole;
  affiliation: string;
  libraryType: string;
  region: string;
  languages: string[];
  interests: string[];
  /** first-timers a volunteer takes (1–3); 0 for a first-timer */
  capacity: number;
};

/** What is wrong with a row, by its line in the file and the field. */
export type RowProblem = { line: number; field: string; message: string };

export function guessPeopleMapping(headers: string[]): PeopleMapping {
  const columns = guessColumns(headers, peopleFields, synonyms);
  // a sheet with a full name column needs no first and last name, and one with both would read twice
  if (columns.name !== undefined) {
    delete columns.firstName;
    delete columns.lastName;
  }
  return { columns, defaultRole: null };
}

/** What the mapping still lacks or gets wrong, in words for the mapping step; empty when it can be used. */
export function checkPeopleMapping(mapping: PeopleMapping, headers: string[]): string[] {
  const { notInSheet, chosenTwice } = columnProblems(mapping.columns, headers, peopleFieldLabels);
  const problems = [...notInSheet];
  const { name, firstName, lastName, role } = mapping.columns;
  if (name === undefined && firstName === undefined) problems.push('Choose the column with the names, or the ones with first and last names.');
  if (name !== undefined && (firstName !== undefined || lastName !== undefined)) {
    problems.push('Choose either a full name column or first and last name columns, not both.');
  }
  if (role === undefined && mapping.defaultRole === null) {
    problems.push('Choose the column that says who is a first-timer and who a volunteer, or say what everyone in the sheet is.');
  }
  return [...problems, ...chosenTwice];
}

const roleWords: Record<ParticipantRole, string[]> = {
  first_timer: ['first timer', 'first timers', 'firsttimer', 'first time', 'first time attendee', 'first timer attendee', 'newcomer', 'new', 'new member', 'mentee'],
  volunteer: ['volunteer', 'volunteers', 'buddy', 'volunteer buddy', 'returning volunteer', 'returning', 'mentor'],
};

function readRole(cell: string): ParticipantRole | undefined {
  const word = normaliseHeader(cell);
  return participantRoles.find((r) => roleWords[r].includes(word));
}

const emailSchema = z.email();
const quoted = (s: string, max = 60) => `'${s.length > max ? `${s.slice(0, max - 1)}…` : s}'`;

/** Labels of a list cell ("Cataloging; Youth services"), each in the event's spelling, and those it does not know. */
function readLabels(cell: string, known: readonly string[]): { labels: string[]; unknown: string[] } {
  const byKey = new Map(known.map((l) => [l.trim().toLowerCase(), l]));
  const labels: string[] = [];
  const unknown: string[] = [];
  for (const part of cell.split(/[;|\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const hit = byKey.get(part.toLowerCase());
    if (hit) {
      labels.push(hit);
      continue;
    }
    // commas separate too, unless a label has one of its own (matched whole above)
    for (const sub of part.split(',').map((p) => p.trim()).filter(Boolean)) {
      const found = byKey.get(sub.toLowerCase());
      if (found) labels.push(found);
      else unknown.push(sub);
    }
  }
  return { labels: [...new Set(labels)], unknown };
}

const oneOf = (list: readonly string[]) => list.join(', ');

/**
 * Each row as a person, and the problems of every row that cannot be read (those rows are left
 * out of `people`). An import goes ahead only when there are no problems at all.
 */
export function readPeopleRows(
  rows: readonly CsvRow[],
  mapping: PeopleMapping,
  choices: EventChoices,
): { people: SheetPerson[]; problems: RowProblem[] } {
  const people: SheetPerson[] = [];
  const problems: RowProblem[] = [];
  const emails: { line: number; email: string }[] = [];
  const limits = profileFieldLimits;
  for (const { line, cells } of rows) {
    const problemsBefore = problems.length;
    const cell = (f: PeopleField) => {
      const c = mapping.columns[f];
      return c === undefined ? '' : (cells[c] ?? '').trim();
    };
    const problem = (field: PeopleField, message: string) => problems.push({ line, field: peopleFieldLabels[field].replace(/ \(.*\)$/, ''), message });
    const name = (cell('name') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ')).replace(/\s+/g, ' ');
    if (name === '') problem('name', 'the name is empty');
    else if (name.length > limits.name) problem('name', `the name is longer than ${limits.name} characters`);
    const emailCell = cell('email').toLowerCase();
    if (emailCell !== '' && (emailCell.length > limits.email || !emailSchema.safeParse(emailCell).success)) {
      problem('email', `${quoted(emailCell)} is not an e-mail address`);
    } else if (emailCell !== '') emails.push({ line, email: emailCell });
    const roleCell = cell('role');
    const role = roleCell === '' ? mapping.defaultRole : readRole(roleCell);
    if (!role) problem('role', roleCell === '' ? 'the role is empty; write first-timer or volunteer' : `${quoted(roleCell)} is not a role; write first-timer or volunteer`);
    const libraryTypeCell = cell('libraryType');
    const libraryType = choices.libraryTypes.find((l) => l.toLowerCase() === libraryTypeCell.toLowerCase()) ?? '';
    if (libraryTypeCell !== '' && !libraryType) problem('libraryType', `${quoted(libraryTypeCell)} is not one of: ${oneOf(choices.libraryTypes)}`);
    const regionCell = cell('region');
    let region = regionCell;
    if (choices.regions.length > 0 && regionCell !== '') {
      region = choices.regions.find((r) => r.toLowerCase() === regionCell.toLowerCase()) ?? '';
      if (!region) problem('region', `${quoted(regionCell)} is not one of: ${oneOf(choices.regions)}`);
    } else if (regionCell.length > limits.region) problem('region', `the region is longer than ${limits.region} characters`);
    const interests = readLabels(cell('interests'), choices.interests.map((i) => i.label));
    if (interests.unknown.length > 0) {
      problem('interests', `${interests.unknown.map((u) => quoted(u)).join(', ')} ${interests.unknown.length === 1 ? 'is' : 'are'} not among the interests: ${oneOf(choices.interests.map((i) => i.label))} (separate several with semicolons)`);
    }
    const languages = readLabels(cell('languages'), choices.languages);
    if (languages.unknown.length > 0) {
      problem('languages', `${languages.unknown.map((u) => quoted(u)).join(', ')} ${languages.unknown.length === 1 ? 'is' : 'are'} not among the languages: ${oneOf(choices.languages)}`);
    }
    const affiliation = cell('affiliation');
    if (affiliation.length > limits.affiliation) problem('affiliation', `the library or school is longer than ${limits.affiliation} characters`);
    const capacityCell = cell('capacity');
    let capacity = 0;
    if (role === 'volunteer') {
      capacity = capacityCell === '' ? 1 : Number(capacityCell);
      if (!/^\d+$/.test(capacityCell || '1') || capacity < 1 || capacity > 3) {
        problem('capacity', `${quoted(capacityCell)}: a volunteer takes 1, 2 or 3 first-timers`);
      }
    }
    if (role && problems.length === problemsBefore) {
      people.push({ line, name, email: emailCell || null, role, affiliation, libraryType, region, languages: languages.labels, interests: interests.labels, capacity });
    }
  }
  problems.push(...duplicateEmails(emails));
  problems.sort((a, b) => a.line - b.line);
  const refused = new Set(problems.map((p) => p.line));
  return { people: people.filter((p) => !refused.has(p.line)), problems };
}

/** Two rows with one e-mail: the later one is refused, naming the first. */
function duplicateEmails(people: readonly { line: number; email: string }[]): RowProblem[] {
  const first = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const p of people) {
    const seen = first.get(p.email);
    if (seen === undefined) first.set(p.email, p.line);
    else problems.push({ line: p.line, field: peopleFieldLabels.email, message: `${p.email} is also on line ${seen}` });
  }
  return problems;
}
