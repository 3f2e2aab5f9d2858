import {
  AOW_AGE,
  type Condition,
  CRISIS_LOWEST_PRIORITY,
  CRISIS_MAX_DEADLINE_WORKING_DAYS,
  type ExplanationCode,
  type ExplanationItem,
  type ExplanationParam,
  type Outcome,
  type PartnerType,
  type RuleSetDefinition,
  YOUNG_MAX_AGE,
  YOUNG_MIN_AGE,
} from '../../../../shared/schemas/rules.ts';

// The afwegingskader engine: pure, deterministic, no I/O. The caller derives the facts of a melding from its
// signals and household, and stores ruleId, outcome and explanation with the rule set id on the melding.

/** What the rules can look at: one melding (the signals at one household address in a period). */
export type MeldingFacts = {
  partnerTypes: PartnerType[];
  amountCentsByPartnerType: Partial<Record<PartnerType, number>>;
  totalAmountCents: number;
  maxDaysInArrears: number | null;
  maxMonthsInArrears: number | null;
  /** Ages in whole years of the adults in the household. */
  adultAges: number[];
  hasMinorChildren: boolean;
  enkelvoudig: boolean;
  meervoudig: boolean;
  opeenvolgend: boolean;
  /** End of supply, announced eviction or insurance termination in any of the signals. */
  crisis: boolean;
  knownToShv: boolean;
  warmHandover: boolean;
  wijkId: string | null;
  signalCount: number;
};

export type RuleEvaluation = {
  /** The rule that matched; null when the fallback applied. */
  ruleId: string | null;
  outcome: Outcome;
  /**
   * For each rule tried before the match: its first failing condition (met: false). For the matching rule: all
   * its conditions (met: true), or a 'fallback' item. For a crisis melding, last, a 'crisis_override' item.
   */
  explanation: ExplanationItem[];
};

type ConditionResult = { code: ExplanationCode; params: Record<string, ExplanationParam>; met: boolean };

function compare(op: 'gte' | 'lt', actual: number | null | undefined, bound: number): boolean {
  if (actual === null || actual === undefined) return false;
  return op === 'gte' ? actual >= bound : actual < bound;
}

function ageOf(facts: MeldingFacts, of: 'oldest' | 'youngest'): number | null {
  if (facts.adultAges.length === 0) return null;
  return of === 'oldest' ? Math.max(...facts.adultAges) : Math.min(...facts.adultAges);
}

export function evaluateCondition(c: Condition, facts: MeldingFacts): ConditionResult {
  switch (c.field) {
    case 'partnerType':
      return {
        code: 'partnerType_in',
        params: { values: [...c.values] },
        met: c.values.some((v) => facts.partnerTypes.includes(v)),
      };
    case 'amount': {
      const actual =
        c.partnerType === undefined ? facts.totalAmountCents : facts.amountCentsByPartnerType[c.partnerType];
      return {
        code: c.op === 'gte' ? 'amount_gte' : 'amount_lt',
        params:
          c.partnerType === undefined ? { cents: c.cents } : { cents: c.cents, partnerType: c.partnerType },
        met: compare(c.op, actual, c.cents),
      };
    }
    case 'daysInArrears':
      return {
        code: c.op === 'gte' ? 'daysInArrears_gte' : 'daysInArrears_lt',
        params: { days: c.days },
        met: compare(c.op, facts.maxDaysInArrears, c.days),
      };
    case 'monthsInArrears':
      return {
        code: c.op === 'gte' ? 'monthsInArrears_gte' : 'monthsInArrears_lt',
        params: { months: c.months },
        met: compare(c.op, facts.maxMonthsInArrears, c.months),
      };
    case 'age': {
      const age = ageOf(facts, c.of);
      switch (c.op) {
        case 'between':
          return {
            code: 'age_between',
            params: { of: c.of, min: c.min, max: c.max },
            met: age !== null && age >= c.min && age <= c.max,
          };
        case 'young':
          return {
            code: 'age_young',
            params: { of: c.of, min: YOUNG_MIN_AGE, max: YOUNG_MAX_AGE },
            met: age !== null && age >= YOUNG_MIN_AGE && age <= YOUNG_MAX_AGE,
          };
        case 'aow':
          return { code: 'age_aow', params: { of: c.of, min: AOW_AGE }, met: age !== null && age >= AOW_AGE };
        default:
          return unreachable(c);
      }
    }
    case 'minorChildren':
      return { code: 'minorChildren', params: { value: c.value }, met: facts.hasMinorChildren === c.value };
    case 'enkelvoudig':
    case 'meervoudig':
    case 'opeenvolgend':
    case 'crisis':
    case 'knownToShv':
    case 'warmHandover':
      return { code: c.field, params: { value: c.value }, met: facts[c.field] === c.value };
    case 'wijk':
      return {
        code: 'wijk_in',
        params: { wijkIds: [...c.wijkIds] },
        met: facts.wijkId !== null && c.wijkIds.includes(facts.wijkId),
      };
    case 'signalCount':
      return { code: 'signalCount_gte', params: { count: c.count }, met: facts.signalCount >= c.count };
    default:
      return unreachable(c);
  }
}

function unreachable(value: never): never {
  throw new Error(`Unknown condition: ${JSON.stringify(value)}`);
}

/**
 * Routes a melding: the first rule whose conditions all hold wins, else the fallback. A crisis melding always
 * ends in def.crisisQueue, within CRISIS_MAX_DEADLINE_WORKING_DAYS and with at least priority
 * CRISIS_LOWEST_PRIORITY; a matching rule may set a higher priority or a shorter deadline. A card or letter cannot
 * reach the resident and get an answer within that deadline (PostNL delivers ordinary mail in two days), so a
 * crisis outcome of kaartje_brief becomes telefoon.
 */
export function evaluateRules(def: RuleSetDefinition, facts: MeldingFacts): RuleEvaluation {
  const explanation: ExplanationItem[] = [];
  let ruleId: string | null = null;
  let outcome: Outcome | null = null;

  for (const rule of def.rules) {
    const results: ConditionResult[] = [];
    let failed: ConditionResult | null = null;
    for (const condition of rule.conditions) {
      const result = evaluateCondition(condition, facts);
      if (!result.met) {
        failed = result;
        break;
      }
      results.push(result);
    }
    if (failed) {
      explanation.push({ ruleId: rule.id, ...failed });
      continue;
    }
    for (const result of results) explanation.push({ ruleId: rule.id, ...result });
    ruleId = rule.id;
    outcome = { ...rule.outcome };
    break;
  }

  if (!outcome) {
    outcome = { ...def.fallback };
    explanation.push({ ruleId: null, code: 'fallback', params: { queue: outcome.queue }, met: true });
  }

  if (facts.crisis) {
    const changed: string[] = [];
    if (outcome.queue !== def.crisisQueue) {
      outcome.queue = def.crisisQueue;
      changed.push('queue');
    }
    if (outcome.deadlineWorkingDays > CRISIS_MAX_DEADLINE_WORKING_DAYS) {
      outcome.deadlineWorkingDays = CRISIS_MAX_DEADLINE_WORKING_DAYS;
      changed.push('deadlineWorkingDays');
    }
    if (outcome.priority > CRISIS_LOWEST_PRIORITY) {
      outcome.priority = CRISIS_LOWEST_PRIORITY;
      changed.push('priority');
    }
    if (outcome.contactStrategy === 'kaartje_brief') {
      outcome.contactStrategy = 'telefoon';
      changed.push('contactStrategy');
    }
    explanation.push({
      ruleId: null,
      code: 'crisis_override',
      params: {
        queue: outcome.queue,
        priority: outcome.priority,
        contactStrategy: outcome.contactStrategy,
        deadlineWorkingDays: outcome.deadlineWorkingDays,
        changed,
      },
      met: true,
    });
  }

  return { ruleId, outcome, explanation };
}

/** The municipality's amount threshold for signals of one partner type, in cents. */
export function thresholdCentsFor(def: RuleSetDefinition, partnerType: PartnerType): number {
  return def.thresholds.amountCentsByPartnerType[partnerType] ?? def.thresholds.defaultAmountCents;
}

/**
 * True when a signal's amount is below the threshold for its partner type (strictly: an amount equal to the
 * threshold is picked up). Such a signal gets DDAS status 'Niet opgepakt: andere reden' with
 * belowThresholdReason as status reason. Crisis signals are never below the threshold.
 */
export function isBelowThreshold(
  def: RuleSetDefinition,
  partnerType: PartnerType,
  amountCents: number,
  options: { crisis?: boolean } = {},
): boolean {
  if (options.crisis) return false;
  return amountCents < thresholdCentsFor(def, partnerType);
}

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** Dutch status reason for a signal below the threshold (stored in signals.status_reason). */
export function belowThresholdReason(
  def: RuleSetDefinition,
  partnerType: PartnerType,
  amountCents: number,
): string {
  const threshold = thresholdCentsFor(def, partnerType);
  return `Bedrag ${euro.format(amountCents / 100)} is lager dan de drempel van ${euro.format(threshold / 100)} voor ${partnerType}`;
}
