// The organizer console under /admin. Signing in is open to all; the guard then puts the signed-in
// organizer in `c.var.organizer`, and under /admin/e/:slug the event in `c.var.event`, once for
// every area below: one file per area, the same name as its view and its test.
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { noEventForOrganizers, requireEvent } from '../event-guard.tsx';
import { accountRoutes } from './account.tsx';
import { auditRoutes } from './audit.tsx';
import { choicesRoutes } from './choices.tsx';
import { dashboardRoutes } from './dashboard.tsx';
import { eventDetailsRoutes, eventsRoutes, readOnlyWhenArchived } from './events.tsx';
import { exportsRoutes } from './exports.tsx';
import { feedbackRoutes } from './feedback.tsx';
import { lettersRoutes } from './letters.tsx';
import { loginRoutes, requireOrganizer } from './login.tsx';
import { inviteRoutes, organizersRoutes } from './organizers.tsx';
import { outboxRoutes } from './outbox.tsx';
import { pairsRoutes } from './pairs.tsx';
import { participantsRoutes } from './participants.tsx';
import { preregistrationRoutes } from './preregistration.tsx';
import { printablesRoutes } from './printables.tsx';
import { programRoutes } from './program.tsx';
import { reportRoutes } from './report.tsx';
import { roundsRoutes } from './rounds.tsx';
import { safetyRoutes } from './safety.tsx';
import { spotsRoutes } from './spots.tsx';
import { weightsRoutes } from './weights.tsx';

const eventArea = new Hono<AppEnv>();
eventArea.use('*', requireEvent(noEventForOrganizers, { whenArchived: 'open' }));
eventArea.use('*', readOnlyWhenArchived);
eventArea.route('/', dashboardRoutes);
eventArea.route('/', eventDetailsRoutes);
eventArea.route('/', choicesRoutes);
eventArea.route('/', weightsRoutes);
eventArea.route('/', printablesRoutes);
eventArea.route('/', participantsRoutes);
eventArea.route('/', roundsRoutes);
eventArea.route('/', pairsRoutes);
eventArea.route('/', auditRoutes);
eventArea.route('/', spotsRoutes);
eventArea.route('/', outboxRoutes);
eventArea.route('/', feedbackRoutes);
eventArea.route('/', reportRoutes);
eventArea.route('/', lettersRoutes);
eventArea.route('/', programRoutes);
eventArea.route('/', preregistrationRoutes);
eventArea.route('/', exportsRoutes);
eventArea.route('/', safetyRoutes);

export const adminRoutes = new Hono<AppEnv>();
adminRoutes.route('/', loginRoutes);
adminRoutes.route('/', inviteRoutes);
adminRoutes.use('*', requireOrganizer);
adminRoutes.route('/', eventsRoutes);
adminRoutes.route('/', accountRoutes);
adminRoutes.route('/', organizersRoutes);
adminRoutes.route('/e/:slug', eventArea);
