import type { UserCreate, UserPatch } from '../../../shared/schemas/users.ts';
import type { Orm } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { NameKey } from '../../http/cursor.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { hashPassword } from '../auth/crypto.ts';
import { orderedRoles, selfLockoutReason } from './policy.ts';
import * as repo from './repository.ts';

// Users are region-wide accounts; what a municipality's administrator sees and changes is limited to accounts
// with a role in the active municipality (ctx.municipalityId). Anyone else answers 404.

export type UserWithRoles = { user: repo.UserRow; roles: string[] };

/** The staff of the active municipality. Names and e-mail addresses are personal data: the read is logged. */
export async function listUsers(db: Orm, ctx: ServiceContext, page: { after?: NameKey; limit: number }) {
  return db.transaction(async (tx) => {
    const rows = await repo.listUsersOfMunicipality(tx, ctx.municipalityId, page);
    const roles = await repo.findRoles(
      tx,
      ctx.municipalityId,
      rows.map((r) => r.id),
    );
    await recordAudit(tx, ctx, {
      action: 'user.list',
      purpose: PURPOSES.administration,
      subjectType: 'user',
      subjectIds: rows.map((r) => r.id),
      details: { count: rows.length },
    });
    return rows.map((user): UserWithRoles => ({ user, roles: roles.get(user.id) ?? [] }));
  });
}

async function loadUser(tx: Orm, ctx: ServiceContext, id: string): Promise<UserWithRoles> {
  const user = await repo.findUserInMunicipality(tx, ctx.municipalityId, id);
  if (!user) throw problems.notFound();
  const roles = (await repo.findRoles(tx, ctx.municipalityId, [id])).get(id) ?? [];
  return { user, roles };
}

export async function getUser(db: Orm, ctx: ServiceContext, id: string): Promise<UserWithRoles> {
  return db.transaction(async (tx) => {
    const found = await loadUser(tx, ctx, id);
    await recordAudit(tx, ctx, {
      action: 'user.read',
      purpose: PURPOSES.administration,
      subjectType: 'user',
      subjectIds: [id],
    });
    return found;
  });
}

const emailTaken = () => problems.conflict('An account with this e-mail address already exists.');

/**
 * Creates a staff account in the administrator's region with roles in the active municipality. When the region
 * already has an account with this e-mail address (a colleague who also works for a neighbouring municipality),
 * that account gets the roles instead; its name and password stay as they are.
 */
export async function createUser(
  db: Orm,
  ctx: ServiceContext,
  regionId: string,
  input: UserCreate,
): Promise<UserWithRoles & { created: boolean }> {
  const email = input.email.trim();
  // Hashing is slow on purpose: do it before the transaction so it holds no locks meanwhile.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const roles = orderedRoles(input.roles);
  try {
    return await db.transaction(async (tx) => {
      const existing = await repo.findUserByEmail(tx, email);
      if (existing && existing.regionId !== regionId) throw emailTaken();
      if (existing) {
        const current = (await repo.findRoles(tx, ctx.municipalityId, [existing.id])).get(existing.id) ?? [];
        if (current.length > 0) {
          throw problems.conflict(
            'This user already works for this municipality; change their roles with PATCH /users/{id}.',
          );
        }
        await repo.replaceRoles(tx, existing.id, ctx.municipalityId, roles);
        await recordAudit(tx, ctx, {
          action: 'user.add_to_municipality',
          purpose: PURPOSES.administration,
          subjectType: 'user',
          subjectIds: [existing.id],
          details: { roles },
        });
        return { user: existing, roles, created: false };
      }
      const user = await repo.insertUser(tx, {
        regionId,
        email,
        displayName: input.displayName,
        passwordHash,
      });
      await repo.replaceRoles(tx, user.id, ctx.municipalityId, roles);
      await recordAudit(tx, ctx, {
        action: 'user.create',
        purpose: PURPOSES.administration,
        subjectType: 'user',
        subjectIds: [user.id],
        details: { roles, password: passwordHash !== null },
      });
      return { user, roles, created: true };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

/**
 * Changes name, active state or roles (in the active municipality only). Deactivation ends every session of the
 * user at once, not at the next idle timeout.
 */
export async function updateUser(
  db: Orm,
  ctx: ServiceContext,
  actorUserId: string,
  id: string,
  patch: UserPatch,
): Promise<UserWithRoles> {
  return db.transaction(async (tx) => {
    const current = await loadUser(tx, ctx, id);
    const refusal = selfLockoutReason(actorUserId, id, current.roles, patch);
    if (refusal) throw problems.conflict(refusal);
    // An account is regional: one municipality's beheerder must not switch off a colleague's work elsewhere.
    if (patch.isActive === false && (await repo.countOtherMunicipalities(tx, id, ctx.municipalityId)) > 0) {
      throw problems.conflict(
        'This account also works for other municipalities of the region; only an administrator of each can remove it there.',
      );
    }
    const fields: { displayName?: string; isActive?: boolean } = {};
    if (patch.displayName !== undefined) fields.displayName = patch.displayName;
    if (patch.isActive !== undefined) fields.isActive = patch.isActive;
    await repo.updateUser(tx, id, fields);
    if (patch.roles) await repo.replaceRoles(tx, id, ctx.municipalityId, orderedRoles(patch.roles));
    const sessionsEnded = patch.isActive === false ? await repo.deleteSessionsOfUser(tx, id) : 0;
    await recordAudit(tx, ctx, {
      action: 'user.update',
      purpose: PURPOSES.administration,
      subjectType: 'user',
      subjectIds: [id],
      details: {
        fields: Object.keys(patch),
        ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
        ...(patch.roles
          ? { rolesBefore: orderedRoles(current.roles), roles: orderedRoles(patch.roles) }
          : {}),
        sessionsEnded,
      },
    });
    return loadUser(tx, ctx, id);
  });
}
