import type { FastifyInstance } from 'fastify';
import type { Deps } from '../http/types.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { berekeningenRoutes } from './berekeningen/routes.ts';
import { budgetRoutes } from './budget/routes.ts';
import { businessCaseRoutes } from './businesscase/routes.ts';
import { ddasRoutes } from './ddas/routes.ts';
import { householdAppointmentRoutes } from './households/appointments/routes.ts';
import { householdRoutes } from './households/routes.ts';
import { monitorRoutes } from './monitor/routes.ts';
import { organisationRoutes } from './organisation/routes.ts';
import { partnerRoutes } from './partners/routes.ts';
import { personRoutes } from './persons/routes.ts';
import { queueRoutes } from './queues/routes.ts';
import { retentionRoutes } from './retention/routes.ts';
import { schuldhulpRoutes } from './schuldhulp/routes.ts';
import { usersRoutes } from './users/routes.ts';
import { volunteerRoutes } from './volunteers/routes.ts';
import { followupRoutes } from './vroegsignalering/followup/routes.ts';
import { importRoutes } from './vroegsignalering/imports/routes.ts';
import { outreachRoutes } from './vroegsignalering/outreach/routes.ts';
import { vroegsignaleringRoutes } from './vroegsignalering/routes.ts';
import { terugmeldingenRoutes } from './vroegsignalering/terugmeldingen/routes.ts';

/** Every domain module's routes, mounted under /api/v1. Add a module here to give it a door. */
export const API_MODULES: ReadonlyArray<(app: FastifyInstance, deps: Deps) => Promise<void>> = [
  authRoutes,
  auditRoutes,
  organisationRoutes,
  usersRoutes,
  personRoutes,
  partnerRoutes,
  queueRoutes,
  vroegsignaleringRoutes,
  importRoutes,
  followupRoutes,
  berekeningenRoutes,
  ddasRoutes,
  outreachRoutes,
  terugmeldingenRoutes,
  retentionRoutes,
  monitorRoutes,
  householdRoutes,
  householdAppointmentRoutes,
  volunteerRoutes,
  businessCaseRoutes,
  budgetRoutes,
  schuldhulpRoutes,
];
