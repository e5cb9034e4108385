// Meetup spots and the event's timing: what organizers set up before the doors open.
import type { Event, MeetupSpot } from '../../src/domain/events.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import type { SpotField, TimingField } from '../../src/domain/spots.ts';
import { Field } from '../field.tsx';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, NoticeBanner, type Notice } from './chrome.tsx';

export type SpotValues = Record<SpotField, string>;
export type TimingValues = Record<Exclude<TimingField, 'autoRematch'>, string> & { autoRematch: boolean };

function SpotFields({ prefix, values, errors }: { prefix: string; values: SpotValues; errors: Partial<Record<SpotField, string>> }) {
  return (
    <>
      <Field id={`${prefix}-name`} name="name" label="Name" value={values.name} error={errors.name} required />
      <Field
        id={`${prefix}-directions`}
        name="directions"
        label="Directions"
        hint="How to find it, e.g. “blue banner left of Hall C”."
        value={values.directions}
        error={errors.directions}
      />
      <Field
        id={`${prefix}-pairs`}
        name="pairsAtOnce"
        label="How many pairs fit at once"
        hint="From 1 to 50."
        type="number"
        min={1}
        max={50}
        value={values.pairsAtOnce}
        error={errors.pairsAtOnce}
        required
      />
    </>
  );
}

export const spotValues = (s: Pick<MeetupSpot, 'name' | 'directions' | 'pairsAtOnce'>): SpotValues => ({
  name: s.name,
  directions: s.directions,
  pairsAtOnce: String(s.pairsAtOnce),
});

/** Which form on the page was refused, with what was typed and why. */
export type SpotsPageRefusal =
  | { form: 'spot'; spotId: number; values: SpotValues; errors: Partial<Record<SpotField, string>> }
  | { form: 'new-spot'; values: SpotValues; errors: Partial<Record<SpotField, string>> }
  | { form: 'timing'; values: TimingValues; errors: Partial<Record<TimingField, string>> };

export type SpotsPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name'>;
  spots: MeetupSpot[];
  timing: TimingValues;
  notice?: Notice | undefined;
  refused?: SpotsPageRefusal | undefined;
};

export function SpotsPage({ organizer, event, spots, timing, notice, refused }: SpotsPageProps) {
  const base = eventPath(event.slug);
  const newSpot = refused?.form === 'new-spot' ? refused : { values: { name: '', directions: '', pairsAtOnce: '6' }, errors: {} };
  const timingForm = refused?.form === 'timing' ? refused : { values: timing, errors: {} as Partial<Record<TimingField, string>> };
  return (
    <Layout title={`Meetup spots and timing · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={base}>← {event.name} dashboard</a>
        </p>
        <h1>Meetup spots and timing</h1>
        <NoticeBanner notice={notice} id="spots-message" />
        {refused && (
          <div class="banner error" role="alert" id="spots-error">
            Please fix the fields marked below. Nothing was saved.
          </div>
        )}

        <section aria-labelledby="spots-heading">
          <h2 id="spots-heading">Meetup spots</h2>
          {spots.length === 0 && <p>There are no meetup spots yet. Published pairs need at least one.</p>}
          <div class="spot-forms">
            {spots.map((s) => {
              const mine = refused?.form === 'spot' && refused.spotId === s.id ? refused : undefined;
              const action = `${base}/spots/${s.id}`;
              return (
                <form method="post" action={action} class="card" id={`spot-${s.id}`}>
                  <fieldset>
                    <legend>{s.name}</legend>
                    <SpotFields prefix={`spot-${s.id}`} values={mine?.values ?? spotValues(s)} errors={mine?.errors ?? {}} />
                    <button type="submit" class="secondary">
                      Save<span class="visually-hidden"> {s.name}</span>
                    </button>
                  </fieldset>
                </form>
              );
            })}
          </div>
          <form method="post" action={`${base}/spots`} class="card" id="new-spot">
            <fieldset>
              <legend>Add a meetup spot</legend>
              <SpotFields prefix="new-spot" values={newSpot.values} errors={newSpot.errors} />
              <button type="submit">Add spot</button>
            </fieldset>
          </form>
        </section>

        <section aria-labelledby="timing-heading">
          <h2 id="timing-heading">Timing</h2>
          <form method="post" action={`${base}/timing`} class="card" id="timing">
            <Field
              id="timing-slot"
              name="slotMinutes"
              label="Slot length (minutes)"
              hint="How long one meetup takes at a spot; from 5 to 60."
              type="number"
              min={5}
              max={60}
              value={timingForm.values.slotMinutes}
              error={timingForm.errors.slotMinutes}
              required
            />
            <Field
              id="timing-lead"
              name="leadMinutes"
              label="Minutes to walk there"
              hint="A meetup starts at least this long after pairs are published; from 0 to 30."
              type="number"
              min={0}
              max={30}
              value={timingForm.values.leadMinutes}
              error={timingForm.errors.leadMinutes}
              required
            />
            <Field
              id="timing-grace"
              name="graceMinutes"
              label="Grace period (minutes)"
              hint="How long after the meet time a pair that has not said “We met” is flagged; from 0 to 60."
              type="number"
              min={0}
              max={60}
              value={timingForm.values.graceMinutes}
              error={timingForm.errors.graceMinutes}
              required
            />
            <Field
              id="timing-auto-round"
              name="autoRoundMinutes"
              label="Run a round by itself every … minutes"
              hint="Leave empty for off; or from 2 to 60. Automatic rounds are published without review."
              type="number"
              min={2}
              max={60}
              value={timingForm.values.autoRoundMinutes}
              error={timingForm.errors.autoRoundMinutes}
            />
            <div class="field">
              <label class="choice" for="timing-auto-rematch">
                <input
                  id="timing-auto-rematch"
                  type="checkbox"
                  name="autoRematch"
                  value="yes"
                  checked={timingForm.values.autoRematch}
                />
                Rematch automatically when a first-timer reports their buddy missing
              </label>
            </div>
            <button type="submit">Save timing</button>
          </form>
        </section>
      </main>
    </Layout>
  );
}
