// The debt-help trajectory through the real API on a real database: phases in order, statutory clocks and their
// reminders, debts and the CSV import, bad input that loses nothing, permissions, tenancy and the DDAS SHV export.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import type { Vangnet } from '../../server.ts';
import { addDays } from '../vroegsignalering/followup/deadlines.ts';
import { exportShvUitwisselmodel, ShvExportError } from './ddas/export.ts';
import { validateShvDocument } from './ddas/validate.ts';
import { remindClocks } from './service.ts';

const API = '/api/v1';
const today = todayInNetherlands();

describe('debt-help trajectory (schuldhulpverlening)', () => {
  let v: Vangnet;
  let sander: TestClient;
  let municipalityA: string;
  let households: { id: string; adults: string[] }[];
  let next = 0;

  async function loggedIn(email: string) {
    const c = new TestClient(v.app);
    expect((await c.login(email)).statusCode).toBe(200);
    return c;
  }

  /** An open household case of the next household of Voorbeeldstad with two adults. */
  async function householdCase(
    municipalityId = municipalityA,
  ): Promise<{ caseId: string; adults: string[] }> {
    const h =
      municipalityId === municipalityA
        ? households[next++]
        : (
            await v.database.query<{ id: string; adults: string[] }>(
              `SELECT household_id::text AS id, array_agg(id::text ORDER BY household_role, geboortedatum, id) AS adults
                 FROM persons p WHERE municipality_id = $1 AND household_role IN ('hoofd', 'partner')
                  AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = p.household_id)
                GROUP BY household_id ORDER BY household_id LIMIT 1`,
              [municipalityId],
            )
          )[0];
    if (!h) throw new Error('no household left');
    const [c] = await v.database.query<{ id: string }>(
      `INSERT INTO household_cases (municipality_id, household_id) VALUES ($1, $2) RETURNING id::text`,
      [municipalityId, h.id],
    );
    return { caseId: c?.id ?? '', adults: h.adults };
  }

  async function start(body: Record<string, unknown> = {}) {
    const hc = await householdCase();
    const res = await sander.request('POST', `${API}/schuldhulp/trajecten`, {
      householdCaseId: hc.caseId,
      threatening: false,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { ...res.json(), adults: hc.adults };
  }

  async function phase(id: string, body: Record<string, unknown>) {
    return sander.request('PUT', `${API}/schuldhulp/trajecten/${id}/fasen`, body);
  }

  beforeAll(async () => {
    // Enough households for a fresh one per test, beside the ones the demo seeds gave a case.
    v = await startTestApp({ demoInhabitants: 200 });
    sander = await loggedIn('schuldhulp@voorbeeldstad.demo');
    const [m] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE cbs_code = '9901'",
    );
    municipalityA = m?.id ?? '';
    households = await v.database.query<{ id: string; adults: string[] }>(
      `SELECT household_id::text AS id, array_agg(id::text ORDER BY CASE household_role WHEN 'hoofd' THEN 0 ELSE 1 END,
              geboortedatum, id) AS adults
         FROM persons p WHERE municipality_id = $1 AND household_role IN ('hoofd', 'partner')
          AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = p.household_id)
        GROUP BY household_id ORDER BY count(*) DESC, household_id`,
      [municipalityA],
    );
    expect(households.length).toBeGreaterThan(12);
  }, 120_000);
  afterAll(async () => v?.close());

  it('registers a threatening help request with both adults as clients and a 3-working-day clock', async () => {
    const t = await start({ threatening: true, threatKind: 'huisuitzetting', crisisinterventie: true });
    expect(t.phase).toBe('aanmelding');
    expect(t.clients.map((c: { personId: string }) => c.personId)).toEqual(t.adults);
    expect(t.clients[0].bsn).toMatch(/^\d{9}$/);
    expect(t.counsellor.name).toBe('Sander Schuldhulp');
    expect(t.aanmelding).toMatchObject({
      startdatum: today,
      crisisinterventie: true,
      threatKind: 'huisuitzetting',
    });
    const [clock] = t.clocks;
    expect(clock.clock).toBe('eerste_gesprek');
    expect(clock.due > today && clock.due <= addDays(today, 7)).toBe(true);
    const [audit] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'schuldhulp.trajectory_start' AND $1 = ANY(subject_ids)",
      [t.id],
    );
    expect(audit?.n).toBe(1);
    const [event] = await v.database.query<{ kind: string }>(
      "SELECT kind FROM household_timeline WHERE subject_id = $1 AND category = 'schuldhulp'",
      [t.id],
    );
    expect(event?.kind).toBe('schuldhulp_aanmelding');
  });

  it('walks the phases in order up to a schuldregeling with a dwangakkoord, and nazorg', async () => {
    const t0 = await start({ requestedOn: addDays(today, -200) });
    let t = t0;
    const step = async (body: Record<string, unknown>) => {
      const res = await phase(t.id, { version: t.version, ...body });
      expect(res.statusCode, res.body).toBe(200);
      t = res.json();
      return t;
    };
    await step({
      fase: 'informatieEnAdvies',
      startdatum: addDays(today, -199),
      einddatum: addDays(today, -198),
    });
    expect(t.phase).toBe('informatie_en_advies');
    await step({ fase: 'intake', startdatum: addDays(today, -190) });
    expect(t.phase).toBe('intake');
    expect(t.clocks.map((c: { clock: string; state: string }) => [c.clock, c.state])).toEqual([
      ['eerste_gesprek', 'met'],
      ['beschikking', 'overdue'],
    ]);
    await step({ fase: 'beschikking', datum: addDays(today, -170), soort: 'Toelatingsbeschikking' });
    await step({ fase: 'planVanAanpak', datumAfronding: addDays(today, -165) });
    await step({ fase: 'stabilisatie', startdatum: addDays(today, -165), einddatum: addDays(today, -120) });
    await step({
      fase: 'oplossing',
      soort: 'Saneringskrediet',
      startdatum: addDays(today, -100),
      vtlbCents: 140_000,
    });
    await step({
      fase: 'schuldregeling',
      datum: addDays(today, -110),
      afgewezen: addDays(today, -105),
      dwangakkoord: true,
      datumVerzoekDwangakkoord: addDays(today, -104),
      toegekend: null,
    });
    expect(t.phase).toBe('oplossing');
    expect(t.schuldregeling).toMatchObject({ dwangakkoord: true, afgewezen: addDays(today, -105) });
    expect(t.clocks.find((c: { clock: string }) => c.clock === 'schuldregeling')).toMatchObject({
      startedOn: addDays(today, -100),
      state: 'on_track',
    });
    await step({ fase: 'nazorg', startdatum: addDays(today, -5) });
    expect(t.phase).toBe('nazorg');
    expect(t.version).toBe(t0.version + 8);
  });

  it('refuses a decision before the intake, a stale version and a change after uitstroom; nothing half-saved', async () => {
    const t = await start({ requestedOn: addDays(today, -30) });
    const early = await phase(t.id, {
      fase: 'beschikking',
      version: t.version,
      datum: addDays(today, -1),
      soort: 'Toelatingsbeschikking',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.datum', code: 'intake_not_started' }),
    ]);
    const ok = await phase(t.id, { fase: 'intake', version: t.version, startdatum: addDays(today, -20) });
    expect(ok.statusCode).toBe(200);
    // A colleague who still has the old version open is refused.
    const stale = await phase(t.id, { fase: 'intake', version: t.version, startdatum: addDays(today, -25) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toContain('traject-gewijzigd');
    const now = (await sander.request('GET', `${API}/schuldhulp/trajecten/${t.id}`)).json();
    expect(now.intake.startdatum).toBe(addDays(today, -20));

    // An uitstroom without a reason is refused; with one it ends the trajectory.
    const noReason = await phase(t.id, { fase: 'uitstroom', version: now.version, datum: today });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['body.reden']);
    expect(
      (await sander.request('GET', `${API}/schuldhulp/trajecten/${t.id}`)).json().uitstroom.datum,
    ).toBeNull();
    const before = await phase(t.id, {
      fase: 'uitstroom',
      version: now.version,
      datum: addDays(today, -21),
      reden: 'Zelf',
    });
    expect(before.json().invalidParams[0]).toMatchObject({ name: 'body.datum', code: 'before_last_phase' });
    const out = await phase(t.id, {
      fase: 'uitstroom',
      version: now.version,
      datum: today,
      reden: 'Nietverschenen',
    });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ phase: 'uitstroom', uitstroom: { reden: 'Nietverschenen' } });
    const [row] = await v.database.query<{ status: string }>(
      'SELECT status FROM debt_help_requests WHERE id = $1',
      [t.id],
    );
    expect(row?.status).toBe('afgerond');
    const after = await phase(t.id, { fase: 'nazorg', version: out.json().version, startdatum: today });
    expect(after.statusCode).toBe(409);
    expect(after.json().type).toContain('traject-afgesloten');
    // The database refuses an uitstroom without reason too, whoever writes it.
    await expect(
      v.database.query(
        'UPDATE debt_help_requests SET uitstroom_on = now()::date, uitstroom_reden = NULL WHERE id = $1',
        [t.id],
      ),
    ).rejects.toThrow(/debt_help_uitstroom_reden/);
  });

  it('enforces the 6-month moratorium and the 18-month schuldregeling; a crisis intervention past 2 weeks is overdue', async () => {
    const t = await start({ requestedOn: addDays(today, -400) });
    const long = await sander.request('POST', `${API}/schuldhulp/trajecten/${t.id}/perioden`, {
      soort: 'moratorium',
      version: t.version,
      startdatum: addDays(today, -300),
      einddatum: addDays(today, -90),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().invalidParams[0]).toMatchObject({
      name: 'body.einddatum',
      code: 'moratorium_too_long',
    });
    const crisis = await sander.request('POST', `${API}/schuldhulp/trajecten/${t.id}/perioden`, {
      soort: 'crisisinterventie',
      version: t.version,
      startdatum: addDays(today, -20),
    });
    expect(crisis.statusCode).toBe(200);
    expect(crisis.json().crisis ?? crisis.json().aanmelding.crisisinterventie).toBe(true);
    expect(crisis.json().clocks.find((c: { clock: string }) => c.clock === 'crisisinterventie').state).toBe(
      'overdue',
    );
    const periodId = crisis.json().periods[0].id;
    const closed = await sander.request('PATCH', `${API}/schuldhulp/perioden/${periodId}`, {
      version: crisis.json().version,
      einddatum: addDays(today, -2),
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().clocks.find((c: { clock: string }) => c.clock === 'crisisinterventie').state).toBe(
      'met_late',
    );
    let cur = closed.json();
    for (const body of [
      { fase: 'intake', startdatum: addDays(today, -390) },
      { fase: 'beschikking', datum: addDays(today, -380), soort: 'Toelatingsbeschikking' },
    ]) {
      const res = await phase(t.id, { version: cur.version, ...body });
      expect(res.statusCode, res.body).toBe(200);
      cur = res.json();
    }
    const tooLong = await phase(t.id, {
      fase: 'oplossing',
      version: cur.version,
      soort: 'Schuldbemiddeling',
      startdatum: addDays(today, -370),
      einddatum: today,
    });
    expect(tooLong.statusCode).toBe(200);
    const overLimit = await phase(t.id, {
      fase: 'oplossing',
      version: tooLong.json().version,
      soort: 'Schuldbemiddeling',
      startdatum: '2020-01-01',
      einddatum: '2021-07-02',
    });
    expect(overLimit.statusCode).toBe(400);
    expect(overLimit.json().invalidParams.map((p: { code: string }) => p.code)).toContain(
      'schuldregeling_too_long',
    );
  });

  it('reminds the counsellor once of an overdue first conversation and resolves it when it is met', async () => {
    const t = await start({ requestedOn: addDays(today, -40) });
    const first = await remindClocks(v.database.orm, today);
    expect(first.created).toBeGreaterThan(0);
    const again = await remindClocks(v.database.orm, today);
    expect(again.created).toBe(0);
    const mine = (await sander.request('GET', `${API}/schuldhulp/herinneringen`)).json().items;
    expect(mine.filter((r: { trajectoryId: string }) => r.trajectoryId === t.id)).toEqual([
      expect.objectContaining({ clock: 'eerste_gesprek', kind: 'overdue' }),
    ]);
    // Late, but met: the reminder is resolved in the same transaction and the violation stays visible.
    const met = await phase(t.id, { fase: 'intake', version: t.version, startdatum: addDays(today, -1) });
    expect(met.json().clocks[0]).toMatchObject({ clock: 'eerste_gesprek', state: 'met_late' });
    const after = (await sander.request('GET', `${API}/schuldhulp/herinneringen`)).json().items;
    expect(after.filter((r: { trajectoryId: string }) => r.trajectoryId === t.id)).toEqual([]);
    // The caseload names the clock met late, so the violation is visible without opening the trajectory.
    const list = await sander.request(
      'GET',
      `${API}/schuldhulp/trajecten?householdCaseId=${t.householdCaseId}`,
    );
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: t.id, clocksMetLate: ['eerste_gesprek'], nextClock: expect.anything() }),
    ]);
    expect(list.json().items[0].nextClock.clock).toBe('beschikking');
  });

  it('keeps debts per creditor with totals per schuldsoort; a negative amount is refused and nothing saved', async () => {
    const t = await start();
    const neg = await sander.request('POST', `${API}/schuldhulp/trajecten/${t.id}/schulden`, {
      creditorName: 'Energie BV',
      schuldsoort: 'Nuts',
      originalCents: -100,
    });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().invalidParams[0]).toMatchObject({ name: 'body.originalCents', code: 'too_small' });
    const add = await sander.request('POST', `${API}/schuldhulp/trajecten/${t.id}/schulden`, {
      creditorName: 'Energie BV',
      schuldsoort: 'Nuts',
      originalCents: 45_000,
    });
    expect(add.statusCode).toBe(201);
    const debt = add.json();
    const patched = await sander.request('PATCH', `${API}/schuldhulp/schulden/${debt.id}`, {
      version: debt.version,
      status: 'akkoord',
      currentCents: 40_000,
    });
    expect(patched.json()).toMatchObject({ status: 'akkoord', currentCents: 40_000, originalCents: 45_000 });
    const stale = await sander.request('PATCH', `${API}/schuldhulp/schulden/${debt.id}`, {
      version: debt.version,
      status: 'betaald',
    });
    expect(stale.statusCode).toBe(409);

    const csv = [
      'schuldeiser;soort;oorspronkelijk_bedrag;huidig_bedrag;status',
      'CZ Zorg;Zorg;1.200,00;1.100,00;aanbod verstuurd',
      'Gemeente belastingen;Publiek;300;;',
      'Buurman;Overig;-20;;',
      'Telecom;Telefoon;10;;',
    ].join('\n');
    const imp = await sander.request('POST', `${API}/schuldhulp/trajecten/${t.id}/schulden/import`, { csv });
    expect(imp.statusCode).toBe(200);
    expect(imp.json().imported).toBe(2);
    expect(imp.json().rejected).toEqual([
      expect.objectContaining({ row: 4, column: 'oorspronkelijk_bedrag', code: 'negative_amount' }),
      expect.objectContaining({ row: 5, column: 'soort', code: 'invalid_schuldsoort' }),
    ]);
    expect(imp.json().totals.perSoort).toEqual({
      Zorg: { count: 1, originalCents: 120_000, currentCents: 110_000 },
      Publiek: { count: 1, originalCents: 30_000, currentCents: 30_000 },
      Nuts: { count: 1, originalCents: 45_000, currentCents: 40_000 },
      Overig: { count: 0, originalCents: 0, currentCents: 0 },
    });
    const view = (await sander.request('GET', `${API}/schuldhulp/trajecten/${t.id}`)).json();
    expect(view.debts).toHaveLength(3);
    expect(view.debtTotals.total).toEqual({ count: 3, originalCents: 195_000, currentCents: 180_000 });
  });

  it('lets the regisseur read but not change; volunteers and policy advisers see nothing; another municipality is 404', async () => {
    const t = await start();
    const regisseur = await loggedIn('regisseur@voorbeeldstad.demo');
    expect((await regisseur.request('GET', `${API}/schuldhulp/trajecten/${t.id}`)).statusCode).toBe(200);
    expect(
      (
        await regisseur.request('PUT', `${API}/schuldhulp/trajecten/${t.id}/fasen`, {
          fase: 'intake',
          version: t.version,
          startdatum: today,
        })
      ).statusCode,
    ).toBe(403);
    for (const email of ['vrijwilliger@voorbeeldstad.demo', 'beleid@voorbeeldstad.demo']) {
      const c = await loggedIn(email);
      expect((await c.request('GET', `${API}/schuldhulp/trajecten/${t.id}`)).statusCode, email).toBe(403);
      expect((await c.request('GET', `${API}/schuldhulp/trajecten`)).statusCode, email).toBe(403);
    }
    const [b] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE cbs_code = '9902'",
    );
    const other = await householdCase(b?.id);
    expect(
      (
        await sander.request('POST', `${API}/schuldhulp/trajecten`, {
          householdCaseId: other.caseId,
          threatening: false,
        })
      ).statusCode,
    ).toBe(404);
    const [theirs] = await v.database.query<{ id: string }>(
      `INSERT INTO debt_help_requests (municipality_id, household_case_id, requested_on, first_conversation_due)
       VALUES ($1, $2, current_date, current_date + 28) RETURNING id::text`,
      [b?.id, other.caseId],
    );
    const res = await sander.request('GET', `${API}/schuldhulp/trajecten/${theirs?.id}`);
    expect(res.statusCode).toBe(404);
    const list = await sander.request('GET', `${API}/schuldhulp/trajecten?limit=200`);
    expect(list.body).not.toContain(theirs?.id);
  });

  it('refuses a client from outside the household', async () => {
    const hc = await householdCase();
    const stranger = households[next]?.adults[0];
    const res = await sander.request('POST', `${API}/schuldhulp/trajecten`, {
      householdCaseId: hc.caseId,
      threatening: false,
      clientPersonIds: [hc.adults[0], stranger],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.clientPersonIds.1', code: 'not_in_household' }),
    ]);
    const [n] = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM debt_help_requests WHERE household_case_id = $1',
      [hc.caseId],
    );
    expect(n?.n).toBe(0);
  });

  it('exports a valid DDAS SHV document, and refuses to deliver a trajectory without a client', async () => {
    const chunks: string[] = [];
    const ctx = { actor: { type: 'system' as const, name: 'test' }, requestId: 'test' };
    const summary = await exportShvUitwisselmodel(
      v.database.orm,
      { organisation: '9901', van: addDays(today, -365), tot: today },
      (c) => chunks.push(c),
      { codeGegevensleverancier: 'VANGNET', ctx },
    );
    const doc = JSON.parse(chunks.join(''));
    expect(validateShvDocument(doc)).toEqual([]);
    expect(doc.leveringen).toHaveLength(1);
    expect(summary.trajecten[0]?.schuldhulptrajecten).toBe(doc.leveringen[0].schuldhulptrajecten.length);
    expect(doc.leveringen[0].schuldhulptrajecten.length).toBeGreaterThan(5);
    const withDebts = doc.leveringen[0].schuldhulptrajecten.find((t: { schulden?: unknown[] }) => t.schulden);
    expect(withDebts.totaalSchuldbedragBijAanvangSchuld).toBeGreaterThan(0);

    const broken = await start();
    // A household that is no longer matched to the BRP: the trajectory names no resident.
    await v.database.query('DELETE FROM debt_help_clients WHERE debt_help_request_id = $1', [broken.id]);
    await v.database.query('UPDATE household_cases SET household_id = NULL WHERE id = $1', [
      broken.householdCaseId,
    ]);
    const out: string[] = [];
    const err = await exportShvUitwisselmodel(
      v.database.orm,
      { organisation: '9901', van: addDays(today, -365), tot: today },
      (c) => out.push(c),
      { codeGegevensleverancier: 'VANGNET', ctx },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShvExportError);
    expect((err as ShvExportError).issues).toEqual([
      expect.objectContaining({ recordId: broken.id, rule: 'client_ontbreekt' }),
    ]);
    expect(out).toEqual([]);
  });
});
