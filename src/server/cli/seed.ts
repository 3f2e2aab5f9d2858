// npm run seed -- --inhabitants 100000 --seed 42 [--municipality 0363] [--replace]
// Fills the embedded BRP of one municipality with a deterministic synthetic population (demo, tests, load).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { type Database, DatabaseStartError, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { MAX_INHABITANTS } from '../seed/generator.ts';
import { SeedError, seedPopulation } from '../seed/load.ts';

const USAGE = `Usage: npm run seed -- [--inhabitants N] [--seed N] [--municipality CBSCODE] [--replace]

  --inhabitants N        number of persons to generate (default 10000, at most ${MAX_INHABITANTS})
  --seed N               seed of the generator, 0..4294967295 (default 42); the same seed gives the same people
  --municipality CODE    four-digit CBS gemeentecode of an existing municipality (default: the lowest code;
                         with no municipalities at all, "Voorbeeldstad" (9999) in "Regio Voorbeeld" is created)
  --replace              delete the municipality's current persons, households and addresses first

Uses DATABASE_URL when set, otherwise the embedded database in DATA_DIR (default ./data/pglite).
`;

/** A mistake in how the command was called: printed with the usage text. */
class UsageError extends Error {}

function parseWholeNumber(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const cleaned = raw.replaceAll('_', '');
  if (!/^[0-9]+$/.test(cleaned)) throw new UsageError(`--${name} must be a whole number, got "${raw}".`);
  const value = Number(cleaned);
  if (value > max) throw new UsageError(`--${name} must be at most ${max}, got ${raw}.`);
  return value;
}

const OPTIONS = {
  inhabitants: { type: 'string' },
  seed: { type: 'string' },
  municipality: { type: 'string' },
  replace: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseRaw(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (err) {
    // node:util parseArgs explains unknown options and missing values well; only the stack has to go.
    throw new UsageError((err as Error).message);
  }
}

function parseArguments(argv: string[]) {
  const parsed = parseRaw(argv);
  const { values } = parsed;
  const inhabitants = parseWholeNumber('inhabitants', values.inhabitants, 10_000, MAX_INHABITANTS);
  if (inhabitants < 1) throw new UsageError('--inhabitants must be at least 1.');
  const seed = parseWholeNumber('seed', values.seed, 42, 0xffffffff);
  const municipality = values.municipality;
  if (municipality !== undefined && !/^[0-9]{4}$/.test(municipality)) {
    throw new UsageError(
      `--municipality must be a four-digit CBS gemeentecode such as 0363, got "${municipality}".`,
    );
  }
  return { help: values.help === true, inhabitants, seed, municipality, replace: values.replace === true };
}

interface MunicipalityRow {
  id: string;
  cbs_code: string;
  name: string;
}

async function findMunicipality(db: Database, cbsCode: string | undefined): Promise<MunicipalityRow> {
  const all = await db.query<MunicipalityRow>(
    'SELECT id, cbs_code, name FROM municipalities ORDER BY cbs_code',
  );
  if (all.length === 0 && (cbsCode === undefined || cbsCode === '9999')) {
    const created = await db.query<MunicipalityRow>(
      `WITH r AS (INSERT INTO regions (name) VALUES ('Regio Voorbeeld') RETURNING id)
       INSERT INTO municipalities (region_id, cbs_code, name) SELECT id, '9999', 'Voorbeeldstad' FROM r
       RETURNING id, cbs_code, name`,
    );
    const row = created[0];
    if (!row) throw new Error('creating Voorbeeldstad returned no row');
    process.stdout.write('No municipality yet: created "Voorbeeldstad" (9999) in "Regio Voorbeeld".\n');
    return row;
  }
  if (cbsCode === undefined) return all[0] as MunicipalityRow;
  const match = all.find((m) => m.cbs_code === cbsCode);
  if (match) return match;
  const known = all.slice(0, 12).map((m) => `${m.cbs_code} ${m.name}`);
  throw new SeedError(
    all.length === 0
      ? `There is no municipality with CBS code ${cbsCode}, and no municipality at all. Create it first ` +
          '(npm run admin:create), or leave out --municipality to get the demo municipality Voorbeeldstad (9999).'
      : `There is no municipality with CBS code ${cbsCode}. Known: ${known.join(', ')}` +
          (all.length > known.length ? `, and ${all.length - known.length} more.` : '.'),
  );
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  const target =
    config.database.kind === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded PGlite in ${config.database.dataDir}`;
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    const municipality = await findMunicipality(db, args.municipality);
    const n = args.inhabitants.toLocaleString('en-US');
    process.stdout.write(
      `Seeding ${n} persons (seed ${args.seed}) into ${municipality.name} (${municipality.cbs_code}) on ${target}...\n`,
    );
    let moving = false;
    const result = await seedPopulation(db, {
      municipalityId: municipality.id,
      seed: args.seed,
      inhabitants: args.inhabitants,
      replace: args.replace,
      onProgress: (persons) => {
        if (persons < args.inhabitants) {
          process.stdout.write(`  ${persons.toLocaleString('en-US')} persons generated\n`);
        } else if (!moving) {
          moving = true;
          process.stdout.write('  all persons generated; moving them into the tables in one transaction\n');
        }
      },
    });
    const perSecond = Math.round(result.persons / (result.ms / 1000));
    process.stdout.write(
      `Seeded ${municipality.name} (${municipality.cbs_code}): ${result.persons.toLocaleString('en-US')} persons, ` +
        `${result.households.toLocaleString('en-US')} households, ${result.addresses.toLocaleString('en-US')} ` +
        `addresses in ${formatSeconds(result.ms)} (${perSecond.toLocaleString('en-US')} persons/s).\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`seed: ${err.message}\n\n${USAGE}`);
  } else if (err instanceof SeedError || err instanceof ConfigError || err instanceof DatabaseStartError) {
    process.stderr.write(`seed: ${err.message}\n`);
  } else {
    // Unexpected (a bug or a lost connection): the message is what an operator can act on.
    process.stderr.write(`seed: failed: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
