// npm run bench:intake -- [--db postgres|pglite] [--persons N] [--signals N]
// A synthetic BRP, then one CSV file of signals through the whole pipeline (parse, validate, match, bundle,
// prioritise), against a plain COPY of the same file into an unindexed table measured in the same run.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.ts';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { runImport, uploadFile } from '../src/server/modules/vroegsignalering/imports/service.ts';
import { seedPopulation } from '../src/server/seed/load.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    persons: { type: 'string' },
    signals: { type: 'string' },
  },
});
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
const persons = Number(values.persons ?? (kind === 'pglite' ? 100_000 : 1_000_000));
const signalCount = Number(values.signals ?? persons);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function open(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    // On disk, as `npm start` runs it: an in-memory PGlite would count the whole database as process memory.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-intake-bench-pglite-'));
    return {
      db: await openDatabase({ kind: 'pglite', dataDir }),
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `vangnet_intake_bench_${randomBytes(4).toString('hex')}`;
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

const HEADER =
  'Kenmerk;Achternaam;Tussenvoegsel;Voornamen;Geboortedatum;Postcode;Huisnummer;Achterstand;Datum signaal;Afsluiting';

/** The signals file, written by the database itself from the BRP with typical partner spellings. */
async function writeSignalsFile(
  db: Database,
  municipalityId: string,
  file: string,
  n: number,
): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write(`${HEADER}\n`);
  const pageSize = 50_000;
  let written = 0;
  let lastId = '00000000-0000-0000-0000-000000000000';
  // About four in five persons are adults: a national year needs some people to appear more than once, as they do
  // when several partners report the same household.
  let pass = 0;
  while (written < n) {
    const rows = await db.query<{ id: string; line: string }>(
      `SELECT p.id, concat_ws(';',
          'S-' || $4::int || '-' || p.id,
          CASE WHEN abs(hashtext(p.id::text)) % 10 = 0 THEN upper(p.geslachtsnaam) ELSE p.geslachtsnaam END,
          coalesce(p.voorvoegsel, ''),
          CASE WHEN abs(hashtext(p.id::text)) % 7 = 0 THEN left(p.voornamen, 1) || '.' ELSE p.voornamen END,
          to_char(p.geboortedatum, 'DD-MM-YYYY'),
          a.postcode,
          a.huisnummer::text || coalesce(a.huisletter, ''),
          to_char(75 + abs(hashtext(p.bsn)) % 2500, 'FM99999') || ',' || lpad((abs(hashtext(p.id::text)) % 100)::text, 2, '0'),
          to_char(DATE '2026-10-01' - $4::int * 31 + abs(hashtext(p.bsn)) % 28, 'DD-MM-YYYY'),
          CASE WHEN abs(hashtext(p.id::text)) % 50 = 0 THEN 'ja' ELSE 'nee' END) AS line
         FROM persons p JOIN addresses a ON a.id = p.address_id
        WHERE p.municipality_id = $1 AND p.id > $2 AND p.geboortedatum < DATE '2008-01-01'
        ORDER BY p.id LIMIT $3`,
      [municipalityId, lastId, Math.min(pageSize, n - written), pass],
    );
    if (rows.length === 0) {
      if (lastId === '00000000-0000-0000-0000-000000000000') break;
      pass++;
      lastId = '00000000-0000-0000-0000-000000000000';
      continue;
    }
    for (const r of rows) out.write(`${r.line}\n`);
    written += rows.length;
    lastId = rows.at(-1)?.id ?? lastId;
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return written;
}

async function* lineChunks(file: string): AsyncGenerator<string> {
  const rl = readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let first = true;
  let buf: string[] = [];
  for await (const line of rl) {
    if (first) {
      first = false;
      continue;
    }
    buf.push(line);
    if (buf.length >= 20_000) {
      yield `${buf.join('\n')}\n`;
      buf = [];
    }
  }
  if (buf.length) yield `${buf.join('\n')}\n`;
}

const FLOOR_TABLES = ['signals', 'meldingen', 'signal_import_rows', 'signal_fingerprints'];

/**
 * The floor under the pipeline: the rows it wrote (signals, meldingen, the ledger, the fingerprints), inserted
 * again in one statement per table into empty copies with the same indexes, checks and foreign keys, without any
 * reading, matching or deciding. Empty tables and no triggers make this an optimistic floor.
 */
async function measureStorageFloor(db: Database): Promise<{ ms: number; parts: string }> {
  const prepared: { table: string; columns: string }[] = [];
  for (const table of FLOOR_TABLES) {
    await db.query(`CREATE TABLE bench_floor_${table} (LIKE ${table} INCLUDING ALL)`);
    const fks = await db.query<{ def: string }>(
      "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'",
      [table],
    );
    for (const fk of fks) await db.query(`ALTER TABLE bench_floor_${table} ADD ${fk.def}`);
    const cols = await db.query<{ name: string }>(
      `SELECT quote_ident(attname) AS name FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
        ORDER BY attnum`,
      [table],
    );
    prepared.push({ table, columns: cols.map((c) => c.name).join(', ') });
  }
  const parts: string[] = [];
  const t = performance.now();
  for (const { table, columns } of prepared) {
    const started = performance.now();
    await db.query(`INSERT INTO bench_floor_${table} (${columns}) SELECT ${columns} FROM ${table}`);
    parts.push(`${table} ${secs(performance.now() - started)}`);
  }
  return { ms: performance.now() - t, parts: parts.join(', ') };
}

const { db, drop } = await open();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-intake-bench-'));
try {
  await migrate(db);
  const [region] = await db.query<{ id: string }>("INSERT INTO regions (name) VALUES ('Bench') RETURNING id");
  const [m] = await db.query<{ id: string }>(
    "INSERT INTO municipalities (region_id, cbs_code, name) VALUES ($1, '9999', 'Benchstad') RETURNING id",
    [region?.id],
  );
  const municipalityId = m?.id as string;
  console.log(
    `Vangnet intake benchmark on ${kind === 'pglite' ? 'PGlite (data directory on disk)' : `PostgreSQL (${serverUrl.replace(/\/\/[^@]*@/, '//')})`}`,
  );
  let t = performance.now();
  await seedPopulation(db, {
    municipalityId,
    cbsCode: '9999',
    woonplaats: 'Benchstad',
    inhabitants: persons,
    seed: 42,
  });
  console.log(`  synthetic BRP: ${persons.toLocaleString('en')} persons in ${secs(performance.now() - t)}`);

  const file = path.join(tmp, 'signalen.csv');
  t = performance.now();
  const lines = await writeSignalsFile(db, municipalityId, file, signalCount);
  const size = fs.statSync(file).size;
  console.log(
    `  signals file: ${lines.toLocaleString('en')} lines, ${mb(size)} (written in ${secs(performance.now() - t)})`,
  );

  // Baseline: the same file, COPY into an unindexed table of text columns.
  await db.query(
    'CREATE UNLOGGED TABLE bench_raw (kenmerk text, achternaam text, tussenvoegsel text, voornamen text, geboortedatum text, postcode text, huisnummer text, bedrag text, datum text, afsluiting text)',
  );
  t = performance.now();
  await db.copyCsv(
    'bench_raw',
    [
      'kenmerk',
      'achternaam',
      'tussenvoegsel',
      'voornamen',
      'geboortedatum',
      'postcode',
      'huisnummer',
      'bedrag',
      'datum',
      'afsluiting',
    ],
    lineChunks(file),
    { delimiter: ';' },
  );
  const copyMs = performance.now() - t;

  // The pipeline: upload (hash, mapping check), then the import job.
  const [partner] = await db.query<{ id: string }>(
    "INSERT INTO signal_partners (municipality_id, name, partner_type) VALUES ($1, 'Energie Bench', 'Energie') RETURNING id",
    [municipalityId],
  );
  const config = {
    ...loadConfig({ NODE_ENV: 'test', DEMO: 'false', JOBS_ENABLED: 'false' }),
    importDir: path.join(tmp, 'imports'),
  };
  const ctx = { actor: { type: 'system' as const, name: 'bench' }, municipalityId, requestId: 'bench' };
  const mapping = {
    columns: {
      externalId: 'Kenmerk',
      achternaam: 'Achternaam',
      voorvoegsel: 'Tussenvoegsel',
      voornamen: 'Voornamen',
      geboortedatum: 'Geboortedatum',
      postcode: 'Postcode',
      huisnummer: 'Huisnummer',
      amountCents: 'Achterstand',
      signalDate: 'Datum signaal',
      endOfSupply: 'Afsluiting',
    },
  };
  peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  t = performance.now();
  const noJobs = { send: async () => null } as unknown as Parameters<typeof uploadFile>[2];
  const imp = await uploadFile(db, config, noJobs, ctx, {
    partnerId: partner?.id as string,
    fileName: 'signalen.csv',
    stream: fs.createReadStream(file),
    mapping,
  });
  await runImport(db, config, imp.id);
  const pipelineMs = performance.now() - t;
  const [result] = await db.query<{
    status: string;
    accepted_rows: number;
    quarantined_rows: number;
    duplicate_rows: number;
  }>('SELECT status, accepted_rows, quarantined_rows, duplicate_rows FROM signal_imports WHERE id = $1', [
    imp.id,
  ]);
  const floor = await measureStorageFloor(db);
  const [stats] = await db.query<{ matched: number; meldingen: number }>(
    `SELECT (SELECT count(*)::int FROM signals WHERE match_status = 'matched') AS matched,
            (SELECT count(*)::int FROM meldingen) AS meldingen`,
  );
  console.log('');
  console.log('  step                                    seconds      signals/s');
  console.log('  -------------------------------------   --------   ------------');
  console.log(
    `  (a) plain COPY into unindexed table     ${secs(copyMs).padStart(8)}   ${Math.round(
      lines / (copyMs / 1000),
    )
      .toLocaleString('en')
      .padStart(12)}`,
  );
  console.log(
    `  (b) full pipeline                       ${secs(pipelineMs).padStart(8)}   ${Math.round(
      lines / (pipelineMs / 1000),
    )
      .toLocaleString('en')
      .padStart(12)}`,
  );
  console.log(
    `  (c) storing its rows alone              ${secs(floor.ms).padStart(8)}   ${Math.round(
      lines / (floor.ms / 1000),
    )
      .toLocaleString('en')
      .padStart(12)}`,
  );
  console.log('');
  console.log(`  ratio pipeline / plain COPY: ${(pipelineMs / copyMs).toFixed(1)}x (target: within 5x)`);
  console.log(
    `  ratio storing alone / plain COPY: ${(floor.ms / copyMs).toFixed(1)}x (the floor under any pipeline that keeps these rows)`,
  );
  console.log(`  storing alone, per table: ${floor.parts}`);
  console.log(
    `  peak RSS during the pipeline: ${mb(peakRss)} (before: ${mb(rssBefore)}; target under 1 GiB)`,
  );
  console.log(
    `  import ${result?.status}: ${result?.accepted_rows} accepted, ${result?.quarantined_rows} quarantined, ${result?.duplicate_rows} duplicates; ${stats?.matched} matched automatically, ${stats?.meldingen} meldingen`,
  );
} finally {
  clearInterval(sampler);
  await db.close();
  await drop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
