import { describe, expect, it } from 'vitest';
import type { RuleSetDefinition } from '../../shared/schemas/rules.ts';
import {
  blankCondition,
  buildDefinition,
  ids,
  inputForProblem,
  ruleSlug,
  toEditorState,
} from './ruleEditor.ts';

const DEFINITION: RuleSetDefinition = {
  thresholds: { defaultAmountCents: 7500, amountCentsByPartnerType: { Huur: 0, Water: 5000 } },
  matchingPeriod: 'kalendermaand',
  crisisQueue: 'Crisis',
  rules: [
    {
      id: 'crisis',
      name: 'Crisis',
      description: 'Snel bellen.',
      conditions: [{ field: 'crisis', op: 'eq', value: true }],
      outcome: { queue: 'Crisis', priority: 1, contactStrategy: 'telefoon', deadlineWorkingDays: 3 },
    },
    {
      id: 'huur',
      name: 'Huur vanaf € 500',
      conditions: [
        { field: 'amount', op: 'gte', cents: 50000, partnerType: 'Huur' },
        { field: 'age', op: 'between', min: 18, max: 30, of: 'youngest' },
        { field: 'partnerType', op: 'in', values: ['Huur', 'Energie'] },
        { field: 'monthsInArrears', op: 'lt', months: 4 },
        { field: 'signalCount', op: 'gte', count: 2 },
      ],
      outcome: {
        queue: 'Hoge prioriteit',
        priority: 2,
        contactStrategy: 'huisbezoek',
        deadlineWorkingDays: 5,
      },
    },
  ],
  fallback: { queue: 'Regulier', priority: 3, contactStrategy: 'kaartje_brief', deadlineWorkingDays: 10 },
};

describe('the afwegingskader editor model', () => {
  it('gives back the same definition when nothing was changed', () => {
    const built = buildDefinition(toEditorState(DEFINITION));
    expect(built.errors).toEqual({});
    expect(built.definition).toEqual(DEFINITION);
  });

  it('leaves out rules that are switched off, and names new rules after their name', () => {
    const state = toEditorState(DEFINITION);
    const [first, second] = state.rules;
    if (!first || !second) throw new Error('rules missing');
    first.enabled = false;
    state.rules.push({
      ...second,
      key: 'new',
      id: '',
      name: 'Huur vanaf € 500',
      conditions: [blankCondition('knownToShv')],
    });
    const built = buildDefinition(state);
    expect(built.definition.rules.map((r) => r.id)).toEqual(['huur', 'huur-vanaf-500']);
    expect(built.ruleKeys).toEqual([second.key, 'new']);
  });

  it('reports what the form itself can check, per input', () => {
    const state = toEditorState(DEFINITION);
    const rule = state.rules[1];
    if (!rule) throw new Error('rule missing');
    state.defaultThreshold = 'veel';
    rule.name = ' ';
    rule.outcome.priority = '9';
    const age = rule.conditions[1];
    if (!age) throw new Error('condition missing');
    age.min = '40';
    const built = buildDefinition(state);
    expect(built.errors).toEqual({
      [ids.defaultThreshold]: 'invalid_amount',
      [ids.ruleName(rule.key)]: 'required',
      [ids.outcome(`rule-${rule.key}`, 'priority')]: 'priorityRange',
      [ids.condition(rule.key, age.key, 'max')]: 'min_above_max',
    });
  });

  it('finds the input of a server problem', () => {
    const state = toEditorState(DEFINITION);
    const keys = state.rules.map((r) => r.key);
    const rule = state.rules[1];
    if (!rule) throw new Error('rule missing');
    expect(inputForProblem('definition.rules.1.outcome.deadlineWorkingDays', state, keys)).toBe(
      ids.outcome(`rule-${rule.key}`, 'deadline'),
    );
    expect(inputForProblem('definition.rules.1.conditions.0.cents', state, keys)).toBe(
      ids.condition(rule.key, rule.conditions[0]?.key ?? '', 'amount'),
    );
    expect(inputForProblem('definition.thresholds.amountCentsByPartnerType.Water', state, keys)).toBe(
      ids.threshold('Water'),
    );
    expect(inputForProblem('definition.fallback.priority', state, keys)).toBe('fallback-priority');
    expect(inputForProblem('definition', state, keys)).toBeNull();
  });

  it('makes rule ids the schema accepts', () => {
    expect(ruleSlug('Jongeren (18 tot en met 27 jaar)')).toBe('jongeren-18-tot-en-met-27-jaar');
    expect(ruleSlug('Één € regel')).toBe('een-regel');
    expect(ruleSlug('!!!')).toBe('regel');
  });
});
