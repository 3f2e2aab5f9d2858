import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import type { MonitorResponse } from '../../../shared/schemas/reporting.ts';
import type { Orm } from '../../db/client.ts';
import type { Vangnet } from '../../server.ts';
import { directFigures, type Scope } from './repository.ts';
import { percentileFromHistogram, refreshDirtyMonths, rollupFigures, splitPeriod } from './rollup.ts';
import { computeIndicators } from './service.ts';

const TODAY = todayInNetherlands();

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('monitor rollups', () => {
  let v: Vangnet;
  let orm: Orm;
  let municipalities: { id: string; name: string }[];
  let wijken: { id: string; municipalityId: string }[];

  /** Every scope worth checking: whole months, parts of months, one month, the previous year, each wijk. */
  function scopes(municipalityId: string): Scope[] {
    const monthStart = `${TODAY.slice(0, 8)}01`;
    const yearAgo = `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4, 8)}01`;
    const periods = [
      { van: yearAgo, tot: TODAY },
      { van: shift(yearAgo, 13), tot: shift(TODAY, -9) },
      { van: shift(monthStart, -40), tot: shift(monthStart, -1) },
      { van: shift(monthStart, -20), tot: shift(monthStart, -3) },
      { van: `${Number(TODAY.slice(0, 4)) - 2}-01-01`, tot: `${Number(TODAY.slice(0, 4)) - 1}-12-31` },
    ];
    const out: Scope[] = [];
    for (const p of periods) {
      out.push({ municipalityId, wijkId: null, today: TODAY, ...p });
      for (const w of wijken.filter((x) => x.municipalityId === municipalityId))
        out.push({ municipalityId, wijkId: w.id, today: TODAY, ...p });
    }
    return out;
  }

  async function expectRollupEqualsDirect(label: string) {
    await orm.transaction(async (tx) => {
      await refreshDirtyMonths(tx);
      for (const m of municipalities) {
        for (const scope of scopes(m.id)) {
          const what = `${label}: ${m.name} ${scope.van}..${scope.tot} wijk ${scope.wijkId ?? '-'}`;
          expect(await rollupFigures(tx, scope), what).toEqual(await directFigures(tx, scope));
          expect(await computeIndicators(tx, scope, 'rollup'), what).toEqual(
            await computeIndicators(tx, scope, 'direct'),
          );
        }
      }
    });
  }

  beforeAll(async () => {
    v = await startTestApp({ demoSignals: true, demoInhabitants: 500 });
    orm = v.database.orm;
    municipalities = await v.database.query(
      'SELECT id::text AS id, name FROM municipalities ORDER BY cbs_code',
    );
    wijken = await v.database.query(
      'SELECT id::text AS id, municipality_id::text AS "municipalityId" FROM wijken ORDER BY code',
    );
  }, 300_000);
  afterAll(async () => v?.close());

  it('gives exactly the figures of the direct SQL on the demo data', async () => {
    const [counts] = await v.database.query<{ s: number; m: number; c: number; t: number; w: number }>(
      `SELECT (SELECT count(*)::int FROM signals) s, (SELECT count(*)::int FROM meldingen) m,
              (SELECT count(*)::int FROM contact_attempts) c,
              (SELECT count(*)::int FROM meldingen WHERE taken_up_on IS NOT NULL) t,
              (SELECT count(*)::int FROM meldingen WHERE wijk_id IS NOT NULL) w`,
    );
    // The demo has something to count in every part of the definitions.
    expect(counts?.s).toBeGreaterThan(40);
    expect(counts?.c).toBeGreaterThan(10);
    expect(counts?.t).toBeGreaterThan(10);
    expect(counts?.w).toBeGreaterThan(10);
    const [dirty] = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM monitor_rollup_dirty',
    );
    expect(dirty?.n).toBeGreaterThan(0);
    await expectRollupEqualsDirect('demo');
    const [after] = await v.database.query<{ d: number; r: number }>(
      'SELECT (SELECT count(*)::int FROM monitor_rollup_dirty) d, (SELECT count(*)::int FROM monitor_rollups) r',
    );
    expect(after).toEqual({ d: 0, r: expect.any(Number) });
    expect(after?.r).toBeGreaterThan(0);
    // And the figures are not empty: medians from the histograms exist.
    await orm.transaction(async (tx) => {
      const f = await rollupFigures(tx, scopes(municipalities[0]?.id ?? '')[0] as Scope);
      expect(f.signals).toBeGreaterThan(0);
      expect(f.melding.pickupMedian).not.toBeNull();
    });
  }, 120_000);

  it('marks changed months dirty and stays equal after every kind of change', async () => {
    const q = (text: string, params: unknown[] = []) => v.database.query(text, params);
    const dirtyCount = async () =>
      ((await q('SELECT count(*)::int AS n FROM monitor_rollup_dirty')) as { n: number }[])[0]?.n ?? 0;
    const [m] = (await q(
      `SELECT id::text AS id, municipality_id::text AS mid FROM meldingen
        WHERE status <> 'afgesloten' ORDER BY period_start LIMIT 1`,
    )) as { id: string; mid: string }[];
    expect(m).toBeDefined();
    const [w] = (await q(
      `SELECT id::text AS id FROM wijken WHERE municipality_id = $1 AND id IS DISTINCT FROM
         (SELECT wijk_id FROM meldingen WHERE id = $2) LIMIT 1`,
      [m?.mid, m?.id],
    )) as { id: string }[];
    const changes: [string, string, unknown[]][] = [
      [
        'a contact attempt',
        `INSERT INTO contact_attempts (municipality_id, melding_id, soort, datum, bereikt)
         SELECT municipality_id, id, 'Huisbezoek', period_start + 1, true FROM meldingen WHERE id = $1`,
        [m?.id],
      ],
      [
        'closing a melding',
        `UPDATE meldingen SET status = 'afgesloten', eindresultaat = 'Vervolghulp en/of verwijzing', closed_at = now(),
                taken_up_on = coalesce(taken_up_on, period_start + 3) WHERE id = $1`,
        [m?.id],
      ],
      ['another wijk', 'UPDATE meldingen SET wijk_id = $2 WHERE id = $1', [m?.id, w?.id]],
      [
        'a new version of a signal',
        `INSERT INTO signals (municipality_id, partner_id, source, content_hash, created_by_type, created_by,
            achternaam, amount_cents, signal_date, previous_version_id, version, end_of_supply, melding_id)
         SELECT municipality_id, partner_id, source, content_hash || '-v2', created_by_type, created_by, achternaam,
                amount_cents, signal_date - 20, id, version + 1, true, melding_id
           FROM signals s WHERE melding_id = $1
            AND NOT EXISTS (SELECT 1 FROM signals n WHERE n.previous_version_id = s.id) LIMIT 1`,
        [m?.id],
      ],
      [
        'a partner type',
        `UPDATE signal_partners SET partner_type = 'Water'
          WHERE id = (SELECT partner_id FROM signals WHERE melding_id = $1 AND partner_id IS NOT NULL LIMIT 1)`,
        [m?.id],
      ],
      [
        'a signal moved to another day',
        `UPDATE signals SET signal_date = signal_date - 35
          WHERE id = (SELECT id FROM signals WHERE melding_id IS NULL ORDER BY signal_date DESC LIMIT 1)`,
        [],
      ],
      [
        'an address in another wijk',
        `UPDATE addresses a SET wijk_id = (SELECT w.id FROM wijken w WHERE w.municipality_id = a.municipality_id
                                             AND w.id IS DISTINCT FROM a.wijk_id LIMIT 1)
          WHERE a.id = (SELECT p.address_id FROM signals s JOIN persons p ON p.id = s.person_id
                         WHERE s.municipality_id = $1 ORDER BY s.melding_id NULLS FIRST LIMIT 1)`,
        [m?.mid],
      ],
      [
        'a deleted signal',
        `DELETE FROM signals WHERE id = (SELECT s.id FROM signals s WHERE s.melding_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM signals n WHERE n.previous_version_id = s.id)
            AND NOT EXISTS (SELECT 1 FROM signals r WHERE r.related_signal_id = s.id) LIMIT 1)`,
        [],
      ],
    ];
    for (const [label, text, params] of changes) {
      await q(text, params);
      expect(await dirtyCount(), label).toBeGreaterThan(0);
      await expectRollupEqualsDirect(label);
    }
  }, 240_000);

  it('keeps the part months of a period, and drops them when their month changes', async () => {
    const q = <R>(text: string, params: unknown[] = []) => v.database.query<R>(text, params);
    const [m] = await q<{ id: string; mid: string; day: string }>(
      `SELECT id::text AS id, municipality_id::text AS mid, period_start::text AS day FROM meldingen
        WHERE status <> 'afgesloten' ORDER BY period_start DESC LIMIT 1`,
    );
    expect(m).toBeDefined();
    const day = m?.day ?? '';
    // Ten days from the melding's first day: only part of a month, so nothing of it is in the monthly rollups.
    const scope: Scope = {
      municipalityId: m?.mid ?? '',
      wijkId: null,
      today: TODAY,
      van: day,
      tot: shift(day, 9),
    };
    expect(splitPeriod(scope.van, scope.tot).full).toBeNull();
    const kept = () =>
      q<{ n: number }>(
        `SELECT count(*)::int AS n FROM monitor_partial_ranges WHERE municipality_id = $1 AND from_date = $2 AND to_date = $3`,
        [scope.municipalityId, scope.van, scope.tot],
      ).then((r) => r[0]?.n ?? 0);
    const read = () =>
      orm.transaction(async (tx) => {
        await refreshDirtyMonths(tx);
        return { rollup: await rollupFigures(tx, scope), direct: await directFigures(tx, scope) };
      });
    const first = await read();
    expect(first.rollup).toEqual(first.direct);
    expect(await kept()).toBe(1);
    // Read again: the kept range answers (still one), with the same figures.
    expect((await read()).rollup).toEqual(first.direct);
    expect(await kept()).toBe(1);

    await q(
      `INSERT INTO contact_attempts (municipality_id, melding_id, soort, datum, bereikt)
       SELECT municipality_id, id, 'Telefoon', period_start, true FROM meldingen WHERE id = $1`,
      [m?.id],
    );
    const after = await read();
    expect(after.rollup).toEqual(after.direct);
    const calls = (f: typeof first.rollup) => f.contactByKind.find((c) => c.category === 'Telefoon')?.n ?? 0;
    expect(calls(after.rollup)).toBe(calls(first.rollup) + 1);
    expect(await kept()).toBe(1);
  });

  it('never shows a stale month: the dashboard refreshes what changed before it reads', async () => {
    const worker = new TestClient(v.app);
    expect((await worker.login('vroegsignalering@voorbeeldstad.demo')).statusCode).toBe(200);
    const yearAgo = `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4, 8)}01`;
    const url = `/api/v1/monitor?van=${yearAgo}&tot=${TODAY}`;
    const crisis = async () =>
      ((await worker.request('GET', url)).json() as MonitorResponse).municipality.rows.find(
        (r) => r.indicator === 'crisissignalen',
      )?.current.value;
    const before = await crisis();
    await v.database.query(
      `UPDATE signals SET eviction_announced = true
        WHERE id = (SELECT s.id FROM signals s JOIN municipalities m ON m.id = s.municipality_id
                     WHERE m.name = 'Voorbeeldstad' AND NOT s.is_crisis AND s.signal_date >= $1
                       AND NOT EXISTS (SELECT 1 FROM signals n WHERE n.previous_version_id = s.id) LIMIT 1)`,
      [yearAgo],
    );
    expect(await crisis()).toBe((before ?? 0) + 1);
  });

  it('splits a period into whole months and edges', () => {
    expect(splitPeriod('2025-01-01', '2025-12-31')).toEqual({
      full: ['2025-01-01', '2025-12-01'],
      partial: [],
    });
    expect(splitPeriod('2025-01-15', '2025-03-10')).toEqual({
      full: ['2025-02-01', '2025-02-01'],
      partial: [
        ['2025-01-15', '2025-01-31'],
        ['2025-03-01', '2025-03-10'],
      ],
    });
    expect(splitPeriod('2024-02-10', '2024-02-29')).toEqual({
      full: null,
      partial: [['2024-02-10', '2024-02-29']],
    });
    expect(splitPeriod('2025-01-20', '2025-02-10')).toEqual({
      full: null,
      partial: [['2025-01-20', '2025-02-10']],
    });
  });

  it('computes percentiles from a histogram exactly as percentile_cont does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -5, max: 120 }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(0.5, 0.9, 0.25),
        async (values, p) => {
          const [row] = await v.database.query<{ v: number }>(
            'SELECT percentile_cont($2::float8) WITHIN GROUP (ORDER BY x) AS v FROM unnest($1::int[]) x',
            [values, p],
          );
          const histogram = [...new Set(values)].map((days) => ({
            days,
            n: values.filter((x) => x === days).length,
          }));
          expect(percentileFromHistogram(histogram, p)).toBe(Number(row?.v));
        },
      ),
      { numRuns: 60 },
    );
    expect(percentileFromHistogram([], 0.5)).toBeNull();
  });
});
