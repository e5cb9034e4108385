// What people choose from: interests, library types, regions and languages, each in the order the
// registration form shows them, with how many people chose each; added, renamed, moved, retired
// and offered again by organizers.
import type { Choice, ChoiceKind, ChoiceLists } from '../../src/domain/choices.ts';
import type { Event } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { plural } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, NoticeBanner, type Notice } from './chrome.tsx';

/** A refused add or rename: which form, what was typed, why. */
export type ChoiceRefusal = { kind: ChoiceKind; id: number | 'new'; label: string; error: string };

const sections: { kind: ChoiceKind; title: string; one: string; about: string }[] = [
  { kind: 'interests', title: 'Interests', one: 'interest', about: 'People tick as many as they like; each interest a pair shares counts most in matching.' },
  { kind: 'library-types', title: 'Library types', one: 'library type', about: 'People pick one. The same type counts for a pair.' },
  { kind: 'regions', title: 'Regions', one: 'region', about: 'People pick one. The same region counts for a pair. With no regions here, people type their own.' },
  { kind: 'languages', title: 'Languages', one: 'language', about: 'People tick the ones they chat in. Two people who both ticked some but share none are never paired.' },
];

function ChoiceRow(props: { base: string; kind: ChoiceKind; one: string; choice: Choice; place: number; last: number; refused: ChoiceRefusal | undefined }) {
  const { base, kind, choice, refused } = props;
  const action = (what: string) => `${base}/choices/${kind}/${choice.id}/${what}`;
  const id = `choice-${kind}-${choice.id}`;
  const mine = refused?.kind === kind && refused.id === choice.id ? refused : undefined;
  const people = <span class="people">{choice.people === 0 ? 'chosen by nobody yet' : `chosen by ${plural(choice.people, 'person', 'people')}`}</span>;
  if (choice.retiredAt) {
    return (
      <li class="choice-row retired" id={id}>
        <span class="label-text">{choice.label}</span> {people}
        <form method="post" action={action('restore')}>
          <button type="submit" class="secondary">
            Offer again<span class="visually-hidden"> {choice.label}</span>
          </button>
        </form>
      </li>
    );
  }
  return (
    <li class="choice-row" id={id}>
      <form method="post" action={action('rename')} class="rename">
        <label class="visually-hidden" for={`${id}-label`}>
          Name of {props.one} {props.place}
        </label>
        <input
          id={`${id}-label`}
          type="text"
          name="label"
          value={mine?.label ?? choice.label}
          aria-invalid={mine ? 'true' : undefined}
          aria-describedby={mine ? `${id}-error` : undefined}
        />
        <button type="submit" class="secondary">
          Rename<span class="visually-hidden"> {choice.label}</span>
        </button>
      </form>
      <span class="choice-actions">
        <form method="post" action={action('up')}>
          <button type="submit" class="quiet" disabled={props.place === 1}>
            Up<span class="visually-hidden"> {choice.label}</span>
          </button>
        </form>
        <form method="post" action={action('down')}>
          <button type="submit" class="quiet" disabled={props.place === props.last}>
            Down<span class="visually-hidden"> {choice.label}</span>
          </button>
        </form>
        <form method="post" action={action('retire')}>
          <button type="submit" class="danger">
            {choice.people === 0 ? 'Remove' : 'Retire'}
            <span class="visually-hidden"> {choice.label}</span>
          </button>
        </form>
      </span>
      {people}
      {mine && (
        <p class="field-error" id={`${id}-error`}>
          {mine.error}
        </p>
      )}
    </li>
  );
}

function ChoiceSection({ base, section, choices, refused }: { base: string; section: (typeof sections)[number]; choices: Choice[]; refused: ChoiceRefusal | undefined }) {
  const offered = choices.filter((c) => !c.retiredAt);
  const retired = choices.filter((c) => c.retiredAt);
  const adding = refused?.kind === section.kind && refused.id === 'new' ? refused : undefined;
  const addId = `add-${section.kind}`;
  return (
    <section aria-labelledby={`${section.kind}-heading`} id={section.kind} class="card">
      <h2 id={`${section.kind}-heading`}>{section.title}</h2>
      <p class="hint">{section.about}</p>
      {offered.length === 0 ? (
        <p class="muted">None offered.</p>
      ) : (
        <ol class="plain-list">
          {offered.map((c, i) => (
            <ChoiceRow base={base} kind={section.kind} one={section.one} choice={c} place={i + 1} last={offered.length} refused={refused} />
          ))}
        </ol>
      )}
      {retired.length > 0 && (
        <>
          <h3 class="small">Retired — no longer offered, kept for the people who chose them</h3>
          <ul class="plain-list">
            {retired.map((c) => (
              <ChoiceRow base={base} kind={section.kind} one={section.one} choice={c} place={0} last={0} refused={refused} />
            ))}
          </ul>
        </>
      )}
      <form method="post" action={`${base}/choices/${section.kind}`} class="add-choice">
        <label for={addId}>Add {section.one === 'interest' ? 'an' : 'a'} {section.one}</label>
        <div class="search-row">
          <input
            id={addId}
            type="text"
            name="label"
            value={adding?.label ?? ''}
            aria-invalid={adding ? 'true' : undefined}
            aria-describedby={adding ? `${addId}-error` : undefined}
          />
          <button type="submit">Add</button>
        </div>
        {adding && (
          <p class="field-error" id={`${addId}-error`}>
            {adding.error}
          </p>
        )}
      </form>
    </section>
  );
}

export type ChoicesPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name'>;
  lists: ChoiceLists;
  notice?: Notice | undefined;
  refused?: ChoiceRefusal | undefined;
};

export function ChoicesPage({ organizer, event, lists, notice, refused }: ChoicesPageProps) {
  const base = eventPath(event.slug);
  return (
    <Layout title={`What people choose from · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={base}>← {event.name} dashboard</a>
        </p>
        <h1>What people choose from</h1>
        <p>
          The registration form offers these, in this order. Renaming reaches everyone who chose the old name. A retired choice is no
          longer offered, but the people who chose it keep it — on their page, in matching and in the report; one nobody chose is
          simply removed.
        </p>
        <NoticeBanner notice={notice} id="choices-message" />
        {refused && (
          <div class="banner error" role="alert" id="choices-error">
            {refused.error} Nothing was changed.
          </div>
        )}
        <div class="choice-lists">
          {sections.map((section) => (
            <ChoiceSection base={base} section={section} choices={lists[section.kind]} refused={refused} />
          ))}
        </div>
      </main>
    </Layout>
  );
}
