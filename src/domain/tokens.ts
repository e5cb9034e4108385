import { randomBytes, randomInt } from 'node:crypto';

/** 256 random bits: a personal page link cannot be guessed. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

// read aloud at a noisy desk and typed on a kiosk, so no 0/O, 1/I/L look-alikes
export const deskCodeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newDeskCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += deskCodeAlphabet[randomInt(deskCodeAlphabet.length)];
  return code;
}

export function normalizeDeskCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
