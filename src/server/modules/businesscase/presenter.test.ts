import { describe, expect, it } from 'vitest';
import type { Assumptions } from '../../../shared/schemas/businesscase.ts';
import { type CostGroup, computeBusinessCase, DEFAULT_SETTINGS, type OutcomeGroup } from './calc.ts';
import { presentBusinessCase } from './presenter.ts';

const assumptions: Assumptions = {
  ...DEFAULT_SETTINGS,
  hourlyRateCents: 8_000,
  indexPercent: 0,
  targetYear: 2026,
  prices: [],
};

const cost = (type: string, households: number): CostGroup => ({
  interventionType: type,
  interventions: households + 1,
  households,
  moneyCents: 1_000 * households,
  hours: households,
});
const outcome = (type: string, riskCode: string, outcomes: number): OutcomeGroup => ({
  interventionType: type,
  riskCode,
  confidence: 'midden',
  outcomes,
  quantity: outcomes,
});

// budgetmaatje on 3 households, schuldregeling on 6, energiecoaching on 8 (8 in all); within energiecoaching one
// risk recorded twice, one six times, one seven times.
const costs = [cost('budgetmaatje', 3), cost('schuldregeling', 6), cost('energiecoaching', 8)];
const outcomes = [
  outcome('budgetmaatje', 'huisuitzetting', 1),
  outcome('energiecoaching', 'afsluiting_energie', 2),
  outcome('energiecoaching', 'huisuitzetting', 6),
  outcome('energiecoaching', 'bewindvoering_maand', 7),
];
const result = computeBusinessCase(assumptions, costs, outcomes, 8);
const byType = (rows: { interventionType: string }[], type: string) =>
  rows.find((r) => r.interventionType === type);

describe('the business case as a user may see it', () => {
  it('shows every figure to whoever may read personal data', () => {
    const view = presentBusinessCase(result, { suppressed: false });
    expect(byType(view.rows, 'budgetmaatje')).toMatchObject({ households: 3, suppressed: false });
    expect(view.total).toMatchObject({ households: 8, interventions: 20, suppressed: false });
    expect(view.total.risks.every((k) => !k.suppressed && k.outcomes !== null)).toBe(true);
  });

  it('hides a row on fewer than five households, the next-smallest with it, and small risks in a shown row', () => {
    const view = presentBusinessCase(result, { suppressed: true });
    expect(byType(view.rows, 'budgetmaatje')).toEqual({
      interventionType: 'budgetmaatje',
      interventions: null,
      households: null,
      moneyCents: null,
      hours: null,
      hourCostsCents: null,
      costsCents: null,
      avoidedLowCents: null,
      avoidedHighCents: null,
      ratioLow: null,
      ratioHigh: null,
      suppressed: true,
      risks: [],
    });
    // The total is shown, so schuldregeling (the next-smallest) is hidden too: total minus the rest would give it.
    expect(byType(view.rows, 'schuldregeling')).toMatchObject({ households: null, suppressed: true });
    const coaching = byType(view.rows, 'energiecoaching') as (typeof view.rows)[number];
    expect(coaching).toMatchObject({ households: 8, moneyCents: 8_000, suppressed: false });
    const risk = (code: string) => coaching.risks.find((k) => k.riskCode === code);
    expect(risk('afsluiting_energie')).toMatchObject({ outcomes: null, quantity: null, suppressed: true });
    expect(risk('huisuitzetting')).toMatchObject({ outcomes: null, suppressed: true });
    expect(risk('bewindvoering_maand')).toMatchObject({ outcomes: 7, suppressed: false });
    // The total stays, without the breakdown per risk that would give the hidden ones back.
    expect(view.total).toMatchObject({ households: 8, interventions: 20, suppressed: false, risks: [] });
  });

  it('hides the total on fewer than five households, and a total that is one hidden row', () => {
    const small = computeBusinessCase(assumptions, [cost('budgetmaatje', 3)], [], 3);
    const view = presentBusinessCase(small, { suppressed: true });
    expect(view.rows[0]?.suppressed).toBe(true);
    expect(view.total).toMatchObject({ households: null, costsCents: null, suppressed: true });

    // One type asked for, hidden in the view of all types (secondary): its own view hides it and its total.
    const one = computeBusinessCase(assumptions, [cost('schuldregeling', 6)], [], 6);
    const alone = presentBusinessCase(one, { suppressed: true, hiddenTypes: new Set(['schuldregeling']) });
    expect(alone.rows[0]).toMatchObject({ households: null, suppressed: true });
    expect(alone.total).toMatchObject({ households: null, suppressed: true });
    expect(presentBusinessCase(one, { suppressed: true }).total).toMatchObject({ households: 6 });
  });

  it('keeps the total per risk when nothing is hidden', () => {
    const large = computeBusinessCase(
      assumptions,
      [cost('schuldregeling', 6), cost('energiecoaching', 8)],
      [outcome('energiecoaching', 'huisuitzetting', 6)],
      10,
    );
    const view = presentBusinessCase(large, { suppressed: true });
    expect(view.rows.every((r) => !r.suppressed)).toBe(true);
    expect(view.total.risks).toEqual([expect.objectContaining({ riskCode: 'huisuitzetting', outcomes: 6 })]);
  });
});
