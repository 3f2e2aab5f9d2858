import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import { ProblemSchema } from '../../../shared/problem.ts';
import type { Permission } from '../../../shared/roles.ts';
import {
  BudgetBody,
  BudgetPatchBody,
  BudgetRequestBody,
  BudgetRequestListQuery,
  BudgetRequestPageSchema,
  BudgetRequestSchema,
  BudgetSchema,
  DecisionBody,
  FollowupBody,
  FollowupListQuery,
  FollowupSchema,
  GateBody,
  PaymentBody,
  PaymentExportQuery,
  WithdrawBody,
} from '../../../shared/schemas/budget.ts';
import { IdParams } from '../../../shared/schemas/common.ts';
import { requireUser } from '../../http/guard.ts';
import { problems } from '../../http/problem.ts';
import type { Deps } from '../../http/types.ts';
import { registerWorker } from '../../jobs/queue.ts';
import { rulesEngineScanner } from './scan.ts';
import * as budget from './service.ts';

const tags = ['Maatwerkbudget'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };
const writeErrors = { ...itemErrors, 409: ProblemSchema };

export const BUDGET_FOLLOWUP_JOB = 'budget.followups';

function requireAny(req: FastifyRequest, ...permissions: Permission[]) {
  const guard = requireUser(req);
  if (!permissions.some((p) => guard.actor.permissions.has(p))) throw problems.forbidden();
  return guard;
}
const OVERVIEW: Permission[] = ['budgets:manage', 'budget_requests:manage', 'aggregates:read'];

/** The maatwerkbudget: budgets, requests with the gate, decisions, payments, follow-up. */
export async function budgetRoutes(base: FastifyInstance, { database, jobs }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  const today = () => todayInNetherlands();
  const deps: budget.BudgetDeps = { today, scanner: rulesEngineScanner };

  // The 30- and 90-day follow-up: a daily sweep marks the checks that are due (idempotent, so retries are safe).
  if (jobs) {
    await registerWorker(jobs, BUDGET_FOLLOWUP_JOB, async () => {
      await budget.markDueFollowups(db, today());
    });
    await jobs.schedule(BUDGET_FOLLOWUP_JOB, '30 5 * * *', {}, { tz: 'Europe/Amsterdam' });
  }

  // --- Budgets ---------------------------------------------------------------------------------------------

  app.get(
    '/maatwerkbudgetten',
    {
      schema: {
        tags,
        summary: 'The budgets with spent, committed, pending and remaining, per category',
        response: { 200: z.array(BudgetSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, ...OVERVIEW);
      return budget.listBudgets(db, ctx);
    },
  );

  app.post(
    '/maatwerkbudgetten',
    {
      schema: {
        tags,
        summary:
          'Set up the budget of a year (optionally of a team), with limits per role and the four-eyes amount',
        body: BudgetBody,
        response: { 201: BudgetSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'budgets:manage');
      return reply.code(201).send(await budget.createBudget(db, ctx, req.body));
    },
  );

  app.get(
    '/maatwerkbudgetten/:id',
    {
      schema: {
        tags,
        summary: 'One budget with its overview',
        params: IdParams,
        response: { 200: BudgetSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, ...OVERVIEW);
      return budget.getBudget(db, ctx, req.params.id);
    },
  );

  app.patch(
    '/maatwerkbudgetten/:id',
    {
      schema: {
        tags,
        summary: 'Change the amount, limits or four-eyes amount of a budget',
        params: IdParams,
        body: BudgetPatchBody,
        response: { 200: BudgetSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'budgets:manage');
      return budget.updateBudget(db, ctx, req.params.id, req.body);
    },
  );

  app.get(
    '/maatwerkbudget-betalingen.csv',
    {
      schema: {
        tags,
        summary: 'Payments of a period as CSV for the financial administration',
        querystring: PaymentExportQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { ctx } = requireAny(req, 'budgets:manage', 'budget_requests:manage');
      const csv = await budget.exportPayments(db, ctx, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="maatwerkbudget-${req.query.from}-${req.query.to}.csv"`,
        )
        .send(csv);
    },
  );

  // --- Requests --------------------------------------------------------------------------------------------

  app.get(
    '/maatwerkbudget-aanvragen',
    {
      schema: {
        tags,
        summary: 'Requests, newest first, by budget, status or household; one page at a time',
        description: 'Follow nextCursor (with the same filters) until it is null to see every request.',
        querystring: BudgetRequestListQuery,
        response: { 200: BudgetRequestPageSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'budget_requests:manage');
      return budget.listRequests(db, ctx, req.query);
    },
  );

  app.post(
    '/maatwerkbudget-aanvragen',
    {
      schema: {
        tags,
        summary: 'Request money for a household: problem, amount, payee, expected effect',
        description:
          'The voorliggende voorzieningen of the gate are pre-filled by the non-take-up scan of the rules engine ' +
          'when the household has a financial profile.',
        body: BudgetRequestBody,
        response: { 201: BudgetRequestSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'budget_requests:manage');
      return reply.code(201).send(await budget.createRequest(db, ctx, deps, req.body));
    },
  );

  app.get(
    '/maatwerkbudget-aanvragen/:id',
    {
      schema: {
        tags,
        summary: 'One request with its gate, decisions, payment and follow-up',
        params: IdParams,
        response: { 200: BudgetRequestSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'budget_requests:manage');
      return budget.getRequest(db, ctx, req.params.id);
    },
  );

  app.put(
    '/maatwerkbudget-aanvragen/:id/poort',
    {
      schema: {
        tags,
        summary: 'Record the gate: own network considered, and each checked provision with its outcome',
        params: IdParams,
        body: GateBody,
        response: { 200: BudgetRequestSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'budget_requests:manage');
      return budget.recordGate(db, ctx, req.params.id, req.body);
    },
  );

  app.post(
    '/maatwerkbudget-aanvragen/:id/besluit',
    {
      schema: {
        tags,
        summary: 'Approve or reject within your limit; above the four-eyes amount a second person approves',
        description:
          'Refused: 403 eigen-aanvraag, 403 boven-limiet, 409 al-beoordeeld, 409 netwerk-niet-overwogen, ' +
          '409 voorziening-niet-gecontroleerd (unless gateOverrideReason), 409 budget-ontoereikend.',
        params: IdParams,
        body: DecisionBody,
        response: { 200: BudgetRequestSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'budget_requests:manage');
      return budget.decide(db, ctx, req.params.id, req.body);
    },
  );

  app.post(
    '/maatwerkbudget-aanvragen/:id/betaling',
    {
      schema: {
        tags,
        summary: 'Record the payment of an approved request; plans the 30- and 90-day follow-up',
        params: IdParams,
        body: PaymentBody,
        response: { 200: BudgetRequestSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'budget_requests:manage');
      return budget.recordPayment(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/maatwerkbudget-aanvragen/:id/intrekking',
    {
      schema: {
        tags,
        summary: 'Withdraw a request that was not paid yet',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: BudgetRequestSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'budget_requests:manage');
      return budget.withdraw(db, ctx, req.params.id, req.body);
    },
  );

  // --- Follow-up -------------------------------------------------------------------------------------------

  app.get(
    '/maatwerkbudget-opvolgingen',
    {
      schema: {
        tags,
        summary: 'Follow-ups (did the effect happen?), due ones by default',
        querystring: FollowupListQuery,
        response: { 200: z.array(FollowupSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'budget_requests:manage');
      return budget.listFollowups(db, ctx, req.query.status);
    },
  );

  app.post(
    '/maatwerkbudget-opvolgingen/:id',
    {
      schema: {
        tags,
        summary: 'Record whether the expected effect happened',
        params: IdParams,
        body: FollowupBody,
        response: { 200: BudgetRequestSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'budget_requests:manage');
      return budget.assessFollowup(db, ctx, req.params.id, req.body);
    },
  );
}
