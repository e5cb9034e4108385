// Pre-registration: import people from a sheet (upload, map the columns, preview, add), download
// their personal links for a mail merge, or e-mail each their link. The steps carry the sheet and
// then the plan in their forms. Mounted by index.tsx under /admin/e/:slug; the posts that carry a
// sheet are under /preregistration/import, where uploads may be large (body-limits.ts).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { loadEventChoices } from '../../domain/events.ts';
import { personalLink } from '../../domain/participants.ts';
import {
  applyPreregistration,
  countPreregistered,
  listPreregistered,
  planPreregistration,
  previewPeopleSheet,
  queueWelcomeMail,
} from '../../domain/preregistration.ts';
import { peopleFieldLabels, peopleFields, type PeopleMapping, type RowProblem } from '../../domain/preregistration-sheet.ts';
import { decodeInput } from '../../domain/program-import/index.ts';
import { chosenColumns, typedText } from '../../form-input.ts';
import { spreadsheetCsv } from '../../spreadsheet-csv.ts';
import { plural } from '../../../views/format.ts';
import { PeopleMappingPage, PeoplePreviewPage } from '../../../views/admin/preregistration-import.tsx';
import { preregistrationPath, PreregistrationPage } from '../../../views/admin/preregistration.tsx';
import { readForm, readUploadForm } from '../request.ts';
import { flashNotice, takeNotice } from './notice.ts';

export const preregistrationRoutes = new Hono<AppEnv>();

type Ctx = Context<AppEnv>;

function renderPage(c: Ctx, refusal: { refused?: string; welcomeError?: string; status?: 409 | 422 } = {}) {
  const { event, db } = c.var;
  const choices = loadEventChoices(db, event.id);
  c.header('Cache-Control', 'no-store');
  return c.html(
    <PreregistrationPage
      organizer={c.var.organizer}
      event={event}
      counts={countPreregistered(db, event.id)}
      choices={{ ...choices, interests: choices.interests.map((i) => i.label) }}
      mailSending={c.var.mailSending}
      notice={refusal.status ? undefined : takeNotice(c)}
      refused={refusal.refused}
      welcomeError={refusal.welcomeError}
    />,
    refusal.status ?? 200,
  );
}

preregistrationRoutes.get('/preregistration', (c) => renderPage(c));

type SheetPreview = Extract<ReturnType<typeof previewPeopleSheet>, { ok: true }>;
type MappingStep = { source: string; csv: string; preview: SheetPreview; mapping?: PeopleMapping; problems?: string[]; rowProblems?: RowProblem[] };

/** The mapping step for a sheet, with the guessed mapping or the organizer's, and what is wrong with it. */
function renderMapping(c: Ctx, step: MappingStep, status: 200 | 422) {
  const { preview } = step;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <PeopleMappingPage
      organizer={c.var.organizer}
      event={c.var.event}
      source={step.source}
      csv={step.csv}
      sheet={preview}
      fields={peopleFields}
      labels={peopleFieldLabels}
      mapping={step.mapping ?? preview.mapping}
      problems={step.problems ?? preview.problems}
      rowProblems={step.rowProblems ?? []}
    />,
    status,
  );
}

preregistrationRoutes.post('/preregistration/import', async (c) => {
  const upload = await readUploadForm(c);
  if (!upload) return renderPage(c, { refused: 'The upload could not be read. Choose the file again.', status: 422 });
  if (!upload.file) return renderPage(c, { refused: 'Choose a sheet to import.', status: 422 });
  const csv = decodeInput(upload.file.bytes);
  const preview = previewPeopleSheet(csv);
  if (!preview.ok) return renderPage(c, { refused: preview.message, status: 422 });
  return renderMapping(c, { source: upload.file.name, csv, preview }, 200);
});

const roleSchema = z.enum(['first_timer', 'volunteer']).nullable().catch(null);

preregistrationRoutes.post('/preregistration/import/mapping', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const csv = typeof form.csv === 'string' ? form.csv : '';
  const source = typedText(form.source, 300) || 'The sheet';
  const preview = previewPeopleSheet(csv);
  if (!preview.ok) return renderPage(c, { refused: `${preview.message} Choose the file again.`, status: 422 });
  const mapping: PeopleMapping = {
    columns: chosenColumns(form, peopleFields, preview.headers.length),
    defaultRole: roleSchema.parse(form.defaultRole || null),
  };
  const planned = planPreregistration(c.var.db, event, csv, mapping);
  if (!planned.ok) return renderMapping(c, { source, csv, preview, mapping, problems: [planned.message], rowProblems: planned.problems }, 422);
  c.header('Cache-Control', 'no-store');
  return c.html(<PeoplePreviewPage organizer={c.var.organizer} event={event} source={source} plan={planned.plan} />);
});

const planFieldSchema = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});

const rowLines = (problems: RowProblem[]) =>
  problems
    .slice(0, 5)
    .map((p) => `Line ${p.line}, ${p.field}: ${p.message}.`)
    .join(' ');

preregistrationRoutes.post('/preregistration/import/apply', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const plan = planFieldSchema.safeParse(form.plan);
  const source = typedText(form.source, 300) || 'the sheet';
  const result = applyPreregistration(c.var.db, event, plan.success ? plan.data : undefined, { organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok) {
    return renderPage(c, { refused: `${result.message} ${rowLines(result.problems)}`.trim(), status: result.reason === 'stale' ? 409 : 422 });
  }
  flashNotice(c, {
    kind: 'ok',
    text: `Added ${plural(result.added, 'person', 'people')} from ${source}: ${plural(result.firstTimers, 'first-timer')} and ${plural(result.volunteers, 'volunteer')}.`,
  });
  return c.redirect(preregistrationPath(event.slug), 303);
});

preregistrationRoutes.get('/preregistration/links.csv', (c) => {
  const { event } = c.var;
  const rows = listPreregistered(c.var.db, event.id).map((p) => [
    p.name,
    p.email,
    p.role === 'volunteer' ? 'volunteer' : 'first-timer',
    personalLink(c.var.publicUrl, event, p.token),
    p.deskCode,
  ]);
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="personal-links-${event.slug}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(spreadsheetCsv(['name', 'email', 'role', 'personal_link', 'desk_code'], rows));
});

preregistrationRoutes.post('/preregistration/welcome', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  if (form.confirm !== 'yes') {
    return renderPage(c, { welcomeError: 'Tick the box to confirm: everyone imported gets an e-mail. Nothing was written.', status: 422 });
  }
  const { written, already } = queueWelcomeMail(c.var.db, event, c.var.publicUrl, { organizerId: c.var.organizer.id, now: c.var.now() });
  const tail = already > 0 ? ` ${already} already had one.` : '';
  flashNotice(c, { kind: 'ok', text: `${written} welcome ${written === 1 ? 'e-mail' : 'e-mails'} written to the outbox.${tail}` });
  return c.redirect(preregistrationPath(event.slug), 303);
});
