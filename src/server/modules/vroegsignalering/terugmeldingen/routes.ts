import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../../shared/problem.ts';
import { IdParams } from '../../../../shared/schemas/common.ts';
import { PARTNER_SCOPE } from '../../../../shared/schemas/partners.ts';
import {
  TERUGMELDING_CSV_COLUMNS,
  TerugmeldingenPage,
  TerugmeldingenQuery,
} from '../../../../shared/schemas/terugmeldingen.ts';
import { requireMachine, requireUser } from '../../../http/guard.ts';
import type { Deps } from '../../../http/types.ts';
import { toCsv } from '../import/csv-safety.ts';
import * as terugmeldingen from './service.ts';

const tags = ['Vroegsignalering: terugmeldingen'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

export async function terugmeldingenRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.orm;

  app.get(
    '/terugmeldingen',
    {
      schema: {
        tags,
        summary: "Feedback on the calling partner's own signals: taken up or not, help accepted or not",
        description:
          'For the machine client of a signalling partner (bearer token with scope signalen:aanleveren). ' +
          'Ordered by change time; follow nextCursor, and when it is null keep the last changedAt and ask ' +
          'again later with changedSince. Only what the convenant allows: never a reason, never case details.',
        querystring: TerugmeldingenQuery,
        response: { 200: TerugmeldingenPage, ...errors },
      },
    },
    async (req) => {
      const { actor, ctx } = requireMachine(req, PARTNER_SCOPE);
      return terugmeldingen.listFeedbackForClient(db, { ...ctx, actor }, req.query);
    },
  );

  app.get(
    '/signaalpartners/:id/terugmeldingen',
    {
      schema: {
        tags,
        summary: 'The feedback one partner gets, as that partner sees it',
        params: IdParams,
        querystring: TerugmeldingenQuery,
        response: { 200: TerugmeldingenPage, ...errors, 404: ProblemSchema },
      },
    },
    async (req) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      return terugmeldingen.listFeedbackOfPartner(db, ctx, req.params.id, req.query);
    },
  );

  app.get(
    '/signaalpartners/:id/terugmeldingen/export',
    {
      schema: {
        tags,
        summary: "The partner's feedback as CSV (semicolon-separated, UTF-8), oldest change first",
        params: IdParams,
        querystring: z.strictObject({ changedSince: TerugmeldingenQuery.shape.changedSince }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { ctx } = requireUser(req, 'vroegsignalering:manage');
      const items = await terugmeldingen.exportFeedbackOfPartner(
        db,
        ctx,
        req.params.id,
        req.query.changedSince,
      );
      const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'ja' : 'nee');
      const csv = toCsv(
        items.map((i) => ({ ...i, takenUp: yesNo(i.takenUp), helpAccepted: yesNo(i.helpAccepted) })),
        TERUGMELDING_CSV_COLUMNS,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="terugmeldingen.csv"')
        .send(csv);
    },
  );
}
