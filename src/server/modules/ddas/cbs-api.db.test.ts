import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../../../test/harness.ts';
import type { Vangnet } from '../../server.ts';
import { sha256 } from '../auth/crypto.ts';
import {
  digestHeader,
  loadSigningCredentials,
  type SigningCredentials,
  signBody,
  verifySignedBody,
} from './jades.ts';
import { createTestPki, type TestPki } from './test-certificates.ts';
import { type Fixture, insertFixture } from './test-fixtures.ts';
import { validateDocument } from './validate.ts';

const URL = '/api/v1/ddas/vroegsignalering/gegevens';
const PERIOD = { aanleverperiodeStartdatum: '2025-01-01', aanleverperiodeEinddatum: '2025-12-31' };

const signal = (dayOffset: number) => ({
  partnerType: 'Huur' as const,
  identity: 'bsn' as const,
  huisletter: null,
  toevoeging: null,
  withBirthDate: false,
  amountCents: 10_000,
  arrearsDays: null,
  dayOffset,
  status: 'Nog niet opgepakt' as const,
  crisis: false,
  warmHandover: false,
});

describe('CBS pull API: POST /gegevens (DDAS-VS.yaml 2.0.0)', () => {
  let v: Vangnet;
  let server: TestPki;
  let cbs: TestPki;
  let cbsCreds: SigningCredentials;
  let token: string;
  let signalIds: string[];

  async function tokenFor(clientId: string) {
    const res = await v.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: 'demo-partner-secret',
      },
    });
    expect(res.statusCode).toBe(200);
    return res.json().access_token as string;
  }

  async function post(
    body: unknown,
    opts: {
      bearer?: string | null;
      tamper?: 'body' | 'digest';
      unsigned?: boolean;
      headers?: Record<string, string>;
    } = {},
  ) {
    const raw = Buffer.from(JSON.stringify(body));
    const signed = await signBody(raw, cbsCreds);
    const sent = opts.tamper ? Buffer.from(JSON.stringify({ ...(body as object), page: 2 })) : raw;
    return v.app.inject({
      method: 'POST',
      url: URL,
      headers: {
        'content-type': 'application/json',
        ...(opts.bearer === null ? {} : { authorization: `Bearer ${opts.bearer ?? token}` }),
        ...(opts.unsigned
          ? {}
          : {
              digest: opts.tamper === 'digest' ? digestHeader(sent) : signed.digest,
              'nlgov-adr-payload-sig': signed.signature,
            }),
        ...opts.headers,
      },
      payload: sent,
    });
  }

  beforeAll(async () => {
    server = await createTestPki('Vangnet');
    cbs = await createTestPki('CBS');
    cbsCreds = await loadSigningCredentials(cbs.signer.key, cbs.signer.chain);
    v = await startTestApp({
      env: {
        DDAS_SIGNING_KEY_FILE: server.files.key,
        DDAS_SIGNING_CERT_FILE: server.files.chain,
        DDAS_TRUST_ANCHORS_FILE: cbs.files.anchors,
      },
    });
    const ms = await v.database.query<{ id: string; cbsCode: string; regionId: string }>(
      `SELECT id::text AS id, cbs_code AS "cbsCode", region_id::text AS "regionId" FROM municipalities ORDER BY cbs_code`,
    );
    const fixture: Fixture = {
      meldingen: [
        {
          lifecycle: 'in_behandeling',
          continuous: false,
          takenUpAfter: 2,
          eindresultaat: '(Budget)advies en/of quick fix',
          attempts: [{ soort: 'Brief', dagdeel: null, bereikt: false, after: 3 }],
          signals: [signal(40), signal(41)],
        },
      ],
      loose: [signal(1), signal(2), signal(3), signal(4)],
    };
    const ids = await insertFixture(v.database, fixture, {
      into: {
        regionId: ms[0]?.regionId ?? '',
        municipalities: ms.map(({ id, cbsCode }) => ({ id, cbsCode })),
      },
    });
    signalIds = ids.signalIds;
    token = await tokenFor('cbs-demo');
  }, 120_000);
  afterAll(async () => {
    await v?.close();
    for (const p of [server, cbs]) if (p) fs.rmSync(p.dir, { recursive: true, force: true });
  });

  it('answers a signed request with a signed, valid Uitwisselmodel of the whole region', async () => {
    const res = await post(PERIOD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    // We sign responses: CBS verifies them against our CA.
    const cert = await verifySignedBody(
      res.rawPayload,
      { digest: String(res.headers.digest), signature: String(res.headers['nlgov-adr-payload-sig']) },
      [new X509Certificate(server.caCert)],
    );
    expect(cert.subject).toContain('Vangnet signer');
    const body = res.json();
    expect(validateDocument(body.gegevens)).toEqual([]);
    expect(body.paginering).toBeUndefined();
    expect(body.gegevens.leveringen.map((l: { gemeentecode: string }) => l.gemeentecode)).toEqual([
      '9901',
      '9902',
    ]);
    const ids = body.gegevens.leveringen.flatMap((l: { vroegsignalen: { ID: string }[] }) =>
      l.vroegsignalen.map((s) => s.ID),
    );
    expect(ids.sort()).toEqual([...signalIds].sort());
    const [audit] = await v.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'ddas.gegevens' AND actor_id = 'cbs-demo'`,
    );
    expect(audit?.n).toBeGreaterThan(0);
  });

  it('pages large deliveries; a page token only works for its own query and page', async () => {
    const first = await post({ ...PERIOD, pageSize: 3 });
    expect(first.statusCode).toBe(200);
    const total = signalIds.length + 1;
    expect(first.json().paginering).toEqual({
      pageSize: 3,
      currentPage: 1,
      totalPages: Math.ceil(total / 3),
      totalRecords: total,
    });
    const pageToken = String(first.headers['ddas-page-token']);
    expect(pageToken).toBeTruthy();
    const seen = new Set<string>();
    const collect = (b: { gegevens: { leveringen: { vroegsignalen: { ID: string }[] }[] } }) => {
      for (const l of b.gegevens.leveringen) for (const s of l.vroegsignalen) seen.add(s.ID);
    };
    collect(first.json());
    let next: string | undefined = pageToken;
    for (let page = 2; next; page++) {
      const res = await post({ ...PERIOD, pageSize: 3, page }, { headers: { 'ddas-page-token': next } });
      expect(res.statusCode, res.body).toBe(200);
      expect(validateDocument(res.json().gegevens)).toEqual([]);
      collect(res.json());
      next = res.headers['ddas-page-token'] as string | undefined;
    }
    expect([...seen].sort()).toEqual([...signalIds].sort());

    const other = await post(
      { ...PERIOD, aanleverperiodeEinddatum: '2025-06-30', pageSize: 3, page: 2 },
      { headers: { 'ddas-page-token': pageToken } },
    );
    expect(other.statusCode).toBe(400);
    expect(other.json().invalidParams[0].code).toBe('cursor_other_query');
    const wrongPage = await post(
      { ...PERIOD, pageSize: 3, page: 3 },
      { headers: { 'ddas-page-token': pageToken } },
    );
    expect(wrongPage.json().invalidParams[0].code).toBe('cursor_page_mismatch');
    const forged = `${pageToken.split('.')[0]}.AAAA`;
    const bad = await post({ ...PERIOD, pageSize: 3, page: 2 }, { headers: { 'ddas-page-token': forged } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].code).toBe('cursor_invalid');
    const beyond = await post({ ...PERIOD, pageSize: 3, page: 99 });
    expect(beyond.json().invalidParams[0].code).toBe('page_out_of_range');
  });

  it('filters on one municipality of the organisation and refuses unknown organisations with 404 FSC', async () => {
    const one = await post({ ...PERIOD, aanleverendeOrganisatie: '9902' });
    expect(one.json().gegevens.leveringen.map((l: { gemeentecode: string }) => l.gemeentecode)).toEqual([
      '9902',
    ]);
    const elsewhere = await insertFixture(v.database, { meldingen: [], loose: [] });
    for (const asked of [
      '0001',
      elsewhere.municipalities[0]?.cbsCode ?? '',
      elsewhere.regionId,
      'Onbekende regio',
    ]) {
      const res = await post({ ...PERIOD, aanleverendeOrganisatie: asked });
      expect(res.statusCode, asked).toBe(404);
      expect(res.headers['fsc-error-code']).toBe('ERROR_CODE_SERVICE_NOT_FOUND');
      expect(res.json()).toMatchObject({
        code: 'ERROR_CODE_SERVICE_NOT_FOUND',
        domain: 'ERROR_DOMAIN_INWAY',
        status: 404,
      });
    }
  });

  it('answers missing, invalid, expired and wrongly scoped tokens with FSC errors', async () => {
    const missing = await post(PERIOD, { bearer: null });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['fsc-error-code']).toBe('ERROR_CODE_ACCESS_TOKEN_MISSING');
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({
      code: 'ERROR_CODE_ACCESS_TOKEN_MISSING',
      domain: 'ERROR_DOMAIN_INWAY',
    });

    const invalid = await post(PERIOD, { bearer: 'not-a-token' });
    expect(invalid.statusCode).toBe(401);
    expect(invalid.headers['fsc-error-code']).toBe('ERROR_CODE_ACCESS_TOKEN_INVALID');
    expect(invalid.json().code).toBe('ERROR_CODE_ACCESS_TOKEN_INVALID');

    const old = await tokenFor('cbs-demo');
    await v.database.query(
      `UPDATE machine_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`,
      [sha256(old)],
    );
    const expired = await post(PERIOD, { bearer: old });
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['fsc-error-code']).toBe('ERROR_CODE_ACCESS_TOKEN_EXPIRED');

    const partner = await post(PERIOD, { bearer: await tokenFor('woningcorporatie-demo') });
    expect(partner.statusCode).toBe(403);
    expect(partner.headers['fsc-error-code']).toBe('ERROR_CODE_WRONG_GROUP_ID_IN_TOKEN');
    expect(partner.json()).toMatchObject({ code: 'ERROR_CODE_WRONG_GROUP_ID_IN_TOKEN', status: 403 });

    const get = await v.app.inject({
      method: 'GET',
      url: URL,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(get.statusCode).toBe(405);
    expect(get.headers['fsc-error-code']).toBe('ERROR_CODE_METHOD_UNSUPPORTED');
    const nowhere = await v.app.inject({
      method: 'POST',
      url: '/api/v1/ddas/vroegsignalering/bestaat-niet',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.headers['fsc-error-code']).toBe('ERROR_CODE_SERVICE_NOT_FOUND');
  });

  it('verifies signed requests: refuses a tampered body, a tampered digest and an unsigned request', async () => {
    const body = await post(PERIOD, { tamper: 'body' });
    expect(body.statusCode).toBe(400);
    expect(body.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'header.digest', code: 'digest_mismatch' }),
    ]);
    // The body changed and its digest recomputed: the signature no longer covers the digest.
    const digest = await post(PERIOD, { tamper: 'digest' });
    expect(digest.statusCode).toBe(400);
    expect(digest.json().invalidParams[0]).toMatchObject({
      name: 'header.nlgov-adr-payload-sig',
      code: 'signature_invalid',
    });
    const unsigned = await post(PERIOD, { unsigned: true });
    expect(unsigned.json().invalidParams[0].code).toBe('digest_missing');
    // Signed by a certificate that does not chain to a trusted anchor (our own, not CBS's).
    const ours = await loadSigningCredentials(server.signer.key, server.signer.chain);
    const raw = Buffer.from(JSON.stringify(PERIOD));
    const s = await signBody(raw, ours);
    const foreign = await v.app.inject({
      method: 'POST',
      url: URL,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        digest: s.digest,
        'nlgov-adr-payload-sig': s.signature,
      },
      payload: raw,
    });
    expect(foreign.json().invalidParams[0].code).toBe('certificate_untrusted');
  });

  it('refuses bad periods and unknown fields with specific problems', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { aanleverperiodeStartdatum: '2025-03-01', aanleverperiodeEinddatum: '2025-02-01' },
        'body.aanleverperiodeEinddatum',
        'period_end_before_start',
      ],
      [
        { aanleverperiodeStartdatum: '2019-01-01', aanleverperiodeEinddatum: '2025-01-01' },
        'body.aanleverperiodeEinddatum',
        'period_too_long',
      ],
      [
        { aanleverperiodeStartdatum: '2025-13-01', aanleverperiodeEinddatum: '2025-12-31' },
        'body.aanleverperiodeStartdatum',
        'invalid_date',
      ],
      [{ aanleverperiodeEinddatum: '2025-12-31' }, 'body.aanleverperiodeStartdatum', 'required'],
      [{ ...PERIOD, pageSize: 1_000_000 }, 'body.pageSize', 'too_big'],
      [{ ...PERIOD, filter: 'x' }, 'body.filter', 'unknown_field'],
    ];
    for (const [body, name, code] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().invalidParams[0], JSON.stringify(body)).toMatchObject({ name, code });
    }
  });
});
