import { and, eq, sql } from 'drizzle-orm';
import { type BulkColumn, bulkInsert } from '../../../db/bulk.ts';
import type { Orm } from '../../../db/client.ts';
import { signals } from '../../../db/schema.ts';

export type NewSignal = typeof signals.$inferInsert;
export type SignalRow = typeof signals.$inferSelect;

/** The newest version per partner id of a signal, for idempotent resends. */
export async function findLatestVersions(
  tx: Orm,
  partnerId: string,
  externalIds: string[],
): Promise<Map<string, { id: string; version: number; contentHash: string }>> {
  const result = new Map<string, { id: string; version: number; contentHash: string }>();
  if (externalIds.length === 0) return result;
  // One index look-up per id (LATERAL … LIMIT 1): with a plain join the planner switches to scanning all of a
  // partner's signals once they number in the hundreds of thousands.
  const found = (
    (await tx.execute(sql`
      SELECT k.external_id AS "externalId", l.id, l.version, l.content_hash AS "contentHash"
        FROM unnest(${sql.param(externalIds)}::text[]) AS k(external_id)
        CROSS JOIN LATERAL (
          SELECT s.id, s.version, s.content_hash FROM signals s
           WHERE s.partner_id = ${partnerId}::uuid AND s.external_id = k.external_id
           ORDER BY s.version DESC LIMIT 1) l`)) as unknown as {
      rows: { id: string; externalId: string; version: number; contentHash: string }[];
    }
  ).rows;
  for (const r of found)
    result.set(r.externalId, { id: r.id, version: r.version, contentHash: r.contentHash });
  return result;
}

/** Signals without a partner id are exact duplicates when their content is the same. */
export async function findByContentHash(
  tx: Orm,
  partnerId: string,
  hashes: string[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (hashes.length === 0) return result;
  const found = (
    (await tx.execute(sql`
      SELECT s.id, s.content_hash AS "contentHash"
        FROM unnest(${sql.param(hashes)}::text[]) AS k(content_hash)
        JOIN signals s ON s.partner_id = ${partnerId}::uuid AND s.content_hash = k.content_hash
       WHERE s.external_id IS NULL`)) as unknown as { rows: { id: string; contentHash: string }[] }
  ).rows;
  for (const r of found) if (!result.has(r.contentHash)) result.set(r.contentHash, r.id);
  return result;
}

type Col = BulkColumn<NewSignal & { id: string }>;
const col = (name: string, type: string, value: Col['value']): Col => ({ name, type, value });

// Every column intake and the pipeline set; the rest keep their defaults.
const SIGNAL_COLUMNS: Col[] = [
  col('id', 'uuid', (r) => r.id),
  col('municipality_id', 'uuid', (r) => r.municipalityId),
  col('partner_id', 'uuid', (r) => r.partnerId),
  col('source', 'text', (r) => r.source),
  col('import_id', 'uuid', (r) => r.importId),
  col('import_row', 'int', (r) => r.importRow),
  col('external_id', 'text', (r) => r.externalId),
  col('version', 'int', (r) => r.version ?? 1),
  col('previous_version_id', 'uuid', (r) => r.previousVersionId),
  col('content_hash', 'text', (r) => r.contentHash),
  col('referral_source_id', 'uuid', (r) => r.referralSourceId),
  col('referrer_name', 'text', (r) => r.referrerName),
  col('created_by_type', 'text', (r) => r.createdByType),
  col('created_by', 'text', (r) => r.createdBy),
  col('bsn', 'text', (r) => r.bsn),
  col('voornamen', 'text', (r) => r.voornamen),
  col('voorletters', 'text', (r) => r.voorletters),
  col('voorvoegsel', 'text', (r) => r.voorvoegsel),
  col('achternaam', 'text', (r) => r.achternaam),
  col('geboortedatum', 'date', (r) => r.geboortedatum),
  col('straat', 'text', (r) => r.straat),
  col('huisnummer', 'int', (r) => r.huisnummer),
  col('huisletter', 'text', (r) => r.huisletter),
  col('toevoeging', 'text', (r) => r.toevoeging),
  col('postcode', 'text', (r) => r.postcode),
  col('woonplaats', 'text', (r) => r.woonplaats),
  col('telefoon', 'text', (r) => r.telefoon),
  col('email', 'text', (r) => r.email),
  col('is_business', 'bool', (r) => r.isBusiness ?? false),
  col('customer_number', 'text', (r) => r.customerNumber),
  col('amount_cents', 'bigint', (r) => r.amountCents),
  col('arrears_since', 'date', (r) => r.arrearsSince),
  col('signal_date', 'date', (r) => r.signalDate),
  col('months_in_arrears', 'int', (r) => r.monthsInArrears),
  col('days_in_arrears', 'int', (r) => r.daysInArrears),
  col('end_of_supply', 'bool', (r) => r.endOfSupply ?? false),
  col('end_of_supply_date', 'date', (r) => r.endOfSupplyDate),
  col('eviction_announced', 'bool', (r) => r.evictionAnnounced ?? false),
  col('eviction_date', 'date', (r) => r.evictionDate),
  col('insurance_termination', 'bool', (r) => r.insuranceTermination ?? false),
  col('warm_handover', 'bool', (r) => r.warmHandover ?? false),
  col('remark', 'text', (r) => r.remark),
  // The pipeline's outcome, decided before the insert so that every signal is written once.
  col('match_status', 'text', (r) => r.matchStatus ?? 'pending'),
  col('match_score', 'real', (r) => r.matchScore),
  col('match_reasons', 'jsonb', (r) => r.matchReasons ?? []),
  col('match_candidates', 'jsonb', (r) => r.matchCandidates ?? []),
  col('person_id', 'uuid', (r) => r.personId),
  col('household_id', 'uuid', (r) => r.householdId),
  col('matched_by', 'text', (r) => r.matchedBy),
  col('matched_at', 'timestamptz', (r) => (r.matchedBy ? (r.matchedAt ?? new Date()) : null)),
  col('ddas_status', 'text', (r) => r.ddasStatus ?? 'Nog niet opgepakt'),
  col('status_reason', 'text', (r) => r.statusReason),
  col('related_signal_id', 'uuid', (r) => r.relatedSignalId),
  col('melding_id', 'uuid', (r) => r.meldingId),
];

/** Rows come with their ids (made by intake, so versions can point at each other before they are stored). */
export async function insertSignals(tx: Orm, rows: (NewSignal & { id: string })[]): Promise<void> {
  await bulkInsert(tx, 'signals', SIGNAL_COLUMNS, rows);
}

export async function findSignal(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<SignalRow | undefined> {
  const [row] = await tx
    .select()
    .from(signals)
    .where(and(eq(signals.municipalityId, municipalityId), eq(signals.id, id)))
    .limit(1);
  return row;
}

export async function countSignals(tx: Orm, municipalityId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(signals)
    .where(eq(signals.municipalityId, municipalityId));
  return row?.n ?? 0;
}
