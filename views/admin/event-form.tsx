// Creating an event, changing its details, archiving it and deleting it: the pages around one
// event's identity (name, address, venue, zone, days).
import type { EventField } from '../../src/domain/event-admin.ts';
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { TimeZoneOption } from '../../src/domain/time-zones.ts';
import { Field } from '../field.tsx';
import { formatDateTime, formatDay, plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, NoticeBanner, type Notice } from './chrome.tsx';
import { SafetySettingsCard, type SafetySettingsCardProps } from './safety-alerts.tsx';

export type EventValues = Record<EventField, string>;
export type EventErrors = Partial<Record<EventField | 'form', string>>;
export type TimeZones = { northAmerica: TimeZoneOption[]; others: string[] };

function TimeZoneSelect({ value, error, zones }: { value: string; error: string | undefined; zones: TimeZones }) {
  return (
    <div class="field">
      <label for="event-timezone">Time zone</label>
      <span class="hint" id="event-timezone-hint">
        Where the conference takes place. Meetup times, the program and the feedback dates are in this zone.
      </span>
      <select
        id="event-timezone"
        name="timezone"
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={`event-timezone-hint${error ? ' event-timezone-error' : ''}`}
      >
        {value === '' && <option value="">Choose…</option>}
        <optgroup label="North America">
          {zones.northAmerica.map((z) => (
            <option value={z.id} selected={z.id === value}>
              {z.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="All time zones">
          {zones.others.map((id) => (
            <option value={id} selected={id === value}>
              {id.replaceAll('_', ' ')}
            </option>
          ))}
        </optgroup>
      </select>
      {error && (
        <p class="field-error" id="event-timezone-error">
          {error}
        </p>
      )}
    </div>
  );
}

function EventDetailsFields({ values, errors, zones, publicUrl }: { values: EventValues; errors: EventErrors; zones: TimeZones; publicUrl: string }) {
  return (
    <>
      <Field required id="event-name" name="name" label="Name" value={values.name} error={errors.name}
        hint="As attendees know it, e.g. “Riverlands Library Association Annual Conference 2026”." />
      <Field required id="event-slug" name="slug" label="Short name for its addresses" value={values.slug} error={errors.slug}
        hint={`Lowercase letters, digits and hyphens. Registration will be at ${publicUrl}/e/${values.slug || 'short-name'}/join — printed on posters, so settle it before printing.`} />
      <Field id="event-venue" name="venue" label="Venue (optional)" value={values.venue} error={errors.venue} hint="Shown to organizers and on the letters, e.g. “Riverfront Convention Center, Louisville”." />
      <TimeZoneSelect value={values.timezone} error={errors.timezone} zones={zones} />
      <div class="two-fields">
        <Field required id="event-starts" name="startsOn" label="First day" type="date" value={values.startsOn} error={errors.startsOn} />
        <Field required id="event-ends" name="endsOn" label="Last day" type="date" value={values.endsOn} error={errors.endsOn}
          hint="Feedback opens at midnight after the last day." />
      </div>
      <Field required id="event-retention" name="retentionDays" label="Keep personal data for (days after the event)" type="number" min={0} max={3650}
        value={values.retentionDays} error={errors.retentionDays}
        hint="Then names, e-mails, profiles and comments are erased by themselves; anonymous counts and the report stay. 90 days by default." />
    </>
  );
}

type FormProps = { organizer: SignedInOrganizer; values: EventValues; errors: EventErrors; zones: TimeZones; publicUrl: string };

function FixFields({ errors }: { errors: EventErrors }) {
  return Object.keys(errors).length > 0 ? (
    <div class="banner error" role="alert" id="event-error">
      {errors.form ?? 'Please fix the fields marked below. Nothing was saved.'}
    </div>
  ) : null;
}

export function NewEventPage(props: FormProps) {
  return (
    <Layout title="New event · Buddydesk" variant="admin">
      <AdminTopBar organizer={props.organizer} />
      <main class="narrow">
        <p>
          <a href="/admin">← Events</a>
        </p>
        <h1>New event</h1>
        <p>
          It starts with the default matching weights, one meetup spot and a few interests, library types, regions and languages —
          all of which you can change next.
        </p>
        <FixFields errors={props.errors} />
        <form method="post" action="/admin/events" class="card" novalidate>
          <EventDetailsFields {...props} />
          <div class="actions">
            <button type="submit">Create event</button>
          </div>
        </form>
      </main>
    </Layout>
  );
}

export type EditEventPageProps = FormProps & {
  event: Pick<Event, 'slug' | 'name' | 'timezone' | 'archivedAt'>;
  notice?: Notice | undefined;
  /** archiving now would cut off the conference or its feedback: the day feedback ends, and whether it has begun */
  archiveWarning: { state: 'not-yet' | 'open'; lastDay: string } | null;
  archiveError?: string | undefined;
  /** the code of conduct and safety contact, a form of its own */
  safety?: SafetySettingsCardProps | undefined;
};

export function EditEventPage(props: EditEventPageProps) {
  const { event } = props;
  const base = eventPath(event.slug);
  return (
    <Layout title={`Event details · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={props.organizer} />
      <main class="narrow">
        <p>
          <a href={base}>← {event.name} dashboard</a>
        </p>
        <h1>Event details</h1>
        <NoticeBanner notice={props.notice} id="event-message" />
        {event.archivedAt ? (
          <ArchivedCard event={event} />
        ) : (
          <>
            <FixFields errors={props.errors} />
            <form method="post" action={`${base}/edit`} class="card" novalidate>
              <EventDetailsFields {...props} />
              <div class="actions">
                <button type="submit">Save details</button>
              </div>
            </form>
            {props.safety && <SafetySettingsCard {...props.safety} />}
            <ArchiveCard {...props} />
          </>
        )}
        <section class="card" aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete the event</h2>
          <p>Deletes the event and everything in it — people, pairs, answers, mail — for good. Download what you need first.</p>
          <a class="button danger" href={`${base}/delete`}>
            Delete…
          </a>
        </section>
      </main>
    </Layout>
  );
}

function ArchivedCard({ event }: { event: EditEventPageProps['event'] }) {
  return (
    <section class="card" aria-labelledby="archive-heading">
      <h2 id="archive-heading">Archived</h2>
      <p>
        Archived {formatDateTime(event.archivedAt!, event.timezone)}. Organizers can read everything and download it; nothing can be
        changed, and its registration, desk, board and personal pages are closed.
      </p>
      <form method="post" action={`${eventPath(event.slug)}/restore`}>
        <button type="submit" class="secondary">
          Restore the event
        </button>
      </form>
    </section>
  );
}

function ArchiveCard({ event, archiveWarning, archiveError }: EditEventPageProps) {
  return (
    <section class="card" aria-labelledby="archive-heading" id="archive">
      <h2 id="archive-heading">Archive the event</h2>
      <p>
        When the program is over — feedback closed, letters printed — archive the event. Its registration, desk screen, board and
        personal pages close; organizers can still read and download everything, and printed letters can still be verified. You can
        restore it later.
      </p>
      {archiveError && (
        <p class="field-error" id="archive-error">
          {archiveError}
        </p>
      )}
      <form method="post" action={`${eventPath(event.slug)}/archive`}>
        {archiveWarning && (
          <div>
            <p class="banner warn">
              {archiveWarning.state === 'not-yet'
                ? 'The conference is not over yet: archiving now closes its registration, desk screen and board.'
                : `Feedback is open until the end of ${formatDay(archiveWarning.lastDay)}: archiving now closes the personal pages, so people can no longer answer or open their letters.`}
            </p>
            <label class="choice" for="archive-anyway">
              <input id="archive-anyway" type="checkbox" name="anyway" value="yes" aria-describedby={archiveError ? 'archive-error' : undefined} />
              Archive it anyway
            </label>
          </div>
        )}
        <button type="submit" class="secondary">
          Archive the event
        </button>
      </form>
    </section>
  );
}

export type DeleteEventPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name'>;
  counts: { firstTimers: number; volunteers: number; pairs: number };
  typed: string;
  error?: string | undefined;
};

export function DeleteEventPage({ organizer, event, counts, typed, error }: DeleteEventPageProps) {
  const base = eventPath(event.slug);
  return (
    <Layout title={`Delete ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main class="narrow">
        <p>
          <a href={`${base}/edit`}>← Event details</a>
        </p>
        <h1>Delete {event.name}?</h1>
        <p>
          This deletes the event for good: {plural(counts.firstTimers, 'first-timer')}, {plural(counts.volunteers, 'volunteer')},{' '}
          {plural(counts.pairs, 'live pair')},
          every round, answer, letter and message. It cannot be undone; to keep it readable, archive it instead.
        </p>
        <form method="post" action={`${base}/delete`} class="card" novalidate>
          <Field
            required
            id="delete-confirm"
            name="confirm"
            label={`Type the event's short name, ${event.slug}, to confirm`}
            value={typed}
            error={error}
            autocomplete="off"
          />
          <div class="actions">
            <button type="submit" class="danger">
              Delete for good
            </button>
            <a href={`${base}/edit`}>Keep it</a>
          </div>
        </form>
      </main>
    </Layout>
  );
}
