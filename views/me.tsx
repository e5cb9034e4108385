// A participant's personal page: their buddies and meetups (the part that follows live changes),
// their desk code, and what they chose when registering.
import { raw } from 'hono/html';
import type { Event, EventCatalog } from '../src/domain/events.ts';
import type { Opener as OpenerView } from '../src/domain/openers.ts';
import type { BuddyView, MyMeetup, MyPairs } from '../src/domain/pair-views.ts';
import type { ParticipantProfile } from '../src/domain/participants.ts';
import type { PlannedBuddyView } from '../src/domain/planned-pairs.ts';
import { formatClock, formatTime, roleLabel } from './format.ts';
import { AfterEvent, type AfterEventProps } from './feedback.tsx';
import { BuddyAbout, BuddyHeading } from './buddy-about.tsx';
import { Layout } from './layout.tsx';
import { PlannedBuddies } from './planned-buddy.tsx';
import { BuddyRequests } from './volunteer-directory.tsx';
import type { RequestsView } from '../src/domain/buddy-requests.ts';
import { OffMeetups, SafetyContact, safetyLinkText } from './me-safety.tsx';
import type { SafetySettings } from '../src/domain/safety.ts';

type Me = Pick<ParticipantProfile, 'name' | 'role' | 'status' | 'capacity' | 'deskCode' | 'token'>;

const statusLabels: Record<ParticipantProfile['status'], string> = {
  registered: 'Registered',
  present: 'Checked in',
  matched: 'Matched',
  absent: 'Not here',
  withdrawn: 'Withdrawn',
};

function statusMessage(me: Me): string {
  const volunteer = me.role === 'volunteer';
  switch (me.status) {
    case 'registered':
      return volunteer
        ? 'Thanks for volunteering! Only checked-in volunteers are matched, so check in when you are at the conference.'
        : 'When you arrive, check in at the registration desk. Then we find you a buddy.';
    case 'present':
      return volunteer
        ? `You're checked in. We'll pair you with up to ${me.capacity} first-timer${me.capacity === 1 ? '' : 's'}; they will appear here.`
        : "You're checked in. We're finding you a buddy.";
    case 'matched':
      return volunteer ? 'You have first-timers to welcome.' : 'You have a buddy!';
    case 'absent':
      return 'We marked you as not here. Check in again at the desk when you are back.';
    case 'withdrawn':
      return 'You have left the buddy program. Ask at the desk if you want to join again.';
  }
}

export type MeStatusProps = {
  me: Me;
  slug: string;
  myPairs: MyPairs;
  /** buddy requests from the volunteer directory: whom they asked for and whether it came true */
  requests?: RequestsView | undefined;
  now: Date;
  timezone: string;
  /** a refusal to show in place, e.g. "too early" */
  message?: string | undefined;
  /** buddies-to-be from a pre-event round, until both have checked in */
  planned?: PlannedBuddyView[] | undefined;
  /** the event's code of conduct and safety contact, beside the safety button */
  safety?: SafetySettings | undefined;
};

function PairButton(props: { slug: string; token: string; pairId: number; action: 'met' | 'missing' | 'different'; label: string; variant?: string }) {
  const url = `/e/${props.slug}/me/${props.token}/pairs/${props.pairId}/${props.action}`;
  return (
    <form method="post" action={url} hx-post={url} hx-target="#me-status" hx-swap="outerHTML">
      <button type="submit" class={props.variant}>
        {props.label}
      </button>
    </form>
  );
}

function Opener({ opener }: { opener: OpenerView }) {
  if (opener.kind === 'question') {
    return (
      <p class="opener">
        <span class="label">Ask each other</span> {opener.text}
      </p>
    );
  }
  return (
    <p class="opener">
      <span class="label">Next on the program</span> “{opener.title}” at {formatClock(opener.startsAt)}
      {opener.room ? `, ${opener.room}` : ''} — go together?
    </p>
  );
}

function BuddyCard(props: { buddy: BuddyView; me: Me; slug: string; now: Date; many: boolean }) {
  const { buddy: b, me, slug } = props;
  const firstTimer = me.role === 'first_timer';
  const met = b.status === 'met';
  return (
    <article class="buddy" aria-label={`${firstTimer ? 'Your buddy' : 'Your first-timer'} ${b.name}`}>
      <BuddyHeading lead={firstTimer ? 'Your buddy: ' : props.many ? '' : 'Your first-timer: '} buddy={b} />
      <BuddyAbout buddy={b}>{b.opener ? <Opener opener={b.opener} /> : null}</BuddyAbout>
      {met ? (
        <p class="banner ok">You met. Enjoy the conference!</p>
      ) : (
        <div class="actions">
          <PairButton slug={slug} token={me.token} pairId={b.pairId} action="met" label="We met" />
          {firstTimer && b.meetAt && props.now >= b.meetAt && !b.buddyMissingAt ? (
            <PairButton slug={slug} token={me.token} pairId={b.pairId} action="missing" label="My buddy isn't here" variant="secondary" />
          ) : null}
        </div>
      )}
      {firstTimer && b.buddyMissingAt && !met ? (
        <p class="banner warn">We told the organizers. Stay at the spot — we'll find you someone.</p>
      ) : null}
      {firstTimer && !met ? (
        b.differentBuddyAt ? (
          <p class="banner" role="status">
            {differentBuddyText}
          </p>
        ) : (
          <PairButton slug={slug} token={me.token} pairId={b.pairId} action="different" label="I'd like a different buddy" variant="quiet" />
        )
      ) : null}
      <p class="safety-link small">
        <a href={`/e/${slug}/me/${me.token}/safety/${b.pairId}`}>{safetyLinkText}</a>
      </p>
    </article>
  );
}

function MeetupPlace({ meetup, timezone }: { meetup: MyMeetup; timezone: string }) {
  if (!meetup.meetAt) return null;
  return (
    <div class="meetup">
      <p class="when">
        <span class="label">When</span> {formatTime(meetup.meetAt, timezone)}
      </p>
      <p class="where">
        <span class="label">Where</span> {meetup.spotName || 'at the registration desk'}
      </p>
      {meetup.directions ? <p class="directions">{meetup.directions}</p> : null}
    </div>
  );
}

/** Says the page follows changes only where it does: without JavaScript it asks for a reload. */
function LiveHint() {
  return (
    <>
      <span class="live-hint"> This page updates by itself.</span>
      <noscript> Reload this page to see what's new.</noscript>
    </>
  );
}

// the refresh comes a little after the due time, so the server agrees that the time has come
const dueMarginMs = 500;

/** The fragment asks for itself on a live signal, every 30 s as a fallback, and when its next change is due. */
export function statusTrigger(nextChangeAt: Date | null, now: Date): string {
  const base = 'sse:changed, every 30s';
  if (!nextChangeAt) return base;
  return `${base}, load delay:${Math.max(0, nextChangeAt.getTime() - now.getTime()) + dueMarginMs}ms`;
}

/** The part of the personal page that changes during the day; it is pushed new data over SSE. */
export function MeStatus({ me, slug, myPairs, requests, now, timezone, message, planned = [], safety }: MeStatusProps) {
  const notHere = me.status === 'registered' || me.status === 'absent';
  const base = `/e/${slug}/me/${me.token}`;
  const { meetups } = myPairs;
  const many = myPairs.buddies.length > 1;
  return (
    <section
      id="me-status"
      class="card"
      aria-live="polite"
      hx-get={`${base}/status`}
      hx-trigger={statusTrigger(myPairs.nextChangeAt, now)}
      hx-target="this"
      hx-swap="outerHTML settle:0ms"
      sse-swap="status"
    >
      {message ? (
        <p class="banner warn" role="alert">
          {message}
        </p>
      ) : null}
      {myPairs.notices.map((text) => (
        <p class="banner warn" role="status">
          {text}
        </p>
      ))}
      <OffMeetups off={myPairs.offMeetups} />
      {meetups.length > 0 ? (
        <>
          {meetups.map((m) => (
            <div class="meetup-group">
              <MeetupPlace meetup={m} timezone={timezone} />
              {m.buddies.map((b) => (
                <BuddyCard buddy={b} me={me} slug={slug} now={now} many={many} />
              ))}
            </div>
          ))}
          <PlannedBuddies planned={planned} me={me} slug={slug} timezone={timezone} />
          {meetups.some((m) => m.meetAt) ? (
            <p>
              <a href={`${base}/meetup.ics`}>{meetups.length > 1 ? 'Add these meetups to your calendar' : 'Add to calendar'}</a>
            </p>
          ) : null}
          {safety ? <SafetyContact safety={safety} /> : null}
        </>
      ) : (
        <>
          <p>
            <span class={`status ${me.status}`}>{statusLabels[me.status]}</span>
          </p>
          {planned.length > 0 ? null : myPairs.waitingSince ? (
            <p class="banner warn">
              We'll find you a buddy: you go first when the next volunteer is free.
              <LiveHint />
            </p>
          ) : (
            <p>
              {statusMessage(me)}
              {me.status === 'present' && me.role === 'first_timer' ? <LiveHint /> : null}
            </p>
          )}
          <PlannedBuddies planned={planned} me={me} slug={slug} timezone={timezone} />
          {notHere ? (
            <p class="muted small">
              To check in, scan the QR code on the desk screen with this phone, or type your desk code on the desk kiosk.
            </p>
          ) : null}
        </>
      )}
      {requests ? <BuddyRequests view={requests} slug={slug} token={me.token} /> : null}
    </section>
  );
}

const differentBuddyText = "You asked for a different buddy. Only the organizers see this; they'll look for a better fit.";

const noticeText: Record<string, string> = {
  'checked-in': "You're checked in. Welcome!",
  saved: 'Your profile is saved.',
  met: 'Wonderful — enjoy the conference together!',
  missing: "We told the organizers your buddy isn't here. Stay at the spot; we'll find you someone.",
  different: 'Thanks for telling us; we passed it on quietly.',
  'plan-ended': "That plan has ended: you two won't be paired together. We'll find you someone else at the conference.",
  'check-in-at-desk':
    "You're registered, but not checked in yet: that QR code had already checked in as many people as can reach the desk in two minutes. Show your desk code at the registration desk.",
  safety: "We've ended that pairing. Your buddy only sees that the meetup is off, you won't be paired with them again, and the organizers have been told.",
};

export function MePage(props: {
  event: Event;
  me: ParticipantProfile;
  catalog: EventCatalog;
  deskCodeQr: string;
  myPairs: MyPairs;
  planned?: PlannedBuddyView[];
  requests?: RequestsView | undefined;
  now: Date;
  notice?: 'checked-in' | 'saved' | 'met' | 'missing' | 'different' | 'plan-ended' | 'feedback' | 'check-in-at-desk' | 'safety' | undefined;
  afterEvent: AfterEventProps;
}) {
  const { me, event, catalog } = props;
  const interests = catalog.interests.filter((i) => me.interestIds.includes(i.id)).map((i) => i.label);
  const sessions = catalog.sessions.filter((s) => me.sessionIds.includes(s.id)).map((s) => s.title);
  return (
    <Layout title={`${me.name} · ${event.name}`}>
      <main>
        <h1>Hi, {me.name}!</h1>
        <p class="muted">
          {roleLabel(me.role)} at {event.name}
        </p>
        {props.notice && noticeText[props.notice] ? (
          <p class="banner ok" role="status">
            {noticeText[props.notice]}
          </p>
        ) : null}
        <AfterEvent {...props.afterEvent} />
        <div hx-ext="sse" sse-connect={`/e/${event.slug}/me/${me.token}/stream`}>
          <MeStatus
            me={me}
            slug={event.slug}
            myPairs={props.myPairs}
            planned={props.planned}
            requests={props.requests}
            now={props.now}
            timezone={event.timezone}
            safety={event.settings.safety}
          />
        </div>

        <section class="card">
          <h2>Your desk code</h2>
          <p class="desk-code" aria-label={`Desk code ${me.deskCode.split('').join(' ')}`}>
            {me.deskCode}
          </p>
          <div class="qr" role="img" aria-label="QR code of your desk code">
            {raw(props.deskCodeQr)}
          </div>
          <p class="muted small">
            Keep this page: bookmark it or add it to your home screen. It is your personal link — don't share it.
          </p>
        </section>

        <section class="card">
          <h2>Your profile</h2>
          <dl class="profile">
            {me.pronouns ? (
              <>
                <dt>Pronouns</dt>
                <dd>{me.pronouns}</dd>
              </>
            ) : null}
            {me.affiliation ? (
              <>
                <dt>Library</dt>
                <dd>{me.affiliation}</dd>
              </>
            ) : null}
            <dt>Interests</dt>
            <dd>{interests.length > 0 ? interests.join(', ') : 'none picked yet'}</dd>
            <dt>Sessions</dt>
            <dd>{sessions.length > 0 ? sessions.join('; ') : 'none picked yet'}</dd>
            {me.role === 'volunteer' ? (
              <>
                <dt>First-timers</dt>
                <dd>up to {me.capacity}</dd>
              </>
            ) : null}
          </dl>
          <p class="actions">
            <a class="button secondary" href={`/e/${event.slug}/me/${me.token}/edit`}>
              Edit my profile
            </a>
          </p>
        </section>

        <section class="card">
          <h2>Your data</h2>
          <p>What we keep about you and who sees it. Download it, or delete it.</p>
          <p class="actions">
            <a class="button secondary" href={`/e/${event.slug}/me/${me.token}/data`}>
              Your data
            </a>
          </p>
        </section>
      </main>
    </Layout>
  );
}
