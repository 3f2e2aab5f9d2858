import { z } from 'zod';
import type { DdasSignaalpartner } from '../ddas.ts';
import { MAX_AMOUNT_CENTS, PartnerTypeSchema } from './signals.ts';

// Afwegingskader: a municipality's own, transparent prioritisation rules. A rule set is stored versioned as jsonb
// in rule_sets.definition; every melding keeps the rule set id and the explanation (which conditions placed it),
// so the routing can be explained to residents, auditors and the Algoritmeregister. Shared by server and web.

export type PartnerType = DdasSignaalpartner;

/** Young adults ("jongeren" in schuldhulp policy): 18 up to and including 27. */
export const YOUNG_MIN_AGE = 18;
export const YOUNG_MAX_AGE = 27;
/**
 * AOW age in whole years. 67 for 2024-2027; from 2028 it is 67 years and 3 months (Rijksoverheid). The facts carry
 * ages in whole years, so a preset of 67 is the honest granularity; adjust here when the AOW age rises further.
 */
export const AOW_AGE = 67;
/** A crisis melding is always handled within this many working days, whatever the rule says. */
export const CRISIS_MAX_DEADLINE_WORKING_DAYS = 3;
/** A crisis melding never gets a lower priority than this (1 is highest); a rule may set a higher one. */
export const CRISIS_LOWEST_PRIORITY = 2;
/** Default amount threshold: EUR 75. */
export const DEFAULT_THRESHOLD_CENTS = 7500;

const RULE_ID_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export const ContactStrategySchema = z.enum(['kaartje_brief', 'mail', 'telefoon', 'huisbezoek']);
export type ContactStrategy = z.output<typeof ContactStrategySchema>;

export const QueueNameSchema = z.string().trim().min(1).max(100).describe('Name of a work queue (werkbakje)');

export const OutcomeSchema = z
  .strictObject({
    queue: QueueNameSchema,
    priority: z.number().int().min(1).max(5).describe('1 is the highest priority'),
    contactStrategy: ContactStrategySchema,
    deadlineWorkingDays: z.number().int().min(1).max(60),
  })
  .meta({ id: 'RuleOutcome' });
export type Outcome = z.output<typeof OutcomeSchema>;

const Comparison = z.enum(['gte', 'lt']);
const Bool = z.boolean();
/** Whose age an age condition looks at: the oldest or the youngest adult of the household. */
const AgeOf = z.enum(['oldest', 'youngest']).default('oldest');
const Age = z.number().int().min(YOUNG_MIN_AGE).max(130);

/**
 * Semantics (see rules/engine.ts):
 * - partnerType in: the melding has a signal from at least one of these partner types.
 * - amount: the total arrears of the melding, or (with partnerType) the arrears of that partner type; when the
 *   melding has no signal of that partner type the condition does not hold.
 * - daysInArrears / monthsInArrears: the largest over the signals; unknown does not hold.
 * - age: the oldest (default) or youngest adult; a household without known adult ages does not hold.
 *   'young' is 18-27, 'aow' is the AOW age or older, 'between' is min-max inclusive.
 */
const AgeConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ field: z.literal('age'), op: z.literal('between'), min: Age, max: Age, of: AgeOf }),
  z.strictObject({ field: z.literal('age'), op: z.literal('young'), of: AgeOf }),
  z.strictObject({ field: z.literal('age'), op: z.literal('aow'), of: AgeOf }),
]);

export const ConditionSchema = z
  .discriminatedUnion('field', [
    z.strictObject({
      field: z.literal('partnerType'),
      op: z.literal('in'),
      values: z.array(PartnerTypeSchema).min(1).max(11),
    }),
    z.strictObject({
      field: z.literal('amount'),
      op: Comparison,
      cents: z.number().int().min(0).max(MAX_AMOUNT_CENTS),
      partnerType: PartnerTypeSchema.optional(),
    }),
    z.strictObject({
      field: z.literal('daysInArrears'),
      op: Comparison,
      days: z.number().int().min(0).max(20000),
    }),
    z.strictObject({
      field: z.literal('monthsInArrears'),
      op: Comparison,
      months: z.number().int().min(0).max(600),
    }),
    AgeConditionSchema,
    z.strictObject({ field: z.literal('minorChildren'), op: z.literal('eq'), value: Bool }),
    z.strictObject({ field: z.literal('enkelvoudig'), op: z.literal('eq'), value: Bool }),
    z.strictObject({ field: z.literal('meervoudig'), op: z.literal('eq'), value: Bool }),
    z.strictObject({ field: z.literal('opeenvolgend'), op: z.literal('eq'), value: Bool }),
    z.strictObject({
      field: z.literal('crisis'),
      op: z.literal('eq'),
      value: Bool.describe('End of supply, announced eviction or insurance termination'),
    }),
    z.strictObject({ field: z.literal('knownToShv'), op: z.literal('eq'), value: Bool }),
    z.strictObject({ field: z.literal('warmHandover'), op: z.literal('eq'), value: Bool }),
    z.strictObject({
      field: z.literal('wijk'),
      op: z.literal('in'),
      wijkIds: z.array(z.uuid()).min(1).max(500),
    }),
    z.strictObject({
      field: z.literal('signalCount'),
      op: z.literal('gte'),
      count: z.number().int().min(1).max(1000),
    }),
  ])
  .superRefine((c, ctx) => {
    if (c.field === 'age' && c.op === 'between' && c.min > c.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        params: { code: 'min_above_max' },
        message: 'The maximum age is below the minimum age',
      });
    }
  });
export type Condition = z.output<typeof ConditionSchema>;
export type ConditionField = Condition['field'];

export const RuleSchema = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .max(64)
      .refine((v) => RULE_ID_PATTERN.test(v), {
        params: { code: 'invalid_slug' },
        message: 'Use lowercase letters, digits and single - or _ between them',
      }),
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).optional(),
    conditions: z
      .array(ConditionSchema)
      .min(1)
      .max(20)
      .describe('All must hold; use the fallback for "always"'),
    outcome: OutcomeSchema,
  })
  .meta({ id: 'Rule' });
export type Rule = z.output<typeof RuleSchema>;

export const ThresholdsSchema = z.strictObject({
  defaultAmountCents: z.number().int().min(0).max(MAX_AMOUNT_CENTS).default(DEFAULT_THRESHOLD_CENTS),
  amountCentsByPartnerType: z
    .partialRecord(PartnerTypeSchema, z.number().int().min(0).max(MAX_AMOUNT_CENTS))
    .default({}),
});
export type Thresholds = z.output<typeof ThresholdsSchema>;

export const MatchingPeriodSchema = z.enum(['kalendermaand', 'doorlopend']);
export type MatchingPeriod = z.output<typeof MatchingPeriodSchema>;

export const RuleSetDefinitionSchema = z
  .strictObject({
    thresholds: ThresholdsSchema,
    matchingPeriod: MatchingPeriodSchema.describe('How signals at one address are bundled into a melding'),
    crisisQueue: QueueNameSchema.describe('Crisis meldingen always go here'),
    rules: z.array(RuleSchema).max(200).describe('Ordered; the first rule whose conditions all hold wins'),
    fallback: OutcomeSchema,
  })
  .superRefine((def, ctx) => {
    const seen = new Map<string, number>();
    def.rules.forEach((rule, i) => {
      const first = seen.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          params: { code: 'duplicate_rule_id', firstIndex: first },
          message: `Rule id "${rule.id}" is already used by rule ${first + 1}`,
        });
      } else {
        seen.set(rule.id, i);
      }
    });
  })
  .meta({ id: 'RuleSetDefinition' });
export type RuleSetDefinition = z.output<typeof RuleSetDefinitionSchema>;
export type RuleSetDefinitionInput = z.input<typeof RuleSetDefinitionSchema>;

/** Every queue name a definition can route to (for checking them against the municipality's work_queues). */
export function referencedQueues(def: RuleSetDefinition): string[] {
  return [...new Set([def.crisisQueue, ...def.rules.map((r) => r.outcome.queue), def.fallback.queue])];
}

/** A problem in a rule set, with a stable code for translation (same shape as a SignalFieldError). */
export type RuleSetFieldError = { field: string; code: string; message: string };

export function validateRuleSet(
  input: unknown,
): { ok: true; value: RuleSetDefinition } | { ok: false; errors: RuleSetFieldError[] } {
  const parsed = RuleSetDefinitionSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => {
      const params = (i as { params?: { code?: string } }).params;
      return { field: i.path.join('.') || '(rule set)', code: params?.code ?? i.code, message: i.message };
    }),
  };
}

// Explanation of a routing decision, stored in meldingen.rule_explanation. Codes are stable for i18n; params carry
// the rule's values (never facts about the person: the melding itself holds those).

export const EXPLANATION_CODES = [
  'partnerType_in',
  'amount_gte',
  'amount_lt',
  'daysInArrears_gte',
  'daysInArrears_lt',
  'monthsInArrears_gte',
  'monthsInArrears_lt',
  'age_between',
  'age_young',
  'age_aow',
  'minorChildren',
  'enkelvoudig',
  'meervoudig',
  'opeenvolgend',
  'crisis',
  'knownToShv',
  'warmHandover',
  'wijk_in',
  'signalCount_gte',
  'fallback',
  'crisis_override',
] as const;
export type ExplanationCode = (typeof EXPLANATION_CODES)[number];

export const ExplanationParamSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type ExplanationParam = z.output<typeof ExplanationParamSchema>;

export const ExplanationItemSchema = z
  .strictObject({
    ruleId: z
      .string()
      .nullable()
      .describe('The rule this item belongs to; null for the fallback and override'),
    code: z.enum(EXPLANATION_CODES),
    params: z.record(z.string(), ExplanationParamSchema),
    met: z.boolean(),
  })
  .meta({ id: 'RuleExplanationItem' });
export type ExplanationItem = z.output<typeof ExplanationItemSchema>;
