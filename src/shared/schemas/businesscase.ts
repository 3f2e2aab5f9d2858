// The business case per intervention: the versioned societal price list (maatschappelijke prijslijst), the
// assumptions (hourly rate, probability ranges, price uncertainty, index), interventions with costs, outcomes with
// the risks they likely avoided, the view per intervention type and period, scenarios, and the "wat werkt"
// catalogue with its export file. Amounts are whole euro cents.
import { z } from 'zod';
import {
  CONFIDENCES,
  EVIDENCE_TYPES,
  INTERVENTION_TYPES,
  PRICE_UNITS,
  WHAT_WORKS_FORMAT,
} from '../businesscase-codes.ts';
import { InvalidParamSchema } from '../problem.ts';

export {
  CONFIDENCES,
  type Confidence,
  EVIDENCE_TYPES,
  INTERVENTION_TYPES,
  type InterventionType,
  PRICE_UNITS,
  RISK_CODES,
  WHAT_WORKS_FORMAT,
} from '../businesscase-codes.ts';

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Cents = z.number().int().min(0).max(100_000_000_000);

const Code = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,59}$/, 'Use lower case letters, digits and _, starting with a letter.');

// --- Price list ------------------------------------------------------------------------------------------

export const PriceItemInput = z.strictObject({
  code: Code,
  label: z.string().trim().min(2).max(200),
  amountCents: Cents,
  unit: z.enum(PRICE_UNITS),
  priceYear: z.number().int().min(1990).max(2100).describe('The year the amount is in prices of'),
  source: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .describe(
      'Required: where the amount comes from (publication, page). An item without source is refused.',
    ),
  confidence: z.enum(CONFIDENCES),
  validFrom: IsoDate.optional().describe('Defaults to the version’s validFrom'),
  isExample: z
    .boolean()
    .default(false)
    .describe('A clearly marked example value (demo), not a sourced figure'),
});
export type PriceItemInput = z.infer<typeof PriceItemInput>;

export const PriceListBody = z.strictObject({
  validFrom: IsoDate,
  indexPercent: z.number().min(-20).max(50).describe('Yearly index to bring amounts to the year of the view'),
  note: z.string().trim().max(2000).default(''),
  items: z.array(PriceItemInput).max(500),
});

export const PriceListImportBody = z.strictObject({
  validFrom: IsoDate,
  indexPercent: z.number().min(-20).max(50),
  note: z.string().trim().max(2000).default(''),
  csv: z
    .string()
    .max(500_000)
    .describe(
      'CSV with header code;omschrijving;bedrag;eenheid;prijsjaar;bron;betrouwbaarheid (semicolon or comma; ' +
        'bedrag in euros with a decimal comma or point). See docs/decisions/0011.',
    ),
  keepValidLines: z
    .boolean()
    .default(false)
    .describe(
      'false: a file with any bad line is refused whole (400, every problem by line and column). true: the ' +
        'valid lines become the new version and the bad ones are listed in skippedLines.',
    ),
});

export const PriceItemSchema = z.object({
  code: z.string(),
  label: z.string(),
  amountCents: z.number().int(),
  unit: z.enum(PRICE_UNITS),
  priceYear: z.number().int(),
  source: z.string(),
  confidence: z.enum(CONFIDENCES),
  validFrom: z.string(),
  isExample: z.boolean(),
});
export type PriceItem = z.infer<typeof PriceItemSchema>;

export const PriceListVersionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  validFrom: z.string(),
  indexPercent: z.number(),
  note: z.string(),
  createdAt: z.iso.datetime(),
  createdByName: z.string().nullable(),
  items: z.array(PriceItemSchema),
});
export type PriceListVersion = z.infer<typeof PriceListVersionSchema>;

/** The answer to an import: the new version and, with keepValidLines, every line left out and why. */
export const PriceListImportResultSchema = PriceListVersionSchema.extend({
  skippedLines: z.array(InvalidParamSchema),
});
export type PriceListImportResult = z.infer<typeof PriceListImportResultSchema>;

export const PriceListSummarySchema = PriceListVersionSchema.omit({ items: true }).extend({
  itemCount: z.number().int(),
});

// --- Assumptions and scenarios ---------------------------------------------------------------------------

const Range = z
  .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
  .describe('[low, high] probability that the risk would have happened without the intervention');

export const SettingsSchema = z.object({
  hourlyRateCents: Cents.describe('Cost of one hour of professional time'),
  probability: z.object({ laag: Range, midden: Range, hoog: Range }),
  priceSpread: z
    .object({
      laag: z.number().min(0).max(1),
      midden: z.number().min(0).max(1),
      hoog: z.number().min(0).max(1),
    })
    .describe('Relative uncertainty of a price, by the confidence of its source'),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const SettingsBody = SettingsSchema.strict();

export const AssumptionsSchema = SettingsSchema.extend({
  indexPercent: z.number().min(-20).max(50),
  targetYear: z.number().int().min(1990).max(2100),
  prices: z.array(
    PriceItemSchema.omit({ validFrom: true, isExample: true }).extend({ isExample: z.boolean() }),
  ),
});
export type Assumptions = z.infer<typeof AssumptionsSchema>;

export const ScenarioBody = z.strictObject({
  name: z.string().trim().min(2).max(200),
  assumptions: AssumptionsSchema.optional().describe('Omit to copy the assumptions in force'),
});
export const ScenarioPatchBody = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  assumptions: AssumptionsSchema.optional(),
});
export const ScenarioSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  assumptions: AssumptionsSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

// --- Interventions and outcomes --------------------------------------------------------------------------

export const InterventionBody = z.strictObject({
  householdCaseId: z.uuid().optional(),
  interventionType: z.enum(INTERVENTION_TYPES),
  startedOn: IsoDate,
  costCents: Cents.default(0).describe('Money spent (not professional time)'),
  hours: z.number().min(0).max(10_000).default(0).describe('Professional hours, priced at the hourly rate'),
  note: z.string().trim().max(2000).default(''),
});

export const OutcomeBody = z.strictObject({
  riskCode: Code.describe('A code of the price list, e.g. huisuitzetting or afsluiting_energie'),
  quantity: z
    .number()
    .gt(0)
    .max(1000)
    .default(1)
    .describe('How many of the unit (e.g. months of bewindvoering)'),
  confidence: z.enum(CONFIDENCES).describe("The worker's confidence that the risk was real and avoided"),
  judgement: Text(2000).describe("The worker's judgement in their own words"),
  recordedOn: IsoDate,
});

export const OutcomeSchema = z.object({
  id: z.uuid(),
  riskCode: z.string(),
  quantity: z.number(),
  confidence: z.enum(CONFIDENCES),
  judgement: z.string(),
  recordedOn: z.string(),
  recordedByName: z.string().nullable(),
});

export const InterventionSchema = z.object({
  id: z.uuid(),
  householdCaseId: z.uuid().nullable(),
  interventionType: z.string(),
  startedOn: z.string(),
  costCents: z.number().int(),
  hours: z.number(),
  note: z.string(),
  sourceKind: z.enum(['handmatig', 'maatwerkbudget', 'budgetmaatje']),
  outcomes: z.array(OutcomeSchema),
});
export type Intervention = z.infer<typeof InterventionSchema>;

export const InterventionListQuery = z.strictObject({
  householdCaseId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// --- The view ----------------------------------------------------------------------------------------------

export const BusinessCaseQuery = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  interventionType: z.enum(INTERVENTION_TYPES).optional(),
  scenarioId: z.uuid().optional().describe('Compute with the assumptions of this scenario'),
  taal: z.enum(['nl', 'en']).default('nl').describe('Language of the PDF and CSV headers'),
});
export type BusinessCaseQuery = z.infer<typeof BusinessCaseQuery>;

// For a user without persons:read, a figure resting on fewer than five households (a row) or outcomes (a risk within
// a row) is null and the row says `suppressed`; see src/shared/suppression.ts and docs/decisions/0011.
const Count = z.number().int().nullable();
const Amount = z.number().nullable();

export const RiskRowSchema = z.object({
  riskCode: z.string(),
  label: z.string().nullable(),
  outcomes: Count,
  quantity: Amount,
  avoidedLowCents: Count,
  avoidedHighCents: Count,
  priced: z.boolean(),
  suppressed: z
    .boolean()
    .describe('Figures hidden: fewer than 5 outcomes, or they would give such a risk back'),
});
export type RiskRow = z.infer<typeof RiskRowSchema>;

export const BusinessCaseRowSchema = z.object({
  interventionType: z.string(),
  interventions: Count,
  households: Count,
  moneyCents: Count,
  hours: Amount,
  hourCostsCents: Count,
  costsCents: Count,
  avoidedLowCents: Count,
  avoidedHighCents: Count,
  ratioLow: z.number().nullable(),
  ratioHigh: z.number().nullable(),
  suppressed: z
    .boolean()
    .describe(
      'Figures hidden (null): fewer than 5 households, or the total would give such a row back. A suppressed row ' +
        'has no risks.',
    ),
  risks: z.array(RiskRowSchema),
});
export type BusinessCaseRow = z.infer<typeof BusinessCaseRowSchema>;

export const BusinessCaseViewSchema = z.object({
  from: z.string(),
  to: z.string(),
  interventionType: z.string().nullable(),
  scenario: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  priceList: z.object({ id: z.uuid(), version: z.number().int(), validFrom: z.string() }).nullable(),
  suppressed: z
    .boolean()
    .describe('Whether small numbers (<5 households or outcomes) are hidden for this user (no persons:read)'),
  rows: z.array(BusinessCaseRowSchema),
  total: BusinessCaseRowSchema.describe(
    'Without its risks when any row or risk is suppressed: the total per risk would give a suppressed one back',
  ),
  assumptions: AssumptionsSchema,
  missingPrices: z
    .array(z.string())
    .describe('Risk codes recorded as avoided that have no price: valued at 0'),
});
export type BusinessCaseView = z.infer<typeof BusinessCaseViewSchema>;

// --- "Wat werkt" ---------------------------------------------------------------------------------------------

export const WhatWorksBody = z.strictObject({
  interventionType: z.enum(INTERVENTION_TYPES),
  title: z.string().trim().min(2).max(200),
  description: Text(5000),
  evidenceSource: Text(1000),
  evidenceType: z.enum(EVIDENCE_TYPES),
  contact: z.string().trim().max(500).default(''),
});

export const SharedResultsSchema = z.object({
  from: z.string(),
  to: z.string(),
  households: z.number().int(),
  costsCents: z.number().int(),
  avoidedLowCents: z.number().int(),
  avoidedHighCents: z.number().int(),
});

export const WhatWorksSchema = z.object({
  id: z.uuid(),
  interventionType: z.string(),
  title: z.string(),
  description: z.string(),
  evidenceSource: z.string(),
  evidenceType: z.enum(EVIDENCE_TYPES),
  contact: z.string(),
  origin: z.enum(['eigen', 'geimporteerd']),
  originMunicipality: z.string().nullable(),
  /** Results of the business case of this municipality over the last twelve months (own entries). */
  localResults: SharedResultsSchema.nullable(),
  localResultsSuppressed: z
    .boolean()
    .describe(
      'The local results exist but are hidden for this user: fewer than 5 households (small numbers)',
    ),
  /** Results the sharing municipality exported with an imported entry. */
  sharedResults: SharedResultsSchema.nullable(),
});
export type WhatWorks = z.infer<typeof WhatWorksSchema>;

/** The file one municipality exports and another imports. */
export const WhatWorksFileSchema = z.object({
  format: z.literal(WHAT_WORKS_FORMAT),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  municipality: z.string(),
  entries: z
    .array(
      z.object({
        interventionType: z.enum(INTERVENTION_TYPES),
        title: z.string().trim().min(2).max(200),
        description: Text(5000),
        evidenceSource: Text(1000),
        evidenceType: z.enum(EVIDENCE_TYPES),
        contact: z.string().max(500),
        results: SharedResultsSchema.nullable().describe(
          'Null when there are none, or when they rest on fewer than 5 households: the file leaves the municipality',
        ),
      }),
    )
    .max(500),
});
export type WhatWorksFile = z.infer<typeof WhatWorksFileSchema>;
export const WhatWorksImportResultSchema = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
});
