import { describe, expect, it } from 'vitest';
import {
  ExplanationItemSchema,
  RuleSetDefinitionSchema,
  referencedQueues,
  validateRuleSet,
} from '../../../../shared/schemas/rules.ts';
import { FALLBACK } from './test-helpers.ts';

const outcome = {
  queue: 'Hoge prioriteit',
  priority: 2,
  contactStrategy: 'telefoon',
  deadlineWorkingDays: 5,
};

function rule(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `Regel ${id}`,
    conditions: [{ field: 'crisis', op: 'eq', value: true }],
    outcome,
    ...extra,
  };
}

function definition(extra: Record<string, unknown> = {}) {
  return {
    thresholds: { defaultAmountCents: 7500, amountCentsByPartnerType: {} },
    matchingPeriod: 'kalendermaand',
    crisisQueue: 'Crisis',
    rules: [rule('a'), rule('b')],
    fallback: FALLBACK,
    ...extra,
  };
}

function errors(input: unknown) {
  const r = validateRuleSet(input);
  if (r.ok) throw new Error('expected validation errors');
  return r.errors;
}

describe('RuleSetDefinitionSchema', () => {
  it('accepts a valid definition and applies defaults', () => {
    const parsed = RuleSetDefinitionSchema.parse(
      definition({
        thresholds: {},
        rules: [rule('jong', { conditions: [{ field: 'age', op: 'young' }] })],
      }),
    );
    expect(parsed.thresholds).toEqual({ defaultAmountCents: 7500, amountCentsByPartnerType: {} });
    expect(parsed.rules[0]?.conditions[0]).toEqual({ field: 'age', op: 'young', of: 'oldest' });
  });

  it('refuses duplicate rule ids, pointing at the second', () => {
    expect(errors(definition({ rules: [rule('a'), rule('b'), rule('a')] }))).toEqual([
      expect.objectContaining({ field: 'rules.2.id', code: 'duplicate_rule_id' }),
    ]);
  });

  it('refuses an unknown partner type', () => {
    const bad = definition({
      rules: [rule('a', { conditions: [{ field: 'partnerType', op: 'in', values: ['Huur', 'Telecom'] }] })],
    });
    expect(errors(bad)).toEqual([expect.objectContaining({ field: 'rules.0.conditions.0.values.1' })]);
    const badThreshold = definition({ thresholds: { amountCentsByPartnerType: { Telecom: 0 } } });
    expect(errors(badThreshold)[0]?.field).toMatch(/^thresholds\.amountCentsByPartnerType/);
    const badAmount = definition({
      rules: [rule('a', { conditions: [{ field: 'amount', op: 'gte', cents: 1, partnerType: 'huur' }] })],
    });
    expect(errors(badAmount)[0]?.field).toBe('rules.0.conditions.0.partnerType');
  });

  it.each([0, 6, 2.5])('refuses priority %s', (priority) => {
    expect(errors(definition({ fallback: { ...FALLBACK, priority } }))).toEqual([
      expect.objectContaining({ field: 'fallback.priority' }),
    ]);
  });

  it.each([0, 61])('refuses deadlineWorkingDays %s', (deadlineWorkingDays) => {
    expect(
      errors(definition({ rules: [rule('a', { outcome: { ...outcome, deadlineWorkingDays } })] }))[0]?.field,
    ).toBe('rules.0.outcome.deadlineWorkingDays');
  });

  it('refuses empty queue names everywhere', () => {
    expect(errors(definition({ crisisQueue: '  ' }))[0]?.field).toBe('crisisQueue');
    expect(errors(definition({ fallback: { ...FALLBACK, queue: '' } }))[0]?.field).toBe('fallback.queue');
    expect(
      errors(definition({ rules: [rule('a', { outcome: { ...outcome, queue: ' ' } })] }))[0]?.field,
    ).toBe('rules.0.outcome.queue');
  });

  it('refuses an id that is not a slug', () => {
    expect(errors(definition({ rules: [rule('Hoge Prio')] }))).toEqual([
      expect.objectContaining({ field: 'rules.0.id', code: 'invalid_slug' }),
    ]);
  });

  it('refuses a rule without conditions (use the fallback)', () => {
    expect(errors(definition({ rules: [rule('a', { conditions: [] })] }))[0]?.field).toBe(
      'rules.0.conditions',
    );
  });

  it('refuses unknown condition fields, operators and extra keys', () => {
    expect(
      errors(definition({ rules: [rule('a', { conditions: [{ field: 'inkomen', op: 'lt' }] })] }))[0]?.field,
    ).toBe('rules.0.conditions.0.field');
    expect(
      errors(definition({ rules: [rule('a', { conditions: [{ field: 'amount', op: 'gt', cents: 1 }] })] }))[0]
        ?.field,
    ).toBe('rules.0.conditions.0.op');
    expect(
      errors(
        definition({
          rules: [rule('a', { conditions: [{ field: 'crisis', op: 'eq', value: true, x: 1 }] })],
        }),
      )[0]?.code,
    ).toBe('unrecognized_keys');
  });

  it('refuses an age band with min above max, and ages below 18', () => {
    expect(
      errors(
        definition({
          rules: [rule('a', { conditions: [{ field: 'age', op: 'between', min: 40, max: 30 }] })],
        }),
      ),
    ).toEqual([expect.objectContaining({ field: 'rules.0.conditions.0.max', code: 'min_above_max' })]);
    expect(
      errors(
        definition({
          rules: [rule('a', { conditions: [{ field: 'age', op: 'between', min: 16, max: 30 }] })],
        }),
      )[0]?.field,
    ).toBe('rules.0.conditions.0.min');
  });

  it('refuses a wijk that is not a uuid and an empty value list', () => {
    expect(
      errors(
        definition({
          rules: [rule('a', { conditions: [{ field: 'wijk', op: 'in', wijkIds: ['centrum'] }] })],
        }),
      )[0]?.field,
    ).toBe('rules.0.conditions.0.wijkIds.0');
    expect(
      errors(
        definition({ rules: [rule('a', { conditions: [{ field: 'partnerType', op: 'in', values: [] }] })] }),
      )[0]?.field,
    ).toBe('rules.0.conditions.0.values');
  });

  it('refuses an unknown matching period and negative thresholds', () => {
    expect(errors(definition({ matchingPeriod: 'week' }))[0]?.field).toBe('matchingPeriod');
    expect(errors(definition({ thresholds: { defaultAmountCents: -1 } }))[0]?.field).toBe(
      'thresholds.defaultAmountCents',
    );
  });

  it('lists the referenced queues once each', () => {
    const def = RuleSetDefinitionSchema.parse(definition());
    expect(referencedQueues(def)).toEqual(['Crisis', 'Hoge prioriteit', 'Regulier']);
  });

  it('round-trips through JSON (stored as jsonb)', () => {
    const def = RuleSetDefinitionSchema.parse(definition());
    expect(RuleSetDefinitionSchema.parse(JSON.parse(JSON.stringify(def)))).toEqual(def);
  });
});

describe('ExplanationItemSchema', () => {
  it('accepts what the engine stores and refuses unknown codes', () => {
    expect(
      ExplanationItemSchema.safeParse({ ruleId: 'a', code: 'amount_gte', params: { cents: 1 }, met: true })
        .success,
    ).toBe(true);
    expect(
      ExplanationItemSchema.safeParse({ ruleId: null, code: 'iets', params: {}, met: true }).success,
    ).toBe(false);
  });
});
