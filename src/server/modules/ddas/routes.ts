// The CBS pull API of DDAS vroegsignalering (DDAS-VS.yaml, API 2.0.0): POST {base}/gegevens, mounted at
// /api/v1 + DDAS_API_BASE_PATH. OAuth2 client credentials (scope ddas:lezen), signed requests and responses
// (Digest + nlgov-adr-payload-sig) and FSC-style errors (Fsc-Error-Code) for 401, 403, 404 and 405.

import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InvalidParam } from '../../../shared/problem.ts';
import type { MachineActor } from '../../http/context.ts';
import type { Deps } from '../../http/types.ts';
import { sha256 } from '../auth/crypto.ts';
import { fetchGegevensPage, GegevensError } from './cbs.ts';
import {
  loadSigningCredentials,
  pemCertificates,
  SignatureError,
  type SigningCredentials,
  signBody,
  verifySignedBody,
} from './jades.ts';
import { machineTokenState } from './repository.ts';

export const DDAS_SCOPE = 'ddas:lezen';
const PAGE_TOKEN_HEADER = 'ddas-page-token';
const TYPE_BASE = 'https://vangnet.nl/problemen/';

type FscCode =
  | 'ERROR_CODE_ACCESS_TOKEN_MISSING'
  | 'ERROR_CODE_ACCESS_TOKEN_INVALID'
  | 'ERROR_CODE_ACCESS_TOKEN_EXPIRED'
  | 'ERROR_CODE_WRONG_GROUP_ID_IN_TOKEN'
  | 'ERROR_CODE_SERVICE_NOT_FOUND'
  | 'ERROR_CODE_METHOD_UNSUPPORTED';

/** An FSC error body (code, domain) that is also an RFC 9457 problem, with the Fsc-Error-Code header. */
function fscError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: FscCode,
  title: string,
  detail: string,
) {
  reply.header('Fsc-Error-Code', code);
  if (status === 401) {
    reply.header(
      'WWW-Authenticate',
      code === 'ERROR_CODE_ACCESS_TOKEN_MISSING' ? 'Bearer' : 'Bearer error="invalid_token"',
    );
  }
  return {
    type: `${TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    detail,
    instance: req.url.split('?')[0],
    requestId: req.id,
    code,
    domain: 'ERROR_DOMAIN_INWAY' as const,
  };
}

function sendJson(reply: FastifyReply, status: number, body: unknown, type = 'application/problem+json') {
  return reply.code(status).type(type).serializer(JSON.stringify).send(body);
}

function problem(
  req: FastifyRequest,
  status: number,
  slug: string,
  title: string,
  detail: string,
  invalidParams?: InvalidParam[],
  extra: Record<string, unknown> = {},
) {
  return {
    type: `${TYPE_BASE}${slug}`,
    title,
    status,
    detail,
    instance: req.url.split('?')[0],
    requestId: req.id,
    ...(invalidParams?.length ? { invalidParams } : {}),
    ...extra,
  };
}

const GegevensRequestBody = z
  .strictObject({
    aanleverperiodeStartdatum: z
      .string()
      .max(20)
      .optional()
      .describe('YYYY-MM-DD; default: first day of last month'),
    aanleverperiodeEinddatum: z
      .string()
      .max(20)
      .optional()
      .describe('YYYY-MM-DD; default: last day of last month'),
    aanleverendeOrganisatie: z
      .string()
      .max(200)
      .optional()
      .describe(
        "Name or id of the client's organisation, or a gemeentecode of it; default: the whole organisation",
      ),
    page: z.number().int().min(1).optional(),
    pageSize: z.number().int().min(1).optional(),
  })
  .meta({ id: 'DdasGegevensRequest' });

const PagineringSchema = z.object({
  pageSize: z.number().int(),
  currentPage: z.number().int(),
  totalPages: z.number().int(),
  totalRecords: z.number().int(),
});

const GegevensResponse = z
  .object({
    gegevens: z.record(z.string(), z.unknown()).describe('DDAS vroegsignalering v1.2 Uitwisselmodel'),
    paginering: PagineringSchema.optional(),
  })
  .meta({ id: 'DdasGegevensResponse' });

const FscErrorSchema = z.object({
  code: z.string(),
  domain: z.enum(['ERROR_DOMAIN_INWAY', 'ERROR_DOMAIN_OUTWAY']),
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().int().optional(),
  type: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
});

const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  invalidParams: z.array(z.object({ name: z.string(), code: z.string(), reason: z.string() })).optional(),
});

declare module 'fastify' {
  interface FastifyRequest {
    ddasRawBody?: Buffer;
  }
}

export async function ddasRoutes(api: FastifyInstance, { config, database }: Deps): Promise<void> {
  // Key material is read once, on first use: an installation without the CBS API needs none.
  let credentials: Promise<SigningCredentials> | null = null;
  let anchors: X509Certificate[] | null = null;
  const signing = () => {
    const { signingKeyFile, signingCertFile } = config.ddas;
    if (!signingKeyFile || !signingCertFile) return null;
    credentials ??= loadSigningCredentials(
      fs.readFileSync(signingKeyFile, 'utf8'),
      fs.readFileSync(signingCertFile, 'utf8'),
    );
    return credentials;
  };
  const trustAnchors = () => {
    if (!config.ddas.trustAnchorsFile) return null;
    anchors ??= pemCertificates(fs.readFileSync(config.ddas.trustAnchorsFile, 'utf8')).map(
      (der) => new X509Certificate(Buffer.from(der, 'base64')),
    );
    return anchors;
  };

  await api.register(
    async (base) => {
      const app = base.withTypeProvider<ZodTypeProvider>();
      // The signature covers the exact bytes of the body: keep them beside the parsed JSON.
      app.removeContentTypeParser('application/json');
      app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
        req.ddasRawBody = body as Buffer;
        try {
          done(null, JSON.parse((body as Buffer).toString('utf8')));
        } catch {
          const err = new Error('The body is not valid JSON.') as Error & { statusCode: number };
          err.statusCode = 400;
          done(err, undefined);
        }
      });

      // The authentication hook of the application answers a bad bearer token (401) or a missing one (403, CSRF)
      // before this module runs; here those answers become FSC errors.
      app.addHook('onSend', async (req, reply, payload) => {
        if (reply.getHeader('Fsc-Error-Code')) return payload;
        const type = (() => {
          try {
            return String((JSON.parse(String(payload)) as { type?: unknown }).type ?? '');
          } catch {
            return '';
          }
        })();
        if (reply.statusCode === 401) {
          const auth = req.headers.authorization ?? '';
          const state = auth.startsWith('Bearer ')
            ? await machineTokenState(database.orm, sha256(auth.slice(7).trim()))
            : 'missing';
          const code =
            state === 'expired'
              ? 'ERROR_CODE_ACCESS_TOKEN_EXPIRED'
              : state === 'missing'
                ? 'ERROR_CODE_ACCESS_TOKEN_MISSING'
                : 'ERROR_CODE_ACCESS_TOKEN_INVALID';
          reply.type('application/problem+json');
          return JSON.stringify(
            fscError(
              req,
              reply,
              401,
              code,
              'Unauthorized',
              'The access token is missing, invalid or expired.',
            ),
          );
        }
        if (reply.statusCode === 403 && type.endsWith('/csrf')) {
          reply.code(401).type('application/problem+json');
          return JSON.stringify(
            fscError(
              req,
              reply,
              401,
              'ERROR_CODE_ACCESS_TOKEN_MISSING',
              'Unauthorized',
              'A bearer access token is required.',
            ),
          );
        }
        return payload;
      });

      app.setNotFoundHandler((req, reply) => {
        const path = req.url.split('?')[0]?.replace(/\/$/, '') ?? '';
        if (path.endsWith('/gegevens')) {
          reply.header('Allow', 'POST');
          return sendJson(
            reply,
            405,
            fscError(req, reply, 405, 'ERROR_CODE_METHOD_UNSUPPORTED', 'Method Not Allowed', 'Use POST.'),
          );
        }
        return sendJson(
          reply,
          404,
          fscError(req, reply, 404, 'ERROR_CODE_SERVICE_NOT_FOUND', 'Not Found', `No service at ${path}.`),
        );
      });

      app.post(
        '/gegevens',
        {
          schema: {
            tags: ['DDAS (CBS)'],
            summary: 'DDAS vroegsignalering: request and receive the VS data of a period (for CBS)',
            description:
              'DDAS-VS.yaml API 2.0.0. Bearer token from /api/v1/oauth/token (client credentials, scope ddas:lezen). ' +
              'The request carries Digest and nlgov-adr-payload-sig (JAdES, PS256, detached, sigD HttpHeaders over ' +
              'digest, x5c chaining to a trusted anchor); so does the response. Later pages may send the ' +
              `${PAGE_TOKEN_HEADER} of the previous answer to get the same snapshot.`,
            security: [{ clientCredentials: [] }],
            body: GegevensRequestBody,
            response: {
              200: GegevensResponse,
              400: ProblemDetails,
              401: FscErrorSchema,
              403: FscErrorSchema,
              404: FscErrorSchema,
              422: ProblemDetails,
              503: ProblemDetails,
            },
          },
          // Authentication and the request signature come before the body is even looked at.
          preValidation: async (req, reply) => {
            const actor = req.actor;
            if (actor.type !== 'machine') {
              return sendJson(
                reply,
                401,
                fscError(
                  req,
                  reply,
                  401,
                  'ERROR_CODE_ACCESS_TOKEN_MISSING',
                  'Unauthorized',
                  'A bearer access token is required.',
                ),
              );
            }
            if (actor.kind !== 'cbs' || !actor.scopes.includes(DDAS_SCOPE)) {
              return sendJson(
                reply,
                403,
                fscError(
                  req,
                  reply,
                  403,
                  'ERROR_CODE_WRONG_GROUP_ID_IN_TOKEN',
                  'Forbidden',
                  `The token is not a CBS token with the scope ${DDAS_SCOPE}.`,
                ),
              );
            }
            const anchorsNow = trustAnchors();
            if (!anchorsNow || !signing()) {
              return sendJson(
                reply,
                503,
                problem(
                  req,
                  503,
                  'ondertekening-niet-ingericht',
                  'Service Unavailable',
                  'Payload signing is not configured (DDAS_SIGNING_KEY_FILE, DDAS_SIGNING_CERT_FILE, DDAS_TRUST_ANCHORS_FILE).',
                ),
              );
            }
            try {
              await verifySignedBody(
                req.ddasRawBody ?? Buffer.alloc(0),
                {
                  digest: typeof req.headers.digest === 'string' ? req.headers.digest : undefined,
                  signature:
                    typeof req.headers['nlgov-adr-payload-sig'] === 'string'
                      ? req.headers['nlgov-adr-payload-sig']
                      : undefined,
                },
                anchorsNow,
              );
            } catch (err) {
              if (!(err instanceof SignatureError)) throw err;
              const header = err.code.startsWith('digest') ? 'header.digest' : 'header.nlgov-adr-payload-sig';
              return sendJson(
                reply,
                400,
                problem(req, 400, 'ongeldige-ondertekening', 'Bad Request', err.message, [
                  { name: header, code: err.code, reason: err.message },
                ]),
              );
            }
          },
        },
        async (req, reply) => {
          const actor = req.actor as MachineActor;
          const token = req.headers[PAGE_TOKEN_HEADER];
          try {
            const page = await fetchGegevensPage(
              database.orm,
              { actor, municipalityId: actor.municipalityId, requestId: req.id },
              req.body,
              {
                secret: config.secretKey,
                maxPageSize: config.ddas.maxPageSize,
                codeGegevensleverancier: config.ddas.codeGegevensleverancier,
                pageToken: typeof token === 'string' ? token : undefined,
              },
            );
            const body = JSON.stringify(page.body);
            const creds = await (signing() as Promise<SigningCredentials>);
            const signed = await signBody(body, creds);
            reply.header('Digest', signed.digest).header('nlgov-adr-payload-sig', signed.signature);
            if (page.nextPageToken) reply.header(PAGE_TOKEN_HEADER, page.nextPageToken);
            // Already serialised: the signature covers exactly these bytes.
            return reply
              .code(200)
              .type('application/json')
              .serializer((x) => x as string)
              .send(body as never);
          } catch (err) {
            if (!(err instanceof GegevensError)) throw err;
            if (err.status === 404) {
              return sendJson(reply, 404, {
                ...fscError(req, reply, 404, 'ERROR_CODE_SERVICE_NOT_FOUND', 'Not Found', err.message),
                ...(err.invalidParams.length ? { invalidParams: err.invalidParams } : {}),
              });
            }
            return sendJson(
              reply,
              err.status,
              problem(
                req,
                err.status,
                err.code.replaceAll('_', '-'),
                err.status === 422 ? 'Unprocessable Content' : 'Bad Request',
                err.message,
                err.invalidParams,
                err.issues.length
                  ? {
                      issues: err.issues.map((i) => ({
                        recordType: i.recordType,
                        recordId: i.recordId,
                        rule: i.rule,
                      })),
                    }
                  : {},
              ),
            );
          }
        },
      );
    },
    { prefix: config.ddas.apiBasePath },
  );
}
