import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type BulkColumn, bulkInsert } from '../../../db/bulk.ts';
import type { Orm } from '../../../db/client.ts';
import { signalImportRows, signalImports } from '../../../db/schema.ts';

export type ImportRow = typeof signalImports.$inferSelect;
export type LedgerRow = typeof signalImportRows.$inferInsert;

export async function insertImport(tx: Orm, row: typeof signalImports.$inferInsert): Promise<ImportRow> {
  const [created] = await tx.insert(signalImports).values(row).returning();
  if (!created) throw new Error('import insert failed');
  return created;
}

export async function findImport(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<ImportRow | undefined> {
  const [row] = await tx
    .select()
    .from(signalImports)
    .where(and(eq(signalImports.municipalityId, municipalityId), eq(signalImports.id, id)))
    .limit(1);
  return row;
}

export async function findImportById(tx: Orm, id: string): Promise<ImportRow | undefined> {
  const [row] = await tx.select().from(signalImports).where(eq(signalImports.id, id)).limit(1);
  return row;
}

export async function findImportByHash(
  tx: Orm,
  partnerId: string,
  sha256: string,
): Promise<ImportRow | undefined> {
  const [row] = await tx
    .select()
    .from(signalImports)
    .where(and(eq(signalImports.partnerId, partnerId), eq(signalImports.fileSha256, sha256)))
    .limit(1);
  return row;
}

export async function listImports(tx: Orm, municipalityId: string, limit: number) {
  return tx
    .select()
    .from(signalImports)
    .where(eq(signalImports.municipalityId, municipalityId))
    .orderBy(desc(signalImports.createdAt), desc(signalImports.id))
    .limit(limit);
}

export async function updateImport(tx: Orm, id: string, patch: Partial<ImportRow>): Promise<void> {
  await tx.update(signalImports).set(patch).where(eq(signalImports.id, id));
}

/** Adds a chunk's outcome to the counters in the same transaction as its ledger rows. */
export async function addCounts(
  tx: Orm,
  id: string,
  c: { processed: number; accepted: number; quarantined: number; duplicates: number },
): Promise<void> {
  await tx
    .update(signalImports)
    .set({
      processedRows: sql`${signalImports.processedRows} + ${c.processed}`,
      acceptedRows: sql`${signalImports.acceptedRows} + ${c.accepted}`,
      quarantinedRows: sql`${signalImports.quarantinedRows} + ${c.quarantined}`,
      duplicateRows: sql`${signalImports.duplicateRows} + ${c.duplicates}`,
    })
    .where(eq(signalImports.id, id));
}

/** The last line already in the ledger: a resumed run continues after it. */
export async function lastLedgerRow(tx: Orm, importId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${signalImportRows.rowNumber}), 0)::int` })
    .from(signalImportRows)
    .where(eq(signalImportRows.importId, importId));
  return row?.n ?? 0;
}

const LEDGER_COLUMNS: BulkColumn<LedgerRow>[] = [
  { name: 'import_id', type: 'uuid', value: (r) => r.importId },
  { name: 'row_number', type: 'int', value: (r) => r.rowNumber },
  { name: 'outcome', type: 'text', value: (r) => r.outcome },
  { name: 'signal_id', type: 'uuid', value: (r) => r.signalId },
  { name: 'duplicate_of', type: 'uuid', value: (r) => r.duplicateOf },
  { name: 'raw', type: 'jsonb', value: (r) => r.raw ?? {} },
  { name: 'errors', type: 'jsonb', value: (r) => r.errors ?? [] },
];

/** A chunk's ledger lines in one statement (COPY in the chunk's transaction). */
export async function insertLedgerRows(tx: Orm, rows: LedgerRow[]): Promise<void> {
  await bulkInsert(tx, 'signal_import_rows', LEDGER_COLUMNS, rows);
}

export async function ledgerRows(
  tx: Orm,
  importId: string,
  outcome: string | undefined,
  afterRow: number,
  limit: number,
) {
  return tx
    .select()
    .from(signalImportRows)
    .where(
      and(
        eq(signalImportRows.importId, importId),
        outcome ? eq(signalImportRows.outcome, outcome as LedgerRow['outcome']) : undefined,
        sql`${signalImportRows.rowNumber} > ${afterRow}`,
      ),
    )
    .orderBy(asc(signalImportRows.rowNumber))
    .limit(limit);
}

export async function findLedgerRow(tx: Orm, importId: string, rowNumber: number) {
  const [row] = await tx
    .select()
    .from(signalImportRows)
    .where(and(eq(signalImportRows.importId, importId), eq(signalImportRows.rowNumber, rowNumber)))
    .limit(1);
  return row;
}

export async function updateLedgerRow(
  tx: Orm,
  importId: string,
  rowNumber: number,
  patch: Partial<typeof signalImportRows.$inferInsert>,
): Promise<void> {
  await tx
    .update(signalImportRows)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(signalImportRows.importId, importId), eq(signalImportRows.rowNumber, rowNumber)));
}
