import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import { sendProblem } from '../../http/problem.ts';
import type { Deps } from '../../http/types.ts';

const Health = z.object({ status: z.literal('ok') });

export async function healthRoutes(base: FastifyInstance, { database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/health/live',
    {
      config: { rateLimit: false },
      schema: { tags: ['Beheer'], summary: 'The process runs', response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/health/ready',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['Beheer'],
        summary: 'The database answers',
        response: { 200: Health, 503: ProblemSchema },
      },
    },
    async (req, reply) => {
      // Cleared once the ping answers: probes under load would otherwise leave a pending timer each for 3 s.
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          database.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), 3000).unref();
          }),
        ]);
        return { status: 'ok' as const };
      } catch {
        return sendProblem(
          req,
          reply,
          503,
          'niet-beschikbaar',
          'Service Unavailable',
          'The database does not answer.',
        );
      } finally {
        clearTimeout(timer);
      }
    },
  );
}
