import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../../test/harness.ts';
import { todayInNetherlands } from '../../../../shared/calendar.ts';
import { DDAS_CONTACTSOORTEN } from '../../../../shared/ddas.ts';
import type { Vangnet } from '../../../server.ts';
import { embeddedBrp } from '../../brp/embedded.ts';
import { addDays, DEFAULT_FOLLOWUP_SETTINGS, deadlineCutoffs, WorkCalendar } from './deadlines.ts';
import { checkMovesEverywhere, markDueQuickFixChecks } from './service.ts';

const API = '/api/v1';
const today = todayInNetherlands();

type Person = {
  id: string;
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

describe('follow-up of meldingen: work lists, contact, closing, handovers', () => {
  let v: Vangnet;
  let vera: TestClient;
  let wim: TestClient;
  let wimId: string;
  let veraId: string;
  let regisseurId: string;
  let people: Person[];
  let next = 0;

  async function loggedIn(email: string, password?: string) {
    const c = new TestClient(v.app);
    const res = await c.login(email, password);
    expect(res.statusCode).toBe(200);
    return c;
  }

  /** A fresh melding for the next resident, through the real intake pipeline. */
  async function newMelding(extra: Record<string, unknown> = {}): Promise<{ id: string; person: Person }> {
    const p = people[next++] as Person;
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
        amountCents: 98_700,
        signalDate: today,
        ...extra,
      },
    });
    expect(res.statusCode).toBe(200);
    const [row] = await v.database.query<{ melding_id: string }>(
      'SELECT melding_id FROM signals WHERE id = $1',
      [res.json().results[0].id],
    );
    expect(row?.melding_id).toBeTruthy();
    return { id: row?.melding_id as string, person: p };
  }

  async function view(id: string, c = vera) {
    const res = await c.request('GET', `${API}/opvolging/meldingen/${id}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  async function signalStatuses(meldingId: string) {
    return (
      await v.database.query<{ ddas_status: string }>(
        'SELECT ddas_status FROM signals WHERE melding_id = $1',
        [meldingId],
      )
    ).map((r) => r.ddas_status);
  }

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 300 });
    vera = await loggedIn('vroegsignalering@voorbeeldstad.demo');
    const beheer = await loggedIn('beheer@voorbeeldstad.demo');
    const created = await beheer.request('POST', `${API}/users`, {
      email: 'wim@voorbeeldstad.demo',
      displayName: 'Wim Werker',
      password: 'Wim-werkt-hard-2026',
      roles: ['vroegsignalering_medewerker'],
    });
    expect(created.statusCode).toBe(201);
    wimId = created.json().id;
    wim = await loggedIn('wim@voorbeeldstad.demo', 'Wim-werkt-hard-2026');
    veraId = (await vera.refreshSession()).user.id;
    const [r] = await v.database.query<{ id: string }>(
      "SELECT id FROM users WHERE email = 'regisseur@voorbeeldstad.demo'",
    );
    regisseurId = r?.id ?? '';
    people = await v.database.query<Person>(
      `SELECT p.id, p.household_id, p.voornamen, p.voorvoegsel, p.geslachtsnaam, p.geboortedatum::text AS geboortedatum,
              a.postcode, a.huisnummer, a.huisletter, a.toevoeging
         FROM persons p JOIN addresses a ON a.id = p.address_id JOIN municipalities m ON m.id = p.municipality_id
        WHERE m.cbs_code = '9901' AND p.household_role = 'hoofd' AND p.geboortedatum < now() - interval '30 years'
          AND NOT EXISTS (SELECT 1 FROM persons o WHERE o.address_id = p.address_id AND o.household_id <> p.household_id)
        ORDER BY p.bsn LIMIT 30`,
    );
    expect(people.length).toBeGreaterThan(15);
  }, 120_000);
  afterAll(async () => v?.close());

  it('lets exactly one of two workers claim the same melding; the other gets 409 melding-gewijzigd', async () => {
    const { id } = await newMelding();
    const before = await view(id);
    expect(before.version).toBe(1);
    expect(before.assignedTo).toBeNull();
    expect(before.nextStep.code).toBe('claim');
    // Three sessions of two workers at once: exactly one claim wins.
    const wim2 = await loggedIn('wim@voorbeeldstad.demo', 'Wim-werkt-hard-2026');
    const answers = await Promise.all([
      vera.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, { version: 1, assigneeId: veraId }),
      wim.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, { version: 1, assigneeId: wimId }),
      wim2.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, { version: 1, assigneeId: wimId }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const winner = answers.find((r) => r.statusCode === 200);
    for (const loser of answers.filter((r) => r.statusCode === 409)) {
      expect(loser.headers['content-type']).toContain('application/problem+json');
      expect(loser.json().type).toMatch(/melding-gewijzigd$/);
      expect(loser.json().detail).toMatch(/Reload/);
    }
    expect(winner?.json().version).toBe(2);
    const after = await view(id);
    expect(after.assignedTo.id).toBe(winner?.json().assignedTo.id);
    expect(after.version).toBe(2);
  });

  it('hands over to a colleague with a note on their agenda, and refuses someone who cannot handle meldingen', async () => {
    const { id } = await newMelding();
    const claimed = await vera.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, {
      version: 1,
      assigneeId: veraId,
    });
    expect(claimed.statusCode).toBe(200);
    const refused = await vera.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, {
      version: 2,
      assigneeId: regisseurId,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams[0]).toMatchObject({ name: 'body.assigneeId', code: 'not_a_handler' });
    const handed = await vera.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, {
      version: 2,
      assigneeId: wimId,
      note: 'Mevrouw belt liever na vijven',
    });
    expect(handed.statusCode).toBe(200);
    expect(handed.json().assignedTo).toEqual({ id: wimId, name: 'Wim Werker' });
    const agenda = await wim.request('GET', `${API}/opvolging/agenda`);
    expect(agenda.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ meldingId: id, note: 'Mevrouw belt liever na vijven' }),
      ]),
    );
    const [audit] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'followup.handover_colleague' AND $1 = ANY(subject_ids)",
      [id],
    );
    expect(audit?.n).toBe(1);
    // Staff who may read but not handle meldingen cannot claim.
    const schuldhulp = await loggedIn('schuldhulp@voorbeeldstad.demo');
    const res = await schuldhulp.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, {
      version: 3,
      assigneeId: null,
    });
    expect(res.statusCode).toBe(403);
  });

  it('assigns in bulk, all or nothing, naming the stale item by index', async () => {
    const m1 = await newMelding();
    const m2 = await newMelding();
    const stale = await vera.request('POST', `${API}/opvolging/toewijzingen`, {
      items: [
        { id: m1.id, version: 1 },
        { id: m2.id, version: 7 },
      ],
      assigneeId: wimId,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.items.1', code: 'stale' }),
    ]);
    expect((await view(m1.id)).assignedTo).toBeNull();
    const ok = await vera.request('POST', `${API}/opvolging/toewijzingen`, {
      items: [
        { id: m1.id, version: 1 },
        { id: m2.id, version: 1 },
      ],
      assigneeId: wimId,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      assigned: 2,
      items: [
        { id: m1.id, version: 2 },
        { id: m2.id, version: 2 },
      ],
    });
    const mine = await wim.request('GET', `${API}/opvolging/meldingen?assigned=me&limit=200`);
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([m1.id, m2.id]),
    );
  });

  it('registers contact attempts of all ten DDAS kinds; the first takes the melding up and marks signals Opgepakt', async () => {
    const { id } = await newMelding();
    expect(await signalStatuses(id)).toEqual(['Nog niet opgepakt']);
    let version = 1;
    for (const [i, soort] of DDAS_CONTACTSOORTEN.entries()) {
      const res = await vera.request('POST', `${API}/opvolging/meldingen/${id}/contactpogingen`, {
        version,
        soort,
        datum: today,
        dagdeel: (['Ochtend', 'Middag', 'Avond'] as const)[i % 3],
        bereikt: i === 9,
        note: `poging ${i + 1}`,
      });
      expect(res.statusCode, soort).toBe(201);
      version = res.json().version;
      if (i === 0) {
        expect(res.json()).toMatchObject({ status: 'in_behandeling', takenUpOn: today });
        // Whoever makes the first attempt owns an unassigned melding.
        expect(res.json().assignedTo.id).toBe(veraId);
        expect(await signalStatuses(id)).toEqual(['Opgepakt']);
      }
    }
    const full = await view(id);
    expect(full.contactAttempts).toHaveLength(10);
    expect(new Set(full.contactAttempts.map((a: { soort: string }) => a.soort))).toEqual(
      new Set(DDAS_CONTACTSOORTEN),
    );
    expect(full.firstContactOn).toBe(today);
    expect(full.firstReachedOn).toBe(today);
    expect(full.deadlines.firstContact.state).toBe('met');
    expect(full.deadlines.firstAnalysis.state).toBe('met');
    expect(full.contactAttempts[0].createdBy).toEqual({ id: veraId, name: 'Vera van Vroeg' });
  });

  it('refuses a contact attempt in the future, before the signal, with a stale version, or of an unknown kind', async () => {
    const { id } = await newMelding({ signalDate: addDays(today, -3) });
    const post = (body: Record<string, unknown>) =>
      vera.request('POST', `${API}/opvolging/meldingen/${id}/contactpogingen`, {
        version: 1,
        soort: 'Telefoon',
        datum: today,
        bereikt: false,
        ...body,
      });
    const future = await post({ datum: addDays(today, 1) });
    expect(future.statusCode).toBe(400);
    expect(future.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.datum', code: 'in_future' }),
    ]);
    const before = await post({ datum: addDays(today, -4) });
    expect(before.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.datum', code: 'before_signal' }),
    ]);
    expect((await post({ soort: 'Postduif' })).statusCode).toBe(400);
    expect((await post({ dagdeel: 'Nacht' })).statusCode).toBe(400);
    expect((await post({ version: 5 })).statusCode).toBe(409);
    const [n] = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contact_attempts WHERE melding_id = $1',
      [id],
    );
    expect(n?.n).toBe(0);
    expect((await view(id)).status).toBe('open');
    expect((await post({ datum: addDays(today, -3) })).statusCode).toBe(201);
  });

  it('closes only with a DDAS end result that fits what was registered; a closed melding cannot be edited', async () => {
    const { id } = await newMelding();
    const close = (body: Record<string, unknown>) =>
      vera.request('POST', `${API}/opvolging/meldingen/${id}/afsluiting`, { version: 1, ...body });
    const missing = await close({});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.eindresultaat');
    expect((await close({ eindresultaat: 'Klaar' })).statusCode).toBe(400);
    const noContact = await close({
      eindresultaat: 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
    });
    expect(noContact.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.eindresultaat', code: 'needs_contact' }),
    ]);
    const noAttempt = await close({ eindresultaat: 'Definitief geen contact kunnen krijgen' });
    expect(noAttempt.json().invalidParams[0].code).toBe('needs_attempt');
    const ok = await close({
      eindresultaat: 'Niet opgepakt: onterecht signaal',
      note: 'Rekening al betaald',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'afgesloten',
      eindresultaat: 'Niet opgepakt: onterecht signaal',
    });
    expect(await signalStatuses(id)).toEqual(['Niet opgepakt: onterecht signaal']);
    const version = ok.json().version;
    for (const res of [
      await vera.request('POST', `${API}/opvolging/meldingen/${id}/contactpogingen`, {
        version,
        soort: 'Telefoon',
        datum: today,
        bereikt: true,
      }),
      await vera.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, {
        version,
        assigneeId: veraId,
      }),
      await vera.request('POST', `${API}/opvolging/meldingen/${id}/afsluiting`, {
        version,
        eindresultaat: 'Niet opgepakt: andere reden',
      }),
      await vera.request('POST', `${API}/opvolging/meldingen/${id}/acties`, {
        kind: 'terugbellen',
        plannedFor: today,
      }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().type).toMatch(/melding-afgesloten$/);
    }
  });

  it('schedules the 30-day quick-fix check, marks it due by the job, and lets the worker confirm it', async () => {
    const { id } = await newMelding();
    const attempt = await vera.request('POST', `${API}/opvolging/meldingen/${id}/contactpogingen`, {
      version: 1,
      soort: 'Huisbezoek',
      datum: today,
      dagdeel: 'Middag',
      bereikt: true,
    });
    const version = attempt.json().version;
    const noDate = await vera.request('POST', `${API}/opvolging/meldingen/${id}/afsluiting`, {
      version,
      eindresultaat: '(Budget)advies en/of quick fix',
    });
    expect(noDate.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.quickFixAcceptedOn', code: 'required' }),
    ]);
    const closed = await vera.request('POST', `${API}/opvolging/meldingen/${id}/afsluiting`, {
      version,
      eindresultaat: '(Budget)advies en/of quick fix',
      quickFixAcceptedOn: today,
    });
    expect(closed.statusCode).toBe(200);
    expect(await signalStatuses(id)).toEqual(['Opgepakt']);
    const check = (await view(id)).quickFixCheck;
    expect(check).toMatchObject({ status: 'gepland', acceptedOn: today, dueOn: addDays(today, 30) });
    expect((await view(id)).plannedActions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'quick_fix_controle', plannedFor: addDays(today, 30) }),
      ]),
    );
    // The job on day 29 leaves it; on day 30 it asks the worker.
    expect(await markDueQuickFixChecks(v.database.orm, addDays(today, 29))).toBe(0);
    expect(await markDueQuickFixChecks(v.database.orm, addDays(today, 30))).toBeGreaterThanOrEqual(1);
    expect(await markDueQuickFixChecks(v.database.orm, addDays(today, 30))).toBe(0);
    const due = await vera.request('GET', `${API}/opvolging/quick-fix-controles`);
    expect(due.json().items.map((c: { id: string }) => c.id)).toContain(check.id);
    expect((await view(id)).nextStep.code).toBe('confirm_quick_fix');
    const mine = await vera.request('GET', `${API}/opvolging/mijn-werk`);
    expect(mine.json().quickFixToConfirm).toBeGreaterThanOrEqual(1);
    const confirmed = await vera.request(
      'POST',
      `${API}/opvolging/quick-fix-controles/${check.id}/bevestiging`,
      {
        solved: true,
      },
    );
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('opgelost');
    const twice = await vera.request('POST', `${API}/opvolging/quick-fix-controles/${check.id}/bevestiging`, {
      solved: false,
    });
    expect(twice.statusCode).toBe(409);
  });

  it('reopens the melding when a quick fix is confirmed as not solved, with a new contact deadline', async () => {
    const { id } = await newMelding();
    const attempt = await vera.request('POST', `${API}/opvolging/meldingen/${id}/contactpogingen`, {
      version: 1,
      soort: 'Telefoon',
      datum: today,
      bereikt: true,
    });
    expect(attempt.statusCode).toBe(201);
    // Help accepted 31 days ago: the check is due at once.
    const acceptedOn = addDays(today, -31);
    const closed = await vera.request('POST', `${API}/opvolging/meldingen/${id}/afsluiting`, {
      version: attempt.json().version,
      eindresultaat: '(Budget)advies en/of quick fix',
      quickFixAcceptedOn: acceptedOn,
      note: 'Betalingsregeling met de verhuurder',
    });
    expect(closed.statusCode).toBe(200);
    const check = (await view(id)).quickFixCheck;
    expect(check).toMatchObject({ status: 'te_bevestigen' });

    const confirmed = await vera.request(
      'POST',
      `${API}/opvolging/quick-fix-controles/${check.id}/bevestiging`,
      { solved: false },
    );
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('niet_opgelost');

    const reopened = await view(id);
    expect(reopened).toMatchObject({
      status: 'in_behandeling',
      eindresultaat: null,
      closedAt: null,
      closedBy: null,
      closingNote: null,
      assignedTo: { id: veraId },
    });
    expect(reopened.version).toBeGreaterThan(closed.json().version);
    expect(reopened.nextStep.code).not.toBe('confirm_quick_fix');
    // The new contact deadline: a call-back on the worker's agenda, 14 calendar days on (the default first-contact
    // term), moved to a working day; the quick-fix check itself is done.
    const callBack = reopened.plannedActions.filter(
      (a: { kind: string; status: string }) => a.kind === 'terugbellen' && a.status === 'gepland',
    );
    expect(callBack).toHaveLength(1);
    expect(callBack[0].plannedFor >= addDays(today, 14)).toBe(true);
    expect(callBack[0].plannedFor <= addDays(today, 18)).toBe(true);
    expect(callBack[0].assignedTo).toMatchObject({ id: veraId });
    expect(
      reopened.plannedActions.filter(
        (a: { kind: string; status: string }) => a.kind === 'quick_fix_controle' && a.status === 'gepland',
      ),
    ).toEqual([]);
    const agenda = await vera.request('GET', `${API}/opvolging/agenda?to=${addDays(today, 30)}`);
    expect(agenda.json().items.map((a: { id: string }) => a.id)).toContain(callBack[0].id);
    // The history: the confirmation and the reopening, in the same transaction as the change.
    const audit = await v.database.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM audit_events WHERE $1 = ANY(subject_ids)
          AND action IN ('followup.quick_fix_confirm', 'followup.reopen') ORDER BY occurred_at, id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['followup.quick_fix_confirm', 'followup.reopen']);
    expect(audit[1]?.details).toMatchObject({
      reason: 'quick_fix_not_solved',
      previousEindresultaat: '(Budget)advies en/of quick fix',
      contactDue: callBack[0].plannedFor,
    });
    // Open again means workable again: a contact attempt, and closing once more with a new quick fix.
    const again = await vera.request('POST', `${API}/opvolging/meldingen/${id}/contactpogingen`, {
      version: reopened.version,
      soort: 'Huisbezoek',
      datum: today,
      bereikt: true,
    });
    expect(again.statusCode).toBe(201);
    const closedAgain = await vera.request('POST', `${API}/opvolging/meldingen/${id}/afsluiting`, {
      version: again.json().version,
      eindresultaat: '(Budget)advies en/of quick fix',
      quickFixAcceptedOn: today,
    });
    expect(closedAgain.statusCode).toBe(200);
    expect((await view(id)).quickFixCheck).toMatchObject({
      id: check.id,
      status: 'gepland',
      acceptedOn: today,
      dueOn: addDays(today, 30),
      note: null,
    });
  });

  it('keeps the melding closed when the quick fix is confirmed as solved', async () => {
    const { id } = await newMelding();
    const attempt = await vera.request('POST', `${API}/opvolging/meldingen/${id}/contactpogingen`, {
      version: 1,
      soort: 'Telefoon',
      datum: today,
      bereikt: true,
    });
    const closed = await vera.request('POST', `${API}/opvolging/meldingen/${id}/afsluiting`, {
      version: attempt.json().version,
      eindresultaat: '(Budget)advies en/of quick fix',
      quickFixAcceptedOn: today,
    });
    expect(closed.statusCode).toBe(200);
    const check = (await view(id)).quickFixCheck;
    const solved = await vera.request(
      'POST',
      `${API}/opvolging/quick-fix-controles/${check.id}/bevestiging`,
      {
        solved: true,
      },
    );
    expect(solved.statusCode).toBe(200);
    expect(await view(id)).toMatchObject({
      status: 'afgesloten',
      eindresultaat: '(Budget)advies en/of quick fix',
    });
  });

  it('hands over warmly to debt help with a Wgs clock, links a second handover to the same household case', async () => {
    const { id, person } = await newMelding();
    const attempt = await vera.request('POST', `${API}/opvolging/meldingen/${id}/contactpogingen`, {
      version: 1,
      soort: 'Telefoon',
      datum: today,
      bereikt: true,
    });
    const res = await vera.request('POST', `${API}/opvolging/meldingen/${id}/overdracht`, {
      kind: 'schuldhulp',
      version: attempt.json().version,
      threatening: true,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ householdCaseCreated: true, status: 'afgesloten' });
    expect(body.householdCase.householdId).toBe(person.household_id);
    expect(body.debtHelpRequest).toMatchObject({ isThreatening: true, requestedOn: today, overdue: false });
    expect(body.debtHelpRequest.firstConversationDue > today).toBe(true);
    expect(body.debtHelpRequest.firstConversationDue <= addDays(today, 9)).toBe(true);
    const closed = await view(id);
    expect(closed.eindresultaat).toBe('Vervolghulp en/of verwijzing financieel');
    expect(closed.householdCase.id).toBe(body.householdCase.id);

    // A second melding for the same household (next month's period is simulated by closing: a new signal
    // bundles into a new melding) links to the open case instead of creating a second one.
    const again = await vera.request('POST', `${API}/vroegsignalen/handmatig`, {
      signal: {
        voornamen: person.voornamen,
        ...(person.voorvoegsel ? { voorvoegsel: person.voorvoegsel } : {}),
        achternaam: person.geslachtsnaam,
        geboortedatum: person.geboortedatum,
        postcode: person.postcode,
        huisnummer: person.huisnummer,
        ...(person.huisletter ? { huisletter: person.huisletter } : {}),
        ...(person.toevoeging ? { toevoeging: person.toevoeging } : {}),
        amountCents: 150_000,
        signalDate: today,
        endOfSupply: true,
      },
    });
    expect(again.statusCode).toBe(200);
    const [s] = await v.database.query<{ melding_id: string | null }>(
      'SELECT melding_id FROM signals WHERE id = $1',
      [again.json().results[0].id],
    );
    const second = s?.melding_id;
    // The closed melding takes no new signals: the new one starts a melding of its own.
    expect(second).toBeTruthy();
    expect(second).not.toBe(id);
    {
      const a2 = await vera.request('POST', `${API}/opvolging/meldingen/${second}/contactpogingen`, {
        version: (await view(second as string)).version,
        soort: 'Telefoon',
        datum: today,
        bereikt: true,
      });
      const r2 = await vera.request('POST', `${API}/opvolging/meldingen/${second}/overdracht`, {
        kind: 'regisseur',
        version: a2.json().version,
        regisseurId,
      });
      expect(r2.statusCode).toBe(201);
      expect(r2.json()).toMatchObject({ householdCaseCreated: false });
      expect(r2.json().householdCase.id).toBe(body.householdCase.id);
      expect(r2.json().householdCase.regisseur).toEqual({ id: regisseurId, name: 'Rachid Regisseur' });
    }
    const [cases] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM household_cases WHERE household_id = $1 AND status = 'open'",
      [person.household_id],
    );
    expect(cases?.n).toBe(1);
  });

  it('refers externally only with the consent recorded', async () => {
    const { id } = await newMelding();
    const attempt = await vera.request('POST', `${API}/opvolging/meldingen/${id}/contactpogingen`, {
      version: 1,
      soort: 'Afspraak op locatie',
      datum: today,
      bereikt: true,
    });
    const version = attempt.json().version;
    const noConsent = await vera.request('POST', `${API}/opvolging/meldingen/${id}/overdracht`, {
      kind: 'extern',
      version,
      organisation: 'Humanitas Thuisadministratie',
    });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().invalidParams.map((p: { name: string }) => p.name)).toContain(
      'body.consentGivenOn',
    );
    const ok = await vera.request('POST', `${API}/opvolging/meldingen/${id}/overdracht`, {
      kind: 'extern',
      version,
      organisation: 'Humanitas Thuisadministratie',
      consentGivenOn: today,
      consentNote: 'Mondeling akkoord aan de telefoon',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().handover).toMatchObject({
      kind: 'extern',
      organisation: 'Humanitas Thuisadministratie',
      consentGivenOn: today,
    });
    expect((await view(id)).eindresultaat).toBe('Vervolghulp en/of verwijzing niet financieel');
  });

  it('closes a melding whose household moved out, and asks the worker to inform the new municipality', async () => {
    const { id, person } = await newMelding();
    await vera.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, {
      version: 1,
      assigneeId: wimId,
    });
    const stay = await vera.request('POST', `${API}/opvolging/meldingen/${id}/verhuizing`);
    expect(stay.json()).toMatchObject({ movedOut: false, closed: false });
    await v.database.query("UPDATE persons SET brp_status = 'verhuisd' WHERE household_id = $1", [
      person.household_id,
    ]);
    const closed = await checkMovesEverywhere(v.database.orm, { today: () => today, brp: embeddedBrp });
    expect(closed).toBeGreaterThanOrEqual(1);
    const after = await view(id, wim);
    expect(after).toMatchObject({
      status: 'afgesloten',
      eindresultaat: 'Persoon is geen inwoner (meer) in de gemeente',
      movedOut: true,
    });
    expect(after.nextStep.code).toBe('inform_new_municipality');
    expect(after.plannedActions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'gemeente_informeren',
          assignedTo: { id: wimId, name: 'Wim Werker' },
        }),
      ]),
    );
    expect(await signalStatuses(id)).toEqual(['Persoon is geen inwoner (meer) in de gemeente']);
  });

  it('lists overdue and due-soon meldingen by configurable deadlines, with counts per werkbakje', async () => {
    const { id: late } = await newMelding();
    const { id: fresh } = await newMelding();
    // The melding arose 20 days ago: past the first-contact deadline of 14 days.
    await v.database.query(
      "UPDATE meldingen SET created_at = now() - interval '20 days', deadline = NULL WHERE id = $1",
      [late],
    );
    const overdue = await vera.request('GET', `${API}/opvolging/meldingen?deadline=overdue&limit=200`);
    const overdueIds = overdue.json().items.map((i: { id: string }) => i.id);
    expect(overdueIds).toContain(late);
    expect(overdueIds).not.toContain(fresh);
    expect(overdue.json().items.find((i: { id: string }) => i.id === late).deadlines.firstContact.state).toBe(
      'overdue',
    );
    const counts = await vera.request('GET', `${API}/opvolging/werkbakjes`);
    expect(counts.statusCode).toBe(200);
    expect(counts.json().totals.overdue).toBeGreaterThanOrEqual(1);
    // A municipality that allows 30 days: no longer overdue.
    const beheer = await loggedIn('beheer@voorbeeldstad.demo');
    const set = await beheer.request('PATCH', `${API}/opvolging/instellingen`, {
      firstContactDays: 30,
      firstAnalysisDays: 45,
      extraClosingDays: [addDays(today, 100)],
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().settings).toMatchObject({
      firstContactDays: 30,
      crisisWorkingDays: 3,
      bevrijdingsdag: 'lustrum',
    });
    const later = await vera.request('GET', `${API}/opvolging/meldingen?deadline=overdue&limit=200`);
    expect(later.json().items.map((i: { id: string }) => i.id)).not.toContain(late);
    const schuldhulp = await loggedIn('schuldhulp@voorbeeldstad.demo');
    expect(
      (await schuldhulp.request('PATCH', `${API}/opvolging/instellingen`, { firstContactDays: 5 }))
        .statusCode,
    ).toBe(403);
    expect((await schuldhulp.request('GET', `${API}/opvolging/instellingen`)).statusCode).toBe(200);
    expect(
      (await beheer.request('PATCH', `${API}/opvolging/instellingen`, { firstContactDays: 0 })).statusCode,
    ).toBe(400);
    await beheer.request('PATCH', `${API}/opvolging/instellingen`, {
      firstContactDays: 14,
      firstAnalysisDays: 28,
    });
  });

  it('counts the creation day as a Dutch day, in the overdue list and on the melding alike', async () => {
    // The first creation day whose first contact is not yet overdue today. A melding created half an hour after
    // that day's Dutch midnight (still the day before in UTC) is not overdue; half an hour before it, it is.
    const cutoff = deadlineCutoffs(
      new WorkCalendar(DEFAULT_FOLLOWUP_SETTINGS),
      DEFAULT_FOLLOWUP_SETTINGS,
      today,
    ).contactOverdueBefore.regular;
    const { id: justAfter } = await newMelding();
    const { id: justBefore } = await newMelding();
    for (const [id, minutes] of [
      [justAfter, 30],
      [justBefore, -30],
    ] as const) {
      await v.database.query(
        `UPDATE meldingen SET created_at = ($2::date::timestamp AT TIME ZONE 'Europe/Amsterdam') + $3 * interval '1 minute',
                deadline = NULL WHERE id = $1`,
        [id, cutoff, minutes],
      );
    }
    const [utc] = await v.database.query<{ day: string }>(
      "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM meldingen WHERE id = $1",
      [justAfter],
    );
    expect(utc?.day).toBe(addDays(cutoff, -1));
    const overdueIds = (await vera.request('GET', `${API}/opvolging/meldingen?deadline=overdue&limit=200`))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(overdueIds).toContain(justBefore);
    expect(overdueIds).not.toContain(justAfter);
    expect((await view(justBefore)).deadlines.firstContact.state).toBe('overdue');
    expect((await view(justAfter)).deadlines.firstContact.state).not.toBe('overdue');
  });

  it('shows the melding at a glance, logs the read, and plans home visits on a printable route', async () => {
    const { id, person } = await newMelding();
    const v1 = await view(id);
    expect(v1.signals).toHaveLength(1);
    expect(v1.signals[0]).toMatchObject({ amountCents: 98_700, signalDate: today });
    expect(v1.household.length).toBeGreaterThanOrEqual(1);
    expect(v1.household.find((h: { personId: string }) => h.personId === person.id)).toMatchObject({
      inSignal: true,
      isAdult: true,
    });
    expect(JSON.stringify(v1)).not.toMatch(/"bsn"/);
    expect(v1.adres).toContain(person.postcode);
    expect(v1.ruleExplanation.length).toBeGreaterThan(0);
    expect(v1.deadlines.firstContact.state).not.toBe('met');
    const [audit] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'followup.melding_read' AND $1 = ANY(subject_ids)",
      [id],
    );
    expect(audit?.n).toBe(1);
    const past = await vera.request('POST', `${API}/opvolging/meldingen/${id}/acties`, {
      kind: 'huisbezoek',
      plannedFor: addDays(today, -1),
    });
    expect(past.json().invalidParams[0]).toMatchObject({ name: 'body.plannedFor', code: 'in_past' });
    const planned = await vera.request('POST', `${API}/opvolging/meldingen/${id}/acties`, {
      kind: 'huisbezoek',
      plannedFor: today,
      dagdeel: 'Ochtend',
      note: 'Bel aan bij de achterdeur',
    });
    expect(planned.statusCode).toBe(201);
    const route = await vera.request('GET', `${API}/opvolging/huisbezoekroute?datum=${today}`);
    expect(route.statusCode).toBe(200);
    expect(route.json().stops).toEqual([
      expect.objectContaining({
        meldingId: id,
        postcode: person.postcode,
        dagdeel: 'Ochtend',
        note: 'Bel aan bij de achterdeur',
      }),
    ]);
    expect(route.json().stops[0].naam).toContain(person.geslachtsnaam);
    const done = await vera.request('PATCH', `${API}/opvolging/acties/${planned.json().id}`, {
      status: 'gedaan',
    });
    expect(done.json().status).toBe('gedaan');
    expect(
      (await vera.request('GET', `${API}/opvolging/huisbezoekroute?datum=${today}`)).json().stops,
    ).toEqual([]);
  });

  it('shows earlier meldingen at the same address with their own contact attempts', async () => {
    const { id: earlier } = await newMelding();
    const { id: now } = await newMelding();
    const attempt = await vera.request('POST', `${API}/opvolging/meldingen/${earlier}/contactpogingen`, {
      version: 1,
      soort: 'Telefoon',
      datum: today,
      bereikt: false,
    });
    expect(attempt.statusCode).toBe(201);
    const reached = await vera.request('POST', `${API}/opvolging/meldingen/${earlier}/contactpogingen`, {
      version: attempt.json().version,
      soort: 'Huisbezoek',
      datum: today,
      bereikt: true,
    });
    expect(reached.statusCode).toBe(201);
    // The same address: the fingerprint is what links meldingen across periods.
    await v.database.query(
      "UPDATE meldingen SET address_fingerprint = (SELECT address_fingerprint FROM meldingen WHERE id = $1), period_start = period_start + interval '1 month' WHERE id = $2",
      [earlier, now],
    );
    const seen = await view(now);
    expect(seen.earlierMeldingen).toEqual([
      expect.objectContaining({ id: earlier, contactAttempts: 2, lastContact: today, reached: true }),
    ]);
    // And the other way round: a melding without attempts shows none (not the attempts of another melding).
    const back = await view(earlier);
    expect(back.earlierMeldingen).toEqual([
      expect.objectContaining({ id: now, contactAttempts: 0, lastContact: null, reached: false }),
    ]);
  });

  it('answers 404 for a melding of another municipality', async () => {
    const [foreign] = await v.database.query<{ id: string }>(
      "SELECT m.id FROM meldingen m JOIN municipalities g ON g.id = m.municipality_id WHERE g.cbs_code <> '9901' LIMIT 1",
    );
    const id = foreign?.id ?? '00000000-0000-4000-8000-000000000000';
    expect((await vera.request('GET', `${API}/opvolging/meldingen/${id}`)).statusCode).toBe(404);
    expect(
      (
        await vera.request('PUT', `${API}/opvolging/meldingen/${id}/toewijzing`, {
          version: 1,
          assigneeId: null,
        })
      ).statusCode,
    ).toBe(404);
  });
});
