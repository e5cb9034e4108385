// The event's program: the page, and the import from a file or a web address — read the file,
// map a CSV's columns, preview the changes, apply them. Every step after the upload carries its
// state in the form (the CSV text, then the plan), so nothing half-done is kept on the server.
// Mounted by index.tsx under /admin/e/:slug; its posts are under /program/import, where uploads
// may be large (body-limits.ts).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { listProgram } from '../../domain/program.ts';
import {
  applyProgramImport,
  csvFieldLabels,
  csvFields,
  decodeInput,
  detectProgramFormat,
  parseProgram,
  planProgramImport,
  previewCsvProgram,
  programFormats,
  type CsvMapping,
  type CsvPreview,
  type ImportedSession,
  type ProgramFormat,
  type ProgramImportPlan,
} from '../../domain/program-import/index.ts';
import { chosenColumns, typedText } from '../../form-input.ts';
import { fetchRemoteFile } from '../../remote-file.ts';
import { plural } from '../../../views/format.ts';
import { CsvMappingPage, ProgramPreviewPage } from '../../../views/admin/program-import.tsx';
import { programPath, ProgramPage, type ImportRefused } from '../../../views/admin/program.tsx';
import { readForm, readUploadForm, type UploadedFile } from '../request.ts';
import { flashNotice, takeNotice } from './notice.ts';

export const programRoutes = new Hono<AppEnv>();

type Ctx = Context<AppEnv>;

function renderProgram(c: Ctx, refused?: ImportRefused) {
  const { event } = c.var;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <ProgramPage
      organizer={c.var.organizer}
      event={event}
      sessions={listProgram(c.var.db, event.id)}
      notice={refused ? undefined : takeNotice(c)}
      refused={refused}
    />,
    refused ? 422 : 200,
  );
}

programRoutes.get('/program', (c) => renderProgram(c));

const urlFormSchema = z.object({
  url: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Give the web address of the schedule.').max(2000, 'That address is too long.')),
  allowFetch: z.literal('yes', { error: 'Tick “Let Buddydesk fetch this address from the server” to have it fetched. Nothing was fetched.' }),
});

type Got = { file: UploadedFile; label: string } | { refused: ImportRefused };

async function fileFromUrl(c: Ctx, fields: Record<string, string | string[]>): Promise<Got> {
  const url = typedText(fields.url, 2000);
  const allowFetch = fields.allowFetch === 'yes';
  const parsed = urlFormSchema.safeParse(fields);
  if (!parsed.success) return { refused: { source: 'url', url, allowFetch, message: parsed.error.issues[0]!.message } };
  const fetched = await fetchRemoteFile(parsed.data.url, c.var.fetchPolicy);
  if (!fetched.ok) return { refused: { source: 'url', url, allowFetch, message: fetched.message } };
  return { file: { name: fetched.filename, bytes: fetched.bytes }, label: fetched.url };
}

/** The preview of what importing these sessions would change, or the program page saying why not. */
function renderPlan(c: Ctx, source: string, format: ProgramFormat, sessions: ImportedSession[], refusedAs: ImportRefused['source']) {
  const { event } = c.var;
  const planned = planProgramImport(c.var.db, event.id, sessions);
  if (!planned.ok) return renderProgram(c, { source: refusedAs, message: planned.message });
  c.header('Cache-Control', 'no-store');
  return c.html(<ProgramPreviewPage organizer={c.var.organizer} event={event} source={source} format={format} plan={planned.plan} />);
}

programRoutes.post('/program/import', async (c) => {
  const { event } = c.var;
  const upload = await readUploadForm(c);
  if (!upload) return renderProgram(c, { source: 'file', message: 'The upload could not be read. Choose the file again.' });
  const from = upload.fields.source === 'url' ? 'url' : 'file';
  const got: Got | undefined =
    from === 'url' ? await fileFromUrl(c, upload.fields) : upload.file ? { file: upload.file, label: upload.file.name } : undefined;
  if (!got) return renderProgram(c, { source: 'file', message: 'Choose a file to import.' });
  if ('refused' in got) return renderProgram(c, got.refused);
  const { file, label } = got;
  const refuse = (message: string) => renderProgram(c, { source: from, message, ...(from === 'url' ? { url: label, allowFetch: true } : {}) });
  const detected = detectProgramFormat(file.bytes, file.name);
  if (!detected.ok) return refuse(detected.message);
  if (detected.format === 'csv') {
    const preview = previewCsvProgram(file.bytes);
    if (!preview.ok) return refuse(preview.message);
    return renderMapping(c, { source: label, csv: decodeInput(file.bytes), preview, mapping: preview.mapping, problems: preview.problems }, 200);
  }
  const parsed = parseProgram(file.bytes, { timeZone: event.timezone, format: detected.format });
  if (!parsed.ok) return refuse(parsed.message);
  return renderPlan(c, label, parsed.format, parsed.sessions, from);
});

type MappingStep = { source: string; csv: string; preview: CsvPreview; mapping: CsvMapping; problems: string[] };

function renderMapping(c: Ctx, step: MappingStep, status: 200 | 422) {
  const { preview } = step;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <CsvMappingPage
      organizer={c.var.organizer}
      event={c.var.event}
      source={step.source}
      csv={step.csv}
      sheet={preview}
      fields={csvFields}
      labels={csvFieldLabels}
      mapping={step.mapping}
      problems={step.problems}
    />,
    status,
  );
}

programRoutes.post('/program/import/mapping', async (c) => {
  const { event } = c.var;
  const form = (await readForm(c)) ?? {};
  const csv = typeof form.csv === 'string' ? form.csv : '';
  const source = typedText(form.source, 2000) || 'The sheet';
  const preview = previewCsvProgram(csv);
  if (!preview.ok) return renderProgram(c, { source: 'file', message: `${preview.message} Choose the file again.` });
  const mapping: CsvMapping = {
    columns: chosenColumns(form, csvFields, preview.headers.length),
    dateOrder: form.dateOrder === 'dmy' ? 'dmy' : 'mdy',
  };
  const parsed = parseProgram(csv, { timeZone: event.timezone, format: 'csv', csvMapping: mapping });
  if (!parsed.ok) return renderMapping(c, { source, csv, preview, mapping, problems: [parsed.message] }, 422);
  return renderPlan(c, source, 'csv', parsed.sessions, 'file');
});

// The plan comes back as the preview wrote it; apply plans again and refuses one that differs, so
// only its shape is checked here.
const planSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.object({
      eventId: z.number(),
      sessions: z.array(z.unknown()),
      added: z.array(z.unknown()),
      changed: z.array(z.unknown()),
      removed: z.array(z.unknown()),
      unchanged: z.number(),
      warnings: z.array(z.string()),
    }),
  );
const applyFormSchema = z.object({
  plan: planSchema,
  source: z.preprocess((v) => (typeof v === 'string' ? v.slice(0, 2000) : 'the file'), z.string()),
  format: z.enum(programFormats).catch('csv'),
});


programRoutes.post('/program/import/apply', async (c) => {
  const { event } = c.var;
  const parsed = applyFormSchema.safeParse((await readForm(c)) ?? {});
  if (!parsed.success) return renderProgram(c, { source: 'file', message: 'The preview could not be read. Import the file again.' });
  const { source, format } = parsed.data;
  const plan = parsed.data.plan as ProgramImportPlan;
  const result = applyProgramImport(c.var.db, event.id, plan, { organizerId: c.var.organizer.id, now: c.var.now() });
  if (!result.ok && result.reason === 'stale' && result.plan) {
    c.header('Cache-Control', 'no-store');
    return c.html(
      <ProgramPreviewPage organizer={c.var.organizer} event={event} source={source} format={format} plan={result.plan} stale={result.message} />,
      409,
    );
  }
  if (!result.ok) return renderProgram(c, { source: 'file', message: result.message });
  const kept = result.retired > 0 ? `, ${plural(result.retired, 'session')} kept for the people who planned them` : '';
  flashNotice(c, {
    kind: 'ok',
    text: `Imported ${source}: ${result.added} added, ${result.changed} changed, ${result.deleted} deleted${kept}.`,
  });
  return c.redirect(programPath(event.slug), 303);
});
