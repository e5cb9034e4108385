import { raw } from 'hono/html';
import type { Event, EventCatalog } from '../src/domain/events.ts';
import type { BuddyView, MyPairs } from '../src/domain/pairs.ts';
import type { ParticipantProfile } from '../src/domain/participants.ts';
import type { FieldErrors } from '../src/domain/registration-schema.ts';
import { formatTime, roleLabel } from './format.ts';
import { Layout } from './layout.tsx';
import { ProfileFields, type ProfileValues } from './profile-form.tsx';

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
        : "You're checked in. We're finding you a buddy — this page updates by itself.";
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
  now: Date;
  timezone: string;
  /** a refusal to show in place, e.g. "too early" */
  message?: string | undefined;
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

function BuddyCard(props: { buddy: BuddyView; me: Me; slug: string; now: Date; timezone: string; many: boolean }) {
  const { buddy: b, me, slug } = props;
  const firstTimer = me.role === 'first_timer';
  const met = b.status === 'met';
  return (
    <article class="buddy" aria-label={`${firstTimer ? 'Your buddy' : 'Your first-timer'} ${b.name}`}>
      <h2>
        {firstTimer ? 'Your buddy: ' : props.many ? '' : 'Your first-timer: '}
        {b.name}
        {b.pronouns ? <span class="muted small"> ({b.pronouns})</span> : null}
      </h2>
      {b.bio ? <p class="bio">“{b.bio}”</p> : null}
      {b.reasons.length > 0 ? (
        <>
          <p class="label">Something to talk about</p>
          <ul class="reasons">
            {b.reasons.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
      {b.email ? (
        <p>
          E-mail: <a href={`mailto:${b.email}`}>{b.email}</a>
        </p>
      ) : null}
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
        <PairButton slug={slug} token={me.token} pairId={b.pairId} action="different" label="I'd like a different buddy" variant="quiet" />
      ) : null}
    </article>
  );
}

function Meetup({ buddy, timezone, icsUrl }: { buddy: BuddyView; timezone: string; icsUrl: string }) {
  if (!buddy.meetAt) return null;
  return (
    <div class="meetup">
      <p class="when">
        <span class="label">When</span> {formatTime(buddy.meetAt, timezone)}
      </p>
      <p class="where">
        <span class="label">Where</span> {buddy.spotName || 'at the registration desk'}
      </p>
      {buddy.directions ? <p class="directions">{buddy.directions}</p> : null}
      <p>
        <a href={icsUrl}>Add to calendar</a>
      </p>
    </div>
  );
}

/** The part of the personal page that changes during the day; it is pushed new data over SSE. */
export function MeStatus({ me, slug, myPairs, now, timezone, message }: MeStatusProps) {
  const notHere = me.status === 'registered' || me.status === 'absent';
  const live = myPairs.buddies;
  const base = `/e/${slug}/me/${me.token}`;
  return (
    <section
      id="me-status"
      class="card"
      aria-live="polite"
      hx-get={`${base}/status`}
      hx-trigger="sse:changed, every 30s"
      hx-target="this"
      hx-swap="outerHTML settle:0ms"
    >
      {message ? (
        <p class="banner warn" role="alert">
          {message}
        </p>
      ) : null}
      {live.length > 0 ? (
        <>
          <Meetup buddy={live[0]!} timezone={timezone} icsUrl={`${base}/meetup.ics`} />
          {live.map((b) => (
            <BuddyCard buddy={b} me={me} slug={slug} now={now} timezone={timezone} many={live.length > 1} />
          ))}
        </>
      ) : (
        <>
          <p>
            <span class={`status ${me.status}`}>{statusLabels[me.status]}</span>
          </p>
          {myPairs.waitingSince ? (
            <p class="banner warn">
              We'll find you a buddy: you go first when the next volunteer is free. This page updates by itself.
            </p>
          ) : (
            <p>{statusMessage(me)}</p>
          )}
          {notHere ? (
            <p class="muted small">
              To check in, scan the QR code on the desk screen with this phone, or type your desk code on the desk kiosk.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

const noticeText: Record<string, string> = {
  'checked-in': "You're checked in. Welcome!",
  saved: 'Your profile is saved.',
  met: 'Wonderful — enjoy the conference together!',
  missing: "We told the organizers your buddy isn't here. Stay at the spot; we'll find you someone.",
  different: "Thanks for telling us. Only the organizers see this; they'll look for a better fit.",
};

export function MePage(props: {
  event: Event;
  me: ParticipantProfile;
  catalog: EventCatalog;
  deskCodeQr: string;
  myPairs: MyPairs;
  now: Date;
  notice?: 'checked-in' | 'saved' | 'met' | 'missing' | 'different' | undefined;
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
        <div hx-ext="sse" sse-connect={`/e/${event.slug}/me/${me.token}/stream`}>
          <MeStatus me={me} slug={event.slug} myPairs={props.myPairs} now={props.now} timezone={event.timezone} />
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
      </main>
    </Layout>
  );
}

export function MeEditPage(props: {
  event: Event;
  me: Pick<ParticipantProfile, 'name' | 'role' | 'token'>;
  catalog: EventCatalog;
  values: ProfileValues;
  errors: FieldErrors;
}) {
  const { event, me } = props;
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <Layout title={`Edit profile · ${event.name}`}>
      <main>
        <h1>Edit your profile</h1>
        {hasErrors ? (
          <div class="banner error" role="alert">
            Please check the fields marked below.
          </div>
        ) : null}
        <form method="post" action={`/e/${event.slug}/me/${me.token}/edit`} novalidate>
          <ProfileFields
            catalog={props.catalog}
            libraryTypes={event.settings.libraryTypes}
            regions={event.settings.regions}
            languages={event.settings.languages}
            values={props.values}
            errors={props.errors}
            role={me.role}
          />
          <div class="actions">
            <button type="submit" class="big">
              Save
            </button>
            <a href={`/e/${event.slug}/me/${me.token}`}>Cancel</a>
          </div>
        </form>
      </main>
    </Layout>
  );
}
