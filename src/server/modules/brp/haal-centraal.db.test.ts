// The Haal Centraal HTTP adapter against a real HTTP server (haal-centraal-fake-server.ts) over the synthetic
// BRP, compared with the embedded adapter on the same database. Runs on PGlite and, with TEST_DATABASE_URL, on
// PostgreSQL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '../../../../test/db.ts';
import type { Database } from '../../db/client.ts';
import { seedPopulation } from '../../seed/load.ts';
import { type BrpPerson, BrpUnavailableError, brpAddressKey } from './adapter.ts';
import { EmbeddedBrpAdapter } from './embedded.ts';
import { HaalCentraalBrpAdapter, hcHouseholdId } from './haal-centraal.ts';
import { type FakeHaalCentraalServer, startHaalCentraalServer } from './haal-centraal-fake-server.ts';

const API_KEY = 'test-api-key-0363';

/** What both adapters must agree on (ids differ by design: Haal Centraal has no internal ids). */
function view(p: BrpPerson) {
  return {
    bsn: p.bsn,
    voornamen: p.voornamen,
    voorvoegsel: p.voorvoegsel,
    geslachtsnaam: p.geslachtsnaam,
    partnerVoorvoegsel: p.partnerVoorvoegsel,
    partnerGeslachtsnaam: p.partnerGeslachtsnaam,
    naamgebruik: p.naamgebruik,
    geboortedatum: p.geboortedatum,
    geslacht: p.geslacht,
    postcode: p.postcode,
    huisnummer: p.huisnummer,
    huisletter: p.huisletter,
    toevoeging: p.toevoeging,
    brpStatus: p.brpStatus,
  };
}

function views(persons: readonly BrpPerson[]) {
  return persons.map(view).sort((a, b) => (a.bsn < b.bsn ? -1 : a.bsn > b.bsn ? 1 : 0));
}

async function rejection(promise: Promise<unknown>): Promise<BrpUnavailableError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(BrpUnavailableError);
    return err as BrpUnavailableError;
  }
  throw new Error('expected a BrpUnavailableError');
}

describe(`Haal Centraal BRP adapter vs the embedded BRP (${testDatabaseKind()})`, () => {
  let db: Database;
  let amsterdam: string;
  let rotterdam: string;
  let server: FakeHaalCentraalServer;
  let embedded: EmbeddedBrpAdapter;
  let hc: HaalCentraalBrpAdapter;
  let sample: BrpPerson[];

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
    await seedPopulation(db, { municipalityId: amsterdam, seed: 5, inhabitants: 900, wijkIds: [] });
    await seedPopulation(db, { municipalityId: rotterdam, seed: 6, inhabitants: 200, wijkIds: [] });
    // Some residents died or left; they stay findable with their status.
    await db.query(
      `UPDATE persons SET brp_status = CASE WHEN n % 2 = 0 THEN 'overleden' ELSE 'verhuisd' END
         FROM (SELECT id, row_number() OVER (ORDER BY bsn) AS n FROM persons WHERE municipality_id = $1) s
        WHERE persons.id = s.id AND s.n % 37 = 0`,
      [amsterdam],
    );
    server = await startHaalCentraalServer({ database: db, municipalityId: amsterdam, apiKey: API_KEY });
    embedded = new EmbeddedBrpAdapter(db.orm);
    hc = new HaalCentraalBrpAdapter({
      baseUrl: server.url,
      apiKey: API_KEY,
      gemeentecodes: { [amsterdam]: '0363' },
      timeoutMs: 10_000,
    });
    const all = await embedded.findByBsn(
      amsterdam,
      (
        await db.query<{ bsn: string }>('SELECT bsn FROM persons WHERE municipality_id = $1', [amsterdam])
      ).map((r) => r.bsn),
    );
    // Every 17th person, plus all who moved or died.
    sample = [...all.values()]
      .sort((a, b) => (a.bsn < b.bsn ? -1 : 1))
      .filter((p, i) => i % 17 === 0 || p.brpStatus !== 'ingeschreven');
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('finds the same persons at the same addresses, including those who moved or died', async () => {
    const keys = [
      ...sample.map((p) => ({ postcode: p.postcode, huisnummer: p.huisnummer })),
      { postcode: '9999 zz', huisnummer: 1 },
    ];
    const [rotterdamAddress] = await db.query<{ postcode: string; huisnummer: number }>(
      'SELECT postcode, huisnummer FROM addresses WHERE municipality_id = $1 LIMIT 1',
      [rotterdam],
    );
    if (rotterdamAddress) keys.push(rotterdamAddress);
    const [a, b] = await Promise.all([
      embedded.findByAddresses(amsterdam, keys),
      hc.findByAddresses(amsterdam, keys),
    ]);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect(a.get('9999ZZ|1')).toEqual([]);
    if (rotterdamAddress) {
      expect(a.get(brpAddressKey(rotterdamAddress.postcode, rotterdamAddress.huisnummer))).toEqual([]);
    }
    let persons = 0;
    for (const [key, list] of a) {
      expect(views(b.get(key) ?? []), key).toEqual(views(list));
      persons += list.length;
    }
    expect(persons).toBeGreaterThan(sample.length);
    const statuses = new Set([...a.values()].flat().map((p) => p.brpStatus));
    expect(statuses).toEqual(new Set(['ingeschreven', 'verhuisd', 'overleden']));
    // Haal Centraal has no internal ids: the BSN is the id there.
    for (const p of [...b.values()].flat()) expect(p.id).toBe(p.bsn);
  });

  it('finds the same persons by BSN, and nobody of another municipality', async () => {
    const [other] = await db.query<{ bsn: string }>(
      'SELECT bsn FROM persons WHERE municipality_id = $1 LIMIT 1',
      [rotterdam],
    );
    const bsns = [...sample.map((p) => p.bsn), other?.bsn ?? '', '123456782'];
    const [a, b] = await Promise.all([embedded.findByBsn(amsterdam, bsns), hc.findByBsn(amsterdam, bsns)]);
    expect(a.size).toBe(sample.length);
    expect(views([...b.values()])).toEqual(views([...a.values()]));
    expect(a.has(other?.bsn ?? '')).toBe(false);
    expect(b.has(other?.bsn ?? '')).toBe(false);
  });

  it('finds the same persons by surname and birth date, tolerant of case, diacritics and tussenvoegsel order', async () => {
    let compared = 0;
    for (const p of sample.slice(0, 30)) {
      const own = p.voorvoegsel ? `${p.voorvoegsel} ${p.geslachtsnaam}` : p.geslachtsnaam;
      const variants = [
        own,
        own.toUpperCase(),
        own.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
        p.voorvoegsel ? `${p.geslachtsnaam}, ${p.voorvoegsel}` : own.toLowerCase(),
      ];
      for (const geslachtsnaam of variants) {
        const q = { geslachtsnaam, geboortedatum: p.geboortedatum };
        const [a, b] = await Promise.all([
          embedded.findByNameAndBirthDate(amsterdam, q),
          hc.findByNameAndBirthDate(amsterdam, q),
        ]);
        expect(
          a.map((x) => x.bsn),
          geslachtsnaam,
        ).toContain(p.bsn);
        expect(views(b), geslachtsnaam).toEqual(views(a));
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(100);
    const none = await hc.findByNameAndBirthDate(amsterdam, {
      geslachtsnaam: 'Xyzzyqwerty',
      geboortedatum: '1970-01-01',
    });
    expect(none).toEqual([]);
  });

  it('answers a household: by household in the embedded BRP, by full address through Haal Centraal', async () => {
    const households = await db.query<{ household_id: string }>(
      `SELECT min(h.id::text) AS household_id FROM households h
        WHERE h.municipality_id = $1 GROUP BY h.address_id HAVING count(*) = 1 ORDER BY 1 LIMIT 12`,
      [amsterdam],
    );
    expect(households.length).toBeGreaterThan(5);
    for (const { household_id } of households) {
      const a = await embedded.household(amsterdam, household_id);
      const first = a.members[0];
      if (!first) throw new Error('empty household');
      const b = await hc.household(amsterdam, hcHouseholdId(first));
      expect(views(b.members)).toEqual(views(a.members));
    }
    expect(await embedded.household(rotterdam, households[0]?.household_id ?? '')).toEqual({ members: [] });
  });

  it('gives a clear error without (or with a wrong) API key', async () => {
    for (const apiKey of ['', 'not-the-key']) {
      const adapter = new HaalCentraalBrpAdapter({
        baseUrl: server.url,
        apiKey,
        gemeentecodes: { [amsterdam]: '0363' },
      });
      const err = await rejection(adapter.findByBsn(amsterdam, [sample[0]?.bsn ?? '']));
      expect(err.reason).toBe('unauthorized');
      expect(err.status).toBe(401);
      expect(err.message).toMatch(/API key \(X-API-KEY\) is (missing|not accepted)/);
    }
  });

  it('gives BrpUnavailableError when the server is down or does not answer in time', async () => {
    const down = await startHaalCentraalServer({ database: db, municipalityId: amsterdam, apiKey: API_KEY });
    await down.close();
    const gone = new HaalCentraalBrpAdapter({
      baseUrl: down.url,
      apiKey: API_KEY,
      gemeentecodes: { [amsterdam]: '0363' },
    });
    const err = await rejection(gone.findByAddresses(amsterdam, [{ postcode: '1011AB', huisnummer: 1 }]));
    expect(err.reason).toBe('unreachable');
    expect(err.message).toContain('cannot be reached');

    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = silent.address() as AddressInfo;
      const slow = new HaalCentraalBrpAdapter({
        baseUrl: `http://127.0.0.1:${port}`,
        apiKey: API_KEY,
        gemeentecodes: { [amsterdam]: '0363' },
        timeoutMs: 200,
      });
      const timeout = await rejection(slow.findByBsn(amsterdam, ['123456782']));
      expect(timeout.reason).toBe('timeout');
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }

    const unconfigured = new HaalCentraalBrpAdapter({
      baseUrl: server.url,
      apiKey: API_KEY,
      gemeentecodes: {},
    });
    expect((await rejection(unconfigured.findByBsn(amsterdam, ['123456782']))).reason).toBe('configuration');
  });

  it('answers an unknown query type with 400 problem+json', async () => {
    const res = await fetch(`${server.url}/personen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-API-KEY': API_KEY },
      body: JSON.stringify({ type: 'ZoekMetSterrenbeeld', fields: ['burgerservicenummer'] }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { invalidParams?: { name: string }[] };
    expect(body.invalidParams?.[0]?.name).toBe('type');

    const unauthorised = await fetch(`${server.url}/personen`, { method: 'POST', body: '{}' });
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.headers.get('content-type')).toContain('application/problem+json');
  });
});
