import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Orm } from '../../db/client.ts';
import { sendProblem } from '../../http/problem.ts';
import { randomToken, safeEqual } from './crypto.ts';
import { resolveMachineToken } from './machine.ts';
import { resolveSession } from './service.ts';

export const SESSION_COOKIE = 'vangnet_session';
export const CSRF_COOKIE = 'vangnet_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Called by machines without cookies; CSRF is a browser problem.
const CSRF_EXEMPT = new Set(['/api/v1/oauth/token']);

export function sessionCookieOptions(config: Config) {
  return {
    path: '/',
    httpOnly: true,
    secure: config.session.cookieSecure,
    sameSite: 'lax' as const,
  };
}

/** The pre-session CSRF token (double submit), created on first visit. */
export function ensureCsrfCookie(req: FastifyRequest, reply: FastifyReply, config: Config): string {
  const existing = req.cookies[CSRF_COOKIE];
  if (existing && existing.length >= 20) return existing;
  const token = randomToken();
  reply.setCookie(CSRF_COOKIE, token, { ...sessionCookieOptions(config), sameSite: 'strict' });
  return token;
}

export function registerAuthentication(app: FastifyInstance, deps: { db: Orm; config: Config }): void {
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (req, reply) => {
    req.actor = { type: 'anonymous' };
    if (!req.url.startsWith('/api/')) return;
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const machine = await resolveMachineToken(deps.db, authz.slice(7).trim());
      if (!machine) {
        return sendProblem(
          req,
          reply,
          401,
          'niet-ingelogd',
          'Unauthorized',
          'The bearer token is invalid or expired.',
        );
      }
      req.actor = machine;
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const actor = await resolveSession(deps, token);
      if (actor) req.actor = actor;
      else reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (UNSAFE.has(req.method) && !CSRF_EXEMPT.has(req.url.split('?')[0] ?? '')) {
      const sent = req.headers['x-csrf-token'];
      const expected = req.actor.type === 'user' ? req.actor.csrfToken : req.cookies[CSRF_COOKIE];
      if (typeof sent !== 'string' || !expected || !safeEqual(sent, expected)) {
        return sendProblem(
          req,
          reply,
          403,
          'csrf',
          'Forbidden',
          'The CSRF token is missing or does not match. Reload the page and try again.',
        );
      }
    }
  });
}
