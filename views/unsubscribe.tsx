import { Layout } from './layout.tsx';

export type UnsubscribePageProps = {
  /** null for mail about no particular event */
  eventName: string | null;
  /** the address, partly hidden: anyone the message was forwarded to can open this page */
  address: string;
  unsubscribed: boolean;
  action: string;
};

/** "a•••@example.org": enough for someone to recognise their own address. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '•••' : `${address[0]}•••${address.slice(at)}`;
}

export function UnsubscribePage({ eventName, address, unsubscribed, action }: UnsubscribePageProps) {
  const about = eventName ? `about ${eventName}` : 'from Buddydesk';
  const masked = maskAddress(address);
  return (
    <Layout title={`${unsubscribed ? 'Unsubscribed' : 'Unsubscribe'} · Buddydesk`}>
      <main class="narrow">
        {unsubscribed ? (
          <>
            <h1>You're unsubscribed</h1>
            <p role="status" id="unsubscribe-done">
              We won't send {masked} any more e-mails {about} such as invitations and reminders.
            </p>
            <p class="muted">A message you ask for yourself, such as a copy of your data, still comes.</p>
          </>
        ) : (
          <>
            <h1>Stop e-mails {about}?</h1>
            <p>
              We'll stop sending {masked} e-mails {about} such as invitations and reminders. A message you ask for yourself,
              such as a copy of your data, still comes.
            </p>
            <form method="post" action={action}>
              <button type="submit">Unsubscribe</button>
            </form>
          </>
        )}
      </main>
    </Layout>
  );
}
