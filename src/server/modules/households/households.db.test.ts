// The household plan through its API on a real database: opening a household from the BRP or by hand, the one
// regisseur and the hand-over race, network and consent (access follows consent exactly, also mid-session),
// volunteers without BSN, ZRM, goals and actions with their invariants, referrals, the timeline with the warm
// handover of a melding, known residents for new vroegsignalen, and the tagged PDF.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import { ZRM_DOMAINS } from '../../../shared/schemas/households.ts';
import type { Vangnet } from '../../server.ts';
import { PdfFile } from '../vroegsignalering/outreach/pdf-inspect.ts';

const API = '/api/v1';
const today = todayInNetherlands();
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Person = {
  id: string;
  bsn: string;
  household_id: string;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  geboortedatum: string;
  postcode: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
};

const scores = (level: number) => Object.fromEntries(ZRM_DOMAINS.map((d) => [d, level]));

describe('the integrated household plan', () => {
  let v: Vangnet;
  let regisseur: TestClient;
  let tweede: TestClient;
  let volunteer: TestClient;
  let schuldhulp: TestClient;
  let vera: TestClient;
  let regisseurId: string;
  let tweedeId: string;
  let volunteerId: string;
  let people: Person[];
  let next = 0;

  async function loggedIn(email: string, password?: string) {
    const c = new TestClient(v.app);
    const res = await c.login(email, password);
    expect(res.statusCode, email).toBe(200);
    return c;
  }

  /** A fresh BRP household (head of household, living alone at the address) per test. */
  const person = () => {
    const p = people[next++];
    if (!p) throw new Error('out of demo people');
    return p;
  };

  async function open(p: Person, c = regisseur) {
    const res = await c.request('POST', `${API}/huishoudplannen`, { householdId: p.household_id });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function get(id: string, c = regisseur) {
    return c.request('GET', `${API}/huishoudplannen/${id}`);
  }

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 300 });
    regisseur = await loggedIn('regisseur@voorbeeldstad.demo');
    volunteer = await loggedIn('vrijwilliger@voorbeeldstad.demo');
    schuldhulp = await loggedIn('schuldhulp@voorbeeldstad.demo');
    vera = await loggedIn('vroegsignalering@voorbeeldstad.demo');
    const beheer = await loggedIn('beheer@voorbeeldstad.demo');
    const created = await beheer.request('POST', `${API}/users`, {
      email: 'tess@voorbeeldstad.demo',
      displayName: 'Tess Tweede',
      password: 'Tess-regisseert-2026',
      roles: ['regisseur'],
    });
    expect(created.statusCode).toBe(201);
    tweedeId = created.json().id;
    tweede = await loggedIn('tess@voorbeeldstad.demo', 'Tess-regisseert-2026');
    regisseurId = (await regisseur.refreshSession()).user.id;
    volunteerId = (await volunteer.refreshSession()).user.id;
    // Households already in a demo plan are left out: each test starts a plan of its own.
    people = await v.database.query<Person>(
      `SELECT p.id, p.bsn, p.household_id, p.voornamen, p.voorvoegsel, p.geslachtsnaam,
              p.geboortedatum::text AS geboortedatum, a.postcode, a.huisnummer, a.huisletter, a.toevoeging
         FROM persons p JOIN addresses a ON a.id = p.address_id JOIN municipalities m ON m.id = p.municipality_id
        WHERE m.cbs_code = '9901' AND p.household_role = 'hoofd' AND p.brp_status = 'ingeschreven'
          AND p.geboortedatum < now() - interval '30 years'
          AND NOT EXISTS (SELECT 1 FROM persons o WHERE o.address_id = p.address_id AND o.household_id <> p.household_id)
          AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = p.household_id)
        ORDER BY p.bsn LIMIT 40`,
    );
    expect(people.length).toBeGreaterThan(15);
  }, 120_000);
  afterAll(async () => v?.close());

  it('seeds demo households with networks, consents, a ZRM history, goals in progress and reached', async () => {
    const caseload = (await regisseur.request('GET', `${API}/huishoudplannen`)).json().items;
    expect(caseload.length).toBeGreaterThanOrEqual(3);
    const views = await Promise.all(caseload.map(async (i: { id: string }) => (await get(i.id)).json()));
    const full = views.find((x) => (x.zrm?.length ?? 0) >= 3);
    expect(full).toBeDefined();
    expect(full.goals.map((g: { status: string }) => g.status).sort()).toEqual([
      'actief',
      'actief',
      'bereikt',
    ]);
    expect(full.network.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'formeel',
      'informeel',
      'informeel',
    ]);
    expect(full.consents.some((k: { active: boolean }) => k.active)).toBe(true);
    expect(full.referrals.length).toBe(2);
    expect(views.some((x) => x.members.every((m: { source: string }) => m.source === 'ingevoerd'))).toBe(
      true,
    );
    // The demo budgetmaatje and the external professional log in and see their households, without a BSN.
    const maud = await loggedIn('netwerkpartner@voorbeeldstad.demo');
    for (const c of [volunteer, maud]) {
      const own = (await c.request('GET', `${API}/huishoudplannen`)).json().items;
      expect(own).toHaveLength(1);
      const seen = await get(own[0].id, c);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().access.level).toBe('netwerk');
      expect(seen.body).not.toMatch(/"bsn"/);
    }
  });

  it('opens a household from the BRP with its members, one regisseur, a timeline and an audit row', async () => {
    const p = person();
    const view = await open(p);
    expect(view.regisseur).toEqual({ id: regisseurId, name: 'Rachid Regisseur' });
    expect(view.access).toMatchObject({ level: 'professional', canManage: true });
    const brp = await v.database.query<{ id: string }>(
      "SELECT id FROM persons WHERE household_id = $1 AND brp_status = 'ingeschreven'",
      [p.household_id],
    );
    expect(view.members.map((m: { personId: string }) => m.personId).sort()).toEqual(
      brp.map((r) => r.id).sort(),
    );
    const head = view.members.find((m: { personId: string }) => m.personId === p.id);
    expect(head).toMatchObject({ source: 'brp', bsn: p.bsn, role: 'hoofd' });
    expect(view.label).toContain(p.geslachtsnaam);
    expect(view.regisseurHistory).toHaveLength(1);
    expect(view.timeline.items[0]).toMatchObject({ category: 'huishouden', kind: 'huishouden_geopend' });
    expect(view.timeline.items[0].by).toEqual({ id: regisseurId, name: 'Rachid Regisseur' });
    const [audit] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'household.open' AND $1 = ANY(subject_ids)",
      [view.id],
    );
    expect(audit?.n).toBe(1);

    // Known to debt help from now on, with this regisseur.
    const known = await v.database.query<{ person_id: string; regisseur_user_id: string }>(
      'SELECT person_id, regisseur_user_id FROM known_residents WHERE person_id = ANY($1::uuid[])',
      [brp.map((r) => r.id)],
    );
    expect(known.map((k) => k.person_id).sort()).toEqual(brp.map((r) => r.id).sort());
    expect(new Set(known.map((k) => k.regisseur_user_id))).toEqual(new Set([regisseurId]));

    // A second plan for the same household is refused, naming the open one.
    const again = await regisseur.request('POST', `${API}/huishoudplannen`, { householdId: p.household_id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ householdCaseId: view.id });
    expect(again.json().type).toMatch(/huishouden-heeft-plan$/);

    // The read is logged too, and the caseload lists it.
    expect((await get(view.id)).statusCode).toBe(200);
    const caseload = await regisseur.request('GET', `${API}/huishoudplannen`);
    expect(caseload.json().items.map((i: { id: string }) => i.id)).toContain(view.id);
    const item = caseload.json().items.find((i: { id: string }) => i.id === view.id);
    expect(item).toMatchObject({ members: brp.length, activeGoals: 0, openActions: 0 });
  });

  it('flags a new vroegsignaal about a member as known to debt help', async () => {
    const p = person();
    await open(p);
    const res = await vera.request('POST', `${API}/vroegsignalen/handmatig`, {
      signal: {
        voornamen: p.voornamen,
        ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
        achternaam: p.geslachtsnaam,
        geboortedatum: p.geboortedatum,
        postcode: p.postcode,
        huisnummer: p.huisnummer,
        ...(p.huisletter ? { huisletter: p.huisletter } : {}),
        ...(p.toevoeging ? { toevoeging: p.toevoeging } : {}),
        amountCents: 25_000,
        signalDate: today,
      },
    });
    expect(res.statusCode).toBe(200);
    const [signal] = await v.database.query<{ ddas_status: string; person_id: string }>(
      'SELECT ddas_status, person_id FROM signals WHERE id = $1',
      [res.json().results[0].id],
    );
    expect(signal?.person_id).toBe(p.id);
    expect(signal?.ddas_status).toBe('Inwoner al bekend bij schuldhulpverlening');
  });

  it('opens a household entered by hand, and names the fields it misses without saving anything', async () => {
    const before = await v.database.query<{ n: number }>('SELECT count(*)::int AS n FROM household_cases');
    const bad = await regisseur.request('POST', `${API}/huishoudplannen`, {
      members: [{ voornamen: 'Anna', role: 'hoofd' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.members.0.geslachtsnaam', code: 'required' }),
    ]);
    const none = await regisseur.request('POST', `${API}/huishoudplannen`, {});
    expect(none.json().invalidParams[0]).toMatchObject({ name: 'body.members', code: 'required' });
    const after = await v.database.query<{ n: number }>('SELECT count(*)::int AS n FROM household_cases');
    expect(after[0]?.n).toBe(before[0]?.n);

    const ok = await regisseur.request('POST', `${API}/huishoudplannen`, {
      members: [
        { voornamen: 'Anna', geslachtsnaam: 'Nieuwkomer', role: 'hoofd', phone: '06-12345678' },
        { voornamen: 'Bo', geslachtsnaam: 'Nieuwkomer', role: 'kind', geboortedatum: '2015-04-01' },
      ],
      planLanguage: 'en',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ label: 'Anna Nieuwkomer', planLanguage: 'en', householdId: null });
    expect(ok.json().members.map((m: { source: string }) => m.source)).toEqual(['ingevoerd', 'ingevoerd']);
    expect(ok.json().members[0].bsn).toBeUndefined();
  });

  it('has exactly one regisseur: a recorded hand-over, 409 for the slower of two, and the old one may no longer change it', async () => {
    const p = person();
    const view = await open(p);
    const stale = await regisseur.request('PUT', `${API}/huishoudplannen/${view.id}/regisseur`, {
      regisseurId: tweedeId,
      version: view.version + 5,
      reason: 'Verlof',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toMatch(/huishouden-gewijzigd$/);

    // Two hand-overs at once on the same version: one wins, the other is told someone was quicker.
    const regisseur2 = await loggedIn('regisseur@voorbeeldstad.demo');
    const answers = await Promise.all([
      regisseur.request('PUT', `${API}/huishoudplannen/${view.id}/regisseur`, {
        regisseurId: tweedeId,
        version: view.version,
        reason: 'Tess kent de familie',
      }),
      regisseur2.request('PUT', `${API}/huishoudplannen/${view.id}/regisseur`, {
        regisseurId: tweedeId,
        version: view.version,
        reason: 'Dubbel',
      }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const won = answers.findIndex((r) => r.statusCode === 200);
    const after = answers[won]?.json();
    // On PostgreSQL either request may come first; the reason recorded is the winner's.
    const reason = won === 0 ? 'Tess kent de familie' : 'Dubbel';
    expect(after.regisseur).toEqual({ id: tweedeId, name: 'Tess Tweede' });
    expect(after.regisseurHistory.map((h: { to: { id: string } }) => h.to.id)).toEqual([
      regisseurId,
      tweedeId,
    ]);
    expect(after.regisseurHistory[1]).toMatchObject({ from: { id: regisseurId }, reason });
    expect(after.access.canManage).toBe(false);

    // The previous regisseur cannot change the plan any more; the new one can.
    const head = after.members[0].id;
    const goal = {
      title: 'Rust in de post',
      zrmDomain: 'financien',
      chosenByMemberId: head,
      targetDate: addDays(today, 30),
    };
    const refused = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/doelen`, goal);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toMatch(/niet-de-regisseur$/);
    expect((await tweede.request('POST', `${API}/huishoudplannen/${view.id}/doelen`, goal)).statusCode).toBe(
      200,
    );

    // New vroegsignalen about the members now go to the new regisseur.
    const [known] = await v.database.query<{ regisseur_user_id: string }>(
      'SELECT regisseur_user_id FROM known_residents WHERE person_id = $1',
      [p.id],
    );
    expect(known?.regisseur_user_id).toBe(tweedeId);
    // A debt counsellor reads plans but does not hand them over.
    expect(
      (
        await schuldhulp.request('PUT', `${API}/huishoudplannen/${view.id}/regisseur`, {
          regisseurId,
          version: after.version,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect((await get(view.id, schuldhulp)).statusCode).toBe(200);
  });

  it('gives network members access exactly as far as consent reaches, refuses them after a withdrawal, never shows a BSN', async () => {
    const p = person();
    const view = await open(p);
    const head = view.members[0];

    // Professionals belong to a named organisation; the relation must fit the kind.
    const noOrg = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/netwerk`, {
      kind: 'formeel',
      relation: 'ggz',
      name: 'Gijs GGZ',
    });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().invalidParams.map((i: { name: string }) => i.name)).toEqual(['body.organisation']);
    const mismatch = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/netwerk`, {
      kind: 'informeel',
      relation: 'bewindvoerder',
      name: 'X',
    });
    expect(mismatch.json().invalidParams[0]).toMatchObject({
      name: 'body.relation',
      code: 'relation_kind_mismatch',
    });

    const withMaatje = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/netwerk`, {
      kind: 'informeel',
      relation: 'budgetmaatje',
      name: 'Vincent Vrijwilliger',
      userId: volunteerId,
    });
    expect(withMaatje.statusCode).toBe(200);
    const maatje = withMaatje.json().network.find((n: { relation: string }) => n.relation === 'budgetmaatje');
    expect(maatje.user).toEqual({ id: volunteerId, name: 'Vincent Vrijwilliger' });

    // In the network but no consent yet: refused with a reason, and the refusal is logged.
    const noConsent = await get(view.id, volunteer);
    expect(noConsent.statusCode).toBe(403);
    expect(noConsent.json().type).toMatch(/geen-toestemming$/);

    // Consent for the plan only: goals yes, members, ZRM and referrals no.
    const consent = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/toestemmingen`, {
      networkMemberId: maatje.id,
      categories: ['plan'],
      purpose: 'Samen werken aan de doelen',
      givenOn: today,
      givenByMemberId: head.id,
    });
    expect(consent.statusCode).toBe(200);
    const consentId = consent.json().consents[0].id;
    expect(consent.json().consents[0]).toMatchObject({
      categories: ['plan'],
      givenBy: { id: head.id },
      recordedBy: { id: regisseurId },
      active: true,
    });
    await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/doelen`, {
      title: 'Elke week de post openen',
      zrmDomain: 'financien',
      chosenByMemberId: head.id,
      targetDate: addDays(today, 60),
    });
    const asMaatje = await get(view.id, volunteer);
    expect(asMaatje.statusCode).toBe(200);
    const seen = asMaatje.json();
    expect(seen.access).toEqual({ level: 'netwerk', categories: ['plan'], canManage: false });
    expect(seen.goals.map((g: { title: string }) => g.title)).toEqual(['Elke week de post openen']);
    expect(seen).toMatchObject({ members: null, network: null, zrm: null, referrals: null, timeline: null });
    expect(seen.consents.map((k: { id: string }) => k.id)).toEqual([consentId]);
    expect(asMaatje.body).not.toContain(p.bsn);
    expect((await volunteer.request('GET', `${API}/huishoudplannen/${view.id}/tijdlijn`)).statusCode).toBe(
      403,
    );
    // A volunteer changes nothing.
    expect(
      (
        await volunteer.request('POST', `${API}/huishoudplannen/${view.id}/zrm`, {
          assessedOn: today,
          scores: scores(3),
        })
      ).statusCode,
    ).toBe(403);
    // Their own list shows the household (next to the demo household they help).
    const list = await volunteer.request('GET', `${API}/huishoudplannen`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(view.id);

    // Wider consent: the members, still without BSN (volunteers never see one).
    const wider = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/toestemmingen`, {
      networkMemberId: maatje.id,
      categories: ['netwerk', 'tijdlijn'],
      purpose: 'Weten wie er meehelpt',
      givenOn: today,
      givenByMemberId: head.id,
    });
    const widerId = wider
      .json()
      .consents.find((k: { categories: string[] }) => k.categories.includes('netwerk')).id;
    const withMembers = await get(view.id, volunteer);
    expect(withMembers.json().members.length).toBeGreaterThan(0);
    for (const m of withMembers.json().members) expect(m.bsn).toBeUndefined();
    expect(withMembers.body).not.toContain(p.bsn);
    const tl = await volunteer.request('GET', `${API}/huishoudplannen/${view.id}/tijdlijn`);
    expect(tl.statusCode).toBe(200);
    const cats = new Set(tl.json().items.map((e: { category: string }) => e.category));
    expect(
      [...cats].every((c) => ['huishouden', 'netwerk', 'toestemming', 'plan'].includes(c as string)),
    ).toBe(true);

    // The resident withdraws both consents while the volunteer has the plan open: the next request is refused.
    for (const id of [consentId, widerId]) {
      const w = await regisseur.request('POST', `${API}/huishoudplan-toestemmingen/${id}/intrekking`, {
        withdrawnOn: today,
        withdrawnByMemberId: head.id,
      });
      expect(w.statusCode).toBe(200);
    }
    const twice = await regisseur.request(
      'POST',
      `${API}/huishoudplan-toestemmingen/${consentId}/intrekking`,
      {
        withdrawnOn: today,
        withdrawnByMemberId: head.id,
      },
    );
    expect(twice.statusCode).toBe(409);
    const refused = await get(view.id, volunteer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toMatch(/geen-toestemming$/);
    expect(refused.body).not.toContain('Elke week');
    expect((await volunteer.request('GET', `${API}/huishoudplannen/${view.id}/plan.pdf`)).statusCode).toBe(
      403,
    );
    const [refusals] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'household.read_refused' AND $1 = ANY(subject_ids)",
      [view.id],
    );
    expect(refusals?.n).toBeGreaterThanOrEqual(2);
    const final = (await get(view.id)).json();
    expect(
      final.consents.every(
        (k: { active: boolean; withdrawnBy: { id: string } }) => !k.active && k.withdrawnBy.id === head.id,
      ),
    ).toBe(true);
    expect(
      final.timeline.items.filter((e: { kind: string }) => e.kind === 'toestemming_ingetrokken'),
    ).toHaveLength(2);

    // Outside the network a volunteer learns nothing: 404, as for a household that does not exist.
    const elsewhere = await open(person());
    expect((await get(elsewhere.id, volunteer)).statusCode).toBe(404);
    // A role without any access to plans is refused outright.
    const other = await loggedIn('coordinator@voorbeeldstad.demo');
    expect((await get(view.id, other)).statusCode).toBe(403);
  });

  it('scores all 13 ZRM domains 1-5 over time and the bridge per pillar', async () => {
    const view = await open(person());
    const missing = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/zrm`, {
      assessedOn: today,
      scores: { ...scores(2), justitie: undefined },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().invalidParams.map((i: { name: string }) => i.name)).toContain(
      'body.scores.justitie',
    );
    const tooHigh = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/zrm`, {
      assessedOn: today,
      scores: { ...scores(2), financien: 6 },
    });
    expect(tooHigh.json().invalidParams[0].name).toBe('body.scores.financien');
    const future = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/zrm`, {
      assessedOn: addDays(today, 3),
      scores: scores(2),
    });
    expect(future.json().invalidParams[0]).toMatchObject({ name: 'body.assessedOn', code: 'in_future' });
    await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/zrm`, {
      assessedOn: addDays(today, -90),
      scores: { ...scores(2), financien: 1 },
    });
    const second = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/zrm`, {
      assessedOn: today,
      scores: { ...scores(3), financien: 3 },
      note: 'Betalingsregeling loopt',
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().zrm.map((z: { scores: { financien: number } }) => z.scores.financien)).toEqual([
      1, 3,
    ]);
    const bridge = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/brug`, {
      assessedOn: today,
      levels: {
        gezinsstabiliteit: 3,
        welzijn: 2,
        financieel_beheer: 1,
        onderwijs_training: 4,
        werk_loopbaan: 2,
      },
    });
    expect(bridge.statusCode).toBe(200);
    expect(bridge.json().bridge[0].levels).toMatchObject({ financieel_beheer: 1, onderwijs_training: 4 });
  });

  it('keeps goals and actions concrete: no past target date, no owner outside the network, progress and recognition', async () => {
    const view = await open(person());
    const head = view.members[0];
    const goalCount = async () =>
      (
        await v.database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM household_goals WHERE household_case_id = $1',
          [view.id],
        )
      )[0]?.n;

    const past = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/doelen`, {
      title: 'Schulden op een rij',
      zrmDomain: 'financien',
      chosenByMemberId: head.id,
      targetDate: addDays(today, -1),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.targetDate', code: 'in_past' }),
    ]);
    const unlinked = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/doelen`, {
      title: 'Iets',
      chosenByMemberId: head.id,
      targetDate: today,
    });
    expect(unlinked.json().invalidParams[0]).toMatchObject({ name: 'body.zrmDomain', code: 'required' });
    expect(await goalCount()).toBe(0);

    const added = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/doelen`, {
      title: 'Schulden op een rij',
      pillar: 'financieel_beheer',
      zrmDomain: 'financien',
      chosenByMemberId: head.id,
      targetDate: today,
    });
    expect(added.statusCode).toBe(200);
    const goal = added.json().goals[0];

    // An owner from another household's network is outside this one.
    const elsewhere = await open(person());
    const otherNet = await regisseur.request('POST', `${API}/huishoudplannen/${elsewhere.id}/netwerk`, {
      kind: 'informeel',
      relation: 'buur',
      name: 'Buurvrouw Els',
    });
    const strangerId = otherNet.json().network[0].id;
    const outside = await regisseur.request('POST', `${API}/huishoudplan-doelen/${goal.id}/acties`, {
      description: 'Samen de brieven sorteren',
      owner: { kind: 'netwerk', networkMemberId: strangerId },
      dueDate: addDays(today, 7),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().invalidParams[0]).toMatchObject({
      name: 'body.owner.networkMemberId',
      code: 'not_in_network',
    });
    const notMember = await regisseur.request('POST', `${API}/huishoudplan-doelen/${goal.id}/acties`, {
      description: 'Bellen met de verhuurder',
      owner: { kind: 'bewoner', memberId: elsewhere.members[0].id },
      dueDate: addDays(today, 7),
    });
    expect(notMember.json().invalidParams[0]).toMatchObject({ code: 'not_in_household' });
    const [actions] = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM household_actions WHERE goal_id = $1',
      [goal.id],
    );
    expect(actions?.n).toBe(0);

    const a1 = await regisseur.request('POST', `${API}/huishoudplan-doelen/${goal.id}/acties`, {
      description: 'Alle brieven in één map doen',
      owner: { kind: 'bewoner', memberId: head.id },
      dueDate: today,
    });
    expect(a1.statusCode).toBe(200);
    const a2 = await regisseur.request('POST', `${API}/huishoudplan-doelen/${goal.id}/acties`, {
      description: 'Schuldeisers bellen voor een overzicht',
      owner: { kind: 'regisseur' },
      dueDate: addDays(today, 14),
    });
    const g2 = a2.json().goals[0];
    expect(g2.actions.map((a: { owner: { kind: string; name: string } }) => a.owner)).toEqual([
      { kind: 'bewoner', id: head.id, name: head.naam },
      { kind: 'regisseur', id: regisseurId, name: 'Rachid Regisseur' },
    ]);
    expect(g2.progress).toEqual({ done: 0, total: 2 });
    const done = await regisseur.request('PATCH', `${API}/huishoudplan-acties/${g2.actions[0].id}`, {
      status: 'gedaan',
    });
    expect(done.json().goals[0].progress).toEqual({ done: 1, total: 2 });
    expect(done.json().goals[0].actions[0]).toMatchObject({ status: 'gedaan', doneOn: today });

    const milestone = await regisseur.request('POST', `${API}/huishoudplan-doelen/${goal.id}/voortgang`, {
      kind: 'mijlpaal',
      note: 'Alle post is open',
      occurredOn: today,
    });
    expect(milestone.json().goals[0].events).toEqual([
      expect.objectContaining({ kind: 'mijlpaal', note: 'Alle post is open' }),
    ]);

    const stale = await regisseur.request('PATCH', `${API}/huishoudplan-doelen/${goal.id}`, {
      version: goal.version + 1,
      status: 'bereikt',
    });
    expect(stale.statusCode).toBe(409);
    const reached = await regisseur.request('PATCH', `${API}/huishoudplan-doelen/${goal.id}`, {
      version: goal.version,
      status: 'bereikt',
      recognition: 'Wat knap dat je dit hebt gedaan!',
    });
    expect(reached.statusCode).toBe(200);
    const g3 = reached.json().goals[0];
    expect(g3).toMatchObject({
      status: 'bereikt',
      reachedOn: today,
      recognition: 'Wat knap dat je dit hebt gedaan!',
    });
    expect(g3.events.at(-1)).toMatchObject({ kind: 'bereikt', note: 'Wat knap dat je dit hebt gedaan!' });
    expect(reached.json().timeline.items[0]).toMatchObject({
      category: 'plan',
      kind: 'doel_bereikt',
      text: 'Schulden op een rij',
    });
    // No new actions on a reached goal.
    const late = await regisseur.request('POST', `${API}/huishoudplan-doelen/${goal.id}/acties`, {
      description: 'Nog iets',
      owner: { kind: 'regisseur' },
      dueDate: today,
    });
    expect(late.statusCode).toBe(409);
    const item = (await regisseur.request('GET', `${API}/huishoudplannen?limit=200`))
      .json()
      .items.find((i: { id: string }) => i.id === view.id);
    expect(item).toMatchObject({ activeGoals: 0, reachedGoals: 1, openActions: 1 });
  });

  it('refers with consent, follows the answer, and shows it on the filterable timeline', async () => {
    const view = await open(person());
    const head = view.members[0];
    const noOrg = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/verwijzingen`, {
      target: 'overig',
      reason: 'Hulp bij formulieren',
      consent: { givenOn: today, memberId: head.id, shared: 'Naam en telefoonnummer' },
    });
    expect(noOrg.json().invalidParams[0]).toMatchObject({ name: 'body.organisation', code: 'required' });
    const noConsent = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/verwijzingen`, {
      target: 'voedselbank',
      reason: 'Eten deze maand',
    });
    expect(noConsent.json().invalidParams.map((i: { name: string }) => i.name)).toContain('body.consent');
    const sent = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/verwijzingen`, {
      target: 'voedselbank',
      reason: 'Eten deze maand',
      remindOn: today,
      consent: { givenOn: today, memberId: head.id, shared: 'Naam, adres en gezinsgrootte' },
    });
    expect(sent.statusCode).toBe(200);
    const r = sent.json().referrals[0];
    expect(r).toMatchObject({
      kind: 'extern',
      status: 'verzonden',
      reminderDue: true,
      consent: { member: { id: head.id } },
    });
    const internal = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/verwijzingen`, {
      target: 'gemeentelijke_belastingen',
      reason: 'Kwijtschelding aanvragen',
      consent: { givenOn: today, memberId: head.id, shared: 'Inkomen en vaste lasten' },
    });
    expect(internal.json().referrals[0]).toMatchObject({
      kind: 'intern',
      target: 'gemeentelijke_belastingen',
    });
    const accepted = await regisseur.request('PATCH', `${API}/huishoudplan-verwijzingen/${r.id}`, {
      version: r.version,
      status: 'geaccepteerd',
      reply: 'Welkom vanaf donderdag',
    });
    expect(accepted.statusCode).toBe(200);
    const ra = accepted.json().referrals.find((x: { id: string }) => x.id === r.id);
    expect(ra).toMatchObject({
      status: 'geaccepteerd',
      reply: 'Welkom vanaf donderdag',
      repliedOn: today,
      version: r.version + 1,
    });
    const stale = await regisseur.request('PATCH', `${API}/huishoudplan-verwijzingen/${r.id}`, {
      version: r.version,
      status: 'afgerond',
    });
    expect(stale.statusCode).toBe(409);

    const tl = await regisseur.request(
      'GET',
      `${API}/huishoudplannen/${view.id}/tijdlijn?categorie=verwijzing`,
    );
    expect(tl.json().items.map((e: { kind: string }) => e.kind)).toEqual([
      'verwijzing_geaccepteerd',
      'verwijzing_verzonden',
      'verwijzing_verzonden',
    ]);
    // Pages follow on without gaps.
    const p1 = await regisseur.request('GET', `${API}/huishoudplannen/${view.id}/tijdlijn?limit=2`);
    const p2 = await regisseur.request(
      'GET',
      `${API}/huishoudplannen/${view.id}/tijdlijn?limit=2&cursor=${p1.json().nextCursor}`,
    );
    const all = await regisseur.request('GET', `${API}/huishoudplannen/${view.id}/tijdlijn?limit=4`);
    expect([...p1.json().items, ...p2.json().items].map((e: { id: string }) => e.id)).toEqual(
      all.json().items.map((e: { id: string }) => e.id),
    );
    // A cursor we did not make, naming a time that does not exist, is a 400 on both paged lists, never a 500.
    const forged = Buffer.from(
      JSON.stringify(['2026-02-30T10:00:00.000000Z', '00000000-0000-4000-8000-000000000000']),
    ).toString('base64url');
    for (const url of [
      `${API}/huishoudplannen/${view.id}/tijdlijn?cursor=${forged}`,
      `${API}/huishoudplannen?cursor=${forged}`,
    ]) {
      const bad = await regisseur.request('GET', url);
      expect(bad.statusCode, url).toBe(400);
      expect(bad.json().invalidParams[0].name).toBe('query.cursor');
    }
  });

  it('adopts the household of a warm handover from vroegsignalering, with the handover on its timeline', async () => {
    const p = person();
    const signal = await vera.request('POST', `${API}/vroegsignalen/handmatig`, {
      signal: {
        voornamen: p.voornamen,
        ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
        achternaam: p.geslachtsnaam,
        geboortedatum: p.geboortedatum,
        postcode: p.postcode,
        huisnummer: p.huisnummer,
        ...(p.huisletter ? { huisletter: p.huisletter } : {}),
        ...(p.toevoeging ? { toevoeging: p.toevoeging } : {}),
        amountCents: 80_000,
        signalDate: today,
      },
    });
    const [s] = await v.database.query<{ melding_id: string }>(
      'SELECT melding_id FROM signals WHERE id = $1',
      [signal.json().results[0].id],
    );
    const meldingId = s?.melding_id as string;
    const melding = (await vera.request('GET', `${API}/opvolging/meldingen/${meldingId}`)).json();
    const attempt = await vera.request('POST', `${API}/opvolging/meldingen/${meldingId}/contactpogingen`, {
      version: melding.version,
      soort: 'Telefoon',
      datum: today,
      bereikt: true,
    });
    const handover = await vera.request('POST', `${API}/opvolging/meldingen/${meldingId}/overdracht`, {
      kind: 'regisseur',
      version: attempt.json().version,
      regisseurId,
    });
    expect(handover.statusCode).toBe(201);
    const caseId = handover.json().householdCase.id;
    const caseload = (await regisseur.request('GET', `${API}/huishoudplannen?limit=200`)).json().items;
    expect(caseload.find((i: { id: string }) => i.id === caseId)?.label).toContain(p.geslachtsnaam);
    const view = (await get(caseId)).json();
    expect(view.openedFromMeldingId).toBe(meldingId);
    expect(view.members.map((m: { personId: string }) => m.personId)).toContain(p.id);
    const kinds = view.timeline.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('melding_regisseur');
    expect(kinds).toContain('leden_uit_brp');
    const onlyMelding = await regisseur.request(
      'GET',
      `${API}/huishoudplannen/${caseId}/tijdlijn?categorie=melding`,
    );
    expect(onlyMelding.json().items).toEqual([
      expect.objectContaining({
        category: 'melding',
        kind: 'melding_regisseur',
        subjectId: meldingId,
        by: expect.objectContaining({ name: 'Vera van Vroeg' }),
      }),
    ]);
    const [known] = await v.database.query<{ regisseur_user_id: string }>(
      'SELECT regisseur_user_id FROM known_residents WHERE person_id = $1',
      [p.id],
    );
    expect(known?.regisseur_user_id).toBe(regisseurId);
  });

  it('prints the plan as a tagged PDF in Dutch and English without a BSN, and closes the plan', async () => {
    const p = person();
    const view = await open(p);
    const head = view.members[0];
    await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/doelen`, {
      title: 'Een buffer van 100 euro',
      zrmDomain: 'financien',
      chosenByMemberId: head.id,
      targetDate: addDays(today, 90),
    });
    await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/zrm`, {
      assessedOn: today,
      scores: scores(3),
    });
    for (const lang of ['nl', 'en'] as const) {
      const res = await regisseur.request('GET', `${API}/huishoudplannen/${view.id}/plan.pdf?taal=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/pdf');
      const pdf = new PdfFile(res.rawPayload);
      expect(pdf.catalog.Lang).toBe(lang);
      expect(pdf.dict(pdf.catalog.MarkInfo).Marked).toBe(true);
      const [root] = pdf.structure();
      expect(root?.type).toBe('Document');
      expect(root?.children[0]?.type).toBe('H1');
      const text = pdf.textInReadingOrder().join('\n');
      expect(text).toContain('Een buffer van 100 euro');
      expect(text).toContain(lang === 'nl' ? 'Onze doelen' : 'Our goals');
      expect(text).toContain(
        lang === 'nl' ? 'Financiën: 3 (Beperkt zelfredzaam)' : 'Finances: 3 (Partly self-reliant)',
      );
      expect(text).not.toContain(p.bsn);
      // The reading order: title first, then the contact person, then the goals.
      expect(text.indexOf(lang === 'nl' ? 'Ons plan' : 'Our plan')).toBe(0);
    }
    const closed = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/afsluiting`, {
      version: view.version,
      reason: 'Doelen bereikt',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'gesloten', access: { canManage: false } });
    const known = await v.database.query('SELECT 1 FROM known_residents WHERE person_id = $1', [p.id]);
    expect(known).toEqual([]);
    const change = await regisseur.request('POST', `${API}/huishoudplannen/${view.id}/zrm`, {
      assessedOn: today,
      scores: scores(3),
    });
    expect(change.statusCode).toBe(409);
    expect(change.json().type).toMatch(/huishouden-gesloten$/);
  });
});
