import type { TFunction } from 'i18next';
import { STAFF_ROLES, type StaffRole } from '../../shared/roles.ts';

export function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** The translated name of a role; an unknown role (newer server) is shown as is. */
export function roleLabel(t: TFunction, role: string): string {
  return isStaffRole(role) ? t(`roles.${role}`) : role;
}

export function roleOptions(t: TFunction): { value: string; label: string }[] {
  return STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
}
