// Kiosks: the desk screens an organizer enrolled (only they show the presence QR), a new one-time
// enrolment code, revoking, the per-QR check-in cap; and the recent registrations by minute,
// where a scripted burst is selected and withdrawn together after a confirmation.
import type { Burst, BurstPerson } from '../../src/domain/bursts.ts';
import type { Event } from '../../src/domain/events.ts';
import type { KioskLine, KioskState } from '../../src/domain/kiosks.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { Field } from '../field.tsx';
import { formatDateTime, formatTime } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AdminTopBar, eventPath, NoticeBanner, PostButton, type Notice } from './chrome.tsx';
import { AdminTable } from './table.tsx';

export type KiosksPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'timezone'>;
  kiosks: KioskLine[];
  presenceCap: string;
  notice?: Notice | undefined;
  refused?: { form: 'kiosk'; name: string; error: string } | { form: 'cap'; presenceCap: string; error: string } | undefined;
};

const stateText: Record<KioskState, string> = {
  waiting: 'waiting to be enrolled',
  expired: 'code expired, never enrolled',
  enrolled: 'enrolled',
  revoked: 'revoked',
};

export function KiosksPage({ organizer, event, kiosks, notice, refused, ...props }: KiosksPageProps) {
  const base = eventPath(event.slug);
  const at = (d: Date | null) => (d ? formatDateTime(d, event.timezone) : '—');
  return (
    <Layout title={`Kiosks · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={base}>← {event.name} dashboard</a>
        </p>
        <h1>Desk kiosks</h1>
        <NoticeBanner notice={notice} id="kiosks-message" />
        <p>
          Only a screen you enrol here shows the desk QR code that checks people in. Any other browser that opens the desk
          address is told it is not a kiosk and shows the plain registration link.
        </p>

        <section aria-labelledby="new-kiosk-heading">
          <h2 id="new-kiosk-heading">Enrol a kiosk</h2>
          <form method="post" action={`${base}/kiosks`} class="card" novalidate>
            <Field
              id="kiosk-name"
              name="name"
              label="Kiosk name"
              hint="e.g. “Main desk tablet”. You get a code that works once, for 30 minutes: open its link on the tablet, or type the code on its desk screen."
              value={refused?.form === 'kiosk' ? refused.name : ''}
              error={refused?.form === 'kiosk' ? refused.error : undefined}
              autocomplete="off"
              required
            />
            <div class="actions">
              <button type="submit">Create an enrolment code</button>
            </div>
          </form>
        </section>

        <section aria-labelledby="kiosks-heading">
          <h2 id="kiosks-heading">Kiosks</h2>
          {kiosks.length === 0 ? (
            <p class="muted">No kiosk yet: the desk screen shows no QR code until you enrol one.</p>
          ) : (
            <AdminTable caption="Kiosks of this event" columns={['Name', 'State', 'Enrolled', 'Last seen']} actions>
              {kiosks.map((k) => (
                <tr data-kiosk-id={k.id}>
                  <td>{k.name}</td>
                  <td>{stateText[k.state]}</td>
                  <td>{at(k.enrolledAt)}</td>
                  <td>{at(k.lastSeenAt)}</td>
                  <td>
                    {k.state === 'revoked' || k.state === 'expired' ? null : (
                      <PostButton action={`${base}/kiosks/${k.id}/revoke`} label="Revoke" what={k.name} variant="danger" />
                    )}
                  </td>
                </tr>
              ))}
            </AdminTable>
          )}
        </section>

        <section aria-labelledby="cap-heading">
          <h2 id="cap-heading">Check-ins per QR code</h2>
          <form method="post" action={`${base}/kiosks/cap`} class="card" novalidate>
            <Field
              id="presence-cap"
              name="presenceCap"
              label="Most people one desk QR code checks in"
              hint="Each code shown by a kiosk lasts two minutes. Beyond this many, people are still registered but not checked in, and are asked to check in at the desk. From 1 to 200; 30 by default."
              type="number"
              min={1}
              max={200}
              value={refused?.form === 'cap' ? refused.presenceCap : props.presenceCap}
              error={refused?.form === 'cap' ? refused.error : undefined}
              required
            />
            <div class="actions">
              <button type="submit">Save</button>
            </div>
          </form>
        </section>

        <p>
          <a href={`${base}/registrations`}>Recent registrations by minute</a>: select a burst of fakes and withdraw it.
        </p>
      </main>
    </Layout>
  );
}

export type RegistrationsPageProps = {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'timezone'>;
  bursts: Burst[];
  /** the minute whose registrations start ticked ("select this burst") */
  selected: number | undefined;
  limit: number;
  notice?: Notice | undefined;
  error?: string | undefined;
};

const roleText = (p: BurstPerson) => (p.role === 'volunteer' ? 'volunteer' : 'first-timer');
const statusText = (p: BurstPerson) => (p.status === 'registered' ? 'not checked in' : p.status === 'absent' ? 'marked absent' : 'checked in');

export function RegistrationsPage({ organizer, event, bursts, selected, notice, error, limit }: RegistrationsPageProps) {
  const base = eventPath(event.slug);
  return (
    <Layout title={`Recent registrations · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href={`${base}/kiosks`}>← Kiosks</a>
        </p>
        <h1>Recent registrations</h1>
        <NoticeBanner notice={notice} id="registrations-message" />
        {error ? (
          <div class="banner error" role="alert" id="registrations-error">
            {error}
          </div>
        ) : null}
        <p>
          The latest {limit} registrations people made themselves, by the minute they came in (times in {event.timezone}). A
          scripted burst shows as many in one minute: select it, check the names, and withdraw them together. Withdrawn
          people leave the pool, the board and the counts.
        </p>
        {bursts.length === 0 ? (
          <p class="muted">Nobody has registered yet.</p>
        ) : (
          <form method="post" action={`${base}/registrations/withdraw`}>
            {bursts.map((b) => {
              const minute = b.minute.getTime();
              const ticked = selected === minute;
              const id = `burst-${minute}`;
              const here = b.people.filter((p) => p.status === 'present' || p.status === 'matched').length;
              return (
                <fieldset class="card burst" id={id}>
                  <legend>
                    {formatTime(b.minute, event.timezone)}: {b.people.length} registration{b.people.length === 1 ? '' : 's'}, {here} checked in
                  </legend>
                  <p>
                    <a href={`${base}/registrations?select=${minute}#${id}`}>
                      Select this burst<span class="visually-hidden"> of {formatTime(b.minute, event.timezone)}</span>
                    </a>
                  </p>
                  <ul class="plain">
                    {b.people.map((p) => (
                      <li>
                        <label>
                          <input type="checkbox" name="ids" value={String(p.id)} checked={ticked} /> {p.name} · {roleText(p)} ·{' '}
                          {statusText(p)} · {formatTime(p.createdAt, event.timezone)}
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>
              );
            })}
            <div class="actions">
              <button type="submit" class="danger">
                Withdraw the selected registrations…
              </button>
            </div>
          </form>
        )}
      </main>
    </Layout>
  );
}

/** "Are you sure?": the names about to be withdrawn, the ids carried again, and the button that does it. */
export function ConfirmWithdrawPage(props: {
  organizer: SignedInOrganizer;
  event: Pick<Event, 'slug' | 'name' | 'timezone'>;
  people: BurstPerson[];
}) {
  const { event, people } = props;
  const base = eventPath(event.slug);
  return (
    <Layout title={`Withdraw registrations · ${event.name} · Buddydesk`} variant="admin">
      <AdminTopBar organizer={props.organizer} />
      <main>
        <h1>
          Withdraw {people.length} registration{people.length === 1 ? '' : 's'}?
        </h1>
        <p>
          They leave the pool, the board and the counts; any buddy they were paired with is freed and goes first in the next
          round. This is in the audit log.
        </p>
        <ul>
          {people.map((p) => (
            <li>
              {p.name} · {roleText(p)} · registered {formatDateTime(p.createdAt, event.timezone)}
            </li>
          ))}
        </ul>
        <form method="post" action={`${base}/registrations/withdraw`}>
          {people.map((p) => (
            <input type="hidden" name="ids" value={String(p.id)} />
          ))}
          <input type="hidden" name="confirm" value="yes" />
          <div class="actions">
            <button type="submit" class="danger">
              Yes, withdraw {people.length}
            </button>
            <a class="button secondary" href={`${base}/registrations`}>
              Cancel
            </a>
          </div>
        </form>
      </main>
    </Layout>
  );
}
