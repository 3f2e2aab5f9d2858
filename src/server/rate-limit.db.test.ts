// The general API rate limit is one switch in the configuration (RATE_LIMIT_ENABLED, RATE_LIMIT_MAX): on by default
// with 600 requests a minute per client address, never off in production, and login keeps its own limit when the
// general one is off (a benchmark measures the API, an attacker still cannot guess passwords).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db.ts';
import { TestClient, testConfig } from '../../test/harness.ts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import type { Database } from './db/client.ts';
import { createLogger } from './logger.ts';

const PRODUCTION = { NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40), DATABASE_URL: 'postgres://x/y' };

describe('rate-limit configuration', () => {
  it('keeps the production default: on, 600 requests a minute', () => {
    expect(loadConfig(PRODUCTION).rateLimit).toEqual({ enabled: true, maxPerMinute: 600 });
    expect(loadConfig({}).rateLimit).toEqual({ enabled: true, maxPerMinute: 600 });
  });

  it('reads RATE_LIMIT_MAX and RATE_LIMIT_ENABLED', () => {
    expect(loadConfig({ RATE_LIMIT_MAX: '20000', RATE_LIMIT_ENABLED: 'false' }).rateLimit).toEqual({
      enabled: false,
      maxPerMinute: 20_000,
    });
    expect(loadConfig({ ...PRODUCTION, RATE_LIMIT_MAX: '5000' }).rateLimit.maxPerMinute).toBe(5000);
  });

  it('refuses a limit that is no positive whole number, and a switch that is no yes/no', () => {
    for (const bad of ['0', '-5', '1.5', 'many', '2000000']) {
      expect(() => loadConfig({ RATE_LIMIT_MAX: bad }), bad).toThrow(/RATE_LIMIT_MAX/);
    }
    expect(() => loadConfig({ RATE_LIMIT_ENABLED: 'off' })).toThrow(/RATE_LIMIT_ENABLED/);
  });

  it('refuses to switch the limit off in production', () => {
    expect(() => loadConfig({ ...PRODUCTION, RATE_LIMIT_ENABLED: 'false' })).toThrow(ConfigError);
  });
});

describe('rate limit of the API', () => {
  let database: Database;
  let limited: FastifyInstance;
  let open: FastifyInstance;
  let webDist: string;

  // One database for both apps: the limiter counts in memory, per app.
  beforeAll(async () => {
    database = await createTestDatabase();
    const logger = createLogger('silent');
    // A web UI of its own, so the test does not depend on a build of the real one.
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-web-'));
    fs.mkdirSync(path.join(webDist, 'assets'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Vangnet</title>');
    fs.writeFileSync(path.join(webDist, 'assets/app.js'), 'export {};');
    limited = await buildApp({ config: testConfig({ RATE_LIMIT_MAX: '3' }), database, logger, webDist });
    open = await buildApp({
      config: testConfig({
        RATE_LIMIT_MAX: '3',
        RATE_LIMIT_ENABLED: 'false',
        LOGIN_RATE_LIMIT_PER_MINUTE: '2',
      }),
      database,
      logger,
    });
  });
  afterAll(async () => {
    await limited?.close();
    await open?.close();
    await database?.close();
    if (webDist) fs.rmSync(webDist, { recursive: true, force: true });
  });

  const get = (app: FastifyInstance, remoteAddress: string) =>
    app.inject({ method: 'GET', url: '/api/v1/openapi.json', remoteAddress });

  it('answers 429 problem+json beyond RATE_LIMIT_MAX per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(limited, '10.1.1.1')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await get(limited, '10.1.1.1');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toBeDefined();
    // Another address has its own count.
    expect((await get(limited, '10.1.1.2')).statusCode).toBe(200);
  });

  it('does not count the web UI (its page and static files), only the API', async () => {
    const web: number[] = [];
    for (let i = 0; i < 4; i++) {
      for (const url of ['/inloggen', '/assets/app.js']) {
        web.push((await limited.inject({ method: 'GET', url, remoteAddress: '10.1.1.7' })).statusCode);
      }
    }
    expect(web).toEqual(Array(8).fill(200));
    const api: number[] = [];
    for (let i = 0; i < 4; i++) api.push((await get(limited, '10.1.1.7')).statusCode);
    expect(api).toEqual([200, 200, 200, 429]);
  });

  it('limits nothing but login when switched off', async () => {
    const many: number[] = [];
    for (let i = 0; i < 10; i++) many.push((await get(open, '10.1.1.1')).statusCode);
    expect(many).toEqual(Array(10).fill(200));
    const client = new TestClient(open);
    const logins: number[] = [];
    for (let i = 0; i < 3; i++) logins.push((await client.login('nobody@example.test', 'wrong')).statusCode);
    expect(logins).toEqual([401, 401, 429]);
  });
});
