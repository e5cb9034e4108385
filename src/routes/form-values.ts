import type { ProfileValues } from '../../views/profile-form.tsx';

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const asText = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** What was typed, for re-rendering a refused form with the person's answers kept. */
export function profileValuesFromForm(form: Record<string, string | string[]>): ProfileValues {
  return {
    role: asText(form.role),
    name: asText(form.name),
    pronouns: asText(form.pronouns),
    email: asText(form.email),
    affiliation: asText(form.affiliation),
    libraryType: asText(form.libraryType),
    region: asText(form.region),
    languages: asList(form.languages),
    interests: asList(form.interests).map(Number).filter(Number.isInteger),
    sessions: asList(form.sessions).map(Number).filter(Number.isInteger),
    accessibilityNeeds: asText(form.accessibilityNeeds),
    bio: asText(form.bio),
    capacity: asText(form.capacity),
    consentContact: asText(form.consentContact) === 'yes',
  };
}
