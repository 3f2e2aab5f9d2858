import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../../shared/problem.ts';
import {
  LoginBody,
  SessionSchema,
  SwitchMunicipalityBody,
  TokenRequestBody,
  TokenResponseSchema,
  TotpCodeBody,
  TotpEnrolmentSchema,
} from '../../../shared/schemas/session.ts';
import { requireSession } from '../../http/guard.ts';
import { problems } from '../../http/problem.ts';
import type { Deps } from '../../http/types.ts';
import { issueMachineToken } from './machine.ts';
import { OidcLogin } from './oidc.ts';
import { CSRF_COOKIE, ensureCsrfCookie, SESSION_COOKIE, sessionCookieOptions } from './plugin.ts';
import * as auth from './service.ts';

const tags = ['Sessie en authenticatie'];

export async function authRoutes(base: FastifyInstance, { config, database }: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = { db: database.orm, config };
  const oidc = config.oidc ? new OidcLogin(config.oidc, database.orm) : null;

  async function currentSession(
    req: Parameters<typeof requireSession>[0],
    reply: import('fastify').FastifyReply,
  ) {
    const actor = req.actor.type === 'user' ? req.actor : null;
    const csrf = actor ? actor.csrfToken : ensureCsrfCookie(req, reply, config);
    return auth.describeSession(deps, actor, csrf);
  }

  async function sessionAfterChange(token: string) {
    const actor = await auth.resolveSession(deps, token);
    return auth.describeSession(deps, actor, actor?.csrfToken ?? '');
  }

  app.get(
    '/session',
    {
      schema: {
        tags,
        summary: 'The current session, or a CSRF token to log in with',
        response: { 200: SessionSchema },
      },
    },
    async (req, reply) => currentSession(req, reply),
  );

  app.post(
    '/auth/login',
    {
      config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Log in with e-mail address and password',
        body: LoginBody,
        response: { 200: SessionSchema, 401: ProblemSchema, 423: ProblemSchema },
      },
    },
    async (req, reply) => {
      const token = await auth.loginWithPassword(deps, req.body, { requestId: req.id });
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config));
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return sessionAfterChange(token);
    },
  );

  app.post(
    '/auth/totp/enrolment',
    {
      schema: {
        tags,
        summary: 'Start setting up an authenticator app',
        response: { 200: TotpEnrolmentSchema },
      },
    },
    async (req) => auth.startTotpEnrolment(deps, requireSession(req)),
  );

  app.post(
    '/auth/totp/enrolment/confirm',
    {
      config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Confirm the authenticator app with a code',
        body: TotpCodeBody,
        response: { 200: SessionSchema },
      },
    },
    async (req) => {
      const actor = requireSession(req);
      await auth.confirmTotpEnrolment(deps, actor, req.body.code, { requestId: req.id });
      return sessionAfterChange(req.cookies[SESSION_COOKIE] ?? '');
    },
  );

  app.post(
    '/auth/totp/verify',
    {
      config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Verify the second factor of this session',
        body: TotpCodeBody,
        response: { 200: SessionSchema },
      },
    },
    async (req) => {
      const actor = requireSession(req);
      await auth.verifyTotpForSession(deps, actor, req.body.code, { requestId: req.id });
      return sessionAfterChange(req.cookies[SESSION_COOKIE] ?? '');
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'End this session', response: { 204: z.null() } } },
    async (req, reply) => {
      await auth.logout(deps, requireSession(req), { requestId: req.id }, false);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-everywhere',
    { schema: { tags, summary: 'End all sessions of this user', response: { 204: z.null() } } },
    async (req, reply) => {
      await auth.logout(deps, requireSession(req), { requestId: req.id }, true);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/session/municipality',
    {
      schema: {
        tags,
        summary: 'Switch the active municipality',
        body: SwitchMunicipalityBody,
        response: { 200: SessionSchema },
      },
    },
    async (req) => {
      const actor = requireSession(req);
      if (actor.mfaState === 'enrol' || actor.mfaState === 'verify')
        throw problems.unauthorized('Complete the second factor first.');
      await auth.switchMunicipality(deps, actor, req.body.municipalityId, { requestId: req.id });
      return sessionAfterChange(req.cookies[SESSION_COOKIE] ?? '');
    },
  );

  app.get(
    '/auth/oidc/login',
    { schema: { tags, summary: "Start login with the municipality's OpenID Connect provider", hide: !oidc } },
    async (_req, reply) => {
      if (!oidc) throw problems.notFound('OpenID Connect is not configured.');
      return reply.redirect(await oidc.authorizationUrl(), 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    { schema: { tags, summary: 'Return address for the OpenID Connect provider', hide: !oidc } },
    async (req, reply) => {
      if (!oidc) throw problems.notFound('OpenID Connect is not configured.');
      const claims = await oidc.handleCallback(new URL(req.url, config.oidc?.redirectUri));
      const token = await auth.loginWithOidc(deps, claims, { requestId: req.id });
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config));
      const actor = await auth.resolveSession(deps, token);
      return reply.redirect(
        actor?.mfaState === 'enrol' || actor?.mfaState === 'verify' ? '/inloggen/tweede-factor' : '/',
        302,
      );
    },
  );

  app.post(
    '/oauth/token',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['Machinetoegang'],
        summary: 'OAuth2 client credentials for signalling partners and CBS',
        body: TokenRequestBody,
        response: { 200: TokenResponseSchema },
      },
    },
    async (req, reply) => {
      let { client_id: clientId, client_secret: clientSecret } = req.body;
      const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1];
      if (basic) {
        const decoded = Buffer.from(basic, 'base64').toString('utf8');
        const i = decoded.indexOf(':');
        clientId = decodeURIComponent(decoded.slice(0, i));
        clientSecret = decodeURIComponent(decoded.slice(i + 1));
      }
      if (!clientId || !clientSecret) throw problems.unauthorized('invalid_client');
      reply.header('cache-control', 'no-store');
      return issueMachineToken(database.orm, { clientId, clientSecret, scope: req.body.scope }, req.id);
    },
  );
}
