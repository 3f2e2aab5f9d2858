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
    'outreach_templates:manage',
    'regelingen:manage',
    'budgets:manage',
    'retention:manage',
  ],
  vroegsignalering_medewerker: [
    'organisation:read',
    'persons:read',
    'persons:read_bsn',
    'vroegsignalering:read',
    'vroegsignalering:manage',
    'meldingen:manage',
    'berekeningen:read',
    'niet_gebruik:read',
    'outreach:manage',
    'outreach_templates:manage',
    'interventions:manage',
  ],
  schuldhulpverlener: [
    'organisation:read',
    'persons:read',
    'persons:read_bsn',
    'vroegsignalering:read',
    'berekeningen:read',
    'niet_gebruik:read',
    'households:read',
    'schuldhulp:read',
    'schuldhulp:manage',
    'budget_requests:manage',
    'interventions:manage',
  ],
  regisseur: [
    'organisation:read',
    'persons:read',
    'persons:read_bsn',
    'vroegsignalering:read',
    'berekeningen:read',
    'niet_gebruik:read',
    'households:read',
    'households:manage',
    'schuldhulp:read',
    'budget_requests:manage',
    'interventions:manage',
  ],
  coordinator_vrijwilligers: ['organisation:read', 'persons:read', 'volunteers:manage', 'berekeningen:read'],
  vrijwilliger: ['persons:read', 'household_network:read', 'volunteer_matches:manage'],
  beleidsmedewerker: ['organisation:read', 'aggregates:read', 'businesscase:manage'],
  auditor: ['organisation:read', 'audit:read'],
  netwerkpartner: ['household_network:read'],
};

/** Permissions that allow changing something; everything else only reads. */
const MUTATING: readonly Permission[] = [
  'organisation:manage',
  'users:manage',
  'volunteers:manage',
  'vroegsignalering:manage',
  'meldingen:manage',
  'outreach:manage',
  'outreach_templates:manage',
  'regelingen:manage',
  'households:manage',
  'schuldhulp:manage',
  'volunteer_matches:manage',
  'budgets:manage',
  'budget_requests:manage',
  'interventions:manage',
  'businesscase:manage',
  'retention:manage',
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

  it('lets only the vroegsignalering_medewerker handle meldingen; the beheerder configures but never handles', () => {
    const handlers = STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('meldingen:manage'));
    expect(handlers).toEqual(['vroegsignalering_medewerker']);
    expect(permissionsFor(['functioneel_beheerder']).has('meldingen:manage')).toBe(false);
    // Whoever handles meldingen must also be able to read them.
    for (const r of handlers) expect(ROLE_PERMISSIONS[r]).toContain('vroegsignalering:read');
  });

  it('lets only those who handle meldingen write to residents; the beheerder edits templates but sends nothing', () => {
    const senders = STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('outreach:manage'));
    expect(senders).toEqual(['vroegsignalering_medewerker']);
    expect(permissionsFor(['functioneel_beheerder']).has('outreach_templates:manage')).toBe(true);
    expect(permissionsFor(['functioneel_beheerder']).has('outreach:manage')).toBe(false);
    // Writing to a resident needs the melding's personal data.
    for (const r of senders) expect(ROLE_PERMISSIONS[r]).toContain('persons:read');
  });

  it('shows the non-take-up outreach list only to professionals who may see personal data, with a second factor', () => {
    const readers = STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('niet_gebruik:read'));
    expect(readers).toEqual(['vroegsignalering_medewerker', 'schuldhulpverlener', 'regisseur']);
    for (const r of readers) {
      expect(ROLE_PERMISSIONS[r]).toContain('persons:read');
      expect(ROLES_REQUIRING_MFA).toContain(r);
    }
    // Volunteers, policy advisers and the beheerder never see who probably misses a provision.
    for (const r of ['vrijwilliger', 'beleidsmedewerker', 'functioneel_beheerder', 'auditor'] as const)
      expect(permissionsFor([r]).has('niet_gebruik:read'), r).toBe(false);
  });

  it('lets only the beheerder configure the municipal schemes', () => {
    const holders = STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('regelingen:manage'));
    expect(holders).toEqual(['functioneel_beheerder']);
  });

  it('lets only the regisseur change household plans; debt help reads them, network members only by consent', () => {
    const holders = (p: Permission) => STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p));
    expect(holders('households:manage')).toEqual(['regisseur']);
    expect(holders('households:read')).toEqual(['schuldhulpverlener', 'regisseur']);
    // Whoever changes a plan can read every plan, with the BRP data it is built on.
    for (const r of holders('households:manage')) {
      expect(ROLE_PERMISSIONS[r]).toContain('households:read');
      expect(ROLE_PERMISSIONS[r]).toContain('persons:read_bsn');
    }
    expect(holders('household_network:read')).toEqual(['vrijwilliger', 'netwerkpartner']);
    // A network member sees no BSN, cannot search the BRP and cannot read all plans.
    for (const r of holders('household_network:read')) {
      expect(ROLE_PERMISSIONS[r]).not.toContain('persons:read_bsn');
      expect(ROLE_PERMISSIONS[r]).not.toContain('households:read');
      expect(ROLES_REQUIRING_MFA).toContain(r);
    }
    expect([...permissionsFor(['netwerkpartner'])]).toEqual(['household_network:read']);
  });

  it('lets only the schuldhulpverlener run debt-help trajectories; the regisseur reads them, volunteers never', () => {
    const holders = (p: Permission) => STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p));
    expect(holders('schuldhulp:manage')).toEqual(['schuldhulpverlener']);
    expect(holders('schuldhulp:read')).toEqual(['schuldhulpverlener', 'regisseur']);
    // A trajectory holds BSNs and debts: its readers may see personal data and use a second factor.
    for (const r of holders('schuldhulp:read')) {
      expect(ROLE_PERMISSIONS[r]).toContain('persons:read');
      expect(ROLES_REQUIRING_MFA).toContain(r);
    }
    for (const r of [
      'vrijwilliger',
      'netwerkpartner',
      'beleidsmedewerker',
      'functioneel_beheerder',
      'auditor',
    ] as const)
      expect(permissionsFor([r]).has('schuldhulp:read'), r).toBe(false);
  });

  it('keeps the maatwerkbudget apart: the beheerder sets budgets and limits, professionals request and decide', () => {
    const holders = (p: Permission) => STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p));
    expect(holders('budgets:manage')).toEqual(['functioneel_beheerder']);
    expect(holders('budget_requests:manage')).toEqual(['schuldhulpverlener', 'regisseur']);
    // Who sets the limits does not spend the budget.
    for (const r of holders('budgets:manage'))
      expect(ROLE_PERMISSIONS[r]).not.toContain('budget_requests:manage');
    // A request belongs to a household: its holders read household plans and use a second factor.
    for (const r of holders('budget_requests:manage')) {
      expect(ROLE_PERMISSIONS[r]).toContain('households:read');
      expect(ROLES_REQUIRING_MFA).toContain(r);
    }
    expect(holders('interventions:manage')).toEqual([
      'vroegsignalering_medewerker',
      'schuldhulpverlener',
      'regisseur',
    ]);
    expect(holders('businesscase:manage')).toEqual(['beleidsmedewerker']);
  });

  it('lets a vrijwilliger act only on their own matches, never manage volunteers', () => {
    const holders = (p: Permission) => STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p));
    expect(holders('volunteer_matches:manage')).toEqual(['vrijwilliger']);
    expect(holders('volunteers:manage')).toEqual(['coordinator_vrijwilligers']);
  });

  it('never shows a BSN to a vrijwilliger', () => {
    expect(ROLE_PERMISSIONS.vrijwilliger).not.toContain('persons:read_bsn');
    expect(permissionsFor(['vrijwilliger']).has('persons:read_bsn')).toBe(false);
  });

  it('gives a beleidsmedewerker only aggregates, organisation reading and the business-case assumptions', () => {
    expect([...ROLE_PERMISSIONS.beleidsmedewerker].sort()).toEqual([
      'aggregates:read',
      'businesscase:manage',
      'organisation:read',
    ]);
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

  it('lets only the functioneel beheerder set the retention terms; a legal hold is part of handling meldingen', () => {
    expect(STAFF_ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('retention:manage'))).toEqual([
      'functioneel_beheerder',
    ]);
    expect(permissionsFor(['functioneel_beheerder']).has('meldingen:manage')).toBe(false);
    expect(permissionsFor(['vroegsignalering_medewerker']).has('retention:manage')).toBe(false);
  });

  it('unites the permissions of several roles', () => {
    expect([...permissionsFor(['vrijwilliger', 'auditor'])].sort()).toEqual([
      'audit:read',
      'household_network:read',
      'organisation:read',
      'persons:read',
      'volunteer_matches:manage',
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
