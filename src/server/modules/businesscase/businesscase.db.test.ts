// The business case through the API: price list versions (an item without source refused, CSV import), outcomes
// on interventions, the view with a range and ratio, a scenario copy changing only the scenario's view, CSV and
// tagged PDF, and the "wat werkt" file travelling from one municipality to another. The figures of one household are
// read by someone who may read personal data; a policy adviser sees them as "<5" (suppression.db.test.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import type { Vangnet } from '../../server.ts';

const API = '/api/v1';
const today = todayInNetherlands();
const yearStart = `${today.slice(0, 4)}-01-01`;

describe('business case', () => {
  let v: Vangnet;
  let beleid: TestClient;
  let regisseur: TestClient;
  /** A policy adviser who is also a schuldhulpverlener: sees small numbers. */
  let reader: TestClient;
  let caseId: string;

  async function loggedIn(email: string) {
    const c = new TestClient(v.app);
    expect((await c.login(email)).statusCode, email).toBe(200);
    return c;
  }

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 80 });
    beleid = await loggedIn('beleid@voorbeeldstad.demo');
    regisseur = await loggedIn('regisseur@voorbeeldstad.demo');
    await v.database.query(
      `INSERT INTO memberships (user_id, municipality_id, role)
       SELECT u.id, m.id, 'beleidsmedewerker' FROM users u, municipalities m
        WHERE u.email = 'schuldhulp@voorbeeldstad.demo' AND m.name = 'Voorbeeldstad'`,
    );
    reader = await loggedIn('schuldhulp@voorbeeldstad.demo');
    const [hh] = await v.database.query<{ household_id: string }>(
      `SELECT p.household_id FROM persons p JOIN municipalities m ON m.id = p.municipality_id
        WHERE m.name = 'Voorbeeldstad' AND p.household_role = 'hoofd' ORDER BY p.bsn LIMIT 1`,
    );
    const plan = await regisseur.request('POST', `${API}/huishoudplannen`, { householdId: hh?.household_id });
    caseId = plan.json().id;
  });
  afterAll(async () => v?.close());

  it('refuses a price-list item without source, and versions the list', async () => {
    const item = {
      code: 'huisuitzetting',
      label: 'Huisuitzetting',
      amountCents: 1_000_000,
      unit: 'per_gebeurtenis',
      priceYear: Number(today.slice(0, 4)),
      confidence: 'hoog',
    };
    const refused = await beleid.request('POST', `${API}/prijslijsten`, {
      validFrom: yearStart,
      indexPercent: 0,
      items: [item],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.items.0.source', code: 'bron_ontbreekt' }),
    ]);
    const first = await beleid.request('POST', `${API}/prijslijsten`, {
      validFrom: yearStart,
      indexPercent: 0,
      items: [{ ...item, source: 'Testbron, p. 1' }],
    });
    expect(first.statusCode, first.body).toBe(201);
    const imported = await beleid.request('POST', `${API}/prijslijsten/import`, {
      validFrom: yearStart,
      indexPercent: 2,
      csv:
        'code;omschrijving;bedrag;eenheid;prijsjaar;bron;betrouwbaarheid\n' +
        `huisuitzetting;Huisuitzetting;10.000,00;per_gebeurtenis;${today.slice(0, 4)};Testbron, p. 1;hoog\n` +
        `afsluiting_energie;Afsluiting energie;1.000,00;per_gebeurtenis;${today.slice(0, 4)};Testbron, p. 2;midden\n`,
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json().version).toBe(first.json().version + 1);
    expect(imported.json().skippedLines).toEqual([]);

    // A file with bad lines: refused whole by default; with keepValidLines the good lines become the version and
    // every line left out is named. The version keeps the same prices, so the view below is unchanged.
    const year = today.slice(0, 4);
    const mixed =
      'code;omschrijving;bedrag;eenheid;prijsjaar;bron;betrouwbaarheid\n' +
      `huisuitzetting;Huisuitzetting;10.000,00;per_gebeurtenis;${year};Testbron, p. 1;hoog\n` +
      `kapot;Kapotte regel;veel;per_gebeurtenis;${year};Testbron, p. 3;hoog\n` +
      `afsluiting_energie;Afsluiting energie;1.000,00;per_gebeurtenis;${year};Testbron, p. 2;midden\n` +
      `zonder_bron;Zonder bron;5,00;per_gebeurtenis;${year};;laag\n`;
    const whole = await beleid.request('POST', `${API}/prijslijsten/import`, {
      validFrom: yearStart,
      indexPercent: 2,
      csv: mixed,
    });
    expect(whole.statusCode).toBe(400);
    expect(whole.json().invalidParams.map((p: { name: string }) => p.name)).toEqual([
      'body.csv.line3.bedrag',
      'body.csv.line5.source',
    ]);
    const kept = await beleid.request('POST', `${API}/prijslijsten/import`, {
      validFrom: yearStart,
      indexPercent: 2,
      csv: mixed,
      keepValidLines: true,
    });
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json().version).toBe(imported.json().version + 1);
    expect(
      kept
        .json()
        .items.map((i: { code: string }) => i.code)
        .sort(),
    ).toEqual(['afsluiting_energie', 'huisuitzetting']);
    expect(kept.json().skippedLines).toEqual(whole.json().invalidParams);
    const [audit] = await v.database.query<{ details: { items: number; skippedLines: number } }>(
      "SELECT details FROM audit_events WHERE action = 'price_list.create' AND $1 = ANY(subject_ids)",
      [kept.json().id],
    );
    expect(audit?.details).toMatchObject({ items: 2, skippedLines: 2 });
    // A file whose every line is bad, or whose header is wrong, is refused even with keepValidLines.
    for (const csv of [
      `code;omschrijving;bedrag;eenheid;prijsjaar;bron;betrouwbaarheid\nkapot;K;veel;per_gebeurtenis;${year};B;hoog\n`,
      `code;omschrijving;bedrag\nhuisuitzetting;Huisuitzetting;10,00\n`,
    ]) {
      const refusedFile = await beleid.request('POST', `${API}/prijslijsten/import`, {
        validFrom: yearStart,
        indexPercent: 2,
        csv,
        keepValidLines: true,
      });
      expect(refusedFile.statusCode).toBe(400);
    }
    const list = await beleid.request('GET', `${API}/prijslijsten`);
    expect(
      list
        .json()
        .map((x: { version: number }) => x.version)
        .slice(0, 2),
    ).toEqual([kept.json().version, imported.json().version]);
  });

  it('computes costs, a range of avoided costs and the ratio; a scenario changes only its own view', async () => {
    await beleid.request('PUT', `${API}/businesscase/aannames`, {
      hourlyRateCents: 10_000,
      probability: { laag: [0.1, 0.3], midden: [0.3, 0.6], hoog: [0.6, 0.9] },
      priceSpread: { laag: 0.3, midden: 0.15, hoog: 0.05 },
    });
    const i = await regisseur.request('POST', `${API}/interventies`, {
      householdCaseId: caseId,
      interventionType: 'schuldhulptraject',
      startedOn: today,
      costCents: 5_000,
      hours: 2,
    });
    expect(i.statusCode, i.body).toBe(201);
    const o = await regisseur.request('POST', `${API}/interventies/${i.json().id}/uitkomsten`, {
      riskCode: 'huisuitzetting',
      confidence: 'midden',
      judgement: 'Huurachterstand was opgelopen tot drie maanden',
      recordedOn: today,
    });
    expect(o.statusCode, o.body).toBe(201);
    const unknown = await regisseur.request('POST', `${API}/interventies/${i.json().id}/uitkomsten`, {
      riskCode: 'iets_anders',
      confidence: 'midden',
      judgement: 'x',
      recordedOn: today,
    });
    expect(unknown.json().invalidParams[0].code).toBe('unknown_risk');

    const view = await reader.request(
      'GET',
      `${API}/businesscase?from=${yearStart}&to=${today}&interventionType=schuldhulptraject`,
    );
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().suppressed).toBe(false);
    const row = view.json().rows[0];
    expect(row).toMatchObject({
      interventionType: 'schuldhulptraject',
      households: 1,
      costsCents: 5_000 + 20_000,
    });
    expect(row.avoidedLowCents).toBe(Math.round(1_000_000 * 0.3 * 0.95));
    expect(row.avoidedHighCents).toBe(Math.round(1_000_000 * 0.6 * 1.05));
    expect(row.ratioLow).toBeLessThan(row.ratioHigh);
    expect(view.json().assumptions.prices.map((p: { code: string }) => p.code)).toEqual([
      'afsluiting_energie',
      'huisuitzetting',
    ]);

    const scenario = await beleid.request('POST', `${API}/businesscase-scenarios`, {
      name: 'Hogere uitzettingskosten',
    });
    expect(scenario.statusCode, scenario.body).toBe(201);
    const a = scenario.json().assumptions;
    a.prices = a.prices.map((p: { code: string; amountCents: number }) =>
      p.code === 'huisuitzetting' ? { ...p, amountCents: 2_000_000 } : p,
    );
    await beleid.request('PUT', `${API}/businesscase-scenarios/${scenario.json().id}`, { assumptions: a });
    const withScenario = await reader.request(
      'GET',
      `${API}/businesscase?from=${yearStart}&to=${today}&interventionType=schuldhulptraject&scenarioId=${scenario.json().id}`,
    );
    expect(withScenario.json().rows[0].avoidedHighCents).toBe(2 * row.avoidedHighCents);
    // One household: the policy adviser sees the type, and "<5" instead of its figures, with a scenario too.
    const policyView = await beleid.request(
      'GET',
      `${API}/businesscase?from=${yearStart}&to=${today}&interventionType=schuldhulptraject&scenarioId=${scenario.json().id}`,
    );
    expect(policyView.json()).toMatchObject({
      suppressed: true,
      rows: [
        { interventionType: 'schuldhulptraject', households: null, avoidedHighCents: null, suppressed: true },
      ],
      total: { households: null, suppressed: true },
    });
    const again = await reader.request(
      'GET',
      `${API}/businesscase?from=${yearStart}&to=${today}&interventionType=schuldhulptraject`,
    );
    expect(again.json().rows[0].avoidedHighCents).toBe(row.avoidedHighCents);

    const csv = await beleid.request('GET', `${API}/businesscase.csv?from=${yearStart}&to=${today}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('schuldhulptraject,<5,<5,');
    expect(csv.body).toContain('prijs_huisuitzetting,10000.00');
    const pdf = await beleid.request('GET', `${API}/businesscase.pdf?from=${yearStart}&to=${today}&taal=en`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('/StructTreeRoot');

    const bad = await beleid.request('GET', `${API}/businesscase?from=${today}&to=${yearStart}`);
    if (today !== yearStart) expect(bad.statusCode).toBe(400);
  });

  it('shares the "wat werkt" catalogue as a file another municipality imports once', async () => {
    const entry = await beleid.request('POST', `${API}/wat-werkt`, {
      interventionType: 'schuldhulptraject',
      title: 'Energiecoach aan huis',
      description: 'Een coach helpt bij energierekening en achterstanden.',
      evidenceSource: 'Lokale evaluatie 2025',
      evidenceType: 'praktijkonderzoek',
      contact: 'beleid@voorbeeldstad.demo',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    // One household: hidden from the policy adviser, shown to whoever may read personal data.
    expect(entry.json()).toMatchObject({ localResults: null, localResultsSuppressed: true });
    const own = (await reader.request('GET', `${API}/wat-werkt`))
      .json()
      .find((e: { title: string }) => e.title === 'Energiecoach aan huis');
    expect(own.localResults?.households).toBe(1);
    const file = await beleid.request('GET', `${API}/wat-werkt/export`);
    expect(file.json()).toMatchObject({
      format: 'vangnet-wat-werkt',
      version: 1,
      municipality: 'Voorbeeldstad',
    });
    const results = (title: string) =>
      file.json().entries.find((e: { title: string }) => e.title === title)?.results;
    // The one household never leaves; the demo's energiecoaching (many households) does.
    expect(results('Energiecoach aan huis')).toBeNull();
    expect(results('Energiecoach aan huis (demo)')?.households).toBeGreaterThanOrEqual(5);
    // The same file back into Voorbeeldstad is refused; Dorpsveld (via a regional beleid user) imports it.
    const self = await beleid.request('POST', `${API}/wat-werkt/import`, file.json());
    expect(self.statusCode).toBe(409);
    const regio = await loggedIn('regio@voorbeeldstad.demo');
    const [dorp] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE name = 'Dorpsveld'",
    );
    const created = await regio.request('POST', `${API}/users`, {
      email: 'beleid@dorpsveld.demo',
      displayName: 'Dirk Dorpsbeleid',
      password: 'Dorpsveld-beleid-2026',
      roles: ['beleidsmedewerker'],
    });
    expect(created.statusCode, created.body).toBe(201);
    // The regional beheerder's active municipality was Voorbeeldstad; move the user to Dorpsveld.
    await v.database.query('UPDATE memberships SET municipality_id = $1 WHERE user_id = $2', [
      dorp?.id,
      created.json().id,
    ]);
    const dirk = new TestClient(v.app);
    expect((await dirk.login('beleid@dorpsveld.demo', 'Dorpsveld-beleid-2026')).statusCode).toBe(200);
    const first = await dirk.request('POST', `${API}/wat-werkt/import`, file.json());
    const entries = file.json().entries.length;
    expect(first.json()).toEqual({ imported: entries, skipped: 0 });
    const second = await dirk.request('POST', `${API}/wat-werkt/import`, file.json());
    expect(second.json()).toEqual({ imported: 0, skipped: entries });
    const catalogue = await dirk.request('GET', `${API}/wat-werkt`);
    const imported = (title: string) => catalogue.json().find((e: { title: string }) => e.title === title);
    expect(imported('Energiecoach aan huis (demo)')).toMatchObject({
      origin: 'geimporteerd',
      originMunicipality: 'Voorbeeldstad',
      sharedResults: results('Energiecoach aan huis (demo)'),
      localResults: null,
    });
    expect(imported('Energiecoach aan huis')).toMatchObject({ sharedResults: null, localResults: null });
  });
});
