// SQL of the business case. Every function takes the municipality id and filters on it. The view reads two
// aggregates (costs and households per type on interventions_view_idx, outcomes per type/risk/confidence on
// intervention_outcomes_period_idx); the arithmetic is in calc.ts.
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import type { CostGroup, OutcomeGroup } from './calc.ts';

async function all<T>(tx: Orm, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

async function one<T>(tx: Orm, query: SQL): Promise<T | undefined> {
  return (await all<T>(tx, query))[0];
}

// --- Price list --------------------------------------------------------------------------------------------

export type VersionRow = {
  id: string;
  version: number;
  valid_from: string;
  index_percent: string | number;
  note: string;
  created_at: Date;
  created_by_name: string | null;
  item_count: number;
};

const VERSION_SELECT = sql`
  SELECT v.id, v.version, v.valid_from::text AS valid_from, v.index_percent, v.note, v.created_at,
         u.display_name AS created_by_name,
         (SELECT count(*)::int FROM price_list_items i WHERE i.version_id = v.id) AS item_count
    FROM price_list_versions v LEFT JOIN users u ON u.id = v.created_by`;

export async function listVersions(tx: Orm, municipalityId: string) {
  return all<VersionRow>(
    tx,
    sql`${VERSION_SELECT} WHERE v.municipality_id = ${municipalityId}::uuid ORDER BY v.version DESC LIMIT 200`,
  );
}

export async function findVersion(tx: Orm, municipalityId: string, id: string) {
  return one<VersionRow>(
    tx,
    sql`${VERSION_SELECT} WHERE v.municipality_id = ${municipalityId}::uuid AND v.id = ${id}::uuid`,
  );
}

/** The version in force on a date: the latest valid_from on or before it, the highest version among equals. */
export async function versionInForce(tx: Orm, municipalityId: string, on: string) {
  return one<VersionRow>(
    tx,
    sql`${VERSION_SELECT} WHERE v.municipality_id = ${municipalityId}::uuid AND v.valid_from <= ${on}::date
         ORDER BY v.valid_from DESC, v.version DESC LIMIT 1`,
  );
}

export type ItemRow = {
  code: string;
  label: string;
  amount_cents: string | number;
  unit: 'per_gebeurtenis' | 'per_maand' | 'per_jaar' | 'per_traject';
  price_year: number;
  source: string;
  confidence: 'laag' | 'midden' | 'hoog';
  valid_from: string;
  is_example: boolean;
};

export async function itemsOf(tx: Orm, municipalityId: string, versionId: string) {
  return all<ItemRow>(
    tx,
    sql`SELECT code, label, amount_cents, unit, price_year, source, confidence, valid_from::text AS valid_from,
               is_example
          FROM price_list_items WHERE municipality_id = ${municipalityId}::uuid AND version_id = ${versionId}::uuid
         ORDER BY code`,
  );
}

/** Serialises new versions of one municipality, so two saves never get the same number. */
export async function lockMunicipality(tx: Orm, municipalityId: string) {
  await tx.execute(sql`SELECT id FROM municipalities WHERE id = ${municipalityId}::uuid FOR NO KEY UPDATE`);
}

export async function insertVersion(
  tx: Orm,
  v: { municipalityId: string; validFrom: string; indexPercent: number; note: string; createdBy: string },
) {
  return one<{ id: string; version: number }>(
    tx,
    sql`INSERT INTO price_list_versions (municipality_id, version, valid_from, index_percent, note, created_by)
        VALUES (${v.municipalityId}::uuid,
                (SELECT coalesce(max(version), 0) + 1 FROM price_list_versions
                  WHERE municipality_id = ${v.municipalityId}::uuid),
                ${v.validFrom}::date, ${v.indexPercent}, ${v.note}, ${v.createdBy}::uuid)
        RETURNING id, version`,
  );
}

export async function insertItems(
  tx: Orm,
  municipalityId: string,
  versionId: string,
  items: readonly {
    code: string;
    label: string;
    amountCents: number;
    unit: string;
    priceYear: number;
    source: string;
    confidence: string;
    validFrom: string;
    isExample: boolean;
  }[],
) {
  if (items.length === 0) return;
  const col = <K extends keyof (typeof items)[number]>(k: K) => sql.param(items.map((i) => i[k]));
  await tx.execute(
    sql`INSERT INTO price_list_items (municipality_id, version_id, code, label, amount_cents, unit, price_year, source,
                                      confidence, valid_from, is_example)
        SELECT ${municipalityId}::uuid, ${versionId}::uuid, * FROM unnest(
          ${col('code')}::text[], ${col('label')}::text[], ${col('amountCents')}::bigint[], ${col('unit')}::text[],
          ${col('priceYear')}::int[], ${col('source')}::text[], ${col('confidence')}::text[],
          ${col('validFrom')}::date[], ${col('isExample')}::boolean[])`,
  );
}

// --- Settings and scenarios --------------------------------------------------------------------------------

export async function findSettings(tx: Orm, municipalityId: string) {
  return one<{ hourly_rate_cents: number; assumptions: Record<string, unknown> }>(
    tx,
    sql`SELECT hourly_rate_cents, assumptions FROM businesscase_settings
         WHERE municipality_id = ${municipalityId}::uuid`,
  );
}

export async function upsertSettings(
  tx: Orm,
  municipalityId: string,
  v: { hourlyRateCents: number; assumptions: unknown; by: string },
) {
  await tx.execute(
    sql`INSERT INTO businesscase_settings (municipality_id, hourly_rate_cents, assumptions, updated_by)
        VALUES (${municipalityId}::uuid, ${v.hourlyRateCents}, ${JSON.stringify(v.assumptions)}::jsonb, ${v.by}::uuid)
        ON CONFLICT (municipality_id) DO UPDATE SET hourly_rate_cents = EXCLUDED.hourly_rate_cents,
          assumptions = EXCLUDED.assumptions, updated_by = EXCLUDED.updated_by, updated_at = now()`,
  );
}

export type ScenarioRow = {
  id: string;
  name: string;
  assumptions: unknown;
  created_at: Date;
  updated_at: Date;
};

export async function listScenarios(tx: Orm, municipalityId: string) {
  return all<ScenarioRow>(
    tx,
    sql`SELECT id, name, assumptions, created_at, updated_at FROM businesscase_scenarios
         WHERE municipality_id = ${municipalityId}::uuid ORDER BY created_at DESC, id LIMIT 200`,
  );
}

export async function findScenario(tx: Orm, municipalityId: string, id: string) {
  return one<ScenarioRow>(
    tx,
    sql`SELECT id, name, assumptions, created_at, updated_at FROM businesscase_scenarios
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

export async function insertScenario(
  tx: Orm,
  v: { municipalityId: string; name: string; assumptions: unknown; by: string },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO businesscase_scenarios (municipality_id, name, assumptions, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.name}, ${JSON.stringify(v.assumptions)}::jsonb, ${v.by}::uuid)
        RETURNING id`,
  );
}

export async function updateScenario(
  tx: Orm,
  municipalityId: string,
  id: string,
  v: { name: string; assumptions: unknown },
) {
  await tx.execute(
    sql`UPDATE businesscase_scenarios SET name = ${v.name}, assumptions = ${JSON.stringify(v.assumptions)}::jsonb,
               updated_at = now()
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

// --- Interventions and outcomes ----------------------------------------------------------------------------

export async function caseExists(tx: Orm, municipalityId: string, id: string) {
  return (
    (await one(
      tx,
      sql`SELECT 1 FROM household_cases WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
    )) !== undefined
  );
}

export type InterventionRow = {
  id: string;
  household_case_id: string | null;
  intervention_type: string;
  started_on: string;
  cost_cents: string | number;
  hours: string | number;
  note: string;
  source_kind: 'handmatig' | 'maatwerkbudget' | 'budgetmaatje';
  outcomes:
    | {
        id: string;
        risk_code: string;
        quantity: number;
        confidence: 'laag' | 'midden' | 'hoog';
        judgement: string;
        recorded_on: string;
        recorded_by_name: string | null;
      }[]
    | null;
};

const INTERVENTION_SELECT = sql`
  SELECT i.id, i.household_case_id, i.intervention_type, i.started_on::text AS started_on, i.cost_cents, i.hours,
         i.note, i.source_kind,
         (SELECT json_agg(json_build_object('id', o.id, 'risk_code', o.risk_code, 'quantity', o.quantity,
                                            'confidence', o.confidence, 'judgement', o.judgement,
                                            'recorded_on', o.recorded_on, 'recorded_by_name', u.display_name)
                          ORDER BY o.recorded_on, o.id)
            FROM intervention_outcomes o LEFT JOIN users u ON u.id = o.recorded_by
           WHERE o.intervention_id = i.id) AS outcomes
    FROM interventions i`;

export async function listInterventions(
  tx: Orm,
  f: { municipalityId: string; householdCaseId?: string; from?: string; to?: string; limit: number },
) {
  return all<InterventionRow>(
    tx,
    sql`${INTERVENTION_SELECT}
         WHERE i.municipality_id = ${f.municipalityId}::uuid
           ${f.householdCaseId ? sql`AND i.household_case_id = ${f.householdCaseId}::uuid` : sql``}
           ${f.from ? sql`AND i.started_on >= ${f.from}::date` : sql``}
           ${f.to ? sql`AND i.started_on <= ${f.to}::date` : sql``}
         ORDER BY i.started_on DESC, i.id LIMIT ${f.limit}`,
  );
}

export async function findIntervention(tx: Orm, municipalityId: string, id: string) {
  return one<InterventionRow>(
    tx,
    sql`${INTERVENTION_SELECT} WHERE i.municipality_id = ${municipalityId}::uuid AND i.id = ${id}::uuid`,
  );
}

export async function insertIntervention(
  tx: Orm,
  v: {
    municipalityId: string;
    householdCaseId: string | null;
    interventionType: string;
    startedOn: string;
    costCents: number;
    hours: number;
    note: string;
    sourceKind: 'handmatig' | 'maatwerkbudget' | 'budgetmaatje';
    sourceId: string | null;
    by: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO interventions (municipality_id, household_case_id, intervention_type, started_on, cost_cents, hours,
                                   note, source_kind, source_id, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.householdCaseId}::uuid, ${v.interventionType}, ${v.startedOn}::date,
                ${v.costCents}, ${v.hours}, ${v.note}, ${v.sourceKind}, ${v.sourceId}::uuid, ${v.by}::uuid)
        ON CONFLICT DO NOTHING RETURNING id`,
  );
}

export async function insertOutcome(
  tx: Orm,
  v: {
    municipalityId: string;
    interventionId: string;
    riskCode: string;
    quantity: number;
    confidence: string;
    judgement: string;
    recordedOn: string;
    by: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO intervention_outcomes (municipality_id, intervention_id, intervention_type, started_on, risk_code,
                                           quantity, confidence, judgement, recorded_on, recorded_by)
        SELECT i.municipality_id, i.id, i.intervention_type, i.started_on, ${v.riskCode}, ${v.quantity},
               ${v.confidence}, ${v.judgement}, ${v.recordedOn}::date, ${v.by}::uuid
          FROM interventions i WHERE i.municipality_id = ${v.municipalityId}::uuid AND i.id = ${v.interventionId}::uuid
        RETURNING id`,
  );
}

// --- The view's aggregates ---------------------------------------------------------------------------------

/**
 * Costs and households per intervention type, and the distinct households over all types, in one index-only scan
 * of the period (interventions_view_idx). A household counts once per period: only its first intervention in the
 * period has its previous one (household_prev_on, kept by the triggers of migration 0014) before the period or
 * none; within a type, household_type_prev_on does the same. `households` of the total row is not the sum of the
 * rows, as one household can have several types.
 */
export async function costGroups(
  tx: Orm,
  f: { municipalityId: string; from: string; to: string; type?: string },
): Promise<{ groups: CostGroup[]; households: number }> {
  const rows = await all<{
    t: string;
    n: number;
    h: number;
    first: number;
    money: string | number;
    hours: string | number;
  }>(
    tx,
    sql`SELECT intervention_type AS t, count(*)::int AS n,
               count(*) FILTER (WHERE household_case_id IS NOT NULL
                                  AND (household_type_prev_on IS NULL OR household_type_prev_on < ${f.from}::date))::int AS h,
               count(*) FILTER (WHERE household_case_id IS NOT NULL
                                  AND (household_prev_on IS NULL OR household_prev_on < ${f.from}::date))::int AS first,
               coalesce(sum(cost_cents), 0) AS money, coalesce(sum(hours), 0) AS hours
          FROM interventions
         WHERE municipality_id = ${f.municipalityId}::uuid AND started_on BETWEEN ${f.from}::date AND ${f.to}::date
           ${f.type ? sql`AND intervention_type = ${f.type}` : sql``}
         GROUP BY intervention_type`,
  );
  return {
    groups: rows.map((r) => ({
      interventionType: r.t,
      interventions: r.n,
      households: r.h,
      moneyCents: Number(r.money),
      hours: Number(r.hours),
    })),
    // With one type, its households are all there are; over all types, each household's first intervention in
    // the period (of whatever type) counts it once.
    households: rows.reduce((s, r) => s + (f.type ? r.h : r.first), 0),
  };
}

/**
 * The same figures counted the plain way (distinct household ids), for the tests that prove the linked dates
 * give the same answer for any period.
 */
export async function costGroupsDirect(
  tx: Orm,
  f: { municipalityId: string; from: string; to: string; type?: string },
): Promise<{ groups: CostGroup[]; households: number }> {
  const where = sql`municipality_id = ${f.municipalityId}::uuid AND started_on BETWEEN ${f.from}::date AND ${f.to}::date
    ${f.type ? sql`AND intervention_type = ${f.type}` : sql``}`;
  const rows = await all<{ t: string; n: number; h: number; money: string | number; hours: string | number }>(
    tx,
    sql`SELECT intervention_type AS t, count(*)::int AS n, count(DISTINCT household_case_id)::int AS h,
               coalesce(sum(cost_cents), 0) AS money, coalesce(sum(hours), 0) AS hours
          FROM interventions WHERE ${where} GROUP BY intervention_type`,
  );
  const total = await one<{ h: number }>(
    tx,
    sql`SELECT count(DISTINCT household_case_id)::int AS h FROM interventions WHERE ${where}`,
  );
  return {
    groups: rows.map((r) => ({
      interventionType: r.t,
      interventions: r.n,
      households: r.h,
      moneyCents: Number(r.money),
      hours: Number(r.hours),
    })),
    households: total?.h ?? 0,
  };
}

export async function outcomeGroups(
  tx: Orm,
  f: { municipalityId: string; from: string; to: string; type?: string },
): Promise<OutcomeGroup[]> {
  const rows = await all<{
    t: string;
    r: string;
    c: 'laag' | 'midden' | 'hoog';
    n: number;
    q: string | number;
  }>(
    tx,
    sql`SELECT o.intervention_type AS t, o.risk_code AS r, o.confidence AS c, count(*)::int AS n,
               sum(o.quantity) AS q
          FROM intervention_outcomes o
         WHERE o.municipality_id = ${f.municipalityId}::uuid AND o.started_on BETWEEN ${f.from}::date AND ${f.to}::date
           ${f.type ? sql`AND o.intervention_type = ${f.type}` : sql``}
         GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    interventionType: r.t,
    riskCode: r.r,
    confidence: r.c,
    outcomes: r.n,
    quantity: Number(r.q),
  }));
}

// --- "Wat werkt" -------------------------------------------------------------------------------------------

export type WhatWorksRow = {
  id: string;
  intervention_type: string;
  title: string;
  description: string;
  evidence_source: string;
  evidence_type:
    | 'effectonderzoek'
    | 'quasi_experimenteel'
    | 'praktijkonderzoek'
    | 'ervaringskennis'
    | 'lokale_monitor';
  contact: string;
  origin: 'eigen' | 'geimporteerd';
  origin_municipality: string | null;
  shared_results: unknown;
};

export async function listWhatWorks(tx: Orm, municipalityId: string) {
  return all<WhatWorksRow>(
    tx,
    sql`SELECT id, intervention_type, title, description, evidence_source, evidence_type, contact, origin,
               origin_municipality, shared_results
          FROM whatworks_entries WHERE municipality_id = ${municipalityId}::uuid
         ORDER BY intervention_type, title, id LIMIT 500`,
  );
}

export async function insertWhatWorks(
  tx: Orm,
  v: {
    municipalityId: string;
    interventionType: string;
    title: string;
    description: string;
    evidenceSource: string;
    evidenceType: string;
    contact: string;
    origin: 'eigen' | 'geimporteerd';
    originMunicipality: string | null;
    sharedResults: unknown;
    by: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO whatworks_entries (municipality_id, intervention_type, title, description, evidence_source,
                                       evidence_type, contact, origin, origin_municipality, shared_results, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.interventionType}, ${v.title}, ${v.description}, ${v.evidenceSource},
                ${v.evidenceType}, ${v.contact}, ${v.origin}, ${v.originMunicipality},
                ${v.sharedResults === null ? null : JSON.stringify(v.sharedResults)}::jsonb, ${v.by}::uuid)
        RETURNING id`,
  );
}

export async function municipalityName(tx: Orm, municipalityId: string) {
  return (
    (await one<{ name: string }>(tx, sql`SELECT name FROM municipalities WHERE id = ${municipalityId}::uuid`))
      ?.name ?? ''
  );
}
