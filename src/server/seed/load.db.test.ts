// Runs on in-memory PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set (see vitest.config.ts and
// test/db.ts, which creates and drops a scratch database for it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../../../test/db.ts';
import type { Database } from '../db/client.ts';
import { generatePopulation, type PersonRow } from './generator.ts';
import { csvField, csvLine, SeedError, seedPopulation } from './load.ts';

const SEED = 11;
const INHABITANTS = 3_000;

interface Counts {
  persons: number;
  households: number;
  addresses: number;
}

describe(`seedPopulation (${testDatabaseKind()})`, () => {
  let db: Database;
  let amsterdam: string;
  let rotterdam: string;
  let wijken: string[];

  async function counts(municipalityId: string): Promise<Counts> {
    const [row] = await db.query<Counts>(
      `SELECT (SELECT count(*)::int FROM persons WHERE municipality_id = $1) AS persons,
              (SELECT count(*)::int FROM households WHERE municipality_id = $1) AS households,
              (SELECT count(*)::int FROM addresses WHERE municipality_id = $1) AS addresses`,
      [municipalityId],
    );
    if (!row) throw new Error('no counts');
    return row;
  }

  async function personIds(municipalityId: string): Promise<string[]> {
    const rows = await db.query<{ id: string }>(
      'SELECT id FROM persons WHERE municipality_id = $1 ORDER BY id',
      [municipalityId],
    );
    return rows.map((r) => r.id);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const [region] = await db.query<{ id: string }>(
      "INSERT INTO regions (name) VALUES ('Regio Test') RETURNING id",
    );
    const insert = async (code: string, name: string) => {
      const [m] = await db.query<{ id: string }>(
        'INSERT INTO municipalities (region_id, cbs_code, name) VALUES ($1, $2, $3) RETURNING id',
        [region?.id, code, name],
      );
      if (!m) throw new Error('municipality insert failed');
      return m.id;
    };
    amsterdam = await insert('0363', 'Amsterdam');
    rotterdam = await insert('0599', 'Rotterdam');
    wijken = [];
    for (const [code, name] of [
      ['WK036301', 'Centrum'],
      ['WK036302', 'Noord'],
    ]) {
      const [w] = await db.query<{ id: string }>(
        'INSERT INTO wijken (municipality_id, code, name) VALUES ($1, $2, $3) RETURNING id',
        [amsterdam, code, name],
      );
      if (w) wijken.push(w.id);
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  it('loads the population and reports the counts that are in the database', async () => {
    const result = await seedPopulation(db, {
      municipalityId: amsterdam,
      seed: SEED,
      inhabitants: INHABITANTS,
    });
    expect(result.persons).toBe(INHABITANTS);
    expect(result.households).toBeGreaterThan(1_000);
    expect(result.addresses).toBeGreaterThan(1_000);
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(await counts(amsterdam)).toEqual({
      persons: result.persons,
      households: result.households,
      addresses: result.addresses,
    });
    const [m] = await db.query<{ inhabitants: number }>(
      'SELECT inhabitants FROM municipalities WHERE id = $1',
      [amsterdam],
    );
    expect(m?.inhabitants).toBe(INHABITANTS);
  });

  it('keeps every person in an existing household at an existing address of the same municipality', async () => {
    const [broken] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n
         FROM persons p
         LEFT JOIN households h ON h.id = p.household_id
         LEFT JOIN addresses a ON a.id = p.address_id
         LEFT JOIN addresses ha ON ha.id = h.address_id
        WHERE h.id IS NULL OR a.id IS NULL
           OR h.municipality_id <> p.municipality_id OR a.municipality_id <> p.municipality_id
           OR h.address_id <> p.address_id OR ha.municipality_id <> p.municipality_id`,
    );
    expect(broken?.n).toBe(0);
    const [empty] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM households h
        WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id)`,
    );
    expect(empty?.n).toBe(0);
    const [withoutWijk] = await db.query<{ n: number; wijken: number }>(
      `SELECT count(*) FILTER (WHERE wijk_id IS NULL)::int AS n, count(DISTINCT wijk_id)::int AS wijken
         FROM addresses WHERE municipality_id = $1`,
      [amsterdam],
    );
    // The municipality's wijken are used by default.
    expect(withoutWijk).toEqual({ n: 0, wijken: 2 });
  });

  it('stores exactly what the generator produced, diacritics, NULLs and all', async () => {
    const expected = new Map<string, PersonRow>();
    for (const row of generatePopulation({
      seed: SEED,
      inhabitants: INHABITANTS,
      municipalityId: amsterdam,
      cbsCode: '0363',
      woonplaats: 'Amsterdam',
      wijkIds: wijken,
    })) {
      if (row.table === 'persons') expected.set(row.id, row);
    }
    const stored = await db.query<Record<string, unknown>>(
      `SELECT id, bsn, voornamen, voorvoegsel, geslachtsnaam, partner_voorvoegsel, partner_geslachtsnaam,
              naamgebruik, geslacht, geboortedatum::text AS geboortedatum, household_id, address_id, household_role,
              monthly_income_cents, income_source
         FROM persons WHERE municipality_id = $1`,
      [amsterdam],
    );
    expect(stored).toHaveLength(expected.size);
    for (const s of stored) {
      const e = expected.get(s.id as string);
      expect(e, `person ${s.id}`).toBeDefined();
      if (!e) continue;
      expect(s).toEqual({
        id: e.id,
        bsn: e.bsn,
        voornamen: e.voornamen,
        voorvoegsel: e.voorvoegsel,
        geslachtsnaam: e.geslachtsnaam,
        partner_voorvoegsel: e.partnerVoorvoegsel,
        partner_geslachtsnaam: e.partnerGeslachtsnaam,
        naamgebruik: e.naamgebruik,
        geslacht: e.geslacht,
        geboortedatum: e.geboortedatum,
        household_id: e.householdId,
        address_id: e.addressId,
        household_role: e.householdRole,
        monthly_income_cents: e.monthlyIncomeCents,
        income_source: e.incomeSource,
      });
    }
    const [odd] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM persons
        WHERE municipality_id = $1 AND (voornamen ~ '[^\\x20-\\x7e]' OR geslachtsnaam ~ '[^\\x20-\\x7e]')`,
      [amsterdam],
    );
    expect(odd?.n).toBeGreaterThan(0);
  });

  it('refuses to seed a municipality that already has persons, and changes nothing', async () => {
    const before = await personIds(amsterdam);
    const attempt = seedPopulation(db, { municipalityId: amsterdam, seed: SEED + 1, inhabitants: 500 });
    await expect(attempt).rejects.toBeInstanceOf(SeedError);
    await expect(attempt).rejects.toThrow(/Amsterdam \(0363\) already has 3,000 persons.*--replace/);
    expect(await personIds(amsterdam)).toEqual(before);
  });

  it('replaces the population with replace: true', async () => {
    const before = new Set(await personIds(amsterdam));
    const result = await seedPopulation(db, {
      municipalityId: amsterdam,
      seed: SEED + 1,
      inhabitants: 2_000,
      replace: true,
    });
    expect(result.persons).toBe(2_000);
    expect(await counts(amsterdam)).toEqual({
      persons: 2_000,
      households: result.households,
      addresses: result.addresses,
    });
    const after = await personIds(amsterdam);
    expect(after.some((id) => before.has(id))).toBe(false);
    const [m] = await db.query<{ inhabitants: number }>(
      'SELECT inhabitants FROM municipalities WHERE id = $1',
      [amsterdam],
    );
    expect(m?.inhabitants).toBe(2_000);
  });

  it('gives two municipalities disjoint BSNs', async () => {
    await seedPopulation(db, { municipalityId: rotterdam, seed: SEED + 1, inhabitants: 2_500 });
    const [shared] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM persons a JOIN persons b ON a.bsn = b.bsn
        WHERE a.municipality_id = $1 AND b.municipality_id = $2`,
      [amsterdam, rotterdam],
    );
    expect(shared?.n).toBe(0);
  });

  it('is all or nothing: a failing replace leaves the old population in place', async () => {
    const before = await personIds(amsterdam);
    const beforeCounts = await counts(amsterdam);
    // Plant one of the BSNs the next Amsterdam seed will generate in Rotterdam, so that the seed fails late,
    // inside the transaction, after the old population has already been deleted there.
    const [victim] = await db.query<{ bsn: string }>(
      'SELECT bsn FROM persons WHERE municipality_id = $1 ORDER BY bsn LIMIT 1',
      [amsterdam],
    );
    const [address] = await db.query<{ id: string }>(
      `INSERT INTO addresses (municipality_id, straat, huisnummer, postcode, woonplaats)
       VALUES ($1, 'Coolsingel', 40, '3011AD', 'Rotterdam') RETURNING id`,
      [rotterdam],
    );
    const [household] = await db.query<{ id: string }>(
      'INSERT INTO households (municipality_id, address_id) VALUES ($1, $2) RETURNING id',
      [rotterdam, address?.id],
    );
    await db.query(
      `INSERT INTO persons (municipality_id, bsn, voornamen, geslachtsnaam, geslacht, geboortedatum, household_id,
                            address_id, household_role)
       VALUES ($1, $2, 'Test', 'Persoon', 'V', '1980-01-01', $3, $4, 'hoofd')`,
      [rotterdam, victim?.bsn, household?.id, address?.id],
    );
    const attempt = seedPopulation(db, {
      municipalityId: amsterdam,
      seed: SEED + 1,
      inhabitants: 2_000,
      replace: true,
    });
    await expect(attempt).rejects.toBeInstanceOf(SeedError);
    await expect(attempt).rejects.toThrow(new RegExp(`reuse BSN ${victim?.bsn}.*Rotterdam \\(0599\\)`));
    expect(await personIds(amsterdam)).toEqual(before);
    expect(await counts(amsterdam)).toEqual(beforeCounts);
    await db.query('DELETE FROM persons WHERE household_id = $1', [household?.id]);
    await db.query('DELETE FROM households WHERE id = $1', [household?.id]);
    await db.query('DELETE FROM addresses WHERE id = $1', [address?.id]);
  });

  it('leaves no staging tables behind', async () => {
    const rows = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'seed\\_stage\\_%'",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('explains bad input', async () => {
    await expect(
      seedPopulation(db, {
        municipalityId: '00000000-0000-4000-8000-000000000000',
        seed: 1,
        inhabitants: 10,
      }),
    ).rejects.toThrow(/no municipality/);
    await expect(
      seedPopulation(db, {
        municipalityId: rotterdam,
        cbsCode: '0363',
        seed: 1,
        inhabitants: 10,
        replace: true,
      }),
    ).rejects.toThrow(/has CBS code 0599, not 0363/);
    await expect(
      seedPopulation(db, { municipalityId: rotterdam, seed: 1, inhabitants: 0, replace: true }),
    ).rejects.toBeInstanceOf(SeedError);
  });

  it('writes CSV that COPY reads back unchanged', async () => {
    const values: (string | null)[] = [
      'plain',
      'comma, inside',
      'quote " inside',
      '"quoted"',
      'new\nline',
      'carriage\r\nreturn',
      '',
      null,
      '\\.',
      '\\N',
      ' spaces ',
      "in 't Veld",
      'Öztürk-Çelik, Zoë',
    ];
    await db.query('CREATE TABLE seed_csv_roundtrip (n integer, v text)');
    try {
      await db.copyCsv(
        'seed_csv_roundtrip',
        ['n', 'v'],
        (async function* () {
          for (const [i, v] of values.entries()) yield csvLine([i, v]);
        })(),
      );
      const rows = await db.query<{ n: number; v: string | null }>(
        'SELECT n, v FROM seed_csv_roundtrip ORDER BY n',
      );
      expect(rows.map((r) => r.v)).toEqual(values);
    } finally {
      await db.query('DROP TABLE seed_csv_roundtrip');
    }
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField(12)).toBe('12');
    expect(csvField('a"b')).toBe('"a""b"');
  });
});
