// Rules about who may change which account, independent of the database.
import { STAFF_ROLES, type StaffRole } from '../../../shared/roles.ts';
import type { UserPatch } from '../../../shared/schemas/users.ts';

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** Roles in the fixed order of STAFF_ROLES, unknown strings dropped. */
export function orderedRoles(roles: readonly string[]): StaffRole[] {
  return STAFF_ROLES.filter((r) => roles.includes(r));
}

/**
 * Why an administrator may not make this change to their own account, or null. A beheerder who deactivates
 * themselves or drops their own beheer role could leave the municipality without anyone to manage it.
 */
export function selfLockoutReason(
  actorUserId: string,
  targetUserId: string,
  currentRoles: readonly string[],
  patch: UserPatch,
): string | null {
  if (actorUserId !== targetUserId) return null;
  if (patch.isActive === false) return 'You cannot deactivate your own account.';
  if (
    patch.roles &&
    currentRoles.includes('functioneel_beheerder') &&
    !patch.roles.includes('functioneel_beheerder')
  ) {
    return 'You cannot remove your own functioneel_beheerder role; ask another administrator.';
  }
  return null;
}
