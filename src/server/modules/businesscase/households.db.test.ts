// The households of the business-case view come from each intervention's link to the household's previous one
// (migration 0014, kept by triggers). These tests prove the links stay right through bulk and single inserts out
// of date order, ties on one day, moves, changes of type and date, deletions and concurrent inserts, and that
// the one-scan count equals the plain distinct count for many periods, with and without a type.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import type { Database } from '../../db/client.ts';
import { costGroups, costGroupsDirect } from './repository.ts';

const TYPES = ['budgetmaatje', 'maatwerkbudget', 'schuldregeling', 'energiecoaching'];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function day(offset: number): string {
  const d = new Date(Date.UTC(2023, 0, 1));
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

describe('business case: households through the linked interventions', () => {
  let db: Database;
  const municipalities: string[] = [];
  const households = new Map<string, string[]>();
  const rnd = random(20251126);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;

  async function insert(rows: { m: string; h: string | null; t: string; on: string }[]) {
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO interventions (municipality_id, household_case_id, intervention_type, started_on, cost_cents, hours)
       SELECT m, h, t, d, c, hr FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::bigint[], $6::numeric[])
              AS x (m, h, t, d, c, hr)`,
      [
        rows.map((r) => r.m),
        rows.map((r) => r.h),
        rows.map((r) => r.t),
        rows.map((r) => r.on),
        rows.map(() => Math.floor(rnd() * 50_000)),
        rows.map(() => Math.floor(rnd() * 40) / 4),
      ],
    );
  }

  function randomRows(n: number) {
    return Array.from({ length: n }, () => {
      const m = pick(municipalities);
      // Some interventions belong to no household; ties on one day are frequent (a 3-year range of 60 days).
      const h = rnd() < 0.1 ? null : pick(households.get(m) ?? []);
      return { m, h, t: pick(TYPES), on: day(Math.floor(rnd() * 60) * 18) };
    });
  }

  /** Every stored link equals the one computed from scratch. */
  async function expectLinksRecomputed(label: string) {
    const wrong = await db.query(
      `SELECT i.id, i.household_prev_on, i.household_type_prev_on, x.p, x.tp FROM interventions i
         JOIN (SELECT id,
                      CASE WHEN household_case_id IS NOT NULL THEN
                        lag(started_on) OVER (PARTITION BY household_case_id ORDER BY started_on, id) END AS p,
                      CASE WHEN household_case_id IS NOT NULL THEN
                        lag(started_on) OVER (PARTITION BY household_case_id, intervention_type ORDER BY started_on, id)
                      END AS tp
                 FROM interventions) x USING (id)
        WHERE (i.household_prev_on, i.household_type_prev_on) IS DISTINCT FROM (x.p, x.tp)`,
    );
    expect(wrong, label).toEqual([]);
  }

  /** The one-scan figures equal the distinct counts, for many periods, each type and no type. */
  async function expectViewEqualsDirect(label: string) {
    const sort = (r: Awaited<ReturnType<typeof costGroups>>) => ({
      ...r,
      groups: [...r.groups].sort((a, b) => a.interventionType.localeCompare(b.interventionType)),
    });
    const periods = [
      { from: day(0), to: day(1100) },
      { from: day(365), to: day(729) },
      { from: day(18 * 7), to: day(18 * 7) },
      ...Array.from({ length: 12 }, () => {
        const a = Math.floor(rnd() * 1100);
        const b = a + Math.floor(rnd() * 400);
        return { from: day(a), to: day(b) };
      }),
    ];
    let households = 0;
    for (const m of municipalities) {
      for (const p of periods) {
        for (const type of [undefined, ...TYPES, 'overig']) {
          const f = { municipalityId: m, ...p, type };
          const fast = sort(await costGroups(db.orm, f));
          expect(fast, `${label} ${p.from}..${p.to} ${type ?? 'all'}`).toEqual(
            sort(await costGroupsDirect(db.orm, f)),
          );
          households += fast.households;
        }
      }
    }
    // The comparison is only worth something if there were households to count.
    expect(households, label).toBeGreaterThan(100);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const [region] = await db.query<{ id: string }>(
      "INSERT INTO regions (name) VALUES ('Testregio') RETURNING id",
    );
    for (const [code, name] of [
      ['9901', 'Eenstad'],
      ['9902', 'Tweestad'],
    ]) {
      const [m] = await db.query<{ id: string }>(
        'INSERT INTO municipalities (region_id, cbs_code, name) VALUES ($1, $2, $3) RETURNING id',
        [region?.id, code, name],
      );
      const id = m?.id as string;
      municipalities.push(id);
      const cases = await db.query<{ id: string }>(
        `INSERT INTO household_cases (municipality_id, status)
         SELECT $1::uuid, 'open' FROM generate_series(1, 25) RETURNING id`,
        [id],
      );
      households.set(
        id,
        cases.map((c) => c.id),
      );
    }
  });
  afterAll(async () => db?.close());

  it('links a bulk insert in random date order, with ties on one day and rows without household', async () => {
    await insert(randomRows(400));
    await expectLinksRecomputed('bulk');
    await expectViewEqualsDirect('bulk');
  });

  it('relinks when single interventions arrive before, between and after existing ones', async () => {
    for (let i = 0; i < 40; i++) await insert(randomRows(1));
    await expectLinksRecomputed('single');
    await expectViewEqualsDirect('single');
  });

  it('relinks both households when an intervention moves, and after changes of type and date and deletions', async () => {
    const ids = (await db.query<{ id: string }>('SELECT id FROM interventions ORDER BY id')).map((r) => r.id);
    const some = (n: number) => Array.from({ length: n }, () => pick(ids));
    const m0 = municipalities[0] as string;
    // One statement moving several rows between households of the first municipality.
    await db.query(
      `UPDATE interventions SET household_case_id = $2::uuid WHERE id = ANY ($1::uuid[]) AND municipality_id = $3`,
      [some(15), pick(households.get(m0) ?? []), m0],
    );
    await db.query(`UPDATE interventions SET started_on = started_on - 400 WHERE id = ANY ($1::uuid[])`, [
      some(20),
    ]);
    await db.query(`UPDATE interventions SET intervention_type = 'overig' WHERE id = ANY ($1::uuid[])`, [
      some(20),
    ]);
    await db.query(`UPDATE interventions SET household_case_id = NULL WHERE id = ANY ($1::uuid[])`, [
      some(10),
    ]);
    await db.query('DELETE FROM interventions WHERE id = ANY ($1::uuid[])', [some(25)]);
    await expectLinksRecomputed('changed');
    await expectViewEqualsDirect('changed');
  });

  it('links correctly when transactions insert for one household at the same time', async () => {
    const m = municipalities[1] as string;
    const h = (households.get(m) ?? [])[0] as string;
    // Each transaction waits a moment after its insert, so on PostgreSQL the others insert meanwhile and their
    // relinking must wait for it (on PGlite the transactions simply run one after the other).
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        db.orm.transaction(async (tx) => {
          await tx.execute(
            sql`INSERT INTO interventions (municipality_id, household_case_id, intervention_type, started_on)
                VALUES (${m}::uuid, ${h}::uuid, ${TYPES[i % 2]}, ${day(1000 - i * 30)}::date)`,
          );
          await tx.execute(sql`SELECT pg_sleep(0.05)`);
        }),
      ),
    );
    await expectLinksRecomputed('concurrent');
    const [chain] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM interventions WHERE household_case_id = $1 AND household_prev_on IS NULL`,
      [h],
    );
    expect(chain?.n).toBe(1);
  });
});
