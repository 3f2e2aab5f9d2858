import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { registerProblemHandlers, sendProblem } from './http/problem.ts';
import type { Deps } from './http/types.ts';
import type { JobQueue } from './jobs/queue.ts';
import { registerAuthentication } from './modules/auth/plugin.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { API_MODULES } from './modules/index.ts';

export const API_PREFIX = '/api/v1';
export const API_VERSION = '1.0.0';
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Uploads are streamed with @fastify/multipart, so their routes have no body schema to validate against; the
 * document still has to tell a client what to send. Every upload in Vangnet is one file plus an optional JSON
 * column mapping.
 */
function documentMultipartUploads(input: Parameters<typeof jsonSchemaTransform>[0]) {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Record<string, unknown>;
  const consumes = schema.consumes as string[] | undefined;
  if (consumes?.includes('multipart/form-data') && !schema.body) {
    schema.body = {
      type: 'object',
      required: ['file'],
      properties: {
        mapping: {
          type: 'string',
          description:
            'Optional column mapping as JSON ({"columns": {field: column header}}), sent before the file part',
        },
        file: {
          type: 'string',
          format: 'binary',
          description: 'The file: CSV (UTF-8 or Windows-1252) or XLSX',
        },
      },
    };
  }
  return out;
}

export async function buildApp(opts: {
  config: Config;
  database: Database;
  logger: Logger;
  jobs?: JobQueue | null;
  /** The built web UI; tests point it at a directory of their own. */
  webDist?: string;
}): Promise<FastifyInstance> {
  const { config, database } = opts;
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    bodyLimit: 1_048_576,
    trustProxy: config.env === 'production',
    // Accept a caller's correlation id when it is harmless, otherwise make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);

  // OAuth2 token requests are form-encoded by standard.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  await app.register(fastifyCookie);
  // Partner files: one file per request, streamed to disk (the limit matches MAX_UPLOAD_BYTES).
  await app.register(fastifyMultipart, {
    limits: { files: 1, fields: 5, fieldSize: 100_000, fileSize: 250 * 1024 * 1024 },
  });
  // The security headers are the same for every response, so helmet is configured once here and its middleware
  // runs as a plain hook. (@fastify/helmet built a new helmet middleware, parsing the CSP directives again, for
  // every request, in two hooks of its own.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    hsts: config.env === 'production' ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)),
  );
  await app.register(fastifyRateLimit, {
    // Switched off (outside production only, see config.ts) the plugin still applies the routes' own limits, so
    // login attempts stay limited by LOGIN_RATE_LIMIT_PER_MINUTE.
    global: config.rateLimit.enabled,
    max: config.rateLimit.maxPerMinute,
    // The limit guards the API. The web UI's page and its script and style files are static and cacheable; one page
    // load fetches dozens of them, so counting them would lock out a user who merely clicks around quickly.
    allowList: (req) => !req.url.startsWith(`${API_PREFIX}/`),
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      message: `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`,
    }),
  });

  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) {
      reply.header('API-Version', API_VERSION);
      reply.header('cache-control', 'no-store');
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vangnet API',
        description:
          'API of Vangnet, the open-source platform for vroegsignalering, schuldhulpverlening and household plans. ' +
          'Follows the NL API Design Rules: errors are application/problem+json, lists use cursor pagination, ' +
          'no personal data in URLs.',
        version: API_VERSION,
        contact: { name: 'Vangnet', url: 'https://vangnet.nl' },
        license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/nl/' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vangnet_session' },
          clientCredentials: {
            type: 'oauth2',
            flows: { clientCredentials: { tokenUrl: `${API_PREFIX}/oauth/token`, scopes: {} } },
          },
        },
      },
      security: [{ session: [] }],
    },
    transform: documentMultipartUploads,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: `${API_PREFIX}/docs`, staticCSP: true });

  const deps: Deps = { config, database, jobs: opts.jobs ?? null };
  registerAuthentication(app, { db: database.orm, config });
  await app.register(async (instance) => healthRoutes(instance, deps));
  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      for (const module of API_MODULES) await api.register(async (instance) => module(instance, deps));
    },
    { prefix: API_PREFIX },
  );

  // The web UI's client-side routes fall back to index.html; everything else is a 404 problem.
  const webDist = opts.webDist ?? WEB_DIST;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    const p = req.url.split('?')[0] ?? '/';
    if (hasWeb && req.method === 'GET' && !p.startsWith('/api/') && !p.startsWith('/health/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(req, reply, 404, 'niet-gevonden', 'Not Found', `No route for ${req.method} ${p}`);
  });
  return app;
}
