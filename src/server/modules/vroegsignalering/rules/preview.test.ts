import { describe, expect, it } from 'vitest';
import type { RuleSetDefinitionInput } from '../../../../shared/schemas/rules.ts';
import { DEFAULT_RULE_SET } from './defaults.ts';
import { MAX_PREVIEW_SAMPLES, type PreviewMelding, previewRuleChange } from './preview.ts';
import { facts, ruleSet } from './test-helpers.ts';

const young: RuleSetDefinitionInput['rules'][number] = {
  id: 'jong',
  name: 'Jongeren',
  conditions: [{ field: 'age', op: 'young' }],
  outcome: { queue: 'Jongeren', priority: 2, contactStrategy: 'mail', deadlineWorkingDays: 5 },
};
const water: RuleSetDefinitionInput['rules'][number] = {
  id: 'water',
  name: 'Water',
  conditions: [{ field: 'partnerType', op: 'in', values: ['Water'] }],
  outcome: { queue: 'Water', priority: 3, contactStrategy: 'mail', deadlineWorkingDays: 10 },
};

describe('previewRuleChange', () => {
  const current = ruleSet([young]);
  const proposed = ruleSet([water, young]);
  const meldingen: PreviewMelding[] = [
    { id: 'm1', queue: 'Regulier', facts: facts() },
    { id: 'm2', queue: 'Regulier', facts: facts({ partnerTypes: ['Water'] }) },
    { id: 'm3', queue: 'Jongeren', facts: facts({ partnerTypes: ['Water'], adultAges: [20] }) },
    { id: 'm4', queue: 'Jongeren', facts: facts({ adultAges: [20] }) },
    { id: 'm5', queue: null, facts: facts({ partnerTypes: ['Water', 'Huur'] }) },
    // Moved by hand to another queue: not a move caused by the rule change.
    { id: 'm6', queue: 'Hoge prioriteit', facts: facts() },
    // Crisis stays in Crisis under both versions.
    { id: 'm7', queue: 'Crisis', facts: facts({ partnerTypes: ['Water'], crisis: true }) },
  ];

  it('counts the moves per transition', () => {
    const p = previewRuleChange(current, proposed, meldingen);
    expect(p.total).toBe(7);
    expect(p.moved).toBe(3);
    expect(p.byTransition).toEqual([
      { from: 'Regulier', to: 'Water', count: 2 },
      { from: 'Jongeren', to: 'Water', count: 1 },
    ]);
    expect(p.samples).toEqual([
      { id: 'm2', from: 'Regulier', to: 'Water' },
      { id: 'm3', from: 'Jongeren', to: 'Water' },
      { id: 'm5', from: 'Regulier', to: 'Water' },
    ]);
    expect(p.storedQueueDiffers).toBe(1);
  });

  it('reports nothing moved for an identical rule set', () => {
    const p = previewRuleChange(current, current, meldingen);
    expect(p).toMatchObject({ total: 7, moved: 0, byTransition: [], samples: [] });
  });

  it('caps the samples', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({
      id: `m${i}`,
      queue: 'Regulier',
      facts: facts({ partnerTypes: ['Water'] }),
    }));
    const p = previewRuleChange(current, proposed, many);
    expect(p.moved).toBe(50);
    expect(p.samples).toHaveLength(MAX_PREVIEW_SAMPLES);
    expect(p.samples[0]?.id).toBe('m0');
    expect(p.byTransition).toEqual([{ from: 'Regulier', to: 'Water', count: 50 }]);
  });

  it('shows the effect of raising the housing amount in the default rule set', () => {
    const raised = structuredClone(DEFAULT_RULE_SET);
    for (const rule of raised.rules) {
      for (const c of rule.conditions) if (c.field === 'amount') c.cents = 100000;
    }
    const housing = (cents: number): PreviewMelding['facts'] =>
      facts({ partnerTypes: ['Huur'], amountCentsByPartnerType: { Huur: cents }, totalAmountCents: cents });
    const p = previewRuleChange(DEFAULT_RULE_SET, raised, [
      { id: 'a', queue: 'Hoge prioriteit', facts: housing(60000) },
      { id: 'b', queue: 'Hoge prioriteit', facts: housing(120000) },
      { id: 'c', queue: 'Regulier', facts: housing(30000) },
    ]);
    expect(p.moved).toBe(1);
    expect(p.samples).toEqual([{ id: 'a', from: 'Hoge prioriteit', to: 'Regulier' }]);
  });
});
