// The organizers: who they are, the invitations still open (which can be revoked), inviting
// another, and what was done about accounts and whole events; and the page an invitation opens.
import type { AuditLine } from '../../src/domain/audit.ts';
import type { PendingInvite } from '../../src/domain/organizer-invites.ts';
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { Field } from '../field.tsx';
import { formatDateTime } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AuditTable } from './audit.tsx';
import { AdminTopBar, NoticeBanner, PostButton, type Notice } from './chrome.tsx';
import { AdminTable } from './table.tsx';

export type OrganizersPageProps = {
  organizer: SignedInOrganizer;
  organizers: { id: number; name: string; email: string }[];
  invites: PendingInvite[];
  audit: AuditLine[];
  notice?: Notice | undefined;
  /** a refused invitation form: what was typed and why */
  invite?: { email: string; error: string } | undefined;
  /** the outbox sends mail now (SMTP_URL is set); otherwise an e-mailed invitation waits there */
  mailSending: boolean;
};

// organizer accounts concern no one event, so their times are written in UTC
const utc = 'UTC';

export function OrganizersPage(props: OrganizersPageProps) {
  const { organizer } = props;
  return (
    <Layout title="Organizers · Buddydesk" variant="admin">
      <AdminTopBar organizer={organizer} />
      <main>
        <p>
          <a href="/admin">← Events</a>
        </p>
        <h1>Organizers</h1>
        <NoticeBanner notice={props.notice} id="organizers-message" />
        <p>Every organizer can run every event. What each one does is in the audit logs under their name.</p>
        <ul>
          {props.organizers.map((o) => (
            <li>
              {o.name || <em>no name yet</em>} · {o.email}
              {o.id === organizer.id && ' (you)'}
            </li>
          ))}
        </ul>

        <section aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite an organizer</h2>
          <form method="post" action="/admin/invites" class="card" novalidate>
            <Field
              id="invite-email"
              name="email"
              type="email"
              label="Their e-mail (optional)"
              hint={`With an e-mail, the invitation is e-mailed to them${props.mailSending ? '' : ' (it waits in the outbox until e-mail is set up)'}. Either way you get the link to pass on. It works once, for 7 days.`}
              value={props.invite?.email ?? ''}
              error={props.invite?.error}
              autocomplete="off"
            />
            <div class="actions">
              <button type="submit">Create an invitation link</button>
            </div>
          </form>
        </section>

        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">Open invitations</h2>
          {props.invites.length === 0 ? (
            <p class="muted">No invitation is waiting to be used.</p>
          ) : (
            <AdminTable caption="Invitations not used yet" columns={['For', 'Invited by', 'Works until (UTC)']} actions>
              {props.invites.map((i) => (
                <tr>
                  <td>{i.email ?? <em>a link passed on by hand</em>}</td>
                  <td>{i.invitedByName ?? <em>a former organizer</em>}</td>
                  <td>{formatDateTime(i.expiresAt, utc)}</td>
                  <td>
                    <PostButton
                      action={`/admin/invites/${i.id}/revoke`}
                      label="Revoke"
                      what={`the invitation for ${i.email ?? 'a link passed on by hand'}`}
                      variant="danger"
                    />
                  </td>
                </tr>
              ))}
            </AdminTable>
          )}
        </section>

        <section aria-labelledby="account-audit-heading">
          <h2 id="account-audit-heading">Accounts, invitations and deleted events</h2>
          <p class="muted small">Times in UTC. What was done within an event is in that event’s own log.</p>
          <AuditTable timezone={utc} entries={props.audit} />
        </section>
      </main>
    </Layout>
  );
}

export type InvitePageProps = {
  token: string;
  values: { name: string; email: string };
  errors?: Partial<Record<'name' | 'email' | 'password' | 'passwordConfirm' | 'form', string>>;
  minPasswordLength: number;
};

/** The page an invitation link opens: the new organizer's name, e-mail and password. */
export function InvitePage({ token, values, errors = {}, minPasswordLength }: InvitePageProps) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title="Join the organizers · Buddydesk" variant="admin">
      <main class="narrow">
        <h1>Join the organizers</h1>
        <p>You were invited to organize with Buddydesk. Create your account: this link works once.</p>
        {hasErrors && (
          <div class="banner error" role="alert">
            {errors.form ?? 'Please fix the fields marked below. Nothing was saved yet.'}
          </div>
        )}
        <form method="post" action={`/admin/invite/${encodeURIComponent(token)}`} class="card" novalidate>
          <Field required id="invite-name" name="name" label="Your name" value={values.name} error={errors.name} autocomplete="name"
            hint="Other organizers see it in the audit log." />
          <Field required id="invite-email" name="email" label="E-mail" type="email" value={values.email} error={errors.email} autocomplete="username"
            hint="You sign in with it." />
          <Field required id="invite-password" name="password" label="Password" type="password" hint={`At least ${minPasswordLength} characters.`}
            error={errors.password} autocomplete="new-password" />
          <Field required id="invite-password-confirm" name="passwordConfirm" label="Password again" type="password"
            error={errors.passwordConfirm} autocomplete="new-password" />
          <div class="actions">
            <button type="submit">Create my account</button>
          </div>
        </form>
      </main>
    </Layout>
  );
}

/** An invitation link that no longer works (or never did): why, and what to do. */
export function InviteGonePage({ message }: { message: string }) {
  return (
    <Layout title="Invitation not valid · Buddydesk" variant="admin">
      <main class="narrow">
        <h1>This invitation does not work</h1>
        <p>{message}</p>
        <p>
          Already an organizer? <a href="/admin/login">Sign in</a>.
        </p>
      </main>
    </Layout>
  );
}
