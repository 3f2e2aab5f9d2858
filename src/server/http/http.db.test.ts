import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import { startTestApp, TestClient } from '../../../test/harness.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createLogger } from '../logger.ts';
import type { Vangnet } from '../server.ts';

describe('HTTP conventions (NL API Design Rules) and bad input', () => {
  let v: Vangnet;
  let c: TestClient;
  beforeAll(async () => {
    v = await startTestApp();
    c = new TestClient(v.app);
    await c.login('beheer@voorbeeldstad.demo');
  });
  afterAll(async () => v?.close());

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await c.request('GET', '/api/v1/does-not-exist');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: 'Not Found', instance: '/api/v1/does-not-exist' });
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await c.request('PUT', '/api/v1/session/municipality', undefined, {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    const raw = await v.app.inject({
      method: 'PUT',
      url: '/api/v1/session/municipality',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
      payload: '{"municipalityId": ',
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.headers['content-type']).toContain('application/problem+json');
  });

  it('names wrong types and unknown fields in invalidParams', async () => {
    const res = await c.request('PUT', '/api/v1/session/municipality', { municipalityId: 42, extra: true });
    expect(res.statusCode).toBe(400);
    const names = res.json().invalidParams.map((p: { name: string }) => p.name);
    expect(names).toContain('body.municipalityId');
    expect(names).toContain('body.extra');
  });

  it('answers an oversized body with 413 problem+json', async () => {
    const res = await c.request('PUT', '/api/v1/session/municipality', {
      municipalityId: 'x'.repeat(1_100_000),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('sends security headers with a strict CSP', async () => {
    const res = await c.request('GET', '/api/v1/session');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('sends every security header on API, health, problem and docs responses alike', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self';form-action 'self';frame-ancestors 'none';" +
        "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self';" +
        "connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const url of ['/api/v1/session', '/health/live', '/api/v1/does-not-exist', '/not-a-page']) {
      const res = await c.request('GET', url);
      for (const [name, value] of Object.entries(expected))
        expect([url, res.headers[name]]).toEqual([url, value]);
      // Outside production there is no HSTS: a developer's plain-HTTP localhost must keep working.
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    // The API documentation page brings its own, looser CSP for Swagger UI; the other headers stay.
    const docs = await c.request('GET', '/api/v1/docs/');
    expect(docs.headers['content-security-policy']).toContain('validator.swagger.io');
    expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('reports liveness and readiness', async () => {
    expect((await c.request('GET', '/health/live')).statusCode).toBe(200);
    expect((await c.request('GET', '/health/ready')).json()).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI 3.1 document that lists every API route', async () => {
    const res = await c.request('GET', '/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/session', '/api/v1/audit-events']),
    );
    for (const [p, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { summary?: string }>>,
    )) {
      for (const op of Object.values(ops)) expect(op.summary, p).toBeTruthy();
      // No personal data in URLs: path parameters are ids (or line numbers) only, and no query parameter is
      // a BSN, a name or an address.
      for (const param of p.match(/\{[^}]+\}/g) ?? []) expect(['{id}', '{row}'], p).toContain(param);
      for (const op of Object.values(ops) as { parameters?: { in: string; name: string }[] }[]) {
        for (const q of op.parameters ?? [])
          if (q.in === 'query') expect(q.name, p).not.toMatch(/bsn|naam|postcode|huisnummer|geboorte/i);
      }
    }
    expect((await c.request('GET', '/api/v1/docs/')).statusCode).toBe(200);
  });

  it('documents the multipart file uploads with their file and mapping parts', async () => {
    const doc = (await c.request('GET', '/api/v1/openapi.json')).json();
    const uploads = ['/api/v1/signaalpartners/{id}/bestanden', '/api/v1/vroegsignalen/bestanden'];
    for (const path of uploads) {
      const body = doc.paths[path]?.post?.requestBody;
      const schema = body?.content?.['multipart/form-data']?.schema;
      expect(schema?.required, path).toEqual(['file']);
      expect(schema?.properties?.file, path).toMatchObject({ type: 'string', format: 'binary' });
      expect(schema?.properties?.mapping?.type, path).toBe('string');
    }
  });

  it('keeps the audit log append-only in the database', async () => {
    await expect(v.database.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(v.database.query("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(v.database.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });

  it('lists the audit log with cursor pagination and exports CSV', async () => {
    const auditor = new TestClient(v.app);
    await auditor.login('auditor@voorbeeldstad.demo');
    // Every read of the log is itself logged, so these make sure there is more than one page.
    for (let i = 0; i < 3; i++) await auditor.request('GET', '/api/v1/audit-events?limit=1');
    const first = await auditor.request('GET', '/api/v1/audit-events?limit=2');
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(2);
    const cursor = first.json().nextCursor;
    expect(cursor).toBeTruthy();
    const second = await auditor.request('GET', `/api/v1/audit-events?limit=2&cursor=${cursor}`);
    const ids = [...first.json().items, ...second.json().items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const csv = await auditor.request('GET', '/api/v1/audit-events/export?action=audit.list');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe(
      'id,occurredAt,actorType,actorId,actorName,action,subjectType,subjectIds,purpose,requestId',
    );
    expect(csv.body).toContain('audit.list');
    expect(csv.body).toContain('Aart Auditor');
    expect(first.json().items[0].actorName).toBe('Aart Auditor');
  });

  it('answers 503 on readiness when the database is gone', async () => {
    const other = await startTestApp();
    await other.database.close();
    const res = await other.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    await other.app.close();
  });
});

describe('rate limits', () => {
  let v: Vangnet;
  beforeAll(async () => {
    v = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => v?.close());

  it('answers too many login attempts from one address with 429 problem+json', async () => {
    const c = new TestClient(v.app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await c.login('beleid@voorbeeldstad.demo', 'wrong')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const res = await c.login('beleid@voorbeeldstad.demo');
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describe('security headers in production', () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'production',
      SECRET_KEY: 'x'.repeat(40),
      DATABASE_URL: 'postgres://x/y',
    });
    app = await buildApp({ config, database, logger: createLogger('silent') });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('adds HSTS and upgrade-insecure-requests, also on refusals', async () => {
    for (const url of ['/health/live', '/api/v1/session', '/api/v1/audit-events']) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.headers['strict-transport-security']]).toEqual([
        url,
        'max-age=31536000; includeSubDomains',
      ]);
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });
});
