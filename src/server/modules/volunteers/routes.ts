import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import { ProblemSchema } from '../../../shared/problem.ts';
import type { Permission } from '../../../shared/roles.ts';
import { IdParams, page } from '../../../shared/schemas/common.ts';
import {
  CandidatesSchema,
  EscalationBody,
  EscalationListQuery,
  EscalationSchema,
  MatchBody,
  MatchEndBody,
  MatchListQuery,
  MatchSchema,
  MeetingBody,
  MyMatchSchema,
  OrganisationBody,
  OrganisationSchema,
  VolunteerAccountSchema,
  VolunteerBody,
  VolunteerListQuery,
  VolunteerMatchViewSchema,
  VolunteerPatchBody,
  VolunteerRequestBody,
  VolunteerRequestListQuery,
  VolunteerRequestSchema,
  VolunteerSchema,
} from '../../../shared/schemas/volunteers.ts';
import { requireUser } from '../../http/guard.ts';
import { problems } from '../../http/problem.ts';
import type { Deps } from '../../http/types.ts';
import * as volunteers from './service.ts';

const tags = ['Budgetmaatjes'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };
const writeErrors = { ...itemErrors, 409: ProblemSchema };

/** A user holding any one of the permissions. */
function requireAny(req: FastifyRequest, ...permissions: Permission[]) {
  const guard = requireUser(req);
  if (!permissions.some((p) => guard.actor.permissions.has(p))) throw problems.forbidden();
  return guard;
}

/** Budgetmaatjes: organisations, volunteers, requests, matching, matches, the volunteer's own work. */
export async function volunteerRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  const deps: volunteers.VolunteerDeps = { today: () => todayInNetherlands() };

  // --- Organisations and volunteers (the coordinator) -------------------------------------------------------

  app.get(
    '/vrijwilligersorganisaties',
    {
      schema: {
        tags,
        summary: 'The volunteer organisations of the municipality, with coordinators and counts',
        response: { 200: z.array(OrganisationSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return volunteers.listOrganisations(db, ctx);
    },
  );

  app.get(
    '/vrijwilligers-accounts',
    {
      schema: {
        tags,
        summary:
          'Logins with the role vrijwilliger or coordinator, to link to a volunteer or an organisation',
        response: { 200: z.array(VolunteerAccountSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return volunteers.listVolunteerAccounts(db, ctx);
    },
  );

  app.post(
    '/vrijwilligersorganisaties',
    {
      schema: {
        tags,
        summary: 'Register a volunteer organisation and its coordinators',
        body: OrganisationBody,
        response: { 201: OrganisationSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return reply.code(201).send(await volunteers.createOrganisation(db, ctx, req.body));
    },
  );

  app.get(
    '/vrijwilligers',
    {
      schema: {
        tags,
        summary: 'The volunteers, by name, optionally of one organisation or status',
        querystring: VolunteerListQuery,
        response: { 200: page(VolunteerSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return volunteers.listVolunteers(db, ctx, deps, req.query);
    },
  );

  app.post(
    '/vrijwilligers',
    {
      schema: {
        tags,
        summary: 'Register a volunteer: intake, training, VOG, availability, languages, background, help',
        body: VolunteerBody,
        response: { 201: VolunteerSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return reply.code(201).send(await volunteers.createVolunteer(db, ctx, deps, req.body));
    },
  );

  app.get(
    '/vrijwilligers/:id',
    {
      schema: {
        tags,
        summary: 'One volunteer',
        params: IdParams,
        response: { 200: VolunteerSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return volunteers.getVolunteer(db, ctx, deps, req.params.id);
    },
  );

  app.patch(
    '/vrijwilligers/:id',
    {
      schema: {
        tags,
        summary: 'Change a volunteer (for example a renewed VOG); send the version you read',
        params: IdParams,
        body: VolunteerPatchBody,
        response: { 200: VolunteerSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return volunteers.updateVolunteer(db, ctx, deps, req.params.id, req.body);
    },
  );

  // --- Requests and matching --------------------------------------------------------------------------------

  app.get(
    '/maatjes-hulpvragen',
    {
      schema: {
        tags,
        summary: "Residents' requests for a budgetmaatje, newest first",
        querystring: VolunteerRequestListQuery,
        response: { 200: page(VolunteerRequestSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return volunteers.listRequests(db, ctx, req.query);
    },
  );

  app.post(
    '/maatjes-hulpvragen',
    {
      schema: {
        tags,
        summary: 'Ask for a budgetmaatje for a resident, with what the resident agreed to share',
        description:
          'By a volunteer coordinator, or by the regisseur of the household (households:manage). Only the name, ' +
          'contact and summary given here are shared with the volunteer; the household plan only by its consent.',
        body: VolunteerRequestBody,
        response: { 201: VolunteerRequestSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireAny(req, 'volunteers:manage', 'households:manage');
      return reply.code(201).send(await volunteers.createRequest(db, ctx, deps, req.body));
    },
  );

  app.get(
    '/maatjes-hulpvragen/:id',
    {
      schema: {
        tags,
        summary: 'One request for a budgetmaatje',
        params: IdParams,
        response: { 200: VolunteerRequestSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return volunteers.getRequest(db, ctx, req.params.id);
    },
  );

  app.get(
    '/maatjes-hulpvragen/:id/kandidaten',
    {
      schema: {
        tags,
        summary: 'The available volunteers for a request, best first, each with the reasons',
        description:
          'Active volunteers with a valid VOG, room for another resident and at least one kind of help asked for, ' +
          'scored on help, language, background or migration experience (only when asked for), wijk, ' +
          'availability, room and training.',
        params: IdParams,
        response: { 200: CandidatesSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return volunteers.rankCandidates(db, ctx, deps, req.params.id);
    },
  );

  app.post(
    '/maatjes-hulpvragen/:id/koppeling',
    {
      schema: {
        tags,
        summary: "The coordinator's match of a volunteer to the request",
        description:
          'Refused with 409 vog-verlopen when the VOG expired, vrijwilliger-vol, vrijwilliger-niet-actief, ' +
          'hulpsoort-past-niet, or hulpvraag-niet-open.',
        params: IdParams,
        body: MatchBody,
        response: { 201: MatchSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return reply.code(201).send(await volunteers.createMatch(db, ctx, deps, req.params.id, req.body));
    },
  );

  app.get(
    '/maatjes-koppelingen',
    {
      schema: {
        tags,
        summary: 'The matches, active first',
        querystring: MatchListQuery,
        response: { 200: z.array(MatchSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteers:manage');
      return volunteers.listMatches(db, ctx, req.query);
    },
  );

  app.post(
    '/maatjes-koppelingen/:id/beeindiging',
    {
      schema: {
        tags,
        summary: 'End a match, naming the side that ended it',
        description:
          'The coordinator records any side; a volunteer ends their own match as the volunteer side.',
        params: IdParams,
        body: MatchEndBody,
        response: { 200: MatchSchema, ...writeErrors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, 'volunteers:manage', 'volunteer_matches:manage');
      return volunteers.endMatch(db, ctx, deps, req.params.id, req.body);
    },
  );

  // --- The volunteer's own matches ---------------------------------------------------------------------------

  app.get(
    '/mijn-maatjes',
    {
      schema: {
        tags,
        summary: "The calling volunteer's own matches",
        response: { 200: z.array(MyMatchSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteer_matches:manage');
      return volunteers.listMyMatches(db, ctx);
    },
  );

  app.get(
    '/mijn-maatjes/:id',
    {
      schema: {
        tags,
        summary: 'One own match: only what the resident consented to share (never a BSN)',
        params: IdParams,
        response: { 200: VolunteerMatchViewSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'volunteer_matches:manage');
      return volunteers.getMyMatch(db, ctx, deps, req.params.id);
    },
  );

  app.post(
    '/mijn-maatjes/:id/contacten',
    {
      schema: {
        tags,
        summary: 'Log a meeting and progress; with a shared goal, it is added to the household plan',
        params: IdParams,
        body: MeetingBody,
        response: { 201: VolunteerMatchViewSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'volunteer_matches:manage');
      return reply.code(201).send(await volunteers.logMeeting(db, ctx, deps, req.params.id, req.body));
    },
  );

  app.post(
    '/mijn-maatjes/:id/escalatie',
    {
      schema: {
        tags,
        summary: "Escalate to the household's regisseur (one click)",
        params: IdParams,
        body: EscalationBody,
        response: { 201: VolunteerMatchViewSchema, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'volunteer_matches:manage');
      return reply.code(201).send(await volunteers.escalate(db, ctx, deps, req.params.id, req.body));
    },
  );

  // --- Escalations -----------------------------------------------------------------------------------------

  app.get(
    '/maatjes-escalaties',
    {
      schema: {
        tags,
        summary: "Volunteers' escalations waiting for the caller",
        description:
          'A regisseur sees those of their households; a coordinator those without a household plan.',
        querystring: EscalationListQuery,
        response: { 200: z.array(EscalationSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, 'households:read', 'volunteers:manage');
      return volunteers.listEscalations(db, ctx, req.query.open);
    },
  );

  app.post(
    '/maatjes-escalaties/:id/afhandeling',
    {
      schema: {
        tags,
        summary: 'Mark an escalation as handled',
        params: IdParams,
        response: { 200: EscalationSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireAny(req, 'households:read', 'volunteers:manage');
      return volunteers.handleEscalation(db, ctx, req.params.id);
    },
  );
}
