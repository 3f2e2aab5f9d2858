import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import type { MonitorResponse, MonitorRow } from '../../../shared/schemas/reporting.ts';
import type { Vangnet } from '../../server.ts';
import { type FixtureMelding, insertFixture } from '../ddas/test-fixtures.ts';

const API = '/api/v1';
const Q = 'van=2025-01-01&tot=2025-12-31';

/** The text of an uncompressed pdfkit PDF: every TJ/Tj string, decoded from WinAnsi. */
function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of src.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ/g)) {
    const parts = [...(m[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) =>
      iconv.decode(Buffer.from(h[1] ?? '', 'hex'), 'win1252'),
    );
    out.push(parts.join(''));
  }
  return out.join('\n');
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return ((s[Math.floor(mid)] ?? 0) + (s[Math.ceil(mid)] ?? 0)) / 2;
}

const cell = (d: MonitorResponse, indicator: string, category: string | null = null) =>
  d.municipality.rows.find(
    (r: MonitorRow) => r.indicator === indicator && r.category === category,
  ) as MonitorRow;

describe('monitor dashboard (Divosa indicators)', () => {
  let v: Vangnet;
  let worker: TestClient;
  let policy: TestClient;
  let voorbeeldstad: { id: string; cbsCode: string; regionId: string };

  beforeAll(async () => {
    v = await startTestApp();
    const ms = await v.database.query<{ id: string; cbsCode: string; regionId: string }>(
      `SELECT id::text AS id, cbs_code AS "cbsCode", region_id::text AS "regionId" FROM municipalities ORDER BY cbs_code`,
    );
    voorbeeldstad = ms[0] as (typeof ms)[number];
    const meldingen: FixtureMelding[] = Array.from({ length: 12 }, (_, i) => ({
      lifecycle: (['afgesloten', 'in_behandeling', 'open'] as const)[i % 3] ?? 'open',
      continuous: false,
      takenUpAfter: 2 + i,
      eindresultaat:
        i % 2 === 0 ? 'Vervolghulp en/of verwijzing financieel' : 'Definitief geen contact kunnen krijgen',
      attempts:
        i % 2 === 0 ? [{ soort: 'Telefoon', dagdeel: 'Ochtend', bereikt: i % 4 === 0, after: 1 + i }] : [],
      signals: [
        {
          partnerType: i % 2 === 0 ? 'Huur' : 'Energie',
          identity: 'bsn',
          huisletter: null,
          toevoeging: null,
          withBirthDate: false,
          amountCents: 10_000,
          arrearsDays: null,
          dayOffset: 25 * i,
          status: 'Nog niet opgepakt',
          crisis: i % 5 === 0,
          warmHandover: false,
        },
      ],
    }));
    await insertFixture(
      v.database,
      { meldingen, loose: [] },
      {
        into: { regionId: voorbeeldstad.regionId, municipalities: [voorbeeldstad] },
      },
    );
    await v.database.query(`UPDATE municipalities SET inhabitants = 1000 WHERE id = $1`, [voorbeeldstad.id]);
    worker = new TestClient(v.app);
    expect((await worker.login('vroegsignalering@voorbeeldstad.demo')).statusCode).toBe(200);
    policy = new TestClient(v.app);
    expect((await policy.login('beleid@voorbeeldstad.demo')).statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => v?.close());

  it('computes every indicator from one definition, for this and the previous period', async () => {
    const res = await worker.request('GET', `${API}/monitor?${Q}`);
    expect(res.statusCode, res.body).toBe(200);
    const d: MonitorResponse = res.json();
    expect(d.period).toEqual({ van: '2025-01-01', tot: '2025-12-31' });
    expect(d.previousPeriod).toEqual({ van: '2024-01-01', tot: '2024-12-31' });
    expect(d.suppressed).toBe(false);
    // Expected values from the rows themselves, computed here in JavaScript.
    const facts = await v.database.query<{
      first: string;
      taken: string | null;
      eind: string | null;
      reached: boolean;
      crisis: boolean;
    }>(
      `SELECT (SELECT min(s.signal_date)::text FROM signals s WHERE s.melding_id = m.id) AS first, m.taken_up_on::text AS taken,
              m.eindresultaat AS eind, m.is_crisis AS crisis,
              EXISTS (SELECT 1 FROM contact_attempts c WHERE c.melding_id = m.id AND c.bereikt) AS reached
         FROM meldingen m WHERE m.municipality_id = $1 AND m.period_start BETWEEN '2025-01-01' AND '2025-12-31'`,
      [voorbeeldstad.id],
    );
    expect(facts).toHaveLength(12);
    const days = facts
      .filter((f) => f.taken)
      .map((f) => (Date.parse(f.taken as string) - Date.parse(f.first)) / 86_400_000);
    expect(cell(d, 'dagen_tot_oppakken_mediaan').current.value).toBeCloseTo(median(days), 6);
    expect(cell(d, 'aandeel_bereikt').current.value).toBeCloseTo(
      facts.filter((f) => f.reached).length / 12,
      6,
    );
    const accepted = facts.filter((f) => f.eind === 'Vervolghulp en/of verwijzing financieel').length;
    expect(cell(d, 'aandeel_hulp_aanvaard').current.value).toBeCloseTo(accepted / 12, 6);
    expect(cell(d, 'aandeel_signalen_melding').current.value).toBe(1);
    expect(cell(d, 'signalen_per_partnertype', 'Huur').current.value).toBe(6);
    expect(cell(d, 'signalen_per_partnertype', 'Energie').current.value).toBe(6);
    expect(cell(d, 'signalen_per_partnertype', 'DUO').current.value).toBe(0);
    expect(cell(d, 'contactpogingen_per_soort', 'Telefoon').current.value).toBe(6);
    expect(cell(d, 'eindresultaten', 'Vervolghulp en/of verwijzing financieel').current.value).toBe(2);
    expect(cell(d, 'crisissignalen').current.value).toBe(facts.filter((f) => f.crisis).length);
    // 12 signals, 1,000 inhabitants, 12 months: 1 per 1,000 per month.
    expect(cell(d, 'signalen_per_1000').current.value).toBeCloseTo(
      ((12 / 1000) * 1000) / (365 / (365.25 / 12)),
      6,
    );
    expect(cell(d, 'signalen_per_1000').current.display).toBe('1,00');
    expect(cell(d, 'aandeel_signalen_melding').current.display).toBe('100,0%');
    expect(cell(d, 'aandeel_signalen_melding').previous).toEqual({
      value: null,
      suppressed: false,
      display: '–',
    });
    // Every documented indicator is there, in order.
    const ids = [...new Set(d.municipality.rows.map((r) => r.indicator))];
    expect(ids).toHaveLength(18);
  });

  it('suppresses every cell under 5 residents for the policy adviser, in the API, the CSV and the PDF', async () => {
    const res = await policy.request('GET', `${API}/monitor?${Q}`);
    expect(res.statusCode).toBe(200);
    const d: MonitorResponse = res.json();
    expect(d.suppressed).toBe(true);
    // 2 of 12 closed with help accepted: a small count, so hidden; 6 Huur signals: shown.
    const small = cell(d, 'eindresultaten', 'Vervolghulp en/of verwijzing financieel');
    expect(small.current).toEqual({ value: null, suppressed: true, display: '<5' });
    expect(cell(d, 'signalen_per_partnertype', 'Huur').current).toMatchObject({ value: 6, display: '6' });
    expect(cell(d, 'signalen_per_partnertype', 'DUO').current.suppressed).toBe(true);
    for (const r of d.municipality.rows) {
      if (r.current.suppressed) expect(r.current.value).toBeNull();
    }
    const csv = await policy.request('GET', `${API}/monitor/export.csv?${Q}`);
    expect(csv.statusCode).toBe(200);
    const line = csv.body
      .split('\n')
      .find((l) => l.includes('eindresultaten;') && l.includes('Vervolghulp en/of verwijzing financieel'));
    expect(line?.split(';').slice(-2)).toEqual(['<5', '<5']);
    const pdf = await policy.request('GET', `${API}/monitor/rapport.pdf?${Q}`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdfText(pdf.rawPayload)).toContain('Cellen met minder dan 5 inwoners zijn verborgen (<5).');
  });

  it('shows the same cells in the dashboard, the CSV and the PDF (nl and en)', async () => {
    for (const [client, taal] of [
      [policy, 'nl'],
      [worker, 'en'],
    ] as const) {
      const d: MonitorResponse = (await client.request('GET', `${API}/monitor?${Q}&taal=${taal}`)).json();
      const csv = (await client.request('GET', `${API}/monitor/export.csv?${Q}&taal=${taal}`)).body;
      const text = pdfText(
        (await client.request('GET', `${API}/monitor/rapport.pdf?${Q}&taal=${taal}`)).rawPayload,
      );
      const csvRows = new Map(
        csv
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => {
            const f = l.split(';');
            return [`${f[2]}|${f[4]}`, [f[5], f[6]]] as const;
          }),
      );
      expect(csvRows.size).toBe(d.municipality.rows.length);
      for (const r of d.municipality.rows) {
        expect(csvRows.get(`${r.indicator}|${r.category ?? ''}`), r.indicator).toEqual([
          r.current.display,
          r.previous.display,
        ]);
        expect(text).toContain(r.current.display);
      }
      // The PDF prints the rows in order: each display value follows the previous one.
      let at = 0;
      for (const r of d.municipality.rows.filter((x) => x.category === null)) {
        const found = text.indexOf(r.current.display, at);
        expect(found, r.indicator).toBeGreaterThanOrEqual(0);
        at = found;
      }
    }
  });

  it('filters on a wijk, shows the region side by side, and refuses bad input', async () => {
    const [wijk] = await v.database.query<{ id: string }>(
      `SELECT id::text AS id FROM wijken WHERE municipality_id = $1 LIMIT 1`,
      [voorbeeldstad.id],
    );
    const byWijk: MonitorResponse = (
      await worker.request('GET', `${API}/monitor?${Q}&wijkId=${wijk?.id}`)
    ).json();
    expect(byWijk.wijk?.id).toBe(wijk?.id);
    expect(cell(byWijk, 'signalen_per_partnertype', 'Huur').current.value).toBe(0);
    // The policy adviser also works for Dorpsveld: both municipalities side by side.
    await v.database.query(
      `INSERT INTO memberships (user_id, municipality_id, role)
       SELECT u.id, m.id, 'beleidsmedewerker' FROM users u, municipalities m WHERE u.email = 'beleid@voorbeeldstad.demo' AND m.name = 'Dorpsveld'`,
    );
    const region: MonitorResponse = (await policy.request('GET', `${API}/monitor?${Q}&regio=true`)).json();
    expect(region.region?.map((m) => m.name)).toEqual(['Voorbeeldstad', 'Dorpsveld']);
    const alone: MonitorResponse = (await worker.request('GET', `${API}/monitor?${Q}&regio=true`)).json();
    expect(alone.region?.map((m) => m.name)).toEqual(['Voorbeeldstad']);

    const cases: [string, number, string][] = [
      ['van=2025-03-01&tot=2025-02-01', 400, 'period_end_before_start'],
      ['van=2019-01-01&tot=2025-01-01', 400, 'period_too_long'],
      ['van=2025-02-30&tot=2025-03-01', 400, 'invalid_date'],
    ];
    for (const [query, status, code] of cases) {
      const res = await worker.request('GET', `${API}/monitor?${query}`);
      expect(res.statusCode, query).toBe(status);
      expect(res.json().invalidParams[0].code).toBe(code);
    }
    const [other] = await v.database.query<{ id: string }>(
      `SELECT w.id::text AS id FROM wijken w JOIN municipalities m ON m.id = w.municipality_id WHERE m.name = 'Dorpsveld' LIMIT 1`,
    );
    expect((await worker.request('GET', `${API}/monitor?${Q}&wijkId=${other?.id}`)).statusCode).toBe(404);
    const auditor = new TestClient(v.app);
    await auditor.login('auditor@voorbeeldstad.demo');
    expect((await auditor.request('GET', `${API}/monitor?${Q}`)).statusCode).toBe(403);
  });
});
