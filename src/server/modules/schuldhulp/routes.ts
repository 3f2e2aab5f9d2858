import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { IdParams, page } from '../../../shared/schemas/common.ts';
import {
  AssignCounsellorBody,
  DebtBody,
  DebtHelpSettingsBody,
  DebtHelpSettingsSchema,
  DebtImportBody,
  DebtImportResultSchema,
  DebtPatchBody,
  DebtSchema,
  NewTrajectoryBody,
  PeriodBody,
  PeriodPatchBody,
  PhaseBody,
  ReminderSchema,
  TrajectoryListQuery,
  TrajectorySchema,
  TrajectorySummarySchema,
} from '../../../shared/schemas/schuldhulp.ts';
import { requireUser } from '../../http/guard.ts';
import type { Deps } from '../../http/types.ts';
import { pipelineDeps } from '../vroegsignalering/pipeline-deps.ts';
import * as schuldhulp from './service.ts';

const tags = ['Schuldhulpverlening'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };
const writeErrors = { ...itemErrors, 409: ProblemSchema };

/** The debt-help trajectory: aanmelding to uitstroom, clocks, periods, debts and the debt list import. */
export async function schuldhulpRoutes(base: FastifyInstance, { config, database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  const deps: schuldhulp.SchuldhulpDeps = { today: pipelineDeps(config).today };

  app.get(
    '/schuldhulp/trajecten',
    {
      schema: {
        tags,
        summary: 'The caseload: trajectories filtered by phase, clock state and counsellor',
        querystring: TrajectoryListQuery,
        response: { 200: page(TrajectorySummarySchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:read');
      return schuldhulp.listTrajectories(db, ctx, deps, req.query);
    },
  );

  app.post(
    '/schuldhulp/trajecten',
    {
      schema: {
        tags,
        summary: 'Register a help request (aanmelding) for a household; starts the Wgs clock',
        body: NewTrajectoryBody,
        response: { 201: TrajectorySchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'schuldhulp:manage');
      return reply.code(201).send(await schuldhulp.startTrajectory(db, ctx, deps, req.body));
    },
  );

  app.get(
    '/schuldhulp/trajecten/:id',
    {
      schema: {
        tags,
        summary: 'One trajectory: phases, clocks, periods and debts with totals (the read is logged)',
        params: IdParams,
        response: { 200: TrajectorySchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:read');
      return schuldhulp.getTrajectory(db, ctx, deps, req.params.id);
    },
  );

  app.put(
    '/schuldhulp/trajecten/:id/fasen',
    {
      schema: {
        tags,
        summary: 'Record or correct one phase (DDAS SHV names); an uitstroom needs its reason',
        params: IdParams,
        body: PhaseBody,
        response: { 200: TrajectorySchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:manage');
      return schuldhulp.recordPhase(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.put(
    '/schuldhulp/trajecten/:id/schuldhulpverlener',
    {
      schema: {
        tags,
        summary: 'Assign the trajectory to a schuldhulpverlener',
        params: IdParams,
        body: AssignCounsellorBody,
        response: { 200: TrajectorySchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:manage');
      return schuldhulp.assignCounsellor(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/schuldhulp/trajecten/:id/perioden',
    {
      schema: {
        tags,
        summary: 'Add a crisis intervention, moratorium, voorlopige voorziening or begeleiding',
        params: IdParams,
        body: PeriodBody,
        response: { 200: TrajectorySchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:manage');
      return schuldhulp.addPeriod(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.patch(
    '/schuldhulp/perioden/:id',
    {
      schema: {
        tags,
        summary: 'End (or reopen) a period; a moratorium ends within 6 months',
        params: IdParams,
        body: PeriodPatchBody,
        response: { 200: TrajectorySchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:manage');
      return schuldhulp.changePeriod(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/schuldhulp/trajecten/:id/schulden',
    {
      schema: {
        tags,
        summary: 'Add a debt (creditor, schuldsoort, amounts in cents, status)',
        params: IdParams,
        body: DebtBody,
        response: { 201: DebtSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'schuldhulp:manage');
      return reply.code(201).send(await schuldhulp.addDebt(db, ctx, deps, req.params.id, req.body));
    },
  );

  app.post(
    '/schuldhulp/trajecten/:id/schulden/import',
    {
      schema: {
        tags,
        summary: 'Import a debt list (CSV): good lines are stored, every bad line is reported',
        params: IdParams,
        body: DebtImportBody,
        response: { 200: DebtImportResultSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:manage');
      return schuldhulp.importDebts(db, ctx, deps, req.params.id, req.body.csv);
    },
  );

  app.patch(
    '/schuldhulp/schulden/:id',
    {
      schema: {
        tags,
        summary: 'Change a debt: current amount, status, creditor, soort',
        params: IdParams,
        body: DebtPatchBody,
        response: { 200: DebtSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:manage');
      return schuldhulp.changeDebt(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.get(
    '/schuldhulp/herinneringen',
    {
      schema: {
        tags,
        summary: 'Open reminders of the statutory clocks: mine, or the whole municipality',
        querystring: z.strictObject({ alle: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(ReminderSchema) }), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:read');
      return schuldhulp.listReminders(db, ctx, { all: req.query.alle === 'true' });
    },
  );

  app.get(
    '/schuldhulp/instellingen',
    {
      schema: {
        tags,
        summary: 'The municipality’s decision term and reminder lead time',
        response: { 200: DebtHelpSettingsSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'schuldhulp:read');
      return schuldhulp.getSettings(db, ctx);
    },
  );

  app.put(
    '/schuldhulp/instellingen',
    {
      schema: {
        tags,
        summary: 'Set the decision term (weeks after the first conversation) and the reminder lead time',
        body: DebtHelpSettingsBody,
        response: { 200: DebtHelpSettingsSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      return schuldhulp.updateSettings(db, ctx, req.body);
    },
  );
}
