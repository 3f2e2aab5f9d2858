import { describe, expect, it } from 'vitest';
import {
  PERMISSIONS,
  type Permission,
  permissionsFor,
  ROLE_PERMISSIONS,
  ROLES_REQUIRING_MFA,
  rolesRequireMfa,
  STAFF_ROLES,
  type StaffRole,
} from './roles.ts';

/**
 * The authorisation matrix, written out in full. A change to ROLE_PERMISSIONS must change this table too, so that
 * granting a permission is always a visible, reviewed decision.
 */
const EXPECTED: Record<StaffRole, readonly Permission[]> = {
  functioneel_beheerder: [
    'organisation:read',
    'organisation:manage',
    'users:read',
    'users:manage',
    'vroegsignalering:manage',
  ],
  vroegsignalering_medewerker: [
    'organisation:read',
    'persons:read',
    'persons:read_bsn',
    'vroegsignalering:read',
    'vroegsignalering:manage',
    'berekeningen:read',
  ],
  schuldhulpverlener: [
    'organisation:read',
    'persons:read',
    'persons:read_bsn',
    'vroegsignalering:read',
    'berekeningen:read',
  ],
  regisseur: [
    'organisation:read',
    'persons:read',
    'persons:read_bsn',
    'vroegsignalering:read',
    'berekeningen:read',
  ],
  coordinator_vrijwilligers: ['organisation:read', 'persons:read', 'volunteers:manage', 'berekeningen:read'],
  vrijwilliger: ['persons:read'],
  beleidsmedewerker: ['organisation:read', 'aggregates:read'],
  auditor: ['organisation:read', 'audit:read'],
};

/** Permissions that allow changing something; everything else only reads. */
const MUTATING: readonly Permission[] = [
  'organisation:manage',
  'users:manage',
  'volunteers:manage',
  'vroegsignalering:manage',
];

describe('roles and permissions', () => {
  it('knows exactly the roles of the table', () => {
    expect([...STAFF_ROLES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(STAFF_ROLES.map((role) => [role] as const))('%s has exactly its permissions', (role) => {
    expect([...ROLE_PERMISSIONS[role]].sort()).toEqual([...EXPECTED[role]].sort());
    expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(ROLE_PERMISSIONS[role].length);
    expect([...permissionsFor([role])].sort()).toEqual([...EXPECTED[role]].sort());
  });

  it('classifies every permission as reading or mutating', () => {
    const readOnly = PERMISSIONS.filter((p) => !MUTATING.includes(p));
    expect(readOnly.every((p) => p.endsWith(':read') || p.endsWith(':read_bsn'))).toBe(true);
    expect(MUTATING.every((p) => p.endsWith(':manage'))).toBe(true);
    expect(PERMISSIONS.filter((p) => p.endsWith(':manage'))).toEqual([...MUTATING]);
  });

  it('never shows a BSN to a vrijwilliger', () => {
    expect(ROLE_PERMISSIONS.vrijwilliger).not.toContain('persons:read_bsn');
    expect(permissionsFor(['vrijwilliger']).has('persons:read_bsn')).toBe(false);
  });

  it('gives a beleidsmedewerker only aggregates and organisation reading', () => {
    expect([...ROLE_PERMISSIONS.beleidsmedewerker].sort()).toEqual(['aggregates:read', 'organisation:read']);
    expect(ROLE_PERMISSIONS.beleidsmedewerker).not.toContain('persons:read');
  });

  it('gives an auditor audit:read and nothing that changes anything', () => {
    expect(ROLE_PERMISSIONS.auditor).toContain('audit:read');
    expect(ROLE_PERMISSIONS.auditor.filter((p) => MUTATING.includes(p))).toEqual([]);
    expect(ROLE_PERMISSIONS.auditor.some((p) => p.startsWith('persons:'))).toBe(false);
  });

  it('gives audit:read to auditors only and user management to beheerders only', () => {
    const holders = (p: Permission) => STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p));
    expect(holders('audit:read')).toEqual(['auditor']);
    expect(holders('users:manage')).toEqual(['functioneel_beheerder']);
    expect(holders('organisation:manage')).toEqual(['functioneel_beheerder']);
    expect(holders('vroegsignalering:manage')).toEqual([
      'functioneel_beheerder',
      'vroegsignalering_medewerker',
    ]);
    expect(holders('vroegsignalering:read')).toEqual([
      'vroegsignalering_medewerker',
      'schuldhulpverlener',
      'regisseur',
    ]);
    expect(holders('persons:read_bsn')).toEqual([
      'vroegsignalering_medewerker',
      'schuldhulpverlener',
      'regisseur',
    ]);
  });

  it('unites the permissions of several roles', () => {
    expect([...permissionsFor(['vrijwilliger', 'auditor'])].sort()).toEqual([
      'audit:read',
      'organisation:read',
      'persons:read',
    ]);
    expect(permissionsFor([]).size).toBe(0);
  });

  it('requires a second factor for every role that sees personal data', () => {
    for (const role of STAFF_ROLES) {
      const seesPersonalData = ROLE_PERMISSIONS[role].some(
        (p) => p.startsWith('persons:') || p.startsWith('users:') || p === 'audit:read',
      );
      if (seesPersonalData) expect(ROLES_REQUIRING_MFA, role).toContain(role);
    }
    expect(rolesRequireMfa(['beleidsmedewerker'])).toBe(false);
    expect(rolesRequireMfa(['beleidsmedewerker', 'vrijwilliger'])).toBe(true);
  });
});
