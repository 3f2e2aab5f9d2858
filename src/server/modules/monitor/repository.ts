// The monitor indicators in SQL: one query per group of indicators, per municipality, period and optional wijk.
// docs/monitor-indicatoren.md gives the definition of every figure computed here.
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export type Scope = {
  municipalityId: string;
  van: string;
  tot: string;
  wijkId: string | null;
  today: string;
};

/** Results where the resident accepted help (docs/monitor-indicatoren.md, "hulp aanvaard"). */
export const ACCEPTED_RESULTS = [
  '(Budget)advies en/of quick fix',
  'Vervolghulp en/of verwijzing',
  'Vervolghulp en/of verwijzing financieel',
  'Vervolghulp en/of verwijzing niet financieel',
] as const;

/** Current signals of the period; with a wijk, those whose melding, or else matched address, lies in it. */
function signalsOfScope(s: Scope): SQL {
  return sql`
    SELECT s.id, s.melding_id, s.is_crisis, sp.partner_type
      FROM signals s
      LEFT JOIN signal_partners sp ON sp.id = s.partner_id
      ${s.wijkId ? sql`LEFT JOIN meldingen sm ON sm.id = s.melding_id LEFT JOIN persons sp2 ON sp2.id = s.person_id LEFT JOIN addresses sa ON sa.id = sp2.address_id` : sql``}
     WHERE s.municipality_id = ${s.municipalityId}::uuid
       AND s.signal_date BETWEEN ${s.van}::date AND ${s.tot}::date
       AND NOT EXISTS (SELECT 1 FROM signals n WHERE n.previous_version_id = s.id)
       ${s.wijkId ? sql`AND coalesce(sm.wijk_id, sa.wijk_id) = ${s.wijkId}::uuid` : sql``}`;
}

function meldingenOfScope(s: Scope): SQL {
  return sql`
    SELECT m.* FROM meldingen m
     WHERE m.municipality_id = ${s.municipalityId}::uuid
       AND m.period_start BETWEEN ${s.van}::date AND ${s.tot}::date
       ${s.wijkId ? sql`AND m.wijk_id = ${s.wijkId}::uuid` : sql``}`;
}

export type SignalFigures = {
  signals: number;
  withMelding: number;
  crisis: number;
};

export async function signalFigures(tx: Orm, s: Scope): Promise<SignalFigures> {
  const [row] = rows<SignalFigures>(
    await tx.execute(sql`
      WITH x AS (${signalsOfScope(s)})
      SELECT count(*)::int AS signals,
             count(*) FILTER (WHERE melding_id IS NOT NULL)::int AS "withMelding",
             count(*) FILTER (WHERE is_crisis)::int AS crisis
        FROM x`),
  );
  return row ?? { signals: 0, withMelding: 0, crisis: 0 };
}

/** Inhabitants of the municipality (or the registered persons when unknown), or the registered persons of a wijk. */
export async function inhabitantsOf(tx: Orm, s: Pick<Scope, 'municipalityId' | 'wijkId'>): Promise<number> {
  const query = s.wijkId
    ? sql`SELECT count(*)::int AS n FROM persons p JOIN addresses a ON a.id = p.address_id
           WHERE p.municipality_id = ${s.municipalityId}::uuid AND a.wijk_id = ${s.wijkId}::uuid
             AND p.brp_status = 'ingeschreven'`
    : sql`SELECT (CASE WHEN mu.inhabitants > 0 THEN mu.inhabitants
                  ELSE (SELECT count(*) FROM persons p WHERE p.municipality_id = mu.id AND p.brp_status = 'ingeschreven') END)::int AS n
            FROM municipalities mu WHERE mu.id = ${s.municipalityId}::uuid`;
  return rows<{ n: number }>(await tx.execute(query))[0]?.n ?? 0;
}

export async function signalsByPartnerType(tx: Orm, s: Scope): Promise<{ category: string; n: number }[]> {
  return rows(
    await tx.execute(sql`
      WITH x AS (${signalsOfScope(s)})
      SELECT coalesce(partner_type, 'Overige') AS category, count(*)::int AS n FROM x GROUP BY 1 ORDER BY 1`),
  );
}

export type MeldingFigures = {
  meldingen: number;
  enkelvoudig: number;
  meervoudig: number;
  opeenvolgend: number;
  reached: number;
  accepted: number;
  reachedAccepted: number;
  pickupN: number;
  pickupMedian: number | null;
  pickupP90: number | null;
  contactN: number;
  contactMedian: number | null;
  contactP90: number | null;
  dueN: number;
  onTime: number;
  crisisPickupN: number;
  crisisPickupMedian: number | null;
};

export async function meldingFigures(tx: Orm, s: Scope): Promise<MeldingFigures> {
  const accepted = sql.join(
    ACCEPTED_RESULTS.map((r) => sql`${r}`),
    sql`, `,
  );
  const [row] = rows<MeldingFigures>(
    await tx.execute(sql`
      WITH m AS (${meldingenOfScope(s)}),
      -- Set-based (hash joins), not a subquery per melding: a year of a large municipality is 200,000 meldingen.
      fs AS (SELECT x.melding_id, min(x.signal_date) AS first_signal
               FROM signals x JOIN m ON m.id = x.melding_id GROUP BY x.melding_id),
      fc AS (SELECT c.melding_id, min(c.datum) AS first_contact, bool_or(c.bereikt) AS reached
               FROM contact_attempts c JOIN m ON m.id = c.melding_id GROUP BY c.melding_id),
      z AS (
        SELECT m.id, m.enkelvoudig, m.meervoudig, m.opeenvolgend, m.is_crisis, m.taken_up_on, m.deadline,
               m.eindresultaat, fs.first_signal, fc.first_contact, coalesce(fc.reached, false) AS reached
          FROM m LEFT JOIN fs ON fs.melding_id = m.id LEFT JOIN fc ON fc.melding_id = m.id)
      SELECT count(*)::int AS meldingen,
             count(*) FILTER (WHERE enkelvoudig)::int AS enkelvoudig,
             count(*) FILTER (WHERE meervoudig)::int AS meervoudig,
             count(*) FILTER (WHERE opeenvolgend)::int AS opeenvolgend,
             count(*) FILTER (WHERE reached)::int AS reached,
             count(*) FILTER (WHERE eindresultaat IN (${accepted}))::int AS accepted,
             count(*) FILTER (WHERE reached AND eindresultaat IN (${accepted}))::int AS "reachedAccepted",
             count(*) FILTER (WHERE taken_up_on IS NOT NULL AND first_signal IS NOT NULL)::int AS "pickupN",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY taken_up_on - first_signal)
               FILTER (WHERE taken_up_on IS NOT NULL AND first_signal IS NOT NULL) AS "pickupMedian",
             percentile_cont(0.9) WITHIN GROUP (ORDER BY taken_up_on - first_signal)
               FILTER (WHERE taken_up_on IS NOT NULL AND first_signal IS NOT NULL) AS "pickupP90",
             count(*) FILTER (WHERE first_contact IS NOT NULL AND first_signal IS NOT NULL)::int AS "contactN",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY first_contact - first_signal)
               FILTER (WHERE first_contact IS NOT NULL AND first_signal IS NOT NULL) AS "contactMedian",
             percentile_cont(0.9) WITHIN GROUP (ORDER BY first_contact - first_signal)
               FILTER (WHERE first_contact IS NOT NULL AND first_signal IS NOT NULL) AS "contactP90",
             count(*) FILTER (WHERE deadline IS NOT NULL
                                AND (taken_up_on IS NOT NULL OR deadline < ${s.today}::date))::int AS "dueN",
             count(*) FILTER (WHERE deadline IS NOT NULL AND taken_up_on <= deadline)::int AS "onTime",
             count(*) FILTER (WHERE is_crisis AND taken_up_on IS NOT NULL AND first_signal IS NOT NULL)::int
               AS "crisisPickupN",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY taken_up_on - first_signal)
               FILTER (WHERE is_crisis AND taken_up_on IS NOT NULL AND first_signal IS NOT NULL) AS "crisisPickupMedian"
        FROM z`),
  );
  if (!row) throw new Error('monitor query returned no row');
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...row,
    pickupMedian: num(row.pickupMedian),
    pickupP90: num(row.pickupP90),
    contactMedian: num(row.contactMedian),
    contactP90: num(row.contactP90),
    crisisPickupMedian: num(row.crisisPickupMedian),
  };
}

export async function contactAttemptsByKind(tx: Orm, s: Scope): Promise<{ category: string; n: number }[]> {
  return rows(
    await tx.execute(sql`
      WITH m AS (${meldingenOfScope(s)})
      SELECT c.soort AS category, count(*)::int AS n
        FROM contact_attempts c JOIN m ON m.id = c.melding_id
       GROUP BY 1 ORDER BY 1`),
  );
}

export async function endResults(tx: Orm, s: Scope): Promise<{ category: string; n: number }[]> {
  return rows(
    await tx.execute(sql`
      WITH m AS (${meldingenOfScope(s)})
      SELECT eindresultaat AS category, count(*)::int AS n FROM m
       WHERE status = 'afgesloten' AND eindresultaat IS NOT NULL GROUP BY 1 ORDER BY 1`),
  );
}

export type MunicipalityRow = { id: string; name: string; cbsCode: string; regionId: string };

export async function findMunicipality(tx: Orm, id: string): Promise<MunicipalityRow | undefined> {
  return rows<MunicipalityRow>(
    await tx.execute(sql`SELECT id::text, name, cbs_code AS "cbsCode", region_id::text AS "regionId"
                           FROM municipalities WHERE id = ${id}::uuid`),
  )[0];
}

/** Municipalities of the user's region where they hold one of the roles that may open the monitor. */
export async function monitorMunicipalitiesOfUser(
  tx: Orm,
  userId: string,
  roles: readonly string[],
): Promise<MunicipalityRow[]> {
  return rows<MunicipalityRow>(
    await tx.execute(sql`
      SELECT DISTINCT mu.id::text, mu.name, mu.cbs_code AS "cbsCode", mu.region_id::text AS "regionId"
        FROM memberships ms JOIN municipalities mu ON mu.id = ms.municipality_id
       WHERE ms.user_id = ${userId}::uuid AND ms.role IN (${sql.join(
         roles.map((r) => sql`${r}`),
         sql`, `,
       )})
       ORDER BY "cbsCode"`),
  );
}

export async function findWijk(
  tx: Orm,
  municipalityId: string,
  wijkId: string,
): Promise<{ id: string; code: string; name: string } | undefined> {
  return rows<{ id: string; code: string; name: string }>(
    await tx.execute(sql`SELECT id::text, code, name FROM wijken
                          WHERE id = ${wijkId}::uuid AND municipality_id = ${municipalityId}::uuid`),
  )[0];
}

export async function rolesOfUser(tx: Orm, userId: string, municipalityId: string): Promise<string[]> {
  return rows<{ role: string }>(
    await tx.execute(sql`SELECT role FROM memberships WHERE user_id = ${userId}::uuid
                          AND municipality_id = ${municipalityId}::uuid`),
  ).map((r) => r.role);
}

export type Count = { category: string; n: number };

/** Everything the indicators are computed from (service.ts `indicatorsFrom`), whichever way it was counted. */
export type Figures = SignalFigures & {
  byPartnerType: Count[];
  melding: MeldingFigures;
  contactByKind: Count[];
  endResults: Count[];
};

export const byCategory = (counts: Count[]): Count[] =>
  counts
    .filter((c) => c.n > 0)
    .sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));

/**
 * The figures straight from the raw rows: the reference definition of every indicator. The dashboard reads the
 * monthly rollups instead (rollup.ts); monitor.db.test.ts asserts both give exactly the same figures.
 */
export async function directFigures(tx: Orm, s: Scope): Promise<Figures> {
  return {
    ...(await signalFigures(tx, s)),
    byPartnerType: byCategory(await signalsByPartnerType(tx, s)),
    melding: await meldingFigures(tx, s),
    contactByKind: byCategory(await contactAttemptsByKind(tx, s)),
    endResults: byCategory(await endResults(tx, s)),
  };
}
