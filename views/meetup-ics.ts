import type { MyMeetup } from '../src/domain/pair-views.ts';

// RFC 5545 §3.3.11: backslash, semicolon and comma are escaped, and every line break — CRLF, LF or
// a lone CR, which an organizer can type into a spot's directions — becomes \n
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const utf8 = new TextEncoder();

// RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + one space), never inside a character
export function foldLine(line: string): string {
  if (utf8.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = utf8.encode(ch).length;
    // a continuation line starts with a space, which counts toward its 75 octets
    const room = parts.length === 0 ? 75 : 74;
    if (bytes + size > room) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function names(list: string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** An .ics with one event per meetup (a volunteer may have several), so "add to calendar" works on any phone. */
export function meetupIcs(props: {
  eventName: string;
  role: 'first_timer' | 'volunteer';
  meetups: MyMeetup[];
  slotMinutes: number;
  now: Date;
  host: string;
}): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Buddydesk//Meetup//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const m of props.meetups) {
    if (!m.meetAt || m.buddies.length === 0) continue;
    const end = new Date(m.meetAt.getTime() + props.slotMinutes * 60_000);
    const who = names(m.buddies.map((b) => b.name));
    const summary =
      props.role === 'first_timer'
        ? `Meet your buddy ${who}`
        : `Meet your first-timer${m.buddies.length > 1 ? 's' : ''} ${who}`;
    const about = m.buddies.map((b) => {
      const topics = [...b.reasons, ...(b.opener?.kind === 'question' ? [b.opener.text] : [])];
      return topics.length > 0 ? `${b.name}: ${topics.join('; ')}` : b.name;
    });
    lines.push(
      'BEGIN:VEVENT',
      // the meetup's first pair names it, so a calendar updates it when a first-timer joins later
      `UID:meetup-${m.buddies[0]!.pairId}@${props.host}`,
      `DTSTAMP:${utcStamp(props.now)}`,
      `DTSTART:${utcStamp(m.meetAt)}`,
      `DTEND:${utcStamp(end)}`,
      `SUMMARY:${escapeText(`${summary} · ${props.eventName}`)}`,
      `LOCATION:${escapeText(m.spotName)}`,
      `DESCRIPTION:${escapeText([m.directions, ...about].filter(Boolean).join('\n'))}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
