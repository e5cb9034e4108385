import type { Weights } from './types.ts';

export const DEFAULT_WEIGHTS: Readonly<Weights> = {
  interests: 3,
  sessions: 2,
  libraryType: 1,
  region: 1,
  requested: 10,
  extraSlot: 1,
};

export const WEIGHT_KEYS = ['interests', 'sessions', 'libraryType', 'region', 'requested', 'extraSlot'] as const;

/** More decimals than this cannot be scaled to exact integers at conference sizes. */
export const MAX_WEIGHT_DECIMALS = 6;

/**
 * Weights multiplied by `scale` (a power of ten) so every one is an integer: all sums the
 * matcher compares are then exact in floating point, and ties stay ties.
 */
export type ScaledWeights = Weights & { scale: number };

/** Decimal places as written: the shortest round-trip form of a double is what JSON held. */
export function countDecimals(value: number): number {
  const text = String(Math.abs(value));
  const [mantissa = '', exponentText] = text.split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  return Math.max(0, fraction.length - exponent);
}

export function scaleWeights(weights: Weights): ScaledWeights {
  const decimals = Math.max(...WEIGHT_KEYS.map((key) => countDecimals(weights[key])));
  const scale = 10 ** decimals;
  const scaleOne = (value: number) => Math.round(value * scale);
  return {
    interests: scaleOne(weights.interests),
    sessions: scaleOne(weights.sessions),
    libraryType: scaleOne(weights.libraryType),
    region: scaleOne(weights.region),
    requested: scaleOne(weights.requested),
    extraSlot: scaleOne(weights.extraSlot),
    scale,
  };
}

/** Back to the event's units; dividing an exact integer by a power of ten prints cleanly. */
export function unscale(value: number, scale: number): number {
  const result = value / scale;
  return Object.is(result, -0) ? 0 : result;
}
