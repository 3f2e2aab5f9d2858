import type { FastifyRequest } from 'fastify';
import type { Permission } from '../../shared/roles.ts';
import type { MachineActor, ServiceContext, UserActor, UserContext } from './context.ts';
import { problems } from './problem.ts';

/** A logged-in staff member who passed the second factor and has an active municipality. */
export function requireUser(
  req: FastifyRequest,
  permission?: Permission,
): { actor: UserActor; ctx: UserContext } {
  const actor = req.actor;
  if (actor.type !== 'user') throw problems.unauthorized();
  if (actor.mfaState === 'enrol' || actor.mfaState === 'verify') {
    throw problems.unauthorized('Complete the second factor first.');
  }
  if (!actor.activeMunicipalityId) throw problems.forbidden('You are not a member of any municipality.');
  if (permission && !actor.permissions.has(permission)) throw problems.forbidden();
  return { actor, ctx: { actor, municipalityId: actor.activeMunicipalityId, requestId: req.id } };
}

/** A staff member with a session, whether or not the second factor is done yet (login flow only). */
export function requireSession(req: FastifyRequest): UserActor {
  if (req.actor.type !== 'user') throw problems.unauthorized();
  return req.actor;
}

/** A machine client holding a token with the given scope. */
export function requireMachine(
  req: FastifyRequest,
  scope: string,
): { actor: MachineActor; ctx: ServiceContext } {
  const actor = req.actor;
  if (actor.type !== 'machine')
    throw problems.unauthorized('A bearer token from /api/v1/oauth/token is required.');
  if (!actor.scopes.includes(scope)) throw problems.forbidden(`The token lacks the scope ${scope}.`);
  return { actor, ctx: { actor, municipalityId: actor.municipalityId, requestId: req.id } };
}
