// SQL of the berekeningen module: municipal schemes, household financial profiles and the non-take-up scan.
// Every function takes the municipality id and filters on it: a row of another municipality is never found.
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

// --- Municipal schemes ---------------------------------------------------------------------------------------

export type SchemeRow = {
  id: string;
  kind: string;
  name: string;
  income_limit_percent: string | number;
  asset_limit_cents: string | number | null;
  amount_cents: string | number;
  amount_per_child_cents: string | number;
  amount_period: 'maand' | 'jaar';
  min_age: number | null;
  how_to_apply: string;
  application_url: string | null;
  effective_from: string;
  effective_until: string | null;
  is_active: boolean;
  updated_at: string;
};

const SCHEME_COLUMNS = sql`id::text, kind, name, income_limit_percent, asset_limit_cents, amount_cents,
  amount_per_child_cents, amount_period, min_age, how_to_apply, application_url,
  to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_until, 'YYYY-MM-DD') AS effective_until,
  is_active, updated_at::text AS updated_at`;

export type SchemeValues = {
  kind: string;
  name: string;
  incomeLimitPercent: number;
  assetLimitCents: number | null;
  amountCents: number;
  amountPerChildCents: number;
  amountPeriod: 'maand' | 'jaar';
  minAge: number | null;
  howToApply: string;
  applicationUrl: string | null;
  effectiveFrom: string;
  effectiveUntil: string | null;
  isActive: boolean;
};

/** Every scheme of the municipality (all versions), by kind, name and date. Small: a handful per municipality. */
export async function listSchemes(tx: Orm, municipalityId: string): Promise<SchemeRow[]> {
  return rows<SchemeRow>(
    await tx.execute(sql`SELECT ${SCHEME_COLUMNS} FROM municipal_schemes
      WHERE municipality_id = ${municipalityId}::uuid ORDER BY kind, name, effective_from, id`),
  );
}

export async function findScheme(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<SchemeRow | undefined> {
  return rows<SchemeRow>(
    await tx.execute(sql`SELECT ${SCHEME_COLUMNS} FROM municipal_schemes
      WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`),
  )[0];
}

export async function schemeExists(
  tx: Orm,
  municipalityId: string,
  name: string,
  effectiveFrom: string,
  exceptId?: string,
): Promise<boolean> {
  const found = rows<{ id: string }>(
    await tx.execute(sql`SELECT id FROM municipal_schemes WHERE municipality_id = ${municipalityId}::uuid
      AND name = ${name} AND effective_from = ${effectiveFrom}::date
      ${exceptId ? sql`AND id <> ${exceptId}::uuid` : sql``}`),
  );
  return found.length > 0;
}

export async function insertScheme(tx: Orm, municipalityId: string, v: SchemeValues): Promise<SchemeRow> {
  const [row] = rows<SchemeRow>(
    await tx.execute(sql`INSERT INTO municipal_schemes (municipality_id, kind, name, income_limit_percent,
        asset_limit_cents, amount_cents, amount_per_child_cents, amount_period, min_age, how_to_apply,
        application_url, effective_from, effective_until, is_active)
      VALUES (${municipalityId}::uuid, ${v.kind}, ${v.name}, ${v.incomeLimitPercent}, ${v.assetLimitCents},
        ${v.amountCents}, ${v.amountPerChildCents}, ${v.amountPeriod}, ${v.minAge}, ${v.howToApply},
        ${v.applicationUrl}, ${v.effectiveFrom}::date, ${v.effectiveUntil}::date, ${v.isActive})
      RETURNING ${SCHEME_COLUMNS}`),
  );
  if (!row) throw new Error('scheme insert returned nothing');
  return row;
}

export async function updateScheme(
  tx: Orm,
  municipalityId: string,
  id: string,
  v: SchemeValues,
): Promise<SchemeRow | undefined> {
  return rows<SchemeRow>(
    await tx.execute(sql`UPDATE municipal_schemes SET kind = ${v.kind}, name = ${v.name},
        income_limit_percent = ${v.incomeLimitPercent}, asset_limit_cents = ${v.assetLimitCents},
        amount_cents = ${v.amountCents}, amount_per_child_cents = ${v.amountPerChildCents},
        amount_period = ${v.amountPeriod}, min_age = ${v.minAge}, how_to_apply = ${v.howToApply},
        application_url = ${v.applicationUrl}, effective_from = ${v.effectiveFrom}::date,
        effective_until = ${v.effectiveUntil}::date, is_active = ${v.isActive}, updated_at = now()
      WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid
      RETURNING ${SCHEME_COLUMNS}`),
  )[0];
}

// --- Household financial profiles ----------------------------------------------------------------------------

/** One household with its members, as loaded for the scan. */
export type ProfileRow = {
  household_id: string;
  rent_cents: number | null;
  service_costs_cents: number;
  assets_cents: string | number;
  receives: string[];
  receives_schemes: string[];
  roles: string[];
  birthdates: string[];
  net: number[];
  taxable: number[];
};

function profileQuery(where: SQL, limit: number | null): SQL {
  // Members are aggregated per household in one LATERAL look-up on persons_household_idx; persons who moved or
  // died are no longer part of the household.
  return sql`SELECT f.household_id::text AS household_id, f.rent_cents, f.service_costs_cents, f.assets_cents,
      f.receives, f.receives_schemes::text[] AS receives_schemes, m.roles, m.birthdates, m.net, m.taxable
    FROM household_finances f
    CROSS JOIN LATERAL (
      SELECT array_agg(p.household_role ORDER BY p.id) AS roles,
             array_agg(to_char(p.geboortedatum, 'YYYY-MM-DD') ORDER BY p.id) AS birthdates,
             array_agg(coalesce(i.net_monthly_cents, 0) ORDER BY p.id) AS net,
             array_agg(coalesce(i.taxable_yearly_cents, 0) ORDER BY p.id) AS taxable
        FROM persons p LEFT JOIN household_member_incomes i ON i.person_id = p.id
       WHERE p.household_id = f.household_id AND p.brp_status = 'ingeschreven'
    ) m
    WHERE ${where} AND m.roles IS NOT NULL
    ORDER BY f.household_id
    ${limit === null ? sql`` : sql`LIMIT ${limit}`}`;
}

export async function findProfile(
  tx: Orm,
  municipalityId: string,
  householdId: string,
): Promise<ProfileRow | undefined> {
  return rows<ProfileRow>(
    await tx.execute(
      profileQuery(
        sql`f.municipality_id = ${municipalityId}::uuid AND f.household_id = ${householdId}::uuid`,
        1,
      ),
    ),
  )[0];
}

/** A keyset page of profiles (by household id), for the batch scan. */
export async function listProfiles(
  tx: Orm,
  municipalityId: string,
  after: string | null,
  limit: number,
): Promise<ProfileRow[]> {
  const where = after
    ? sql`f.municipality_id = ${municipalityId}::uuid AND f.household_id > ${after}::uuid`
    : sql`f.municipality_id = ${municipalityId}::uuid`;
  return rows<ProfileRow>(await tx.execute(profileQuery(where, limit)));
}

export async function householdExists(
  tx: Orm,
  municipalityId: string,
  householdId: string,
): Promise<boolean> {
  return (
    rows(
      await tx.execute(
        sql`SELECT 1 FROM households WHERE municipality_id = ${municipalityId}::uuid AND id = ${householdId}::uuid`,
      ),
    ).length > 0
  );
}

// --- Scan runs and results -----------------------------------------------------------------------------------

export type RunRow = {
  id: string;
  peildatum: string;
  started_at: string;
  finished_at: string | null;
  households: number;
  households_with_hits: number;
  total_yearly_cents: string | number;
};

const RUN_COLUMNS = sql`id::text, to_char(peildatum, 'YYYY-MM-DD') AS peildatum, started_at::text AS started_at,
  finished_at::text AS finished_at, households, households_with_hits, total_yearly_cents`;

export async function insertRun(
  tx: Orm,
  municipalityId: string,
  peildatum: string,
  startedBy: string,
): Promise<RunRow> {
  const [row] = rows<RunRow>(
    await tx.execute(sql`INSERT INTO nontakeup_scan_runs (municipality_id, peildatum, started_by)
      VALUES (${municipalityId}::uuid, ${peildatum}::date, ${startedBy}) RETURNING ${RUN_COLUMNS}`),
  );
  if (!row) throw new Error('run insert returned nothing');
  return row;
}

export async function finishRun(
  tx: Orm,
  municipalityId: string,
  id: string,
  totals: { households: number; withHits: number; totalYearlyCents: number },
): Promise<RunRow> {
  const [row] = rows<RunRow>(
    await tx.execute(sql`UPDATE nontakeup_scan_runs SET finished_at = clock_timestamp(),
        households = ${totals.households}, households_with_hits = ${totals.withHits},
        total_yearly_cents = ${totals.totalYearlyCents}
      WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid RETURNING ${RUN_COLUMNS}`),
  );
  if (!row) throw new Error('run update returned nothing');
  return row;
}

export type ResultValues = {
  householdId: string;
  totalMonthlyCents: number;
  totalYearlyCents: number;
  kansen: string;
};

/** Writes one page of results with one INSERT … SELECT FROM unnest: five array parameters for thousands of rows. */
export async function insertResults(
  tx: Orm,
  municipalityId: string,
  runId: string,
  values: readonly ResultValues[],
): Promise<void> {
  if (values.length === 0) return;
  await tx.execute(sql`INSERT INTO nontakeup_scan_results
      (run_id, municipality_id, household_id, total_monthly_cents, total_yearly_cents, kansen)
    SELECT ${runId}::uuid, ${municipalityId}::uuid, h, m, y, k::jsonb
      FROM unnest(${sql.param(values.map((v) => v.householdId))}::uuid[],
                  ${sql.param(values.map((v) => v.totalMonthlyCents))}::bigint[],
                  ${sql.param(values.map((v) => v.totalYearlyCents))}::bigint[],
                  ${sql.param(values.map((v) => v.kansen))}::text[]) AS t(h, m, y, k)`);
}

export async function listRuns(
  tx: Orm,
  municipalityId: string,
  after: { startedAt: string; id: string } | undefined,
  limit: number,
): Promise<RunRow[]> {
  return rows<RunRow>(
    await tx.execute(sql`SELECT ${RUN_COLUMNS} FROM nontakeup_scan_runs
      WHERE municipality_id = ${municipalityId}::uuid
      ${after ? sql`AND (started_at, id) < (${after.startedAt}::timestamptz, ${after.id}::uuid)` : sql``}
      ORDER BY started_at DESC, id DESC LIMIT ${limit}`),
  );
}

export async function findRun(tx: Orm, municipalityId: string, id: string): Promise<RunRow | undefined> {
  return rows<RunRow>(
    await tx.execute(sql`SELECT ${RUN_COLUMNS} FROM nontakeup_scan_runs
      WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`),
  )[0];
}

export type ResultRow = {
  household_id: string;
  total_monthly_cents: string | number;
  total_yearly_cents: string | number;
  kansen: { v: string; r: string | null; m: number; y: number }[];
  naam: string | null;
  adres: string | null;
};

/** The outreach list of a run: highest yearly amount first, with the name and address of the head. */
export async function listResults(
  tx: Orm,
  municipalityId: string,
  runId: string,
  after: { totalYearlyCents: number; householdId: string } | undefined,
  limit: number,
): Promise<ResultRow[]> {
  return rows<ResultRow>(
    await tx.execute(sql`SELECT r.household_id::text AS household_id, r.total_monthly_cents,
        r.total_yearly_cents, r.kansen, n.naam, n.adres
      FROM nontakeup_scan_results r
      LEFT JOIN LATERAL (
        SELECT concat_ws(' ', p.voornamen, p.voorvoegsel, p.geslachtsnaam) AS naam,
               concat_ws(' ', a.straat, a.huisnummer::text || coalesce(a.huisletter, '') ||
                 coalesce('-' || a.toevoeging, '')) || ', ' || a.postcode || ' ' || a.woonplaats AS adres
          FROM persons p JOIN addresses a ON a.id = p.address_id
         WHERE p.household_id = r.household_id AND p.municipality_id = r.municipality_id
         ORDER BY (p.household_role = 'hoofd') DESC, p.geboortedatum, p.id LIMIT 1
      ) n ON true
      WHERE r.municipality_id = ${municipalityId}::uuid AND r.run_id = ${runId}::uuid
      ${
        after
          ? sql`AND (r.total_yearly_cents < ${after.totalYearlyCents}
                 OR (r.total_yearly_cents = ${after.totalYearlyCents} AND r.household_id > ${after.householdId}::uuid))`
          : sql``
      }
      ORDER BY r.total_yearly_cents DESC, r.household_id LIMIT ${limit}`),
  );
}
