// The organizer's start page: the list of events.
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { listEvents } from '../../domain/events.ts';
import { EventListPage } from '../../../views/admin/events.tsx';

export const eventsRoutes = new Hono<AppEnv>();

eventsRoutes.get('/', (c) => c.html(<EventListPage organizer={c.var.organizer} events={listEvents(c.var.db)} />));
