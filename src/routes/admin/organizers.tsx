// More organizers: /admin/organizers lists them and the open invitations, creates and revokes
// invitations; /admin/invite/:token (before the sign-in) is where an invited person creates
// their account.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { listAuditLog } from '../../domain/audit.ts';
import {
  acceptInvite,
  createInvite,
  findInvite,
  inviteFormSchema,
  listOrganizers,
  listPendingInvites,
  revokeInvite,
  type InviteState,
} from '../../domain/organizer-invites.ts';
import { minPasswordLength, organizerFieldLimits, organizerSetupSchema } from '../../domain/organizers.ts';
import { fieldErrors, idSchema, personalTokenSchema, typedText } from '../../form-input.ts';
import { InviteGonePage, InvitePage, OrganizersPage } from '../../../views/admin/organizers.tsx';
import { readForm } from '../request.ts';
import { startSession } from './login.tsx';
import { flashNotice, takeNotice } from './notice.ts';

export const organizersRoutes = new Hono<AppEnv>();

function renderOrganizers(c: Context<AppEnv>, invite?: { email: string; error: string }) {
  const now = c.var.now();
  c.header('Cache-Control', 'no-store');
  return c.html(
    <OrganizersPage
      organizer={c.var.organizer}
      organizers={listOrganizers(c.var.db)}
      invites={listPendingInvites(c.var.db, now)}
      audit={listAuditLog(c.var.db, null, 30)}
      notice={invite ? undefined : takeNotice(c)}
      invite={invite}
      mailSending={c.var.mailSending}
    />,
    invite ? 422 : 200,
  );
}

organizersRoutes.get('/organizers', (c) => renderOrganizers(c));

organizersRoutes.post('/invites', async (c) => {
  const form = (await readForm(c)) ?? {};
  const typed = typedText(form.email, organizerFieldLimits.email).trim();
  const parsed = inviteFormSchema.safeParse(form);
  if (!parsed.success) return renderOrganizers(c, { email: typed, error: fieldErrors<'email'>(parsed.error).email ?? 'Check the e-mail address' });
  const { email } = parsed.data;
  const result = createInvite(c.var.db, { by: c.var.organizer, email, now: c.var.now(), publicUrl: c.var.publicUrl });
  if (!result.ok) return renderOrganizers(c, { email: typed, error: 'This e-mail already belongs to an organizer.' });
  const sent = !email ? '' : result.mailed ? ` It was e-mailed to ${email}${c.var.mailSending ? '' : ' (waiting in the outbox until e-mail is set up)'}.` : '';
  flashNotice(c, {
    kind: 'ok',
    text: `Invitation created. Copy the link and pass it on: it is shown only now, works once and for 7 days.${sent}`,
    copy: { label: 'Invitation link', value: result.link },
  });
  return c.redirect('/admin/organizers', 303);
});

organizersRoutes.post('/invites/:id/revoke', (c) => {
  const id = idSchema.safeParse(c.req.param('id'));
  const result = id.success ? revokeInvite(c.var.db, { inviteId: id.data, organizerId: c.var.organizer.id, now: c.var.now() }) : { ok: false };
  flashNotice(
    c,
    result.ok
      ? { kind: 'ok', text: 'Revoked the invitation; its link no longer works.' }
      : { kind: 'error', text: 'That invitation is no longer open (used, expired or revoked). Nothing was changed.' },
  );
  return c.redirect('/admin/organizers', 303);
});

// --- the invitation link, open to whoever holds it ---

export const inviteRoutes = new Hono<AppEnv>();

const gone: Record<InviteState | 'unknown', string> = {
  open: '',
  used: 'This invitation has already been used. Each link works once: ask an organizer for a new one.',
  revoked: 'This invitation was revoked. Ask an organizer for a new one.',
  expired: 'This invitation has expired: links work for 7 days. Ask an organizer for a new one.',
  unknown: 'This invitation link is not valid. Check that you copied all of it, or ask an organizer for a new one.',
};

/** 404 for a link never given out, 410 for one that worked once. */
function inviteGone(c: Context<AppEnv>, state: InviteState | undefined) {
  return c.html(<InviteGonePage message={gone[state ?? 'unknown']} />, state ? 410 : 404);
}

const openInvite = (c: Context<AppEnv>) => {
  const token = personalTokenSchema.safeParse(c.req.param('token'));
  const invite = token.success ? findInvite(c.var.db, token.data, c.var.now()) : undefined;
  return { token: token.success ? token.data : '', invite };
};

inviteRoutes.get('/invite/:token', (c) => {
  const { token, invite } = openInvite(c);
  if (!invite || invite.state !== 'open') return inviteGone(c, invite?.state);
  c.header('Cache-Control', 'no-store');
  return c.html(<InvitePage token={token} values={{ name: '', email: invite.email ?? '' }} minPasswordLength={minPasswordLength} />);
});

inviteRoutes.post('/invite/:token', async (c) => {
  const { token, invite } = openInvite(c);
  if (!invite || invite.state !== 'open') return inviteGone(c, invite?.state);
  const form = (await readForm(c)) ?? {};
  const values = { name: typedText(form.name, organizerFieldLimits.name), email: typedText(form.email, organizerFieldLimits.email) };
  const refuse = (errors: Parameters<typeof InvitePage>[0]['errors']) =>
    c.html(<InvitePage token={token} values={values} errors={errors} minPasswordLength={minPasswordLength} />, 422);
  const parsed = organizerSetupSchema.safeParse(form);
  if (!parsed.success) return refuse(fieldErrors(parsed.error));
  const result = acceptInvite(c.var.db, token, parsed.data, c.var.now());
  if (!result.ok) {
    if (result.reason === 'email-taken') return refuse({ email: 'This e-mail already belongs to an organizer. Sign in instead.' });
    return inviteGone(c, result.state);
  }
  startSession(c, result.sessionId);
  flashNotice(c, { kind: 'ok', text: `Welcome, ${result.organizer.name}. You are signed in as an organizer.` });
  return c.redirect('/admin', 303);
});
