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

/**
 * Signals without a partner id are exact duplicates when their content is the same. One probe of
 * signals_content_hash_idx per hash (LATERAL … OFFSET 0): a join could hash all of the partner's signals.
 */
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
        FROM unnest(${sql.param([...new Set(hashes)])}::text[]) AS k(content_hash)
       CROSS JOIN LATERAL (
         SELECT s.id, s.content_hash FROM signals s
          WHERE s.partner_id = ${partnerId}::uuid AND s.content_hash = k.content_hash AND s.external_id IS NULL
         OFFSET 0) s`)) as unknown as { rows: { id: string; contentHash: string }[] }
  ).rows;
  for (const r of found) if (!result.has(r.contentHash)) result.set(r.contentHash, r.id);
  return result;
}

/**
 * The pipeline's outcome for a signal (match, DDAS status, melding), decided before the insert so that every
 * signal is written once. Kept apart from the signal itself: merging two objects of fifty fields per signal cost
 * more than the insert's own work in Node.
 */
export type SignalOutcomeColumns = {
  matchStatus?: NewSignal['matchStatus'];
  matchScore?: number | null;
  matchReasons?: unknown[];
  matchCandidates?: unknown[];
  personId?: string | null;
  householdId?: string | null;
  matchedBy?: string | null;
  matchedAt?: Date | null;
  ddasStatus?: string;
  statusReason?: string | null;
  relatedSignalId?: string | null;
  meldingId?: string | null;
};

type Row = { s: NewSignal & { id: string }; o: SignalOutcomeColumns };
type Col = BulkColumn<Row>;
const col = (name: string, type: string, value: Col['value']): Col => ({ name, type, value });

// Every column intake and the pipeline set; the rest keep their defaults.
const SIGNAL_COLUMNS: Col[] = [
  col('id', 'uuid', ({ s }) => s.id),
  col('municipality_id', 'uuid', ({ s }) => s.municipalityId),
  col('partner_id', 'uuid', ({ s }) => s.partnerId),
  col('source', 'text', ({ s }) => s.source),
  col('import_id', 'uuid', ({ s }) => s.importId),
  col('import_row', 'int', ({ s }) => s.importRow),
  col('external_id', 'text', ({ s }) => s.externalId),
  col('version', 'int', ({ s }) => s.version ?? 1),
  col('previous_version_id', 'uuid', ({ s }) => s.previousVersionId),
  col('content_hash', 'text', ({ s }) => s.contentHash),
  col('referral_source_id', 'uuid', ({ s }) => s.referralSourceId),
  col('referrer_name', 'text', ({ s }) => s.referrerName),
  col('created_by_type', 'text', ({ s }) => s.createdByType),
  col('created_by', 'text', ({ s }) => s.createdBy),
  col('bsn', 'text', ({ s }) => s.bsn),
  col('voornamen', 'text', ({ s }) => s.voornamen),
  col('voorletters', 'text', ({ s }) => s.voorletters),
  col('voorvoegsel', 'text', ({ s }) => s.voorvoegsel),
  col('achternaam', 'text', ({ s }) => s.achternaam),
  col('geboortedatum', 'date', ({ s }) => s.geboortedatum),
  col('straat', 'text', ({ s }) => s.straat),
  col('huisnummer', 'int', ({ s }) => s.huisnummer),
  col('huisletter', 'text', ({ s }) => s.huisletter),
  col('toevoeging', 'text', ({ s }) => s.toevoeging),
  col('postcode', 'text', ({ s }) => s.postcode),
  col('woonplaats', 'text', ({ s }) => s.woonplaats),
  col('telefoon', 'text', ({ s }) => s.telefoon),
  col('email', 'text', ({ s }) => s.email),
  col('is_business', 'bool', ({ s }) => s.isBusiness ?? false),
  col('customer_number', 'text', ({ s }) => s.customerNumber),
  col('amount_cents', 'bigint', ({ s }) => s.amountCents),
  col('arrears_since', 'date', ({ s }) => s.arrearsSince),
  col('signal_date', 'date', ({ s }) => s.signalDate),
  col('months_in_arrears', 'int', ({ s }) => s.monthsInArrears),
  col('days_in_arrears', 'int', ({ s }) => s.daysInArrears),
  col('end_of_supply', 'bool', ({ s }) => s.endOfSupply ?? false),
  col('end_of_supply_date', 'date', ({ s }) => s.endOfSupplyDate),
  col('eviction_announced', 'bool', ({ s }) => s.evictionAnnounced ?? false),
  col('eviction_date', 'date', ({ s }) => s.evictionDate),
  col('insurance_termination', 'bool', ({ s }) => s.insuranceTermination ?? false),
  col('warm_handover', 'bool', ({ s }) => s.warmHandover ?? false),
  col('remark', 'text', ({ s }) => s.remark),
  // The pipeline's outcome.
  col('match_status', 'text', ({ o }) => o.matchStatus ?? 'pending'),
  col('match_score', 'real', ({ o }) => o.matchScore),
  col('match_reasons', 'jsonb', ({ o }) => o.matchReasons ?? []),
  col('match_candidates', 'jsonb', ({ o }) => o.matchCandidates ?? []),
  col('person_id', 'uuid', ({ o }) => o.personId),
  col('household_id', 'uuid', ({ o }) => o.householdId),
  col('matched_by', 'text', ({ o }) => o.matchedBy),
  col('matched_at', 'timestamptz', ({ o }) => (o.matchedBy ? (o.matchedAt ?? new Date()) : null)),
  col('ddas_status', 'text', ({ o }) => o.ddasStatus ?? 'Nog niet opgepakt'),
  col('status_reason', 'text', ({ o }) => o.statusReason),
  col('related_signal_id', 'uuid', ({ o }) => o.relatedSignalId),
  col('melding_id', 'uuid', ({ o }) => o.meldingId),
];

/**
 * Rows come with their ids (made by intake, so versions can point at each other before they are stored) and,
 * per id, the pipeline's outcome; a signal without one is stored as received (pending).
 */
export async function insertSignals(
  tx: Orm,
  rows: (NewSignal & { id: string })[],
  outcomes: ReadonlyMap<string, SignalOutcomeColumns> = new Map(),
): Promise<void> {
  await bulkInsert(
    tx,
    'signals',
    SIGNAL_COLUMNS,
    rows.map((s) => ({ s, o: outcomes.get(s.id) ?? s })),
  );
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
