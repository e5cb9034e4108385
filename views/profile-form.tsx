import type { Event, EventCatalog } from '../src/domain/events.ts';
import type { ParticipantProfile } from '../src/domain/participants.ts';
import type { FieldErrors } from '../src/domain/registration-schema.ts';
import { formatClock, formatDay } from './format.ts';
import { groupProgram } from './program-days.ts';
import { Layout } from './layout.tsx';

/** What the form shows: what was typed (strings) or what is stored. */
export type ProfileValues = {
  role?: string;
  name?: string;
  pronouns?: string;
  email?: string | null;
  affiliation?: string;
  libraryType?: string;
  region?: string;
  languages?: string[];
  interests?: number[];
  sessions?: number[];
  accessibilityNeeds?: string;
  bio?: string;
  capacity?: number | string;
  consentContact?: boolean;
  listed?: boolean;
};

type FieldProps = { name: keyof FieldErrors; errors: FieldErrors };

export function FieldError({ name, errors }: FieldProps) {
  const message = errors[name];
  return message ? (
    <p class="field-error" id={`${name}-error`}>
      {message}
    </p>
  ) : null;
}

function invalid(name: keyof FieldErrors, errors: FieldErrors, hintId?: string) {
  const described = [hintId, errors[name] ? `${name}-error` : undefined].filter(Boolean).join(' ');
  return {
    'aria-invalid': errors[name] ? 'true' : undefined,
    'aria-describedby': described || undefined,
  };
}

function TextField(props: {
  name: keyof FieldErrors & keyof ProfileValues;
  label: string;
  value: string | undefined | null;
  errors: FieldErrors;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
}) {
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  return (
    <div class="field">
      <label for={props.name}>
        {props.label}
        {props.required ? '' : <span class="muted"> (optional)</span>}
      </label>
      {props.hint ? (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      <input
        type={props.type ?? 'text'}
        id={props.name}
        name={props.name}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength}
        {...invalid(props.name, props.errors, hintId)}
      />
      <FieldError name={props.name} errors={props.errors} />
    </div>
  );
}

function SelectField(props: {
  name: 'libraryType' | 'region';
  label: string;
  options: string[];
  value: string | undefined;
  errors: FieldErrors;
}) {
  // a value typed before the event had a list (a region, say) stays selectable for its owner
  const options = props.value && !props.options.includes(props.value) ? [...props.options, props.value] : props.options;
  return (
    <div class="field">
      <label for={props.name}>
        {props.label} <span class="muted">(optional)</span>
      </label>
      <select id={props.name} name={props.name} {...invalid(props.name, props.errors)}>
        <option value="">Choose…</option>
        {options.map((o) => (
          <option value={o} selected={props.value === o}>
            {o}
          </option>
        ))}
      </select>
      <FieldError name={props.name} errors={props.errors} />
    </div>
  );
}

export function ProfileFields(props: {
  catalog: EventCatalog;
  values: ProfileValues;
  errors: FieldErrors;
  /** which role-specific fields to show; undefined shows both, for the role choice on registration */
  role?: 'first_timer' | 'volunteer';
}) {
  const { values: v, errors } = props;
  const chosenInterests = new Set((v.interests ?? []).map(Number));
  const chosenSessions = new Set((v.sessions ?? []).map(Number));
  const chosenLanguages = new Set(v.languages ?? []);
  const showVolunteer = props.role !== 'first_timer';
  const { libraryTypes, regions, languages } = props.catalog;
  return (
    <>
      <fieldset>
        <legend>About you</legend>
        <TextField name="name" label="Your name" value={v.name} errors={errors} required autocomplete="name" maxlength={80}
          hint="Screens show only your first name and last initial." />
        <TextField name="pronouns" label="Pronouns" value={v.pronouns} errors={errors} maxlength={40} hint="For example: she/her, they/them" />
        <TextField name="email" label="E-mail" type="email" value={v.email} errors={errors} autocomplete="email" maxlength={200}
          hint="Only organizers see it, to reach you about your buddy or send the feedback form. Never shown on a screen." />
        <TextField name="affiliation" label="Library, school or employer" value={v.affiliation} errors={errors} autocomplete="organization" maxlength={120} />
        <SelectField name="libraryType" label="Library type" options={libraryTypes} value={v.libraryType} errors={errors} />
        {regions.length > 0 ? (
          <SelectField name="region" label="Region" options={regions} value={v.region} errors={errors} />
        ) : (
          <TextField name="region" label="Region or state" value={v.region} errors={errors} maxlength={60} />
        )}
      </fieldset>

      <fieldset aria-describedby="languages-hint">
        <legend>Languages you're comfortable chatting in</legend>
        <span class="hint" id="languages-hint">We only pair people who share a language.</span>
        <div class="choices two">
          {languages.map((l) => (
            <label class="choice">
              <input type="checkbox" name="languages" value={l} checked={chosenLanguages.has(l)} />
              {l}
            </label>
          ))}
        </div>
        <FieldError name="languages" errors={errors} />
      </fieldset>

      <fieldset>
        <legend>What you're into</legend>
        <span class="hint">Pick as many as you like; shared interests count most.</span>
        <div class="choices two">
          {props.catalog.interests.map((i) => (
            <label class="choice">
              <input type="checkbox" name="interests" value={String(i.id)} checked={chosenInterests.has(i.id)} />
              {i.label}
            </label>
          ))}
        </div>
        <FieldError name="interests" errors={errors} />
      </fieldset>

      <fieldset>
        <legend>Sessions you plan to attend</legend>
        <span class="hint">Optional. A buddy going to the same sessions is easy to find again.</span>
        {[...groupProgram(props.catalog.sessions)].map(([day, slots], i) => (
          <details class="program" open={i === 0 || [...slots.values()].flat().some((s) => chosenSessions.has(s.id))}>
            <summary>{formatDay(day)}</summary>
            {[...slots].map(([, list]) => (
              <div role="group" aria-label={`${formatDay(day)}, ${formatClock(list[0]!.startsAt)}`}>
                <p class="slot-time">{formatClock(list[0]!.startsAt)}</p>
                <div class="choices">
                  {list.map((s) => (
                    <label class="choice">
                      <input type="checkbox" name="sessions" value={String(s.id)} checked={chosenSessions.has(s.id)} />
                      <span>
                        {s.title}
                        <span class="sub">
                          {s.room} · until {formatClock(s.endsAt)}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </details>
        ))}
        <FieldError name="sessions" errors={errors} />
      </fieldset>

      {showVolunteer ? (
        <fieldset class="volunteer-only">
          <legend>{props.role === 'volunteer' ? 'Your buddy profile' : 'If you are a returning volunteer'}</legend>
          <div class="field">
            <label for="bio">A line or two about you, for your first-timers</label>
            <span class="hint" id="bio-hint">Your first-timers read this. For example: "Cataloger at a university library, 8th conference, happy to show you the exhibit hall."</span>
            <textarea id="bio" name="bio" maxlength={400} {...invalid('bio', errors, 'bio-hint')}>
              {v.bio ?? ''}
            </textarea>
            <FieldError name="bio" errors={errors} />
          </div>
          <div class="field">
            <label for="capacity">How many first-timers can you take?</label>
            <select id="capacity" name="capacity" {...invalid('capacity', errors)}>
              {props.role === 'volunteer' ? null : <option value="">Choose…</option>}
              {[1, 2, 3].map((n) => (
                <option value={String(n)} selected={String(v.capacity ?? '') === String(n)}>
                  {n}
                </option>
              ))}
            </select>
            <FieldError name="capacity" errors={errors} />
          </div>
          <label class="choice">
            <input type="checkbox" name="listed" value="yes" checked={v.listed === true} />
            <span>
              List me in the volunteer directory
              <span class="sub">First-timers see your first name and initial, pronouns, bio, library type, region, interests and languages, and may ask for you. Never your e-mail.</span>
            </span>
          </label>
        </fieldset>
      ) : null}

      <fieldset>
        <legend>Anything we should know?</legend>
        <div class="field">
          <label for="accessibilityNeeds">
            Accessibility needs <span class="muted">(optional)</span>
          </label>
          <span class="hint" id="accessibilityNeeds-hint">Seen by organizers only, so the meetup works for you.</span>
          <textarea id="accessibilityNeeds" name="accessibilityNeeds" maxlength={600} {...invalid('accessibilityNeeds', errors, 'accessibilityNeeds-hint')}>
            {v.accessibilityNeeds ?? ''}
          </textarea>
          <FieldError name="accessibilityNeeds" errors={errors} />
        </div>
        <label class="choice">
          <input type="checkbox" name="consentContact" value="yes" checked={v.consentContact === true} />
          <span>
            Share my e-mail with my buddy
            <span class="sub">Only when your buddy agrees too. Otherwise you meet at the spot and time we give you.</span>
          </span>
        </label>
      </fieldset>
    </>
  );
}

/** The profile form on someone's personal page: the registration's fields, the role kept as registered. */
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
