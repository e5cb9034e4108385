import { profileFieldLimits as max } from '../domain/registration-schema.ts';
import type { ProfileValues } from '../../views/profile-form.tsx';

// a refused form shows back what was typed, but never more than a field takes (a 200 KB "name"
// must not come back as a 200 KB page), and no more choices than the form could offer
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).slice(0, 300);
/** What was typed in a text field, cut to the longest the field takes, for showing it back. */
export const typedText = (v: string | string[] | undefined, limit: number) =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).slice(0, limit);
const asText = typedText;

/** What was typed, for re-rendering a refused form with the person's answers kept. */
export function profileValuesFromForm(form: Record<string, string | string[]>): ProfileValues {
  return {
    role: asText(form.role, max.role),
    name: asText(form.name, max.name),
    pronouns: asText(form.pronouns, max.pronouns),
    email: asText(form.email, max.email),
    affiliation: asText(form.affiliation, max.affiliation),
    libraryType: asText(form.libraryType, max.libraryType),
    region: asText(form.region, max.region),
    languages: asList(form.languages).map((l) => l.slice(0, 40)),
    interests: asList(form.interests).map(Number).filter(Number.isInteger),
    sessions: asList(form.sessions).map(Number).filter(Number.isInteger),
    accessibilityNeeds: asText(form.accessibilityNeeds, max.accessibilityNeeds),
    bio: asText(form.bio, max.bio),
    capacity: asText(form.capacity, max.capacity),
    consentContact: asText(form.consentContact, 3) === 'yes',
  };
}
