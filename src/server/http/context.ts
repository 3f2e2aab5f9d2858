import type { Permission, StaffRole } from '../../shared/roles.ts';

export type MfaState = 'not_required' | 'enrol' | 'verify' | 'verified';

export type UserActor = {
  type: 'user';
  userId: string;
  regionId: string;
  displayName: string;
  email: string;
  preferredLanguage: string;
  sessionId: string;
  csrfToken: string;
  mfaState: MfaState;
  activeMunicipalityId: string | null;
  /** Roles in the active municipality only. */
  roles: StaffRole[];
  permissions: Set<Permission>;
};

export type MachineActor = {
  type: 'machine';
  machineClientId: string;
  clientId: string;
  kind: 'signaalpartner' | 'cbs';
  municipalityId: string;
  scopes: string[];
};

export type Actor = UserActor | MachineActor | { type: 'anonymous' };

/** What a service needs to know about who asks, for which municipality and request. */
export type ServiceContext = {
  actor: UserActor | MachineActor | { type: 'system'; name: string };
  municipalityId: string;
  requestId: string;
};

/** The context of a request by a logged-in staff member. */
export type UserContext = ServiceContext & { actor: UserActor };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export function actorId(ctx: ServiceContext): string {
  switch (ctx.actor.type) {
    case 'user':
      return ctx.actor.userId;
    case 'machine':
      return ctx.actor.clientId;
    case 'system':
      return ctx.actor.name;
  }
}
