// The organizer's own account: the name the console greets them by and the audit log shows.
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { organizerFieldLimits, organizerNameSchema, renameOrganizer } from '../../domain/organizers.ts';
import { fieldErrors, typedText } from '../../form-input.ts';
import { AccountPage } from '../../../views/admin/account.tsx';
import { readForm } from '../request.ts';

export const accountRoutes = new Hono<AppEnv>();

accountRoutes.get('/account', (c) => {
  const organizer = c.var.organizer;
  return c.html(<AccountPage organizer={organizer} name={organizer.name} saved={c.req.query('saved') === '1'} />);
});

accountRoutes.post('/account', async (c) => {
  const form = (await readForm(c)) ?? {};
  const parsed = organizerNameSchema.safeParse(form);
  if (!parsed.success) {
    const error = fieldErrors<'name'>(parsed.error).name;
    return c.html(<AccountPage organizer={c.var.organizer} name={typedText(form.name, organizerFieldLimits.name)} error={error} />, 422);
  }
  if (!renameOrganizer(c.var.db, c.var.organizer.id, parsed.data.name)) return c.redirect('/admin/login', 303);
  return c.redirect('/admin/account?saved=1', 303);
});
