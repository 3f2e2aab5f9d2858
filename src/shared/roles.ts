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
  // A professional of another organisation in a household's network (e.g. maatschappelijk werk): sees a household
  // plan only as far as the resident's consent reaches.
  'netwerkpartner',
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
  // Handling meldingen: claim, assign, register contact, plan, close, hand over (follow-up).
  'meldingen:manage',
  // Using the calculators of the rules engine (beslagvrije voet, normen, toeslagen); no personal data.
  'berekeningen:read',
  // The non-take-up scan of stored households and the outreach list of households that probably miss provisions.
  'niet_gebruik:read',
  // Outreach: print letters and cards, send e-mail and text messages to residents of meldingen.
  'outreach:manage',
  // Outreach: edit letter and message templates and the sender settings.
  'outreach_templates:manage',
  // Configuring the municipal schemes (kwijtschelding, bijzondere bijstand, inkomenstoeslag, minimaregeling).
  'regelingen:manage',
  // Household plans: every plan of the municipality (professionals of debt help and regie).
  'households:read',
  // Household plans: open, hand over, network, consent, ZRM, goals, actions, referrals (the regisseur).
  'households:manage',
  // A network member's view of a household plan: only the households and categories the resident consented to.
  'household_network:read',
  // The debt-help trajectory (Wgs): reading trajectories, clocks and debts of the municipality.
  'schuldhulp:read',
  // The debt-help trajectory: aanmelding, phases, periods, debts and their import (the schuldhulpverlener).
  'schuldhulp:manage',
  // A budgetmaatje's own matches: meetings and progress, escalation to the regisseur, ending the match (issue 9).
  'volunteer_matches:manage',
  // Maatwerkbudget: budgets per year and team, spending limits per role, the four-eyes amount (issue 9).
  'budgets:manage',
  // Maatwerkbudget: requests for a household, the gate, decisions within one's limit, payments, follow-up.
  'budget_requests:manage',
  // Business case: recording an intervention's costs and the risks it likely avoided (issue 9).
  'interventions:manage',
  // Business case: the societal price list, assumptions, scenarios and the "wat werkt" catalogue (issue 9).
  'businesscase:manage',
  // Retention (AVG): the terms per municipality and running the deletion now; no personal data is shown.
  'retention:manage',
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
    // The regisseur keeps the overview of the household, debt help included, but does not run the trajectory.
    'schuldhulp:read',
    'budget_requests:manage',
    'interventions:manage',
  ],
  coordinator_vrijwilligers: ['organisation:read', 'persons:read', 'volunteers:manage', 'berekeningen:read'],
  // A volunteer may see the households they are matched to, but never a BSN.
  vrijwilliger: ['persons:read', 'household_network:read', 'volunteer_matches:manage'],
  // Policy: aggregates only, and the business case's assumptions (price list, scenarios, "wat werkt").
  beleidsmedewerker: ['organisation:read', 'aggregates:read', 'businesscase:manage'],
  auditor: ['organisation:read', 'audit:read'],
  netwerkpartner: ['household_network:read'],
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
  'netwerkpartner',
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
