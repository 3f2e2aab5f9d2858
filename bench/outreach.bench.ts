// npm run bench:outreach -- [--signals N] [--duration S]
// The follow-up API at scale on PostgreSQL: 1,000,000 signals bundled into meldingen (assigned, contacted,
// closed), then 20 concurrent clients (autocannon in a worker thread, bench/http-load.ts) on the work list (first
// page with filters and sorting) and on the melding view. The baseline is measured in the same run: SELECT 1 on the
// pool, GET /health/ready and GET /api/v1/session (what every signed-in request costs before it reaches the
// module). Target: p95 under 100 ms.
// (The letter-batch part of this benchmark belongs to the outreach letters and is added there.)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.ts';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { createLogger } from '../src/server/logger.ts';
import { createVangnet } from '../src/server/server.ts';
import { baselineRows, httpLoad, listen, login, printTable } from './http-load.ts';

const { values } = parseArgs({
  options: { signals: { type: 'string' }, duration: { type: 'string' } },
});
const signalCount = Number(values.signals ?? 1_000_000);
const meldingCount = Math.round(signalCount / 2.5);
const duration = Number(values.duration ?? 10);
const connections = 20;
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function open(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const name = `vangnet_outreach_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: serverUrl });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  if (process.env.BENCH_KEEP) console.log(`database ${name}`);
  return {
    db,
    drop: async () => {
      const a = await openDatabase({ kind: 'postgres', url: serverUrl });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

/** Loads the meldingen and signals with set-based SQL: the benchmark is about reading them. */
async function load(db: Database, mid: string, workerId: string) {
  const queues = await db.query<{ id: string }>(
    'SELECT id FROM work_queues WHERE municipality_id = $1 ORDER BY name',
    [mid],
  );
  if (queues.length === 0) throw new Error('no werkbakjes');
  const households = await db.query<{ id: string; address_id: string }>(
    'SELECT id, address_id FROM households WHERE municipality_id = $1 ORDER BY id',
    [mid],
  );
  // Deterministic ids that are valid RFC 4122 version-4 uuids (the API checks them).
  await db.query(`CREATE FUNCTION bench_uuid(t text) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$
    SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid FROM md5(t) AS h$$`);
  // Meldingen over the past year; a fifth closed, a third in progress, the rest open; 10 % assigned to the
  // worker (a busy team's worth) and 5 % crisis, none of them closed. The rule explanation has the shape the rules
  // engine writes (a fallback item): the melding view's response schema checks it.
  await db.query(
    `INSERT INTO meldingen (id, municipality_id, household_id, address_id, address_fingerprint, period_start, status,
        is_crisis, meervoudig, queue_id, priority, deadline, total_amount_cents, signal_count, partner_types,
        youngest_adult_age, oldest_adult_age, created_at, assigned_to, assigned_at, taken_up_on, first_contact_on,
        first_reached_on, closed_at, eindresultaat, rule_explanation)
     SELECT bench_uuid('m' || g), $1, h.id, h.address_id, 'fp-' || (g % ($2::int / 2)),
            date_trunc('month', d)::date,
            CASE WHEN g % 5 = 0 THEN 'afgesloten' WHEN g % 3 = 0 THEN 'in_behandeling' ELSE 'open' END,
            g % 20 = 1, g % 4 = 0, ($3::uuid[])[1 + g % array_length($3::uuid[], 1)], 1 + g % 5,
            (d + (3 + g % 10) * interval '1 day')::date, (g::bigint * 7919) % 500000, 2 + g % 2,
            ARRAY[(ARRAY['Huur','Energie','Water','Zorg','Overige'])[1 + g % 5]], 20 + g % 60, 25 + g % 60,
            d, CASE WHEN g % 10 = 1 THEN $4::uuid END, CASE WHEN g % 10 = 1 THEN d END,
            CASE WHEN g % 5 = 0 OR g % 3 = 0 THEN (d + interval '2 days')::date END,
            CASE WHEN g % 5 = 0 OR g % 3 = 0 THEN (d + interval '2 days')::date END,
            CASE WHEN g % 5 = 0 THEN (d + interval '5 days')::date END,
            CASE WHEN g % 5 = 0 THEN d + interval '20 days' END,
            CASE WHEN g % 5 = 0 THEN 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering' END,
            '[{"ruleId":null,"code":"fallback","params":{"queue":"Algemeen"},"met":true}]'::jsonb
       FROM generate_series(1, $2::int) g
       CROSS JOIN LATERAL (SELECT now() - ((g * 31) % 360) * interval '1 day' AS d) t
       JOIN LATERAL (SELECT ($5::uuid[])[1 + g % array_length($5::uuid[], 1)] AS id,
                            ($6::uuid[])[1 + g % array_length($6::uuid[], 1)] AS address_id) h ON true`,
    [
      mid,
      meldingCount,
      queues.map((q) => q.id),
      workerId,
      households.map((h) => h.id),
      households.map((h) => h.address_id),
    ],
  );
  await db.query(
    `INSERT INTO signals (municipality_id, source, content_hash, created_by_type, created_by, achternaam, voornamen,
        postcode, huisnummer, amount_cents, arrears_since, signal_date, match_status, ddas_status, melding_id)
     SELECT $1, 'api', md5('s' || g), 'machine', 'bench', 'Jansen', 'Anna', '9901AA', 1 + g % 200, (g::bigint * 104729) % 300000,
            (now() - ((g * 31) % 360 + 60) * interval '1 day')::date, (now() - ((g * 31) % 360) * interval '1 day')::date,
            'matched', CASE WHEN (g % $2::int) % 3 = 0 THEN 'Opgepakt' ELSE 'Nog niet opgepakt' END,
            bench_uuid('m' || (1 + g % $2::int))
       FROM generate_series(1, $3::int) g`,
    [mid, meldingCount, signalCount],
  );
  await db.query(
    `INSERT INTO contact_attempts (municipality_id, melding_id, soort, datum, dagdeel, bereikt, created_by)
     SELECT municipality_id, id, (ARRAY['Telefoon','Brief','Huisbezoek','Mail'])[1 + abs(hashtext(id::text)) % 4],
            first_contact_on, 'Ochtend', first_reached_on IS NOT NULL, $2
       FROM meldingen WHERE municipality_id = $1 AND first_contact_on IS NOT NULL`,
    [mid, workerId],
  );
  await db.query('ANALYZE');
  return queues;
}

const started = performance.now();
const { db, drop } = await open();
const importDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-bench-'));
try {
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO: 'true',
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    COOKIE_SECURE: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    IMPORT_DIR: importDir,
  });
  const vangnet = await createVangnet(config, createLogger('silent'), {
    database: db,
    demoInhabitants: 3000,
    demoSignals: false,
  });
  const [m] = await db.query<{ id: string }>("SELECT id FROM municipalities WHERE cbs_code = '9901'");
  const [worker] = await db.query<{ id: string }>(
    "SELECT id FROM users WHERE email = 'vroegsignalering@voorbeeldstad.demo'",
  );
  if (!m || !worker) throw new Error('demo region missing');
  const t0 = performance.now();
  const queues = await load(db, m.id, worker.id);
  const [counts] = await db.query<{ signals: number; meldingen: number }>(
    'SELECT (SELECT count(*)::int FROM signals) AS signals, (SELECT count(*)::int FROM meldingen) AS meldingen',
  );
  console.log(
    `Follow-up API benchmark on PostgreSQL: ${counts?.signals.toLocaleString('en')} signals in ` +
      `${counts?.meldingen.toLocaleString('en')} meldingen, loaded in ${secs(performance.now() - t0)}`,
  );

  const cookie = await login(vangnet.app, 'vroegsignalering@voorbeeldstad.demo');
  const url = await listen(vangnet.app);

  const ids = (
    await db.query<{ id: string }>(
      "SELECT id FROM meldingen WHERE municipality_id = $1 AND status <> 'afgesloten' ORDER BY md5(id::text) LIMIT 1000",
      [m.id],
    )
  ).map((r) => r.id);
  const queue = queues[0]?.id as string;
  const shapes: [string, string[]][] = [
    [
      'work list: werkbakje, unassigned, by deadline',
      [`/api/v1/opvolging/meldingen?queueId=${queue}&assigned=none&sort=deadline&limit=50`],
    ],
    ['work list: all active, by priority', ['/api/v1/opvolging/meldingen?sort=priority&limit=50']],
    ['work list: overdue, crisis', ['/api/v1/opvolging/meldingen?deadline=overdue&flags=crisis&limit=50']],
    ['work list: my work, by deadline', ['/api/v1/opvolging/meldingen?assigned=me&sort=deadline&limit=50']],
    ['melding view (1,000 different meldingen)', ids.map((id) => `/api/v1/opvolging/meldingen/${id}`)],
  ];
  const target = { url, cookie, connections, duration };
  // Warm up the work list (buffers, the pool's connections) before measuring.
  await httpLoad(target, 'warm-up', shapes[0]?.[1] ?? []);
  const results = await baselineRows(db, target);
  for (const [label, paths] of shapes) results.push(await httpLoad(target, label, paths));
  printTable(results, { connections, duration });
  const worst = Math.max(...results.slice(3).map((r) => r.p95));
  console.log('');
  console.log(
    `  target p95 < 100 ms: ${worst < 100 ? 'met' : 'NOT met'} (worst p95 ${worst.toFixed(1)} ms); total ${secs(performance.now() - started)}`,
  );
  await vangnet.close();
} finally {
  // BENCH_KEEP=1 keeps the database for a look at the query plans.
  if (process.env.BENCH_KEEP) console.log(`kept database ${db.kind}`);
  else await drop().catch(() => {});
  fs.rmSync(importDir, { recursive: true, force: true });
}
