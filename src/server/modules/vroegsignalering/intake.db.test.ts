import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import type { Vangnet } from '../../server.ts';

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

const iso = (d: Date) => d.toISOString().slice(0, 10);
const today = new Date();
const thisMonth = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)));
const lastMonth = iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 3)));

function signalFor(p: Person, extra: Record<string, unknown> = {}) {
  return {
    voornamen: p.voornamen,
    ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
    achternaam: p.geslachtsnaam,
    geboortedatum: p.geboortedatum,
    postcode: p.postcode,
    huisnummer: p.huisnummer,
    ...(p.huisletter ? { huisletter: p.huisletter } : {}),
    ...(p.toevoeging ? { toevoeging: p.toevoeging } : {}),
    amountCents: 45000,
    signalDate: thisMonth,
    ...extra,
  };
}

describe('vroegsignalering intake: partner API, manual entry and referrals through one pipeline', () => {
  let v: Vangnet;
  let token: string;
  let adults: Person[];
  let staff: TestClient;

  async function post(body: unknown, bearer = token) {
    return v.app.inject({
      method: 'POST',
      url: '/api/v1/vroegsignalen',
      headers: { authorization: `Bearer ${bearer}` },
      payload: body as object,
    });
  }

  async function signalRow(id: string) {
    const [row] = await v.database.query<{
      match_status: string;
      person_id: string | null;
      ddas_status: string;
      status_reason: string | null;
      related_signal_id: string | null;
      melding_id: string | null;
      version: number;
    }>('SELECT * FROM signals WHERE id = $1', [id]);
    return row;
  }

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 300 });
    const res = await v.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: 'woningcorporatie-demo',
        client_secret: 'demo-partner-secret',
      },
    });
    token = res.json().access_token;
    adults = await v.database.query<Person>(
      `SELECT p.id, p.household_id, p.voornamen, p.voorvoegsel, p.geslachtsnaam, p.geboortedatum::text AS geboortedatum,
              a.postcode, a.huisnummer, a.huisletter, a.toevoeging
         FROM persons p JOIN addresses a ON a.id = p.address_id JOIN municipalities m ON m.id = p.municipality_id
        WHERE m.cbs_code = '9901' AND p.household_role = 'hoofd' AND p.geboortedatum < now() - interval '30 years'
          AND NOT EXISTS (SELECT 1 FROM persons o WHERE o.address_id = p.address_id AND o.household_id <> p.household_id)
        ORDER BY p.bsn LIMIT 9`,
    );
    staff = new TestClient(v.app);
    await staff.login('vroegsignalering@voorbeeldstad.demo');
  });
  afterAll(async () => v?.close());

  it('accepts valid signals, rejects invalid ones with field errors, and treats resends idempotently', async () => {
    const p = adults[0] as Person;
    const res = await post({
      signalen: [
        signalFor(p, { externalId: 'HUUR-1' }),
        { achternaam: 'X', postcode: '0000XX', huisnummer: 1, amountCents: -5, signalDate: '2999-01-01' },
        signalFor(p, { externalId: 'HUUR-1' }),
        signalFor(p, { externalId: 'HUUR-1', amountCents: 61000 }),
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
    const [first, bad, dup, second] = body.results;
    expect(first).toMatchObject({ outcome: 'accepted', version: 1 });
    expect(bad.outcome).toBe('rejected');
    expect(bad.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(
      expect.arrayContaining([
        'postcode:invalid_postcode',
        'amountCents:too_small',
        'signalDate:date_in_future',
      ]),
    );
    expect(dup).toMatchObject({ outcome: 'duplicate', duplicateOf: first.id });
    expect(second).toMatchObject({ outcome: 'accepted', version: 2 });

    const again = (
      await post({ signalen: [signalFor(p, { externalId: 'HUUR-1', amountCents: 61000 })] })
    ).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(again.results[0].duplicateOf).toBe(second.id);

    const stored = await signalRow(second.id);
    expect(stored?.version).toBe(2);
    expect(stored?.match_status).toBe('matched');
    expect(stored?.person_id).toBe(p.id);
    expect(stored?.melding_id).toBeTruthy();
  });

  it('bundles a household into a prioritised, explainable melding', async () => {
    const p = adults[0] as Person;
    const [melding] = await v.database.query<{
      id: string;
      household_id: string;
      queue_id: string | null;
      rule_set_id: string | null;
      deadline: string | null;
      rule_explanation: unknown[];
    }>('SELECT * FROM meldingen WHERE household_id = $1', [p.household_id]);
    expect(melding?.queue_id).toBeTruthy();
    expect(melding?.rule_set_id).toBeTruthy();
    expect(melding?.deadline).toBeTruthy();
    expect(melding?.rule_explanation.length).toBeGreaterThan(0);
    const detail = await staff.request('GET', `/api/v1/meldingen/${melding?.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().signals.length).toBe(2);
    expect(detail.json().ruleVersion).toBe(1);
    expect(JSON.stringify(detail.json())).not.toMatch(/"bsn"/);
  });

  it('refuses a partner that posts for a municipality it has no agreement with', async () => {
    const res = await post({ gemeentecode: '9902', signalen: [signalFor(adults[1] as Person)] });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const staffToken = await post({ signalen: [signalFor(adults[1] as Person)] }, 'nonsense');
    expect(staffToken.statusCode).toBe(401);
  });

  it('routes a crisis signal to the crisis queue with a deadline of at most three working days', async () => {
    const p = adults[1] as Person;
    const res = (
      await post({
        signalen: [
          signalFor(p, { externalId: 'HUUR-CRISIS', evictionAnnounced: true, evictionDate: thisMonth }),
        ],
      })
    ).json();
    const signal = await signalRow(res.results[0].id);
    const [melding] = await v.database.query<{ is_crisis: boolean; queue: string; deadline: string }>(
      'SELECT m.is_crisis, q.name AS queue, m.deadline::text AS deadline FROM meldingen m JOIN work_queues q ON q.id = m.queue_id WHERE m.id = $1',
      [signal?.melding_id],
    );
    expect(melding?.is_crisis).toBe(true);
    expect(melding?.queue).toBe('Crisis');
    const days = (Date.parse(melding?.deadline ?? '') - Date.parse(iso(new Date()))) / 86_400_000;
    expect(days).toBeLessThanOrEqual(7);
    const list = await staff.request('GET', '/api/v1/meldingen?flags=crisis');
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(signal?.melding_id);
  });

  it('answers manual entry with field errors that carry stable codes', async () => {
    const res = await staff.request('POST', '/api/v1/vroegsignalen/handmatig', {
      signal: {
        achternaam: 'Jansen',
        postcode: '12',
        huisnummer: 1,
        amountCents: 100,
        signalDate: '2099-01-05',
        geboortedatum: '1800-01-01',
      },
    });
    expect(res.statusCode).toBe(400);
    const codes = res.json().invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'body.signal.postcode:invalid_postcode',
        'body.signal.signalDate:date_in_future',
        'body.signal.geboortedatum:date_before_1900',
      ]),
    );
  });

  it('records a signal below the threshold with its DDAS status and reason, and bundles nothing', async () => {
    const partners = await v.database.query<{ id: string }>(
      "SELECT sp.id FROM signal_partners sp JOIN municipalities m ON m.id = sp.municipality_id WHERE m.cbs_code = '9901' AND sp.partner_type = 'Energie'",
    );
    const res = await staff.request('POST', '/api/v1/vroegsignalen/handmatig', {
      partnerId: partners[0]?.id,
      signal: signalFor(adults[2] as Person, { amountCents: 5000 }),
    });
    expect(res.statusCode).toBe(200);
    const row = await signalRow(res.json().results[0].id);
    expect(row?.ddas_status).toBe('Niet opgepakt: andere reden');
    expect(row?.status_reason).toContain('drempel');
    expect(row?.melding_id).toBeNull();
  });

  it('marks a repeat from the same partner without a higher amount as herhaalde melding, linked to the earlier one', async () => {
    const p = adults[3] as Person;
    const first = (
      await post({ signalen: [signalFor(p, { externalId: 'HUUR-R1', signalDate: lastMonth })] })
    ).json();
    const repeat = (await post({ signalen: [signalFor(p, { externalId: 'HUUR-R2' })] })).json();
    const row = await signalRow(repeat.results[0].id);
    expect(row?.ddas_status).toBe('Niet opgepakt: herhaalde melding');
    expect(row?.related_signal_id).toBe(first.results[0].id);
  });

  it('flags meervoudig (two partners in one month) and opeenvolgend (a signal in the six months before)', async () => {
    const p = adults[4] as Person;
    const partners = await v.database.query<{ id: string }>(
      "SELECT sp.id FROM signal_partners sp JOIN municipalities m ON m.id = sp.municipality_id WHERE m.cbs_code = '9901' AND sp.partner_type = 'Water'",
    );
    await post({ signalen: [signalFor(p, { externalId: 'HUUR-M0', signalDate: lastMonth })] });
    await post({ signalen: [signalFor(p, { externalId: 'HUUR-M1', amountCents: 90000 })] });
    await staff.request('POST', '/api/v1/vroegsignalen/handmatig', {
      partnerId: partners[0]?.id,
      signal: signalFor(p, { amountCents: 12000 }),
    });
    const rows = await v.database.query<{
      period_start: string;
      meervoudig: boolean;
      opeenvolgend: boolean;
      enkelvoudig: boolean;
      signal_count: number;
    }>(
      'SELECT period_start::text AS period_start, meervoudig, opeenvolgend, enkelvoudig, signal_count FROM meldingen WHERE household_id = $1 ORDER BY period_start',
      [p.household_id],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      enkelvoudig: true,
      meervoudig: false,
      opeenvolgend: false,
      signal_count: 1,
    });
    expect(rows[1]).toMatchObject({
      meervoudig: true,
      opeenvolgend: true,
      enkelvoudig: false,
      signal_count: 2,
    });
  });

  it('takes a referral with its referrer through the same pipeline', async () => {
    const [source] = await v.database.query<{ id: string }>(
      "SELECT r.id FROM referral_sources r JOIN municipalities m ON m.id = r.municipality_id WHERE m.cbs_code = '9901' AND r.name = 'Voedselbank'",
    );
    const p = adults[5] as Person;
    const beleid = new TestClient(v.app);
    await beleid.login('schuldhulp@voorbeeldstad.demo');
    const { amountCents: _a, signalDate: _d, ...person } = signalFor(p);
    const res = await beleid.request('POST', '/api/v1/verwijzingen', {
      referralSourceId: source?.id,
      referrerName: 'Mieke, Voedselbank Voorbeeldstad',
      reason: 'Komt sinds twee maanden bij de voedselbank; vaste lasten lopen achter.',
      person,
    });
    expect(res.statusCode).toBe(200);
    const [row] = await v.database.query<{ source: string; referrer_name: string; match_status: string }>(
      'SELECT source, referrer_name, match_status FROM signals WHERE id = $1',
      [res.json().results[0].id],
    );
    expect(row).toMatchObject({
      source: 'verwijzing',
      referrer_name: 'Mieke, Voedselbank Voorbeeldstad',
      match_status: 'matched',
    });
  });

  it('leaves a signal for someone not in the BRP unbundled, waiting for manual matching', async () => {
    const p = adults[0] as Person;
    const res = (
      await post({
        signalen: [
          {
            externalId: 'HUUR-NF',
            achternaam: 'Onbekendenaam',
            geboortedatum: '1970-01-01',
            postcode: p.postcode,
            huisnummer: p.huisnummer,
            amountCents: 30000,
            signalDate: thisMonth,
          },
        ],
      })
    ).json();
    const row = await signalRow(res.results[0].id);
    expect(row?.match_status).toBe('not_found');
    expect(row?.melding_id).toBeNull();
  });

  it('recognises a repeat within one batch: only the later of two signals is the herhaalde melding', async () => {
    const p = adults[6] as Person;
    const res = (
      await post({
        signalen: [
          signalFor(p, { externalId: 'HUUR-B1', amountCents: 50000 }),
          signalFor(p, { externalId: 'HUUR-B2', amountCents: 50000 }),
          signalFor(p, { externalId: 'HUUR-B3', amountCents: 80000 }),
        ],
      })
    ).json();
    const [first, second, third] = await Promise.all(res.results.map((r: { id: string }) => signalRow(r.id)));
    expect(first?.ddas_status).toBe('Nog niet opgepakt');
    expect(second?.ddas_status).toBe('Niet opgepakt: herhaalde melding');
    expect(second?.related_signal_id).toBe(res.results[0].id);
    // A higher amount is news, not a repeat: it joins the household's melding.
    expect(third?.ddas_status).toBe('Nog niet opgepakt');
    expect(third?.melding_id).toBe(first?.melding_id);
    const [melding] = await v.database.query<{ signal_count: number; total_amount_cents: number }>(
      'SELECT signal_count, total_amount_cents::int AS total_amount_cents FROM meldingen WHERE id = $1',
      [first?.melding_id],
    );
    expect(melding).toMatchObject({ signal_count: 2, total_amount_cents: 130000 });
  });

  it('matches a signal by hand: it joins a prioritised melding and records who matched it', async () => {
    const p = adults[7] as Person;
    const res = (
      await post({
        signalen: [signalFor(p, { externalId: 'HUUR-HAND', achternaam: 'Volkomen-Anders', voornamen: 'X' })],
      })
    ).json();
    const id = res.results[0].id;
    expect((await signalRow(id))?.match_status).toBe('not_found');
    const matched = await staff.request('POST', `/api/v1/vroegsignalen/${id}/koppeling`, { personId: p.id });
    expect(matched.statusCode).toBe(200);
    const [row] = await v.database.query<{
      match_status: string;
      person_id: string;
      matched_by: string;
      melding_id: string;
      queue_id: string | null;
      signal_count: number;
      rule_set_id: string | null;
    }>(
      `SELECT s.match_status, s.person_id, s.matched_by, s.melding_id, m.queue_id, m.signal_count, m.rule_set_id
         FROM signals s JOIN meldingen m ON m.id = s.melding_id WHERE s.id = $1`,
      [id],
    );
    const [user] = await v.database.query<{ id: string }>(
      "SELECT id FROM users WHERE email = 'vroegsignalering@voorbeeldstad.demo'",
    );
    expect(row).toMatchObject({
      match_status: 'matched',
      person_id: p.id,
      matched_by: user?.id,
      signal_count: 1,
    });
    expect(row?.queue_id).not.toBeNull();
    expect(row?.rule_set_id).not.toBeNull();
    const again = await staff.request('POST', `/api/v1/vroegsignalen/${id}/koppeling`, { personId: p.id });
    expect(again.statusCode).toBe(409);
  });

  it('audits every intake and every read of a melding', async () => {
    const rows = await v.database.query<{ action: string; n: number }>(
      "SELECT action, count(*)::int AS n FROM audit_events WHERE action IN ('signals.ingest', 'meldingen.read', 'meldingen.list') GROUP BY action",
    );
    const byAction = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(byAction['signals.ingest']).toBeGreaterThan(5);
    expect(byAction['meldingen.read']).toBeGreaterThan(0);
    expect(byAction['meldingen.list']).toBeGreaterThan(0);
  });
});
