// Shapes of the business case. Only aggregates leave the view; interventions carry the household case id (the
// professionals who record them see the household anyway), never a name or BSN.
import {
  type Assumptions,
  AssumptionsSchema,
  type Intervention,
  type PriceItem,
  type PriceListVersion,
  type Scenario,
  type WhatWorks,
} from '../../../shared/schemas/businesscase.ts';
import { DEFAULT_SETTINGS } from './calc.ts';
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

export function presentWhatWorks(r: repo.WhatWorksRow, localResults: WhatWorks['localResults']): WhatWorks {
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
    sharedResults: shared ?? null,
  };
}
