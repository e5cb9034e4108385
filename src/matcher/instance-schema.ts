import { z } from 'zod';
import { MAX_WEIGHT_DECIMALS, WEIGHT_KEYS, countDecimals } from './weights.ts';

const idSchema = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a text id') })
  .min(1, 'must not be empty');

// Lists are sets: a repeated entry counts once, first occurrence keeps its place for reasons.
const tagListSchema = z
  .array(z.string({ error: 'must be text' }), { error: 'must be a list of texts' })
  .default([])
  .transform((items) => [...new Set(items)]);

// A form's empty select or a database NULL both mean "not set".
const optionalTextSchema = z
  .string({ error: 'must be text' })
  .nullish()
  .transform((value) => (value ? value : undefined));

const capacityMessage = 'must be a whole number ≥ 0';
const capacitySchema = z
  .number({ error: capacityMessage })
  .int({ error: capacityMessage })
  .min(0, { error: capacityMessage })
  .default(1);

const weightSchema = z
  .number({ error: 'must be a number' })
  .refine((value) => countDecimals(value) <= MAX_WEIGHT_DECIMALS, {
    error: `may have at most ${MAX_WEIGHT_DECIMALS} decimal places`,
  });

const FirstTimerSchema = z.object({
  id: idSchema,
  interests: tagListSchema,
  sessions: tagListSchema,
  libraryType: optionalTextSchema,
  region: optionalTextSchema,
  languages: tagListSchema,
  requested: tagListSchema,
});

const VolunteerSchema = z.object({
  id: idSchema,
  capacity: capacitySchema,
  interests: tagListSchema,
  sessions: tagListSchema,
  libraryType: optionalTextSchema,
  region: optionalTextSchema,
  languages: tagListSchema,
});

// Unknown weight keys are refused: a typo such as "interest" would silently change every pair.
const WeightsSchema = z
  .strictObject(
    {
      interests: weightSchema.optional(),
      sessions: weightSchema.optional(),
      libraryType: weightSchema.optional(),
      region: weightSchema.optional(),
      requested: weightSchema.optional(),
      extraSlot: weightSchema.refine((value) => value >= 0, { error: 'must be ≥ 0' }).optional(),
    },
    { error: 'must be an object of numbers' },
  )
  .default({});

const idPairSchema = z.tuple([idSchema, idSchema], {
  error: 'must be a pair [first-timer id, volunteer id]',
});

const labelMapSchema = z.record(z.string(), z.string()).optional();

const LabelsSchema = z
  .object({
    interests: labelMapSchema,
    sessions: labelMapSchema,
    regions: labelMapSchema,
    libraryTypes: labelMapSchema,
    languages: labelMapSchema,
  })
  .optional();

const peopleSchema = <T extends z.ZodType>(person: T) =>
  z.array(person, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list') });

/**
 * The top level is strict: a missing list of people or a misspelt key (`volunter`) would
 * otherwise match nobody without a word. Profiles may carry other fields (name, bio…); they
 * are ignored.
 */
export const InstanceSchema = z.strictObject(
  {
    firstTimers: peopleSchema(FirstTimerSchema),
    volunteers: peopleSchema(VolunteerSchema),
    weights: WeightsSchema,
    pinned: z.array(idPairSchema, { error: 'must be a list of pairs' }).default([]),
    forbidden: z.array(idPairSchema, { error: 'must be a list of pairs' }).default([]),
    labels: LabelsSchema,
  },
  { error: 'must be a JSON object' },
);

export type InstanceInput = z.input<typeof InstanceSchema>;
