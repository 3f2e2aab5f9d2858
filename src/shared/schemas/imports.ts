import { z } from 'zod';

export const SignalImportSchema = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    fileName: z.string(),
    fileSize: z.number().int(),
    fileFormat: z.enum(['csv', 'xlsx']),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    totalRows: z.number().int().nullable(),
    processedRows: z.number().int(),
    acceptedRows: z.number().int(),
    quarantinedRows: z.number().int(),
    duplicateRows: z.number().int(),
    error: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'SignalImport' });

export const ImportLineSchema = z
  .object({
    rowNumber: z.number().int(),
    outcome: z.enum(['accepted', 'quarantined', 'duplicate', 'resubmitted', 'discarded']),
    signalId: z.uuid().nullable(),
    duplicateOf: z.uuid().nullable(),
    cells: z.record(z.string(), z.string().nullable()),
    errors: z.array(z.object({ column: z.string(), code: z.string(), message: z.string().optional() })),
  })
  .meta({ id: 'ImportLine' });

export const ImportLinesQuery = z.strictObject({
  outcome: z.enum(['accepted', 'quarantined', 'duplicate', 'resubmitted', 'discarded']).optional(),
  afterRow: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ImportLineParams = z.strictObject({ id: z.uuid(), row: z.coerce.number().int().min(1) });

export const ResubmitLineBody = z.strictObject({
  cells: z
    .record(z.string().max(200), z.string().max(2000))
    .describe("Corrected cells by the file's column name"),
});

export const FilePreviewSchema = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    headers: z.array(z.string()),
    rows: z.array(z.object({ rowNumber: z.number().int(), cells: z.record(z.string(), z.string()) })),
    mapping: z.object({
      columns: z.record(z.string(), z.string()),
      constants: z.record(z.string(), z.string()).optional(),
      dateOrder: z.enum(['dmy', 'ymd']).optional(),
    }),
    mappingSource: z.enum(['saved', 'suggested']),
    mappingErrors: z.array(
      z.object({ code: z.string(), field: z.string(), column: z.string().optional(), message: z.string() }),
    ),
  })
  .meta({ id: 'FilePreview' });
