import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import type { Vangnet } from '../../server.ts';
import { resolveMachineToken } from '../auth/machine.ts';
import {
  addDefaultReferralSources,
  DEFAULT_REFERRAL_SOURCES,
  findPartner,
  findPartnerForMachineClient,
} from './service.ts';

const API = '/api/v1';

describe('signalling partners and referral sources', () => {
  let v: Vangnet;
  let beheer: TestClient;
  let vroeg: TestClient;
  let auditor: TestClient;
  let schuldhulp: TestClient;
  let voorbeeldstadId: string;
  let dorpsveldId: string;
  /** A partner and a referral source of Dorpsveld, made by the regional administrator. */
  let foreignPartnerId: string;
  let foreignSourceId: string;

  async function loggedIn(email: string) {
    const c = new TestClient(v.app);
    const res = await c.login(email);
    expect(res.statusCode).toBe(200);
    return c;
  }

  async function auditRows(action: string, subjectId?: string) {
    return v.database.query<{ details: Record<string, unknown>; municipality_id: string; purpose: string }>(
      `SELECT details, municipality_id, purpose FROM audit_events
        WHERE action = $1 AND ($2::text IS NULL OR $2 = ANY(subject_ids)) ORDER BY id`,
      [action, subjectId ?? null],
    );
  }

  async function token(clientId: string, clientSecret: string, scope?: string) {
    return v.app.inject({
      method: 'POST',
      url: `${API}/oauth/token`,
      payload: {
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        ...(scope ? { scope } : {}),
      },
    });
  }

  beforeAll(async () => {
    v = await startTestApp();
    beheer = await loggedIn('beheer@voorbeeldstad.demo');
    vroeg = await loggedIn('vroegsignalering@voorbeeldstad.demo');
    auditor = await loggedIn('auditor@voorbeeldstad.demo');
    schuldhulp = await loggedIn('schuldhulp@voorbeeldstad.demo');
    const ids = await v.database.query<{ id: string; name: string }>('SELECT id, name FROM municipalities');
    voorbeeldstadId = ids.find((m) => m.name === 'Voorbeeldstad')?.id ?? '';
    dorpsveldId = ids.find((m) => m.name === 'Dorpsveld')?.id ?? '';

    const regio = await loggedIn('regio@voorbeeldstad.demo');
    const sw = await regio.request('PUT', `${API}/session/municipality`, { municipalityId: dorpsveldId });
    expect(sw.statusCode).toBe(200);
    regio.csrf = sw.json().csrfToken;
    const partner = await regio.request('POST', `${API}/signaalpartners`, {
      name: 'Waterbedrijf Dorpsveld',
      partnerType: 'Water',
    });
    expect(partner.statusCode).toBe(201);
    foreignPartnerId = partner.json().id;
    expect(
      (await regio.request('POST', `${API}/signaalpartners/${foreignPartnerId}/credentials`)).statusCode,
    ).toBe(201);
    const source = await regio.request('POST', `${API}/verwijzers`, { name: 'Huisarts', kind: 'extern' });
    expect(source.statusCode).toBe(201);
    foreignSourceId = source.json().id;
  }, 120_000);
  afterAll(async () => v?.close());

  describe('partners', () => {
    let partnerId: string;

    it('creates a partner with defaults, audits it and refuses a duplicate name with 409', async () => {
      const res = await beheer.request('POST', `${API}/signaalpartners`, {
        name: 'Woningcorporatie Zuid & Oost',
        partnerType: 'Huur',
        contactName: 'Joke Jansen',
        contactEmail: 'signalen@wzo.example',
      });
      expect(res.statusCode).toBe(201);
      const partner = res.json();
      expect(partner).toEqual({
        id: expect.any(String),
        name: 'Woningcorporatie Zuid & Oost',
        partnerType: 'Huur',
        contactName: 'Joke Jansen',
        contactEmail: 'signalen@wzo.example',
        deliveryChannel: 'api',
        isActive: true,
        columnMapping: null,
        clientId: null,
        credentialsIssuedAt: null,
      });
      partnerId = partner.id;
      const audit = await auditRows('signal_partner.create', partnerId);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ municipality_id: voorbeeldstadId, purpose: 'beheer-organisatie' });
      const dup = await vroeg.request('POST', `${API}/signaalpartners`, {
        name: 'Woningcorporatie Zuid & Oost',
        partnerType: 'Huur',
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.headers['content-type']).toContain('application/problem+json');
      // The same name in another municipality is fine: Dorpsveld has its own Waterbedrijf Dorpsveld.
      const same = await beheer.request('POST', `${API}/signaalpartners`, {
        name: 'Waterbedrijf Dorpsveld',
        partnerType: 'Water',
        deliveryChannel: 'bestand',
      });
      expect(same.statusCode).toBe(201);
      expect(same.json()).toMatchObject({
        deliveryChannel: 'bestand',
        contactName: null,
        contactEmail: null,
      });
    });

    it('takes DDAS partner types verbatim and validates strictly', async () => {
      for (const partnerType of ['Woningcorporatie', 'huur', 'Energieleverancier']) {
        const res = await beheer.request('POST', `${API}/signaalpartners`, { name: 'X', partnerType });
        expect(res.statusCode).toBe(400);
        expect(res.json().invalidParams[0].name).toBe('body.partnerType');
      }
      const cak = await beheer.request('POST', `${API}/signaalpartners`, {
        name: 'CAK',
        partnerType: 'CAK Zorgverzekeringen',
      });
      expect(cak.statusCode).toBe(201);
      const unknown = await beheer.request('POST', `${API}/signaalpartners`, {
        name: 'Y',
        partnerType: 'Zorg',
        secret: 'x',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().invalidParams[0]).toMatchObject({ name: 'body.secret', code: 'unknown_field' });
      const channel = await beheer.request('POST', `${API}/signaalpartners`, {
        name: 'Z',
        partnerType: 'Zorg',
        deliveryChannel: 'fax',
      });
      expect(channel.statusCode).toBe(400);
      const mail = await beheer.request('PATCH', `${API}/signaalpartners/${partnerId}`, {
        contactEmail: 'nee',
      });
      expect(mail.statusCode).toBe(400);
    });

    it('lets readers read, and only managers change', async () => {
      for (const c of [auditor, schuldhulp, beheer, vroeg]) {
        const list = await c.request('GET', `${API}/signaalpartners?limit=200`);
        expect(list.statusCode).toBe(200);
        const names = list.json().items.map((p: { name: string }) => p.name) as string[];
        expect(names).toEqual(
          expect.arrayContaining(['CAK', 'Waterbedrijf Dorpsveld', 'Woningcorporatie Zuid & Oost']),
        );
        expect(names).toContain('Woningcorporatie Voorbeeld');
        expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect((await c.request('GET', `${API}/signaalpartners/${partnerId}`)).statusCode).toBe(200);
      }
      for (const c of [auditor, schuldhulp]) {
        expect(
          (await c.request('POST', `${API}/signaalpartners`, { name: 'Niet', partnerType: 'Zorg' }))
            .statusCode,
        ).toBe(403);
        expect(
          (await c.request('PATCH', `${API}/signaalpartners/${partnerId}`, { name: 'Niet' })).statusCode,
        ).toBe(403);
        expect(
          (
            await c.request('PUT', `${API}/signaalpartners/${partnerId}/kolomindeling`, {
              columnMapping: null,
            })
          ).statusCode,
        ).toBe(403);
        expect((await c.request('POST', `${API}/signaalpartners/${partnerId}/credentials`)).statusCode).toBe(
          403,
        );
      }
      for (const email of ['vrijwilliger@voorbeeldstad.demo', 'beleid@voorbeeldstad.demo']) {
        const c = await loggedIn(email);
        const res = await c.request('GET', `${API}/signaalpartners`);
        expect(res.statusCode).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect((await c.request('GET', `${API}/signaalpartners/${partnerId}`)).statusCode).toBe(403);
        expect(
          (await c.request('POST', `${API}/signaalpartners`, { name: 'Niet', partnerType: 'Zorg' }))
            .statusCode,
        ).toBe(403);
      }
      expect((await new TestClient(v.app).request('GET', `${API}/signaalpartners`)).statusCode).toBe(401);
    });

    it('pages by name with an opaque cursor', async () => {
      const all = (await auditor.request('GET', `${API}/signaalpartners?limit=200`)).json().items as {
        id: string;
      }[];
      expect(all.length).toBeGreaterThan(5);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await auditor.request(
          'GET',
          `${API}/signaalpartners?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode).toBe(200);
        const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(5);
        seen.push(...body.items.map((p) => p.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen).toEqual(all.map((p) => p.id));
      expect(pages).toBe(Math.ceil(all.length / 5));
      expect((await auditor.request('GET', `${API}/signaalpartners?cursor=nope`)).statusCode).toBe(400);
    });

    it('changes fields, clears contacts with null, and refuses a rename onto an existing name', async () => {
      const res = await vroeg.request('PATCH', `${API}/signaalpartners/${partnerId}`, {
        contactName: null,
        contactEmail: null,
        deliveryChannel: 'beide',
        partnerType: 'Overige',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        contactName: null,
        contactEmail: null,
        deliveryChannel: 'beide',
        partnerType: 'Overige',
      });
      const clash = await vroeg.request('PATCH', `${API}/signaalpartners/${partnerId}`, { name: 'CAK' });
      expect(clash.statusCode).toBe(409);
      const back = await vroeg.request('PATCH', `${API}/signaalpartners/${partnerId}`, {
        partnerType: 'Huur',
      });
      expect(back.json().partnerType).toBe('Huur');
      expect(await auditRows('signal_partner.update', partnerId)).toHaveLength(2);
    });

    it('saves and removes the column mapping', async () => {
      const columnMapping = { columns: { achternaam: 'Naam huurder', postcode: 'PC' }, delimiter: ';' };
      const res = await beheer.request('PUT', `${API}/signaalpartners/${partnerId}/kolomindeling`, {
        columnMapping,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().columnMapping).toEqual(columnMapping);
      expect(
        (await auditor.request('GET', `${API}/signaalpartners/${partnerId}`)).json().columnMapping,
      ).toEqual(columnMapping);
      expect((await findPartner(v.database.orm, voorbeeldstadId, partnerId))?.columnMapping).toEqual(
        columnMapping,
      );
      const notAnObject = await beheer.request('PUT', `${API}/signaalpartners/${partnerId}/kolomindeling`, {
        columnMapping: ['a'],
      });
      expect(notAnObject.statusCode).toBe(400);
      const huge = await beheer.request('PUT', `${API}/signaalpartners/${partnerId}/kolomindeling`, {
        columnMapping: { big: 'x'.repeat(70_000) },
      });
      expect(huge.statusCode).toBe(400);
      const cleared = await beheer.request('PUT', `${API}/signaalpartners/${partnerId}/kolomindeling`, {
        columnMapping: null,
      });
      expect(cleared.json().columnMapping).toBeNull();
      const audit = await auditRows('signal_partner.column_mapping_replace', partnerId);
      expect(audit.map((a) => a.details.removed)).toEqual([false, true]);
    });

    it('issues credentials once, usable at /oauth/token with signalen:aanleveren, and rotates them', async () => {
      const res = await beheer.request('POST', `${API}/signaalpartners/${partnerId}/credentials`);
      expect(res.statusCode).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const first = res.json() as { clientId: string; clientSecret: string };
      expect(Object.keys(first).sort()).toEqual(['clientId', 'clientSecret']);
      expect(first.clientId).toMatch(/^partner-woningcorporatie-zuid-oost-[A-Za-z0-9_-]{8}$/);
      expect(first.clientSecret.length).toBeGreaterThanOrEqual(40);

      // Never shown again: the partner shows the client id only.
      const shown = await auditor.request('GET', `${API}/signaalpartners/${partnerId}`);
      expect(shown.json()).toMatchObject({
        clientId: first.clientId,
        credentialsIssuedAt: expect.any(String),
      });
      const listed = await auditor.request('GET', `${API}/signaalpartners`);
      for (const body of [shown.body, listed.body]) {
        expect(body).not.toContain(first.clientSecret);
        expect(body).not.toContain('argon2');
        expect(body.toLowerCase()).not.toContain('secret');
      }

      const [client] = await v.database.query<{
        id: string;
        secret_hash: string;
        kind: string;
        scopes: string[];
        municipality_id: string;
        is_active: boolean;
      }>(
        'SELECT id, secret_hash, kind, scopes, municipality_id, is_active FROM machine_clients WHERE client_id = $1',
        [first.clientId],
      );
      expect(client).toMatchObject({
        kind: 'signaalpartner',
        scopes: ['signalen:aanleveren'],
        municipality_id: voorbeeldstadId,
        is_active: true,
      });
      expect(client?.secret_hash).toMatch(/^\$argon2id\$/);
      expect(client?.secret_hash).not.toContain(first.clientSecret);

      const t1 = await token(first.clientId, first.clientSecret, 'signalen:aanleveren');
      expect(t1.statusCode).toBe(200);
      expect(t1.json().scope).toBe('signalen:aanleveren');
      expect((await token(first.clientId, first.clientSecret, 'ddas:lezen')).statusCode).toBe(400);
      const firstToken = t1.json().access_token as string;
      expect(await resolveMachineToken(v.database.orm, firstToken)).toMatchObject({
        clientId: first.clientId,
        municipalityId: voorbeeldstadId,
        kind: 'signaalpartner',
      });

      // The pipeline finds the partner from the machine client.
      expect(await findPartnerForMachineClient(v.database.orm, client?.id ?? '')).toEqual({
        id: partnerId,
        municipalityId: voorbeeldstadId,
        partnerType: 'Huur',
        name: 'Woningcorporatie Zuid & Oost',
        isActive: true,
        deliveryChannel: 'beide',
        columnMapping: null,
      });

      // Rotation: a new secret works, the old secret and the old token do not.
      const rotated = await vroeg.request('POST', `${API}/signaalpartners/${partnerId}/credentials`);
      expect(rotated.statusCode).toBe(201);
      const second = rotated.json() as { clientId: string; clientSecret: string };
      expect(second.clientId).not.toBe(first.clientId);
      expect(second.clientSecret).not.toBe(first.clientSecret);
      expect((await token(first.clientId, first.clientSecret)).statusCode).toBe(401);
      expect(await resolveMachineToken(v.database.orm, firstToken)).toBeNull();
      expect((await token(second.clientId, second.clientSecret)).statusCode).toBe(200);
      expect(await findPartnerForMachineClient(v.database.orm, client?.id ?? '')).toBeUndefined();
      const [next] = await v.database.query<{ id: string }>(
        'SELECT id FROM machine_clients WHERE client_id = $1',
        [second.clientId],
      );
      expect((await findPartnerForMachineClient(v.database.orm, next?.id ?? ''))?.id).toBe(partnerId);
      expect((await auditor.request('GET', `${API}/signaalpartners/${partnerId}`)).json().clientId).toBe(
        second.clientId,
      );

      // Audited, without the secret.
      const audit = await auditRows('signal_partner.credentials_issue', partnerId);
      expect(audit.map((a) => a.details)).toEqual([
        { clientId: first.clientId, scopes: ['signalen:aanleveren'], rotated: false },
        {
          clientId: second.clientId,
          scopes: ['signalen:aanleveren'],
          rotated: true,
          previousClientId: first.clientId,
        },
      ]);
      const [leak] = await v.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_events WHERE details::text LIKE $1 OR details::text LIKE $2',
        [`%${first.clientSecret}%`, `%${second.clientSecret}%`],
      );
      expect(leak?.n).toBe(0);
    });

    it('ends machine access when the partner is deactivated, and restores it on reactivation', async () => {
      const issued = (await beheer.request('POST', `${API}/signaalpartners/${partnerId}/credentials`)).json();
      const live = (await token(issued.clientId, issued.clientSecret)).json().access_token as string;
      const off = await beheer.request('PATCH', `${API}/signaalpartners/${partnerId}`, { isActive: false });
      expect(off.statusCode).toBe(200);
      expect(off.json().isActive).toBe(false);
      expect((await token(issued.clientId, issued.clientSecret)).statusCode).toBe(401);
      expect(await resolveMachineToken(v.database.orm, live)).toBeNull();
      const refused = await beheer.request('POST', `${API}/signaalpartners/${partnerId}/credentials`);
      expect(refused.statusCode).toBe(409);
      expect((await findPartner(v.database.orm, voorbeeldstadId, partnerId))?.isActive).toBe(false);
      const on = await beheer.request('PATCH', `${API}/signaalpartners/${partnerId}`, { isActive: true });
      expect(on.json().isActive).toBe(true);
      expect((await token(issued.clientId, issued.clientSecret)).statusCode).toBe(200);
      expect((await auditRows('signal_partner.update', partnerId)).map((a) => a.details.isActive)).toContain(
        false,
      );
    });

    it("answers 404 for another municipality's partner, for every method, and changes nothing", async () => {
      const id = foreignPartnerId;
      expect((await auditor.request('GET', `${API}/signaalpartners/${id}`)).statusCode).toBe(404);
      expect(
        (await beheer.request('PATCH', `${API}/signaalpartners/${id}`, { name: 'Overgenomen' })).statusCode,
      ).toBe(404);
      expect(
        (await beheer.request('PATCH', `${API}/signaalpartners/${id}`, { isActive: false })).statusCode,
      ).toBe(404);
      expect(
        (
          await beheer.request('PUT', `${API}/signaalpartners/${id}/kolomindeling`, {
            columnMapping: { a: 1 },
          })
        ).statusCode,
      ).toBe(404);
      expect((await beheer.request('POST', `${API}/signaalpartners/${id}/credentials`)).statusCode).toBe(404);
      const [row] = await v.database.query<{
        name: string;
        column_mapping: unknown;
        is_active: boolean;
        n: number;
      }>(
        `SELECT p.name, p.column_mapping, p.is_active,
                (SELECT count(*)::int FROM machine_clients m WHERE m.municipality_id = p.municipality_id
                   AND m.kind = 'signaalpartner' AND m.is_active) AS n
           FROM signal_partners p WHERE p.id = $1`,
        [id],
      );
      expect(row).toEqual({ name: 'Waterbedrijf Dorpsveld', column_mapping: null, is_active: true, n: 1 });
      expect(await findPartner(v.database.orm, voorbeeldstadId, id)).toBeUndefined();
      expect((await findPartner(v.database.orm, dorpsveldId, id))?.municipalityId).toBe(dorpsveldId);
      expect((await beheer.request('GET', `${API}/signaalpartners/not-a-uuid`)).statusCode).toBe(400);
      const names = (await auditor.request('GET', `${API}/signaalpartners?limit=200`))
        .json()
        .items.map((p: { id: string }) => p.id);
      expect(names).not.toContain(id);
    });

    it('finds the seeded demo partner by its client, and no partner for a CBS client', async () => {
      const clients = await v.database.query<{ id: string; client_id: string }>(
        "SELECT id, client_id FROM machine_clients WHERE client_id IN ('woningcorporatie-demo', 'cbs-demo')",
      );
      const housing = clients.find((c) => c.client_id === 'woningcorporatie-demo')?.id ?? '';
      const cbs = clients.find((c) => c.client_id === 'cbs-demo')?.id ?? '';
      expect(await findPartnerForMachineClient(v.database.orm, housing)).toMatchObject({
        municipalityId: voorbeeldstadId,
        partnerType: 'Huur',
        isActive: true,
      });
      expect(await findPartnerForMachineClient(v.database.orm, cbs)).toBeUndefined();
      expect(
        await findPartnerForMachineClient(v.database.orm, '00000000-0000-4000-8000-000000000000'),
      ).toBeUndefined();
    });
  });

  describe('referral sources (verwijzers)', () => {
    let sourceId: string;

    it('knows the default referral sources', () => {
      expect(DEFAULT_REFERRAL_SOURCES.filter((s) => s.kind === 'intern').map((s) => s.name)).toEqual([
        'Participatiewet',
        'Armoederegelingen',
        'Wmo',
        'Jeugdhulp',
        'Gemeentelijke belastingen',
        'Wijkteam',
      ]);
      expect(DEFAULT_REFERRAL_SOURCES.filter((s) => s.kind === 'extern').map((s) => s.name)).toEqual([
        'Maatschappelijk werk',
        'Woningcorporatie',
        'Voedselbank',
        'School',
        'UWV',
        'Werkgever',
      ]);
    });

    it('adds the defaults once, leaving existing names alone', async () => {
      // The demo seed gave Voorbeeldstad the defaults already; a new municipality gets them once.
      expect(
        await v.database.orm.transaction((tx) => addDefaultReferralSources(tx, voorbeeldstadId)),
      ).toHaveLength(0);
      const [fresh] = await v.database.query<{ id: string }>(
        "INSERT INTO municipalities (region_id, cbs_code, name) SELECT region_id, '9977', 'Nieuwdorp' FROM municipalities WHERE id = $1 RETURNING id",
        [voorbeeldstadId],
      );
      const freshId = fresh?.id ?? '';
      await v.database.query(
        "INSERT INTO referral_sources (municipality_id, name, kind) VALUES ($1, 'Wmo', 'extern')",
        [freshId],
      );
      const created = await v.database.orm.transaction((tx) => addDefaultReferralSources(tx, freshId));
      expect(created).toHaveLength(11);
      expect(await v.database.orm.transaction((tx) => addDefaultReferralSources(tx, freshId))).toHaveLength(
        0,
      );
      const [wmo] = await v.database.query<{ kind: string }>(
        "SELECT kind FROM referral_sources WHERE municipality_id = $1 AND name = 'Wmo'",
        [freshId],
      );
      expect(wmo?.kind).toBe('extern');
      const list = await schuldhulp.request('GET', `${API}/verwijzers?limit=200`);
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { name: string; kind: string; isActive: boolean }[];
      expect(items).toHaveLength(12);
      expect(items.map((s) => s.name)).toEqual([...items.map((s) => s.name)].sort());
      expect(items.find((s) => s.name === 'UWV')).toMatchObject({ kind: 'extern', isActive: true });
    });

    it('creates, renames and deactivates a source, with audit rows and 409 on a duplicate', async () => {
      const res = await vroeg.request('POST', `${API}/verwijzers`, { name: 'Huisarts', kind: 'extern' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ name: 'Huisarts', kind: 'extern', isActive: true });
      sourceId = res.json().id;
      expect(await auditRows('referral_source.create', sourceId)).toHaveLength(1);
      expect(
        (await vroeg.request('POST', `${API}/verwijzers`, { name: 'Wmo', kind: 'intern' })).statusCode,
      ).toBe(409);
      expect(
        (await vroeg.request('POST', `${API}/verwijzers`, { name: 'Kerk', kind: 'anders' })).statusCode,
      ).toBe(400);
      const patched = await beheer.request('PATCH', `${API}/verwijzers/${sourceId}`, {
        name: 'Huisartsenpraktijk',
        isActive: false,
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ name: 'Huisartsenpraktijk', kind: 'extern', isActive: false });
      expect(
        (await beheer.request('PATCH', `${API}/verwijzers/${sourceId}`, { name: 'UWV' })).statusCode,
      ).toBe(409);
      expect((await beheer.request('PATCH', `${API}/verwijzers/${sourceId}`, {})).statusCode).toBe(200);
      expect(await auditRows('referral_source.update', sourceId)).toHaveLength(2);
    });

    it('lets readers read and only managers change sources', async () => {
      expect((await auditor.request('GET', `${API}/verwijzers`)).statusCode).toBe(200);
      expect(
        (await auditor.request('POST', `${API}/verwijzers`, { name: 'A', kind: 'intern' })).statusCode,
      ).toBe(403);
      expect(
        (await schuldhulp.request('PATCH', `${API}/verwijzers/${sourceId}`, { isActive: true })).statusCode,
      ).toBe(403);
      // Every colleague may refer a resident and so read the verwijzers; a volunteer does not refer.
      for (const [email, read] of [
        ['vrijwilliger@voorbeeldstad.demo', 403],
        ['beleid@voorbeeldstad.demo', 200],
      ] as const) {
        const c = await loggedIn(email);
        expect((await c.request('GET', `${API}/verwijzers`)).statusCode).toBe(read);
        expect((await c.request('POST', `${API}/verwijzers`, { name: 'B', kind: 'intern' })).statusCode).toBe(
          403,
        );
      }
    });

    it("answers 404 for another municipality's source and never lists it", async () => {
      const res = await beheer.request('PATCH', `${API}/verwijzers/${foreignSourceId}`, {
        name: 'Overgenomen',
      });
      expect(res.statusCode).toBe(404);
      const [row] = await v.database.query<{ name: string }>(
        'SELECT name FROM referral_sources WHERE id = $1',
        [foreignSourceId],
      );
      expect(row?.name).toBe('Huisarts');
      const ids = (await auditor.request('GET', `${API}/verwijzers?limit=200`))
        .json()
        .items.map((s: { id: string }) => s.id);
      expect(ids).not.toContain(foreignSourceId);
    });
  });
});
