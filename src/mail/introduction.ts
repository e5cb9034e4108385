// The introduction e-mail of a planned pair: sent to both when a pre-event round is published, so
// the two know each other's name, what they share and (when both agreed) how to write to each
// other before the conference. No meetup spot or time yet: those come when both have checked in.
// A pure function of its arguments: the caller enqueues the result through the outbox.

export type IntroductionPerson = {
  role: 'first_timer' | 'volunteer';
  /** first name only: a greeting */
  firstName: string;
  /** the personal page, where the buddy-to-be is shown too */
  personalLink: string;
};

export type IntroductionBuddy = {
  /** first name and last initial, as the personal page shows it */
  publicName: string;
  pronouns: string;
  /** a volunteer's bio; empty for a first-timer */
  bio: string;
  /** only when both consented to share contact details */
  email: string | null;
};

export type IntroductionInput = {
  eventName: string;
  to: IntroductionPerson;
  buddy: IntroductionBuddy;
  /** why they were paired, in words for the two of them (never the organizers' pin) */
  reasons: string[];
  /** "11:00 AM on Wednesday, October 14", when planned pairs are released; null when they hold all day */
  holdUntil: string | null;
  /** how the committee signs */
  signature: string;
};

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export const introductionSubject = (eventName: string, buddyName: string) =>
  `Meet your buddy-to-be, ${oneLine(buddyName).slice(0, 60)}: ${oneLine(eventName).slice(0, 120)}`;

export function introductionMail(input: IntroductionInput): { subject: string; text: string } {
  const { to, buddy } = input;
  const event = oneLine(input.eventName).slice(0, 150);
  const volunteer = to.role === 'volunteer';
  const who = `${oneLine(buddy.publicName)}${buddy.pronouns ? ` (${oneLine(buddy.pronouns)})` : ''}`;
  const lines = [
    `Hi ${to.firstName || 'there'},`,
    '',
    volunteer
      ? `ahead of ${event}, we have planned a first-timer for you to welcome: ${who}.`
      : `ahead of ${event}, we have planned a buddy for you: ${who}, a returning attendee who volunteered to show first-timers around.`,
  ];
  if (buddy.bio) lines.push('', `In their words: "${oneLine(buddy.bio)}"`);
  if (input.reasons.length > 0) {
    lines.push('', 'Something to talk about:', ...input.reasons.map((r) => `- ${oneLine(r)}`));
  }
  lines.push('');
  if (buddy.email) {
    lines.push(`You both agreed to share contact details, so you can write to each other before the conference: ${buddy.email}`);
  } else {
    lines.push("Contact details are only shared when both of you agree, so we don't pass on e-mail addresses here.");
  }
  lines.push(
    '',
    'When you arrive, check in at the registration desk. As soon as you have both checked in, your personal page ' +
      'shows where and when to meet — it updates by itself:',
    '',
    to.personalLink,
  );
  if (input.holdUntil) {
    lines.push(
      '',
      `If one of you has not checked in by ${input.holdUntil}, the plan lapses and we find whoever is there a buddy at the desk` +
        (volunteer ? ' (or first-timers to welcome).' : ', first in line.'),
    );
  }
  lines.push(
    '',
    'Would you rather have someone else? Press "I\'d like a different buddy" on your personal page: we plan again, and nobody is told why.',
    '',
    input.signature,
  );
  return { subject: introductionSubject(input.eventName, buddy.publicName), text: lines.join('\n') };
}
