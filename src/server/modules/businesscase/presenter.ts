// Shapes of the business case. Only aggregates leave the view; interventions carry the household case id (the
// professionals who record them see the household anyway), never a name or BSN. Whoever may not read personal data
// sees no figure of a small group of households (presentBusinessCase), on screen, in CSV and PDF, and in "wat werkt".
import {
  type Assumptions,
  AssumptionsSchema,
  type BusinessCaseRow,
  type Intervention,
  type PriceItem,
  type PriceListVersion,
  type RiskRow,
  type Scenario,
  type WhatWorks,
} from '../../../shared/schemas/businesscase.ts';
import { cellsToSuppress, SUPPRESSION_THRESHOLD } from '../../../shared/suppression.ts';
import { type ComputedRisk, type ComputedRow, DEFAULT_SETTINGS } from './calc.ts';
import type * as repo from './repository.ts';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function presentPriceItem(i: repo.ItemRow): PriceItem {
  return {
    code: i.code,
    label: i.label,
    amountCents: Number(i.amount_cents),
    unit: i.unit,
    priceYear: i.price_year,
    source: i.source,
    confidence: i.confidence,
    validFrom: i.valid_from,
    isExample: i.is_example,
  };
}

export function presentVersion(v: repo.VersionRow, items: repo.ItemRow[]): PriceListVersion {
  return {
    id: v.id,
    version: v.version,
    validFrom: v.valid_from,
    indexPercent: Number(v.index_percent),
    note: v.note,
    createdAt: iso(v.created_at),
    createdByName: v.created_by_name,
    items: items.map(presentPriceItem),
  };
}

/** A stored scenario; a copy saved by an older version of the schema falls back to the defaults it lacks. */
export function presentScenario(r: repo.ScenarioRow): Scenario {
  const parsed = AssumptionsSchema.safeParse(r.assumptions);
  const assumptions: Assumptions = parsed.success
    ? parsed.data
    : {
        ...DEFAULT_SETTINGS,
        indexPercent: 0,
        targetYear: new Date(r.created_at).getUTCFullYear(),
        prices: [],
      };
  return { id: r.id, name: r.name, assumptions, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) };
}

export function presentIntervention(r: repo.InterventionRow): Intervention {
  return {
    id: r.id,
    householdCaseId: r.household_case_id,
    interventionType: r.intervention_type,
    startedOn: r.started_on,
    costCents: Number(r.cost_cents),
    hours: Number(r.hours),
    note: r.note,
    sourceKind: r.source_kind,
    outcomes: (r.outcomes ?? []).map((o) => ({
      id: o.id,
      riskCode: o.risk_code,
      quantity: Number(o.quantity),
      confidence: o.confidence,
      judgement: o.judgement,
      recordedOn: o.recorded_on,
      recordedByName: o.recorded_by_name,
    })),
  };
}

export function presentWhatWorks(
  r: repo.WhatWorksRow,
  localResults: WhatWorks['localResults'],
  localResultsSuppressed = false,
): WhatWorks {
  const shared = r.shared_results as WhatWorks['sharedResults'] | null;
  return {
    id: r.id,
    interventionType: r.intervention_type,
    title: r.title,
    description: r.description,
    evidenceSource: r.evidence_source,
    evidenceType: r.evidence_type,
    contact: r.contact,
    origin: r.origin,
    originMunicipality: r.origin_municipality,
    localResults,
    localResultsSuppressed,
    sharedResults: shared ?? null,
  };
}

// --- The view, with small numbers suppressed -------------------------------------------------------------------

const shownRisk = (k: ComputedRisk): RiskRow => ({ ...k, suppressed: false });
const hiddenRisk = (k: ComputedRisk): RiskRow => ({
  riskCode: k.riskCode,
  label: k.label,
  outcomes: null,
  quantity: null,
  avoidedLowCents: null,
  avoidedHighCents: null,
  priced: k.priced,
  suppressed: true,
});
const shownRow = (r: ComputedRow, risks: RiskRow[]): BusinessCaseRow => ({ ...r, suppressed: false, risks });
// A suppressed row keeps only its type: its risks would tell what happened in a handful of households.
const hiddenRow = (r: ComputedRow): BusinessCaseRow => ({
  interventionType: r.interventionType,
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

/** The risks of a shown row: fewer than five outcomes is suppressed, and the row's sum is their total. */
function presentRisks(risks: readonly ComputedRisk[]): RiskRow[] {
  const hidden = cellsToSuppress(
    risks.map((k) => k.outcomes),
    { totalShown: true },
  );
  return risks.map((k, i) => (hidden.has(i) ? hiddenRisk(k) : shownRisk(k)));
}

/**
 * The rows and the total as this user may see them. With `suppressed` (no persons:read): a row on fewer than five
 * households is suppressed, and with the total shown one suppressed row takes the next-smallest with it
 * (cellsToSuppress); the total is suppressed on fewer than five households, or when it is nothing but one suppressed
 * row. Within a shown row, risks with fewer than five outcomes are suppressed the same way. As soon as anything is
 * suppressed the total has no risks: the total of a risk minus the shown rows would give a suppressed one back.
 * `hiddenTypes` are types suppressed in the view of all types of the same period: a view of one type must hide
 * them too, or asking for that type alone would undo a secondary suppression.
 */
export function presentBusinessCase(
  result: { rows: readonly ComputedRow[]; total: ComputedRow },
  opts: { suppressed: boolean; hiddenTypes?: ReadonlySet<string> },
): { rows: BusinessCaseRow[]; total: BusinessCaseRow } {
  if (!opts.suppressed) {
    return {
      rows: result.rows.map((r) => shownRow(r, r.risks.map(shownRisk))),
      total: shownRow(result.total, result.total.risks.map(shownRisk)),
    };
  }
  const totalLarge = result.total.households >= SUPPRESSION_THRESHOLD;
  const forced = new Set<number>();
  for (const [i, r] of result.rows.entries()) if (opts.hiddenTypes?.has(r.interventionType)) forced.add(i);
  const hidden = cellsToSuppress(
    result.rows.map((r) => r.households),
    { totalShown: totalLarge, forced },
  );
  const rows = result.rows.map((r, i) => (hidden.has(i) ? hiddenRow(r) : shownRow(r, presentRisks(r.risks))));
  const totalHidden = !totalLarge || (rows.length === 1 && hidden.size === 1);
  const anyHidden = hidden.size > 0 || rows.some((r) => r.risks.some((k) => k.suppressed));
  return {
    rows,
    total: totalHidden
      ? hiddenRow(result.total)
      : shownRow(result.total, anyHidden ? [] : presentRisks(result.total.risks)),
  };
}
