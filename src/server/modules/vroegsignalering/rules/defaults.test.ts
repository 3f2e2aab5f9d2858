import { describe, expect, it } from 'vitest';
import { DDAS_SIGNAALPARTNERS } from '../../../../shared/ddas.ts';
import {
  CRISIS_MAX_DEADLINE_WORKING_DAYS,
  RuleSetDefinitionSchema,
  referencedQueues,
} from '../../../../shared/schemas/rules.ts';
import { DEFAULT_RULE_SET, DEFAULT_WORK_QUEUES } from './defaults.ts';
import { evaluateRules, isBelowThreshold, type MeldingFacts } from './engine.ts';
import { facts } from './test-helpers.ts';

describe('DEFAULT_RULE_SET', () => {
  it('validates against the schema, also after a JSON round trip', () => {
    expect(RuleSetDefinitionSchema.safeParse(DEFAULT_RULE_SET).success).toBe(true);
    expect(RuleSetDefinitionSchema.parse(JSON.parse(JSON.stringify(DEFAULT_RULE_SET)))).toEqual(
      DEFAULT_RULE_SET,
    );
  });

  it('only routes to default work queues, with the crisis queue of kind crisis', () => {
    const names = DEFAULT_WORK_QUEUES.map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
    for (const queue of referencedQueues(DEFAULT_RULE_SET)) expect(names).toContain(queue);
    expect(DEFAULT_WORK_QUEUES.find((q) => q.name === DEFAULT_RULE_SET.crisisQueue)?.kind).toBe('crisis');
    for (const q of DEFAULT_WORK_QUEUES) expect(q.targetWorkingDays).toBeGreaterThan(0);
  });

  it('has rules in Dutch with a description', () => {
    for (const rule of DEFAULT_RULE_SET.rules) expect(rule.description?.length).toBeGreaterThan(20);
  });

  it('handles crisis rules within three working days', () => {
    for (const rule of DEFAULT_RULE_SET.rules.filter(
      (r) => r.outcome.queue === DEFAULT_RULE_SET.crisisQueue,
    )) {
      expect(rule.outcome.deadlineWorkingDays).toBeLessThanOrEqual(CRISIS_MAX_DEADLINE_WORKING_DAYS);
      expect(['telefoon', 'huisbezoek']).toContain(rule.outcome.contactStrategy);
    }
  });

  const housing = (partner: 'Huur' | 'Hypotheek', cents: number): Partial<MeldingFacts> => ({
    partnerTypes: [partner],
    amountCentsByPartnerType: { [partner]: cents },
    totalAmountCents: cents,
  });
  const multi: Partial<MeldingFacts> = {
    partnerTypes: ['Energie', 'Zorg'],
    amountCentsByPartnerType: { Energie: 20000, Zorg: 30000 },
    totalAmountCents: 50000,
    enkelvoudig: false,
    meervoudig: true,
    signalCount: 2,
  };

  it.each<[string, Partial<MeldingFacts>, string | null, string, string]>([
    ['plain energy arrear', {}, null, 'Regulier', 'kaartje_brief'],
    ['energy cut-off', { crisis: true }, 'crisis', 'Crisis', 'telefoon'],
    [
      'eviction with children',
      { ...housing('Huur', 300000), crisis: true, hasMinorChildren: true },
      'crisis-met-kinderen',
      'Crisis',
      'huisbezoek',
    ],
    ['crisis of a young person', { crisis: true, adultAges: [21] }, 'crisis', 'Crisis', 'telefoon'],
    ['warm handover', { warmHandover: true }, 'warme-overdracht', 'Hoge prioriteit', 'telefoon'],
    [
      'meervoudig with children',
      { ...multi, hasMinorChildren: true },
      'meervoudig-met-kinderen',
      'Hoge prioriteit',
      'huisbezoek',
    ],
    ['meervoudig without children', multi, null, 'Regulier', 'kaartje_brief'],
    [
      'opeenvolgend with children',
      { opeenvolgend: true, hasMinorChildren: true },
      'opeenvolgend-met-kinderen',
      'Hoge prioriteit',
      'huisbezoek',
    ],
    ['opeenvolgend without children', { opeenvolgend: true }, null, 'Regulier', 'kaartje_brief'],
    [
      'rent arrears of EUR 500',
      housing('Huur', 50000),
      'huurachterstand-vanaf-500',
      'Hoge prioriteit',
      'telefoon',
    ],
    ['rent arrears of EUR 499.99', housing('Huur', 49999), null, 'Regulier', 'kaartje_brief'],
    [
      'mortgage arrears of EUR 2,000',
      housing('Hypotheek', 200000),
      'hypotheekachterstand-vanaf-500',
      'Hoge prioriteit',
      'telefoon',
    ],
    ['young household', { adultAges: [19, 23] }, 'jongeren', 'Hoge prioriteit', 'mail'],
    ['young adult living with parents', { adultAges: [19, 48, 50] }, null, 'Regulier', 'kaartje_brief'],
    ['28-year-old', { adultAges: [28] }, null, 'Regulier', 'kaartje_brief'],
    ['AOW household', { adultAges: [70, 66] }, 'aow-leeftijd', 'Huisbezoek wijkteam', 'kaartje_brief'],
    ['66-year-old', { adultAges: [66] }, null, 'Regulier', 'kaartje_brief'],
    [
      'AOW with high rent arrears',
      { ...housing('Huur', 80000), adultAges: [72] },
      'huurachterstand-vanaf-500',
      'Hoge prioriteit',
      'telefoon',
    ],
    ['unknown household', { adultAges: [] }, null, 'Regulier', 'kaartje_brief'],
  ])('%s', (_name, overrides, ruleId, queue, contactStrategy) => {
    const r = evaluateRules(DEFAULT_RULE_SET, facts(overrides));
    expect(r.ruleId).toBe(ruleId);
    expect(r.outcome.queue).toBe(queue);
    expect(r.outcome.contactStrategy).toBe(contactStrategy);
    if (queue === 'Crisis') expect(r.outcome.deadlineWorkingDays).toBeLessThanOrEqual(3);
  });

  it('explains a crisis melding without changing the crisis rule', () => {
    const r = evaluateRules(DEFAULT_RULE_SET, facts({ crisis: true }));
    expect(r.explanation.map((i) => [i.ruleId, i.code, i.met])).toEqual([
      ['crisis-met-kinderen', 'minorChildren', false],
      ['crisis', 'crisis', true],
      [null, 'crisis_override', true],
    ]);
    expect(r.explanation.at(-1)?.params.changed).toEqual([]);
  });

  it('has thresholds: EUR 75 by default, housing and CAK Zorgverzekeringen always picked up', () => {
    expect(isBelowThreshold(DEFAULT_RULE_SET, 'Energie', 7499)).toBe(true);
    expect(isBelowThreshold(DEFAULT_RULE_SET, 'Energie', 7500)).toBe(false);
    expect(isBelowThreshold(DEFAULT_RULE_SET, 'CAK Zorgverzekeringen', 1)).toBe(false);
    expect(isBelowThreshold(DEFAULT_RULE_SET, 'Huur', 1)).toBe(false);
    expect(isBelowThreshold(DEFAULT_RULE_SET, 'Hypotheek', 1)).toBe(false);
    expect(isBelowThreshold(DEFAULT_RULE_SET, 'Water', 6000)).toBe(false);
    expect(isBelowThreshold(DEFAULT_RULE_SET, 'Energie', 1, { crisis: true })).toBe(false);
    for (const partner of DDAS_SIGNAALPARTNERS) {
      expect(isBelowThreshold(DEFAULT_RULE_SET, partner, 7500)).toBe(false);
    }
  });
});
