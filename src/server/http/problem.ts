import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { InvalidParam, Problem } from '../../shared/problem.ts';

const TYPE_BASE = 'https://vangnet.nl/problemen/';

/** A failure a service or route raises on purpose; becomes application/problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly invalidParams?: InvalidParam[],
    /** RFC 9457 extension members, for what a client acts on (e.g. the id of the existing resource). */
    readonly extensions?: Record<string, string | number | boolean | null>,
  ) {
    super(detail ?? title);
  }
}

export const problems = {
  unauthorized: (detail = 'Log in to continue.') =>
    new ProblemError(401, 'niet-ingelogd', 'Unauthorized', detail),
  forbidden: (detail = 'You are not allowed to do this.') =>
    new ProblemError(403, 'verboden', 'Forbidden', detail),
  notFound: (detail = 'The resource does not exist.') =>
    new ProblemError(404, 'niet-gevonden', 'Not Found', detail),
  conflict: (detail: string) => new ProblemError(409, 'conflict', 'Conflict', detail),
  badRequest: (detail: string, invalidParams?: InvalidParam[]) =>
    new ProblemError(400, 'ongeldige-invoer', 'Bad Request', detail, invalidParams),
  tooManyRequests: (detail: string) =>
    new ProblemError(429, 'te-veel-verzoeken', 'Too Many Requests', detail),
};

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  slug: string,
  title: string,
  detail?: string,
  invalidParams?: InvalidParam[],
  extensions?: Record<string, string | number | boolean | null>,
): FastifyReply {
  const body: Problem = {
    ...extensions,
    type: `${TYPE_BASE}${slug}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    instance: req.url.split('?')[0],
    requestId: req.id,
    ...(invalidParams ? { invalidParams } : {}),
  };
  return reply.code(status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

function validationParams(error: FastifyError): InvalidParam[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).flatMap((v): InvalidParam[] => {
    const code = String(v.keyword ?? 'invalid');
    const segments = v.instancePath.split('/').filter(Boolean);
    const keys = (v.params as { keys?: unknown } | undefined)?.keys;
    // Unknown keys are reported on the parent object; name each key so a form can point at it.
    if (code === 'unrecognized_keys' && Array.isArray(keys) && keys.length > 0) {
      return keys.map((key) => ({
        name: [context, ...segments, String(key)].join('.'),
        code: 'unknown_field',
        reason: 'This field is not allowed here.',
      }));
    }
    // Our own checks carry a stable code in params (e.g. invalid_postcode); prefer it over zod's generic one.
    const own = (v.params as { params?: { code?: unknown } } | undefined)?.params?.code;
    return [
      {
        name: [context, ...segments].join('.'),
        code: typeof own === 'string' ? own : code,
        reason: v.message ?? 'Invalid value',
      },
    ];
  });
}

const CLIENT_ERRORS: Record<number, { slug: string; title: string; detail?: string }> = {
  413: { slug: 'te-groot', title: 'Content Too Large', detail: 'The request body is too large.' },
  415: { slug: 'mediatype-niet-ondersteund', title: 'Unsupported Media Type' },
  429: { slug: 'te-veel-verzoeken', title: 'Too Many Requests' },
};

/** Never tells the caller more than that it failed: details go to the log, with the request id. */
function sendInternalError(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    req,
    reply,
    500,
    'interne-fout',
    'Internal Server Error',
    'Something went wrong on our side.',
  );
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof ProblemError) {
      return sendProblem(
        req,
        reply,
        error.status,
        error.slug,
        error.title,
        error.detail,
        error.invalidParams,
        error.extensions,
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(
        req,
        reply,
        400,
        'ongeldige-invoer',
        'Bad Request',
        'The request does not match the schema.',
        validationParams(error as unknown as FastifyError),
      );
    }
    if (isResponseSerializationError(error)) {
      req.log.error({ err: error }, 'response does not match its schema');
      return sendInternalError(req, reply);
    }
    const status = error.statusCode ?? 500;
    const known = CLIENT_ERRORS[status];
    if (known) return sendProblem(req, reply, status, known.slug, known.title, known.detail ?? error.message);
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, empty body with a JSON content type, bad content length.
      return sendProblem(req, reply, status, 'ongeldige-invoer', 'Bad Request', error.message);
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendInternalError(req, reply);
  });
}
