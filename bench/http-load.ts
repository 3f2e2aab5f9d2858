// The HTTP load harness of the API benchmarks (households, outreach, reporting).
//
// autocannon runs in a worker thread (bench/http-load-worker.mjs), not on the server's event loop: in production the
// clients are other machines, and a load generator that parses responses and records histograms on the server's
// own loop adds its work to every measured latency. The worker still shares the machine's cores with the server and
// PostgreSQL, so the figures remain on the pessimistic side of what a server with its own cores would show.
//
// Every benchmark prints the same baseline rows, measured in the same run: SELECT 1 straight on the application's
// pool, GET /health/ready (HTTP plus a SELECT 1) and GET /api/v1/session (what a signed-in request costs before it
// reaches a module); ratios are against the SELECT 1 p95.
import type { Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/server/db/client.ts';

export type LoadRow = { label: string; p50: number; p95: number; rps: number; total: number; bad: number };

/** Where and how hard to load: the server's base URL, the session cookie, clients and seconds per row. */
export type LoadTarget = { url: string; cookie: string | null; connections: number; duration: number };

type WorkerSummary = {
  p50: number;
  p90: number;
  p97_5: number | undefined;
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

/** autocannon reports p90 and p97.5; p95 lies between them, linearly interpolated on the percentile. */
export function percentile95({ p90, p97_5 }: { p90: number; p97_5: number | undefined }): number {
  if (p97_5 === undefined) return p90;
  return p90 + ((p97_5 - p90) * (95 - 90)) / (97.5 - 90);
}

function runWorker(data: LoadTarget & { paths: string[] }) {
  return new Promise<WorkerSummary>((resolve, reject) => {
    const worker = new Worker(new URL('./http-load-worker.mjs', import.meta.url), { workerData: data });
    let summary: WorkerSummary | undefined;
    worker.once('message', (m: WorkerSummary) => {
      summary = m;
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      summary ? resolve(summary) : reject(new Error(`load worker exited ${code} without a result`)),
    );
  });
}

/** `connections` clients for `duration` seconds, cycling through `paths` (relative to the target's URL). */
export async function httpLoad(target: LoadTarget, label: string, paths: string[]): Promise<LoadRow> {
  if (paths.length === 0) throw new Error(`${label}: no paths to request`);
  const r = await runWorker({ ...target, paths });
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) {
    const codes = Object.entries(r.statusCodes)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, count]) => `${code}: ${count}`);
    console.log(
      `  ${label}: ${bad} failed (${[...codes, `errors: ${r.errors}`, `timeouts: ${r.timeouts}`].join(', ')})`,
    );
  }
  return { label, p50: r.p50, p95: percentile95(r), rps: r.rps, total: r.total, bad };
}

/** SELECT 1 round trips straight on the application's pool, `connections` callers at once. */
export async function selectOne(db: Database, connections: number, duration: number): Promise<LoadRow> {
  const times: number[] = [];
  const end = performance.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await db.query('SELECT 1');
        times.push(performance.now() - t);
      }
    }),
  );
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return {
    label: 'SELECT 1 on the pool (baseline)',
    p50: at(0.5),
    p95: at(0.95),
    rps: times.length / duration,
    total: times.length,
    bad: 0,
  };
}

/** The baseline rows every API benchmark prints first; warms up the signed-in path before measuring. */
export async function baselineRows(db: Database, target: LoadTarget): Promise<LoadRow[]> {
  await httpLoad(target, 'warm-up', ['/api/v1/session']);
  return [
    await selectOne(db, target.connections, target.duration),
    await httpLoad(target, 'GET /health/ready (HTTP + SELECT 1)', ['/health/ready']),
    await httpLoad(target, 'GET /api/v1/session (signed-in request)', ['/api/v1/session']),
  ];
}

/** Logs in through the API as a demo user and returns the cookie header of the session. */
export async function login(app: FastifyInstance, email: string, password = 'Vangnet-demo-2026') {
  const jar = (cookies: { name: string; value: string }[]) =>
    cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const s = await app.inject({ method: 'GET', url: '/api/v1/session' });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: {
      cookie: jar(s.cookies as { name: string; value: string }[]),
      'x-csrf-token': s.json().csrfToken,
      'content-type': 'application/json',
    },
    payload: JSON.stringify({ email, password }),
  });
  if (res.statusCode !== 200) throw new Error(`login of ${email} failed: ${res.statusCode}`);
  return jar(res.cookies as { name: string; value: string }[]);
}

/**
 * Listens on a free port of 127.0.0.1 and returns the base URL. Every request gets a client address of its own,
 * so the rate limiter still does its work per request (as in production) without refusing the benchmark's clients,
 * which all come from one address.
 */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  let k = 0;
  app.server.on('connection', (socket: Socket) => {
    Object.defineProperty(socket, 'remoteAddress', {
      get: () => `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k++ & 255}`,
    });
  });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** The table of figures, the first row being the SELECT 1 baseline every ratio is taken against. */
export function printTable(rows: LoadRow[], opts: { connections: number; duration: number }): void {
  const width = Math.max(43, ...rows.map((r) => r.label.length));
  const baseline = Math.max(rows[0]?.p95 ?? 1, 0.01);
  console.log('');
  console.log(
    `  ${opts.connections} concurrent clients, ${opts.duration} s each (autocannon in a worker thread)`,
  );
  console.log(`  ${'request'.padEnd(width)}    p50        p95     req/s   x SELECT 1 p95   failed`);
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(width)} ${r.p50.toFixed(1).padStart(7)} ms ${r.p95.toFixed(1).padStart(7)} ms ` +
        `${r.rps.toFixed(0).padStart(8)}   ${(r.p95 / baseline).toFixed(1).padStart(12)}x ${String(r.bad).padStart(8)}`,
    );
  }
}
