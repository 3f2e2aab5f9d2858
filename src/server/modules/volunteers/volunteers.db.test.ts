// Budgetmaatjes through the API on a real database: registering volunteers, the ranked matching with reasons,
// the refusal of an expired VOG, the volunteer's view (only what the resident shared, never a BSN), meetings that
// feed the household plan, escalation to the regisseur, and ending a match from either side.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { todayInNetherlands } from '../../../shared/calendar.ts';
import type { Vangnet } from '../../server.ts';

const API = '/api/v1';
const today = todayInNetherlands();
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('budgetmaatjes', () => {
  let v: Vangnet;
  let coordinator: TestClient;
  let regisseur: TestClient;
  let volunteer: TestClient;
  let organisationId: string;
  let wijkIds: string[];
  let volunteerUserId: string;
  let caseId: string;
  let caseBsns: string[];
  let headMemberId: string;

  async function loggedIn(email: string) {
    const c = new TestClient(v.app);
    expect((await c.login(email)).statusCode, email).toBe(200);
    return c;
  }

  const base = (over: Record<string, unknown> = {}) => ({
    organisationId,
    displayName: 'Maatje',
    trainingStatus: 'afgerond',
    vogIssuedOn: addDays(today, -100),
    vogExpiresOn: addDays(today, 700),
    helpKinds: ['administratie'],
    ...over,
  });

  async function addVolunteer(over: Record<string, unknown>) {
    const res = await coordinator.request('POST', `${API}/vrijwilligers`, base(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function addRequest(over: Record<string, unknown> = {}) {
    const res = await coordinator.request('POST', `${API}/maatjes-hulpvragen`, {
      // Only this test's organisation: the demo region has volunteers of its own.
      organisationId,
      residentName: 'Fatima',
      residentContact: '06-12345678',
      sharedSummary: 'Wil hulp bij het ordenen van post en een overzicht van de vaste lasten.',
      consentGivenOn: today,
      helpKinds: ['administratie', 'budgetteren'],
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 120 });
    coordinator = await loggedIn('coordinator@voorbeeldstad.demo');
    regisseur = await loggedIn('regisseur@voorbeeldstad.demo');
    volunteer = await loggedIn('vrijwilliger@voorbeeldstad.demo');
    const [m] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE name = 'Voorbeeldstad'",
    );
    wijkIds = (
      await v.database.query<{ id: string }>(
        'SELECT id FROM wijken WHERE municipality_id = $1 ORDER BY code',
        [m?.id],
      )
    ).map((r) => r.id);
    const [vu] = await v.database.query<{ id: string }>(
      "SELECT id FROM users WHERE email = 'vrijwilliger@voorbeeldstad.demo'",
    );
    volunteerUserId = vu?.id ?? '';
    const [coord] = await v.database.query<{ id: string }>(
      "SELECT id FROM users WHERE email = 'coordinator@voorbeeldstad.demo'",
    );
    const org = await coordinator.request('POST', `${API}/vrijwilligersorganisaties`, {
      name: 'SchuldHulpMaatje Test',
      coordinatorIds: [coord?.id],
    });
    expect(org.statusCode, org.body).toBe(201);
    organisationId = org.json().id;
    // A household plan of a BRP household, with a goal.
    const [hh] = await v.database.query<{ household_id: string }>(
      `SELECT p.household_id FROM persons p WHERE p.municipality_id = $1 AND p.household_role = 'hoofd'
          AND p.brp_status = 'ingeschreven'
          AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = p.household_id)
        ORDER BY p.bsn LIMIT 1`,
      [m?.id],
    );
    const plan = await regisseur.request('POST', `${API}/huishoudplannen`, { householdId: hh?.household_id });
    expect(plan.statusCode, plan.body).toBe(201);
    caseId = plan.json().id;
    headMemberId = plan.json().members[0].id;
    caseBsns = (
      await v.database.query<{ bsn: string }>('SELECT bsn FROM persons WHERE household_id = $1', [
        hh?.household_id,
      ])
    ).map((r) => r.bsn);
    expect(caseBsns.length).toBeGreaterThan(0);
  });
  afterAll(async () => v?.close());

  it('lists the logins a coordinator can link, with the volunteer each is linked to; others may not', async () => {
    const before = await coordinator.request('GET', `${API}/vrijwilligers-accounts`);
    expect(before.statusCode, before.body).toBe(200);
    const accounts = before.json() as { id: string; role: string; volunteerId: string | null }[];
    expect(accounts.find((a) => a.id === volunteerUserId)).toMatchObject({ role: 'vrijwilliger' });
    expect(accounts.some((a) => a.role === 'coordinator_vrijwilligers')).toBe(true);
    expect(accounts.every((a) => ['vrijwilliger', 'coordinator_vrijwilligers'].includes(a.role))).toBe(true);
    // The demo links the vrijwilliger login to a volunteer; the list says which one.
    const [linked] = await v.database.query<{ id: string }>('SELECT id FROM volunteers WHERE user_id = $1', [
      volunteerUserId,
    ]);
    expect(accounts.find((a) => a.id === volunteerUserId)?.volunteerId).toBe(linked?.id ?? null);
    expect((await regisseur.request('GET', `${API}/vrijwilligers-accounts`)).statusCode).toBe(403);
    expect((await volunteer.request('GET', `${API}/vrijwilligers-accounts`)).statusCode).toBe(403);
  });

  it('refuses a coordinator who is not one and a wijk of nowhere, naming the fields', async () => {
    const res = await coordinator.request('POST', `${API}/vrijwilligersorganisaties`, {
      name: 'Andere organisatie',
      coordinatorIds: [volunteerUserId],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams[0]).toMatchObject({
      name: 'body.coordinatorIds.0',
      code: 'not_a_coordinator',
    });
    const bad = await coordinator.request(
      'POST',
      `${API}/vrijwilligers`,
      base({ wijkId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams.map((p: { code: string }) => p.code)).toEqual(['unknown_wijk']);
  });

  it('ranks available volunteers with their reasons and leaves out an expired VOG, and refuses to match it', async () => {
    const arabic = await addVolunteer({
      displayName: 'Amira Arabisch',
      languages: ['nl', 'ar'],
      backgrounds: ['syrisch'],
      migrationExperience: true,
      wijkId: wijkIds[0],
      availability: ['di-avond', 'do-avond'],
      helpKinds: ['administratie', 'budgetteren'],
    });
    const plain = await addVolunteer({
      displayName: 'Bert Basis',
      languages: ['nl'],
      helpKinds: ['administratie'],
    });
    const expired = await addVolunteer({
      displayName: 'Eva Verlopen',
      languages: ['ar'],
      backgrounds: ['syrisch'],
      vogIssuedOn: addDays(today, -1200),
      vogExpiresOn: addDays(today, -1),
      helpKinds: ['administratie', 'budgetteren'],
    });
    expect(expired.vogValid).toBe(false);
    const other = await addVolunteer({ displayName: 'Olga Ander', helpKinds: ['digitale_vaardigheden'] });

    const request = await addRequest({
      languages: ['ar'],
      background: 'syrisch',
      wantsMigrationExperience: true,
      wijkId: wijkIds[0],
      availability: ['di-avond'],
    });
    const res = await coordinator.request('GET', `${API}/maatjes-hulpvragen/${request.id}/kandidaten`);
    expect(res.statusCode, res.body).toBe(200);
    const { candidates, withoutValidVog } = res.json();
    const ids = candidates.map((c: { volunteerId: string }) => c.volunteerId);
    expect(ids.slice(0, 2)).toEqual([arabic.id, plain.id]);
    expect(ids).not.toContain(expired.id);
    expect(ids).not.toContain(other.id);
    expect(withoutValidVog).toBeGreaterThanOrEqual(1);
    const best = candidates[0];
    expect(best.reasons.map((r: { code: string }) => r.code)).toEqual([
      'hulpsoort',
      'taal',
      'achtergrond',
      'migratie_ervaring',
      'wijk',
      'beschikbaarheid',
      'ruimte',
      'training_afgerond',
    ]);
    // The score shown is the sum of the reasons shown: the SQL ranking and the reasons agree.
    for (const c of candidates)
      expect(c.score).toBe(c.reasons.reduce((s: number, r: { points: number }) => s + r.points, 0));
    expect(candidates[0].score).toBeGreaterThan(candidates[1].score);

    const refused = await coordinator.request('POST', `${API}/maatjes-hulpvragen/${request.id}/koppeling`, {
      volunteerId: expired.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toMatch(/vog-verlopen$/);
    // Renewing the VOG makes the match possible.
    const renewed = await coordinator.request('PATCH', `${API}/vrijwilligers/${expired.id}`, {
      version: expired.version,
      vogIssuedOn: today,
      vogExpiresOn: addDays(today, 1095),
    });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json().vogValid).toBe(true);
    const stale = await coordinator.request('PATCH', `${API}/vrijwilligers/${expired.id}`, {
      version: expired.version,
      note: 'oud',
    });
    expect(stale.statusCode).toBe(409);
    const matched = await coordinator.request('POST', `${API}/maatjes-hulpvragen/${request.id}/koppeling`, {
      volunteerId: expired.id,
    });
    expect(matched.statusCode, matched.body).toBe(201);
    const again = await coordinator.request('POST', `${API}/maatjes-hulpvragen/${request.id}/koppeling`, {
      volunteerId: plain.id,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toMatch(/hulpvraag-niet-open$/);
  });

  it('shows the volunteer only what the resident shared, never a BSN; the plan by consent only', async () => {
    // The demo registers the vrijwilliger login as a volunteer already; otherwise the test registers it.
    const [existing] = await v.database.query<{ id: string }>(
      'SELECT id FROM volunteers WHERE user_id = $1',
      [volunteerUserId],
    );
    const me =
      existing ??
      (await addVolunteer({ displayName: 'Vincent', userId: volunteerUserId, helpKinds: ['budgetteren'] }));
    const goal = await regisseur.request('POST', `${API}/huishoudplannen/${caseId}/doelen`, {
      title: 'Zicht op mijn vaste lasten',
      zrmDomain: 'financien',
      chosenByMemberId: headMemberId,
      targetDate: addDays(today, 60),
    });
    expect(goal.statusCode, goal.body).toBe(200);
    const goalId = goal
      .json()
      .goals.find((g: { title: string }) => g.title === 'Zicht op mijn vaste lasten').id;

    // The regisseur asks for a budgetmaatje for the household.
    const request = await regisseur.request('POST', `${API}/maatjes-hulpvragen`, {
      householdCaseId: caseId,
      residentName: 'Mevrouw J.',
      sharedSummary: 'Zoekt hulp bij budgetteren.',
      consentGivenOn: today,
      helpKinds: ['budgetteren'],
    });
    expect(request.statusCode, request.body).toBe(201);
    const match = await coordinator.request(
      'POST',
      `${API}/maatjes-hulpvragen/${request.json().id}/koppeling`,
      {
        volunteerId: me.id,
      },
    );
    expect(match.statusCode, match.body).toBe(201);
    const matchId = match.json().id;

    const mine = await volunteer.request('GET', `${API}/mijn-maatjes`);
    expect(mine.json().map((m: { id: string }) => m.id)).toContain(matchId);
    const view = await volunteer.request('GET', `${API}/mijn-maatjes/${matchId}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      residentName: 'Mevrouw J.',
      sharedSummary: 'Zoekt hulp bij budgetteren.',
    });
    expect(view.json().goals).toBeNull();
    for (const bsn of caseBsns) expect(view.body).not.toContain(bsn);

    // A goal is refused while the plan is not shared.
    const refused = await volunteer.request('POST', `${API}/mijn-maatjes/${matchId}/contacten`, {
      metOn: today,
      minutes: 60,
      note: 'Samen de post doorgenomen.',
      goalId,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams[0].code).toBe('goal_not_shared');

    // The resident shares the plan with the budgetmaatje (recorded by the regisseur in the household plan).
    const household = await regisseur.request('GET', `${API}/huishoudplannen/${caseId}`);
    const networkMember = household
      .json()
      .network.find((n: { relation: string; ended: boolean }) => n.relation === 'budgetmaatje');
    expect(networkMember).toBeTruthy();
    const consent = await regisseur.request('POST', `${API}/huishoudplannen/${caseId}/toestemmingen`, {
      networkMemberId: networkMember.id,
      categories: ['plan'],
      purpose: 'Samen werken aan de doelen',
      givenOn: today,
      givenByMemberId: headMemberId,
    });
    expect(consent.statusCode, consent.body).toBeLessThan(300);
    const shared = await volunteer.request('GET', `${API}/mijn-maatjes/${matchId}`);
    expect(shared.json().goals.map((g: { id: string }) => g.id)).toContain(goalId);
    for (const bsn of caseBsns) expect(shared.body).not.toContain(bsn);

    const logged = await volunteer.request('POST', `${API}/mijn-maatjes/${matchId}/contacten`, {
      metOn: today,
      minutes: 60,
      note: 'Samen de post doorgenomen.',
      goalId,
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json().meetings).toHaveLength(1);
    // It fed the household plan: progress on the goal and the timeline.
    const after = await regisseur.request('GET', `${API}/huishoudplannen/${caseId}/tijdlijn?limit=50`);
    const kinds = after.json().items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['budgetmaatje_gekoppeld', 'voortgang']));
    const [events] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM household_goal_events WHERE goal_id = $1 AND kind = 'voortgang'",
      [goalId],
    );
    expect(events?.n).toBe(1);

    // One click to the regisseur.
    const esc = await volunteer.request('POST', `${API}/mijn-maatjes/${matchId}/escalatie`, {
      reason: 'Er ligt een aankondiging van afsluiting van energie.',
    });
    expect(esc.statusCode, esc.body).toBe(201);
    const inbox = await regisseur.request('GET', `${API}/maatjes-escalaties`);
    expect(inbox.json().map((e: { reason: string }) => e.reason)).toContain(
      'Er ligt een aankondiging van afsluiting van energie.',
    );
    const handled = await regisseur.request(
      'POST',
      `${API}/maatjes-escalaties/${inbox.json()[0].id}/afhandeling`,
    );
    expect(handled.statusCode, handled.body).toBe(200);
    expect(handled.json().handledAt).not.toBeNull();

    // Another volunteer's match is not found; a volunteer ends only as the volunteer side.
    const notMine = await coordinator.request('GET', `${API}/maatjes-koppelingen?status=actief`);
    const otherMatch = notMine.json().find((m: { id: string }) => m.id !== matchId);
    expect((await volunteer.request('GET', `${API}/mijn-maatjes/${otherMatch.id}`)).statusCode).toBe(404);
    const wrongSide = await volunteer.request('POST', `${API}/maatjes-koppelingen/${matchId}/beeindiging`, {
      side: 'bewoner',
      reason: 'x',
    });
    expect(wrongSide.statusCode).toBe(400);
    const ended = await volunteer.request('POST', `${API}/maatjes-koppelingen/${matchId}/beeindiging`, {
      side: 'vrijwilliger',
      reason: 'Verhuizing',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'beeindigd', endedSide: 'vrijwilliger' });
    // Ending the match ends the network membership, so the plan is no longer shared.
    const gone = await volunteer.request('GET', `${API}/huishoudplannen/${caseId}`);
    expect([403, 404]).toContain(gone.statusCode);
    // The request opens again for another volunteer.
    const req = await coordinator.request('GET', `${API}/maatjes-hulpvragen/${request.json().id}`);
    expect(req.json().status).toBe('open');
  });

  it('lets the coordinator record that the resident ended it, which closes the request', async () => {
    const vol = await addVolunteer({ displayName: 'Rita Ruimte', helpKinds: ['formulieren'], maxMatches: 2 });
    const request = await addRequest({ helpKinds: ['formulieren'] });
    const match = await coordinator.request('POST', `${API}/maatjes-hulpvragen/${request.id}/koppeling`, {
      volunteerId: vol.id,
    });
    expect(match.statusCode).toBe(201);
    const ended = await coordinator.request(
      'POST',
      `${API}/maatjes-koppelingen/${match.json().id}/beeindiging`,
      {
        side: 'bewoner',
        reason: 'Heeft geen hulp meer nodig',
      },
    );
    expect(ended.json()).toMatchObject({ status: 'beeindigd', endedSide: 'bewoner' });
    expect((await coordinator.request('GET', `${API}/maatjes-hulpvragen/${request.id}`)).json().status).toBe(
      'gesloten',
    );
    const twice = await coordinator.request(
      'POST',
      `${API}/maatjes-koppelingen/${match.json().id}/beeindiging`,
      {
        side: 'organisatie',
        reason: 'x',
      },
    );
    expect(twice.statusCode).toBe(409);
  });

  it('keeps volunteers and beleid away from coordination', async () => {
    const beleid = await loggedIn('beleid@voorbeeldstad.demo');
    expect((await beleid.request('GET', `${API}/vrijwilligers`)).statusCode).toBe(403);
    expect((await volunteer.request('GET', `${API}/vrijwilligers`)).statusCode).toBe(403);
    expect((await volunteer.request('GET', `${API}/maatjes-hulpvragen`)).statusCode).toBe(403);
  });
});
