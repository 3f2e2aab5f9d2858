import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type Config, loadConfig } from '../src/server/config.ts';
import { createLogger } from '../src/server/logger.ts';
import { createVangnet, type Vangnet } from '../src/server/server.ts';
import { createTestDatabase } from './db.ts';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DEMO: 'true',
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    COOKIE_SECURE: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    IMPORT_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-imports-')),
    ...env,
  });
}

/** The whole application on a fresh test database, with the demo region seeded (small population). */
export async function startTestApp(
  opts: { env?: Record<string, string>; demoInhabitants?: number; demoSignals?: boolean } = {},
): Promise<Vangnet> {
  const database = await createTestDatabase({ migrate: false });
  return createVangnet(testConfig(opts.env), createLogger('silent'), {
    database,
    demoInhabitants: opts.demoInhabitants ?? 60,
    // Tests create the signals they look at; the demo year would only make their expectations fuzzy.
    demoSignals: opts.demoSignals ?? false,
  });
}

/** The application listening on a free port of 127.0.0.1, for browser tests and real-HTTP tests. */
export async function startTestServer(
  opts: { demo?: boolean; env?: Record<string, string>; port?: number } = {},
) {
  const vangnet = await startTestApp({ env: { DEMO: String(opts.demo ?? true), ...opts.env } });
  await vangnet.app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const address = vangnet.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    vangnet,
    logins: vangnet.demoLogins,
    close: () => vangnet.close(),
  };
}

/** A port of 127.0.0.1 that was free a moment ago, for a server whose address must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function cookieHeader(res: LightMyRequestResponse, jar: Map<string, string>) {
  for (const c of res.cookies as { name: string; value: string }[]) {
    if (c.value === '') jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
}

/** A browser-like API client over fastify.inject: keeps cookies and sends the CSRF token. */
export class TestClient {
  readonly jar = new Map<string, string>();
  csrf = '';

  constructor(readonly app: FastifyInstance) {}

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.jar.size ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    cookieHeader(res, this.jar);
    return res;
  }

  /** A request with a prepared body (e.g. multipart), keeping cookies and the CSRF token. */
  async send(
    method: 'POST' | 'PUT',
    url: string,
    body: { payload: Buffer; headers: Record<string, string> },
  ) {
    const res = await this.app.inject({
      method,
      url,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...body.headers },
      payload: body.payload,
    });
    cookieHeader(res, this.jar);
    return res;
  }

  async refreshSession() {
    const res = await this.request('GET', '/api/v1/session');
    this.csrf = res.json().csrfToken;
    return res.json();
  }

  async login(email: string, password = 'Vangnet-demo-2026') {
    await this.refreshSession();
    const res = await this.request('POST', '/api/v1/auth/login', { email, password });
    if (res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res;
  }
}

/** A multipart/form-data body for inject: fields first, then one file. */
export function multipart(
  file: { name: string; content: Buffer | string; type?: string },
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----vangnet${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
