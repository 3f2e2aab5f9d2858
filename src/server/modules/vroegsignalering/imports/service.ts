import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/client.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { actorId, type ServiceContext } from '../../../http/context.ts';
import { ProblemError, problems } from '../../../http/problem.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { PURPOSES, recordAudit } from '../../audit/service.ts';
import { findPartner, type PartnerForIntake } from '../../partners/service.ts';
import {
  type ColumnMapping,
  ColumnMappingSchema,
  errorReportCsv,
  FileFormatError,
  type FileRow,
  mapFileRow,
  openFile,
  suggestMapping,
  validateMapping,
} from '../import/index.ts';
import { ingestSignals } from '../intake/service.ts';
import { intakeSignals } from '../pipeline/process.ts';
import { pipelineDeps } from '../pipeline-deps.ts';
import * as repo from './repository.ts';
import { ImportStorage } from './storage.ts';

export const IMPORT_JOB = 'signals.import';
export const MAX_UPLOAD_BYTES = 250 * 1024 * 1024;
// Lines per transaction: large enough that per-statement costs vanish, small enough to lose little in a crash.
const CHUNK_ROWS = 5000;

function formatProblem(err: FileFormatError): ProblemError {
  return problems.badRequest(err.message, [{ name: 'body.file', code: err.code, reason: err.message }]);
}

async function partnerOrNotFound(database: Database, ctx: ServiceContext, partnerId: string) {
  const partner = await findPartner(database.orm, ctx.municipalityId, partnerId);
  if (!partner) throw problems.notFound('Unknown signalling partner.');
  return partner;
}

function savedMapping(partner: PartnerForIntake): ColumnMapping | null {
  const parsed = ColumnMappingSchema.safeParse(partner.columnMapping);
  return parsed.success ? parsed.data : null;
}

/** The first rows of a file with a suggested (or the saved) mapping, so staff can check and map its columns. */
export async function previewFile(
  database: Database,
  ctx: ServiceContext,
  partnerId: string,
  file: { stream: NodeJS.ReadableStream; fileName: string },
) {
  const partner = await partnerOrNotFound(database, ctx, partnerId);
  let opened: Awaited<ReturnType<typeof openFile>>;
  try {
    opened = await openFile(file.stream, { fileName: file.fileName });
  } catch (err) {
    if (err instanceof FileFormatError) throw formatProblem(err);
    throw err;
  }
  const rows: FileRow[] = [];
  try {
    for await (const row of opened.rows) {
      rows.push(row);
      if (rows.length >= 10) break;
    }
  } catch (err) {
    if (!(err instanceof FileFormatError)) throw err;
  } finally {
    await opened.close();
  }
  const mapping = savedMapping(partner) ?? suggestMapping(opened.headers);
  return {
    format: opened.format,
    encoding: opened.encoding ?? null,
    delimiter: opened.delimiter ?? null,
    headers: [...opened.headers],
    rows: rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells })),
    mapping,
    mappingSource: savedMapping(partner) ? ('saved' as const) : ('suggested' as const),
    mappingErrors: validateMapping(mapping, opened.headers),
  };
}

/**
 * Stores an upload and queues its import. The same file from the same partner is recognised by its hash (also
 * when two uploads race: the database's unique key decides) and refused with a pointer to the first import.
 */
export async function uploadFile(
  database: Database,
  config: Config,
  jobs: JobQueue | null,
  ctx: ServiceContext,
  input: { partnerId: string; fileName: string; stream: NodeJS.ReadableStream; mapping?: unknown },
) {
  const partner = await partnerOrNotFound(database, ctx, input.partnerId);
  let mapping: ColumnMapping | null = savedMapping(partner);
  if (input.mapping !== undefined) {
    const parsed = ColumnMappingSchema.safeParse(input.mapping);
    if (!parsed.success) {
      throw problems.badRequest('The column mapping is not valid.', [
        { name: 'body.mapping', code: 'invalid', reason: parsed.error.issues[0]?.message ?? 'invalid' },
      ]);
    }
    mapping = parsed.data;
  }
  const storage = new ImportStorage(config.importDir);
  const received = await storage.receive(input.stream, MAX_UPLOAD_BYTES);
  if (!received.ok)
    throw new ProblemError(413, 'te-groot', 'Content Too Large', 'The file is larger than 250 MB.');
  try {
    const existing = await repo.findImportByHash(database.orm, partner.id, received.sha256);
    if (existing) throw duplicateUpload(existing.id);
    const fs = await import('node:fs');
    let opened: Awaited<ReturnType<typeof openFile>>;
    try {
      opened = await openFile(fs.createReadStream(received.tmp), { fileName: input.fileName });
    } catch (err) {
      if (err instanceof FileFormatError) throw formatProblem(err);
      throw err;
    }
    const headers = [...opened.headers];
    await opened.close();
    if (!mapping) mapping = suggestMapping(headers);
    const mappingErrors = validateMapping(mapping, headers);
    if (mappingErrors.length > 0) {
      throw problems.badRequest(
        'The column mapping does not fit this file.',
        mappingErrors.map((e) => ({
          name: `body.mapping.columns.${e.field}`,
          code: e.code,
          reason: e.column ? `${e.message} (${e.column})` : e.message,
        })),
      );
    }
    let created: repo.ImportRow;
    try {
      created = await database.orm.transaction(async (tx) => {
        const row = await repo.insertImport(tx, {
          municipalityId: ctx.municipalityId,
          partnerId: partner.id,
          fileName: input.fileName.slice(0, 255),
          fileSha256: received.sha256,
          fileSize: received.size,
          fileFormat: opened.format,
          columnMapping: mapping as unknown as Record<string, unknown>,
          uploadedByType: ctx.actor.type === 'machine' ? 'machine' : 'user',
          uploadedBy: actorId(ctx),
        });
        await recordAudit(tx, ctx, {
          action: 'signal_import.upload',
          purpose: PURPOSES.earlySignalling,
          subjectType: 'signal_import',
          subjectIds: [row.id],
          details: { partnerId: partner.id, size: received.size, format: opened.format },
        });
        return row;
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        const raced = await repo.findImportByHash(database.orm, partner.id, received.sha256);
        throw duplicateUpload(raced?.id ?? null);
      }
      throw err;
    }
    await received.adopt(created.id);
    if (jobs) await jobs.send(IMPORT_JOB, { importId: created.id });
    else await runImport(database, config, created.id);
    return (await repo.findImportById(database.orm, created.id)) ?? created;
  } finally {
    await received.discard();
  }
}

function duplicateUpload(existingId: string | null): ProblemError {
  return new ProblemError(
    409,
    'bestand-al-aangeleverd',
    'Conflict',
    `This file was already uploaded for this partner${existingId ? ` (import ${existingId})` : ''}; nothing was imported twice.`,
    undefined,
    { existingImportId: existingId },
  );
}

type MappedLine = { row: FileRow; result: ReturnType<typeof mapFileRow> };

/**
 * Reads an uploaded file and takes it through the pipeline in chunks. Each chunk (its signals, its ledger lines and
 * the counters) commits as one transaction, so a crash loses at most the chunk in progress and a rerun continues
 * after the last committed line: nothing is counted or stored twice.
 *
 * While a chunk's transaction runs, the next chunk's lines are read, parsed and mapped: that work is the
 * process's own, the transaction mostly the database's. Chunks still commit one at a time and in file order (a
 * chunk starts only after the one before it committed), so the ledger stays a prefix of the file.
 */
export async function runImport(
  database: Database,
  config: Config,
  importId: string,
  hooks: { afterChunk?: (committedRows: number) => void; chunkRows?: number } = {},
): Promise<void> {
  const db = database.orm;
  const imp = await repo.findImportById(db, importId);
  if (!imp || imp.status === 'completed') return;
  const mapping = ColumnMappingSchema.parse(imp.columnMapping);
  await repo.updateImport(db, importId, {
    status: 'running',
    startedAt: imp.startedAt ?? new Date(),
    error: null,
  });
  const ctx: ServiceContext = {
    actor: { type: 'system', name: 'signals.import' },
    municipalityId: imp.municipalityId,
    requestId: `import:${importId}`,
  };
  const deps = pipelineDeps(config);
  const done = await repo.lastLedgerRow(db, importId);
  const storage = new ImportStorage(config.importDir);
  const chunkRows = hooks.chunkRows ?? CHUNK_ROWS;
  let total = 0;
  let chunk: MappedLine[] = [];

  const commitChunk = async (mapped: MappedLine[]) => {
    await db.transaction(async (tx) => {
      const valid = mapped.flatMap((m) =>
        m.result.ok ? [{ ref: m.row.rowNumber, valid: m.result.signal }] : [],
      );
      const results = valid.length
        ? await ingestSignals(
            tx,
            ctx,
            { partnerId: imp.partnerId, source: 'bestand', importId, items: valid },
            (t, c, rows) => intakeSignals(t, c, rows, deps),
          )
        : [];
      const byRef = new Map(results.map((r) => [r.ref, r]));
      const ledger: repo.LedgerRow[] = mapped.map(({ row, result }) => {
        const r = byRef.get(row.rowNumber);
        if (!result.ok)
          return {
            importId,
            rowNumber: row.rowNumber,
            outcome: 'quarantined',
            raw: row.cells,
            errors: result.errors,
          };
        if (r?.outcome === 'accepted')
          return { importId, rowNumber: row.rowNumber, outcome: 'accepted', signalId: r.signalId };
        if (r?.outcome === 'duplicate')
          return { importId, rowNumber: row.rowNumber, outcome: 'duplicate', duplicateOf: r.duplicateOf };
        return {
          importId,
          rowNumber: row.rowNumber,
          outcome: 'quarantined',
          raw: row.cells,
          errors:
            r?.outcome === 'rejected'
              ? r.errors.map((e) => {
                  // Reported against the partner's own column, as the row mapping does.
                  const header = mapping.columns?.[e.field as keyof typeof mapping.columns];
                  const column = typeof header === 'string' && header !== '' ? header : e.field;
                  return { column, field: e.field, code: e.code, message: e.message };
                })
              : [],
        };
      });
      await repo.insertLedgerRows(tx, ledger);
      await repo.addCounts(tx, importId, {
        processed: ledger.length,
        accepted: ledger.filter((l) => l.outcome === 'accepted').length,
        quarantined: ledger.filter((l) => l.outcome === 'quarantined').length,
        duplicates: ledger.filter((l) => l.outcome === 'duplicate').length,
      });
    });
  };

  // The chunk whose transaction is running, if any.
  let inFlight: Promise<void> | null = null;
  const settle = async () => {
    const p = inFlight;
    inFlight = null;
    if (p) await p;
  };

  try {
    const opened = await openFile(storage.open(importId), { format: imp.fileFormat });
    try {
      for await (const row of opened.rows) {
        total++;
        if (row.rowNumber <= done) continue;
        chunk.push({ row, result: mapFileRow(row, mapping) });
        if (chunk.length >= chunkRows) {
          const next = chunk;
          chunk = [];
          await settle();
          inFlight = commitChunk(next).then(() => hooks.afterChunk?.(next.length));
          // Awaited by settle(); until then a failure must not count as unhandled.
          inFlight.catch(() => {});
        }
      }
      await settle();
      if (chunk.length) await commitChunk(chunk);
    } finally {
      await opened.close();
    }
    await repo.updateImport(db, importId, { status: 'completed', totalRows: total, finishedAt: new Date() });
    await storage.remove(importId);
  } catch (thrown) {
    // A chunk still in flight commits (or fails) before anything after it: chunks commit in file order.
    let err = thrown;
    try {
      await settle();
    } catch (chunkErr) {
      err = chunkErr;
    }
    // What was committed stays (valid lines are never lost); the rest of a broken file is reported.
    if (err === thrown && chunk.length && err instanceof FileFormatError)
      await commitChunk(chunk).catch(() => {});
    const message = err instanceof FileFormatError ? `${err.code}: ${err.message}` : (err as Error).message;
    await repo.updateImport(db, importId, { status: 'failed', error: message, finishedAt: new Date() });
    if (!(err instanceof FileFormatError)) throw err;
  }
}

export async function getImport(database: Database, ctx: ServiceContext, id: string) {
  const row = await repo.findImport(database.orm, ctx.municipalityId, id);
  if (!row) throw problems.notFound();
  return row;
}

export async function listImports(database: Database, ctx: ServiceContext) {
  return repo.listImports(database.orm, ctx.municipalityId, 50);
}

export async function importLines(
  database: Database,
  ctx: ServiceContext,
  id: string,
  q: { outcome?: string; afterRow: number; limit: number },
) {
  await getImport(database, ctx, id);
  return database.orm.transaction(async (tx) => {
    const rows = await repo.ledgerRows(tx, id, q.outcome, q.afterRow, q.limit);
    await recordAudit(tx, ctx, {
      action: 'signal_import.read_lines',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'signal_import',
      subjectIds: [id],
      details: { outcome: q.outcome ?? null, count: rows.length },
    });
    return rows;
  });
}

/** The downloadable error report of an import: every problem of every quarantined line. */
export async function errorReport(database: Database, ctx: ServiceContext, id: string): Promise<string> {
  const rows = await importLines(database, ctx, id, {
    outcome: 'quarantined',
    afterRow: 0,
    limit: 1_000_000,
  });
  return errorReportCsv(
    rows.flatMap((r) =>
      r.errors.map((e) => ({
        row: r.rowNumber,
        column: e.column,
        code: e.code,
        message: String((e as { message?: string }).message ?? e.code),
      })),
    ),
  );
}

/** A quarantined line, corrected in the UI, goes through the same pipeline; the ledger keeps its history. */
export async function resubmitLine(
  database: Database,
  config: Config,
  ctx: ServiceContext,
  id: string,
  rowNumber: number,
  cells: Record<string, string>,
) {
  const imp = await getImport(database, ctx, id);
  const line = await repo.findLedgerRow(database.orm, id, rowNumber);
  if (line?.outcome !== 'quarantined') throw problems.notFound('No quarantined line with this number.');
  const mapping = ColumnMappingSchema.parse(imp.columnMapping);
  const result = mapFileRow(
    { rowNumber, cells: { ...line.raw, ...cells } as Record<string, string> },
    mapping,
  );
  if (!result.ok) {
    throw problems.badRequest(
      'The corrected line still has errors.',
      result.errors.map((e) => ({ name: `body.cells.${e.column}`, code: e.code, reason: e.message })),
    );
  }
  const deps = pipelineDeps(config);
  return database.orm.transaction(async (tx) => {
    const [r] = await ingestSignals(
      tx,
      ctx,
      {
        partnerId: imp.partnerId,
        source: 'bestand',
        importId: id,
        items: [{ ref: rowNumber, raw: result.signal }],
      },
      (t, c, rows) => intakeSignals(t, c, rows, deps),
    );
    const signalId = r?.outcome === 'accepted' ? r.signalId : null;
    await repo.updateLedgerRow(tx, id, rowNumber, {
      outcome: r?.outcome === 'duplicate' ? 'duplicate' : 'resubmitted',
      signalId,
      duplicateOf: r?.outcome === 'duplicate' ? r.duplicateOf : null,
      raw: { ...line.raw, ...cells },
    });
    await repo.addCounts(tx, id, {
      processed: 0,
      accepted: signalId ? 1 : 0,
      quarantined: -1,
      duplicates: r?.outcome === 'duplicate' ? 1 : 0,
    });
    return { outcome: r?.outcome ?? 'rejected', signalId };
  });
}

export async function discardLine(database: Database, ctx: ServiceContext, id: string, rowNumber: number) {
  await getImport(database, ctx, id);
  await database.orm.transaction(async (tx) => {
    const line = await repo.findLedgerRow(tx, id, rowNumber);
    if (line?.outcome !== 'quarantined') throw problems.notFound('No quarantined line with this number.');
    await repo.updateLedgerRow(tx, id, rowNumber, { outcome: 'discarded' });
    await repo.addCounts(tx, id, { processed: 0, accepted: 0, quarantined: -1, duplicates: 0 });
    await recordAudit(tx, ctx, {
      action: 'signal_import.discard_line',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'signal_import',
      subjectIds: [id],
      details: { rowNumber },
    });
  });
}
