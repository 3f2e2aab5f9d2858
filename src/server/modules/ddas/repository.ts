// SQL for the DDAS export: the delivering organisation, and the signals and meldingen of a period in a stable
// order (keyset chunks, so a full year streams without holding it in memory).
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import type { SignalRecordRow, ZaakRecordRow } from './mapping.ts';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export type MunicipalityRef = { id: string; cbsCode: string; name: string; regionId: string };
export type RegionRef = { id: string; name: string };

export async function listRegions(tx: Orm): Promise<RegionRef[]> {
  return rows<RegionRef>(await tx.execute(sql`SELECT id::text, name FROM regions ORDER BY created_at, id`));
}

export async function findRegion(tx: Orm, id: string): Promise<RegionRef | undefined> {
  return rows<RegionRef>(await tx.execute(sql`SELECT id::text, name FROM regions WHERE id = ${id}::uuid`))[0];
}

export async function findMunicipality(
  tx: Orm,
  by: { cbsCode: string } | { id: string },
): Promise<MunicipalityRef | undefined> {
  const where = 'cbsCode' in by ? sql`cbs_code = ${by.cbsCode}` : sql`id = ${by.id}::uuid`;
  return rows<MunicipalityRef>(
    await tx.execute(
      sql`SELECT id::text, cbs_code AS "cbsCode", name, region_id::text AS "regionId" FROM municipalities WHERE ${where}`,
    ),
  )[0];
}

export async function municipalitiesOfRegion(tx: Orm, regionId: string): Promise<MunicipalityRef[]> {
  return rows<MunicipalityRef>(
    await tx.execute(sql`
      SELECT id::text, cbs_code AS "cbsCode", name, region_id::text AS "regionId"
        FROM municipalities WHERE region_id = ${regionId}::uuid ORDER BY cbs_code`),
  );
}

/** `asOf` leaves out what arrived later (the CBS API pins a paged delivery to its first page). */
export type Scope = { municipalityId: string; van: string; tot: string; asOf?: Date };

function arrivedBy(column: SQL, asOf: Date | undefined): SQL {
  return asOf ? sql`AND ${column} <= ${asOf.toISOString()}::timestamptz` : sql``;
}

/** Signals that were replaced by a newer version are not delivered: the newest version stands for them. */
const CURRENT = sql`NOT EXISTS (SELECT 1 FROM signals n WHERE n.previous_version_id = s.id)`;

const SIGNAL_COLUMNS = sql`
  s.id::text AS id, s.municipality_id::text AS "municipalityId", s.source, sp.partner_type AS "partnerType",
  s.ddas_status AS "ddasStatus", s.is_crisis AS "isCrisis", s.warm_handover AS "warmHandover",
  s.amount_cents::float8 AS "amountCents", s.arrears_since::text AS "arrearsSince",
  s.signal_date::text AS "signalDate", p.bsn AS "personBsn", p.geslacht AS "personGeslacht",
  p.geboortedatum::text AS "personGeboortedatum", s.bsn, s.geboortedatum::text AS geboortedatum, s.postcode,
  s.huisnummer, s.huisletter, s.toevoeging, s.melding_id::text AS "meldingId",
  m.taken_up_on::text AS "meldingTakenUpOn"`;

function signalScope(scope: Scope): SQL {
  return sql`s.municipality_id = ${scope.municipalityId}::uuid
    AND s.signal_date BETWEEN ${scope.van}::date AND ${scope.tot}::date
    ${arrivedBy(sql`s.created_at`, scope.asOf)} AND ${CURRENT}`;
}

export type SignalKey = { signalDate: string; id: string };

/** One chunk of the signals of a period, after `after` in (signal_date, id) order. */
export async function signalChunk(
  tx: Orm,
  scope: Scope,
  page: { after?: SignalKey; offset?: number; limit: number },
): Promise<SignalRecordRow[]> {
  const after = page.after
    ? sql`AND (s.signal_date, s.id) > (${page.after.signalDate}::date, ${page.after.id}::uuid)`
    : sql``;
  const result = await tx.execute(sql`
    SELECT ${SIGNAL_COLUMNS}
      FROM signals s
      LEFT JOIN signal_partners sp ON sp.id = s.partner_id
      LEFT JOIN persons p ON p.id = s.person_id
      LEFT JOIN meldingen m ON m.id = s.melding_id
     WHERE ${signalScope(scope)} ${after}
     ORDER BY s.signal_date, s.id
     LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`);
  return rows<SignalRecordRow & { amountCents: number | string }>(result).map((r) => ({
    ...r,
    amountCents: Number(r.amountCents),
  }));
}

function zaakScope(scope: Scope): SQL {
  return sql`m.municipality_id = ${scope.municipalityId}::uuid
    AND m.period_start BETWEEN ${scope.van}::date AND ${scope.tot}::date
    ${arrivedBy(sql`m.created_at`, scope.asOf)}`;
}

export type ZaakKey = { periodStart: string; id: string };

/** One chunk of the meldingen (vroegsignaalzaken) whose matching period starts in the period. */
export async function zaakChunk(
  tx: Orm,
  scope: Scope,
  page: { after?: ZaakKey; offset?: number; limit: number },
): Promise<ZaakRecordRow[]> {
  const after = page.after
    ? sql`AND (m.period_start, m.id) > (${page.after.periodStart}::date, ${page.after.id}::uuid)`
    : sql``;
  const result = await tx.execute(sql`
    SELECT m.id::text AS id, m.municipality_id::text AS "municipalityId", m.status, m.eindresultaat,
           m.period_start::text AS "periodStart", m.period_end::text AS "periodEnd",
           coalesce(rs.definition->>'matchingPeriod', 'kalendermaand') AS "matchingPeriod",
           (m.created_at AT TIME ZONE 'Europe/Amsterdam')::date::text AS "matchedOn",
           m.taken_up_on::text AS "takenUpOn",
           ARRAY(SELECT s.id::text FROM signals s WHERE s.melding_id = m.id AND ${CURRENT}
                  ORDER BY s.signal_date, s.id) AS "signalIds",
           coalesce((SELECT json_agg(json_build_object('soort', c.soort, 'datum', c.datum::text,
                                                       'dagdeel', c.dagdeel, 'bereikt', c.bereikt)
                                     ORDER BY c.datum, c.created_at, c.id)
                       FROM contact_attempts c WHERE c.melding_id = m.id), '[]'::json) AS "contactAttempts"
      FROM meldingen m
      LEFT JOIN rule_sets rs ON rs.id = m.rule_set_id
     WHERE ${zaakScope(scope)} ${after}
     ORDER BY m.period_start, m.id
     LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`);
  return rows<ZaakRecordRow>(result).map((r) => ({
    ...r,
    contactAttempts:
      typeof r.contactAttempts === 'string' ? JSON.parse(r.contactAttempts) : r.contactAttempts,
  }));
}

export async function countRecords(tx: Orm, scope: Scope): Promise<{ signals: number; zaken: number }> {
  const [s] = rows<{ n: number }>(
    await tx.execute(sql`SELECT count(*)::int AS n FROM signals s WHERE ${signalScope(scope)}`),
  );
  const [z] = rows<{ n: number }>(
    await tx.execute(sql`SELECT count(*)::int AS n FROM meldingen m WHERE ${zaakScope(scope)}`),
  );
  return { signals: s?.n ?? 0, zaken: z?.n ?? 0 };
}

/** Whether a bearer token (by its hash) is unknown, or known but expired or of a switched-off client. */
export async function machineTokenState(tx: Orm, tokenHash: string): Promise<'unknown' | 'expired'> {
  const [row] = rows<{ n: number }>(
    await tx.execute(sql`SELECT count(*)::int AS n FROM machine_tokens WHERE token_hash = ${tokenHash}`),
  );
  return (row?.n ?? 0) > 0 ? 'expired' : 'unknown';
}
