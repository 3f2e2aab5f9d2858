// Codes of the business case (issue 9), without zod, so the web UI can list them without loading zod; the schemas
// in schemas/businesscase.ts use them.

/** Interventions the business case follows; a municipality names its own types in the catalogue's words. */
export const INTERVENTION_TYPES = [
  'vroegsignalering_contact',
  'maatwerkbudget',
  'budgetmaatje',
  'schuldregeling',
  'schuldhulptraject',
  'energiecoaching',
  'thuisadministratie',
  'overig',
] as const;
export type InterventionType = (typeof INTERVENTION_TYPES)[number];

/**
 * Risks an intervention can avoid, each a code of the price list. A price list may hold more codes; these are the
 * ones the screens know by name.
 */
export const RISK_CODES = [
  'huisuitzetting',
  'uithuisplaatsing',
  'schuldhulptraject',
  'bewindvoering_maand',
  'afsluiting_energie',
  'afsluiting_water',
  'wanbetaling_zorgverzekering',
  'beslaglegging',
] as const;

export const CONFIDENCES = ['laag', 'midden', 'hoog'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const PRICE_UNITS = ['per_gebeurtenis', 'per_maand', 'per_jaar', 'per_traject'] as const;

export const EVIDENCE_TYPES = [
  'effectonderzoek',
  'quasi_experimenteel',
  'praktijkonderzoek',
  'ervaringskennis',
  'lokale_monitor',
] as const;

/** The file one municipality exports and another imports. */
export const WHAT_WORKS_FORMAT = 'vangnet-wat-werkt';
