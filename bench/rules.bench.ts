// npm run bench:rules -- [--db postgres|pglite] [--households N]
// The batch non-take-up scan (voorliggende voorzieningen) over N synthetic households on PostgreSQL: keyset pages
// in, the rules, results out with unnest. The baseline, measured in the same run over the same profiles: the same
// rules evaluated in memory (the profiles loaded beforehand). The ratio is the cost of loading and writing.
// Targets: the whole scan within 60 s and within 3x the in-memory time.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { ProfileRow } from '../src/server/modules/berekeningen/repository.ts';
import { listProfiles, listSchemes } from '../src/server/modules/berekeningen/repository.ts';
import { evalueerHuishouden, totaal } from '../src/server/modules/berekeningen/rules/scan.ts';
import {
  createScheme,
  runBatchScan,
  SCAN_PAGE_SIZE,
  schemesInForce,
  vraagOf,
} from '../src/server/modules/berekeningen/service.ts';
import { seedHouseholdFinances } from '../src/server/seed/demo-berekeningen.ts';
import { seedPopulation } from '../src/server/seed/load.ts';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'postgres' }, households: { type: 'string', default: '100000' } },
});
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
const target = Number(values.households);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const PEILDATUM = '2026-03-01';

async function open(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite')
    return { db: await openDatabase({ kind: 'pglite', dataDir: null }), drop: async () => {} };
  const name = `vangnet_rules_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: serverUrl });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    db,
    drop: async () => {
      const a = await openDatabase({ kind: 'postgres', url: serverUrl });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
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
  console.log(
    `Vangnet rules benchmark on ${kind === 'pglite' ? 'PGlite (in memory)' : `PostgreSQL (${serverUrl.replace(/\/\/[^@]*@/, '//')})`}`,
  );
  let t = performance.now();
  // The generator makes about 2.1 persons per household.
  const seeded = await seedPopulation(db, {
    municipalityId,
    cbsCode: '9999',
    woonplaats: 'Benchstad',
    inhabitants: Math.ceil(target * 2.15),
    seed: 42,
  });
  await seedHouseholdFinances(db.orm, municipalityId);
  await db.query('ANALYZE');
  const ctx = { actor: { type: 'system' as const, name: 'bench' }, municipalityId, requestId: 'bench' };
  for (const [soort, naam, pct, bedrag, perKind, periode] of [
    ['kwijtschelding', 'Kwijtschelding', 100, 480, 0, 'jaar'],
    ['bijzondere-bijstand', 'Collectieve zorgverzekering', 120, 40, 0, 'maand'],
    ['individuele-inkomenstoeslag', 'Inkomenstoeslag', 100, 450, 0, 'jaar'],
    ['minimaregeling', 'Kindpakket', 120, 0, 300, 'jaar'],
  ] as const) {
    await createScheme(db.orm, ctx, {
      soort,
      naam,
      inkomensgrensPercentage: pct,
      vermogensgrens: soort === 'minimaregeling' ? null : 7605,
      bedrag,
      bedragPerKind: perKind,
      bedragPeriode: periode,
      minimumLeeftijd: null,
      hoeAanvragen: '',
      aanvraagUrl: null,
      geldigVanaf: '2025-01-01',
      geldigTot: null,
      actief: true,
    });
  }
  const [{ n: households } = { n: 0 }] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM household_finances WHERE municipality_id = $1',
    [municipalityId],
  );
  console.log(
    `  synthetic BRP: ${seeded.persons.toLocaleString('en')} persons, ${households.toLocaleString('en')} households with a financial profile (${secs(performance.now() - t)})`,
  );

  // Baseline input: every profile in memory (not timed).
  const profiles: ProfileRow[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await listProfiles(db.orm, municipalityId, after, SCAN_PAGE_SIZE);
    if (page.length === 0) break;
    profiles.push(...page);
    after = page.at(-1)?.household_id ?? null;
  }
  const regelingen = schemesInForce(await listSchemes(db.orm, municipalityId), PEILDATUM);

  // (a) The same rules in memory: convert, evaluate, total and serialise exactly as the batch does.
  t = performance.now();
  let hits = 0;
  let bytes = 0;
  for (const p of profiles) {
    const vraag = vraagOf(p, PEILDATUM);
    if (!vraag.leden.some((l) => l.rol === 'aanvrager')) continue;
    const { kansen } = evalueerHuishouden(vraag, regelingen);
    if (kansen.length === 0) continue;
    hits++;
    totaal(kansen);
    bytes += JSON.stringify(
      kansen.map((k) => ({ v: k.voorziening, r: k.regeling?.id ?? null, m: k.perMaand, y: k.perJaar })),
    ).length;
  }
  const memoryMs = performance.now() - t;

  // (b) The batch scan on the database: keyset pages, the rules, unnest writes, one transaction and audit row.
  t = performance.now();
  const run = await runBatchScan(db.orm, ctx, PEILDATUM);
  const scanMs = performance.now() - t;
  const [written] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM nontakeup_scan_results WHERE run_id = $1',
    [run.id],
  );

  const rate = (ms: number) =>
    Math.round(profiles.length / (ms / 1000))
      .toLocaleString('en')
      .padStart(12);
  console.log('');
  console.log('  step                                         seconds   households/s');
  console.log('  ------------------------------------------   --------   ------------');
  console.log(
    `  (a) the rules in memory (baseline)           ${secs(memoryMs).padStart(8)}   ${rate(memoryMs)}`,
  );
  console.log(`  (b) batch scan on the database               ${secs(scanMs).padStart(8)}   ${rate(scanMs)}`);
  console.log('');
  const ratio = scanMs / memoryMs;
  console.log(
    `  households scanned: ${run.households.toLocaleString('en')}; with at least one provision missed: ${run.households_with_hits.toLocaleString('en')} (in memory: ${hits.toLocaleString('en')}); rows written: ${written?.n.toLocaleString('en')}`,
  );
  console.log(
    `  ratio batch scan / in memory: ${ratio.toFixed(2)}x (target: within 3x) ${ratio <= 3 ? 'OK' : 'MISSED'}`,
  );
  console.log(`  whole scan: ${secs(scanMs)} (target: within 60 s) ${scanMs <= 60_000 ? 'OK' : 'MISSED'}`);
  if (run.households !== profiles.length || run.households_with_hits !== hits || written?.n !== hits) {
    console.log('  WARNING: the batch and the in-memory evaluation disagree');
    process.exitCode = 1;
  }
  void bytes;
} finally {
  await db.close();
  await drop();
}
