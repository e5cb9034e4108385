import type { BuddyView } from '../src/domain/pairs.ts';

// iCalendar text must escape these and fold nothing longer than we write here
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** An .ics with one event per meetup, so "add to calendar" works on any phone. */
export function meetupIcs(props: { eventName: string; buddies: BuddyView[]; slotMinutes: number; now: Date; host: string }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Buddydesk//Meetup//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const b of props.buddies) {
    if (!b.meetAt) continue;
    const end = new Date(b.meetAt.getTime() + props.slotMinutes * 60_000);
    lines.push(
      'BEGIN:VEVENT',
      `UID:pair-${b.pairId}@${props.host}`,
      `DTSTAMP:${utcStamp(props.now)}`,
      `DTSTART:${utcStamp(b.meetAt)}`,
      `DTEND:${utcStamp(end)}`,
      `SUMMARY:${escapeText(`Meet your buddy ${b.name} · ${props.eventName}`)}`,
      `LOCATION:${escapeText(b.spotName)}`,
      `DESCRIPTION:${escapeText([b.directions, ...b.reasons].filter(Boolean).join('\n'))}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
