// The maatwerkbudget: budgets per municipality and year (optionally per team) with spending limits per role and a
// four-eyes amount; requests for a household with the gate before approval (own network, voorliggende
// voorzieningen), decisions, payments for the financial administration, and the 30- and 90-day follow-up.
// Amounts are whole euro cents.
import { z } from 'zod';

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Cents = z.number().int().min(0).max(100_000_000_000);

export const BUDGET_CATEGORIES = [
  'energie',
  'huur',
  'water',
  'zorg',
  'school',
  'vervoer',
  'inrichting',
  'schulden',
  'levensonderhoud',
  'overig',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/** Roles that can hold a spending limit: those who request and decide (budget_requests:manage). */
export const LIMIT_ROLES = ['regisseur', 'schuldhulpverlener'] as const;

/** The voorliggende voorzieningen the gate asks about; the codes are those of the rules engine's scan. */
export const PROVISIONS = [
  'kwijtschelding',
  'huurtoeslag',
  'zorgtoeslag',
  'kindgebonden-budget',
  'bijzondere-bijstand',
  'bijstand',
  'individuele-inkomenstoeslag',
  'minimaregeling',
] as const;
export type Provision = (typeof PROVISIONS)[number];

export const PROVISION_OUTCOMES = [
  'niet_gecontroleerd',
  'ontvangt_al',
  'aangevraagd',
  'toegekend',
  'afgewezen',
  'geen_recht',
  'niet_van_toepassing',
] as const;

export const REQUEST_STATUSES = [
  'ingediend',
  'eerste_akkoord',
  'goedgekeurd',
  'afgewezen',
  'betaald',
  'afgerond',
  'ingetrokken',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

// --- Budgets ---------------------------------------------------------------------------------------------

const Limits = z
  .partialRecord(z.enum(LIMIT_ROLES), Cents)
  .describe('Highest amount per request each role may approve; a role without a limit cannot approve');

export const BudgetBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  teamId: z.uuid().optional().describe('A budget of one team; without it, of the whole municipality'),
  name: z.string().trim().min(2).max(200),
  totalCents: Cents,
  fourEyesAboveCents: Cents.describe('Above this amount two people must approve'),
  limits: Limits,
});

export const BudgetPatchBody = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  totalCents: Cents.optional(),
  fourEyesAboveCents: Cents.optional(),
  limits: Limits.optional(),
});

export const CategoryTotalsSchema = z.object({
  category: z.enum(BUDGET_CATEGORIES),
  requests: z.number().int(),
  spentCents: z.number().int(),
  committedCents: z.number().int(),
  pendingCents: z.number().int(),
});

export const BudgetSchema = z.object({
  id: z.uuid(),
  year: z.number().int(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  name: z.string(),
  totalCents: z.number().int(),
  fourEyesAboveCents: z.number().int(),
  limits: z.record(z.string(), z.number().int()),
  spentCents: z.number().int().describe('Paid'),
  committedCents: z.number().int().describe('Approved, not yet paid'),
  pendingCents: z.number().int().describe('Requested, not yet decided'),
  remainingCents: z.number().int().describe('Total minus spent minus committed'),
  perCategory: z.array(CategoryTotalsSchema),
});
export type Budget = z.infer<typeof BudgetSchema>;

// --- Requests --------------------------------------------------------------------------------------------

const Iban = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/, 'Not an IBAN.'));

export const BudgetRequestBody = z.strictObject({
  budgetId: z.uuid(),
  householdCaseId: z.uuid(),
  goalId: z.uuid().optional().describe('The goal of the household plan this request serves'),
  category: z.enum(BUDGET_CATEGORIES),
  problem: z.string().trim().min(3).max(2000),
  amountCents: z.number().int().min(1).max(100_000_000),
  payeeName: z.string().trim().min(2).max(200).describe('E.g. the energy supplier, paid directly'),
  payeeIban: Iban,
  paymentReference: z.string().trim().max(140).default(''),
  expectedEffect: z.string().trim().min(3).max(2000),
  networkConsidered: z.boolean().default(false).describe("The household's own network was considered first"),
  networkNote: z.string().trim().max(2000).default(''),
});
export type BudgetRequestBody = z.infer<typeof BudgetRequestBody>;

export const GateBody = z.strictObject({
  version: z.number().int().min(1),
  networkConsidered: z.boolean().optional(),
  networkNote: z.string().trim().max(2000).optional(),
  provisions: z
    .array(
      z.strictObject({
        provision: z.enum(PROVISIONS),
        outcome: z.enum(PROVISION_OUTCOMES),
        note: z.string().trim().max(1000).default(''),
      }),
    )
    .max(PROVISIONS.length)
    .default([]),
});

export const DecisionBody = z.strictObject({
  version: z.number().int().min(1),
  decision: z.enum(['akkoord', 'afgewezen']),
  reason: z.string().trim().max(2000).default(''),
  gateOverrideReason: z
    .string()
    .trim()
    .min(3)
    .max(2000)
    .optional()
    .describe('Approve although a likely-eligible provision is unchecked; the reason is recorded'),
});

export const PaymentBody = z.strictObject({
  version: z.number().int().min(1),
  paidOn: IsoDate,
  reference: z.string().trim().max(140).optional(),
});

export const WithdrawBody = z.strictObject({ version: z.number().int().min(1), reason: Text(1000) });

export const FollowupBody = z.strictObject({
  effect: z.enum(['bereikt', 'deels', 'niet_bereikt', 'onbekend']),
  note: z.string().trim().max(2000).default(''),
});

export const ProvisionSchema = z.object({
  provision: z.enum(PROVISIONS),
  label: z.string(),
  likelyEligible: z.boolean(),
  estimateYearlyCents: z.number().int().nullable(),
  outcome: z.enum(PROVISION_OUTCOMES),
  note: z.string(),
  checkedByName: z.string().nullable(),
  checkedAt: z.iso.datetime().nullable(),
});

export const DecisionSchema = z.object({
  decision: z.enum(['akkoord', 'afgewezen']),
  byName: z.string(),
  roles: z.array(z.string()),
  reason: z.string(),
  gateOverrideReason: z.string().nullable(),
  at: z.iso.datetime(),
});

export const FollowupSchema = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  afterDays: z.number().int(),
  dueOn: z.string(),
  status: z.enum(['gepland', 'te_beoordelen', 'beoordeeld']),
  effect: z.enum(['bereikt', 'deels', 'niet_bereikt', 'onbekend']).nullable(),
  note: z.string().nullable(),
});

export const BudgetRequestSchema = z.object({
  id: z.uuid(),
  budgetId: z.uuid(),
  budgetName: z.string(),
  householdCaseId: z.uuid(),
  householdLabel: z.string(),
  goalId: z.uuid().nullable(),
  goalTitle: z.string().nullable(),
  category: z.enum(BUDGET_CATEGORIES),
  problem: z.string(),
  amountCents: z.number().int(),
  payeeName: z.string(),
  payeeIban: z.string(),
  paymentReference: z.string(),
  expectedEffect: z.string(),
  networkConsidered: z.boolean(),
  networkNote: z.string(),
  status: z.enum(REQUEST_STATUSES),
  requestedBy: z.object({ id: z.uuid(), name: z.string() }),
  requestedAt: z.iso.datetime(),
  scannedAt: z.iso.datetime().nullable(),
  gateOverrideReason: z.string().nullable(),
  version: z.number().int(),
  needsFourEyes: z.boolean(),
  /** What still blocks approval (empty when the gate is passed). */
  gateBlocks: z.array(z.enum(['netwerk', ...PROVISIONS])),
  provisions: z.array(ProvisionSchema),
  decisions: z.array(DecisionSchema),
  payment: z.object({ paidOn: z.string(), amountCents: z.number().int(), reference: z.string() }).nullable(),
  followups: z.array(FollowupSchema),
});
export type BudgetRequest = z.infer<typeof BudgetRequestSchema>;

export const BudgetRequestListItemSchema = BudgetRequestSchema.pick({
  id: true,
  budgetId: true,
  householdCaseId: true,
  householdLabel: true,
  category: true,
  amountCents: true,
  payeeName: true,
  status: true,
  requestedAt: true,
  requestedBy: true,
});

export const BudgetRequestListQuery = z.strictObject({
  budgetId: z.uuid().optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  householdCaseId: z.uuid().optional(),
  cursor: z.string().max(200).optional().describe('Opaque cursor from nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** One page of requests, newest first; follow nextCursor until it is null to see them all. */
export const BudgetRequestPageSchema = z.object({
  items: z.array(BudgetRequestListItemSchema),
  nextCursor: z.string().nullable(),
});

export const PaymentExportQuery = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  budgetId: z.uuid().optional(),
});

export const FollowupListQuery = z.strictObject({
  status: z.enum(['gepland', 'te_beoordelen', 'beoordeeld']).default('te_beoordelen'),
});
