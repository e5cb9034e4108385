// The volunteer directory a first-timer browses from their personal page, with a card per listed
// volunteer and the button to ask for them; and the few lines the personal page says about
// requests (whom you asked for and whether it came true; for a volunteer, how many asked).
import type { MyRequest } from '../src/domain/buddy-request-queries.ts';
import type { RequestRefusal, RequestsView } from '../src/domain/buddy-requests.ts';
import type { Event } from '../src/domain/events.ts';
import type { DirectoryCard, DirectoryFilters, VolunteerDirectory } from '../src/domain/volunteer-directory.ts';
import { endSentence, plural } from './format.ts';
import { Layout } from './layout.tsx';

export const wishNotBooking =
  'Asking is a wish, not a booking: we pair you with someone you asked for when we can, without leaving another first-timer alone.';

export const refusalText: Record<RequestRefusal, string> = {
  'not-first-timer': 'Only first-timers can ask for a buddy.',
  'not-listed': 'That volunteer is not in the directory.',
  'already-paired': 'You already have a buddy.',
  'too-many': 'You can ask for up to three volunteers. Take one request back to ask for someone else.',
  'no-more-requests': 'So many first-timers asked for this volunteer that they take no more requests.',
  full: 'This volunteer has no room left.',
};

/** The directory's address with its filters, so asking and taking back come back to the same list. */
export function directoryUrl(slug: string, token: string, filters: DirectoryFilters = {}): string {
  const q = new URLSearchParams();
  if (filters.interest !== undefined) q.set('interest', String(filters.interest));
  if (filters.libraryType) q.set('libraryType', filters.libraryType);
  if (filters.region) q.set('region', filters.region);
  const query = q.toString();
  return `/e/${slug}/me/${token}/volunteers${query ? `?${query}` : ''}`;
}

function FilterHidden({ filters }: { filters: DirectoryFilters }) {
  return (
    <>
      {filters.interest !== undefined ? <input type="hidden" name="interest" value={String(filters.interest)} /> : null}
      {filters.libraryType ? <input type="hidden" name="libraryType" value={filters.libraryType} /> : null}
      {filters.region ? <input type="hidden" name="region" value={filters.region} /> : null}
    </>
  );
}

function Filters({ directory, url }: { directory: VolunteerDirectory; url: string }) {
  const { options, filters } = directory;
  return (
    <form
      method="get"
      action={url}
      class="card directory-filters"
      hx-get={url}
      hx-trigger="change, submit"
      hx-target="#volunteer-list"
      hx-select="#volunteer-list"
      hx-swap="outerHTML"
      hx-push-url="true"
    >
      <div class="field">
        <label for="filter-interest">Interest</label>
        <select id="filter-interest" name="interest">
          <option value="">Any interest</option>
          {options.interests.map((i) => (
            <option value={String(i.id)} selected={filters.interest === i.id}>
              {i.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-library-type">Library type</label>
        <select id="filter-library-type" name="libraryType">
          <option value="">Any library type</option>
          {options.libraryTypes.map((t) => (
            <option value={t} selected={filters.libraryType === t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-region">Region</label>
        <select id="filter-region" name="region">
          <option value="">Any region</option>
          {options.regions.map((r) => (
            <option value={r} selected={filters.region === r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="submit" class="secondary">
          Show volunteers
        </button>
      </div>
    </form>
  );
}

function CardAction(props: { card: DirectoryCard; directory: VolunteerDirectory; base: string }) {
  const { card, directory, base } = props;
  const action = (what: 'request' | 'withdraw', label: string, variant?: string) => (
    <form method="post" action={`${base}/${card.id}/${what}`}>
      <FilterHidden filters={directory.filters} />
      <button type="submit" class={variant} aria-label={`${label}: ${card.name}`}>
        {label}
      </button>
    </form>
  );
  if (card.askedByMe) {
    return (
      <div class="actions">
        <p class="status matched">You asked for {card.name}</p>
        {action('withdraw', 'Take back my request', 'quiet')}
      </div>
    );
  }
  if (directory.paired) return null;
  if (card.full) return <p class="muted">Full: no room for another first-timer.</p>;
  if (card.noMoreRequests) return <p class="muted">No more requests: many first-timers asked already.</p>;
  if (directory.myRequests.length >= directory.maxRequests) return null;
  return <div class="actions">{action('request', 'Ask for this buddy')}</div>;
}

function VolunteerCard(props: { card: DirectoryCard; directory: VolunteerDirectory; base: string; message?: string | undefined }) {
  const { card: v } = props;
  const headingId = `volunteer-${v.id}-name`;
  const facts: [string, string][] = [
    ['Library type', v.libraryType],
    ['Region', v.region],
    ['Interests', v.interests.join(', ')],
    ['Languages', v.languages.join(', ')],
  ];
  return (
    <li class="card volunteer-card" id={`volunteer-${v.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {v.name}
        {v.pronouns ? <span class="muted small"> ({v.pronouns})</span> : null}
        {v.full ? <span class="status"> full</span> : null}
      </h2>
      {v.bio ? <p class="bio">“{v.bio}”</p> : null}
      <dl class="profile">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
      </dl>
      {v.sharedInterests > 0 ? <p class="muted small">You share {plural(v.sharedInterests, 'interest')}.</p> : null}
      {props.message ? (
        <p class="banner warn" role="alert">
          {props.message}
        </p>
      ) : null}
      <CardAction card={v} directory={props.directory} base={props.base} />
    </li>
  );
}

export type VolunteerDirectoryPageProps = {
  event: Pick<Event, 'slug' | 'name'>;
  token: string;
  directory: VolunteerDirectory;
  /** a refusal, shown on the card it concerns */
  refusal?: { volunteerId: number; message: string } | undefined;
  notice?: 'asked' | 'withdrawn' | undefined;
};

export function VolunteerDirectoryPage({ event, token, directory, refusal, notice }: VolunteerDirectoryPageProps) {
  const me = `/e/${event.slug}/me/${token}`;
  const base = `${me}/volunteers`;
  const { myRequests, maxRequests } = directory;
  const filtered = directory.filters.interest !== undefined || !!directory.filters.libraryType || !!directory.filters.region;
  return (
    <Layout title={`Volunteers · ${event.name}`}>
      <main>
        <p>
          <a href={me}>← My page</a>
        </p>
        <h1>Meet the volunteers</h1>
        <p>
          These returning volunteers agreed to be listed. Read their short bios and ask for up to {maxRequests} you would like as your
          buddy.
        </p>
        <p class="banner">{wishNotBooking}</p>
        {refusal && !directory.volunteers.some((v) => v.id === refusal.volunteerId) ? (
          <p class="banner warn" role="alert">
            {refusal.message}
          </p>
        ) : null}
        {notice ? (
          <p class="banner ok" role="status">
            {notice === 'asked' ? 'Your request is noted.' : 'Your request is taken back.'}
          </p>
        ) : null}
        {directory.paired ? (
          <p class="banner ok" role="status">
            You already have a buddy: see your page for where and when to meet.
          </p>
        ) : (
          <p role="status" id="my-requests">
            {myRequests.length === 0
              ? `You have not asked for anyone yet (up to ${maxRequests}).`
              : `You asked for ${myRequests.map((r) => r.name).join(', ')} (${myRequests.length} of ${maxRequests}).`}
          </p>
        )}
        {directory.listedCount > 0 ? <Filters directory={directory} url={base} /> : null}
        <div id="volunteer-list">
          {directory.listedCount === 0 ? (
            <p class="card">No volunteers are listed yet. Come back later — and you get a buddy anyway.</p>
          ) : directory.volunteers.length === 0 ? (
            <p class="card">
              No listed volunteer matches these filters. <a href={base}>Show everyone</a>
            </p>
          ) : (
            <>
              <p class="muted">
                {filtered
                  ? `${plural(directory.volunteers.length, 'volunteer')} of ${directory.listedCount} match.`
                  : `${plural(directory.volunteers.length, 'volunteer')}, those sharing most of your interests first.`}
              </p>
              <ul class="plain-list volunteer-list">
                {directory.volunteers.map((card) => (
                  <VolunteerCard
                    card={card}
                    directory={directory}
                    base={base}
                    message={refusal && refusal.volunteerId === card.id ? refusal.message : undefined}
                  />
                ))}
              </ul>
            </>
          )}
        </div>
      </main>
    </Layout>
  );
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "You asked for X; you're paired with X", or "X couldn't be your buddy this time", once there is a buddy. */
export function requestOutcomeLines(asked: MyRequest[], buddyIds: number[]): string[] {
  const met = asked.filter((r) => buddyIds.includes(r.volunteerId));
  const unmet = asked.filter((r) => !buddyIds.includes(r.volunteerId));
  return [
    ...met.map((r) => endSentence(`You asked for ${r.name}; you're paired with ${r.name}`)),
    ...unmet.map((r) => `${r.name} couldn't be your buddy this time.`),
  ];
}

/** The personal page's few lines about buddy requests. */
export function BuddyRequests({ view, slug, token }: { view: RequestsView; slug: string; token: string }) {
  if (view.role === 'volunteer') {
    if (view.askedBy === 0 && !view.listed) return null;
    return (
      <div class="buddy-requests" id="buddy-requests">
        {view.askedBy > 0 ? (
          <p>
            {view.askedBy === 1 ? '1 first-timer asked for you' : `${view.askedBy} first-timers asked for you`} as their buddy.
            {view.askedByMine.length > 0 ? ` ${joinNames(view.askedByMine)} asked for you.` : ''}
          </p>
        ) : (
          <p class="muted small">You are listed in the volunteer directory; first-timers may ask for you.</p>
        )}
      </div>
    );
  }
  const paired = view.buddyIds.length > 0;
  if (paired && view.asked.length === 0) return null;
  return (
    <div class="buddy-requests" id="buddy-requests">
      {paired ? (
        requestOutcomeLines(view.asked, view.buddyIds).map((line) => <p>{line}</p>)
      ) : (
        <>
          {view.asked.length > 0 ? <p>{endSentence(`You asked for ${joinNames(view.asked.map((r) => r.name))}`)}</p> : null}
          <p class="muted small">{wishNotBooking}</p>
          <p>
            <a class="button secondary" href={directoryUrl(slug, token)}>
              {view.asked.length > 0 ? 'See the volunteers' : 'Meet the volunteers and ask for a buddy'}
            </a>
          </p>
        </>
      )}
    </div>
  );
}
