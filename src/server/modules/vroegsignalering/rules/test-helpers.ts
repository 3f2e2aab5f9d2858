import type { Outcome, RuleSetDefinition, RuleSetDefinitionInput } from '../../../../shared/schemas/rules.ts';
import { RuleSetDefinitionSchema } from '../../../../shared/schemas/rules.ts';
import type { MeldingFacts } from './engine.ts';

/** Facts of a plain melding: one Energie signal of EUR 100 at a household of one adult of 40. */
export function facts(overrides: Partial<MeldingFacts> = {}): MeldingFacts {
  return {
    partnerTypes: ['Energie'],
    amountCentsByPartnerType: { Energie: 10000 },
    totalAmountCents: 10000,
    maxDaysInArrears: 60,
    maxMonthsInArrears: 2,
    adultAges: [40],
    hasMinorChildren: false,
    enkelvoudig: true,
    meervoudig: false,
    opeenvolgend: false,
    crisis: false,
    knownToShv: false,
    warmHandover: false,
    wijkId: null,
    signalCount: 1,
    ...overrides,
  };
}

export const FALLBACK: Outcome = {
  queue: 'Regulier',
  priority: 3,
  contactStrategy: 'kaartje_brief',
  deadlineWorkingDays: 10,
};

/** A valid definition around the given rules (parsed, so defaults are applied). */
export function ruleSet(
  rules: RuleSetDefinitionInput['rules'],
  extra: Partial<RuleSetDefinitionInput> = {},
): RuleSetDefinition {
  return RuleSetDefinitionSchema.parse({
    thresholds: {},
    matchingPeriod: 'kalendermaand',
    crisisQueue: 'Crisis',
    rules,
    fallback: FALLBACK,
    ...extra,
  });
}
