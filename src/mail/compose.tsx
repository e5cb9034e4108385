// A queued message as it goes out and as organizers read it: the caller's parts plus the
// unsubscribe footer and header. Built when shown or sent, not when queued, so the link always
// uses the current PUBLIC_URL.
import type { OutboxMessage } from '../domain/mail-outbox.ts';

export type ComposedMail = {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  unsubscribeUrl: string;
  headers: { 'List-Unsubscribe': string };
};

type Composable = Pick<OutboxMessage, 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'event' | 'unsubscribeToken'>;

export function unsubscribePath(event: { slug: string } | null, token: string): string {
  return event ? `/e/${encodeURIComponent(event.slug)}/unsubscribe/${token}` : `/unsubscribe/${token}`;
}

export function composeMail(m: Composable, publicUrl: string): ComposedMail {
  const unsubscribeUrl = `${publicUrl}${unsubscribePath(m.event, m.unsubscribeToken)}`;
  const sentFor = m.event ? `Sent by Buddydesk for ${m.event.name}.` : 'Sent by Buddydesk.';
  // "-- " on its own line is the signature separator mail programs recognise and dim
  const text = `${m.textBody.trimEnd()}\n\n-- \n${sentFor}\nTo stop these e-mails, open ${unsubscribeUrl}\n`;
  return {
    to: m.toAddress,
    subject: m.subject,
    text,
    html: m.htmlBody === null ? null : withHtmlFooter(m.htmlBody, sentFor, unsubscribeUrl),
    unsubscribeUrl,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` },
  };
}

function withHtmlFooter(html: string, sentFor: string, url: string): string {
  const footer = String(
    <p style="margin-top:2em;font-size:small;color:#555">
      {sentFor} <a href={url}>Unsubscribe</a> from these e-mails.
    </p>,
  );
  const end = html.search(/<\/body>(?![\s\S]*<\/body>)/i);
  return end === -1 ? `${html}\n${footer}` : `${html.slice(0, end)}${footer}\n${html.slice(end)}`;
}
