// Uploads arrive as bytes in whatever encoding the organizer's tool wrote: UTF-8 (with or without
// a byte-order mark), UTF-16 from Excel's "Unicode text", or Windows-1252 from an older Excel CSV.
import type { ProgramInput } from './types.ts';

export function decodeInput(input: ProgramInput): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder('utf-16le').decode(input.subarray(2));
  if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder('utf-16be').decode(input.subarray(2));
  try {
    // TextDecoder drops a UTF-8 byte-order mark by itself
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return new TextDecoder('windows-1252').decode(input);
  }
}

/** An XLSX, ODS or other zip container: a spreadsheet saved in its own format rather than as CSV. */
export function isZipContainer(input: ProgramInput): boolean {
  if (typeof input === 'string') return input.startsWith('PK\u0003\u0004');
  return input[0] === 0x50 && input[1] === 0x4b && input[2] === 0x03 && input[3] === 0x04;
}

/** "'Opening' (guid 1234…)": how a refusal names a session, short enough to read in one line. */
export function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `'${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}'`;
}
