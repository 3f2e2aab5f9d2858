import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { ROLE_PERMISSIONS, STAFF_ROLES } from '../../../shared/roles.ts';
import { CursorQuery, IdParams, page } from '../../../shared/schemas/common.ts';
import { RoleListSchema, UserCreateBody, UserPatchBody, UserSchema } from '../../../shared/schemas/users.ts';
import { decodeNameCursor, toPage } from '../../http/cursor.ts';
import { requireUser } from '../../http/guard.ts';
import type { Deps } from '../../http/types.ts';
import { presentUser } from './presenter.ts';
import * as users from './service.ts';

const tags = ['Gebruikers'];

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const itemErrors = { ...errors, 404: ProblemSchema };

export async function usersRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;
  const present = (u: users.UserWithRoles) => presentUser(u.user, u.roles);

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'Staff with a role in the active municipality, by name',
        description: 'Contains names and e-mail addresses: every call is written to the audit log.',
        querystring: CursorQuery,
        response: { 200: page(UserSchema), ...errors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'users:read');
      const after = decodeNameCursor(req.query.cursor);
      const rows = await users.listUsers(db, ctx, { after, limit: req.query.limit + 1 });
      return toPage(rows, req.query.limit, (r) => ({ name: r.user.displayName, id: r.user.id }), present);
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a staff account, or give an account of this region roles here',
        description:
          'Creates the account in the region of the administrator with roles in the active municipality (201). ' +
          'When the region already has an account with this e-mail address, that account gets the roles (200). ' +
          'An e-mail address in use elsewhere gives 409.',
        body: UserCreateBody,
        response: { 200: UserSchema, 201: UserSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { actor, ctx } = requireUser(req, 'users:manage');
      const result = await users.createUser(db, ctx, actor.regionId, req.body);
      return reply.code(result.created ? 201 : 200).send(present(result));
    },
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'One staff member of the active municipality',
        params: IdParams,
        response: { 200: UserSchema, ...itemErrors },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'users:read');
      return present(await users.getUser(db, ctx, req.params.id));
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Change the name, active state or roles of a staff member',
        description:
          'roles replaces the roles in the active municipality only. isActive false ends all sessions of the user. ' +
          'Administrators cannot deactivate themselves or drop their own functioneel_beheerder role (409).',
        params: IdParams,
        body: UserPatchBody,
        response: { 200: UserSchema, ...itemErrors, 409: ProblemSchema },
      },
    },
    async (req) => {
      const { actor, ctx } = requireUser(req, 'users:manage');
      return present(await users.updateUser(db, ctx, actor.userId, req.params.id, req.body));
    },
  );

  app.get(
    '/roles',
    {
      schema: {
        tags,
        summary: 'The staff roles and the permissions each one gives',
        response: { 200: RoleListSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (req) => {
      requireUser(req);
      return { items: STAFF_ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })) };
    },
  );
}
