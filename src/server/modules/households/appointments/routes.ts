import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayInNetherlands } from '../../../../shared/calendar.ts';
import { ProblemSchema } from '../../../../shared/problem.ts';
import { IdParams } from '../../../../shared/schemas/common.ts';
import {
  AppointmentBody,
  AppointmentPatchBody,
  AppointmentsViewSchema,
  ChecklistSettingsBody,
  ChecklistSettingsSchema,
  PreparationBody,
  ReminderListQuery,
  ReminderListSchema,
} from '../../../../shared/schemas/household-appointments.ts';
import { requireUser } from '../../../http/guard.ts';
import { problems } from '../../../http/problem.ts';
import type { Deps } from '../../../http/types.ts';
import * as appointments from './service.ts';

const tags = ['Huishoudplan: afspraken en voorbereiding'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };
const writeErrors = { ...itemErrors, 409: ProblemSchema };
const view = { 200: AppointmentsViewSchema, ...writeErrors };

const regisseurOnly =
  'Requires households:manage, and the caller must be the regisseur of the open household (403 ' +
  'niet-de-regisseur). Answers the appointments view as the regisseur sees it.';

/** A reader of household plans: a professional, or a network member (whose consent the service checks). */
function requireReader(req: FastifyRequest) {
  const guard = requireUser(req);
  const p = guard.actor.permissions;
  if (!p.has('households:read') && !p.has('household_network:read')) throw problems.forbidden();
  return guard;
}

/** Appointments, the preparation call with its letter or e-mail, the list of documents, referral reminders. */
export async function householdAppointmentRoutes(
  base: FastifyInstance,
  { config, database, jobs }: Deps,
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  const delivery: appointments.Delivery = { database, config, jobs };
  const deps: appointments.AppointmentDeps = {
    today: () => todayInNetherlands(),
    now: () => new Date(),
  };

  app.get(
    '/huishoudplannen/:id/afspraken',
    {
      schema: {
        tags,
        summary: 'The appointments of a household, its preparation calls and open referral reminders',
        description:
          'Professionals with households:read see everything; a network member needs consent for the plan and ' +
          'sees the appointments only (403 geen-toestemming without it). The read is logged.',
        params: IdParams,
        response: { 200: AppointmentsViewSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireReader(req);
      return appointments.getAppointments(db, ctx, deps, req.params.id);
    },
  );

  app.post(
    '/huishoudplannen/:id/afspraken',
    {
      schema: {
        tags,
        summary: 'Plan an appointment (or record one that took place): when, where or how, with whom, why',
        description:
          `${regisseurOnly} A planned appointment in the past (in_past), an end before the start ` +
          '(end_before_start) or someone outside the network (not_in_network) answers 400; nothing is saved.',
        params: IdParams,
        body: AppointmentBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return appointments.addAppointment(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.patch(
    '/huishoudplan-afspraken/:id',
    {
      schema: {
        tags,
        summary: 'Record that an appointment was held, cancelled (with a reason) or missed, or move it',
        description:
          `${regisseurOnly} Only a planned appointment changes (409 afspraak-afgerond); a stale version ` +
          'answers 409 afspraak-gewijzigd.',
        params: IdParams,
        body: AppointmentPatchBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return appointments.updateAppointment(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/huishoudplannen/:id/voorbereidingen',
    {
      schema: {
        tags,
        summary:
          'Record the preparation call and send the list of documents to bring, by letter or e-mail, in the ' +
          'resident’s language',
        description:
          `${regisseurOnly} A letter is made as tagged PDF at once; an e-mail goes out through the job queue. ` +
          'A language without a letter answers 400 unsupported_language; nothing is saved or sent.',
        params: IdParams,
        body: PreparationBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return appointments.recordPreparation(db, delivery, ctx, deps, req.params.id, req.body);
    },
  );

  app.get(
    '/huishoudplan-voorbereidingen/:id/brief.pdf',
    {
      schema: {
        tags,
        summary: 'The preparation letter as printed (accessible tagged PDF)',
        description: 'Requires households:read. The read is logged.',
        params: IdParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'households:read');
      const { pdf, language } = await appointments.preparationPdf(db, ctx, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="voorbereiding-${language}.pdf"`)
        .send(pdf);
    },
  );

  app.post(
    '/huishoudplan-voorbereidingen/:id/opnieuw',
    {
      schema: {
        tags,
        summary: 'Send a preparation e-mail that failed once more',
        description: `${regisseurOnly} Only a failed e-mail (409 voorbereiding-niet-mislukt otherwise).`,
        params: IdParams,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return appointments.retryPreparation(delivery, ctx, deps, req.params.id);
    },
  );

  app.get(
    '/huishoudplan-voorbereiding/meeneemlijst',
    {
      schema: {
        tags,
        summary:
          'The municipality’s default list of documents to bring, with its texts in every letter language',
        description: 'Requires households:read or organisation:manage.',
        response: { 200: ChecklistSettingsSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req);
      const p = ctx.actor.permissions;
      if (!p.has('households:read') && !p.has('organisation:manage')) throw problems.forbidden();
      return appointments.getChecklist(db, ctx);
    },
  );

  app.put(
    '/huishoudplan-voorbereiding/meeneemlijst',
    {
      schema: {
        tags,
        summary: 'Set the municipality’s default list of documents to bring (built-in and own documents)',
        description:
          'Requires organisation:manage. Own documents need Dutch and English; other letter languages fall back ' +
          'to English. A stale version answers 409 meeneemlijst-gewijzigd.',
        body: ChecklistSettingsBody,
        response: { 200: ChecklistSettingsSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      return appointments.saveChecklist(db, ctx, req.body);
    },
  );

  app.get(
    '/huishoudplan-herinneringen',
    {
      schema: {
        tags,
        summary:
          'Referrals past their reminder date without an answer, of my caseload or every open household',
        description: 'Requires households:read. Made by the daily reminder job; the read is logged.',
        querystring: ReminderListQuery,
        response: { 200: ReminderListSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:read');
      return appointments.listReminders(db, ctx, req.query);
    },
  );
}
