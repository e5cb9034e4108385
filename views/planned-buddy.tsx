// A buddy-to-be on the personal page: the pair a pre-event round planned, before both have checked
// in. Part of the page's live status fragment, so it turns into the meetup without a reload.
import type { PlannedBuddyView } from '../src/domain/planned-pairs.ts';
import { BuddyAbout, BuddyHeading } from './buddy-about.tsx';
import { formatTime } from './format.ts';
import { safetyLinkText } from './me-safety.tsx';

type Me = { role: 'first_timer' | 'volunteer'; token: string; status: string };

const isHere = (status: string) => status === 'present' || status === 'matched';

export function PlannedBuddyCard(props: { buddy: PlannedBuddyView; me: Me; slug: string; timezone: string }) {
  const { buddy: b, me, slug } = props;
  const firstTimer = me.role === 'first_timer';
  const title = firstTimer ? 'Your buddy-to-be' : 'Your first-timer-to-be';
  const url = `/e/${slug}/me/${me.token}/pairs/${b.pairId}/different`;
  const hereNow = isHere(me.status);
  return (
    <article class="buddy planned" id={`planned-${b.pairId}`} aria-label={`${title} ${b.name}`}>
      <BuddyHeading lead={`${title}: `} buddy={b} />
      <BuddyAbout buddy={b} />
      <p class="banner" role="status">
        {hereNow
          ? b.buddyHere
            ? 'You have both checked in: your meetup is on its way.'
            : `You're checked in. ${b.name} hasn't checked in yet; this page shows where and when to meet once they have.`
          : b.buddyHere
            ? `${b.name} is already here. Check in at the desk and this page shows where and when to meet.`
            : 'Planned before the conference. Once you have both checked in at the desk, this page shows where and when to meet.'}
        {b.holdUntil ? ` If one of you hasn't checked in by ${formatTime(b.holdUntil, props.timezone)} on the first day, we find ${firstTimer ? 'you a buddy at the desk, first in line' : 'you first-timers at the desk'}.` : null}
      </p>
      <form method="post" action={url} hx-post={url} hx-target="#me-status" hx-swap="outerHTML">
        <button type="submit" class="quiet">
          {firstTimer ? "I'd like a different buddy" : "I'd like a different first-timer"}
        </button>
      </form>
      <p class="safety-link small">
        <a href={`/e/${slug}/me/${me.token}/safety/${b.pairId}`}>{safetyLinkText}</a>
      </p>
    </article>
  );
}

export function PlannedBuddies(props: { planned: PlannedBuddyView[]; me: Me; slug: string; timezone: string }) {
  if (props.planned.length === 0) return null;
  return (
    <div class="planned-buddies">
      {props.planned.map((b) => (
        <PlannedBuddyCard buddy={b} me={props.me} slug={props.slug} timezone={props.timezone} />
      ))}
    </div>
  );
}
