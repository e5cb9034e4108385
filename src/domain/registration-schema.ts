import { z } from 'zod';
import { participantRoles } from '../../db/schema.ts';
import { checkboxList } from '../form-input.ts';

const trimmed = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v ?? ''), z.string().max(max, `${label} can be at most ${max} characters`));

const pickFromList = 'Choose from the list shown';
const idList = checkboxList(z.coerce.number({ error: pickFromList }).int(pickFromList).positive(pickFromList));

/** Longest text each field takes; a refused form echoes back no more than this. */
export const profileFieldLimits = {
  name: 80,
  pronouns: 40,
  email: 200,
  affiliation: 120,
  libraryType: 60,
  region: 60,
  accessibilityNeeds: 600,
  bio: 400,
  capacity: 2,
  role: 20,
} as const;
const max = profileFieldLimits;

const profileFields = {
  name: trimmed(max.name, 'Name').pipe(z.string().min(1, 'Please enter your name')),
  pronouns: trimmed(max.pronouns, 'Pronouns'),
  email: trimmed(max.email, 'E-mail')
    .transform((e) => (e === '' ? null : e.toLowerCase()))
    .pipe(z.email("That doesn't look like an e-mail address").nullable()),
  affiliation: trimmed(max.affiliation, 'Library or school'),
  libraryType: trimmed(max.libraryType, 'Library type'),
  region: trimmed(max.region, 'Region'),
  languages: checkboxList(z.string().trim().max(40)),
  interests: idList,
  sessions: idList,
  accessibilityNeeds: trimmed(max.accessibilityNeeds, 'Accessibility needs'),
  bio: trimmed(max.bio, 'Your short bio'),
  capacity: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().optional()),
  consentContact: z.preprocess((v) => v === 'yes' || v === 'on' || v === true, z.boolean()),
  // optional in the type, so imports and scripts that build an input need not say; a form always does
  listed: z.preprocess((v) => v === 'yes' || v === 'on' || v === true, z.boolean()).optional(),
};

function requireVolunteerFields(
  p: { role: string; bio: string; capacity?: number | undefined },
  ctx: z.core.$RefinementCtx,
) {
  if (p.role !== 'volunteer') return;
  if (p.bio.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['bio'], message: 'Tell first-timers a line or two about yourself' });
  }
  if (p.capacity === undefined || !Number.isInteger(p.capacity) || p.capacity < 1 || p.capacity > 3) {
    ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'Choose how many first-timers you can take: 1, 2 or 3' });
  }
}

export const registrationSchema = z
  .object({
    role: z.enum(participantRoles, "Choose whether this is your first time or you're returning as a buddy"),
    ...profileFields,
  })
  .superRefine(requireVolunteerFields);

export type RegistrationInput = z.infer<typeof registrationSchema>;

/** The profile form on the personal page: the same fields, the role stays as registered. */
export function profileSchemaFor(role: RegistrationInput['role']) {
  return z
    .object(profileFields)
    .transform((p) => ({ ...p, role }))
    .superRefine(requireVolunteerFields);
}

export type FieldErrors = Partial<Record<keyof RegistrationInput | 'form', string>>;
