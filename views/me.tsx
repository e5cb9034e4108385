import { raw } from 'hono/html';
import type { Event, EventCatalog } from '../src/domain/events.ts';
import type { ParticipantProfile } from '../src/domain/participants.ts';
import type { FieldErrors } from '../src/domain/registration-schema.ts';
import { roleLabel } from './format.ts';
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

/** The part of the personal page that changes during the day; it fetches itself again every 15 s. */
export function MeStatus({ me, slug }: { me: Me; slug: string }) {
  const notHere = me.status === 'registered' || me.status === 'absent';
  return (
    <section
      id="me-status"
      class="card"
      aria-live="polite"
      hx-get={`/e/${slug}/me/${me.token}/status`}
      hx-trigger="every 15s"
      hx-target="this"
      hx-swap="outerHTML"
    >
      <p>
        <span class={`status ${me.status}`}>{statusLabels[me.status]}</span>
      </p>
      <p>{statusMessage(me)}</p>
      {notHere ? (
        <p class="muted small">
          To check in, scan the QR code on the desk screen with this phone, or type your desk code on the desk kiosk.
        </p>
      ) : null}
    </section>
  );
}

export function MePage(props: {
  event: Event;
  me: ParticipantProfile;
  catalog: EventCatalog;
  deskCodeQr: string;
  notice?: 'checked-in' | 'saved' | undefined;
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
        {props.notice === 'checked-in' ? (
          <p class="banner ok" role="status">
            You're checked in. Welcome!
          </p>
        ) : null}
        {props.notice === 'saved' ? (
          <p class="banner ok" role="status">
            Your profile is saved.
          </p>
        ) : null}
        <MeStatus me={me} slug={event.slug} />

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
