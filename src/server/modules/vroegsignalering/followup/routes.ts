import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../../shared/problem.ts';
import { IdParams, page } from '../../../../shared/schemas/common.ts';
import {
  AgendaItemSchema,
  AgendaQuery,
  AssignBody,
  BulkAssignBody,
  BulkAssignResultSchema,
  CloseBody,
  ColleagueSchema,
  ContactAttemptBody,
  DebtHelpRequestSchema,
  FollowupSettingsBody,
  FollowupSettingsSchema,
  HandoverBody,
  HandoverResultSchema,
  MeldingViewSchema,
  MoveCheckResultSchema,
  MyWorkSchema,
  PlannedActionBody,
  PlannedActionPatchBody,
  PlannedActionSchema,
  QueueOverviewSchema,
  QuickFixCheckSchema,
  QuickFixConfirmBody,
  RouteListSchema,
  RouteQuery,
  WorkCalendarSchema,
  WorkItemSchema,
  WorkListQuery,
} from '../../../../shared/schemas/followup.ts';
import { requireUser } from '../../../http/guard.ts';
import { problems } from '../../../http/problem.ts';
import type { Deps } from '../../../http/types.ts';
import { pipelineDeps } from '../pipeline-deps.ts';
import * as followup from './service.ts';

const tags = ['Opvolging'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };
const writeErrors = { ...itemErrors, 409: ProblemSchema };

/** The follow-up of meldingen: work lists, the melding view, contact, planning, closing and handovers. */
export async function followupRoutes(base: FastifyInstance, { config, database, jobs }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  const pipeline = pipelineDeps(config);
  const deps: followup.FollowupDeps = { today: pipeline.today, brp: pipeline.brp, jobs };

  // --- Work lists ----------------------------------------------------------------------------------------

  app.get(
    '/opvolging/werkbakjes',
    {
      schema: {
        tags,
        summary: 'Werkbakjes with counts: open, in behandeling, unassigned, mine, overdue, due soon',
        response: { 200: QueueOverviewSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return followup.queueOverview(db, ctx, deps);
    },
  );

  app.get(
    '/opvolging/meldingen',
    {
      schema: {
        tags,
        summary: 'The work list: meldingen filtered by werkbakje, team, wijk, assignee and deadline, sorted',
        querystring: WorkListQuery,
        response: { 200: page(WorkItemSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return followup.listWork(db, ctx, deps, req.query);
    },
  );

  app.get(
    '/opvolging/mijn-werk',
    {
      schema: {
        tags,
        summary: 'My work: counts and the most urgent meldingen assigned to the caller',
        response: { 200: MyWorkSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return followup.myWork(db, ctx, deps);
    },
  );

  app.get(
    '/opvolging/medewerkers',
    {
      schema: {
        tags,
        summary: 'Colleagues a melding can be assigned or handed over to (and regisseurs)',
        response: { 200: z.object({ items: z.array(ColleagueSchema) }), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return { items: await followup.listColleagues(db, ctx) };
    },
  );

  // --- The melding ---------------------------------------------------------------------------------------

  app.get(
    '/opvolging/meldingen/:id',
    {
      schema: {
        tags,
        summary: 'Everything about one melding at a glance (the read is logged)',
        description:
          'Signals, the household from the BRP, earlier meldingen and contact at the address, the rule that placed ' +
          'it and why, deadlines and the next suggested step.',
        params: IdParams,
        response: { 200: MeldingViewSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return followup.getMeldingView(db, ctx, deps, req.params.id);
    },
  );

  app.put(
    '/opvolging/meldingen/:id/toewijzing',
    {
      schema: {
        tags,
        summary: 'Claim, assign, hand over to a colleague, or put back in the werkbakje',
        description:
          'Optimistic locking: send the version you read; a stale version answers 409 melding-gewijzigd.',
        params: IdParams,
        body: AssignBody,
        response: { 200: WorkItemSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return followup.assignMelding(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/opvolging/toewijzingen',
    {
      schema: {
        tags,
        summary: 'Assign many meldingen at once (all or nothing)',
        body: BulkAssignBody,
        response: { 200: BulkAssignResultSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return followup.bulkAssign(db, ctx, req.body);
    },
  );

  app.post(
    '/opvolging/meldingen/:id/contactpogingen',
    {
      schema: {
        tags,
        summary: 'Register a contact attempt (DDAS contactsoort, dagdeel, bereikt)',
        description:
          'Not in the future and not before the first signal. The first attempt takes the melding up ' +
          '(in behandeling, DDAS Opgepakt).',
        params: IdParams,
        body: ContactAttemptBody,
        response: { 201: WorkItemSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return reply
        .code(201)
        .send(await followup.registerContactAttempt(db, ctx, deps, req.params.id, req.body));
    },
  );

  app.post(
    '/opvolging/meldingen/:id/acties',
    {
      schema: {
        tags,
        summary: 'Plan an action: call back, home visit, appointment',
        params: IdParams,
        body: PlannedActionBody,
        response: { 201: PlannedActionSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return reply.code(201).send(await followup.planAction(db, ctx, deps, req.params.id, req.body));
    },
  );

  app.patch(
    '/opvolging/acties/:id',
    {
      schema: {
        tags,
        summary: 'Mark a planned action done or cancelled, or move it',
        params: IdParams,
        body: PlannedActionPatchBody,
        response: { 200: PlannedActionSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return followup.updateAction(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/opvolging/meldingen/:id/afsluiting',
    {
      schema: {
        tags,
        summary: 'Close a melding with a DDAS end result (a quick fix schedules the 30-day check)',
        params: IdParams,
        body: CloseBody,
        response: { 200: WorkItemSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return followup.closeMelding(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/opvolging/meldingen/:id/overdracht',
    {
      schema: {
        tags,
        summary:
          'Warm handover: internal debt help (Wgs request), the regisseur, or an external organisation',
        description:
          'Links the open household case of the household, or opens one. External referral needs the consent date.',
        params: IdParams,
        body: HandoverBody,
        response: { 201: HandoverResultSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return reply.code(201).send(await followup.handOver(db, ctx, deps, req.params.id, req.body));
    },
  );

  app.post(
    '/opvolging/meldingen/:id/verhuizing',
    {
      schema: {
        tags,
        summary: 'Check the BRP for a move out of the municipality; closes the melding if so',
        params: IdParams,
        response: { 200: MoveCheckResultSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return followup.checkMove(db, ctx, deps, req.params.id);
    },
  );

  // --- Agenda, route, quick fixes, debt help ---------------------------------------------------------------

  app.get(
    '/opvolging/agenda',
    {
      schema: {
        tags,
        summary: 'Personal agenda: planned actions up to a day (late ones included)',
        querystring: AgendaQuery,
        response: { 200: page(AgendaItemSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return followup.getAgenda(db, ctx, deps, req.query);
    },
  );

  app.get(
    '/opvolging/huisbezoekroute',
    {
      schema: {
        tags,
        summary: 'Home visits of one day in walking order, with names and addresses (the read is logged)',
        querystring: RouteQuery,
        response: { 200: RouteListSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return followup.getHomeVisitRoute(db, ctx, deps, req.query);
    },
  );

  app.get(
    '/opvolging/quick-fix-controles',
    {
      schema: {
        tags,
        summary: 'Quick fixes whose 30 days have passed, waiting for confirmation',
        response: { 200: page(QuickFixCheckSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return followup.listQuickFixChecks(db, ctx);
    },
  );

  app.post(
    '/opvolging/quick-fix-controles/:id/bevestiging',
    {
      schema: {
        tags,
        summary: 'Confirm whether the arrears of a quick fix are solved',
        description:
          'Not solved reopens the melding: back to in behandeling without its end result, with a call-back on the ' +
          "worker's agenda by the first-contact deadline of the municipality.",
        params: IdParams,
        body: QuickFixConfirmBody,
        response: { 200: QuickFixCheckSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'meldingen:manage');
      return followup.confirmQuickFix(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.get(
    '/opvolging/schuldhulpaanvragen',
    {
      schema: {
        tags,
        summary: 'Open Wgs help requests with the clock of the first conversation',
        response: { 200: page(DebtHelpRequestSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:read');
      return followup.listDebtHelpRequests(db, ctx, deps);
    },
  );

  // --- Settings --------------------------------------------------------------------------------------------

  const SettingsView = z.object({ settings: FollowupSettingsSchema, calendar: z.array(WorkCalendarSchema) });

  app.get(
    '/opvolging/instellingen',
    {
      schema: {
        tags,
        summary: 'Deadlines and the working-day calendar of the municipality',
        response: { 200: SettingsView, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req);
      if (
        !ctx.actor.permissions.has('vroegsignalering:read') &&
        !ctx.actor.permissions.has('vroegsignalering:manage')
      ) {
        throw problems.forbidden();
      }
      return followup.getSettings(db, ctx, deps);
    },
  );

  app.patch(
    '/opvolging/instellingen',
    {
      schema: {
        tags,
        summary: 'Change the deadlines or the closing days of the municipality',
        body: FollowupSettingsBody,
        response: { 200: SettingsView, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return followup.updateSettings(db, ctx, deps, req.body);
    },
  );
}
