// The registration form (join) and the profile form (a personal page) refused: what was typed,
// for showing it back with the person's answers kept.
import { profileFieldLimits as max } from '../domain/registration-schema.ts';
import { typedList, typedText } from '../form-input.ts';
import type { ProfileValues } from '../../views/profile-form.tsx';

export function profileValuesFromForm(form: Record<string, string | string[]>): ProfileValues {
  return {
    role: typedText(form.role, max.role),
    name: typedText(form.name, max.name),
    pronouns: typedText(form.pronouns, max.pronouns),
    email: typedText(form.email, max.email),
    affiliation: typedText(form.affiliation, max.affiliation),
    libraryType: typedText(form.libraryType, max.libraryType),
    region: typedText(form.region, max.region),
    languages: typedList(form.languages).map((l) => l.slice(0, 40)),
    interests: typedList(form.interests).map(Number).filter(Number.isInteger),
    sessions: typedList(form.sessions).map(Number).filter(Number.isInteger),
    accessibilityNeeds: typedText(form.accessibilityNeeds, max.accessibilityNeeds),
    bio: typedText(form.bio, max.bio),
    capacity: typedText(form.capacity, max.capacity),
    consentContact: typedText(form.consentContact, 3) === 'yes',
    listed: typedText(form.listed, 3) === 'yes',
  };
}
