// npm run bench:seed -- [--persons 1000000] [--db postgres|pglite] [--seed 42]
// Measures the COPY-based population seed against a plain multi-row INSERT baseline in the same run:
//   (a) INSERT baseline: the first 50,000 generated persons with their addresses and households, 1,000 rows per
//       INSERT statement;
//   (b) the COPY seed (seedPopulation) of the same 50,000 persons;
//   (c) the COPY seed of --persons persons.
// On PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) it works in a scratch
// database that it creates and drops; on PGlite in a temporary data directory.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import {
  type AddressRow,
  generatePopulation,
  type HouseholdRow,
  MAX_INHABITANTS,
  type PersonRow,
} from '../src/server/seed/generator.ts';
import { seedPopulation } from '../src/server/seed/load.ts';

const BASELINE_PERSONS = 50_000;
const BATCH_ROWS = 1_000;
const CBS_CODE = '9999';
const NAME = 'Voorbeeldstad';

function fail(message: string): never {
  process.stderr.write(`bench:seed: ${message}\n`);
  process.exit(1);
}

function parseOptions() {
  let values: { persons?: string; db?: string; seed?: string };
  try {
    ({ values } = parseArgs({
      options: { persons: { type: 'string' }, db: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  const persons = Number((values.persons ?? '1000000').replaceAll('_', ''));
  if (!Number.isInteger(persons) || persons < 1 || persons > MAX_INHABITANTS) {
    fail(`--persons must be a whole number from 1 to ${MAX_INHABITANTS}`);
  }
  const db = values.db ?? 'postgres';
  if (db !== 'postgres' && db !== 'pglite') fail('--db must be postgres or pglite');
  const seed = Number(values.seed ?? '42');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail('--seed must be a whole number');
  return { persons, db, seed } as const;
}

interface Target {
  db: Database;
  description: string;
  cleanup: () => Promise<void>;
}

async function openTarget(kind: 'postgres' | 'pglite'): Promise<Target> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-bench-seed-'));
    const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
    return {
      db,
      description: `PGlite in ${dir} (removed afterwards)`,
      cleanup: async () => {
        await db.close().catch(() => {});
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `vangnet_seed_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: adminUrl });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  const version =
    (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v"))[0]?.v ?? '?';
  return {
    db,
    description: `PostgreSQL ${version} on ${url.host} (scratch database ${name}, dropped afterwards)`,
    cleanup: async () => {
      await db.close().catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** Plain parameterised multi-row INSERTs, parents before children, as an application without COPY would do. */
async function insertBaseline(db: Database, municipalityId: string, persons: number, seed: number) {
  const addresses: AddressRow[] = [];
  const households: HouseholdRow[] = [];
  const people: PersonRow[] = [];
  const counts = { persons: 0, households: 0, addresses: 0, statements: 0 };

  async function insert(table: string, columns: string[], rows: unknown[][]) {
    if (rows.length === 0) return;
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const start = params.length;
      params.push(...row);
      return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    counts.statements++;
  }
  const flushAddresses = async () => {
    await insert(
      'addresses',
      [
        'id',
        'municipality_id',
        'straat',
        'huisnummer',
        'huisletter',
        'toevoeging',
        'postcode',
        'woonplaats',
        'wijk_id',
      ],
      addresses.map((a) => [
        a.id,
        a.municipalityId,
        a.straat,
        a.huisnummer,
        a.huisletter,
        a.toevoeging,
        a.postcode,
        a.woonplaats,
        a.wijkId,
      ]),
    );
    addresses.length = 0;
  };
  const flushHouseholds = async () => {
    await flushAddresses();
    await insert(
      'households',
      ['id', 'municipality_id', 'address_id'],
      households.map((h) => [h.id, h.municipalityId, h.addressId]),
    );
    households.length = 0;
  };
  const flushPersons = async () => {
    await flushHouseholds();
    await insert(
      'persons',
      [
        'id',
        'municipality_id',
        'bsn',
        'voornamen',
        'voorvoegsel',
        'geslachtsnaam',
        'partner_voorvoegsel',
        'partner_geslachtsnaam',
        'naamgebruik',
        'geslacht',
        'geboortedatum',
        'household_id',
        'address_id',
        'household_role',
        'monthly_income_cents',
        'income_source',
      ],
      people.map((p) => [
        p.id,
        p.municipalityId,
        p.bsn,
        p.voornamen,
        p.voorvoegsel,
        p.geslachtsnaam,
        p.partnerVoorvoegsel,
        p.partnerGeslachtsnaam,
        p.naamgebruik,
        p.geslacht,
        p.geboortedatum,
        p.householdId,
        p.addressId,
        p.householdRole,
        p.monthlyIncomeCents,
        p.incomeSource,
      ]),
    );
    people.length = 0;
  };

  const started = performance.now();
  for (const row of generatePopulation({
    seed,
    inhabitants: persons,
    municipalityId,
    cbsCode: CBS_CODE,
    woonplaats: NAME,
  })) {
    if (row.table === 'addresses') {
      counts.addresses++;
      addresses.push(row);
      if (addresses.length >= BATCH_ROWS) await flushAddresses();
    } else if (row.table === 'households') {
      counts.households++;
      households.push(row);
      if (households.length >= BATCH_ROWS) await flushHouseholds();
    } else {
      counts.persons++;
      people.push(row);
      if (people.length >= BATCH_ROWS) await flushPersons();
    }
  }
  await flushPersons();
  await db.query('UPDATE municipalities SET inhabitants = $1 WHERE id = $2', [
    counts.persons,
    municipalityId,
  ]);
  return { ...counts, ms: performance.now() - started };
}

async function resetPopulation(db: Database) {
  await db.query('TRUNCATE persons, households, addresses');
  // Start every step from the same state; needs superuser rights, and is only a nicety without them.
  if (db.kind === 'postgres') await db.query('CHECKPOINT').catch(() => {});
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => (ms / 1000).toFixed(2);

async function main() {
  const opts = parseOptions();
  const baselinePersons = Math.min(BASELINE_PERSONS, opts.persons);
  const target = await openTarget(opts.db);
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await target.cleanup();
  };
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted; cleaning up\n');
    void cleanup().finally(() => process.exit(130));
  });
  try {
    const { db } = target;
    await migrate(db);
    const [municipality] = await db.query<{ id: string }>(
      `WITH r AS (INSERT INTO regions (name) VALUES ('Regio Voorbeeld') RETURNING id)
       INSERT INTO municipalities (region_id, cbs_code, name) SELECT id, $1, $2 FROM r RETURNING id`,
      [CBS_CODE, NAME],
    );
    if (!municipality) throw new Error('could not create the benchmark municipality');

    const say = (line = '') => process.stdout.write(`${line}\n`);
    say('Vangnet seed benchmark');
    say(`  database : ${target.description}`);
    say(`  machine  : ${os.cpus().length} cores, Node ${process.version}`);
    say(`  seed ${opts.seed}, municipality ${CBS_CODE} ${NAME}, ${fmt(opts.persons)} persons in step (c)`);
    say();

    process.stdout.write(`running (a) INSERT baseline, ${fmt(baselinePersons)} persons...\n`);
    await resetPopulation(db);
    const a = await insertBaseline(db, municipality.id, baselinePersons, opts.seed);

    process.stdout.write(`running (b) COPY seed, ${fmt(baselinePersons)} persons...\n`);
    await resetPopulation(db);
    const b = await seedPopulation(db, {
      municipalityId: municipality.id,
      seed: opts.seed,
      inhabitants: baselinePersons,
      wijkIds: [],
    });

    process.stdout.write(`running (c) COPY seed, ${fmt(opts.persons)} persons...\n`);
    await resetPopulation(db);
    const c = await seedPopulation(db, {
      municipalityId: municipality.id,
      seed: opts.seed,
      inhabitants: opts.persons,
      wijkIds: [],
      onProgress: (n) => {
        if (n < opts.persons) process.stdout.write(`  ${fmt(n)} persons generated\n`);
      },
    });

    const rows: [string, number, number, number, number][] = [
      [`(a) INSERT baseline, ${fmt(BATCH_ROWS)} rows/statement`, a.persons, a.households, a.addresses, a.ms],
      ['(b) COPY seed', b.persons, b.households, b.addresses, b.ms],
      ['(c) COPY seed, full', c.persons, c.households, c.addresses, c.ms],
    ];
    const header = ['step', 'persons', 'households', 'addresses', 'seconds', 'persons/s'];
    const table = rows.map(([label, p, h, ad, ms]) => [
      label,
      fmt(p),
      fmt(h),
      fmt(ad),
      secs(ms),
      fmt(p / (ms / 1000)),
    ]);
    const widths = header.map((title, i) =>
      Math.max(title.length, ...table.map((r) => (r[i] as string).length)),
    );
    const render = (cells: string[]) =>
      `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('   ')}`;
    say(render(header));
    say(`  ${widths.map((w) => '-'.repeat(w)).join('   ')}`);
    for (const r of table) say(render(r));
    say();
    const ratio = b.persons / b.ms / (a.persons / a.ms);
    say(
      `  COPY vs INSERT baseline (b vs a, same ${fmt(baselinePersons)} persons): ${ratio.toFixed(1)}x the persons/s`,
    );
    say(
      `  Total time of (c): ${secs(c.ms)} s (generate + COPY into staging ${secs(c.stageMs)} s, ` +
        `${fmt((c.persons + c.households + c.addresses) / (c.stageMs / 1000))} rows/s; ` +
        `move into the tables in one transaction ${secs(c.commitMs)} s)`,
    );
    say(`  (a) used ${fmt(a.statements)} INSERT statements.`);
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
