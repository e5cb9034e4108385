// "Your data" on a personal page: what is stored and who sees it, the download, and "Delete me"
// with its confirmation step and the page that follows it.
import { ConfirmField } from './field.tsx';
import { formatLongDate } from './format.ts';
import { Layout } from './layout.tsx';

export type MyDataPageProps = {
  eventName: string;
  base: string;
  role: 'first_timer' | 'volunteer';
  /** the day the event's personal data is erased, e.g. "2027-01-14" */
  eraseOn: string;
};

/** What the personal page links to: a short plain account of what is kept and who sees it. */
export function MyDataPage({ eventName, base, role, eraseOn }: MyDataPageProps) {
  return (
    <Layout title={`Your data · ${eventName}`}>
      <main>
        <p>
          <a href={base}>← Your page</a>
        </p>
        <h1>Your data</h1>
        <YourDataSummary role={role} eraseOn={eraseOn} />
        <section class="card">
          <h2>Take it with you</h2>
          <p>One file (JSON) with everything we store about you: profile, choices, sessions, buddies, meetups, feedback, e-mails to you and the organizers' log lines about you.</p>
          <p class="actions">
            <a class="button" href={`${base}/data.json`} download>
              Download my data
            </a>
          </p>
        </section>
        <section class="card">
          <h2>Delete me</h2>
          <p>Erase your personal data now and leave the buddy program. Your personal link stops working.</p>
          <p class="actions">
            <a class="button danger" href={`${base}/delete`}>
              Delete me…
            </a>
          </p>
        </section>
      </main>
    </Layout>
  );
}

function YourDataSummary({ role, eraseOn }: { role: MyDataPageProps['role']; eraseOn: string }) {
  return (
    <section class="card">
      <h2>What we keep and who sees it</h2>
      <ul>
        <li>
          <strong>Your profile</strong> (name, e-mail, library, interests, sessions, languages, needs
          {role === 'volunteer' ? ', bio' : ''}): the organizers of this event.
        </li>
        <li>
          <strong>Your buddy</strong> sees your first name and last initial, your pronouns{role === 'volunteer' ? ', your bio' : ''} and why you
          were paired; your e-mail only if you both agreed to share it.
        </li>
        <li>
          <strong>The board</strong> near the desk shows your first name and last initial with your meetup spot and time.
        </li>
        {role === 'volunteer' ? (
          <li>
            <strong>The volunteer directory</strong>, only if you chose to be listed: first-timers of this event see your first name and
            last initial, pronouns, bio, library type, region, interests and languages.
          </li>
        ) : null}
        <li>
          <strong>Your feedback</strong>: the organizers, with your name; the report they share shows comments without names.
        </li>
        <li>
          <strong>A note from the safety button</strong>, if you ever send one: the organizers only, never the other person; it goes
          when your data is erased.
        </li>
        <li>Nobody else. Nothing is sold or shared.</li>
      </ul>
      <p>
        Your personal data is erased on <strong>{formatLongDate(eraseOn)}</strong>; only anonymous counts stay. You can erase it sooner below.
      </p>
    </section>
  );
}

export type DeleteMePageProps = { eventName: string; base: string; name: string; hasBuddy: boolean; error?: string | undefined };

export function DeleteMePage({ eventName, base, name, hasBuddy, error }: DeleteMePageProps) {
  return (
    <Layout title={`Delete me · ${eventName}`}>
      <main>
        <p>
          <a href={`${base}/data`}>← Your data</a>
        </p>
        <h1>Delete me?</h1>
        <section class="card">
          <p>
            This erases your personal data at {eventName} for good: your name ({name}), e-mail, profile, what you wrote, and your feedback
            comments. Your personal link stops working.
          </p>
          {hasBuddy ? (
            <p class="banner warn">Your buddy will be told that you left the program, without your name, and found someone else.</p>
          ) : null}
          <p class="muted small">We keep anonymous counts only (how many people took part, met and rated the program).</p>
          <p>
            <a href={`${base}/data.json`} download>
              Download my data first
            </a>
          </p>
          <form method="post" action={`${base}/delete`}>
            <ConfirmField id="delete-confirm" label="Yes, erase my data. I understand this cannot be undone." error={error} />
            <div class="actions">
              <button type="submit" class="danger">
                Delete me
              </button>
              <a href={base}>Keep me</a>
            </div>
          </form>
        </section>
      </main>
    </Layout>
  );
}

export function ErasedPage({ eventName }: { eventName: string }) {
  return (
    <Layout title={`Your data is erased · ${eventName}`}>
      <main>
        <h1>Your data is erased</h1>
        <section class="card">
          <p role="status">
            We erased your personal data at {eventName} and you have left the buddy program. Your personal link no longer works.
          </p>
          <p>Thank you for taking part. If you change your mind, you can register again at the desk.</p>
        </section>
      </main>
    </Layout>
  );
}
