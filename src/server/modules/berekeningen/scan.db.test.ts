// Municipal schemes, the scan of a stored household and the batch scan with its outreach list, through the API:
// permissions, tenancy, audit, bad input, and the tagged PDF of a calculation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import type { Vangnet } from '../../server.ts';
import { PdfFile } from '../vroegsignalering/outreach/pdf-inspect.ts';

const API = '/api/v1';

describe('municipal schemes, household scan and outreach list', () => {
  let v: Vangnet;
  let beheer: TestClient;
  let shv: TestClient;
  let voorbeeldstad: string;
  let dorpsveld: string;

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 120 });
    beheer = new TestClient(v.app);
    expect((await beheer.login('beheer@voorbeeldstad.demo')).statusCode).toBe(200);
    shv = new TestClient(v.app);
    expect((await shv.login('schuldhulp@voorbeeldstad.demo')).statusCode).toBe(200);
    const ms = await v.database.query<{ id: string; name: string }>('SELECT id, name FROM municipalities');
    voorbeeldstad = ms.find((m) => m.name === 'Voorbeeldstad')?.id ?? '';
    dorpsveld = ms.find((m) => m.name === 'Dorpsveld')?.id ?? '';
  });
  afterAll(async () => v?.close());

  const scheme = {
    soort: 'minimaregeling',
    naam: 'Sportpas',
    inkomensgrensPercentage: 130,
    vermogensgrens: null,
    bedrag: 0,
    bedragPerKind: 150,
    bedragPeriode: 'jaar',
    geldigVanaf: '2025-01-01',
    hoeAanvragen: 'Vraag de sportpas aan bij het sociaal loket.',
  };

  it('lets the beheerder add, version and deactivate a scheme, audited', async () => {
    const created = await beheer.request('POST', `${API}/regelingen`, scheme);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      naam: 'Sportpas',
      bedragPerKind: 150,
      actief: true,
      geldigTot: null,
    });
    const id = created.json().id;
    // The same name from the same date again: 409.
    expect((await beheer.request('POST', `${API}/regelingen`, scheme)).statusCode).toBe(409);
    // A new version from 1 January 2026 with a higher amount.
    const v2 = await beheer.request('POST', `${API}/regelingen`, {
      ...scheme,
      bedragPerKind: 175,
      geldigVanaf: '2026-01-01',
    });
    expect(v2.statusCode).toBe(201);
    const in2025 = await shv.request('GET', `${API}/regelingen?peildatum=2025-06-01`);
    const in2026 = await shv.request('GET', `${API}/regelingen?peildatum=2026-06-01`);
    expect(in2025.json().items.find((s: { naam: string }) => s.naam === 'Sportpas').bedragPerKind).toBe(150);
    expect(in2026.json().items.find((s: { naam: string }) => s.naam === 'Sportpas').bedragPerKind).toBe(175);

    const patched = await beheer.request('PATCH', `${API}/regelingen/${id}`, { actief: false });
    expect(patched.json().actief).toBe(false);
    const audit = await v.database.query<{ action: string; purpose: string }>(
      "SELECT action, purpose FROM audit_events WHERE subject_type = 'municipal_scheme' AND $1 = ANY (subject_ids)",
      [id],
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['municipal_scheme.create', 'municipal_scheme.update']);
    expect(audit.every((a) => a.purpose === 'beheer-organisatie')).toBe(true);
  });

  it('refuses bad scheme input with specific problems, and schemes of another municipality with 404', async () => {
    const bad = await beheer.request('POST', `${API}/regelingen`, {
      ...scheme,
      naam: 'X2',
      soort: 'toeslag',
      inkomensgrensPercentage: -5,
      bedrag: '10',
      geldigVanaf: '2025-01-01',
      geldigTot: '2024-12-31',
    });
    expect(bad.statusCode).toBe(400);
    const codes = Object.fromEntries(
      bad.json().invalidParams.map((p: { name: string; code: string }) => [p.name, p.code]),
    );
    expect(codes).toMatchObject({
      'body.soort': 'invalid_value',
      'body.inkomensgrensPercentage': 'too_small',
      'body.bedrag': 'invalid_type',
    });
    const dates = await beheer.request('POST', `${API}/regelingen`, {
      ...scheme,
      naam: 'X3',
      geldigTot: '2024-12-31',
    });
    expect(dates.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.geldigTot', code: 'before_start' }),
    ]);
    // Not a date at all: a 400 on the field, never a crash in the date check.
    const notDate = await beheer.request('POST', `${API}/regelingen`, {
      ...scheme,
      naam: 'X4',
      geldigVanaf: 'morgen',
    });
    expect(notDate.statusCode).toBe(400);
    expect(notDate.json().invalidParams[0]).toMatchObject({ name: 'body.geldigVanaf' });
    const [other] = await v.database.query<{ id: string }>(
      'SELECT id FROM municipal_schemes WHERE municipality_id = $1 LIMIT 1',
      [dorpsveld],
    );
    expect((await beheer.request('GET', `${API}/regelingen/${other?.id}`)).statusCode).toBe(404);
    expect(
      (await beheer.request('PATCH', `${API}/regelingen/${other?.id}`, { actief: false })).statusCode,
    ).toBe(404);
    // Only the beheerder configures.
    expect((await shv.request('POST', `${API}/regelingen`, { ...scheme, naam: 'Yogapas' })).statusCode).toBe(
      403,
    );
  });

  it('scans an ad hoc household: toeslagen, bijstand and local schemes it does not receive', async () => {
    const res = await shv.request('POST', `${API}/berekeningen/voorzieningen-scan`, {
      peildatum: '2025-07-01',
      leden: [
        { rol: 'aanvrager', leeftijd: 34, nettoMaandinkomen: 900 },
        { rol: 'kind', leeftijd: 6 },
        { rol: 'kind', leeftijd: 13 },
      ],
      kaleHuur: 650,
      ontvangt: ['zorgtoeslag'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const codes = body.kansen.map((k: { voorziening: string }) => k.voorziening);
    expect(codes).toEqual(
      expect.arrayContaining([
        'huurtoeslag',
        'kindgebonden-budget',
        'bijstand',
        'minimaregeling',
        'kwijtschelding',
      ]),
    );
    expect(codes).not.toContain('zorgtoeslag');
    expect(body.huishouden).toMatchObject({ leefsituatie: 'alleenstaande-ouder', kinderen: 2 });
    const bijstand = body.kansen.find((k: { voorziening: string }) => k.voorziening === 'bijstand');
    expect(bijstand.bedragPerMaand).toBeCloseTo(1369.06 - 900, 2);
    expect(bijstand.reden.nl).toContain('bijstandsnorm');
    expect(bijstand.reden.en).toContain('norm');
    expect(bijstand.controleren.nl.length).toBeGreaterThan(0);
    const kindpakket = body.kansen.find(
      (k: { naam: { nl: string } }) => k.naam.nl === 'Kindpakket Voorbeeldstad',
    );
    expect(kindpakket).toMatchObject({ bedragPerJaar: 600, soort: 'gemeentelijk' });
    expect(body.totaalPerJaar).toBeCloseTo(
      body.kansen.reduce((s: number, k: { bedragPerJaar: number }) => s + k.bedragPerJaar, 0),
      1,
    );
  });

  it('answers bad scan input with specific problems', async () => {
    const base = { peildatum: '2025-07-01', leden: [{ rol: 'aanvrager', leeftijd: 40 }] };
    const cases: [unknown, string, string][] = [
      [{ ...base, peildatum: '2027-02-01' }, 'body.peildatum', 'peildatum_buiten_bereik'],
      [{ ...base, leden: [{ rol: 'kind', leeftijd: 4 }] }, 'body.leden', 'one_aanvrager'],
      [
        { ...base, leden: [{ rol: 'aanvrager', leeftijd: 40, nettoMaandinkomen: -1 }] },
        'body.leden.0.nettoMaandinkomen',
        'too_small',
      ],
      [{ ...base, kaleHuur: 'veel' }, 'body.kaleHuur', 'invalid_type'],
      [{ ...base, ontvangt: ['kinderbijslag'] }, 'body.ontvangt.0', 'invalid_value'],
    ];
    for (const [body, name, code] of cases) {
      const res = await shv.request('POST', `${API}/berekeningen/voorzieningen-scan`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().invalidParams).toEqual(
        expect.arrayContaining([expect.objectContaining({ name, code })]),
      );
    }
  });

  it('scans a stored household from its profile, audited; 404 for another municipality', async () => {
    const [h] = await v.database.query<{ household_id: string }>(
      `SELECT f.household_id FROM household_finances f JOIN persons p ON p.household_id = f.household_id
        WHERE f.municipality_id = $1 AND p.household_role = 'hoofd' AND p.geboortedatum < DATE '2000-01-01'
        ORDER BY f.household_id LIMIT 1`,
      [voorbeeldstad],
    );
    const res = await shv.request(
      'GET',
      `${API}/huishoudens/${h?.household_id}/voorzieningen-scan?peildatum=2026-03-01`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ householdId: h?.household_id, peildatum: '2026-03-01' });
    expect(res.json().invoer.leden.some((l: { rol: string }) => l.rol === 'aanvrager')).toBe(true);
    const [audit] = await v.database.query<{ purpose: string; subject_ids: string[] }>(
      "SELECT purpose, subject_ids FROM audit_events WHERE action = 'nontakeup.household_scan' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toMatchObject({ purpose: 'bestrijding-niet-gebruik', subject_ids: [h?.household_id] });
    const [other] = await v.database.query<{ household_id: string }>(
      'SELECT household_id FROM household_finances WHERE municipality_id = $1 LIMIT 1',
      [dorpsveld],
    );
    expect(
      (await shv.request('GET', `${API}/huishoudens/${other?.household_id}/voorzieningen-scan`)).statusCode,
    ).toBe(404);
    const out = await shv.request(
      'GET',
      `${API}/huishoudens/${h?.household_id}/voorzieningen-scan?peildatum=2024-01-01`,
    );
    expect(out.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'query.peildatum', code: 'peildatum_buiten_bereik' }),
    ]);
  });

  it('runs a batch scan whose outreach list matches the single-household scan, paged and audited', async () => {
    const run = await shv.request('POST', `${API}/niet-gebruik/scans`, { peildatum: '2026-03-01' });
    expect(run.statusCode, run.body).toBe(201);
    const r = run.json();
    const [count] = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM household_finances WHERE municipality_id = $1',
      [voorbeeldstad],
    );
    expect(r.huishoudens).toBe(count?.n);
    expect(r.huishoudensMetKansen).toBeGreaterThan(0);
    const items: {
      householdId: string;
      totaalPerJaar: number;
      kansen: { voorziening: string; bedragPerJaar: number }[];
    }[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const pageRes = await shv.request('GET', `${API}/niet-gebruik/scans/${r.id}/huishoudens?limit=7${q}`);
      expect(pageRes.statusCode, pageRes.body).toBe(200);
      items.push(...pageRes.json().items);
      cursor = pageRes.json().nextCursor;
    } while (cursor);
    expect(items.length).toBe(r.huishoudensMetKansen);
    expect(new Set(items.map((i) => i.householdId)).size).toBe(items.length);
    const totals = items.map((i) => i.totaalPerJaar);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(items.reduce((s, i) => s + i.totaalPerJaar, 0)).toBeCloseTo(r.totaalPerJaar, 0);
    // The batch and the household view evaluate the same rules.
    const first = items[0];
    const single = await shv.request(
      'GET',
      `${API}/huishoudens/${first?.householdId}/voorzieningen-scan?peildatum=2026-03-01`,
    );
    expect(
      single
        .json()
        .kansen.map((k: { voorziening: string; bedragPerJaar: number }) => [k.voorziening, k.bedragPerJaar]),
    ).toEqual(first?.kansen.map((k) => [k.voorziening, k.bedragPerJaar]));
    const audits = await v.database.query<{ action: string; purpose: string }>(
      "SELECT action, purpose FROM audit_events WHERE action IN ('nontakeup.batch_scan', 'nontakeup.list_read') AND actor_type = 'user'",
    );
    expect(audits.filter((a) => a.action === 'nontakeup.batch_scan')).toHaveLength(1);
    expect(audits.filter((a) => a.action === 'nontakeup.list_read').length).toBeGreaterThan(1);
    const runs = await shv.request('GET', `${API}/niet-gebruik/scans?limit=1`);
    expect(runs.json().items[0].id).toBe(r.id);
  });

  it('shows the outreach list only to roles with niet_gebruik:read', async () => {
    for (const email of [
      'beleid@voorbeeldstad.demo',
      'vrijwilliger@voorbeeldstad.demo',
      'beheer@voorbeeldstad.demo',
    ]) {
      const c = new TestClient(v.app);
      await c.login(email);
      expect((await c.request('GET', `${API}/niet-gebruik/scans`)).statusCode, email).toBe(403);
      expect((await c.request('POST', `${API}/niet-gebruik/scans`, {})).statusCode, email).toBe(403);
    }
  });

  it('prints a calculation as a tagged PDF with language, title and structure in reading order', async () => {
    const res = await shv.request('POST', `${API}/berekeningen/bijstandsnorm/pdf?taal=en`, {
      peildatum: '2025-07-01',
      leefsituatie: 'alleenstaande',
      leeftijd: 40,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const pdf = new PdfFile(res.rawPayload);
    expect(pdf.catalog.Lang).toBe('en');
    expect(pdf.dict(pdf.catalog.MarkInfo).Marked).toBe(true);
    expect(pdf.info.Title).toBe('Calculation of the social assistance norm');
    const [root] = pdf.structure();
    expect(root?.type).toBe('Document');
    expect(root?.children.map((c) => c.type).slice(0, 4)).toEqual(['H1', 'P', 'H2', 'L']);
    // The engine's Dutch steps are marked as Dutch inside the English document.
    const steps = root?.children.filter((c) => c.type === 'L')[1];
    expect(steps?.children[0]?.children[0]).toMatchObject({ type: 'LBody', lang: 'nl' });
    const text = pdf.textInReadingOrder().join('\n');
    expect(text).toContain('€1,369.06');
    expect(text).toContain('BWBR0015703');
  });
});
