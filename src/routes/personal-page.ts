// The person behind a personal link (/e/:slug/me/:token/…), for every route under it.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Event } from '../domain/events.ts';
import { findParticipantByToken, type Participant } from '../domain/participants.ts';
import { eventFromSlug } from './event-context.ts';
import { personalTokenSchema } from './params.ts';

export const notYours = 'This personal link is not valid. Check that you copied all of it, or ask at the registration desk.';

export function findMe(c: Context<AppEnv>): { event: Event; me: Participant } | undefined {
  const event = eventFromSlug(c);
  const token = personalTokenSchema.safeParse(c.req.param('token'));
  if (!event || !token.success) return undefined;
  const me = findParticipantByToken(c.var.db, event.id, token.data);
  return me ? { event, me } : undefined;
}
