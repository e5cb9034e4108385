// What a buddy card says about the other person, the same on a meetup card (views/me.tsx) and on a
// planned buddy-to-be (views/planned-buddy.tsx): the heading with pronouns, the bio, what to talk
// about, and the e-mail they chose to share.
import type { Child } from 'hono/jsx';

type About = { name: string; pronouns: string | null; bio: string | null; reasons: string[]; email: string | null };

/** "Your buddy: Ada (she/her)": `lead` is everything before the name. */
export function BuddyHeading(props: { lead: string; buddy: Pick<About, 'name' | 'pronouns'> }) {
  const b = props.buddy;
  return (
    <h2>
      {props.lead}
      {b.name}
      {b.pronouns ? <span class="muted small"> ({b.pronouns})</span> : null}
    </h2>
  );
}

/** Bio, "Something to talk about", then `children` (the opener on a meetup card), then the e-mail. */
export function BuddyAbout(props: { buddy: Omit<About, 'name' | 'pronouns'>; children?: Child }) {
  const b = props.buddy;
  return (
    <>
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
      {props.children}
      {b.email ? (
        <p>
          E-mail: <a href={`mailto:${b.email}`}>{b.email}</a>
        </p>
      ) : null}
    </>
  );
}
