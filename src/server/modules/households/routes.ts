import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import { ProblemSchema } from '../../../shared/problem.ts';
import { IdParams } from '../../../shared/schemas/common.ts';
import {
  ActionBody,
  ActionPatchBody,
  BridgeBody,
  CaseloadPageSchema,
  CaseloadQuery,
  CloseHouseholdBody,
  ConsentBody,
  ConsentWithdrawBody,
  GoalBody,
  GoalEventBody,
  GoalPatchBody,
  HouseholdCreateBody,
  HouseholdViewSchema,
  MemberBody,
  NetworkMemberBody,
  NetworkMemberEndBody,
  PlanPdfQuery,
  ReferralBody,
  ReferralPatchBody,
  RegisseurHandoverBody,
  RegisseurOptionSchema,
  TimelinePageSchema,
  TimelineQuery,
  ZrmBody,
} from '../../../shared/schemas/households.ts';
import { requireUser } from '../../http/guard.ts';
import { problems } from '../../http/problem.ts';
import type { Deps } from '../../http/types.ts';
import * as households from './service.ts';

const tags = ['Huishoudplan'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };
const writeErrors = { ...itemErrors, 409: ProblemSchema };
const view = { 200: HouseholdViewSchema, ...writeErrors };

const readers =
  'Professionals with households:read see every plan of the municipality; network members (household_network:read) ' +
  'only the parts the resident consented to, checked on every request.';
const regisseurOnly =
  'Requires households:manage, and the caller must be the regisseur of the household (403 niet-de-regisseur). ' +
  'Answers the household as the regisseur sees it.';

/** A reader of household plans: a professional, or a network member (whose consent the service checks). */
function requireReader(req: FastifyRequest) {
  const guard = requireUser(req);
  const p = guard.actor.permissions;
  if (!p.has('households:read') && !p.has('household_network:read')) throw problems.forbidden();
  return guard;
}

/** The integrated household plan: caseload, the household, network, consent, ZRM, goals, actions, referrals. */
export async function householdRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  const deps: households.HouseholdDeps = { today: () => todayInNetherlands() };

  // --- Caseload and households ---------------------------------------------------------------------------

  app.get(
    '/huishoudplannen',
    {
      schema: {
        tags,
        summary:
          'The caseload: household plans of the caller (or without regisseur, or all), most recent first',
        description: `${readers} A network member gets the households that share something with them.`,
        querystring: CaseloadQuery,
        response: { 200: CaseloadPageSchema, ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireReader(req);
      return households.listCaseload(db, ctx, deps, req.query);
    },
  );

  app.post(
    '/huishoudplannen',
    {
      schema: {
        tags,
        summary: 'Open a household plan: members from the BRP household and/or entered, with its regisseur',
        description:
          'Requires households:manage. One open plan per BRP household: a second answers 409 ' +
          'huishouden-heeft-plan with householdCaseId.',
        body: HouseholdCreateBody,
        response: { 201: HouseholdViewSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'households:manage');
      return reply.code(201).send(await households.openHousehold(db, ctx, deps, req.body));
    },
  );

  app.get(
    '/regisseurs',
    {
      schema: {
        tags,
        summary: 'The regisseurs of the municipality, for a hand-over',
        response: { 200: z.object({ items: z.array(RegisseurOptionSchema) }), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:read');
      return households.listRegisseurs(db, ctx);
    },
  );

  app.get(
    '/huishoudplannen/:id',
    {
      schema: {
        tags,
        summary:
          'One household: members, regisseur, network, consent, ZRM, bridge, goals, referrals, timeline',
        description: `${readers} The read is logged. A withdrawn consent answers 403 geen-toestemming.`,
        params: IdParams,
        response: { 200: HouseholdViewSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireReader(req);
      return households.getHousehold(db, ctx, deps, req.params.id);
    },
  );

  app.get(
    '/huishoudplannen/:id/tijdlijn',
    {
      schema: {
        tags,
        summary: 'The timeline of the household, newest first, optionally one category',
        description: `${readers} Includes the warm handovers of meldingen that brought the household here.`,
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: TimelinePageSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireReader(req);
      return households.listTimeline(db, ctx, deps, req.params.id, req.query);
    },
  );

  app.get(
    '/huishoudplannen/:id/plan.pdf',
    {
      schema: {
        tags,
        summary: 'The household plan as accessible tagged PDF (nl or en)',
        description: `${readers} A network member needs consent for the plan.`,
        params: IdParams,
        querystring: PlanPdfQuery,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const { ctx } = requireReader(req);
      const pdf = await households.exportPlanPdf(db, ctx, deps, req.params.id, req.query.taal);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="huishoudplan-${req.query.taal}.pdf"`)
        .send(pdf);
    },
  );

  app.put(
    '/huishoudplannen/:id/regisseur',
    {
      schema: {
        tags,
        summary: 'Hand the household over to another regisseur (recorded; exactly one regisseur at a time)',
        description:
          'Requires households:manage. The current regisseur hands over; a household without regisseur may be ' +
          'taken by any regisseur. A stale version answers 409 huishouden-gewijzigd.',
        params: IdParams,
        body: RegisseurHandoverBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.handOverRegisseur(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/huishoudplannen/:id/afsluiting',
    {
      schema: {
        tags,
        summary: 'Close the household plan',
        description: regisseurOnly,
        params: IdParams,
        body: CloseHouseholdBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.closeHousehold(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/huishoudplannen/:id/leden',
    {
      schema: {
        tags,
        summary: 'Add a member to the household (from the BRP or entered)',
        description: regisseurOnly,
        params: IdParams,
        body: MemberBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.addMember(db, ctx, deps, req.params.id, req.body);
    },
  );

  // --- Network and consent -------------------------------------------------------------------------------

  app.post(
    '/huishoudplannen/:id/netwerk',
    {
      schema: {
        tags,
        summary: 'Add someone to the network: informal (family, friends, neighbours, budgetmaatje) or formal',
        description: regisseurOnly,
        params: IdParams,
        body: NetworkMemberBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.addNetworkMember(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/huishoudplan-netwerk/:id/beeindiging',
    {
      schema: {
        tags,
        summary: 'End a network membership; their login no longer opens the plan',
        description: regisseurOnly,
        params: IdParams,
        body: NetworkMemberEndBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.endNetworkMember(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/huishoudplannen/:id/toestemmingen',
    {
      schema: {
        tags,
        summary: 'Record consent (AVG): what is shared with which network member, for what purpose',
        description: regisseurOnly,
        params: IdParams,
        body: ConsentBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.giveConsent(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/huishoudplan-toestemmingen/:id/intrekking',
    {
      schema: {
        tags,
        summary: 'Record that a consent was withdrawn; the next request of that network member is refused',
        description: regisseurOnly,
        params: IdParams,
        body: ConsentWithdrawBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.withdrawConsent(db, ctx, deps, req.params.id, req.body);
    },
  );

  // --- Assessment ----------------------------------------------------------------------------------------

  app.post(
    '/huishoudplannen/:id/zrm',
    {
      schema: {
        tags,
        summary: 'Record a Zelfredzaamheid-Matrix assessment: all 13 domains scored 1 to 5',
        description: regisseurOnly,
        params: IdParams,
        body: ZrmBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.recordZrm(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/huishoudplannen/:id/brug',
    {
      schema: {
        tags,
        summary: 'Record where the household stands on the five Mobility Mentoring pillars (the bridge)',
        description: regisseurOnly,
        params: IdParams,
        body: BridgeBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.recordBridge(db, ctx, deps, req.params.id, req.body);
    },
  );

  // --- Goals and actions ---------------------------------------------------------------------------------

  app.post(
    '/huishoudplannen/:id/doelen',
    {
      schema: {
        tags,
        summary:
          'Add a goal the resident chose (linked to a ZRM domain or pillar, target date not in the past)',
        description: regisseurOnly,
        params: IdParams,
        body: GoalBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.addGoal(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.patch(
    '/huishoudplan-doelen/:id',
    {
      schema: {
        tags,
        summary: 'Change a goal: reached (with recognition), stopped, active again, title or target date',
        description: `${regisseurOnly} A stale version answers 409 doel-gewijzigd.`,
        params: IdParams,
        body: GoalPatchBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.updateGoal(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/huishoudplan-doelen/:id/acties',
    {
      schema: {
        tags,
        summary: 'Add an action to a goal, owned by a household member, a network member or the regisseur',
        description: `${regisseurOnly} An owner outside the household's circle answers 400.`,
        params: IdParams,
        body: ActionBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.addAction(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.post(
    '/huishoudplan-doelen/:id/voortgang',
    {
      schema: {
        tags,
        summary: 'Record progress or a milestone on a goal',
        description: regisseurOnly,
        params: IdParams,
        body: GoalEventBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.addGoalEvent(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.patch(
    '/huishoudplan-acties/:id',
    {
      schema: {
        tags,
        summary: 'Mark an action done, no longer needed, or open again',
        description: regisseurOnly,
        params: IdParams,
        body: ActionPatchBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.updateAction(db, ctx, deps, req.params.id, req.body);
    },
  );

  // --- Referrals -----------------------------------------------------------------------------------------

  app.post(
    '/huishoudplannen/:id/verwijzingen',
    {
      schema: {
        tags,
        summary: 'Refer the household (internal scheme or external organisation) with the resident’s consent',
        description: regisseurOnly,
        params: IdParams,
        body: ReferralBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.addReferral(db, ctx, deps, req.params.id, req.body);
    },
  );

  app.patch(
    '/huishoudplan-verwijzingen/:id',
    {
      schema: {
        tags,
        summary: 'Record the status of a referral, the reply of the receiver, or a reminder date',
        description: `${regisseurOnly} A stale version answers 409 verwijzing-gewijzigd.`,
        params: IdParams,
        body: ReferralPatchBody,
        response: view,
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'households:manage');
      return households.updateReferral(db, ctx, deps, req.params.id, req.body);
    },
  );
}
