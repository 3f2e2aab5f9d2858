/**
 * Loads a generated population into the database with COPY.
 *
 * All rows are first copied into one unlogged staging table (no indexes, no foreign keys, so the copy runs at
 * full speed and in a single generator pass). They reach the real tables in one transaction that also removes
 * a replaced population and updates municipalities.inhabitants. A failure at any point, including a crash,
 * therefore leaves the municipality exactly as it was: `Database.copyCsv` takes its own connection from the
 * pool, so the COPY itself cannot be part of that transaction. (A process killed mid-seed can leave an unused
 * `seed_stage_*` table behind; it holds only synthetic rows and may simply be dropped.)
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client.ts';
import {
  generatePopulation,
  PopulationOptionsError,
  type PopulationRow,
  type PostcodeRange,
  validatePopulationOptions,
} from './generator.ts';

export interface SeedOptions {
  municipalityId: string;
  /** Optional cross-check: when given it must be the municipality's CBS code. */
  cbsCode?: string;
  seed: number;
  inhabitants: number;
  /** Delete the municipality's current persons, households and addresses first; without it a seeded
   *  municipality is refused. */
  replace?: boolean;
  /** Defaults to the municipality's name. */
  woonplaats?: string;
  postcodeRange?: PostcodeRange;
  /** Defaults to the municipality's wijken ordered by code; pass [] to leave addresses without wijk. */
  wijkIds?: readonly string[];
  referenceDate?: string;
  /** Called now and then while rows are copied, with the number of persons generated so far. */
  onProgress?: (persons: number) => void;
}

export interface SeedResult {
  persons: number;
  households: number;
  addresses: number;
  /** Wall-clock time of the whole seed. */
  ms: number;
  /** Generating and copying into the staging table. */
  stageMs: number;
  /** The transaction that moves the rows into the real tables. */
  commitMs: number;
}

/** A refusal or failure with a message fit for an operator; callers print it without a stack trace. */
export class SeedError extends Error {}

/** One CSV field for COPY ... WITH (FORMAT csv): null becomes an empty unquoted field, which COPY reads as NULL. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // Quoted, so that an empty string stays an empty string rather than NULL, and "\." is not end-of-data.
  if (value === '' || value === '\\.') return `"${value}"`;
  if (/[",\r\n]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

export function csvLine(fields: readonly (string | number | null)[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvField(fields[i] as string | number | null);
  }
  return `${line}\n`;
}

/** One staging table for all three row kinds keeps it to a single COPY and a single generator pass. */
const STAGE_COLUMNS = [
  ['row_kind', 'char(1)'],
  ['id', 'uuid'],
  ['address_id', 'uuid'],
  ['household_id', 'uuid'],
  ['straat', 'text'],
  ['huisnummer', 'integer'],
  ['huisletter', 'text'],
  ['toevoeging', 'text'],
  ['postcode', 'text'],
  ['woonplaats', 'text'],
  ['wijk_id', 'uuid'],
  ['bsn', 'text'],
  ['voornamen', 'text'],
  ['voorvoegsel', 'text'],
  ['geslachtsnaam', 'text'],
  ['partner_voorvoegsel', 'text'],
  ['partner_geslachtsnaam', 'text'],
  ['naamgebruik', 'text'],
  ['geslacht', 'text'],
  ['geboortedatum', 'date'],
  ['household_role', 'text'],
  ['monthly_income_cents', 'integer'],
  ['income_source', 'text'],
] as const;

const NO_PERSON_FIELDS = ',,,,,,,,,,,,';
const NO_ADDRESS_FIELDS = ',,,,,,,';

/** Serialises a row in STAGE_COLUMNS order; hand-unrolled because it runs a few million times per seed. */
function stageLine(row: PopulationRow): string {
  const f = csvField;
  switch (row.table) {
    case 'addresses':
      return `a,${row.id},,,${f(row.straat)},${row.huisnummer},${f(row.huisletter)},${f(row.toevoeging)},${f(
        row.postcode,
      )},${f(row.woonplaats)},${f(row.wijkId)}${NO_PERSON_FIELDS}\n`;
    case 'households':
      return `h,${row.id},${row.addressId},${NO_ADDRESS_FIELDS}${NO_PERSON_FIELDS}\n`;
    case 'persons':
      return `p,${row.id},${row.addressId},${row.householdId}${NO_ADDRESS_FIELDS},${f(row.bsn)},${f(
        row.voornamen,
      )},${f(row.voorvoegsel)},${f(row.geslachtsnaam)},${f(row.partnerVoorvoegsel)},${f(
        row.partnerGeslachtsnaam,
      )},${row.naamgebruik},${row.geslacht},${row.geboortedatum},${row.householdRole},${
        row.monthlyIncomeCents
      },${row.incomeSource}\n`;
  }
}

// Small chunks on purpose: a chunk's lines are rope strings whose many small pieces stay reachable until it is
// flushed, and with 1 MB chunks the garbage collector spent more time copying them than the generator took.
const CHUNK_CHARS = 1 << 14;
const PROGRESS_EVERY = 100_000;

const ERROR_PREFIX = 'vangnet-seed:';

function pgErrorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
    return err.code;
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface MunicipalityRow {
  id: string;
  cbs_code: string;
  name: string;
}

/**
 * Generates and loads a synthetic population for one municipality, all or nothing. Refuses when the
 * municipality already has persons, unless `replace` is set.
 */
export async function seedPopulation(db: Database, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  // Compared as text so that a malformed id is reported as unknown rather than as a uuid syntax error.
  const municipality = (
    await db.query<MunicipalityRow>('SELECT id, cbs_code, name FROM municipalities WHERE id::text = $1', [
      options.municipalityId,
    ])
  )[0];
  if (!municipality) throw new SeedError(`There is no municipality with id ${options.municipalityId}.`);
  const label = `${municipality.name} (${municipality.cbs_code})`;
  if (options.cbsCode !== undefined && options.cbsCode !== municipality.cbs_code) {
    throw new SeedError(
      `Municipality ${options.municipalityId} has CBS code ${municipality.cbs_code}, not ${options.cbsCode}.`,
    );
  }

  const wijkIds =
    options.wijkIds ??
    (
      await db.query<{ id: string }>('SELECT id FROM wijken WHERE municipality_id = $1 ORDER BY code', [
        municipality.id,
      ])
    ).map((w) => w.id);
  const generatorOptions = {
    seed: options.seed,
    inhabitants: options.inhabitants,
    municipalityId: municipality.id,
    cbsCode: municipality.cbs_code,
    woonplaats: options.woonplaats ?? municipality.name,
    postcodeRange: options.postcodeRange,
    wijkIds,
    referenceDate: options.referenceDate,
  };
  try {
    validatePopulationOptions(generatorOptions);
  } catch (err) {
    if (err instanceof PopulationOptionsError) throw new SeedError(err.message);
    throw err;
  }

  // Refuse before the expensive part; the transaction below checks again in case another seed raced us.
  const existing = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM persons WHERE municipality_id = $1',
    [municipality.id],
  );
  const existingCount = existing[0]?.n ?? 0;
  if (existingCount > 0 && !options.replace) {
    throw new SeedError(
      `${label} already has ${existingCount.toLocaleString('en-US')} persons. ` +
        'Use --replace (replace: true) to delete them and seed a new population.',
    );
  }

  const stage = `seed_stage_${randomBytes(6).toString('hex')}`;
  const counts = { persons: 0, households: 0, addresses: 0 };
  await db.query(`CREATE UNLOGGED TABLE ${stage} (${STAGE_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  try {
    async function* chunks(): AsyncGenerator<string> {
      let buffer = '';
      let nextProgress = PROGRESS_EVERY;
      for (const row of generatePopulation(generatorOptions)) {
        if (row.table === 'persons') counts.persons++;
        else if (row.table === 'households') counts.households++;
        else counts.addresses++;
        buffer += stageLine(row);
        if (buffer.length >= CHUNK_CHARS) {
          yield buffer;
          buffer = '';
          if (options.onProgress && counts.persons >= nextProgress) {
            options.onProgress(counts.persons);
            nextProgress += PROGRESS_EVERY;
          }
        }
      }
      if (buffer.length > 0) yield buffer;
    }
    try {
      await db.copyCsv(
        stage,
        STAGE_COLUMNS.map(([n]) => n),
        chunks(),
      );
    } catch (err) {
      if (err instanceof PopulationOptionsError) throw new SeedError(err.message);
      throw err;
    }
    options.onProgress?.(counts.persons);
    // Fresh tables have no statistics; the collision check below should not be planned blind.
    await db.query(`ANALYZE ${stage}`);
    const staged = performance.now();

    try {
      await db.execScriptInTransaction(
        moveScript(stage, municipality.id, counts.persons, options.replace === true),
      );
    } catch (err) {
      throw translateMoveError(err, label);
    }
    // A bulk load changes the tables' shape at once; queries right after it (intake matching) must not be planned
    // on the statistics of nearly empty tables, which picks nested loops over the whole municipality.
    await db.query('ANALYZE addresses, households, persons');
    const done = performance.now();
    return {
      ...counts,
      ms: Math.round(done - started),
      stageMs: Math.round(staged - started),
      commitMs: Math.round(done - staged),
    };
  } finally {
    await db.query(`DROP TABLE IF EXISTS ${stage}`).catch(() => {});
  }
}

/**
 * The all-or-nothing step. It is one script because execScriptInTransaction runs on a single connection;
 * values are inlined, which is safe because the id was read back from the database as a uuid and the rest
 * are generated identifiers and integers.
 */
function moveScript(stage: string, municipalityId: string, persons: number, replace: boolean): string {
  if (!/^[0-9a-f-]{36}$/i.test(municipalityId)) throw new Error('unexpected municipality id');
  const mid = `'${municipalityId}'::uuid`;
  const parts = [
    `SELECT id FROM municipalities WHERE id = ${mid} FOR UPDATE;`,
    replace
      ? // households.address_id is indexed (migration 0002), so deleting addresses stays fast.
        `DELETE FROM persons WHERE municipality_id = ${mid};
         DELETE FROM households WHERE municipality_id = ${mid};
         DELETE FROM addresses WHERE municipality_id = ${mid};`
      : `DO $$ BEGIN
           IF EXISTS (SELECT 1 FROM persons WHERE municipality_id = ${mid}) THEN
             RAISE EXCEPTION '${ERROR_PREFIX}exists';
           END IF;
         END $$;`,
    // BSNs identify a person nationally: refuse rather than hand one to two people in two municipalities.
    // The materialised CTE keeps LIMIT 1 from steering the planner to a nested loop that, when there is no
    // clash, scans the persons index once per staged row.
    `DO $$ DECLARE hit record; BEGIN
       WITH clash AS MATERIALIZED (
         SELECT s.bsn, p.municipality_id FROM ${stage} s JOIN persons p ON p.bsn = s.bsn
          WHERE s.row_kind = 'p' AND p.municipality_id <> ${mid})
       SELECT c.bsn, m.cbs_code, m.name INTO hit
         FROM clash c JOIN municipalities m ON m.id = c.municipality_id LIMIT 1;
       IF FOUND THEN
         RAISE EXCEPTION '${ERROR_PREFIX}bsn:%:%:%', hit.bsn, hit.cbs_code, hit.name;
       END IF;
     END $$;`,
    `INSERT INTO addresses (id, municipality_id, straat, huisnummer, huisletter, toevoeging, postcode, woonplaats, wijk_id)
       SELECT id, ${mid}, straat, huisnummer, huisletter, toevoeging, postcode, woonplaats, wijk_id
         FROM ${stage} WHERE row_kind = 'a';`,
    `INSERT INTO households (id, municipality_id, address_id)
       SELECT id, ${mid}, address_id FROM ${stage} WHERE row_kind = 'h';`,
    `INSERT INTO persons (id, municipality_id, bsn, voornamen, voorvoegsel, geslachtsnaam, partner_voorvoegsel,
         partner_geslachtsnaam, naamgebruik, geslacht, geboortedatum, household_id, address_id, household_role,
         monthly_income_cents, income_source)
       SELECT id, ${mid}, bsn, voornamen, voorvoegsel, geslachtsnaam, partner_voorvoegsel, partner_geslachtsnaam,
         naamgebruik, geslacht, geboortedatum, household_id, address_id, household_role, monthly_income_cents,
         income_source
         FROM ${stage} WHERE row_kind = 'p';`,
    `UPDATE municipalities SET inhabitants = ${Math.trunc(persons)}, updated_at = now() WHERE id = ${mid};`,
  ];
  return parts.join('\n');
}

function translateMoveError(err: unknown, label: string): Error {
  const message = messageOf(err);
  const at = message.indexOf(ERROR_PREFIX);
  if (at >= 0) {
    const detail = message.slice(at + ERROR_PREFIX.length);
    if (detail.startsWith('exists')) {
      return new SeedError(
        `${label} already has persons (another seed finished first). Use --replace (replace: true) to replace them.`,
      );
    }
    if (detail.startsWith('bsn:')) {
      const [, bsn, code, ...name] = detail.split(':');
      return new SeedError(
        `The generated population of ${label} would reuse BSN ${bsn}, which belongs to a person in ` +
          `${name.join(':')} (${code}). The BSN ranges of these two municipalities overlap at this size; ` +
          'seed fewer inhabitants or reseed the other municipality with fewer.',
      );
    }
  }
  const code = pgErrorCode(err);
  if (code === '23503') {
    return new SeedError(
      `Cannot replace the population of ${label}: other records still refer to its persons, households or ` +
        `addresses (${message}). Nothing was changed.`,
    );
  }
  if (code === '23505') {
    return new SeedError(
      `Seeding ${label} ran into an existing row with the same key (${message}); nothing was changed. ` +
        'Another municipality may have been seeded with the same CBS code and seed in this database.',
    );
  }
  return new SeedError(`Seeding ${label} failed; nothing was changed: ${message}`);
}
