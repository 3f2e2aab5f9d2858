// npm run bench:households -- [--households N] [--duration S]
// The household plan at scale on PostgreSQL: 100,000 households with members, network, consent, ZRM history, the
// bridge, goals with actions and progress, referrals and timelines (about 20 events each), spread over 50
// regisseurs; then 20 concurrent clients (autocannon in a worker thread, bench/http-load.ts) opening a household
// (plan + first timeline page) and on the regisseur's caseload list. The baseline is measured in the same run: SELECT 1 round trips straight on the pool
// (20 concurrent callers), GET /health/ready (HTTP plus a SELECT 1) and GET /api/v1/session (what every signed-in
// request costs before it reaches the module). Target: p95 under 100 ms.
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is the server; a database of its own is
// created and dropped.
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
  options: { households: { type: 'string' }, duration: { type: 'string' } },
});
const householdCount = Number(values.households ?? 100_000);
const duration = Number(values.duration ?? 10);
const connections = 20;
const regisseurCount = 50;
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function open(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const name = `vangnet_households_bench_${randomBytes(4).toString('hex')}`;
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
      if (process.env.BENCH_KEEP) return;
      const a = await openDatabase({ kind: 'postgres', url: serverUrl });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

type Load = { db: Database; mid: string; n: number };

/**
 * HOOK for the debt-help trajectory (modules/schuldhulp): loaders that add their own rows (trajectories, debts per
 * creditor) to the same households, ids `bench_uuid('c' || g)` for g in 1..n. Each returns a line for the report.
 * Add a loader here; the measured requests below stay the same (add a shape for the debt view if it has one).
 */
const EXTRA_LOADERS: ((l: Load) => Promise<string>)[] = [];

/** Loads the households with set-based SQL: the benchmark is about reading them through the API. */
async function load({ db, mid, n }: Load, regionId: string, regisseurId: string) {
  await db.query(`CREATE FUNCTION bench_uuid(t text) RETURNS uuid IMMUTABLE LANGUAGE sql AS $$
    SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid FROM md5(t) AS h$$`);
  await db.query(
    `INSERT INTO users (id, region_id, email, display_name)
     SELECT bench_uuid('u' || g), $1, 'regisseur' || g || '@bench.demo', 'Regisseur ' || g
       FROM generate_series(2, $2::int) g`,
    [regionId, regisseurCount],
  );
  await db.query(
    `INSERT INTO memberships (user_id, municipality_id, role)
     SELECT bench_uuid('u' || g), $1, 'regisseur' FROM generate_series(2, $2::int) g`,
    [mid, regisseurCount],
  );
  // Regisseur 1 is the demo regisseur, who logs in; every regisseur has n / 50 households (2,000 for 100,000).
  await db.query(
    `CREATE TEMP TABLE bench_regisseurs AS
     SELECT 1 AS k, $1::uuid AS id UNION ALL SELECT g, bench_uuid('u' || g) FROM generate_series(2, $2::int) g`,
    [regisseurId, regisseurCount],
  );
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    await db.query(sql, params);
    console.log(`  ${label.padEnd(28)} ${secs(performance.now() - t)}`);
  };
  await step(
    'households',
    `INSERT INTO household_cases (id, municipality_id, regisseur_id, status, opened_at, label, last_activity_at,
                                  closed_at, plan_language)
     SELECT bench_uuid('c' || g), $1, r.id, CASE WHEN g % 10 = 0 THEN 'gesloten' ELSE 'open' END,
            now() - (200 + g % 500) * interval '1 day', 'Huishouden ' || g,
            now() - (g % 90) * interval '1 day' - (g % 1440) * interval '1 minute',
            CASE WHEN g % 10 = 0 THEN now() - (g % 90) * interval '1 day' END, CASE WHEN g % 7 = 0 THEN 'en' ELSE 'nl' END
       FROM generate_series(1, $2::int) g JOIN bench_regisseurs r ON r.k = 1 + g % $3::int`,
    [mid, n, regisseurCount],
  );
  await step(
    'members (1-3 each)',
    `INSERT INTO household_members (id, municipality_id, household_case_id, source, voornamen, geslachtsnaam,
                                    geboortedatum, role)
     SELECT bench_uuid('m' || g || '-' || k), $1, bench_uuid('c' || g), 'ingevoerd',
            (ARRAY['Anna','Bram','Cas','Dewi','Eva','Fatima','Gijs'])[1 + (g + k) % 7], 'Jansen' || (g % 997),
            date '1960-01-01' + ((g * 7 + k * 3000) % 20000), (ARRAY['hoofd','partner','kind'])[k]
       FROM generate_series(1, $2::int) g CROSS JOIN generate_series(1, 3) k
      WHERE k = 1 OR (k = 2 AND g % 2 = 0) OR (k = 3 AND g % 3 = 0)`,
    [mid, n],
  );
  await step(
    'network (2 each)',
    `INSERT INTO household_network_members (id, municipality_id, household_case_id, kind, relation, name,
                                            organisation)
     SELECT bench_uuid('n' || g || '-' || k), $1, bench_uuid('c' || g),
            CASE k WHEN 1 THEN 'informeel' ELSE 'formeel' END, CASE k WHEN 1 THEN 'budgetmaatje' ELSE 'wijkteam' END,
            CASE k WHEN 1 THEN 'Maatje ' || g ELSE 'Coach ' || (g % 300) END,
            CASE k WHEN 2 THEN 'Wijkteam Voorbeeldstad' END
       FROM generate_series(1, $2::int) g CROSS JOIN generate_series(1, 2) k`,
    [mid, n],
  );
  await step(
    'consents',
    `INSERT INTO household_consents (municipality_id, household_case_id, network_member_id, categories, purpose,
                                     given_on, given_by_member_id, withdrawn_on, withdrawn_by_member_id)
     SELECT $1, bench_uuid('c' || g), bench_uuid('n' || g || '-1'), ARRAY['plan','netwerk'], 'Samen aan de doelen',
            current_date - 100, bench_uuid('m' || g || '-1'),
            CASE WHEN g % 8 = 0 THEN current_date - 10 END, CASE WHEN g % 8 = 0 THEN bench_uuid('m' || g || '-1') END
       FROM generate_series(1, $2::int) g`,
    [mid, n],
  );
  await step(
    'ZRM (2 each)',
    `INSERT INTO household_zrm_assessments (municipality_id, household_case_id, assessed_on, scores)
     SELECT $1, bench_uuid('c' || g), current_date - k * 90,
            jsonb_build_object('financien', 1 + (g + 3 - k) % 5, 'werk_opleiding', 1 + (g + 1) % 5,
              'tijdsbesteding', 3, 'huisvesting', 1 + (g + 4 - k) % 5, 'huiselijke_relaties', 3,
              'geestelijke_gezondheid', 1 + g % 5, 'lichamelijke_gezondheid', 4, 'middelengebruik', 5, 'basale_adl', 5,
              'instrumentele_adl', 4, 'sociaal_netwerk', 1 + (g + 2) % 5, 'maatschappelijke_participatie', 3,
              'justitie', 5)
       FROM generate_series(1, $2::int) g CROSS JOIN generate_series(0, 1) k`,
    [mid, n],
  );
  await step(
    'bridge',
    `INSERT INTO household_bridge_assessments (municipality_id, household_case_id, assessed_on, levels)
     SELECT $1, bench_uuid('c' || g), current_date - 30,
            jsonb_build_object('gezinsstabiliteit', 1 + g % 5, 'welzijn', 2, 'financieel_beheer', 1 + (g + 2) % 5,
              'onderwijs_training', 3, 'werk_loopbaan', 1 + (g + 1) % 5)
       FROM generate_series(1, $2::int) g`,
    [mid, n],
  );
  await step(
    'goals (3 each)',
    `INSERT INTO household_goals (id, municipality_id, household_case_id, title, zrm_domain, pillar,
                                  chosen_by_member_id, target_date, status, reached_on, recognition)
     SELECT bench_uuid('g' || g || '-' || k), $1, bench_uuid('c' || g),
            (ARRAY['Elke week de post openen','Een buffer van 100 euro','Een opleiding kiezen'])[k],
            (ARRAY['financien','financien','werk_opleiding'])[k],
            (ARRAY['financieel_beheer','financieel_beheer','onderwijs_training'])[k], bench_uuid('m' || g || '-1'),
            current_date + k * 40, CASE WHEN k = 1 AND g % 3 = 0 THEN 'bereikt' ELSE 'actief' END,
            CASE WHEN k = 1 AND g % 3 = 0 THEN current_date - 5 END,
            CASE WHEN k = 1 AND g % 3 = 0 THEN 'Goed gedaan!' END
       FROM generate_series(1, $2::int) g CROSS JOIN generate_series(1, 3) k`,
    [mid, n],
  );
  await step(
    'actions (3 per goal)',
    `INSERT INTO household_actions (municipality_id, household_case_id, goal_id, description, owner_kind,
                                    owner_member_id, owner_network_member_id, owner_user_id, due_date, status, done_on)
     SELECT $1, bench_uuid('c' || g), bench_uuid('g' || g || '-' || k), 'Stap ' || j || ' van doel ' || k,
            (ARRAY['bewoner','netwerk','regisseur'])[j],
            CASE j WHEN 1 THEN bench_uuid('m' || g || '-1') END, CASE j WHEN 2 THEN bench_uuid('n' || g || '-1') END,
            CASE j WHEN 3 THEN c.regisseur_id END,
            current_date + ((g + j * 11 + k * 5) % 60) - 20,
            CASE WHEN (g + j) % 3 = 0 THEN 'gedaan' ELSE 'open' END,
            CASE WHEN (g + j) % 3 = 0 THEN current_date - 3 END
       FROM generate_series(1, $2::int) g CROSS JOIN generate_series(1, 3) k CROSS JOIN generate_series(1, 3) j
       JOIN household_cases c ON c.id = bench_uuid('c' || g)`,
    [mid, n],
  );
  await step(
    'progress (1 per goal)',
    `INSERT INTO household_goal_events (municipality_id, household_case_id, goal_id, kind, note, occurred_on)
     SELECT $1, bench_uuid('c' || g), bench_uuid('g' || g || '-' || k), CASE WHEN k = 2 THEN 'mijlpaal' ELSE 'voortgang' END,
            'Een stap gezet', current_date - k * 7
       FROM generate_series(1, $2::int) g CROSS JOIN generate_series(1, 3) k`,
    [mid, n],
  );
  await step(
    'referrals (1 each)',
    `INSERT INTO household_referrals (municipality_id, household_case_id, kind, target, reason, status, remind_on,
                                      consent_given_on, consent_member_id, consent_shared)
     SELECT $1, bench_uuid('c' || g), CASE WHEN g % 2 = 0 THEN 'intern' ELSE 'extern' END,
            CASE WHEN g % 2 = 0 THEN 'gemeentelijke_belastingen' ELSE 'voedselbank' END, 'Hulp', 
            (ARRAY['verzonden','geaccepteerd','afgerond'])[1 + g % 3], current_date + g % 20, current_date - 20,
            bench_uuid('m' || g || '-1'), 'Naam en adres'
       FROM generate_series(1, $2::int) g`,
    [mid, n],
  );
  await step(
    'timeline (20 each)',
    `INSERT INTO household_timeline (municipality_id, household_case_id, occurred_at, category, kind, actor_user_id,
                                     text)
     SELECT $1, c.id, c.opened_at + e * interval '9 days',
            (ARRAY['huishouden','netwerk','toestemming','zrm','plan','plan','plan','verwijzing'])[1 + e % 8],
            (ARRAY['huishouden_geopend','netwerklid_toegevoegd','toestemming_gegeven','zrm_afgenomen','doel_gesteld',
                   'actie_toegevoegd','actie_gedaan','verwijzing_verzonden'])[1 + e % 8], c.regisseur_id, 'Gebeurtenis ' || e
       FROM household_cases c CROSS JOIN generate_series(0, 19) e
      WHERE c.municipality_id = $1`,
    [mid],
  );
  for (const extra of EXTRA_LOADERS) console.log(`  ${await extra({ db, mid, n })}`);
  await db.query('ANALYZE');
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
    // For comparing: BENCH_NAMED_STATEMENTS=false runs the views as unnamed statements.
    DATABASE_NAMED_STATEMENTS: process.env.BENCH_NAMED_STATEMENTS ?? 'true',
  });
  const vangnet = await createVangnet(config, createLogger('silent'), {
    database: db,
    demoInhabitants: 3000,
    demoSignals: false,
  });
  const [m] = await db.query<{ id: string; region_id: string }>(
    "SELECT id, region_id FROM municipalities WHERE cbs_code = '9901'",
  );
  const [regisseur] = await db.query<{ id: string }>(
    "SELECT id FROM users WHERE email = 'regisseur@voorbeeldstad.demo'",
  );
  if (!m || !regisseur) throw new Error('demo region missing');
  const t0 = performance.now();
  console.log(
    `Household plan benchmark on PostgreSQL, loading ${householdCount.toLocaleString('en')} households:`,
  );
  await load({ db, mid: m.id, n: householdCount }, m.region_id, regisseur.id);
  const [counts] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM household_cases) AS households,
            (SELECT count(*)::int FROM household_goals) AS goals,
            (SELECT count(*)::int FROM household_actions) AS actions,
            (SELECT count(*)::int FROM household_timeline) AS timeline`,
  );
  console.log(
    `Loaded ${counts?.households?.toLocaleString('en')} households, ${counts?.goals?.toLocaleString('en')} goals, ` +
      `${counts?.actions?.toLocaleString('en')} actions, ${counts?.timeline?.toLocaleString('en')} timeline events ` +
      `in ${secs(performance.now() - t0)}`,
  );

  const cookie = await login(vangnet.app, 'regisseur@voorbeeldstad.demo');
  const url = await listen(vangnet.app);
  const ids = (
    await db.query<{ id: string }>(
      "SELECT id FROM household_cases WHERE municipality_id = $1 AND status = 'open' ORDER BY md5(id::text) LIMIT 1000",
      [m.id],
    )
  ).map((r) => r.id);
  const shapes: [string, string[]][] = [
    ['open a household (1,000 different)', ids.map((id) => `/api/v1/huishoudplannen/${id}`)],
    ['caseload: my households, first page', ['/api/v1/huishoudplannen?regisseur=mij&limit=50']],
    ['caseload: all households, first page', ['/api/v1/huishoudplannen?regisseur=alle&limit=50']],
    [
      'timeline: plan events only',
      ids.slice(0, 200).map((id) => `/api/v1/huishoudplannen/${id}/tijdlijn?categorie=plan`),
    ],
  ];
  const target = { url, cookie, connections, duration };
  const results = await baselineRows(db, target);
  for (const [label, paths] of shapes) results.push(await httpLoad(target, label, paths));
  printTable(results, { connections, duration });
  const worst = Math.max(...results.slice(3).map((r) => r.p95));
  console.log('');
  console.log(
    `  worst p95 of the household API: ${worst.toFixed(1)} ms (target < 100 ms: ${worst < 100 ? 'met' : 'NOT met'}); ` +
      `total ${secs(performance.now() - started)}`,
  );
  await vangnet.close();
} finally {
  await drop();
  fs.rmSync(importDir, { recursive: true, force: true });
}
