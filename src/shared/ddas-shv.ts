// DDAS schuldhulpverlening (SHV) v1.0 code lists, verbatim from ../shared/standards/ddas/schuldhulpverlening/v1.0/
// json_schema_Uitwisselmodel.json ($defs), in the schema's own order. Never translate or reorder them here: screens
// translate them through i18n keys, the export maps to them explicitly. src/shared/ddas-shv.test.ts checks these
// lists against the schema file.

export const SHV_BESCHIKKINGSSOORTEN = ['Afwijzingsbeschikking', 'Toelatingsbeschikking'] as const;
export type ShvBeschikkingssoort = (typeof SHV_BESCHIKKINGSSOORTEN)[number];

export const SHV_GESLACHTEN = ['Man', 'Vrouw', 'Onbekend', 'Leeg'] as const;
export type ShvGeslacht = (typeof SHV_GESLACHTEN)[number];

export const SHV_BEGELEIDINGSSOORTEN = [
  'Budgetcoaching',
  'Budgetbeheer',
  'Beschermingsbewind',
  'Lange Termijn Begeleiding (DFD)',
  'Budgetbegeleiding',
] as const;
export type ShvBegeleidingssoort = (typeof SHV_BEGELEIDINGSSOORTEN)[number];

export const SHV_UITSTROOMREDENEN = [
  'Overleden',
  'Verhuisd',
  'Nietverschenen',
  'Ingetrokken',
  'Niet passend',
  'Overig',
  'Voldoet niet',
  'Afgerond',
  'Zelf',
] as const;
export type ShvUitstroomreden = (typeof SHV_UITSTROOMREDENEN)[number];

export const SHV_SCHULDENSOORTEN = ['Zorg', 'Publiek', 'Nuts', 'Overig'] as const;
export type ShvSchuldensoort = (typeof SHV_SCHULDENSOORTEN)[number];

export const SHV_OPLOSSINGSSOORTEN = [
  'Betalingsregeling',
  'Herfinanciering',
  'Saneringskrediet',
  'Schuldbemiddeling',
  '0%-aanbod',
] as const;
export type ShvOplossingssoort = (typeof SHV_OPLOSSINGSSOORTEN)[number];

/**
 * The solutions that are a schuldregeling (a settlement of all debts for a partial payment): the 18-month term
 * applies to them. A betalingsregeling, herfinanciering or 0%-aanbod pays the debts in full.
 */
export const SHV_SCHULDREGELING_SOORTEN: readonly ShvOplossingssoort[] = [
  'Saneringskrediet',
  'Schuldbemiddeling',
];

// --- Vangnet's own lists around the DDAS model (not DDAS code lists) ---------------------------------------

/** The phases of a trajectory in the order the NVVK and DDAS describe them; the current one is derived. */
export const SHV_PHASES = [
  'aanmelding',
  'informatie_en_advies',
  'intake',
  'stabilisatie',
  'oplossing',
  'nazorg',
  'uitstroom',
] as const;
export type ShvPhase = (typeof SHV_PHASES)[number];

/** Why a situation is threatening (Wgs art. 4a lid 2): the first conversation within 3 working days. */
export const SHV_THREAT_KINDS = [
  'huisuitzetting',
  'afsluiting_energie_water',
  'beeindiging_zorgverzekering',
  'overig',
] as const;
export type ShvThreatKind = (typeof SHV_THREAT_KINDS)[number];

/** Repeating parts of a trajectory that have a start and an end. */
export const SHV_PERIOD_KINDS = [
  'crisisinterventie',
  'moratorium',
  'voorlopige_voorziening',
  'begeleiding',
] as const;
export type ShvPeriodKind = (typeof SHV_PERIOD_KINDS)[number];

/** Where a debt stands: in the inventory, an offer sent to the creditor, the creditor agreed, paid. */
export const DEBT_STATUSES = ['in_inventarisatie', 'aanbod_verstuurd', 'akkoord', 'betaald'] as const;
export type DebtStatus = (typeof DEBT_STATUSES)[number];

/** The statutory clocks of a trajectory. */
export const SHV_CLOCKS = [
  'eerste_gesprek',
  'beschikking',
  'crisisinterventie',
  'moratorium',
  'schuldregeling',
] as const;
export type ShvClock = (typeof SHV_CLOCKS)[number];

/** met_late: met, but after the due day (shown as a violation afterwards). */
export const SHV_CLOCK_STATES = ['met', 'met_late', 'overdue', 'due_soon', 'on_track'] as const;
export type ShvClockState = (typeof SHV_CLOCK_STATES)[number];
