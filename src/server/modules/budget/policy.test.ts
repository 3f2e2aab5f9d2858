import { describe, expect, it } from 'vitest';
import { approvalCompletes, gateBlocks, limitFor } from './policy.ts';

describe('maatwerkbudget policy', () => {
  it('takes the highest limit among the roles, and none without a limit', () => {
    expect(limitFor({ regisseur: 500, schuldhulpverlener: 1500 }, ['regisseur', 'schuldhulpverlener'])).toBe(
      1500,
    );
    expect(limitFor({ regisseur: 500 }, ['schuldhulpverlener'])).toBeNull();
    expect(limitFor({ regisseur: 0 }, ['regisseur'])).toBe(0);
  });

  it('blocks the gate on the own network and on likely-eligible provisions left unchecked only', () => {
    const provisions = [
      { provision: 'zorgtoeslag', likelyEligible: true, outcome: 'niet_gecontroleerd' },
      { provision: 'huurtoeslag', likelyEligible: true, outcome: 'geen_recht' },
      { provision: 'kwijtschelding', likelyEligible: false, outcome: 'niet_gecontroleerd' },
    ];
    expect(gateBlocks(false, provisions)).toEqual(['netwerk', 'zorgtoeslag']);
    expect(gateBlocks(true, provisions)).toEqual(['zorgtoeslag']);
    expect(gateBlocks(true, [])).toEqual([]);
  });

  it('needs a second approval only above the four-eyes amount', () => {
    expect(approvalCompletes(1000, 1000, 0)).toBe(true);
    expect(approvalCompletes(1001, 1000, 0)).toBe(false);
    expect(approvalCompletes(1001, 1000, 1)).toBe(true);
  });
});
