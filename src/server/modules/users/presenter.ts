import type { User } from '../../../shared/schemas/users.ts';
import { orderedRoles } from './policy.ts';
import type { UserRow } from './repository.ts';

/** A staff account as administrators see it: no password hash, TOTP secret, lock state or OIDC subject. */
export function presentUser(row: UserRow, roles: readonly string[]): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    isActive: row.isActive,
    mfaEnabled: row.totpEnabledAt !== null,
    roles: orderedRoles(roles),
  };
}
