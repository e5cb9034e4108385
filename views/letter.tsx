// A volunteer's letter of recognition, as it prints (one sheet, print CSS; the browser saves it as
// PDF), the volunteer's page that shows it, and the public page that says a letter is genuine.
import { raw } from 'hono/html';
import type { LetterSettings } from '../db/schema.ts';
import type { Event } from '../src/domain/events.ts';
import type { LetterView } from '../src/domain/letters.ts';
import { formatDateRange, plural } from './format.ts';
import { Layout } from './layout.tsx';

type LetterEvent = Pick<Event, 'name' | 'venue' | 'startsOn' | 'endsOn'>;

export type LetterProps = {
  letter: LetterView;
  event: LetterEvent;
  settings: LetterSettings;
  verifyUrl: string;
  /** an SVG QR code of verifyUrl, made by us */
  verifyQr: string;
  /** the date the letter carries, e.g. "December 1, 2026" */
  issuedOn: string;
};

/** "a", "a and b", "a, b and c" */
function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** One letter on one sheet of paper. */
export function Letter({ letter, event, settings, verifyUrl, verifyQr, issuedOn }: LetterProps) {
  const from = settings.association || event.name;
  const name = letter.volunteer.name;
  const first = letter.volunteer.firstName;
  const welcomed = letter.firstTimers.length;
  const paragraphs = settings.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <article class="letter" aria-label={`Letter for ${name}`}>
      <header class="letter-head">
        <p class="letter-from">{from}</p>
        <p class="letter-kind">Recognition of volunteer service</p>
      </header>
      <p class="letter-date">{issuedOn}</p>
      <p>To whom it may concern:</p>
      <p>
        {from} gratefully recognizes <strong>{name}</strong> for serving as a <strong>volunteer buddy</strong> in the
        first-timers' buddy program at <strong>{event.name}</strong>
        {event.venue ? `, ${event.venue}` : ''}, {formatDateRange(event.startsOn, event.endsOn)}.
      </p>
      <p>
        {welcomed > 0 ? (
          <>
            As a buddy, {first} welcomed {plural(welcomed, 'first-time attendee', 'first-time attendees')} to the
            conference — {listWords(letter.firstTimers)} — and{' '}
            {letter.meetupsConfirmed === 1 ? '1 meetup was' : `${letter.meetupsConfirmed} meetups were`} confirmed by the
            pairs themselves.
          </>
        ) : (
          <>As a buddy, {first} checked in at the conference and stood ready to welcome first-time attendees.</>
        )}
      </p>
      {paragraphs.map((p) => (
        <p>{p}</p>
      ))}
      <div class="letter-sign">
        <p>With thanks,</p>
        <p class="letter-signer">
          {settings.signerName ? <strong>{settings.signerName}</strong> : <span class="letter-blank">Signer's name</span>}
          {settings.signerTitle ? <span>{settings.signerTitle}</span> : null}
          <span>{from}</span>
        </p>
      </div>
      <footer class="letter-verify">
        <div class="letter-qr" role="img" aria-label="QR code of the verification address">
          {raw(verifyQr)}
        </div>
        <p>
          To confirm that this letter is genuine, open <span class="letter-url">{verifyUrl}</span>
        </p>
      </footer>
    </article>
  );
}

/** The volunteer's own letter, opened from their personal page. */
export function MyLetterPage(props: LetterProps & { back: string }) {
  return (
    <Layout title={`Letter of recognition · ${props.event.name}`}>
      <div class="letter-tools no-print">
        <a href={props.back}>← Your page</a>
        <p class="muted small">To keep it, use your browser's Print and choose “Save as PDF”.</p>
      </div>
      <main class="letters">
        <Letter {...props} />
      </main>
    </Layout>
  );
}

/** Why a volunteer's page has no letter (yet). */
export function NoLetterPage({ message, back }: { message: string; back: string }) {
  return (
    <Layout title="Letter of recognition · Buddydesk">
      <main class="narrow">
        <h1>No letter yet</h1>
        <p>{message}</p>
        <p>
          <a href={back}>Back to your page</a>
        </p>
      </main>
    </Layout>
  );
}

/** The public page a letter's verification address opens. */
export function LetterVerifiedPage(props: { letter: LetterView; event: LetterEvent; settings: LetterSettings }) {
  const { letter, event, settings } = props;
  const welcomed = letter.firstTimers.length;
  return (
    <Layout title="A genuine letter · Buddydesk">
      <main class="narrow">
        <h1>This letter is genuine</h1>
        <p class="banner ok" role="status">
          {settings.association || `The organizers of ${event.name}`} issued a letter of recognition to{' '}
          <strong>{letter.volunteer.name}</strong> for serving as a volunteer buddy at {event.name},{' '}
          {formatDateRange(event.startsOn, event.endsOn)}.
        </p>
        <p>
          {welcomed > 0
            ? `By the program's records, they welcomed ${plural(welcomed, 'first-time attendee', 'first-time attendees')} (${listWords(letter.firstTimers)}), and ${plural(letter.meetupsConfirmed, 'meetup was', 'meetups were')} confirmed.`
            : 'By the program’s records, they checked in as a buddy at the conference.'}
        </p>
        <p class="muted small">This page is at the address printed on the letter. Buddydesk keeps no copy of the letter itself.</p>
      </main>
    </Layout>
  );
}

export function LetterNotGenuinePage() {
  return (
    <Layout title="Letter not confirmed · Buddydesk">
      <main class="narrow">
        <h1>We cannot confirm this letter</h1>
        <p>
          This address is not one we issued. Check that it was copied whole from the letter, or ask the organizers of the
          conference.
        </p>
      </main>
    </Layout>
  );
}
