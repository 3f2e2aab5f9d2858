// Roles and permissions shared by server and web. The server enforces them; the web only uses them to
// hide what a user cannot do anyway.

export const STAFF_ROLES = [
  'functioneel_beheerder',
  'vroegsignalering_medewerker',
  'schuldhulpverlener',
  'regisseur',
  'coordinator_vrijwilligers',
  'vrijwilliger',
  'beleidsmedewerker',
  'auditor',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const MACHINE_KINDS = ['signaalpartner', 'cbs'] as const;
export type MachineKind = (typeof MACHINE_KINDS)[number];

export const PERMISSIONS = [
  'organisation:read',
  'organisation:manage',
  'users:read',
  'users:manage',
  'audit:read',
  'persons:read',
  'persons:read_bsn',
  'aggregates:read',
  'volunteers:manage',
  'vroegsignalering:read',
  'vroegsignalering:manage',
  // Using the calculators of the rules engine (beslagvrije voet, normen, toeslagen); no personal data.
  'berekeningen:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  // The beheerder configures vroegsignalering (partners, werkbakjes, rules) but does not read its signals.
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
  // A volunteer may see the households they are matched to, but never a BSN.
  vrijwilliger: ['persons:read'],
  beleidsmedewerker: ['organisation:read', 'aggregates:read'],
  auditor: ['organisation:read', 'audit:read'],
};

/** Roles whose holders see personal data; they must use a second factor (BIO). */
export const ROLES_REQUIRING_MFA: readonly StaffRole[] = [
  'functioneel_beheerder',
  'vroegsignalering_medewerker',
  'schuldhulpverlener',
  'regisseur',
  'coordinator_vrijwilligers',
  'vrijwilliger',
  'auditor',
];

export function permissionsFor(roles: readonly StaffRole[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) result.add(p);
  return result;
}

export function rolesRequireMfa(roles: readonly StaffRole[]): boolean {
  return roles.some((r) => ROLES_REQUIRING_MFA.includes(r));
}

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
