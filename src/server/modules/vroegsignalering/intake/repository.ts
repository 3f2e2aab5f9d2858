import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
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
  const rows = await tx
    .selectDistinctOn([signals.externalId], {
      id: signals.id,
      externalId: signals.externalId,
      version: signals.version,
      contentHash: signals.contentHash,
    })
    .from(signals)
    .where(and(eq(signals.partnerId, partnerId), inArray(signals.externalId, externalIds)))
    .orderBy(signals.externalId, desc(signals.version));
  for (const r of rows) if (r.externalId) result.set(r.externalId, r);
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
  const rows = await tx
    .select({ id: signals.id, contentHash: signals.contentHash })
    .from(signals)
    .where(
      and(eq(signals.partnerId, partnerId), isNull(signals.externalId), inArray(signals.contentHash, hashes)),
    );
  for (const r of rows) if (!result.has(r.contentHash)) result.set(r.contentHash, r.id);
  return result;
}

export async function insertSignals(tx: Orm, rows: NewSignal[]): Promise<string[]> {
  const ids: string[] = [];
  // Bounded statements: PostgreSQL allows 65,535 parameters per statement.
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await tx
      .insert(signals)
      .values(rows.slice(i, i + 500))
      .returning({ id: signals.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
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
