// What people choose from: the four lists of an event, added to, renamed, reordered, retired and
// offered again by organizers. Every change is audited by the domain.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import {
  addChoice,
  choiceKinds,
  choiceLabelSchema,
  choiceWords,
  listChoices,
  moveChoice,
  renameChoice,
  restoreChoice,
  retireChoice,
  type ChoiceKind,
  type ChoiceRefusal as DomainRefusal,
} from '../../domain/choices.ts';
import { fieldErrors, idSchema, typedText } from '../../form-input.ts';
import { eventPath } from '../../../views/admin/chrome.tsx';
import { ChoicesPage, type ChoiceRefusal } from '../../../views/admin/choices.tsx';
import { NotFoundPage } from '../../../views/errors.tsx';
import { plural } from '../../../views/format.ts';
import { readForm } from '../request.ts';
import { flashNotice, takeNotice } from './notice.ts';

export const choicesRoutes = new Hono<AppEnv>();

const kindSchema = z.enum(choiceKinds);
const actionSchema = z.enum(['rename', 'up', 'down', 'retire', 'restore']);
const noSuchChoice = 'There is no such choice in this event. Nothing was changed.';

function renderChoices(c: Context<AppEnv>, refused?: ChoiceRefusal) {
  c.header('Cache-Control', 'no-store');
  return c.html(
    <ChoicesPage
      organizer={c.var.organizer}
      event={c.var.event}
      lists={listChoices(c.var.db, c.var.event.id)}
      notice={refused ? undefined : takeNotice(c)}
      refused={refused}
    />,
    refused ? 422 : 200,
  );
}

const backTo = (c: Context<AppEnv>, kind: ChoiceKind) => c.redirect(`${eventPath(c.var.event.slug)}/choices#${kind}`, 303);

function refusalText(kind: ChoiceKind, reason: DomainRefusal, label = ''): string {
  const one = choiceWords[kind].one;
  if (reason === 'duplicate') return `There already is a ${one} “${label}”.`;
  if (reason === 'retired') return `“${label}” is a retired ${one}: offer it again from the list instead.`;
  return noSuchChoice;
}

/** The label typed into an add or rename form, checked; a refusal re-renders that form. */
async function readLabel(c: Context<AppEnv>, kind: ChoiceKind, id: number | 'new') {
  const form = (await readForm(c)) ?? {};
  const parsed = choiceLabelSchema(kind).safeParse(form);
  const typed = typedText(form.label, choiceWords[kind].maxLength);
  if (parsed.success) return { label: parsed.data.label, refuse: undefined };
  const error = fieldErrors<'label'>(parsed.error).label ?? 'Check what you typed.';
  return { label: undefined, refuse: () => renderChoices(c, { kind, id, label: typed, error }) };
}

choicesRoutes.get('/choices', (c) => renderChoices(c));

choicesRoutes.post('/choices/:kind', async (c) => {
  const kind = kindSchema.safeParse(c.req.param('kind'));
  if (!kind.success) return c.html(<NotFoundPage message={noSuchChoice} />, 404);
  const { label, refuse } = await readLabel(c, kind.data, 'new');
  if (label === undefined) return refuse();
  const acting = { eventId: c.var.event.id, organizerId: c.var.organizer.id, now: c.var.now() };
  const result = addChoice(c.var.db, { ...acting, kind: kind.data, label });
  if (!result.ok) return renderChoices(c, { kind: kind.data, id: 'new', label, error: refusalText(kind.data, result.reason, result.label) });
  flashNotice(c, { kind: 'ok', text: `Added “${label}”. The registration form offers it now.` });
  return backTo(c, kind.data);
});

choicesRoutes.post('/choices/:kind/:id/:action', async (c) => {
  const kind = kindSchema.safeParse(c.req.param('kind'));
  const id = idSchema.safeParse(c.req.param('id'));
  const action = actionSchema.safeParse(c.req.param('action'));
  if (!kind.success || !id.success || !action.success) return c.html(<NotFoundPage message={noSuchChoice} />, 404);
  const acting = { eventId: c.var.event.id, organizerId: c.var.organizer.id, now: c.var.now(), kind: kind.data, id: id.data };
  const people = (n: number) => plural(n, 'person', 'people');
  let text: string;
  if (action.data === 'rename') {
    const { label, refuse } = await readLabel(c, kind.data, id.data);
    if (label === undefined) return refuse();
    const result = renameChoice(c.var.db, { ...acting, label });
    if (!result.ok) {
      if (result.reason === 'not-found') return c.html(<NotFoundPage message={noSuchChoice} />, 404);
      return renderChoices(c, { kind: kind.data, id: id.data, label, error: refusalText(kind.data, result.reason, result.label) });
    }
    text = `Renamed to “${result.label}”${result.people > 0 ? `, also for the ${people(result.people)} who chose it` : ''}.`;
  } else if (action.data === 'retire') {
    const result = retireChoice(c.var.db, acting);
    if (!result.ok) return c.html(<NotFoundPage message={noSuchChoice} />, 404);
    text = result.removed
      ? `Removed “${result.label}”; nobody had chosen it.`
      : `Retired “${result.label}”: no longer offered, kept for the ${people(result.people)} who chose it.`;
  } else {
    const result = action.data === 'restore' ? restoreChoice(c.var.db, acting) : moveChoice(c.var.db, { ...acting, direction: action.data });
    if (!result.ok) return c.html(<NotFoundPage message={noSuchChoice} />, 404);
    text = action.data === 'restore' ? `“${result.label}” is offered again, at the end of the list.` : `Moved “${result.label}” ${action.data}.`;
  }
  flashNotice(c, { kind: 'ok', text });
  return backTo(c, kind.data);
});
