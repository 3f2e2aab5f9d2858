// The maatwerkbudget through the API on a real database: the gate pre-filled by the rules engine's scan, the
// refusals (own request, above one's limit, four eyes, the gate, overspending by concurrent approvals), payment
// with its CSV for the financial administration, the 30/90-day follow-up job, the intervention for the business
// case, the budget overview, and the request list paged by cursor.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import type { Vangnet } from '../../server.ts';
import { markDueFollowups } from './service.ts';

const API = '/api/v1';
const today = todayInNetherlands();
// The demo seeds this year's budget; the tests use next year's.
const year = Number(today.slice(0, 4)) + 1;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('maatwerkbudget', () => {
  let v: Vangnet;
  let beheer: TestClient;
  let regisseur: TestClient;
  let tess: TestClient;
  let tom: TestClient;
  let schuldhulp: TestClient;
  let budgetId: string;
  let caseId: string;
  let scannedCaseId: string;
  let likely: string[];

  async function loggedIn(email: string, password?: string) {
    const c = new TestClient(v.app);
    expect((await c.login(email, password)).statusCode, email).toBe(200);
    return c;
  }

  async function colleague(email: string, name: string) {
    const res = await beheer.request('POST', `${API}/users`, {
      email,
      displayName: name,
      password: 'Collega-regisseert-2026',
      roles: ['regisseur'],
    });
    expect(res.statusCode, res.body).toBe(201);
    return loggedIn(email, 'Collega-regisseert-2026');
  }

  async function openPlan(householdId: string) {
    const res = await regisseur.request('POST', `${API}/huishoudplannen`, { householdId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  async function request(over: Record<string, unknown> = {}) {
    const res = await regisseur.request('POST', `${API}/maatwerkbudget-aanvragen`, {
      budgetId,
      householdCaseId: caseId,
      category: 'energie',
      problem: 'Energieachterstand, afsluiting dreigt',
      amountCents: 25_000,
      payeeName: 'Energie Voorbeeld BV',
      payeeIban: 'NL91 ABNA 0417 1643 00',
      expectedEffect: 'Geen afsluiting; betalingsregeling voor de rest',
      networkConsidered: true,
      networkNote: 'Familie kan niet bijspringen',
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  const decide = (c: TestClient, r: { id: string; version: number }, body: Record<string, unknown> = {}) =>
    c.request('POST', `${API}/maatwerkbudget-aanvragen/${r.id}/besluit`, {
      version: r.version,
      decision: 'akkoord',
      ...body,
    });

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 150 });
    beheer = await loggedIn('beheer@voorbeeldstad.demo');
    regisseur = await loggedIn('regisseur@voorbeeldstad.demo');
    schuldhulp = await loggedIn('schuldhulp@voorbeeldstad.demo');
    tess = await colleague('tess@voorbeeldstad.demo', 'Tess Tweede');
    tom = await colleague('tom@voorbeeldstad.demo', 'Tom Derde');
    const created = await beheer.request('POST', `${API}/maatwerkbudgetten`, {
      year,
      name: 'Maatwerkbudget',
      totalCents: 1_000_000,
      fourEyesAboveCents: 50_000,
      limits: { regisseur: 80_000, schuldhulpverlener: 20_000 },
    });
    expect(created.statusCode, created.body).toBe(201);
    budgetId = created.json().id;
    const [m] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE name = 'Voorbeeldstad'",
    );
    // A household without a financial profile (no scan), and one the demo scan found to miss national provisions.
    const [plain] = await v.database.query<{ id: string }>(
      `SELECT h.id FROM households h WHERE h.municipality_id = $1
          AND NOT EXISTS (SELECT 1 FROM household_finances f WHERE f.household_id = h.id)
          AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = h.id)
          AND EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id) ORDER BY h.id LIMIT 1`,
      [m?.id],
    );
    if (!plain) {
      // Every demo household has a profile: take one away for the unscanned case.
      const [any] = await v.database.query<{ id: string }>(
        `SELECT h.id FROM households h WHERE h.municipality_id = $1
            AND NOT EXISTS (SELECT 1 FROM nontakeup_scan_results r WHERE r.household_id = h.id)
            AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = h.id)
            AND EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id) ORDER BY h.id LIMIT 1`,
        [m?.id],
      );
      await v.database.query('DELETE FROM household_finances WHERE household_id = $1', [any?.id]);
      caseId = await openPlan(any?.id ?? '');
    } else {
      caseId = await openPlan(plain.id);
    }
    const [hit] = await v.database.query<{ household_id: string; kansen: { v: string }[] }>(
      `SELECT household_id, kansen FROM nontakeup_scan_results WHERE municipality_id = $1
        AND kansen @> '[{"v": "zorgtoeslag"}]'
        AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = nontakeup_scan_results.household_id)
      ORDER BY household_id LIMIT 1`,
      [m?.id],
    );
    expect(hit).toBeTruthy();
    likely = (hit?.kansen ?? []).map((k) => k.v);
    scannedCaseId = await openPlan(hit?.household_id ?? '');
  });
  afterAll(async () => v?.close());

  it('pre-fills the gate from the rules engine and blocks approval until the likely provisions are checked', async () => {
    const r = await request({ householdCaseId: scannedCaseId, amountCents: 30_000 });
    expect(r.scannedAt).not.toBeNull();
    const flagged = r.provisions.filter((p: { likelyEligible: boolean }) => p.likelyEligible);
    expect(flagged.map((p: { provision: string }) => p.provision)).toEqual(
      expect.arrayContaining(['zorgtoeslag']),
    );
    for (const p of flagged) expect(likely).toContain(p.provision);
    expect(r.gateBlocks).toEqual(expect.arrayContaining(['zorgtoeslag']));

    const blocked = await decide(tess, r);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().type).toMatch(/voorziening-niet-gecontroleerd$/);
    expect(blocked.json().invalidParams.map((p: { name: string }) => p.name)).toContain(
      'provisions.zorgtoeslag',
    );

    // Checking every flagged provision opens the gate.
    const gate = await regisseur.request('PUT', `${API}/maatwerkbudget-aanvragen/${r.id}/poort`, {
      version: r.version,
      provisions: flagged.map((p: { provision: string }) => ({
        provision: p.provision,
        outcome: 'aangevraagd',
        note: 'Samen aangevraagd',
      })),
    });
    expect(gate.statusCode, gate.body).toBe(200);
    expect(gate.json().gateBlocks).toEqual([]);
    const approved = await decide(tess, gate.json());
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('goedgekeurd');
  });

  it('lets an approver override the gate with a recorded reason', async () => {
    const r = await request({ householdCaseId: scannedCaseId, amountCents: 10_000 });
    const approved = await decide(tess, r, {
      gateOverrideReason: 'Acute afsluiting morgen; aanvraag loopt al',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'goedgekeurd',
      gateOverrideReason: 'Acute afsluiting morgen; aanvraag loopt al',
    });
    expect(approved.json().decisions[0].gateOverrideReason).toBe(
      'Acute afsluiting morgen; aanvraag loopt al',
    );
  });

  it('refuses when the own network was not considered', async () => {
    const r = await request({ networkConsidered: false, networkNote: '' });
    expect(r.scannedAt).toBeNull();
    const res = await decide(tess, r);
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toMatch(/netwerk-niet-overwogen$/);
  });

  it('refuses approving one’s own request and approving above one’s limit', async () => {
    const r = await request({ amountCents: 30_000 });
    const own = await decide(regisseur, r);
    expect(own.statusCode).toBe(403);
    expect(own.json().type).toMatch(/eigen-aanvraag$/);
    const above = await decide(schuldhulp, r);
    expect(above.statusCode).toBe(403);
    expect(above.json().type).toMatch(/boven-limiet$/);
    expect(above.json().limitCents).toBe(20_000);
    const rejected = await tess.request('POST', `${API}/maatwerkbudget-aanvragen/${r.id}/besluit`, {
      version: r.version,
      decision: 'afgewezen',
      reason: 'Eerst bijzondere bijstand aanvragen',
    });
    expect(rejected.json().status).toBe('afgewezen');
  });

  it('needs two different people above the four-eyes amount', async () => {
    const r = await request({ amountCents: 60_000 });
    expect(r.needsFourEyes).toBe(true);
    const first = await decide(tess, r);
    expect(first.json().status).toBe('eerste_akkoord');
    const again = await decide(tess, first.json());
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toMatch(/al-beoordeeld$/);
    const second = await decide(tom, first.json());
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().status).toBe('goedgekeurd');
    expect(second.json().decisions).toHaveLength(2);
  });

  it('never overspends, also with concurrent approvals', async () => {
    const small = await beheer.request('POST', `${API}/maatwerkbudgetten`, {
      year,
      teamId: (
        await v.database.query<{ id: string }>(
          "SELECT id FROM teams WHERE name = 'Team Vroegsignalering' LIMIT 1",
        )
      )[0]?.id,
      name: 'Klein teambudget',
      totalCents: 100_000,
      fourEyesAboveCents: 50_000,
      limits: { regisseur: 50_000 },
    });
    expect(small.statusCode, small.body).toBe(201);
    const requests = [];
    for (let i = 0; i < 8; i++)
      requests.push(await request({ budgetId: small.json().id, amountCents: 20_000 }));
    const results = await Promise.all(requests.map((r) => decide(tess, r)));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(3);
    for (const res of results.filter((r) => r.statusCode === 409)) {
      expect(res.json().type).toMatch(/budget-ontoereikend$/);
    }
    const overview = await beheer.request('GET', `${API}/maatwerkbudgetten/${small.json().id}`);
    expect(overview.json()).toMatchObject({ committedCents: 100_000, remainingCents: 0, spentCents: 0 });
  });

  it('pays, exports the payment, plans the follow-up and counts the intervention', async () => {
    const r = await request({ amountCents: 12_345, category: 'water', payeeName: 'Waterbedrijf Voorbeeld' });
    const approved = (await decide(tess, r)).json();
    const paid = await regisseur.request('POST', `${API}/maatwerkbudget-aanvragen/${r.id}/betaling`, {
      version: approved.version,
      paidOn: today,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().status).toBe('betaald');
    expect(
      paid.json().followups.map((f: { afterDays: number; dueOn: string }) => [f.afterDays, f.dueOn]),
    ).toEqual([
      [30, addDays(today, 30)],
      [90, addDays(today, 90)],
    ]);
    const twice = await regisseur.request('POST', `${API}/maatwerkbudget-aanvragen/${r.id}/betaling`, {
      version: paid.json().version,
      paidOn: today,
    });
    expect(twice.statusCode).toBe(409);

    const csv = await beheer.request('GET', `${API}/maatwerkbudget-betalingen.csv?from=${today}&to=${today}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('betaaldatum;bedrag;begunstigde;iban;kenmerk;categorie;budget;aanvraag');
    expect(lines.some((l) => l.includes('123.45;Waterbedrijf Voorbeeld;NL91ABNA0417164300'))).toBe(true);

    const [intervention] = await v.database.query<{ cost_cents: string; intervention_type: string }>(
      `SELECT i.cost_cents::text, i.intervention_type FROM interventions i
         JOIN budget_payments p ON p.id = i.source_id WHERE p.request_id = $1`,
      [r.id],
    );
    expect(intervention).toEqual({ cost_cents: '12345', intervention_type: 'maatwerkbudget' });

    // Not yet due: nothing to assess.
    const early = await regisseur.request(
      'POST',
      `${API}/maatwerkbudget-opvolgingen/${paid.json().followups[0].id}`,
      {
        effect: 'bereikt',
      },
    );
    expect(early.statusCode).toBe(409);
    // The daily job on the day of the 30-day check, then of the 90-day check.
    expect(await markDueFollowups(v.database.orm, addDays(today, 30))).toBeGreaterThanOrEqual(1);
    const due = await regisseur.request('GET', `${API}/maatwerkbudget-opvolgingen`);
    expect(due.json().map((f: { id: string }) => f.id)).toContain(paid.json().followups[0].id);
    await regisseur.request('POST', `${API}/maatwerkbudget-opvolgingen/${paid.json().followups[0].id}`, {
      effect: 'bereikt',
      note: 'Geen afsluiting',
    });
    await markDueFollowups(v.database.orm, addDays(today, 90));
    const done = await regisseur.request(
      'POST',
      `${API}/maatwerkbudget-opvolgingen/${paid.json().followups[1].id}`,
      {
        effect: 'deels',
      },
    );
    expect(done.json().status).toBe('afgerond');

    const overview = await beheer.request('GET', `${API}/maatwerkbudgetten/${budgetId}`);
    const water = overview.json().perCategory.find((c: { category: string }) => c.category === 'water');
    expect(water.spentCents).toBe(12_345);
    const o = overview.json();
    expect(o.remainingCents).toBe(o.totalCents - o.spentCents - o.committedCents);
  });

  it('pages the requests newest first with a cursor that keeps microseconds and ties', async () => {
    const [m] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE name = 'Voorbeeldstad'",
    );
    const [free] = await v.database.query<{ id: string }>(
      `SELECT h.id FROM households h WHERE h.municipality_id = $1
          AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = h.id)
          AND EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id) ORDER BY h.id LIMIT 1`,
      [m?.id],
    );
    const pagedCaseId = await openPlan(free?.id ?? '');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await request({ householdCaseId: pagedCaseId })).id);
    // All five within one millisecond, three of them at the very same microsecond: a cursor in milliseconds
    // would lose the rest after the first page, and only the id orders the three.
    const at = ['2020-05-01 10:00:00.000300+00', '2020-05-01 10:00:00.000200+00'];
    for (const [i, id] of ids.entries()) {
      await v.database.query('UPDATE budget_requests SET requested_at = $2::timestamptz WHERE id = $1', [
        id,
        at[i] ?? '2020-05-01 10:00:00.000100+00',
      ]);
    }
    const expected = [ids[0], ids[1], ...ids.slice(2).sort()];

    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await regisseur.request(
        'GET',
        `${API}/maatwerkbudget-aanvragen?householdCaseId=${pagedCaseId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((r) => r.id));
      pages.push(body.items.length);
      // The audit row of each page names exactly the requests shown on it.
      const [audit] = await v.database.query<{ subject_ids: string[] }>(
        "SELECT subject_ids FROM audit_events WHERE action = 'budget_request.list' ORDER BY id DESC LIMIT 1",
      );
      expect(audit?.subject_ids).toEqual(body.items.map((r) => r.id));
      cursor = body.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual(expected);

    // Exactly a page's worth: the last page says there is nothing more.
    const whole = await regisseur.request(
      'GET',
      `${API}/maatwerkbudget-aanvragen?householdCaseId=${pagedCaseId}&limit=5`,
    );
    expect(whole.json().items.map((r: { id: string }) => r.id)).toEqual(expected);
    expect(whole.json().nextCursor).toBeNull();
  });

  it('refuses a cursor it did not make', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const made = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const cursor of [
      'niet-een-cursor',
      made(['2026-01-01T10:00:00.000Z', id]), // milliseconds: not a position this list hands out
      made(['2026-02-30T10:00:00.000000Z', id]), // a day that does not exist
      made(['0000-01-01T10:00:00.000000Z', id]), // a year PostgreSQL refuses
      made(['2026-01-01T10:00:00.000000Z', 'geen-uuid']),
      made(['2026-01-01T10:00:00.000000Z']),
    ]) {
      const res = await regisseur.request('GET', `${API}/maatwerkbudget-aanvragen?cursor=${cursor}`);
      expect(res.statusCode, cursor).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['query.cursor']);
    }
  });

  it('refuses bad input with field errors and keeps other municipalities out', async () => {
    const res = await regisseur.request('POST', `${API}/maatwerkbudget-aanvragen`, {
      budgetId,
      householdCaseId: '00000000-0000-4000-8000-000000000000',
      category: 'energie',
      problem: 'Iets',
      amountCents: 100,
      payeeName: 'X BV',
      payeeIban: 'geen iban',
      expectedEffect: 'Iets',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.payeeIban');
    const beleid = await loggedIn('beleid@voorbeeldstad.demo');
    expect((await beleid.request('GET', `${API}/maatwerkbudgetten`)).statusCode).toBe(200);
    expect((await beleid.request('GET', `${API}/maatwerkbudget-aanvragen`)).statusCode).toBe(403);
  });
});
