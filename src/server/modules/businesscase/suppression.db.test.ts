// Small-number suppression in the business case, through the API: a policy adviser (no persons:read) sees no figure
// of a type on fewer than five households, nor the next-smallest type the total would give it back from, nor a risk
// recorded fewer than five times; asking for one type does not undo that; the CSV and the PDF print "<5" and never
// the figure; someone who may read personal data sees every figure; the "wat werkt" results follow the same rule,
// and the export file for other municipalities always does.

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import type { BusinessCaseRow, BusinessCaseView, WhatWorks } from '../../../shared/schemas/businesscase.ts';
import type { Vangnet } from '../../server.ts';
import { PdfFile } from '../vroegsignalering/outreach/pdf-inspect.ts';

const API = '/api/v1';
const PERIOD = 'from=2020-01-01&to=2020-12-31';
// A type on 3 households (hidden), one on 6 (hidden with it: the total is shown), one on 8 (shown).
const SMALL = 'overig';
const NEXT = 'thuisadministratie';
const LARGE = 'schuldregeling';

const money = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const eur = (cents: number | null) => money.format((cents ?? 0) / 100);

describe('business case: small numbers', () => {
  let v: Vangnet;
  let policy: TestClient;
  let regisseur: TestClient;
  /** A policy adviser who is also a schuldhulpverlener: may read personal data, so sees every figure. */
  let reader: TestClient;

  async function loggedIn(email: string) {
    const c = new TestClient(v.app);
    expect((await c.login(email)).statusCode, email).toBe(200);
    return c;
  }

  async function view(client: TestClient, query = PERIOD): Promise<BusinessCaseView> {
    const res = await client.request('GET', `${API}/businesscase?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  const row = (view: BusinessCaseView, type: string) =>
    view.rows.find((r) => r.interventionType === type) as BusinessCaseRow;

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 60 });
    await v.database.query(
      `INSERT INTO memberships (user_id, municipality_id, role)
       SELECT u.id, m.id, 'beleidsmedewerker' FROM users u, municipalities m
        WHERE u.email = 'schuldhulp@voorbeeldstad.demo' AND m.name = 'Voorbeeldstad'`,
    );
    policy = await loggedIn('beleid@voorbeeldstad.demo');
    regisseur = await loggedIn('regisseur@voorbeeldstad.demo');
    reader = await loggedIn('schuldhulp@voorbeeldstad.demo');

    // 2020 lies before the demo's year of interventions: these are the only figures of the period.
    const prices = await policy.request('POST', `${API}/prijslijsten`, {
      validFrom: '2020-01-01',
      indexPercent: 0,
      items: [
        ['huisuitzetting', 1_234_500, 'per_gebeurtenis', 'hoog'],
        ['bewindvoering_maand', 13_700, 'per_maand', 'midden'],
        ['afsluiting_energie', 176_300, 'per_gebeurtenis', 'midden'],
      ].map(([code, amountCents, unit, confidence]) => ({
        code,
        label: String(code),
        amountCents,
        unit,
        priceYear: 2020,
        source: 'Testbron, p. 3',
        confidence,
      })),
    });
    expect(prices.statusCode, prices.body).toBe(201);
    const [m] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE name = 'Voorbeeldstad'",
    );
    const cases = await v.database.query<{ id: string }>(
      `INSERT INTO household_cases (municipality_id, status, label)
       SELECT $1::uuid, 'gesloten', 'Kleine aantallen ' || g FROM generate_series(1, 8) g RETURNING id`,
      [m?.id],
    );
    const record = async (
      type: string,
      count: number,
      costCents: number,
      hours: number,
      risks: string[][],
    ) => {
      for (let i = 0; i < count; i++) {
        const res = await regisseur.request('POST', `${API}/interventies`, {
          householdCaseId: cases[i]?.id,
          interventionType: type,
          startedOn: `2020-03-${String(10 + i).padStart(2, '0')}`,
          costCents,
          hours,
        });
        expect(res.statusCode, res.body).toBe(201);
        for (const riskCode of risks[i] ?? []) {
          const o = await regisseur.request('POST', `${API}/interventies/${res.json().id}/uitkomsten`, {
            riskCode,
            confidence: 'midden',
            judgement: 'Vastgelegd voor de test van kleine aantallen.',
            recordedOn: '2020-06-01',
          });
          expect(o.statusCode, o.body).toBe(201);
        }
      }
    };
    await record(SMALL, 3, 12_345, 1.5, [['huisuitzetting']]);
    await record(NEXT, 6, 23_456, 2, []);
    // In the large type: bewind 7 times, huisuitzetting 6 times, energie twice.
    await record(
      LARGE,
      8,
      1_111,
      0.5,
      Array.from({ length: 8 }, (_, i) => [
        ...(i < 7 ? ['bewindvoering_maand'] : []),
        ...(i < 6 ? ['huisuitzetting'] : []),
        ...(i < 2 ? ['afsluiting_energie'] : []),
      ]),
    );
  });
  afterAll(async () => v?.close());

  it('someone who may read personal data sees every figure', async () => {
    const all = await view(reader);
    expect(all.suppressed).toBe(false);
    expect(row(all, SMALL)).toMatchObject({ households: 3, interventions: 3, moneyCents: 3 * 12_345 });
    expect(row(all, NEXT)).toMatchObject({ households: 6, moneyCents: 6 * 23_456, suppressed: false });
    expect(
      row(all, LARGE)
        .risks.map((k) => [k.riskCode, k.outcomes, k.suppressed])
        .sort(),
    ).toEqual([
      ['afsluiting_energie', 2, false],
      ['bewindvoering_maand', 7, false],
      ['huisuitzetting', 6, false],
    ]);
    expect(all.total).toMatchObject({ households: 8, interventions: 17, suppressed: false });
    expect(all.total.risks).toHaveLength(3);
    expect(row(await view(reader, `${PERIOD}&interventionType=${SMALL}`), SMALL).households).toBe(3);
  });

  it('a policy adviser sees <5 for a type on 3 households and for the next-smallest type', async () => {
    const shown = await view(policy);
    const all = await view(reader);
    expect(shown.suppressed).toBe(true);
    expect(row(shown, SMALL)).toEqual({
      interventionType: SMALL,
      interventions: null,
      households: null,
      moneyCents: null,
      hours: null,
      hourCostsCents: null,
      costsCents: null,
      avoidedLowCents: null,
      avoidedHighCents: null,
      ratioLow: null,
      ratioHigh: null,
      suppressed: true,
      risks: [],
    });
    // The total is shown; without hiding the next-smallest type, total minus the others would give the small one.
    expect(row(shown, NEXT)).toMatchObject({
      households: null,
      costsCents: null,
      suppressed: true,
      risks: [],
    });
    const { risks: largeRisks, ...large } = row(shown, LARGE);
    const { risks: _r, ...largeAll } = row(all, LARGE);
    expect(large).toEqual(largeAll);
    // Within the shown type: energie (2 outcomes) is hidden, and huisuitzetting (6, the next-smallest) with it.
    const risk = (code: string) => largeRisks.find((k) => k.riskCode === code);
    expect(risk('afsluiting_energie')).toMatchObject({
      outcomes: null,
      avoidedLowCents: null,
      suppressed: true,
    });
    expect(risk('huisuitzetting')).toMatchObject({
      outcomes: null,
      avoidedHighCents: null,
      suppressed: true,
    });
    expect(risk('bewindvoering_maand')).toMatchObject({ outcomes: 7, suppressed: false });
    // The total's figures stay (8 households), without its breakdown per risk.
    const { risks: totalRisks, ...total } = shown.total;
    const { risks: _t, ...totalAll } = all.total;
    expect(total).toEqual(totalAll);
    expect(totalRisks).toEqual([]);
  });

  it('asking for one type hides what the view of all types hides', async () => {
    for (const type of [SMALL, NEXT]) {
      const one = await view(policy, `${PERIOD}&interventionType=${type}`);
      expect(one.rows.map((r) => [r.interventionType, r.suppressed, r.households])).toEqual([
        [type, true, null],
      ]);
      expect(one.total).toMatchObject({ households: null, costsCents: null, suppressed: true });
    }
    const large = await view(policy, `${PERIOD}&interventionType=${LARGE}`);
    expect(large.total).toMatchObject({ households: 8, suppressed: false });
  });

  it('the CSV and the PDF print <5 and never a suppressed figure', async () => {
    const all = await view(reader);
    const small = row(all, SMALL);
    const next = row(all, NEXT);
    const csvOf = async (client: TestClient) =>
      (await client.request('GET', `${API}/businesscase.csv?${PERIOD}`)).body;
    const hiddenCsv = [small, next].flatMap((r) => [
      ((r.moneyCents ?? 0) / 100).toFixed(2),
      ((r.costsCents ?? 0) / 100).toFixed(2),
      ((r.hourCostsCents ?? 0) / 100).toFixed(2),
    ]);
    const readerCsv = await csvOf(reader);
    for (const figure of hiddenCsv) expect(readerCsv, figure).toContain(figure);

    const csv = await csvOf(policy);
    const lines: string[][] = parse(csv, { relax_column_count: true });
    for (const type of [SMALL, NEXT]) {
      expect(lines.find((l) => l[0] === type)).toEqual([type, ...Array(10).fill('<5')]);
    }
    expect(lines.find((l) => l[0] === LARGE)?.[2]).toBe('8');
    for (const figure of hiddenCsv) expect(csv, figure).not.toContain(figure);
    expect(lines.find((l) => l[0] === 'kleine_aantallen')?.[1]).toMatch(
      /^<5: verborgen, want minder dan 5 huishoudens/,
    );
    expect((await csvOf(reader)).includes('kleine_aantallen')).toBe(false);

    const pdfOf = async (client: TestClient) =>
      new PdfFile((await client.request('GET', `${API}/businesscase.pdf?${PERIOD}`)).rawPayload)
        .textInReadingOrder()
        .join('\n');
    const hiddenPdf = [small, next].flatMap((r) => [
      `${eur(r.costsCents)} (${eur(r.moneyCents)} +`,
      `${eur(r.avoidedLowCents)} tot ${eur(r.avoidedHighCents)}`,
    ]);
    const largeRisk = row(all, LARGE).risks.find((k) => k.riskCode === 'afsluiting_energie');
    hiddenPdf.push(`afsluiting_energie: 2 × → ${eur(largeRisk?.avoidedLowCents ?? 0)}`);
    const readerPdf = await pdfOf(reader);
    for (const figure of hiddenPdf) expect(readerPdf, figure).toContain(figure);

    const pdf = await pdfOf(policy);
    for (const figure of hiddenPdf) expect(pdf, figure).not.toContain(figure);
    expect(pdf).toContain('Kleine aantallen zijn verborgen (<5)');
    expect(pdf).toContain('Huishoudens: <5');
    expect(pdf).toContain('afsluiting_energie: <5');
    expect(pdf).toContain(`Kosten (geld en uren): ${eur(row(all, LARGE).costsCents)}`);
  });

  it('"wat werkt": results on fewer than five households are hidden, and never leave in the export file', async () => {
    // The demo's last twelve months: the catalogue has entries for budgetmaatje (a couple of households) and for
    // energiecoaching and vroegsignalering_contact (many).
    const today = todayInNetherlands();
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const year = await view(reader, `from=${yearAgo}&to=${today}`);
    const households = (type: string) => row(year, type)?.households ?? 0;
    expect(households('budgetmaatje')).toBeGreaterThan(0);
    expect(households('budgetmaatje')).toBeLessThan(5);
    expect(households('energiecoaching')).toBeGreaterThanOrEqual(5);

    const entries = async (client: TestClient) => {
      const res = await client.request('GET', `${API}/wat-werkt`);
      expect(res.statusCode, res.body).toBe(200);
      const list: WhatWorks[] = res.json();
      return (type: string) => list.find((e) => e.interventionType === type && e.origin === 'eigen');
    };
    const forPolicy = await entries(policy);
    expect(forPolicy('budgetmaatje')).toMatchObject({ localResults: null, localResultsSuppressed: true });
    expect(forPolicy('energiecoaching')).toMatchObject({
      localResults: { households: households('energiecoaching') },
      localResultsSuppressed: false,
    });
    // The regisseur records interventions and may read personal data: sees the small result.
    const forRegisseur = await entries(regisseur);
    expect(forRegisseur('budgetmaatje')).toMatchObject({
      localResults: { households: households('budgetmaatje') },
      localResultsSuppressed: false,
    });

    // The file goes to other municipalities: suppressed whoever downloads it.
    const file = (await reader.request('GET', `${API}/wat-werkt/export`)).json();
    const results = (type: string) =>
      file.entries.find((e: { interventionType: string }) => e.interventionType === type)?.results;
    expect(results('budgetmaatje')).toBeNull();
    expect(results('energiecoaching')).toMatchObject({ households: households('energiecoaching') });
    for (const e of file.entries) {
      if (e.results !== null) expect(e.results.households).toBeGreaterThanOrEqual(5);
    }
  });
});
