import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../../shared/schemas/common.ts';
import {
  FilePreviewSchema,
  ImportLineParams,
  ImportLineSchema,
  ImportLinesQuery,
  ResubmitLineBody,
  SignalImportSchema,
} from '../../../../shared/schemas/imports.ts';
import { requireMachine, requireUser } from '../../../http/guard.ts';
import { ProblemError, problems } from '../../../http/problem.ts';
import type { Deps } from '../../../http/types.ts';
import { findPartnerForMachineClient } from '../../partners/service.ts';
import type { ImportRow } from './repository.ts';
import * as service from './service.ts';

const tags = ['Vroegsignalering: bestanden'];

function present(row: ImportRow) {
  return {
    id: row.id,
    partnerId: row.partnerId,
    fileName: row.fileName,
    fileSize: row.fileSize,
    fileFormat: row.fileFormat,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    acceptedRows: row.acceptedRows,
    quarantinedRows: row.quarantinedRows,
    duplicateRows: row.duplicateRows,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The file part of a multipart upload, and an optional JSON `mapping` field sent before it. */
async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart()) {
    throw problems.badRequest('Send the file as multipart/form-data with a field "file".', [
      { name: 'body.file', code: 'required', reason: 'multipart/form-data with a file' },
    ]);
  }
  let mapping: unknown;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field' && part.fieldname === 'mapping') {
        try {
          mapping = JSON.parse(String(part.value));
        } catch {
          throw problems.badRequest('The mapping field is not JSON.', [
            { name: 'body.mapping', code: 'invalid_json', reason: 'Not JSON' },
          ]);
        }
      } else if (part.type === 'file' && part.fieldname === 'file') {
        return { stream: part.file, fileName: part.filename || 'upload', mapping };
      }
    }
  } catch (err) {
    // A body that is not multipart at all (no boundary, cut off) is the client's error, not ours.
    if (err instanceof ProblemError || (err as { statusCode?: number }).statusCode) throw err;
    throw problems.badRequest('The upload is not valid multipart/form-data.', [
      { name: 'body', code: 'invalid_multipart', reason: (err as Error).message },
    ]);
  }
  throw problems.badRequest('The upload has no file.', [
    { name: 'body.file', code: 'required', reason: 'No file part' },
  ]);
}

const multipartBody = {
  consumes: ['multipart/form-data'],
};

export async function importRoutes(base: FastifyInstance, { config, database, jobs }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/signaalpartners/:id/bestanden/voorbeeld',
    {
      schema: {
        tags,
        summary:
          'Preview a partner file: detected format, first rows and the (saved or suggested) column mapping',
        params: IdParams,
        ...multipartBody,
        response: { 200: FilePreviewSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      const upload = await readUpload(req);
      return service.previewFile(database, ctx, req.params.id, upload);
    },
  );

  app.post(
    '/signaalpartners/:id/bestanden',
    {
      schema: {
        tags,
        summary: "Upload a partner's file (CSV or XLSX) for import; the same file twice is refused",
        params: IdParams,
        ...multipartBody,
        response: { 202: SignalImportSchema },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      const upload = await readUpload(req);
      const row = await service.uploadFile(database, config, jobs, ctx, {
        partnerId: req.params.id,
        ...upload,
      });
      return reply.code(202).send(present(row));
    },
  );

  app.post(
    '/vroegsignalen/bestanden',
    {
      schema: {
        tags: ['Signaalpartners (machine)'],
        summary: 'Upload a file of signals as a partner (uses the saved column mapping)',
        security: [{ clientCredentials: ['signalen:aanleveren'] }],
        ...multipartBody,
        response: { 202: SignalImportSchema },
      },
    },
    async (req, reply) => {
      const { actor } = requireMachine(req, 'signalen:aanleveren');
      const partner = await findPartnerForMachineClient(database.orm, actor.machineClientId);
      if (!partner?.isActive) throw problems.forbidden('This client is not an active signalling partner.');
      const upload = await readUpload(req);
      const ctx = { actor, municipalityId: partner.municipalityId, requestId: req.id };
      const row = await service.uploadFile(database, config, jobs, ctx, {
        partnerId: partner.id,
        fileName: upload.fileName,
        stream: upload.stream,
      });
      return reply.code(202).send(present(row));
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Recent imports',
        response: { 200: z.object({ items: z.array(SignalImportSchema) }) },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return { items: (await service.listImports(database, ctx)).map(present) };
    },
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'One import and its progress',
        params: IdParams,
        response: { 200: SignalImportSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return present(await service.getImport(database, ctx, req.params.id));
    },
  );

  app.get(
    '/imports/:id/regels',
    {
      schema: {
        tags,
        summary: 'The lines of an import with their outcome (quarantined lines with their errors)',
        params: IdParams,
        querystring: ImportLinesQuery,
        response: { 200: z.object({ items: z.array(ImportLineSchema) }) },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      const rows = await service.importLines(database, ctx, req.params.id, req.query);
      return {
        items: rows.map((r) => ({
          rowNumber: r.rowNumber,
          outcome: r.outcome,
          signalId: r.signalId,
          duplicateOf: r.duplicateOf,
          cells: r.raw,
          errors: r.errors,
        })),
      };
    },
  );

  app.get(
    '/imports/:id/foutenrapport',
    {
      schema: {
        tags,
        summary: 'Error report as CSV (row, column, code, message)',
        params: IdParams,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      const csv = await service.errorReport(database, ctx, req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="foutenrapport-${req.params.id}.csv"`)
        .send(csv);
    },
  );

  app.put(
    '/imports/:id/regels/:row',
    {
      schema: {
        tags,
        summary: 'Correct a quarantined line and submit it again',
        params: ImportLineParams,
        body: ResubmitLineBody,
        response: { 200: z.object({ outcome: z.string(), signalId: z.uuid().nullable() }) },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return service.resubmitLine(database, config, ctx, req.params.id, req.params.row, req.body.cells);
    },
  );

  app.delete(
    '/imports/:id/regels/:row',
    {
      schema: {
        tags,
        summary: 'Discard a quarantined line (kept in the ledger as discarded)',
        params: ImportLineParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      await service.discardLine(database, ctx, req.params.id, req.params.row);
      return reply.code(204).send(null);
    },
  );
}
