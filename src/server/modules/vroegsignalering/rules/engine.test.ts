import { describe, expect, it } from 'vitest';
import type { Condition, ConditionField, RuleSetDefinitionInput } from '../../../../shared/schemas/rules.ts';
import { ConditionSchema } from '../../../../shared/schemas/rules.ts';
import {
  belowThresholdReason,
  evaluateCondition,
  evaluateRules,
  isBelowThreshold,
  type MeldingFacts,
  thresholdCentsFor,
} from './engine.ts';
import { FALLBACK, facts, ruleSet } from './test-helpers.ts';

const WIJK_A = '7b0f6f8e-3c1a-4c55-9a57-6a0d2f1e2b01';
const WIJK_B = '7b0f6f8e-3c1a-4c55-9a57-6a0d2f1e2b02';

function cond(input: unknown): Condition {
  return ConditionSchema.parse(input);
}

type Case = [name: string, condition: unknown, met: Partial<MeldingFacts>, notMet: Partial<MeldingFacts>];

// Every condition kind: one fact set where it holds and one where it does not.
const cases: Case[] = [
  [
    'partnerType in',
    { field: 'partnerType', op: 'in', values: ['Huur', 'Water'] },
    { partnerTypes: ['Energie', 'Water'] },
    { partnerTypes: ['Energie', 'Zorg'] },
  ],
  [
    'amount gte (total)',
    { field: 'amount', op: 'gte', cents: 10000 },
    { totalAmountCents: 10000 },
    { totalAmountCents: 9999 },
  ],
  [
    'amount lt (total)',
    { field: 'amount', op: 'lt', cents: 10000 },
    { totalAmountCents: 9999 },
    { totalAmountCents: 10000 },
  ],
  [
    'amount gte for a partner type',
    { field: 'amount', op: 'gte', cents: 50000, partnerType: 'Huur' },
    { amountCentsByPartnerType: { Huur: 50000, Energie: 100 }, totalAmountCents: 50100 },
    { amountCentsByPartnerType: { Huur: 49999, Energie: 90000 }, totalAmountCents: 139999 },
  ],
  [
    'amount lt for a partner type (absent partner does not hold)',
    { field: 'amount', op: 'lt', cents: 50000, partnerType: 'Huur' },
    { amountCentsByPartnerType: { Huur: 100 } },
    { amountCentsByPartnerType: { Energie: 100 } },
  ],
  [
    'daysInArrears gte',
    { field: 'daysInArrears', op: 'gte', days: 90 },
    { maxDaysInArrears: 90 },
    { maxDaysInArrears: null },
  ],
  [
    'daysInArrears lt',
    { field: 'daysInArrears', op: 'lt', days: 90 },
    { maxDaysInArrears: 89 },
    { maxDaysInArrears: 90 },
  ],
  [
    'monthsInArrears gte',
    { field: 'monthsInArrears', op: 'gte', months: 3 },
    { maxMonthsInArrears: 3 },
    { maxMonthsInArrears: 2 },
  ],
  [
    'monthsInArrears lt',
    { field: 'monthsInArrears', op: 'lt', months: 3 },
    { maxMonthsInArrears: 2 },
    { maxMonthsInArrears: null },
  ],
  [
    'age between (oldest, default)',
    { field: 'age', op: 'between', min: 30, max: 50 },
    { adultAges: [25, 50] },
    { adultAges: [35, 51] },
  ],
  [
    'age between (youngest)',
    { field: 'age', op: 'between', min: 30, max: 50, of: 'youngest' },
    { adultAges: [30, 70] },
    { adultAges: [29, 40] },
  ],
  ['age young (oldest)', { field: 'age', op: 'young' }, { adultAges: [18, 27] }, { adultAges: [20, 28] }],
  [
    'age young (youngest)',
    { field: 'age', op: 'young', of: 'youngest' },
    { adultAges: [19, 50] },
    { adultAges: [28, 50] },
  ],
  ['age young without known ages', { field: 'age', op: 'young' }, { adultAges: [22] }, { adultAges: [] }],
  ['age aow (oldest)', { field: 'age', op: 'aow' }, { adultAges: [60, 67] }, { adultAges: [66, 40] }],
  [
    'age aow (youngest)',
    { field: 'age', op: 'aow', of: 'youngest' },
    { adultAges: [67, 80] },
    { adultAges: [66, 80] },
  ],
  [
    'minorChildren',
    { field: 'minorChildren', op: 'eq', value: true },
    { hasMinorChildren: true },
    { hasMinorChildren: false },
  ],
  [
    'minorChildren false',
    { field: 'minorChildren', op: 'eq', value: false },
    { hasMinorChildren: false },
    { hasMinorChildren: true },
  ],
  [
    'enkelvoudig',
    { field: 'enkelvoudig', op: 'eq', value: true },
    { enkelvoudig: true },
    { enkelvoudig: false },
  ],
  ['meervoudig', { field: 'meervoudig', op: 'eq', value: true }, { meervoudig: true }, { meervoudig: false }],
  [
    'opeenvolgend',
    { field: 'opeenvolgend', op: 'eq', value: true },
    { opeenvolgend: true },
    { opeenvolgend: false },
  ],
  ['crisis', { field: 'crisis', op: 'eq', value: true }, { crisis: true }, { crisis: false }],
  ['knownToShv', { field: 'knownToShv', op: 'eq', value: true }, { knownToShv: true }, { knownToShv: false }],
  [
    'knownToShv false',
    { field: 'knownToShv', op: 'eq', value: false },
    { knownToShv: false },
    { knownToShv: true },
  ],
  [
    'warmHandover',
    { field: 'warmHandover', op: 'eq', value: true },
    { warmHandover: true },
    { warmHandover: false },
  ],
  ['wijk in', { field: 'wijk', op: 'in', wijkIds: [WIJK_A] }, { wijkId: WIJK_A }, { wijkId: WIJK_B }],
  [
    'wijk in with unknown wijk',
    { field: 'wijk', op: 'in', wijkIds: [WIJK_A] },
    { wijkId: WIJK_A },
    { wijkId: null },
  ],
  ['signalCount gte', { field: 'signalCount', op: 'gte', count: 3 }, { signalCount: 3 }, { signalCount: 2 }],
];

describe('evaluateCondition', () => {
  it.each(cases)('%s', (_name, input, met, notMet) => {
    const c = cond(input);
    expect(evaluateCondition(c, facts(met)).met).toBe(true);
    expect(evaluateCondition(c, facts(notMet)).met).toBe(false);
  });

  it('covers every condition field', () => {
    const fields = new Set(cases.map(([, input]) => cond(input).field));
    const all: ConditionField[] = [
      'partnerType',
      'amount',
      'daysInArrears',
      'monthsInArrears',
      'age',
      'minorChildren',
      'enkelvoudig',
      'meervoudig',
      'opeenvolgend',
      'crisis',
      'knownToShv',
      'warmHandover',
      'wijk',
      'signalCount',
    ];
    expect([...fields].sort()).toEqual([...all].sort());
  });

  it.each([
    [{ field: 'partnerType', op: 'in', values: ['Huur'] }, 'partnerType_in', { values: ['Huur'] }],
    [{ field: 'amount', op: 'gte', cents: 7500 }, 'amount_gte', { cents: 7500 }],
    [
      { field: 'amount', op: 'lt', cents: 7500, partnerType: 'Water' },
      'amount_lt',
      { cents: 7500, partnerType: 'Water' },
    ],
    [{ field: 'daysInArrears', op: 'gte', days: 30 }, 'daysInArrears_gte', { days: 30 }],
    [{ field: 'monthsInArrears', op: 'lt', months: 2 }, 'monthsInArrears_lt', { months: 2 }],
    [{ field: 'age', op: 'between', min: 30, max: 40 }, 'age_between', { of: 'oldest', min: 30, max: 40 }],
    [{ field: 'age', op: 'young' }, 'age_young', { of: 'oldest', min: 18, max: 27 }],
    [{ field: 'age', op: 'aow', of: 'youngest' }, 'age_aow', { of: 'youngest', min: 67 }],
    [{ field: 'minorChildren', op: 'eq', value: true }, 'minorChildren', { value: true }],
    [{ field: 'opeenvolgend', op: 'eq', value: false }, 'opeenvolgend', { value: false }],
    [{ field: 'crisis', op: 'eq', value: true }, 'crisis', { value: true }],
    [{ field: 'wijk', op: 'in', wijkIds: [WIJK_A] }, 'wijk_in', { wijkIds: [WIJK_A] }],
    [{ field: 'signalCount', op: 'gte', count: 2 }, 'signalCount_gte', { count: 2 }],
  ])('explains %j as a stable code with the rule values', (input, code, params) => {
    const result = evaluateCondition(cond(input), facts());
    expect(result.code).toBe(code);
    expect(result.params).toEqual(params);
  });
});

const rules: RuleSetDefinitionInput['rules'] = [
  {
    id: 'huur-hoog',
    name: 'Huur hoog',
    conditions: [
      { field: 'partnerType', op: 'in', values: ['Huur'] },
      { field: 'amount', op: 'gte', cents: 50000, partnerType: 'Huur' },
    ],
    outcome: { queue: 'Hoge prioriteit', priority: 2, contactStrategy: 'telefoon', deadlineWorkingDays: 5 },
  },
  {
    id: 'huur',
    name: 'Huur',
    conditions: [{ field: 'partnerType', op: 'in', values: ['Huur'] }],
    outcome: { queue: 'Woonlasten', priority: 3, contactStrategy: 'mail', deadlineWorkingDays: 7 },
  },
  {
    id: 'jong',
    name: 'Jongeren',
    conditions: [{ field: 'age', op: 'young' }],
    outcome: { queue: 'Jongeren', priority: 2, contactStrategy: 'mail', deadlineWorkingDays: 5 },
  },
];

describe('evaluateRules', () => {
  const def = ruleSet(rules);

  it('takes the first rule whose conditions all hold', () => {
    const f = facts({ partnerTypes: ['Huur'], amountCentsByPartnerType: { Huur: 80000 }, adultAges: [22] });
    const r = evaluateRules(def, f);
    expect(r.ruleId).toBe('huur-hoog');
    expect(r.outcome).toEqual({
      queue: 'Hoge prioriteit',
      priority: 2,
      contactStrategy: 'telefoon',
      deadlineWorkingDays: 5,
    });
  });

  it('respects the order: a later rule only when earlier ones fail', () => {
    const f = facts({ partnerTypes: ['Huur'], amountCentsByPartnerType: { Huur: 20000 }, adultAges: [22] });
    expect(evaluateRules(def, f).ruleId).toBe('huur');
    const reordered = ruleSet([rules[2], rules[0], rules[1]].filter((r) => r !== undefined));
    expect(evaluateRules(reordered, f).ruleId).toBe('jong');
  });

  it('falls back when no rule holds', () => {
    const r = evaluateRules(def, facts());
    expect(r.ruleId).toBeNull();
    expect(r.outcome).toEqual(FALLBACK);
    expect(r.explanation.at(-1)).toEqual({
      ruleId: null,
      code: 'fallback',
      params: { queue: 'Regulier' },
      met: true,
    });
  });

  it('falls back with no rules at all', () => {
    expect(evaluateRules(ruleSet([]), facts()).outcome).toEqual(FALLBACK);
  });

  it('does not share the outcome object with the definition', () => {
    const r = evaluateRules(def, facts({ crisis: true }));
    expect(def.fallback).toEqual(FALLBACK);
    expect(r.outcome).not.toBe(def.fallback);
  });

  it('explains the failed condition of each rule tried and all conditions of the match', () => {
    const f = facts({ partnerTypes: ['Huur'], amountCentsByPartnerType: { Huur: 20000 } });
    expect(evaluateRules(def, f).explanation).toEqual([
      { ruleId: 'huur-hoog', code: 'amount_gte', params: { cents: 50000, partnerType: 'Huur' }, met: false },
      { ruleId: 'huur', code: 'partnerType_in', params: { values: ['Huur'] }, met: true },
    ]);
    const young = facts({ adultAges: [19] });
    expect(evaluateRules(def, young).explanation).toEqual([
      { ruleId: 'huur-hoog', code: 'partnerType_in', params: { values: ['Huur'] }, met: false },
      { ruleId: 'huur', code: 'partnerType_in', params: { values: ['Huur'] }, met: false },
      { ruleId: 'jong', code: 'age_young', params: { of: 'oldest', min: 18, max: 27 }, met: true },
    ]);
  });

  it('lists every condition of the matching rule as met', () => {
    const f = facts({ partnerTypes: ['Huur'], amountCentsByPartnerType: { Huur: 80000 } });
    const items = evaluateRules(def, f).explanation.filter((i) => i.ruleId === 'huur-hoog');
    expect(items.map((i) => [i.code, i.met])).toEqual([
      ['partnerType_in', true],
      ['amount_gte', true],
    ]);
  });

  it('keeps the explanation free of facts about the person', () => {
    const f = facts({ adultAges: [19], totalAmountCents: 123456, wijkId: WIJK_B });
    const text = JSON.stringify(evaluateRules(def, f).explanation);
    expect(text).not.toMatch(/\b19\b/);
    expect(text).not.toContain('123456');
    expect(text).not.toContain(WIJK_B);
  });
});

describe('crisis override', () => {
  const def = ruleSet(rules);

  it('sends a crisis melding that reaches the fallback to the crisis queue', () => {
    const r = evaluateRules(def, facts({ crisis: true }));
    expect(r.ruleId).toBeNull();
    expect(r.outcome).toEqual({
      queue: 'Crisis',
      priority: 2,
      contactStrategy: 'telefoon',
      deadlineWorkingDays: 3,
    });
    expect(r.explanation.at(-1)).toEqual({
      ruleId: null,
      code: 'crisis_override',
      params: {
        queue: 'Crisis',
        priority: 2,
        contactStrategy: 'telefoon',
        deadlineWorkingDays: 3,
        changed: ['queue', 'deadlineWorkingDays', 'priority', 'contactStrategy'],
      },
      met: true,
    });
  });

  it('never lets a matching rule skip the crisis queue, but keeps its higher priority and contact', () => {
    const r = evaluateRules(
      def,
      facts({ crisis: true, partnerTypes: ['Huur'], amountCentsByPartnerType: { Huur: 90000 } }),
    );
    expect(r.ruleId).toBe('huur-hoog');
    expect(r.outcome).toEqual({
      queue: 'Crisis',
      priority: 2,
      contactStrategy: 'telefoon',
      deadlineWorkingDays: 3,
    });
    expect(r.explanation.at(-1)?.params.changed).toEqual(['queue', 'deadlineWorkingDays']);
  });

  it('leaves a crisis rule that already complies as it is, and still records the override check', () => {
    const crisisDef = ruleSet([
      {
        id: 'crisis',
        name: 'Crisis',
        conditions: [{ field: 'crisis', op: 'eq', value: true }],
        outcome: { queue: 'Crisis', priority: 1, contactStrategy: 'huisbezoek', deadlineWorkingDays: 2 },
      },
    ]);
    const r = evaluateRules(crisisDef, facts({ crisis: true }));
    expect(r.ruleId).toBe('crisis');
    expect(r.outcome).toEqual({
      queue: 'Crisis',
      priority: 1,
      contactStrategy: 'huisbezoek',
      deadlineWorkingDays: 2,
    });
    expect(r.explanation).toEqual([
      { ruleId: 'crisis', code: 'crisis', params: { value: true }, met: true },
      {
        ruleId: null,
        code: 'crisis_override',
        params: {
          queue: 'Crisis',
          priority: 1,
          contactStrategy: 'huisbezoek',
          deadlineWorkingDays: 2,
          changed: [],
        },
        met: true,
      },
    ]);
  });

  it('uses the crisis queue named in the definition', () => {
    const r = evaluateRules(ruleSet(rules, { crisisQueue: 'Spoed' }), facts({ crisis: true }));
    expect(r.outcome.queue).toBe('Spoed');
  });

  it('adds no override for a melding without crisis', () => {
    const r = evaluateRules(def, facts());
    expect(r.explanation.some((i) => i.code === 'crisis_override')).toBe(false);
  });
});

describe('thresholds', () => {
  const def = ruleSet([], {
    thresholds: { amountCentsByPartnerType: { 'CAK Zorgverzekeringen': 0, Water: 5000 } },
  });

  it('defaults to EUR 75', () => {
    expect(def.thresholds.defaultAmountCents).toBe(7500);
    expect(thresholdCentsFor(def, 'Energie')).toBe(7500);
    expect(isBelowThreshold(def, 'Energie', 7499)).toBe(true);
    expect(isBelowThreshold(def, 'Energie', 7500)).toBe(false);
  });

  it('uses the override per partner type', () => {
    expect(thresholdCentsFor(def, 'Water')).toBe(5000);
    expect(isBelowThreshold(def, 'Water', 6000)).toBe(false);
    expect(isBelowThreshold(def, 'Water', 4999)).toBe(true);
    expect(isBelowThreshold(def, 'CAK Zorgverzekeringen', 0)).toBe(false);
  });

  it('uses a municipality default other than EUR 75', () => {
    const own = ruleSet([], { thresholds: { defaultAmountCents: 15000 } });
    expect(isBelowThreshold(own, 'Energie', 10000)).toBe(true);
  });

  it('never holds back a crisis signal', () => {
    expect(isBelowThreshold(def, 'Energie', 100, { crisis: true })).toBe(false);
    expect(isBelowThreshold(def, 'Energie', 100, { crisis: false })).toBe(true);
  });

  it('gives a Dutch reason for the DDAS status', () => {
    expect(belowThresholdReason(def, 'Water', 4200)).toMatch(
      /^Bedrag €\s42,00 is lager dan de drempel van €\s50,00 voor Water$/,
    );
  });
});
