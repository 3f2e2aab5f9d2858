import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AuditEventSchema, AuditFilterQuery, AuditListQuery } from '../../../shared/schemas/audit.ts';
import { page } from '../../../shared/schemas/common.ts';
import { requireUser } from '../../http/guard.ts';
import { problems } from '../../http/problem.ts';
import type { Deps } from '../../http/types.ts';
import { decodeAuditCursor, encodeAuditCursor, presentAuditEvent } from './presenter.ts';
import { listAuditEvents } from './service.ts';

const tags = ['Audit'];
const EXPORT_MAX_ROWS = 100_000;
const CSV_COLUMNS = [
  'id',
  'occurredAt',
  'actorType',
  'actorId',
  'actorName',
  'action',
  'subjectType',
  'subjectIds',
  'purpose',
  'requestId',
] as const;

function parseBound(value: string | undefined, endOfDay: boolean): Date | undefined {
  if (!value) return undefined;
  return new Date(
    /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : value,
  );
}

function toFilter(q: z.infer<typeof AuditFilterQuery>) {
  return {
    from: parseBound(q.from, false),
    to: parseBound(q.to, true),
    action: q.action,
    actorId: q.actorId,
  };
}

export async function auditRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/audit-events',
    {
      schema: {
        tags,
        summary: 'The audit log of the active municipality, newest first',
        querystring: AuditListQuery,
        response: { 200: page(AuditEventSchema) },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'audit:read');
      const before = req.query.cursor ? decodeAuditCursor(req.query.cursor) : undefined;
      if (before === null) {
        throw problems.badRequest('Invalid cursor.', [
          { name: 'query.cursor', code: 'invalid', reason: 'Unknown cursor' },
        ]);
      }
      const rows = await listAuditEvents(database.orm, ctx, {
        ...toFilter(req.query),
        before,
        limit: req.query.limit + 1,
      });
      const items = rows.slice(0, req.query.limit);
      const last = items.at(-1);
      return {
        items: items.map(presentAuditEvent),
        nextCursor: rows.length > req.query.limit && last ? encodeAuditCursor(last) : null,
      };
    },
  );

  app.get(
    '/audit-events/export',
    {
      schema: {
        tags,
        summary: 'The filtered audit log as CSV',
        querystring: AuditFilterQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'audit:read');
      const rows = await listAuditEvents(database.orm, ctx, {
        ...toFilter(req.query),
        limit: EXPORT_MAX_ROWS,
      });
      const csv = stringify(
        rows.map((r) => {
          const e = presentAuditEvent(r);
          return { ...e, subjectIds: e.subjectIds.join(' ') };
        }),
        { header: true, columns: CSV_COLUMNS },
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="auditlog.csv"')
        .send(csv);
    },
  );
}
