// The rules every imported session obeys, whichever parser read it: a title, an end not before
// its start, sizes the pages can show, and source ids that name one session each.
import { quote } from './input-text.ts';
import { ImportProblem, limits, type ImportedSession } from './types.ts';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function tidyDescription(s: string): string {
  const text = s.replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return text.length > limits.description ? `${text.slice(0, limits.description - 1)}…` : text;
}

/** A session with its text tidied, or a problem that starts with `where` (the row or event it came from). */
export function cleanSession(raw: ImportedSession, where: string): ImportedSession {
  const title = oneLine(raw.title);
  if (title === '') throw new ImportProblem(`${where}: the title is empty`);
  if (title.length > limits.title) throw new ImportProblem(`${where}: the title is longer than ${limits.title} characters`);
  const room = oneLine(raw.room);
  if (room.length > limits.room) throw new ImportProblem(`${where}: the room ${quote(room)} is longer than ${limits.room} characters`);
  const track = oneLine(raw.track);
  if (track.length > limits.track) throw new ImportProblem(`${where}: the track ${quote(track)} is longer than ${limits.track} characters`);
  const sourceId = raw.sourceId === undefined ? undefined : raw.sourceId.trim();
  if (sourceId !== undefined && sourceId.length > limits.sourceId) {
    throw new ImportProblem(`${where}: the id is longer than ${limits.sourceId} characters`);
  }
  if (raw.endsAt < raw.startsAt) {
    throw new ImportProblem(`${where}: it ends (${raw.endsAt.replace('T', ' ')}) before it starts (${raw.startsAt.replace('T', ' ')})`);
  }
  const code = raw.code?.trim();
  return {
    sourceId: sourceId || undefined,
    // the code is only a preference; one we cannot use is replaced when the session is added
    code: code && code.length <= limits.code ? code : undefined,
    title,
    startsAt: raw.startsAt,
    endsAt: raw.endsAt,
    room,
    track,
    description: tidyDescription(raw.description),
  };
}

/** The whole program: not empty, not absurdly large, and no source id used twice. */
export function checkProgram(sessions: ImportedSession[], wheres: string[]): ImportedSession[] {
  if (sessions.length === 0) throw new ImportProblem('The file has no sessions in it.', 'empty');
  if (sessions.length > limits.sessions) {
    throw new ImportProblem(`The file has ${sessions.length} sessions; at most ${limits.sessions} can be imported at once.`);
  }
  const seen = new Map<string, number>();
  sessions.forEach((s, i) => {
    if (s.sourceId === undefined) return;
    const first = seen.get(s.sourceId);
    if (first !== undefined) {
      throw new ImportProblem(`${wheres[i]}: the id ${quote(s.sourceId)} is already used by ${wheres[first]}`);
    }
    seen.set(s.sourceId, i);
  });
  return sessions;
}
