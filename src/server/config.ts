import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable Vangnet reads. The README's configuration table mirrors this schema. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  DATABASE_URL: z.string().optional(),
  // Off behind a connection pooler in transaction mode that does not keep prepared statements (src/server/db/named.ts).
  DATABASE_NAMED_STATEMENTS: bool.default(true),
  DATA_DIR: z.string().default('./data'),
  IMPORT_DIR: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  SECRET_KEY: z.string().min(32).optional(),
  DEMO: bool.optional(),
  MFA_REQUIRED: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(10),
  COOKIE_SECURE: bool.default(true),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  // The general limit of the whole API per client address; login has its own, stricter limit above.
  RATE_LIMIT_ENABLED: bool.default(true),
  RATE_LIMIT_MAX: z.coerce.number().int().positive().max(1_000_000).default(600),
  JOBS_ENABLED: bool.default(true),
  // DDAS reporting (issue 6): the CBS pull API and the export.
  DDAS_CODE_GEGEVENSLEVERANCIER: z.string().trim().min(1).max(100).default('VANGNET'),
  DDAS_API_BASE_PATH: z
    .string()
    .regex(/^(\/[A-Za-z0-9._-]+)+$/, 'A path like /ddas/vroegsignalering (below /api/v1)')
    .default('/ddas/vroegsignalering'),
  DDAS_SIGNING_KEY_FILE: z.string().optional(),
  DDAS_SIGNING_CERT_FILE: z.string().optional(),
  DDAS_TRUST_ANCHORS_FILE: z.string().optional(),
  DDAS_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(100_000).default(25_000),
  // Outreach (issue 5): e-mail through SMTP, text messages through an HTTP provider.
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).optional(),
  SMS_PROVIDER_URL: z.string().url().optional(),
  SMS_PROVIDER_TOKEN: z.string().optional(),
  SMS_SENDER: z.string().max(11).optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };
  /** Where uploaded signal files wait for (and during) their import. */
  importDir: string;
  secretKey: string;
  demo: boolean;
  mfaRequired: boolean;
  logLevel: string;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string } | null;
  loginRateLimitPerMinute: number;
  /**
   * Requests per client address per minute for every route (login keeps loginRateLimitPerMinute). Disabled only
   * outside production, e.g. for a benchmark that measures the API rather than the limiter.
   */
  rateLimit: { enabled: boolean; maxPerMinute: number };
  namedStatements: boolean;
  jobsEnabled: boolean;
  /** DDAS: the CBS pull API (POST /api/v1{apiBasePath}/gegevens) and the export. Files are PEM. */
  ddas: {
    codeGegevensleverancier: string;
    apiBasePath: string;
    /** Private key and certificate chain (signing certificate first) for nlgov-adr-payload-sig on responses. */
    signingKeyFile: string | null;
    signingCertFile: string | null;
    /** CA certificates that signed requests must chain to (PKIoverheid in production). */
    trustAnchorsFile: string | null;
    maxPageSize: number;
  };
  /**
   * Outreach: SMTP (smtp://user:pass@host:port or smtps://) and the text-message provider (POST JSON with a
   * bearer token). Unset in the demo: messages are then delivered to nobody and logged as sent (demo).
   */
  outreach: {
    smtpUrl: string | null;
    mailFrom: string;
    smsUrl: string | null;
    smsToken: string | null;
    smsSender: string;
  };
};

export class ConfigError extends Error {}

const DEV_SECRET = 'vangnet-development-secret-key-not-for-production-use';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // Without DATABASE_URL the app runs on embedded PGlite, which is the demo installation.
  const demo = e.DEMO ?? !e.DATABASE_URL;
  const mfaRequired = e.MFA_REQUIRED ?? !demo;
  if (production && !mfaRequired) {
    throw new ConfigError(
      'MFA_REQUIRED=false is not allowed when NODE_ENV=production (BIO requires a second factor).',
    );
  }
  if (production && !e.SECRET_KEY) {
    throw new ConfigError('SECRET_KEY (at least 32 characters) is required when NODE_ENV=production.');
  }
  if (production && demo) {
    throw new ConfigError('DEMO=true is not allowed when NODE_ENV=production.');
  }
  if (production && !e.RATE_LIMIT_ENABLED) {
    throw new ConfigError(
      'RATE_LIMIT_ENABLED=false is not allowed when NODE_ENV=production; raise RATE_LIMIT_MAX instead.',
    );
  }
  const oidcVars = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.OIDC_REDIRECT_URI];
  if (oidcVars.some(Boolean) && !oidcVars.every(Boolean)) {
    throw new ConfigError(
      'OpenID Connect needs all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI.',
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(e.DATA_DIR, 'pglite') },
    importDir: path.resolve(e.IMPORT_DIR ?? path.join(e.DATA_DIR, 'imports')),
    secretKey: e.SECRET_KEY ?? DEV_SECRET,
    demo,
    mfaRequired,
    logLevel: e.LOG_LEVEL,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieSecure: e.COOKIE_SECURE,
    },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET && e.OIDC_REDIRECT_URI
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            redirectUri: e.OIDC_REDIRECT_URI,
          }
        : null,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    rateLimit: { enabled: e.RATE_LIMIT_ENABLED, maxPerMinute: e.RATE_LIMIT_MAX },
    namedStatements: e.DATABASE_NAMED_STATEMENTS,
    jobsEnabled: e.JOBS_ENABLED,
    ddas: {
      codeGegevensleverancier: e.DDAS_CODE_GEGEVENSLEVERANCIER,
      apiBasePath: e.DDAS_API_BASE_PATH,
      signingKeyFile: e.DDAS_SIGNING_KEY_FILE ?? null,
      signingCertFile: e.DDAS_SIGNING_CERT_FILE ?? null,
      trustAnchorsFile: e.DDAS_TRUST_ANCHORS_FILE ?? null,
      maxPageSize: e.DDAS_MAX_PAGE_SIZE,
    },
    outreach: {
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM ?? 'Vangnet <no-reply@vangnet.invalid>',
      smsUrl: e.SMS_PROVIDER_URL ?? null,
      smsToken: e.SMS_PROVIDER_TOKEN ?? null,
      smsSender: e.SMS_SENDER ?? 'Gemeente',
    },
  };
}
