// Appointments, the preparation call and referral reminders through the API on a real database: planning with
// whom and where, listed on the household and in the timeline, audited; bad input answered with specific
// problems and nothing half-saved; the letter as tagged PDF (also right to left) and the e-mail through a real
// SMTP server; the municipality's list of documents; the daily reminder job, idempotent; and the demo data.

import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTestApp, TestClient } from '../../../../../test/harness.ts';
import { todayInNetherlands } from '../../../../shared/calendar.ts';
import { CHECKLIST_TEXTS } from '../../../../shared/schemas/household-appointments.ts';
import type { Vangnet } from '../../../server.ts';
import { PdfFile } from '../../vroegsignalering/outreach/pdf-inspect.ts';
import { remindReferrals } from './service.ts';

const API = '/api/v1';
const today = todayInNetherlands();
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

type Mail = { to: string; raw: string };

/** The mail as a reader sees it: quoted-printable soft line breaks and escapes undone, CRLF as LF. */
const quotedPrintable = (raw: string) =>
  Buffer.from(
    raw
      .replace(/\r\n/g, '\n')
      .replace(/=\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describe('appointments, the preparation call and referral reminders', () => {
  let v: Vangnet;
  let regisseur: TestClient;
  let tweede: TestClient;
  let volunteer: TestClient;
  let beheer: TestClient;
  let volunteerId: string;
  let households: string[];
  let next = 0;
  const mails: Mail[] = [];
  let smtp: SMTPServer;
  let refuseMail = false;

  async function loggedIn(email: string, password?: string) {
    const c = new TestClient(v.app);
    const res = await c.login(email, password);
    expect(res.statusCode, email).toBe(200);
    return c;
  }

  /** A fresh household plan of the regisseur (a BRP household of its own), with its view. */
  async function openPlan() {
    const householdId = households[next++];
    if (!householdId) throw new Error('out of demo households');
    const res = await regisseur.request('POST', `${API}/huishoudplannen`, { householdId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; members: { id: string; naam: string }[] };
  }

  async function addNetwork(caseId: string, body: Record<string, unknown>) {
    const res = await regisseur.request('POST', `${API}/huishoudplannen/${caseId}/netwerk`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().network as { id: string; name: string; user: { id: string } | null }[];
  }

  const plan = (caseId: string, body: Record<string, unknown>, c = regisseur) =>
    c.request('POST', `${API}/huishoudplannen/${caseId}/afspraken`, body);

  const appointment = (over: Record<string, unknown> = {}) => ({
    startsAt: inHours(24),
    endsAt: inHours(25),
    mode: 'locatie',
    location: 'Stadskantoor, spreekkamer 3',
    purpose: 'eerste_gesprek',
    ...over,
  });

  const count = async (sql: string, params: unknown[]) =>
    (await v.database.query<{ n: number }>(sql, params))[0]?.n ?? -1;

  const timelineKinds = async (caseId: string) =>
    (
      await v.database.query<{ kind: string; text: string; actor_user_id: string | null }>(
        'SELECT kind, text, actor_user_id FROM household_timeline WHERE household_case_id = $1 ORDER BY occurred_at',
        [caseId],
      )
    ).map((r) => r.kind);

  const audits = (action: string, subject: string) =>
    count('SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND $2 = ANY(subject_ids)', [
      action,
      subject,
    ]);

  beforeAll(async () => {
    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (refuseMail) {
          const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
          err.responseCode = 550;
          return callback(err);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
    v = await startTestApp({
      demoInhabitants: 300,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'Gemeente Voorbeeldstad <regie@voorbeeldstad.demo>',
      },
    });
    regisseur = await loggedIn('regisseur@voorbeeldstad.demo');
    volunteer = await loggedIn('vrijwilliger@voorbeeldstad.demo');
    beheer = await loggedIn('beheer@voorbeeldstad.demo');
    const created = await beheer.request('POST', `${API}/users`, {
      email: 'tess@voorbeeldstad.demo',
      displayName: 'Tess Tweede',
      password: 'Tess-regisseert-2026',
      roles: ['regisseur'],
    });
    expect(created.statusCode).toBe(201);
    tweede = await loggedIn('tess@voorbeeldstad.demo', 'Tess-regisseert-2026');
    volunteerId = (await volunteer.refreshSession()).user.id;
    households = (
      await v.database.query<{ household_id: string }>(
        `SELECT p.household_id FROM persons p JOIN municipalities m ON m.id = p.municipality_id
          WHERE m.cbs_code = '9901' AND p.household_role = 'hoofd' AND p.brp_status = 'ingeschreven'
            AND p.geboortedatum < now() - interval '30 years'
            AND NOT EXISTS (SELECT 1 FROM persons o WHERE o.address_id = p.address_id AND o.household_id <> p.household_id)
            AND NOT EXISTS (SELECT 1 FROM household_cases c WHERE c.household_id = p.household_id)
          ORDER BY p.bsn LIMIT 20`,
      )
    ).map((r) => r.household_id);
    expect(households.length).toBeGreaterThan(10);
  }, 120_000);
  afterAll(async () => {
    await v?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('seeds appointments, a preparation letter and a referral reminder in the demo households', async () => {
    const [family] = await v.database.query<{ id: string }>(
      `SELECT c.id FROM household_cases c
        WHERE (SELECT count(*) FROM household_zrm_assessments z WHERE z.household_case_id = c.id) >= 3`,
    );
    const res = await regisseur.request('GET', `${API}/huishoudplannen/${family?.id}/afspraken`);
    expect(res.statusCode).toBe(200);
    expect(res.json().appointments.map((a: { status: string }) => a.status)).toEqual(['gepland', 'gehouden']);
    const [prepared] = await v.database.query<{ household_case_id: string }>(
      'SELECT household_case_id FROM household_preparations',
    );
    const view = (
      await regisseur.request('GET', `${API}/huishoudplannen/${prepared?.household_case_id}/afspraken`)
    ).json();
    expect(view.preparations).toHaveLength(1);
    const [p] = view.preparations;
    expect(p).toMatchObject({ channel: 'brief', language: 'nl', status: 'afgedrukt', hasPdf: true });
    expect(p.items).toHaveLength(7);
    const first = view.appointments.find((a: { purpose: string }) => a.purpose === 'eerste_gesprek');
    expect(p.appointmentId).toBe(first.id);
    // The demo also has a referral past its reminder date, found by the reminder job while seeding.
    expect(view.reminders).toEqual([expect.objectContaining({ target: 'wmo' })]);
    const reminders = (await regisseur.request('GET', `${API}/huishoudplan-herinneringen`)).json().items;
    expect(reminders.map((r: { target: string }) => r.target)).toContain('wmo');
  });

  it('plans an appointment with a network member: on the household, in the timeline, audited', async () => {
    const h = await openPlan();
    const [coach] = await addNetwork(h.id, {
      kind: 'formeel',
      relation: 'wijkteam',
      name: 'Kees Wijkcoach',
      organisation: 'Wijkteam Voorbeeldstad',
    });
    const body = appointment({ networkMemberIds: [coach?.id], note: 'Eerste kennismaking' });
    const res = await plan(h.id, body);
    expect(res.statusCode, res.body).toBe(200);
    const [a] = res.json().appointments;
    expect(a).toMatchObject({
      mode: 'locatie',
      location: 'Stadskantoor, spreekkamer 3',
      purpose: 'eerste_gesprek',
      status: 'gepland',
      note: 'Eerste kennismaking',
      professional: { name: 'Rachid Regisseur' },
      networkMembers: [{ id: coach?.id, name: 'Kees Wijkcoach', organisation: 'Wijkteam Voorbeeldstad' }],
      version: 1,
    });
    expect(new Date(a.startsAt).toISOString()).toBe(body.startsAt);
    expect(await timelineKinds(h.id)).toContain('afspraak_gepland');
    const tl = await regisseur.request('GET', `${API}/huishoudplannen/${h.id}/tijdlijn?categorie=plan`);
    expect(tl.json().items[0]).toMatchObject({ kind: 'afspraak_gepland', by: { name: 'Rachid Regisseur' } });
    expect(tl.json().items[0].text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await audits('household.appointment_add', h.id)).toBe(1);
    // Reading the list is logged too; any professional may read it, only the regisseur may change it.
    const read = await tweede.request('GET', `${API}/huishoudplannen/${h.id}/afspraken`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ canManage: false, appointments: [{ id: a.id }] });
    expect(await audits('household.appointments_read', h.id)).toBe(1);
    const other = await plan(h.id, appointment(), tweede);
    expect(other.statusCode).toBe(403);
    expect(other.json().type).toMatch(/niet-de-regisseur$/);
    // A phone appointment needs no place; one that took place is recorded afterwards.
    const phone = await plan(h.id, appointment({ mode: 'telefoon', location: undefined, purpose: 'overig' }));
    expect(phone.statusCode).toBe(200);
    const held = await plan(
      h.id,
      appointment({
        startsAt: inHours(-50),
        endsAt: inHours(-49),
        status: 'gehouden',
        purpose: 'huisbezoek',
      }),
    );
    expect(held.statusCode).toBe(200);
    // Coming appointments first (soonest first), then the past ones.
    expect(held.json().appointments.map((x: { status: string; mode: string }) => x.status)).toEqual([
      'gepland',
      'gepland',
      'gehouden',
    ]);
    expect(await timelineKinds(h.id)).toContain('afspraak_vastgelegd');
  });

  it('refuses bad appointments with specific problems and saves nothing of them', async () => {
    const h = await openPlan();
    const [ended] = await addNetwork(h.id, { kind: 'informeel', relation: 'buur', name: 'Buurman Bob' });
    await regisseur.request('POST', `${API}/huishoudplan-netwerk/${ended?.id}/beeindiging`, {
      endedOn: today,
    });
    const elsewhere = await openPlan();
    const [stranger] = await addNetwork(elsewhere.id, {
      kind: 'informeel',
      relation: 'vriend',
      name: 'Vreemde',
    });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ startsAt: inHours(-2), endsAt: inHours(-1) }, 'body.startsAt', 'in_past'],
      [{ startsAt: inHours(26), endsAt: inHours(25) }, 'body.endsAt', 'end_before_start'],
      [{ endsAt: inHours(40) }, 'body.endsAt', 'too_long'],
      [{ networkMemberIds: [stranger?.id] }, 'body.networkMemberIds.0', 'not_in_network'],
      [{ networkMemberIds: [ended?.id] }, 'body.networkMemberIds.0', 'not_in_network'],
      [{ location: undefined }, 'body.location', 'required'],
      [{ professionalId: volunteerId }, 'body.professionalId', 'unknown_user'],
      [{ startsAt: inHours(2), endsAt: inHours(3), status: 'gehouden' }, 'body.startsAt', 'in_future'],
    ];
    for (const [over, name, code] of cases) {
      const res = await plan(h.id, appointment(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().invalidParams, JSON.stringify(over)).toEqual([
        expect.objectContaining({ name, code }),
      ]);
    }
    // A mode the API does not know is refused by the schema, with the field named.
    const mode = await plan(h.id, appointment({ mode: 'duif' }));
    expect(mode.statusCode).toBe(400);
    expect(mode.json().invalidParams[0].name).toBe('body.mode');
    expect(
      await count('SELECT count(*)::int AS n FROM household_appointments WHERE household_case_id = $1', [
        h.id,
      ]),
    ).toBe(0);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM household_appointment_network WHERE network_member_id = $1',
        [stranger?.id],
      ),
    ).toBe(0);
    expect((await timelineKinds(h.id)).filter((k) => k.startsWith('afspraak'))).toEqual([]);
    expect(await audits('household.appointment_add', h.id)).toBe(0);
  });

  it('records held, cancelled (with a reason) or missed, moves a planned one, and keeps the past as it was', async () => {
    const h = await openPlan();
    const created = (await plan(h.id, appointment())).json().appointments[0];
    const patch = (id: string, body: Record<string, unknown>) =>
      regisseur.request('PATCH', `${API}/huishoudplan-afspraken/${id}`, body);
    // Not yet started: not held or missed.
    const early = await patch(created.id, { version: 1, status: 'gehouden' });
    expect(early.statusCode).toBe(400);
    expect(early.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.status', code: 'not_started' }),
    ]);
    // Moved to another time, not into the past.
    const past = await patch(created.id, { version: 1, startsAt: inHours(-3) });
    expect(past.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.startsAt', code: 'in_past' }),
      expect.objectContaining({ name: 'body.endsAt', code: 'too_long' }),
    ]);
    const moved = await patch(created.id, { version: 1, startsAt: inHours(48), endsAt: inHours(49) });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().appointments[0]).toMatchObject({ version: 2, status: 'gepland' });
    const stale = await patch(created.id, { version: 1, note: 'Oud' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toMatch(/afspraak-gewijzigd$/);
    // Cancelling says why.
    const noReason = await patch(created.id, { version: 2, status: 'geannuleerd' });
    expect(noReason.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'body.reason', code: 'required' }),
    ]);
    const cancelled = await patch(created.id, {
      version: 2,
      status: 'geannuleerd',
      reason: 'Bewoner is ziek',
    });
    expect(cancelled.json().appointments[0]).toMatchObject({
      status: 'geannuleerd',
      statusReason: 'Bewoner is ziek',
    });
    const after = await patch(created.id, { version: 3, status: 'gepland' });
    expect(after.statusCode).toBe(409);
    expect(after.json().type).toMatch(/afspraak-afgerond$/);
    // Once it has started, the next one is recorded as held or missed.
    const second = (await plan(h.id, appointment({ purpose: 'vervolggesprek' })))
      .json()
      .appointments.find((a: { status: string }) => a.status === 'gepland');
    await v.database.query(
      `UPDATE household_appointments SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour'
        WHERE id = $1`,
      [second.id],
    );
    const missed = await patch(second.id, { version: 1, status: 'niet_verschenen' });
    expect(missed.statusCode, missed.body).toBe(200);
    expect(missed.json().appointments.find((a: { id: string }) => a.id === second.id).status).toBe(
      'niet_verschenen',
    );
    expect(await timelineKinds(h.id)).toEqual(
      expect.arrayContaining(['afspraak_verzet', 'afspraak_geannuleerd', 'afspraak_niet_verschenen']),
    );
    expect(await audits('household.appointment_update', created.id)).toBe(2);
  });

  it('shows a network member the appointments only with the plan’s consent, without the call or other people', async () => {
    const h = await openPlan();
    const network = await addNetwork(h.id, {
      kind: 'informeel',
      relation: 'budgetmaatje',
      name: 'Vincent Vrijwilliger',
      userId: volunteerId,
    });
    const maatje = network.find((n) => n.user?.id === volunteerId);
    const [zus] = (
      await addNetwork(h.id, { kind: 'informeel', relation: 'familie', name: 'Zus Ilse' })
    ).filter((n) => n.name === 'Zus Ilse');
    await plan(h.id, appointment({ purpose: 'netwerkoverleg', networkMemberIds: [maatje?.id, zus?.id] }));
    const consent = (categories: string[]) =>
      regisseur.request('POST', `${API}/huishoudplannen/${h.id}/toestemmingen`, {
        networkMemberId: maatje?.id,
        categories,
        purpose: 'Samen de administratie doen',
        givenOn: today,
        givenByMemberId: h.members[0]?.id,
      });
    expect((await consent(['zrm'])).statusCode).toBe(200);
    const refused = await volunteer.request('GET', `${API}/huishoudplannen/${h.id}/afspraken`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toMatch(/geen-toestemming$/);
    expect(await audits('household.read_refused', h.id)).toBe(1);
    expect((await consent(['plan'])).statusCode).toBe(200);
    const seen = await volunteer.request('GET', `${API}/huishoudplannen/${h.id}/afspraken`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ canManage: false, preparations: null, reminders: null });
    // Without the network's consent the maatje sees themselves in the appointment, not the sister.
    expect(seen.json().appointments[0].networkMembers.map((n: { name: string }) => n.name)).toEqual([
      'Vincent Vrijwilliger',
    ]);
    expect(seen.body).not.toMatch(/"bsn"/);
    const change = await volunteer.request('POST', `${API}/huishoudplannen/${h.id}/afspraken`, appointment());
    expect(change.statusCode).toBe(403);
  });

  it('sends the list of documents by letter in Arabic: right to left, tagged, kept as printed', async () => {
    const h = await openPlan();
    const first = (await plan(h.id, appointment())).json().appointments[0];
    const res = await regisseur.request('POST', `${API}/huishoudplannen/${h.id}/voorbereidingen`, {
      calledOn: today,
      memberId: h.members[0]?.id,
      appointmentId: first.id,
      language: 'ar',
      channel: 'brief',
      items: [
        { kind: 'standaard', code: 'identiteitsbewijs' },
        { kind: 'standaard', code: 'bankafschriften' },
        { kind: 'eigen', text: 'رسالة البلدية بشأن الضرائب' },
      ],
      note: 'Bewoner spreekt liever Arabisch; zoon helpt met lezen',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [p] = res.json().preparations;
    expect(p).toMatchObject({
      channel: 'brief',
      language: 'ar',
      status: 'afgedrukt',
      hasPdf: true,
      recipient: null,
      appointmentId: first.id,
      calledOn: today,
      member: { id: h.members[0]?.id },
      subject: 'ماذا تحضر معك إلى لقائنا؟',
    });
    expect(p.items).toEqual([
      { code: 'identiteitsbewijs', text: CHECKLIST_TEXTS.identiteitsbewijs.ar },
      { code: 'bankafschriften', text: CHECKLIST_TEXTS.bankafschriften.ar },
      { code: null, text: 'رسالة البلدية بشأن الضرائب' },
    ]);
    const pdfRes = await regisseur.request('GET', `${API}/huishoudplan-voorbereidingen/${p.id}/brief.pdf`);
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    const pdf = new PdfFile(pdfRes.rawPayload);
    expect(pdf.catalog.Lang).toBe('ar');
    const section = pdf.structure()[0]?.children[0];
    expect(section?.children.find((c) => c.type === 'L')?.children).toHaveLength(3);
    const text = pdf.textInReadingOrder().join(' ');
    expect(text).toContain(CHECKLIST_TEXTS.bankafschriften.ar);
    expect(text).toContain('Rachid Regisseur');
    // The same PDF each time: what was sent is what is kept.
    const again = await regisseur.request('GET', `${API}/huishoudplan-voorbereidingen/${p.id}/brief.pdf`);
    expect(again.rawPayload.equals(pdfRes.rawPayload)).toBe(true);
    expect(await audits('household.preparation_pdf', p.id)).toBe(2);
    expect(await audits('household.preparation_record', p.id)).toBe(1);
    expect(await timelineKinds(h.id)).toContain('voorbereiding_brief');
  });

  it('e-mails the list in English through SMTP, and sends a refused one again', async () => {
    const h = await openPlan();
    const send = (over: Record<string, unknown>) =>
      regisseur.request('POST', `${API}/huishoudplannen/${h.id}/voorbereidingen`, {
        calledOn: today,
        memberId: h.members[0]?.id,
        language: 'en',
        channel: 'mail',
        recipient: 'bewoner@example.test',
        items: [{ kind: 'standaard', code: 'zorgpolis' }],
        ...over,
      });
    const res = await send({});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().preparations[0]).toMatchObject({
      status: 'verzonden',
      attempts: 1,
      recipient: 'bewoner@example.test',
      hasPdf: false,
    });
    const mail = quotedPrintable(mails.find((m) => m.to === 'bewoner@example.test')?.raw ?? '');
    expect(mail).toContain('Subject: What do you bring to our conversation?');
    expect(mail).toContain('We will make an appointment for the conversation together.');
    // Plain text with the documents as a dashed list, and HTML with a real one, in the resident's language.
    expect(mail).toContain('Please bring\n\n- Your health-insurance policy');
    expect(mail).toContain('<ul>\n<li>Your health-insurance policy</li>\n</ul>');
    expect(mail).toContain('<html lang="en" dir="ltr">');
    expect(await timelineKinds(h.id)).toEqual(
      expect.arrayContaining(['voorbereiding_mail', 'voorbereiding_verzonden']),
    );
    // Sending a sent one again is refused.
    const sentId = res.json().preparations[0].id;
    expect(
      (await regisseur.request('POST', `${API}/huishoudplan-voorbereidingen/${sentId}/opnieuw`)).statusCode,
    ).toBe(409);
    // A refused address: kept as failed with the SMTP reason, without the address in it; sent again later.
    refuseMail = true;
    const failed = await send({ recipient: 'later@example.test' });
    const f = failed
      .json()
      .preparations.find((x: { recipient: string }) => x.recipient === 'later@example.test');
    expect(f).toMatchObject({ status: 'mislukt', lastError: 'Sending the e-mail failed (SMTP 550).' });
    expect(await audits('household.preparation_failed', f.id)).toBe(1);
    refuseMail = false;
    const retried = await regisseur.request('POST', `${API}/huishoudplan-voorbereidingen/${f.id}/opnieuw`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().preparations.find((x: { id: string }) => x.id === f.id)).toMatchObject({
      status: 'verzonden',
      attempts: 2,
      lastError: null,
    });
    expect(mails.filter((m) => m.to === 'later@example.test')).toHaveLength(1);
    // A letter has a PDF; an e-mail has none.
    const noPdf = await regisseur.request('GET', `${API}/huishoudplan-voorbereidingen/${sentId}/brief.pdf`);
    expect(noPdf.statusCode).toBe(404);
    expect(noPdf.json().type).toMatch(/geen-brief$/);
  });

  it('refuses an unknown language and other bad preparations: nothing saved, nothing sent', async () => {
    const h = await openPlan();
    const other = await openPlan();
    const elsewhere = (await plan(other.id, appointment())).json().appointments[0];
    const cancelled = (await plan(h.id, appointment())).json().appointments[0];
    await regisseur.request('PATCH', `${API}/huishoudplan-afspraken/${cancelled.id}`, {
      version: 1,
      status: 'geannuleerd',
      reason: 'Verzet',
    });
    const before = mails.length;
    const body = {
      calledOn: today,
      memberId: h.members[0]?.id,
      language: 'nl',
      channel: 'brief',
      items: [{ kind: 'standaard', code: 'inkomen' }],
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ language: 'xx' }, 'body.language', 'unsupported_language'],
      [
        { language: 'fr', channel: 'mail', recipient: 'a@example.test' },
        'body.language',
        'unsupported_language',
      ],
      [{ calledOn: '2999-01-01' }, 'body.calledOn', 'in_future'],
      [{ channel: 'mail' }, 'body.recipient', 'missing_recipient'],
      [{ channel: 'mail', recipient: 'geen-adres' }, 'body.recipient', 'invalid_recipient'],
      [{ memberId: other.members[0]?.id }, 'body.memberId', 'not_in_household'],
      [{ appointmentId: elsewhere.id }, 'body.appointmentId', 'unknown_appointment'],
      [{ appointmentId: cancelled.id }, 'body.appointmentId', 'appointment_not_planned'],
    ];
    for (const [over, name, code] of cases) {
      const res = await regisseur.request('POST', `${API}/huishoudplannen/${h.id}/voorbereidingen`, {
        ...body,
        ...over,
      });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().invalidParams, JSON.stringify(over)).toEqual([
        expect.objectContaining({ name, code }),
      ]);
    }
    const xx = await regisseur.request('POST', `${API}/huishoudplannen/${h.id}/voorbereidingen`, {
      ...body,
      language: 'xx',
    });
    expect(xx.json().invalidParams[0].reason).toContain('nl, en, ar, tr');
    const empty = await regisseur.request('POST', `${API}/huishoudplannen/${h.id}/voorbereidingen`, {
      ...body,
      items: [],
    });
    expect(empty.json().invalidParams[0].name).toBe('body.items');
    expect(
      await count('SELECT count(*)::int AS n FROM household_preparations WHERE household_case_id = $1', [
        h.id,
      ]),
    ).toBe(0);
    expect((await timelineKinds(h.id)).filter((k) => k.startsWith('voorbereiding'))).toEqual([]);
    expect(mails.length).toBe(before);
  });

  it('keeps a list of documents per municipality: built-in and own, in every letter language', async () => {
    const first = await regisseur.request('GET', `${API}/huishoudplan-voorbereiding/meeneemlijst`);
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(0);
    expect(first.json().items.map((i: { code: string }) => i.code)).toEqual([
      'identiteitsbewijs',
      'inkomen',
      'bankafschriften',
      'brieven_schuldeisers',
      'huurcontract',
      'zorgpolis',
    ]);
    const body = {
      version: 0,
      items: [
        { kind: 'standaard', code: 'identiteitsbewijs' },
        { kind: 'standaard', code: 'vaste_lasten' },
        {
          kind: 'eigen',
          texts: { nl: 'Uw WOZ-beschikking', en: 'Your WOZ assessment', tr: 'WOZ kararınız' },
        },
      ],
    };
    expect(
      (await regisseur.request('PUT', `${API}/huishoudplan-voorbereiding/meeneemlijst`, body)).statusCode,
    ).toBe(403);
    const saved = await beheer.request('PUT', `${API}/huishoudplan-voorbereiding/meeneemlijst`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    expect(saved.json().items[2]).toEqual({
      kind: 'eigen',
      code: null,
      texts: {
        nl: 'Uw WOZ-beschikking',
        en: 'Your WOZ assessment',
        ar: 'Your WOZ assessment',
        tr: 'WOZ kararınız',
      },
    });
    const stale = await beheer.request('PUT', `${API}/huishoudplan-voorbereiding/meeneemlijst`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toMatch(/meeneemlijst-gewijzigd$/);
    const noDutch = await beheer.request('PUT', `${API}/huishoudplan-voorbereiding/meeneemlijst`, {
      version: 1,
      items: [{ kind: 'eigen', texts: { en: 'Only English' } }],
    });
    expect(noDutch.statusCode).toBe(400);
    expect(noDutch.json().invalidParams[0].name).toBe('body.items.0.texts.nl');
    const read = await regisseur.request('GET', `${API}/huishoudplan-voorbereiding/meeneemlijst`);
    expect(read.json().items.map((i: { code: string | null }) => i.code)).toEqual([
      'identiteitsbewijs',
      'vaste_lasten',
      null,
    ]);
  });

  it('turns referrals past their reminder date without an answer into reminders, once, and lets them go when answered', async () => {
    const h = await openPlan();
    const referral = async (organisation: string) => {
      const res = await regisseur.request('POST', `${API}/huishoudplannen/${h.id}/verwijzingen`, {
        target: 'overig',
        organisation,
        reason: 'Hulp bij de administratie',
        remindOn: today,
        consent: { givenOn: today, memberId: h.members[0]?.id, shared: 'Naam en telefoonnummer' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().referrals.find((r: { organisation: string }) => r.organisation === organisation);
    };
    const silent = await referral('Humanitas');
    const answered = await referral('Schuldhulpmaatje');
    const later = await referral('Formulierenbrigade');
    // Time passes: the reminder dates lie behind us (the API only takes dates from today on).
    await v.database.query(
      `UPDATE household_referrals SET remind_on = $2::date - 3 WHERE id = ANY($1::uuid[])`,
      [[silent.id, answered.id], today],
    );
    await v.database.query(`UPDATE household_referrals SET remind_on = $2::date + 7 WHERE id = $1`, [
      later.id,
      today,
    ]);
    await regisseur.request('PATCH', `${API}/huishoudplan-verwijzingen/${answered.id}`, {
      version: answered.version,
      reply: 'We bellen de bewoner deze week',
    });
    const first = await remindReferrals(v.database.orm, today);
    expect(first.created).toBeGreaterThanOrEqual(1);
    const second = await remindReferrals(v.database.orm, today);
    expect(second.created).toBe(0);
    const timeline = await v.database.query<{
      kind: string;
      subject_id: string;
      actor_user_id: string | null;
    }>(
      "SELECT kind, subject_id, actor_user_id FROM household_timeline WHERE household_case_id = $1 AND kind = 'verwijzing_herinnering'",
      [h.id],
    );
    expect(timeline).toEqual([
      { kind: 'verwijzing_herinnering', subject_id: silent.id, actor_user_id: null },
    ]);
    const mine = (await regisseur.request('GET', `${API}/huishoudplan-herinneringen`)).json().items;
    expect(mine.filter((r: { householdCaseId: string }) => r.householdCaseId === h.id)).toEqual([
      expect.objectContaining({
        referralId: silent.id,
        organisation: 'Humanitas',
        regisseur: expect.objectContaining({ name: 'Rachid Regisseur' }),
      }),
    ]);
    const view = (await regisseur.request('GET', `${API}/huishoudplannen/${h.id}/afspraken`)).json();
    expect(view.reminders.map((r: { referralId: string }) => r.referralId)).toEqual([silent.id]);
    // Another regisseur's own list leaves it out; the list of all open households has it.
    expect((await tweede.request('GET', `${API}/huishoudplan-herinneringen`)).json().items).toEqual([]);
    const all = (await tweede.request('GET', `${API}/huishoudplan-herinneringen?regisseur=alle`)).json()
      .items;
    expect(all.map((r: { referralId: string }) => r.referralId)).toContain(silent.id);
    expect(
      await count("SELECT count(*)::int AS n FROM audit_events WHERE action = 'household.reminder_list'", []),
    ).toBeGreaterThanOrEqual(3);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'household.referral_reminders' AND $1 = ANY(subject_ids)",
        [silent.id],
      ),
    ).toBe(1);
    // An answer hides it at once; the next sweep resolves it for good.
    const fresh = (await regisseur.request('GET', `${API}/huishoudplannen/${h.id}`))
      .json()
      .referrals.find((r: { id: string }) => r.id === silent.id);
    await regisseur.request('PATCH', `${API}/huishoudplan-verwijzingen/${silent.id}`, {
      version: fresh.version,
      status: 'geaccepteerd',
      reply: 'Welkom bij het spreekuur',
    });
    expect(
      (await regisseur.request('GET', `${API}/huishoudplan-herinneringen`))
        .json()
        .items.filter((r: { householdCaseId: string }) => r.householdCaseId === h.id),
    ).toEqual([]);
    const third = await remindReferrals(v.database.orm, today);
    expect(third.resolved).toBeGreaterThanOrEqual(1);
    expect(
      await count(
        'SELECT count(*)::int AS n FROM household_referral_reminders WHERE referral_id = $1 AND resolved_at IS NULL',
        [silent.id],
      ),
    ).toBe(0);
  });
});
