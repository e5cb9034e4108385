// What every program importer produces, whatever the source: sessions in the event's wall-clock
// time, or one clear refusal that names the row or field — never a half-read program.
import { isTimeZone } from '../wall-time.ts';

/** One session of an imported program, times local to the event's time zone ("2026-10-14T10:30"). */
export type ImportedSession = {
  /** the source's stable id or guid, so a re-import updates the session in place */
  sourceId?: string | undefined;
  /** a short id the source prints (frab's numeric id, a CSV id column), preferred as our code */
  code?: string | undefined;
  title: string;
  startsAt: string;
  endsAt: string;
  room: string;
  track: string;
  description: string;
};

export const programFormats = ['frab-json', 'frab-xml', 'ical', 'csv'] as const;
export type ProgramFormat = (typeof programFormats)[number];

export type ImportRefusal = {
  ok: false;
  /** empty: nothing in the file; unrecognised: not a format we read; invalid: a row or field is wrong; mapping: CSV columns missing */
  reason: 'empty' | 'unrecognised' | 'invalid' | 'mapping';
  /** for the organizer, naming the row, event or field */
  message: string;
};

export type ParseResult = { ok: true; format: ProgramFormat; sessions: ImportedSession[] } | ImportRefusal;

export type ParseOptions = {
  /** the event's IANA time zone; every time is converted into it */
  timeZone: string;
};

/** An upload as it arrives: raw bytes from a multipart form, or text already decoded. */
export type ProgramInput = Uint8Array | string;

export const limits = {
  sessions: 5000,
  title: 300,
  room: 120,
  track: 120,
  sourceId: 200,
  code: 40,
  // descriptions only inform; longer ones are cut rather than refusing a whole program
  description: 4000,
} as const;

export function refuse(reason: ImportRefusal['reason'], message: string): ImportRefusal {
  return { ok: false, reason, message };
}

/** Raised inside a parser to stop at the first bad row; each parser's entry point turns it into a refusal. */
export class ImportProblem extends Error {
  readonly reason: ImportRefusal['reason'];
  constructor(message: string, reason: ImportRefusal['reason'] = 'invalid') {
    super(message);
    this.reason = reason;
  }
}

/** Runs a parser body, so a problem anywhere in it comes back as a value and nothing escapes to the caller. */
export function guardParse(format: ProgramFormat, opts: ParseOptions, body: () => ImportedSession[]): ParseResult {
  // an unknown zone would quietly read as UTC and put every session at the wrong hour
  if (!isTimeZone(opts.timeZone)) return refuse('invalid', `The event's time zone '${opts.timeZone}' is not a known time zone.`);
  try {
    return { ok: true, format, sessions: body() };
  } catch (err) {
    if (err instanceof ImportProblem) return refuse(err.reason, err.message);
    // a library tripping over input we did not foresee is still the file's fault, not a crash
    return refuse('invalid', `The file could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}
