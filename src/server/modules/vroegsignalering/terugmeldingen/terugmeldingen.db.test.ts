// Feedback to partners: a partner reads only its own signals, only "taken up or not" and "help accepted or not",
// paged by change time; never another partner's signals (also not when both are in one melding), never another
// municipality's, never a reason, a name, an amount or a note.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../../test/harness.ts';
import { todayInNetherlands } from '../../../../shared/calendar.ts';
import type { Vangnet } from '../../../server.ts';

const API = '/api/v1';
const today = todayInNetherlands();
const SECRET_NOTE = 'GEHEIM-dossier-notitie-7Q';
const SECRET_REASON = 'GEHEIM-andere-reden-9X';

type Person = {
  voornamen: string;
  geslachtsnaam: string;
  geboortedatum: string;
  postcode: string;
  huisnummer: number;
};
type Feedback = {
  signalId: string;
  externalId: string | null;
  version: number;
  signalDate: string;
  takenUp: boolean | null;
  helpAccepted: boolean | null;
  changedAt: string;
};

describe('terugmeldingen: what a partner may learn of its own signals', () => {
  let v: Vangnet;
  let beheer: TestClient;
  let vera: TestClient;
  let people: Person[];
  const partner: Record<'huur' | 'energie' | 'dorp', { id: string; token: string }> = {
    huur: { id: '', token: '' },
    energie: { id: '', token: '' },
    dorp: { id: '', token: '' },
  };

  async function loggedIn(email: string) {
    const c = new TestClient(v.app);
    expect((await c.login(email)).statusCode).toBe(200);
    return c;
  }

  async function tokenFor(staff: TestClient, partnerId: string): Promise<string> {
    const cred = await staff.request('POST', `${API}/signaalpartners/${partnerId}/credentials`);
    expect(cred.statusCode).toBe(201);
    const { clientId, clientSecret } = cred.json();
    const res = await v.app.inject({
      method: 'POST',
      url: `${API}/oauth/token`,
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
    });
    expect(res.statusCode).toBe(200);
    return res.json().access_token;
  }

  async function deliver(token: string, signals: Record<string, unknown>[]) {
    const res = await v.app.inject({
      method: 'POST',
      url: `${API}/vroegsignalen`,
      headers: { authorization: `Bearer ${token}` },
      payload: { signalen: signals },
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().results as { id: string }[]).map((r) => r.id);
  }

  const signalOf = (p: Person, externalId: string, extra: Record<string, unknown> = {}) => ({
    externalId,
    voornamen: p.voornamen,
    achternaam: p.geslachtsnaam,
    geboortedatum: p.geboortedatum,
    postcode: p.postcode,
    huisnummer: p.huisnummer,
    amountCents: 123_456,
    signalDate: today,
    telefoon: '0612345678',
    ...extra,
  });

  async function feedback(
    token: string,
    query = '',
  ): Promise<{ items: Feedback[]; nextCursor: string | null }> {
    const res = await v.app.inject({
      method: 'GET',
      url: `${API}/terugmeldingen${query}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  async function all(token: string, limit = 2): Promise<Feedback[]> {
    const items: Feedback[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page = await feedback(token, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  async function meldingOf(signalId: string): Promise<string> {
    const [row] = await v.database.query<{ melding_id: string }>(
      'SELECT melding_id FROM signals WHERE id = $1',
      [signalId],
    );
    return row?.melding_id as string;
  }

  async function version(meldingId: string): Promise<number> {
    const res = await vera.request('GET', `${API}/opvolging/meldingen/${meldingId}`);
    expect(res.statusCode).toBe(200);
    return res.json().version;
  }

  const ids: Record<string, string | undefined> = {};

  beforeAll(async () => {
    v = await startTestApp();
    beheer = await loggedIn('beheer@voorbeeldstad.demo');
    vera = await loggedIn('vroegsignalering@voorbeeldstad.demo');
    people = await v.database.query<Person>(
      `SELECT DISTINCT ON (a.id) p.voornamen, p.geslachtsnaam, to_char(p.geboortedatum, 'YYYY-MM-DD') AS geboortedatum,
              a.postcode, a.huisnummer
         FROM persons p JOIN addresses a ON a.id = p.address_id JOIN municipalities m ON m.id = p.municipality_id
        WHERE m.name = 'Voorbeeldstad' AND p.brp_status = 'ingeschreven' AND a.huisletter IS NULL
          AND a.toevoeging IS NULL AND p.geboortedatum < current_date - interval '25 years'
        ORDER BY a.id, p.id LIMIT 4`,
    );
    expect(people.length).toBe(4);
    const partners = (await beheer.request('GET', `${API}/signaalpartners?limit=100`)).json().items as {
      id: string;
      partnerType: string;
    }[];
    partner.huur.id = partners.find((p) => p.partnerType === 'Huur')?.id as string;
    partner.energie.id = partners.find((p) => p.partnerType === 'Energie')?.id as string;
    partner.huur.token = await tokenFor(beheer, partner.huur.id);
    partner.energie.token = await tokenFor(beheer, partner.energie.id);

    // A partner of Dorpsveld, set up by the regional user there.
    const regio = await loggedIn('regio@voorbeeldstad.demo');
    const [dorp] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE name = 'Dorpsveld'",
    );
    expect(
      (await regio.request('PUT', `${API}/session/municipality`, { municipalityId: dorp?.id })).statusCode,
    ).toBe(200);
    const dorpPartners = (await regio.request('GET', `${API}/signaalpartners?limit=100`)).json().items as {
      id: string;
    }[];
    partner.dorp.id = dorpPartners[0]?.id as string;
    partner.dorp.token = await tokenFor(regio, partner.dorp.id);

    const [p0, p1, p2, p3] = people as [Person, Person, Person, Person];
    // Person 0 is signalled by both partners: one melding, two partners' signals.
    [ids.huurShared] = await deliver(partner.huur.token, [signalOf(p0, 'H-1')]);
    [ids.energieShared] = await deliver(partner.energie.token, [signalOf(p0, 'E-1')]);
    [ids.huurOther, ids.huurUntouched] = await deliver(partner.huur.token, [
      signalOf(p1, 'H-2'),
      signalOf(p2, 'H-3'),
    ]);
    [ids.energieOwn] = await deliver(partner.energie.token, [signalOf(p3, 'E-2')]);
    for (const id of Object.values(ids)) expect(id).toBeTruthy();
    expect(await meldingOf(ids.huurShared as string)).toBe(await meldingOf(ids.energieShared as string));
  }, 120_000);
  afterAll(async () => v?.close());

  it('starts with "not decided yet" for every own signal, and nothing else', async () => {
    const items = await all(partner.huur.token);
    expect(items.map((i) => i.externalId).sort()).toEqual(['H-1', 'H-2', 'H-3']);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual([
        'changedAt',
        'externalId',
        'helpAccepted',
        'signalDate',
        'signalId',
        'takenUp',
        'version',
      ]);
      expect(item).toMatchObject({ takenUp: null, helpAccepted: null, signalDate: today, version: 1 });
    }
  });

  it('tells taken up and help accepted after contact and closing, and only that', async () => {
    const shared = await meldingOf(ids.huurShared as string);
    const contact = await vera.request('POST', `${API}/opvolging/meldingen/${shared}/contactpogingen`, {
      version: await version(shared),
      soort: 'Telefoon',
      datum: today,
      dagdeel: 'Ochtend',
      bereikt: true,
      note: SECRET_NOTE,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const closed = await vera.request('POST', `${API}/opvolging/meldingen/${shared}/afsluiting`, {
      version: await version(shared),
      eindresultaat: 'Vervolghulp en/of verwijzing financieel',
      note: SECRET_NOTE,
    });
    expect(closed.statusCode, closed.body).toBe(200);

    const other = await meldingOf(ids.huurOther as string);
    const refused = await vera.request('POST', `${API}/opvolging/meldingen/${other}/afsluiting`, {
      version: await version(other),
      eindresultaat: 'Niet opgepakt: andere reden',
      note: SECRET_REASON,
    });
    expect(refused.statusCode, refused.body).toBe(200);

    const items = await all(partner.huur.token);
    const by = new Map(items.map((i) => [i.externalId, i]));
    expect(by.get('H-1')).toMatchObject({ takenUp: true, helpAccepted: true });
    expect(by.get('H-2')).toMatchObject({ takenUp: false, helpAccepted: null });
    expect(by.get('H-3')).toMatchObject({ takenUp: null, helpAccepted: null });
  });

  it('never shows another partner its signals, not even those in the same melding', async () => {
    const energie = await all(partner.energie.token);
    expect(energie.map((i) => i.externalId).sort()).toEqual(['E-1', 'E-2']);
    const huur = await all(partner.huur.token);
    const huurIds = new Set(huur.map((i) => i.signalId));
    for (const item of energie) expect(huurIds.has(item.signalId)).toBe(false);
    // The energy partner's signal in the shared melding got the same facts, from its own signal.
    expect(energie.find((i) => i.externalId === 'E-1')).toMatchObject({ takenUp: true, helpAccepted: true });
    // Dorpsveld's partner sees nothing of Voorbeeldstad.
    const dorp = await all(partner.dorp.token);
    for (const item of dorp)
      expect([...huurIds, ...energie.map((i) => i.signalId)]).not.toContain(item.signalId);
  });

  it('answers no case detail: no name, address, amount, phone, note or reason', async () => {
    const bodies: string[] = [];
    for (const token of [partner.huur.token, partner.energie.token]) {
      const res = await v.app.inject({
        method: 'GET',
        url: `${API}/terugmeldingen?limit=100`,
        headers: { authorization: `Bearer ${token}` },
      });
      bodies.push(res.body);
    }
    const csv = await beheer.request(
      'GET',
      `${API}/signaalpartners/${partner.huur.id}/terugmeldingen/export`,
    );
    expect(csv.statusCode).toBe(200);
    bodies.push(csv.body);
    const staff = await beheer.request('GET', `${API}/signaalpartners/${partner.huur.id}/terugmeldingen`);
    bodies.push(staff.body);
    const forbidden = [
      SECRET_NOTE,
      SECRET_REASON,
      'andere reden',
      'Niet opgepakt',
      'Vervolghulp',
      'Opgepakt',
      '123456',
      '1234,56',
      '0612345678',
      ...people.flatMap((p) => [p.geslachtsnaam, p.voornamen, p.postcode, p.geboortedatum]),
    ];
    for (const body of bodies) for (const word of forbidden) expect(body, word).not.toContain(word);
  });

  it('pages by change time: a change brings a signal back after the last changedAt', async () => {
    const before = await all(partner.huur.token, 1);
    const last = before.at(-1) as Feedback;
    const changedAt = before.map((i) => i.changedAt);
    expect([...changedAt].sort()).toEqual(changedAt);
    const nothingNew = await feedback(
      partner.huur.token,
      `?changedSince=${encodeURIComponent(last.changedAt)}`,
    );
    expect(nothingNew.items).toEqual([]);

    const untouched = await meldingOf(ids.huurUntouched as string);
    const contact = await vera.request('POST', `${API}/opvolging/meldingen/${untouched}/contactpogingen`, {
      version: await version(untouched),
      soort: 'Brief',
      datum: today,
      bereikt: false,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const changed = await feedback(partner.huur.token, `?changedSince=${encodeURIComponent(last.changedAt)}`);
    expect(changed.items.map((i) => [i.externalId, i.takenUp])).toEqual([['H-3', true]]);
  });

  it('keeps each door shut: staff cannot use the partner API, partners not the staff view, other tenants get 404', async () => {
    expect((await vera.request('GET', `${API}/terugmeldingen`)).statusCode).toBe(401);
    const asPartner = await v.app.inject({
      method: 'GET',
      url: `${API}/signaalpartners/${partner.huur.id}/terugmeldingen`,
      headers: { authorization: `Bearer ${partner.huur.token}` },
    });
    expect(asPartner.statusCode).toBe(401);
    const otherTenant = await beheer.request(
      'GET',
      `${API}/signaalpartners/${partner.dorp.id}/terugmeldingen`,
    );
    expect(otherTenant.statusCode).toBe(404);
    const otherCsv = await beheer.request(
      'GET',
      `${API}/signaalpartners/${partner.dorp.id}/terugmeldingen/export`,
    );
    expect(otherCsv.statusCode).toBe(404);
    const bad = await feedback(partner.huur.token, '').then(() =>
      v.app.inject({
        method: 'GET',
        url: `${API}/terugmeldingen?cursor=bm9uc2Vuc2U`,
        headers: { authorization: `Bearer ${partner.huur.token}` },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].name).toBe('query.cursor');
  });

  it('writes the CSV with a header and ja/nee, the same facts as the API, and logs every read', async () => {
    const csv = await beheer.request(
      'GET',
      `${API}/signaalpartners/${partner.huur.id}/terugmeldingen/export`,
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('signalId;externalId;version;signalDate;takenUp;helpAccepted;changedAt');
    const h1 = lines.find((l) => l.includes(';H-1;'));
    expect(h1?.split(';').slice(4, 6)).toEqual(['ja', 'ja']);
    const h2 = lines.find((l) => l.includes(';H-2;'));
    expect(h2?.split(';').slice(4, 6)).toEqual(['nee', '']);
    const audit = await v.database.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE action LIKE 'terugmeldingen.%' GROUP BY action`,
    );
    const actions = new Map(audit.map((a) => [a.action, a.n]));
    expect(actions.get('terugmeldingen.list')).toBeGreaterThan(0);
    expect(actions.get('terugmeldingen.partner.export')).toBeGreaterThan(0);
  });
});
