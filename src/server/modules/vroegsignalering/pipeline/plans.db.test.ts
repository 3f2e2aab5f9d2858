// The pipeline's look-ups must stay index probes per key whatever the planner believes about the tables: during a
// long import (and always, where autovacuum is off) signals, meldingen and the fingerprints have no statistics, and
// a plain join or a probe with a rival index then hashed or scanned the whole, growing table for every chunk. The
// cost of a chunk grew with everything imported before it (issue 4). These tests run every look-up through EXPLAIN
// on tables that were filled but never analysed and check how each big table is read.
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../../test/db.ts';
import type { Database, Orm } from '../../../db/client.ts';
import { seedPopulation } from '../../../seed/load.ts';
import { EmbeddedBrpAdapter } from '../../brp/embedded.ts';
import { findByContentHash, findLatestVersions } from '../intake/repository.ts';
import * as repo from './repository.ts';

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
};

let database: Database;
let mid: string;
let partnerId: string;
let persons: { id: string; household_id: string; postcode: string; huisnummer: number }[];
let meldingen: { id: string; address_fingerprint: string; period_start: string }[];

/** An Orm whose execute() explains the statement instead of running it, and keeps the plans. */
function explaining(plans: PlanNode[]): Orm {
  const orm = database.orm;
  return new Proxy(orm, {
    get(target, prop) {
      if (prop !== 'execute') return Reflect.get(target, prop, target);
      return async (query: SQL) => {
        const result = (await target.execute(sql`EXPLAIN (FORMAT JSON) ${query}`)) as unknown as {
          rows: Record<string, unknown>[];
        };
        const cell = Object.values(result.rows[0] ?? {})[0];
        const parsed = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: PlanNode }[];
        plans.push((parsed[0] as { Plan: PlanNode }).Plan);
        return { rows: [] };
      };
    },
  }) as Orm;
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explain(run: (tx: Orm) => Promise<unknown>): Promise<PlanNode> {
  const plans: PlanNode[] = [];
  await run(explaining(plans));
  expect(plans).toHaveLength(1);
  return plans[0] as PlanNode;
}

const BIG_TABLES = ['signals', 'meldingen', 'signal_fingerprints', 'persons', 'addresses'];
const BIG_INDEX = /^(signals|meldingen|signal_fingerprints|persons|addresses)_/;

/**
 * The big tables are only read through these indexes, each time with a key from the batch (an index condition
 * that compares with a column of another relation: the unnest keys or the row found before), never whole.
 */
function expectProbes(plan: PlanNode, indexes: string[]) {
  const used: string[] = [];
  for (const n of nodes(plan)) {
    if (n['Node Type'] === 'Seq Scan') expect(BIG_TABLES).not.toContain(n['Relation Name']);
    const index = n['Index Name'];
    if (!index || !BIG_INDEX.test(index)) continue;
    used.push(index);
    expect(indexes).toContain(index);
    expect(n['Index Cond'] ?? '').toMatch(/= [a-z_]+\.[a-z_]+/);
  }
  for (const index of indexes) expect(used).toContain(index);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const [region] = await database.query<{ id: string }>(
    "INSERT INTO regions (name) VALUES ('R') RETURNING id",
  );
  const [m] = await database.query<{ id: string }>(
    "INSERT INTO municipalities (region_id, cbs_code, name) VALUES ($1, '0998', 'Planstad') RETURNING id",
    [region?.id],
  );
  mid = m?.id as string;
  await seedPopulation(database, { municipalityId: mid, seed: 7, inhabitants: 6000, wijkIds: [] });
  const [p] = await database.query<{ id: string }>(
    "INSERT INTO signal_partners (municipality_id, name, partner_type) VALUES ($1, 'Energie', 'Energie') RETURNING id",
    [mid],
  );
  partnerId = p?.id as string;
  persons = await database.query(
    `SELECT p.id, p.household_id, a.postcode, a.huisnummer FROM persons p JOIN addresses a ON a.id = p.address_id
      WHERE p.municipality_id = $1 ORDER BY p.id LIMIT 200`,
    [mid],
  );
  // Enough rows that a whole-table read would be a real choice, and no ANALYZE afterwards.
  await database.query(
    `INSERT INTO meldingen (municipality_id, address_fingerprint, period_start)
     SELECT $1, md5(g::text), DATE '2026-01-01' + (g % 12) * 31 FROM generate_series(1, 3000) g`,
    [mid],
  );
  await database.query(
    `INSERT INTO signal_fingerprints (municipality_id, address_fingerprint, signal_date, partner_type)
     SELECT $1, md5((g % 3000)::text), DATE '2026-01-01' + g % 300, 'Energie' FROM generate_series(1, 6000) g`,
    [mid],
  );
  await database.query(
    `INSERT INTO signals (municipality_id, partner_id, source, external_id, content_hash, created_by_type, created_by,
                          achternaam, amount_cents, signal_date, person_id, household_id, match_status, melding_id)
     SELECT $1, $2, 'api', CASE WHEN g % 2 = 0 THEN 'E' || g END, md5(g::text), 'system', 'test', 'Jansen', 10000,
            DATE '2026-01-01' + g % 300, p.id, p.household_id, 'matched',
            (SELECT id FROM meldingen ORDER BY id OFFSET g % 3000 LIMIT 1)
       FROM generate_series(1, 6000) g
       JOIN LATERAL (SELECT id, household_id FROM persons WHERE municipality_id = $1 ORDER BY id
                     OFFSET g % 500 LIMIT 1) p ON true`,
    [mid, partnerId],
  );
  meldingen = await database.query(
    `SELECT id, address_fingerprint, period_start::text AS period_start FROM meldingen ORDER BY id LIMIT 200`,
  );
}, 120_000);

afterAll(async () => {
  await database.close();
});

describe('pipeline look-ups on tables without statistics', () => {
  it('finds earlier signals of a partner about a person by probing signals_person_idx', async () => {
    const plan = await explain((tx) =>
      repo.earlierSignals(
        tx,
        mid,
        persons.map((p) => ({
          partnerId,
          personId: p.id,
          before: '2026-06-01',
          excludeId: '00000000-0000-0000-0000-000000000000',
        })),
      ),
    );
    expectProbes(plan, ['signals_person_idx']);
  });

  it('finds the open meldingen of addresses by probing meldingen_address_period_idx, with and without period', async () => {
    for (const withPeriod of [true, false]) {
      const plan = await explain((tx) =>
        repo.findOpenMeldingen(
          tx,
          mid,
          meldingen.map((m) => ({
            fingerprint: m.address_fingerprint,
            periodStart: withPeriod ? m.period_start : null,
          })),
        ),
      );
      expectProbes(plan, ['meldingen_address_period_idx']);
    }
  });

  it('checks the six-month look-back by probing signal_fingerprints_idx', async () => {
    const plan = await explain((tx) =>
      repo.hadEarlierSignals(
        tx,
        mid,
        meldingen.map((m) => ({ fingerprint: m.address_fingerprint, periodStart: m.period_start })),
      ),
    );
    expectProbes(plan, ['signal_fingerprints_idx']);
  });

  it('reads the signals of meldingen by probing signals_melding_idx', async () => {
    const plan = await explain((tx) =>
      repo.signalsOfMeldingen(
        tx,
        meldingen.map((m) => m.id),
      ),
    );
    expectProbes(plan, ['signals_melding_idx']);
  });

  it('reads households and addresses of the BRP by key', async () => {
    const facts = await explain((tx) =>
      repo.householdFacts(
        tx,
        mid,
        persons.map((p) => p.household_id),
        '2026-06-01',
      ),
    );
    expectProbes(facts, ['persons_household_idx', 'addresses_pkey']);
    const byAddress = await explain((tx) =>
      new EmbeddedBrpAdapter(tx).findByAddresses(
        mid,
        persons.map((p) => ({ postcode: p.postcode, huisnummer: p.huisnummer })),
      ),
    );
    expectProbes(byAddress, ['addresses_lookup_idx', 'persons_address_idx']);
  });

  it('recognises resends by the partner id or by content hash with index probes', async () => {
    const latest = await explain((tx) =>
      findLatestVersions(
        tx,
        partnerId,
        persons.map((_, i) => `E${2 * i + 2}`),
      ),
    );
    expectProbes(latest, ['signals_external_version_idx']);
    const byHash = await explain((tx) =>
      findByContentHash(
        tx,
        partnerId,
        persons.map((_, i) => `${i}`),
      ),
    );
    expectProbes(byHash, ['signals_content_hash_idx']);
  });
});
