// The arithmetic of the business case, pure so every assumption is visible in one place and unit-tested:
// costs = money + hours x hourly rate; a likely avoided cost is a RANGE: quantity x the price indexed to the target
// year x the probability range of the worker's confidence, widened by the uncertainty of the price's source.
import type { Assumptions, Confidence, Settings } from '../../../shared/schemas/businesscase.ts';

/** Defaults until the municipality sets its own: deliberately modest, and visible and editable on every view. */
export const DEFAULT_SETTINGS: Settings = {
  hourlyRateCents: 0,
  probability: { laag: [0.1, 0.3], midden: [0.3, 0.6], hoog: [0.6, 0.9] },
  priceSpread: { laag: 0.3, midden: 0.15, hoog: 0.05 },
};

export type CostGroup = {
  interventionType: string;
  interventions: number;
  households: number;
  moneyCents: number;
  hours: number;
};

export type OutcomeGroup = {
  interventionType: string;
  riskCode: string;
  confidence: Confidence;
  outcomes: number;
  quantity: number;
};

/** One risk of a row, every figure present (the presenter hides small ones for whom may not see them). */
export type ComputedRisk = {
  riskCode: string;
  label: string | null;
  outcomes: number;
  quantity: number;
  avoidedLowCents: number;
  avoidedHighCents: number;
  priced: boolean;
};

/** One row of the view (an intervention type, or the total), every figure present. */
export type ComputedRow = {
  interventionType: string;
  interventions: number;
  households: number;
  moneyCents: number;
  hours: number;
  hourCostsCents: number;
  costsCents: number;
  avoidedLowCents: number;
  avoidedHighCents: number;
  ratioLow: number | null;
  ratioHigh: number | null;
  risks: ComputedRisk[];
};

/** A price in prices of its year, brought to the target year with the yearly index (compounded). */
export function indexed(
  amountCents: number,
  priceYear: number,
  targetYear: number,
  indexPercent: number,
): number {
  return amountCents * (1 + indexPercent / 100) ** (targetYear - priceYear);
}

/** The avoided-cost range of one group of outcomes; unpriced risks count zero. */
export function avoidedRange(a: Assumptions, o: Pick<OutcomeGroup, 'riskCode' | 'confidence' | 'quantity'>) {
  const price = a.prices.find((p) => p.code === o.riskCode);
  if (!price) return { low: 0, high: 0, priced: false };
  const base = o.quantity * indexed(price.amountCents, price.priceYear, a.targetYear, a.indexPercent);
  const [pLow, pHigh] = a.probability[o.confidence];
  const spread = a.priceSpread[price.confidence];
  return {
    low: base * Math.min(pLow, pHigh) * Math.max(0, 1 - spread),
    high: base * Math.max(pLow, pHigh) * (1 + spread),
    priced: true,
  };
}

const ratio = (avoided: number, costs: number) =>
  costs > 0 ? Math.round((avoided / costs) * 100) / 100 : null;

function row(
  a: Assumptions,
  type: string,
  costs: CostGroup | undefined,
  outcomes: readonly OutcomeGroup[],
  households: number,
): ComputedRow {
  const moneyCents = costs?.moneyCents ?? 0;
  const hours = costs?.hours ?? 0;
  const hourCostsCents = Math.round(hours * a.hourlyRateCents);
  const costsCents = moneyCents + hourCostsCents;
  const risks = new Map<
    string,
    { outcomes: number; quantity: number; low: number; high: number; priced: boolean }
  >();
  for (const o of outcomes) {
    const r = avoidedRange(a, o);
    const acc = risks.get(o.riskCode) ?? { outcomes: 0, quantity: 0, low: 0, high: 0, priced: r.priced };
    acc.outcomes += o.outcomes;
    acc.quantity += o.quantity;
    acc.low += r.low;
    acc.high += r.high;
    risks.set(o.riskCode, acc);
  }
  let low = 0;
  let high = 0;
  for (const r of risks.values()) {
    low += r.low;
    high += r.high;
  }
  const avoidedLowCents = Math.round(low);
  const avoidedHighCents = Math.round(high);
  return {
    interventionType: type,
    interventions: costs?.interventions ?? 0,
    households,
    moneyCents,
    hours: Math.round(hours * 100) / 100,
    hourCostsCents,
    costsCents,
    avoidedLowCents,
    avoidedHighCents,
    ratioLow: ratio(avoidedLowCents, costsCents),
    ratioHigh: ratio(avoidedHighCents, costsCents),
    risks: [...risks.entries()]
      .map(([riskCode, r]) => ({
        riskCode,
        label: a.prices.find((p) => p.code === riskCode)?.label ?? null,
        outcomes: r.outcomes,
        quantity: Math.round(r.quantity * 100) / 100,
        avoidedLowCents: Math.round(r.low),
        avoidedHighCents: Math.round(r.high),
        priced: r.priced,
      }))
      .sort((x, y) => y.avoidedHighCents - x.avoidedHighCents || x.riskCode.localeCompare(y.riskCode)),
  };
}

/** The rows per intervention type and the total, from the aggregates of the repository. */
export function computeBusinessCase(
  a: Assumptions,
  costs: readonly CostGroup[],
  outcomes: readonly OutcomeGroup[],
  totalHouseholds: number,
): { rows: ComputedRow[]; total: ComputedRow; missingPrices: string[] } {
  const types = [
    ...new Set([...costs.map((c) => c.interventionType), ...outcomes.map((o) => o.interventionType)]),
  ].sort();
  const rows = types.map((t) =>
    row(
      a,
      t,
      costs.find((c) => c.interventionType === t),
      outcomes.filter((o) => o.interventionType === t),
      costs.find((c) => c.interventionType === t)?.households ?? 0,
    ),
  );
  const all: CostGroup = {
    interventionType: 'totaal',
    interventions: costs.reduce((s, c) => s + c.interventions, 0),
    households: totalHouseholds,
    moneyCents: costs.reduce((s, c) => s + c.moneyCents, 0),
    hours: costs.reduce((s, c) => s + c.hours, 0),
  };
  const total = row(a, 'totaal', all, outcomes, totalHouseholds);
  const missingPrices = [...new Set(outcomes.map((o) => o.riskCode))]
    .filter((c) => !a.prices.some((p) => p.code === c))
    .sort();
  return { rows, total, missingPrices };
}
