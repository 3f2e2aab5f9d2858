import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { CursorQuery, IdParams, page } from '../../../shared/schemas/common.ts';
import {
  MunicipalityPatchBody,
  MunicipalitySchema,
  TeamCreateBody,
  TeamMembersBody,
  TeamPatchBody,
  TeamSchema,
  WijkCreateBody,
  WijkPatchBody,
  WijkSchema,
} from '../../../shared/schemas/organisation.ts';
import { decodeNameCursor, toPage } from '../../http/cursor.ts';
import { requireUser } from '../../http/guard.ts';
import type { Deps } from '../../http/types.ts';
import { presentMunicipality, presentTeam, presentWijk } from './presenter.ts';
import * as organisation from './service.ts';

const tags = ['Organisatie'];

/** Error answers every organisation route may give, for the OpenAPI document. */
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };

export async function organisationRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;

  // --- Municipality -------------------------------------------------------------------------------------

  app.get(
    '/municipality',
    {
      schema: {
        tags,
        summary: 'The active municipality',
        response: { 200: MunicipalitySchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:read');
      return presentMunicipality(await organisation.getMunicipality(db, ctx));
    },
  );

  app.patch(
    '/municipality',
    {
      schema: {
        tags,
        summary: 'Change the number of inhabitants or the settings of the active municipality',
        body: MunicipalityPatchBody,
        response: { 200: MunicipalitySchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      return presentMunicipality(await organisation.updateMunicipality(db, ctx, req.body));
    },
  );

  // --- Teams --------------------------------------------------------------------------------------------

  app.get(
    '/teams',
    {
      schema: {
        tags,
        summary: 'The teams of the active municipality, by name',
        querystring: CursorQuery,
        response: { 200: page(TeamSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:read');
      const after = decodeNameCursor(req.query.cursor);
      const rows = await organisation.listTeams(db, ctx, { after, limit: req.query.limit + 1 });
      return toPage(rows, req.query.limit, (r) => r, presentTeam);
    },
  );

  app.post(
    '/teams',
    {
      schema: {
        tags,
        summary: 'Create a team',
        body: TeamCreateBody,
        response: { 201: TeamSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      const team = await organisation.createTeam(db, ctx, req.body);
      return reply.code(201).send(presentTeam(team));
    },
  );

  app.get(
    '/teams/:id',
    {
      schema: { tags, summary: 'One team', params: IdParams, response: { 200: TeamSchema, ...itemErrors } },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:read');
      return presentTeam(await organisation.getTeam(db, ctx, req.params.id));
    },
  );

  app.patch(
    '/teams/:id',
    {
      schema: {
        tags,
        summary: 'Rename a team or change its description',
        params: IdParams,
        body: TeamPatchBody,
        response: { 200: TeamSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      return presentTeam(await organisation.updateTeam(db, ctx, req.params.id, req.body));
    },
  );

  app.delete(
    '/teams/:id',
    {
      schema: {
        tags,
        summary: 'Delete a team; its wijken stay, without a team',
        params: IdParams,
        response: { 204: z.null(), ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      await organisation.deleteTeam(db, ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/teams/:id/members',
    {
      schema: {
        tags,
        summary: 'Replace the members of a team',
        description: 'Only users with a role in the active municipality can be members.',
        params: IdParams,
        body: TeamMembersBody,
        response: { 200: TeamSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      return presentTeam(await organisation.replaceTeamMembers(db, ctx, req.params.id, req.body.userIds));
    },
  );

  // --- Wijken -------------------------------------------------------------------------------------------

  app.get(
    '/wijken',
    {
      schema: {
        tags,
        summary: 'The wijken of the active municipality, by name',
        querystring: CursorQuery,
        response: { 200: page(WijkSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:read');
      const after = decodeNameCursor(req.query.cursor);
      const rows = await organisation.listWijken(db, ctx, { after, limit: req.query.limit + 1 });
      return toPage(rows, req.query.limit, (r) => r, presentWijk);
    },
  );

  app.post(
    '/wijken',
    {
      schema: {
        tags,
        summary: 'Create a wijk',
        body: WijkCreateBody,
        response: { 201: WijkSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      const wijk = await organisation.createWijk(db, ctx, req.body);
      return reply.code(201).send(presentWijk(wijk));
    },
  );

  app.get(
    '/wijken/:id',
    {
      schema: { tags, summary: 'One wijk', params: IdParams, response: { 200: WijkSchema, ...itemErrors } },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:read');
      return presentWijk(await organisation.getWijk(db, ctx, req.params.id));
    },
  );

  app.patch(
    '/wijken/:id',
    {
      schema: {
        tags,
        summary: 'Change the code, name or team of a wijk',
        params: IdParams,
        body: WijkPatchBody,
        response: { 200: WijkSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      return presentWijk(await organisation.updateWijk(db, ctx, req.params.id, req.body));
    },
  );

  app.delete(
    '/wijken/:id',
    {
      schema: {
        tags,
        summary: 'Delete a wijk that has no addresses',
        params: IdParams,
        response: { 204: z.null(), ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'organisation:manage');
      await organisation.deleteWijk(db, ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
