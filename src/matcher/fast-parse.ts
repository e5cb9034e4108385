import { INSTANCE_KEYS, completeInstance, type ShapedInstance } from './check-instance.ts';
import type { FirstTimer, IdPair, Labels, ParseResult, Volunteer, Weights } from './types.ts';
import { MAX_WEIGHT_DECIMALS, WEIGHT_KEYS, countDecimals } from './weights.ts';

/**
 * `parseInstance`'s first try, without the validation library: running the schema is a
 * measurable share of a large instance's time. It accepts only input whose every field is
 * plainly well formed and then returns exactly what the schema would; for anything else (a
 * wrong type, an unknown key, a missing list of people, …) it returns `undefined` and the
 * schema words the problems.
 */
export function parseInstanceQuickly(input: unknown): ParseResult | undefined {
  if (!isRecord(input) || input.firstTimers === undefined || input.volunteers === undefined) return undefined;
  for (const key of Object.keys(input)) if (!(INSTANCE_KEYS as readonly string[]).includes(key)) return undefined;
  const firstTimers = readList(input.firstTimers, readFirstTimer);
  const volunteers = readList(input.volunteers, readVolunteer);
  const weights = readWeights(input.weights);
  const pinned = readList(input.pinned, readPair);
  const forbidden = readList(input.forbidden, readPair);
  const labels = readLabels(input.labels);
  if (!firstTimers || !volunteers || !weights || !pinned || !forbidden || labels === null) return undefined;
  const shaped: ShapedInstance = { firstTimers, volunteers, weights, pinned, forbidden };
  if (labels !== undefined) shaped.labels = labels;
  return completeInstance(shaped);
}

type Reader<T> = (value: unknown) => T | undefined;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readList<T>(value: unknown, read: Reader<T>): T[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const result: T[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = read(value[i]);
    if (item === undefined) return undefined;
    result[i] = item;
  }
  return result;
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** A list of texts as a set, first occurrences in order; `undefined` for anything else. */
function readTags(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (typeof item !== 'string') return undefined;
  return hasRepeats(value) ? [...new Set(value as string[])] : [...(value as string[])];
}

/** Profiles list a handful of items: comparing pairs costs less than building a set. */
function hasRepeats(items: unknown[]): boolean {
  if (items.length > 32) return new Set(items).size < items.length;
  for (let i = 1; i < items.length; i++) for (let j = 0; j < i; j++) if (items[i] === items[j]) return true;
  return false;
}

const INVALID = Symbol('invalid');

/** Empty text and null mean "not set". */
function readText(value: unknown): string | undefined | typeof INVALID {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return INVALID;
  return value === '' ? undefined : value;
}

function readFirstTimer(value: unknown): FirstTimer | undefined {
  if (!isRecord(value) || !isId(value.id)) return undefined;
  const interests = readTags(value.interests);
  const sessions = readTags(value.sessions);
  const languages = readTags(value.languages);
  const requested = readTags(value.requested);
  const libraryType = readText(value.libraryType);
  const region = readText(value.region);
  if (!interests || !sessions || !languages || !requested || libraryType === INVALID || region === INVALID) return undefined;
  const firstTimer: FirstTimer = { id: value.id, interests, sessions, languages, requested };
  if (libraryType !== undefined) firstTimer.libraryType = libraryType;
  if (region !== undefined) firstTimer.region = region;
  return firstTimer;
}

function readVolunteer(value: unknown): Volunteer | undefined {
  if (!isRecord(value) || !isId(value.id)) return undefined;
  const capacity = value.capacity === undefined ? 1 : value.capacity;
  if (typeof capacity !== 'number' || !Number.isSafeInteger(capacity) || capacity < 0) return undefined;
  const interests = readTags(value.interests);
  const sessions = readTags(value.sessions);
  const languages = readTags(value.languages);
  const libraryType = readText(value.libraryType);
  const region = readText(value.region);
  if (!interests || !sessions || !languages || libraryType === INVALID || region === INVALID) return undefined;
  const volunteer: Volunteer = { id: value.id, capacity, interests, sessions, languages };
  if (libraryType !== undefined) volunteer.libraryType = libraryType;
  if (region !== undefined) volunteer.region = region;
  return volunteer;
}

function readWeights(value: unknown): Partial<Weights> | undefined {
  if (value === undefined) return {};
  if (!isRecord(value)) return undefined;
  const weights: Partial<Weights> = {};
  for (const key of Object.keys(value)) {
    if (!(WEIGHT_KEYS as readonly string[]).includes(key)) return undefined;
    const weight = value[key];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || countDecimals(weight) > MAX_WEIGHT_DECIMALS) return undefined;
    if (key === 'extraSlot' && weight < 0) return undefined;
    weights[key as keyof Weights] = weight;
  }
  return weights;
}

function readPair(value: unknown): IdPair | undefined {
  if (!Array.isArray(value) || value.length !== 2 || !isId(value[0]) || !isId(value[1])) return undefined;
  return [value[0], value[1]];
}

const LABEL_KEYS = ['interests', 'sessions', 'regions', 'libraryTypes', 'languages'] as const;

/** `undefined` when absent, `null` when not plainly well formed. */
function readLabels(value: unknown): Labels | undefined | null {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return null;
  const labels: Labels = {};
  for (const key of LABEL_KEYS) {
    if (!Object.hasOwn(value, key)) continue;
    const map = value[key];
    if (map === undefined) return null;
    if (!isRecord(map)) return null;
    const copy: Record<string, string> = {};
    for (const id of Object.keys(map)) {
      const label = map[id];
      if (typeof label !== 'string' || id === '__proto__') return null;
      copy[id] = label;
    }
    labels[key] = copy;
  }
  return labels;
}
