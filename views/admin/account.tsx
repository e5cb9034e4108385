// The organizer's own account: the name the console greets them by and the audit log shows.
import type { SignedInOrganizer } from '../../src/domain/organizers.ts';
import { Field } from '../field.tsx';
import { Layout } from '../layout.tsx';
import { AdminTopBar } from './chrome.tsx';

export function AccountPage(props: { organizer: SignedInOrganizer; name: string; error?: string | undefined; saved?: boolean }) {
  const { organizer } = props;
  return (
    <Layout title="Your name · Buddydesk" variant="admin">
      <AdminTopBar organizer={organizer} />
      <main class="narrow">
        <p>
          <a href="/admin">← Events</a>
        </p>
        <h1>Your name</h1>
        {props.saved && (
          <div class="banner ok" role="status" id="account-message">
            Saved. The console greets you as {organizer.name}.
          </div>
        )}
        <form method="post" action="/admin/account" class="card" novalidate>
          <Field
            required
            id="account-name"
            name="name"
            label="Your name"
            hint={`Other organizers see it in the audit log and on the rounds you start. You sign in as ${organizer.email}.`}
            value={props.name}
            error={props.error}
            autocomplete="name"
          />
          <div class="actions">
            <button type="submit">Save</button>
          </div>
        </form>
      </main>
    </Layout>
  );
}
