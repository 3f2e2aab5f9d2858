import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import type { Vangnet } from '../../server.ts';
import { findWijkenForPostcodes, findWijkForPostcode } from './service.ts';

const API = '/api/v1';

describe('werkbakjes and the wijk postcode map', () => {
  let v: Vangnet;
  let beheer: TestClient;
  let vroeg: TestClient;
  let auditor: TestClient;
  let schuldhulp: TestClient;
  let regio: TestClient;
  let voorbeeldstadId: string;
  let dorpsveldId: string;
  let teamId: string;
  let foreignTeamId: string;

  async function loggedIn(email: string) {
    const c = new TestClient(v.app);
    const res = await c.login(email);
    expect(res.statusCode).toBe(200);
    return c;
  }

  async function auditCount(action: string, subjectId?: string) {
    const rows = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND ($2::text IS NULL OR $2 = ANY(subject_ids))',
      [action, subjectId ?? null],
    );
    return rows[0]?.n ?? 0;
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
    teamId = (await beheer.request('POST', `${API}/teams`, { name: 'Team Werkbak' })).json().id;
    regio = await loggedIn('regio@voorbeeldstad.demo');
    const sw = await regio.request('PUT', `${API}/session/municipality`, { municipalityId: dorpsveldId });
    expect(sw.statusCode).toBe(200);
    regio.csrf = sw.json().csrfToken;
    foreignTeamId = (await regio.request('POST', `${API}/teams`, { name: 'Team Dorpsveld Werkbak' })).json()
      .id;
    // A clean postcode map: whatever the demo seed routes, these tests start from nothing.
    await v.database.query('DELETE FROM wijk_postcode_ranges');
  }, 120_000);
  afterAll(async () => v?.close());

  describe('werkbakjes', () => {
    let queueId: string;
    let foreignQueueId: string;

    it('creates a werkbakje with defaults and audits it; refuses a duplicate name with 409', async () => {
      const res = await vroeg.request('POST', `${API}/werkbakjes`, { name: 'Vroegsignalering regulier' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        id: expect.any(String),
        name: 'Vroegsignalering regulier',
        kind: 'regulier',
        teamId: null,
        targetWorkingDays: 10,
      });
      queueId = res.json().id;
      expect(await auditCount('work_queue.create', queueId)).toBe(1);
      const crisis = await beheer.request('POST', `${API}/werkbakjes`, {
        // Not 'Crisis': the default werkbakjes of the afwegingskader exist from the start.
        name: 'Crisis Noord',
        kind: 'crisis',
        teamId,
        targetWorkingDays: 2,
      });
      expect(crisis.statusCode).toBe(201);
      expect(crisis.json()).toMatchObject({ kind: 'crisis', teamId, targetWorkingDays: 2 });
      const dup = await beheer.request('POST', `${API}/werkbakjes`, { name: 'Crisis Noord' });
      expect(dup.statusCode).toBe(409);
      expect(dup.headers['content-type']).toContain('application/problem+json');
    });

    it("refuses another municipality's team, an unknown team, a bad kind and a bad target", async () => {
      for (const id of [foreignTeamId, '00000000-0000-4000-8000-000000000000']) {
        const res = await beheer.request('POST', `${API}/werkbakjes`, { name: 'Vreemd', teamId: id });
        expect(res.statusCode).toBe(400);
        expect(res.json().invalidParams).toEqual([
          { name: 'body.teamId', code: 'unknown_team', reason: 'Not a team of this municipality' },
        ]);
        const patched = await beheer.request('PATCH', `${API}/werkbakjes/${queueId}`, { teamId: id });
        expect(patched.statusCode).toBe(400);
      }
      expect(
        (await beheer.request('POST', `${API}/werkbakjes`, { name: 'K', kind: 'spoed' })).statusCode,
      ).toBe(400);
      expect(
        (await beheer.request('POST', `${API}/werkbakjes`, { name: 'T', targetWorkingDays: 0 })).statusCode,
      ).toBe(400);
      expect(
        (await beheer.request('POST', `${API}/werkbakjes`, { name: 'T', colour: 'red' })).statusCode,
      ).toBe(400);
      const [n] = await v.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM work_queues WHERE name IN ('Vreemd', 'K', 'T')",
      );
      expect(n?.n).toBe(0);
    });

    it('changes name, kind, team and target, removes the team with null, refuses a rename clash', async () => {
      const res = await beheer.request('PATCH', `${API}/werkbakjes/${queueId}`, {
        name: 'Matching',
        kind: 'matching',
        teamId,
        targetWorkingDays: 5,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: queueId,
        name: 'Matching',
        kind: 'matching',
        teamId,
        targetWorkingDays: 5,
      });
      const noTeam = await beheer.request('PATCH', `${API}/werkbakjes/${queueId}`, { teamId: null });
      expect(noTeam.json().teamId).toBeNull();
      expect(
        (await beheer.request('PATCH', `${API}/werkbakjes/${queueId}`, { name: 'Crisis' })).statusCode,
      ).toBe(409);
      expect(await auditCount('work_queue.update', queueId)).toBe(2);
    });

    it('lets readers read, and only managers change', async () => {
      for (const c of [auditor, schuldhulp, beheer, vroeg]) {
        const res = await c.request('GET', `${API}/werkbakjes?limit=200`);
        expect(res.statusCode).toBe(200);
        expect(res.json().items.map((q: { name: string }) => q.name)).toEqual(
          expect.arrayContaining(['Crisis', 'Matching']),
        );
      }
      for (const c of [auditor, schuldhulp]) {
        expect((await c.request('POST', `${API}/werkbakjes`, { name: 'Niet' })).statusCode).toBe(403);
        expect((await c.request('PATCH', `${API}/werkbakjes/${queueId}`, { name: 'Niet' })).statusCode).toBe(
          403,
        );
      }
      for (const email of ['vrijwilliger@voorbeeldstad.demo', 'beleid@voorbeeldstad.demo']) {
        const c = await loggedIn(email);
        expect((await c.request('GET', `${API}/werkbakjes`)).statusCode).toBe(403);
        expect((await c.request('POST', `${API}/werkbakjes`, { name: 'Niet' })).statusCode).toBe(403);
      }
      const page = await auditor.request('GET', `${API}/werkbakjes?limit=1`);
      expect(page.json().items).toHaveLength(1);
      const next = await auditor.request('GET', `${API}/werkbakjes?limit=1&cursor=${page.json().nextCursor}`);
      expect(next.json().items[0].name > page.json().items[0].name).toBe(true);
    });

    it("answers 404 for another municipality's werkbakje and never lists it", async () => {
      const res = await regio.request('POST', `${API}/werkbakjes`, { name: 'Dorpsveld regulier' });
      expect(res.statusCode).toBe(201);
      foreignQueueId = res.json().id;
      expect(
        (await beheer.request('PATCH', `${API}/werkbakjes/${foreignQueueId}`, { name: 'Over' })).statusCode,
      ).toBe(404);
      const [row] = await v.database.query<{ name: string; municipality_id: string }>(
        'SELECT name, municipality_id FROM work_queues WHERE id = $1',
        [foreignQueueId],
      );
      expect(row).toEqual({ name: 'Dorpsveld regulier', municipality_id: dorpsveldId });
      const ids = (await auditor.request('GET', `${API}/werkbakjes?limit=200`))
        .json()
        .items.map((q: { id: string }) => q.id);
      expect(ids).not.toContain(foreignQueueId);
    });
  });

  describe('postcode ranges', () => {
    let oost: string;
    let west: string;
    let foreignWijk: string;

    beforeAll(async () => {
      oost = (
        await beheer.request('POST', `${API}/wijken`, { code: 'WK990150', name: 'Oost', teamId })
      ).json().id;
      west = (await beheer.request('POST', `${API}/wijken`, { code: 'WK990151', name: 'West' })).json().id;
      foreignWijk = (
        await regio.request('POST', `${API}/wijken`, { code: 'WK990250', name: 'Dorpsveld Oost' })
      ).json().id;
    }, 120_000);

    it('stores ranges normalised and ordered, audits, and shows them to readers', async () => {
      const res = await vroeg.request('PUT', `${API}/wijken/${oost}/postcodegebieden`, {
        ranges: [
          { from: '1100 ab', to: '1100az' },
          { from: '1000', to: '1009' },
        ],
      });
      expect(res.statusCode).toBe(200);
      const expected = {
        wijkId: oost,
        ranges: [
          { from: '1000', to: '1009' },
          { from: '1100AB', to: '1100AZ' },
        ],
      };
      expect(res.json()).toEqual(expected);
      for (const c of [auditor, schuldhulp, beheer]) {
        const got = await c.request('GET', `${API}/wijken/${oost}/postcodegebieden`);
        expect(got.statusCode).toBe(200);
        expect(got.json()).toEqual(expected);
      }
      expect(await auditCount('wijk.postcode_ranges_replace', oost)).toBe(1);
      expect((await auditor.request('GET', `${API}/wijken/${west}/postcodegebieden`)).json()).toEqual({
        wijkId: west,
        ranges: [],
      });
    });

    it('refuses readers without the permission and changes by non-managers', async () => {
      for (const email of ['vrijwilliger@voorbeeldstad.demo', 'beleid@voorbeeldstad.demo']) {
        const c = await loggedIn(email);
        expect((await c.request('GET', `${API}/wijken/${oost}/postcodegebieden`)).statusCode).toBe(403);
      }
      for (const c of [auditor, schuldhulp]) {
        const res = await c.request('PUT', `${API}/wijken/${oost}/postcodegebieden`, { ranges: [] });
        expect(res.statusCode).toBe(403);
      }
    });

    it('validates each range: format, order, and overlaps within the list', async () => {
      const put = (ranges: unknown) =>
        beheer.request('PUT', `${API}/wijken/${west}/postcodegebieden`, { ranges });
      for (const bad of ['0123', '12345', '1234A', 'ABCD']) {
        const res = await put([{ from: bad, to: '9999' }]);
        expect(res.statusCode, bad).toBe(400);
        expect(res.json().invalidParams[0].name).toBe('body.ranges.0.from');
      }
      const mixed = await put([{ from: '2000', to: '2000AB' }]);
      expect(mixed.json().invalidParams).toEqual([expect.objectContaining({ code: 'mixed_formats' })]);
      const reversed = await put([{ from: '2010', to: '2000' }]);
      expect(reversed.json().invalidParams).toEqual([
        expect.objectContaining({ name: 'body.ranges.0.to', code: 'from_after_to' }),
      ]);
      const twice = await put([
        { from: '2000', to: '2005' },
        { from: '2005', to: '2010' },
      ]);
      expect(twice.statusCode).toBe(400);
      expect(twice.json().invalidParams).toEqual([
        expect.objectContaining({ name: 'body.ranges.1', code: 'overlapping_ranges' }),
      ]);
      expect((await auditor.request('GET', `${API}/wijken/${west}/postcodegebieden`)).json().ranges).toEqual(
        [],
      );
    });

    it('refuses overlaps with other wijken with 409 naming each collision, but allows PC6 inside PC4', async () => {
      const clash = await beheer.request('PUT', `${API}/wijken/${west}/postcodegebieden`, {
        ranges: [
          { from: '1010', to: '1020' },
          { from: '1005', to: '1009' },
          { from: '1100AK', to: '1100BZ' },
        ],
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.headers['content-type']).toContain('application/problem+json');
      expect(clash.json().invalidParams).toEqual([
        {
          name: 'body.ranges.1',
          code: 'overlap',
          reason: '1005–1009 overlaps 1000–1009 of wijk Oost (WK990150).',
        },
        {
          name: 'body.ranges.2',
          code: 'overlap',
          reason: '1100AK–1100BZ overlaps 1100AB–1100AZ of wijk Oost (WK990150).',
        },
      ]);
      expect((await auditor.request('GET', `${API}/wijken/${west}/postcodegebieden`)).json().ranges).toEqual(
        [],
      );
      expect(await auditCount('wijk.postcode_ranges_replace', west)).toBe(0);

      const ok = await beheer.request('PUT', `${API}/wijken/${west}/postcodegebieden`, {
        ranges: [
          { from: '1010', to: '1020' },
          { from: '1005AA', to: '1005ZZ' },
          { from: '1100BA', to: '1100BZ' },
        ],
      });
      expect(ok.statusCode).toBe(200);
      // Replacing a wijk's own ranges never collides with themselves.
      const again = await beheer.request('PUT', `${API}/wijken/${west}/postcodegebieden`, {
        ranges: ok.json().ranges,
      });
      expect(again.statusCode).toBe(200);
    });

    it('routes PC6 before PC4, on the first four digits, to the wijk and its team', async () => {
      const db = v.database.orm;
      const cases: [string, string | null, string | null][] = [
        ['1005AB', west, null],
        ['1005 ab', west, null],
        ['1005', oost, teamId],
        ['1004ZZ', oost, teamId],
        ['1009AA', oost, teamId],
        ['1015KK', west, null],
        ['1100AC', oost, teamId],
        ['1100BC', west, null],
        ['1100CA', null, null],
        ['0999AA', null, null],
        ['9999ZZ', null, null],
        ['geen postcode', null, null],
      ];
      for (const [postcode, wijkId, team] of cases) {
        const hit = await findWijkForPostcode(db, voorbeeldstadId, postcode);
        expect(hit, postcode).toEqual(wijkId ? { wijkId, teamId: team } : null);
      }
      const batch = await findWijkenForPostcodes(
        db,
        voorbeeldstadId,
        cases.map(([p]) => p),
      );
      for (const [postcode, wijkId, team] of cases) {
        expect(batch.get(postcode) ?? null, postcode).toEqual(wijkId ? { wijkId, teamId: team } : null);
      }
      expect(batch.size).toBe(cases.filter(([, w]) => w).length);
      expect((await findWijkenForPostcodes(db, voorbeeldstadId, [])).size).toBe(0);

      // Single and batched lookups agree on every postcode around the ranges.
      const postcodes: string[] = [];
      for (let n = 998; n <= 1022; n++) for (const l of ['', 'AA', 'KZ', 'ZZ']) postcodes.push(`${n}${l}`);
      for (const l of ['AA', 'AB', 'AK', 'AZ', 'BA', 'BZ', 'CA']) postcodes.push(`1100${l}`);
      const all = await findWijkenForPostcodes(db, voorbeeldstadId, postcodes);
      for (const pc of postcodes) {
        expect(all.get(pc) ?? null, pc).toEqual(await findWijkForPostcode(db, voorbeeldstadId, pc));
      }
    });

    it('keeps municipalities apart: the same postcodes in Dorpsveld are no overlap and no hit', async () => {
      const res = await regio.request('PUT', `${API}/wijken/${foreignWijk}/postcodegebieden`, {
        ranges: [{ from: '1000', to: '1099' }],
      });
      expect(res.statusCode).toBe(200);
      expect((await findWijkForPostcode(v.database.orm, dorpsveldId, '1050AA'))?.wijkId).toBe(foreignWijk);
      expect(await findWijkForPostcode(v.database.orm, voorbeeldstadId, '1050AA')).toBeNull();
      expect((await findWijkForPostcode(v.database.orm, voorbeeldstadId, '1005AA'))?.wijkId).toBe(west);
      expect((await findWijkenForPostcodes(v.database.orm, voorbeeldstadId, ['1050AA'])).size).toBe(0);

      expect((await beheer.request('GET', `${API}/wijken/${foreignWijk}/postcodegebieden`)).statusCode).toBe(
        404,
      );
      expect(
        (
          await beheer.request('PUT', `${API}/wijken/${foreignWijk}/postcodegebieden`, {
            ranges: [{ from: '3000', to: '3001' }],
          })
        ).statusCode,
      ).toBe(404);
      const [row] = await v.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM wijk_postcode_ranges WHERE wijk_id = $1 AND postcode_from = '1000'",
        [foreignWijk],
      );
      expect(row?.n).toBe(1);
    });

    it('clears the ranges of a wijk with an empty list', async () => {
      const res = await beheer.request('PUT', `${API}/wijken/${oost}/postcodegebieden`, { ranges: [] });
      expect(res.json()).toEqual({ wijkId: oost, ranges: [] });
      expect(await findWijkForPostcode(v.database.orm, voorbeeldstadId, '1003AA')).toBeNull();
      expect(await auditCount('wijk.postcode_ranges_replace', oost)).toBe(2);
    });
  });
});

describe('werkbakjes used by the afwegingskader', () => {
  let v: Vangnet;
  beforeAll(async () => {
    v = await startTestApp();
  });
  afterAll(async () => v?.close());

  it('refuses to rename a werkbakje the active rules route to, and allows others', async () => {
    const c = new TestClient(v.app);
    await c.login('vroegsignalering@voorbeeldstad.demo');
    const list = (await c.request('GET', `${API}/werkbakjes?limit=50`)).json().items as {
      id: string;
      name: string;
    }[];
    const crisis = list.find((q) => q.name === 'Crisis');
    expect(crisis).toBeDefined();
    const res = await c.request('PATCH', `${API}/werkbakjes/${crisis?.id}`, { name: 'Spoed' });
    expect(res.statusCode).toBe(409);
    const free = await c.request('POST', `${API}/werkbakjes`, { name: 'Los werkbakje' });
    expect(
      (await c.request('PATCH', `${API}/werkbakjes/${free.json().id}`, { name: 'Ander werkbakje' }))
        .statusCode,
    ).toBe(200);
  });
});
