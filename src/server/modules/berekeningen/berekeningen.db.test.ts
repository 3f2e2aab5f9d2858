import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import type { Vangnet } from '../../server.ts';

const URL = '/api/v1/berekeningen';

describe('POST /api/v1/berekeningen/<regel>', () => {
  let v: Vangnet;
  let c: TestClient;
  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 20 });
    c = new TestClient(v.app);
    expect((await c.login('schuldhulp@voorbeeldstad.demo')).statusCode).toBe(200);
  });
  afterAll(async () => v?.close());

  it('computes the beslagvrije voet with its explanation', async () => {
    const res = await c.request('POST', `${URL}/beslagvrije-voet`, {
      peildatum: '2025-01-15',
      leefsituatie: 'gehuwd-met-kinderen',
      belastbaarJaarinkomen: 150000,
      maandinkomen: 7000,
      bijstand: false,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      regel: 'beslagvrije-voet',
      beslagvrijeVoet: 2855.96,
      inkomensgroep: 'hoog',
    });
    expect(body.toelichting.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          naam: 'maximum_gehuwd_met_kinderen',
          wet: { bwbr: 'BWBR0001827', artikel: '475da, eerste lid' },
        }),
      ]),
    );
    expect(body.toelichting.stappen.map((s: { code: string }) => s.code)).toContain('begrensd');
  });

  it('computes the bijstandsnorm, zorgtoeslag, huurtoeslag and kindgebonden budget', async () => {
    const norm = await c.request('POST', `${URL}/bijstandsnorm`, {
      peildatum: '2025-07-01',
      leefsituatie: 'alleenstaande',
      leeftijd: 40,
    });
    expect(norm.json().normPerMaand).toBe(1369.06);
    const zt = await c.request('POST', `${URL}/zorgtoeslag`, {
      peildatum: '2026-01-01',
      toetsingsinkomen: 0,
      toeslagpartner: true,
    });
    expect(zt.json()).toMatchObject({ zorgtoeslagPerMaand: 246 });
    const ht = await c.request('POST', `${URL}/huurtoeslag`, {
      peildatum: '2026-01-01',
      toetsingsinkomen: 15000,
      toeslagpartner: false,
      huishoudgrootte: 1,
      kaleHuur: 700,
    });
    expect(ht.statusCode).toBe(200);
    expect(ht.json().systeem).toBe('2026');
    const kgb = await c.request('POST', `${URL}/kindgebonden-budget`, {
      peildatum: '2025-03-01',
      toetsingsinkomen: 10000,
      toeslagpartner: false,
      leeftijdenKinderen: [4],
    });
    expect(kgb.json().kindgebondenBudgetPerJaar).toBe(5900);
  });

  const base = {
    peildatum: '2025-03-01',
    leefsituatie: 'alleenstaande',
    belastbaarJaarinkomen: 20000,
    maandinkomen: 1500,
    bijstand: false,
  };
  it.each([
    ['an unknown leefsituatie', { ...base, leefsituatie: 'weduwe' }, 'body.leefsituatie', 'invalid_value'],
    ['a negative income', { ...base, maandinkomen: -10 }, 'body.maandinkomen', 'too_small'],
    [
      'a string for a number',
      { ...base, belastbaarJaarinkomen: '20000' },
      'body.belastbaarJaarinkomen',
      'invalid_type',
    ],
    ['a missing field', { ...base, bijstand: undefined }, 'body.bijstand', 'invalid_type'],
    ['a date that does not exist', { ...base, peildatum: '2025-02-30' }, 'body.peildatum', 'custom'],
    [
      'a date out of range',
      { ...base, peildatum: '2027-01-01' },
      'body.peildatum',
      'peildatum_buiten_bereik',
    ],
    ['an unknown field', { ...base, iban: 'NL00' }, 'body.iban', 'unknown_field'],
  ])('answers %s with a specific problem', async (_name, body, field, code) => {
    const res = await c.request('POST', `${URL}/beslagvrije-voet`, body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().invalidParams).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: field, code })]),
    );
  });

  it('needs leeftijdPartner for gehuwden', async () => {
    const res = await c.request('POST', `${URL}/bijstandsnorm`, {
      peildatum: '2025-03-01',
      leefsituatie: 'gehuwd',
      leeftijd: 30,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.leeftijdPartner');
  });

  it('refuses roles without berekeningen:read and anonymous callers', async () => {
    const beleid = new TestClient(v.app);
    await beleid.login('beleid@voorbeeldstad.demo');
    expect(
      (
        await beleid.request('POST', `${URL}/bijstandsnorm`, {
          peildatum: '2025-03-01',
          leefsituatie: 'alleenstaande',
          leeftijd: 30,
        })
      ).statusCode,
    ).toBe(403);
    const anon = new TestClient(v.app);
    await anon.refreshSession();
    expect(
      (
        await anon.request('POST', `${URL}/bijstandsnorm`, {
          peildatum: '2025-03-01',
          leefsituatie: 'alleenstaande',
          leeftijd: 30,
        })
      ).statusCode,
    ).toBe(401);
  });
});
