import type { MyMeetup } from '../src/domain/pairs.ts';

// iCalendar text must escape these and fold nothing longer than we write here
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
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
  return `${lines.join('\r\n')}\r\n`;
}
