// npm run bench:businesscase -- [--db postgres|pglite] [--households N] [--volunteers N] [--runs N]
// 1. The business-case view (costs per intervention type, outcomes per type/risk/confidence, the arithmetic and
//    its audit row) for one municipality and one year, over N households with interventions and outcomes spread
//    over three years. Baseline, same run: the bare scan of that year's interventions (count and sum).
// 2. p95 of the volunteer matching query (ranked candidates with reasons) over 5,000 volunteers, for many
//    different requests. Baseline, same run: p95 of a plain indexed page of active volunteers.
// Target: p95 of both under 200 ms. Creates and drops its own database on PostgreSQL.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { UserContext } from '../src/server/http/context.ts';
import {
  costGroups,
  costGroupsDirect,
  outcomeGroups,
} from '../src/server/modules/businesscase/repository.ts';
import { viewBusinessCase } from '../src/server/modules/businesscase/service.ts';
import { rankCandidates } from '../src/server/modules/volunteers/service.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    households: { type: 'string', default: '100000' },
    volunteers: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '200' },
  },
});
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
const households = Number(values.households);
const volunteers = Number(values.volunteers);
const runs = Number(values.runs);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ms = (x: number) => `${x.toFixed(1)} ms`;
const YEAR = 2025;

async function open(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite')
    return { db: await openDatabase({ kind: 'pglite', dataDir: null }), drop: async () => {} };
  const name = `vangnet_bc_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: serverUrl });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    db,
    drop: async () => {
      await db.close().catch(() => {});
      const a = await openDatabase({ kind: 'postgres', url: serverUrl });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: s.at(-1) ?? 0 };
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

const { db, drop } = await open();
try {
  await migrate(db);
  const [region] = await db.query<{ id: string }>("INSERT INTO regions (name) VALUES ('Bench') RETURNING id");
  const [m] = await db.query<{ id: string }>(
    "INSERT INTO municipalities (region_id, cbs_code, name) VALUES ($1, '9999', 'Benchstad') RETURNING id",
    [region?.id],
  );
  const municipalityId = m?.id as string;
  const ctx = {
    // A policy adviser's view: small numbers suppressed, as most readers of the business case see it.
    actor: {
      type: 'system',
      name: 'bench',
      permissions: new Set(['aggregates:read', 'businesscase:manage']),
    },
    municipalityId,
    requestId: 'bench',
  } as unknown as UserContext;
  console.log(
    `Vangnet business-case benchmark on ${kind === 'pglite' ? 'PGlite (in memory)' : `PostgreSQL (${serverUrl.replace(/\/\/[^@]*@/, '//')})`}`,
  );

  // --- Data: N household records, ~2.5 interventions each over three years, outcomes on about half -----------
  let [t] = await time(async () => {
    await db.query(
      `INSERT INTO household_cases (municipality_id, status, label)
       SELECT $1::uuid, 'gesloten', 'Bench ' || g FROM generate_series(1, $2::int) g`,
      [municipalityId, households],
    );
    await db.query(
      `INSERT INTO interventions (municipality_id, household_case_id, intervention_type, started_on, cost_cents, hours)
       SELECT $1::uuid, c.id,
              (ARRAY['vroegsignalering_contact','maatwerkbudget','budgetmaatje','schuldregeling','energiecoaching',
                     'thuisadministratie'])[1 + (abs(hashtext(c.id::text || k::text)) % 6)],
              DATE '${YEAR - 2}-01-01' + (abs(hashtext(c.id::text || 'd' || k::text)) % 1095),
              (abs(hashtext(c.id::text || 'm' || k::text)) % 3) * (abs(hashtext(c.id::text || 'n' || k::text)) % 60000),
              ((abs(hashtext(c.id::text || 'h' || k::text)) % 40) / 4.0)
         FROM household_cases c CROSS JOIN generate_series(1, 1 + (abs(hashtext(c.id::text)) % 4)) k
        WHERE c.municipality_id = $1::uuid`,
      [municipalityId],
    );
    await db.query(
      `INSERT INTO intervention_outcomes (municipality_id, intervention_id, intervention_type, started_on, risk_code,
                                          quantity, confidence, judgement, recorded_on)
       SELECT $1::uuid, i.id, i.intervention_type, i.started_on,
              (ARRAY['huisuitzetting','afsluiting_energie','afsluiting_water','bewindvoering_maand','schuldhulptraject',
                     'uithuisplaatsing'])[1 + (abs(hashtext(i.id::text || 'r')) % 6)],
              1 + (abs(hashtext(i.id::text || 'q')) % 3),
              (ARRAY['laag','midden','hoog'])[1 + (abs(hashtext(i.id::text || 'c')) % 3)],
              'bench', i.started_on
         FROM interventions i
        WHERE i.municipality_id = $1::uuid AND abs(hashtext(i.id::text || 'o')) % 2 = 0`,
      [municipalityId],
    );
    const [v] = await db.query<{ id: string }>(
      `INSERT INTO price_list_versions (municipality_id, version, valid_from, index_percent)
       VALUES ($1, 1, '${YEAR - 3}-01-01', 2.5) RETURNING id`,
      [municipalityId],
    );
    await db.query(
      `INSERT INTO price_list_items (municipality_id, version_id, code, label, amount_cents, unit, price_year, source,
                                     confidence, valid_from, is_example)
       SELECT $1::uuid, $2::uuid, c, initcap(c), 100000 * (1 + ord), 'per_gebeurtenis', ${YEAR - 3}, 'bench', 'midden',
              DATE '${YEAR - 3}-01-01', true
         FROM unnest(ARRAY['huisuitzetting','afsluiting_energie','afsluiting_water','bewindvoering_maand',
                           'schuldhulptraject','uithuisplaatsing']) WITH ORDINALITY AS x(c, ord)`,
      [municipalityId, v?.id],
    );
    await db.query('ANALYZE');
  });
  const [counts] = await db.query<{ i: number; o: number }>(
    'SELECT (SELECT count(*)::int FROM interventions) AS i, (SELECT count(*)::int FROM intervention_outcomes) AS o',
  );
  console.log(
    `seeded ${households} households, ${counts?.i} interventions, ${counts?.o} outcomes over 3 years in ${(t / 1000).toFixed(1)} s`,
  );

  // --- 1. The business-case view for one year ------------------------------------------------------------------
  const q = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, taal: 'nl' as const };
  const viewRuns = Math.max(5, Math.min(30, Math.floor(runs / 10)));
  const viewTimes: number[] = [];
  const baseTimes: number[] = [];
  let lastView: Awaited<ReturnType<typeof viewBusinessCase>> | undefined;
  await viewBusinessCase(db.orm, ctx, q); // warm-up
  for (let i = 0; i < viewRuns; i++) {
    const [b] = await time(() =>
      db.query(
        `SELECT count(*), sum(cost_cents), sum(hours) FROM interventions
          WHERE municipality_id = $1 AND started_on BETWEEN $2::date AND $3::date`,
        [municipalityId, q.from, q.to],
      ),
    );
    baseTimes.push(b);
    const [v, view] = await time(() => viewBusinessCase(db.orm, ctx, q));
    viewTimes.push(v);
    lastView = view;
  }
  // Where the time goes: the two aggregates on their own.
  const f = { municipalityId, from: q.from, to: q.to };
  const costParts: number[] = [];
  const outcomeParts: number[] = [];
  for (let i = 0; i < viewRuns; i++) {
    costParts.push((await time(() => costGroups(db.orm, f)))[0]);
    outcomeParts.push((await time(() => outcomeGroups(db.orm, f)))[0]);
  }
  if (process.env.BENCH_EXPLAIN) {
    for (const row of await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT intervention_type, count(*),
              count(*) FILTER (WHERE household_case_id IS NOT NULL
                                 AND (household_type_prev_on IS NULL OR household_type_prev_on < $2::date)),
              count(*) FILTER (WHERE household_case_id IS NOT NULL
                                 AND (household_prev_on IS NULL OR household_prev_on < $2::date)),
              sum(cost_cents), sum(hours)
         FROM interventions WHERE municipality_id = $1 AND started_on BETWEEN $2::date AND $3::date GROUP BY 1`,
      [municipalityId, q.from, q.to],
    ))
      console.log(row['QUERY PLAN']);
  }
  // The households of the one scan (linked interventions, migration 0014) must equal the plain distinct count.
  const direct = await costGroupsDirect(db.orm, f);
  const fast = await costGroups(db.orm, f);
  const byType = (g: typeof fast.groups) =>
    JSON.stringify([...g].sort((a, b) => a.interventionType.localeCompare(b.interventionType)));
  const identical =
    direct.households === fast.households &&
    direct.households === lastView?.total.households &&
    byType(direct.groups) === byType(fast.groups);
  console.log(
    `  figures of the one scan ${identical ? 'identical to' : 'DIFFERENT FROM'} the plain distinct count ` +
      `(${direct.households} households)`,
  );
  if (!identical) process.exitCode = 1;
  console.log(
    `  of which: costs and households median ${ms(stats(costParts).median)}, outcomes median ${ms(stats(outcomeParts).median)}`,
  );
  const vs = stats(viewTimes);
  const bs = stats(baseTimes);
  console.log(
    `business-case view ${YEAR} (${lastView?.total.interventions} interventions, ${lastView?.total.households} households): ` +
      `median ${ms(vs.median)}, p95 ${ms(vs.p95)}; baseline (bare scan of the year) median ${ms(bs.median)}, ` +
      `p95 ${ms(bs.p95)}; ratio ${(vs.median / bs.median).toFixed(2)}x ${vs.p95 < 200 ? '(p95 under 200 ms: OK)' : '(p95 over 200 ms)'}`,
  );

  // --- 2. Volunteer matching over N volunteers -----------------------------------------------------------------
  [t] = await time(async () => {
    const [org] = await db.query<{ id: string }>(
      "INSERT INTO volunteer_organisations (municipality_id, name) VALUES ($1, 'Bench maatjes') RETURNING id",
      [municipalityId],
    );
    const [team] = await db.query<{ id: string }>(
      "INSERT INTO teams (municipality_id, name) VALUES ($1, 'Bench team') RETURNING id",
      [municipalityId],
    );
    await db.query(
      `INSERT INTO wijken (municipality_id, code, name, team_id)
       SELECT $1::uuid, 'WK9999' || lpad(g::text, 2, '0'), 'Wijk ' || g, $2::uuid FROM generate_series(1, 12) g`,
      [municipalityId, team?.id],
    );
    await db.query(
      `INSERT INTO volunteers (municipality_id, organisation_id, display_name, training_status, vog_issued_on,
                               vog_expires_on, availability, languages, backgrounds, migration_experience, wijk_id,
                               help_kinds, max_matches, status)
       SELECT $1::uuid, $2::uuid, 'Vrijwilliger ' || g,
              (ARRAY['niet_gestart','bezig','afgerond'])[1 + g % 3],
              DATE '2024-01-01', DATE '2024-01-01' + (g % 1400),
              ARRAY[(ARRAY['ma','di','wo','do','vr','za','zo'])[1 + g % 7] || '-' || (ARRAY['ochtend','middag','avond'])[1 + g % 3],
                    (ARRAY['ma','di','wo','do','vr','za','zo'])[1 + (g / 7) % 7] || '-avond'],
              ARRAY['nl', (ARRAY['ar','tr','en','pl','uk','so','ti','fr'])[1 + g % 8]],
              CASE WHEN g % 4 = 0 THEN ARRAY[(ARRAY['syrisch','turks','marokkaans','pools','eritrees'])[1 + g % 5]] ELSE '{}' END,
              g % 5 = 0,
              (SELECT id FROM wijken w WHERE w.municipality_id = $1::uuid ORDER BY code OFFSET g % 12 LIMIT 1),
              ARRAY[(ARRAY['administratie','budgetteren','formulieren','post_ordenen','schulden_overzicht',
                           'begeleiding_instanties','digitale_vaardigheden','taal'])[1 + g % 8],
                    (ARRAY['administratie','budgetteren','formulieren'])[1 + g % 3]],
              1 + g % 3, CASE WHEN g % 20 = 0 THEN 'pauze' ELSE 'actief' END
         FROM generate_series(1, $3::int) g`,
      [municipalityId, org?.id, volunteers],
    );
    await db.query(
      `INSERT INTO volunteer_requests (municipality_id, resident_name, shared_summary, consent_given_on, help_kinds,
                                       languages, background, wants_migration_experience, wijk_id, availability)
       SELECT $1::uuid, 'Bewoner ' || g, 'bench', DATE '2025-01-01',
              ARRAY[(ARRAY['administratie','budgetteren','formulieren','post_ordenen','taal'])[1 + g % 5]],
              CASE WHEN g % 2 = 0 THEN ARRAY[(ARRAY['ar','tr','pl','uk'])[1 + g % 4]] ELSE '{}' END,
              CASE WHEN g % 3 = 0 THEN (ARRAY['syrisch','turks','marokkaans'])[1 + g % 3] END,
              g % 4 = 0,
              (SELECT id FROM wijken w WHERE w.municipality_id = $1::uuid ORDER BY code OFFSET g % 12 LIMIT 1),
              ARRAY[(ARRAY['ma','di','wo','do','vr'])[1 + g % 5] || '-avond']
         FROM generate_series(1, $2::int) g`,
      [municipalityId, runs],
    );
    // Some volunteers are already matched, so the room check has work to do.
    await db.query(
      `INSERT INTO volunteer_matches (municipality_id, request_id, volunteer_id)
       SELECT $1::uuid, r.id, v.id
         FROM (SELECT id, row_number() OVER (ORDER BY id) n FROM volunteer_requests LIMIT $2::int) r
         JOIN (SELECT id, row_number() OVER (ORDER BY id) n FROM volunteers) v ON v.n = r.n * 7`,
      [municipalityId, Math.floor(runs / 4)],
    );
    await db.query('ANALYZE');
  });
  console.log(`seeded ${volunteers} volunteers and ${runs} requests in ${(t / 1000).toFixed(1)} s`);
  const requestIds = (
    await db.query<{ id: string }>(
      'SELECT id FROM volunteer_requests WHERE municipality_id = $1 ORDER BY id',
      [municipalityId],
    )
  ).map((r) => r.id);
  const matchTimes: number[] = [];
  const plainTimes: number[] = [];
  let candidates = 0;
  await rankCandidates(db.orm, ctx, { today: () => '2026-01-15' }, requestIds[0] ?? ''); // warm-up
  for (const id of requestIds) {
    const [b] = await time(() =>
      db.query(
        `SELECT id, display_name FROM volunteers WHERE municipality_id = $1 AND status = 'actief'
          ORDER BY display_name, id LIMIT 20`,
        [municipalityId],
      ),
    );
    plainTimes.push(b);
    const [x, r] = await time(() => rankCandidates(db.orm, ctx, { today: () => '2026-01-15' }, id));
    matchTimes.push(x);
    candidates += r.candidates.length;
  }
  const ms2 = stats(matchTimes);
  const ps = stats(plainTimes);
  console.log(
    `volunteer matching over ${volunteers} volunteers (${requestIds.length} requests, ${(candidates / requestIds.length).toFixed(1)} candidates each): ` +
      `median ${ms(ms2.median)}, p95 ${ms(ms2.p95)}; baseline (plain page of active volunteers) median ${ms(ps.median)}, ` +
      `p95 ${ms(ps.p95)}; ratio p95 ${(ms2.p95 / ps.p95).toFixed(2)}x ${ms2.p95 < 200 ? '(p95 under 200 ms: OK)' : '(p95 over 200 ms)'}`,
  );
} finally {
  await drop();
}
