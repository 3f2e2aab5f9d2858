import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import type { Vangnet } from '../../server.ts';

const API = '/api/v1';

describe('organisation: municipality, teams and wijken', () => {
  let v: Vangnet;
  let beheer: TestClient;
  let auditor: TestClient;
  let voorbeeldstadId: string;
  let dorpsveldId: string;

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
    auditor = await loggedIn('auditor@voorbeeldstad.demo');
    const ids = await v.database.query<{ id: string; name: string }>('SELECT id, name FROM municipalities');
    voorbeeldstadId = ids.find((m) => m.name === 'Voorbeeldstad')?.id ?? '';
    dorpsveldId = ids.find((m) => m.name === 'Dorpsveld')?.id ?? '';
  }, 120_000);
  afterAll(async () => v?.close());

  describe('municipality', () => {
    it('shows the active municipality to readers', async () => {
      const res = await auditor.request('GET', `${API}/municipality`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: voorbeeldstadId,
        name: 'Voorbeeldstad',
        cbsCode: '9901',
        inhabitants: expect.any(Number),
        settings: { theme: 'voorbeeld-theme' },
      });
    });

    it('refuses a reader without organisation:read with 403 problem+json', async () => {
      const c = await loggedIn('vrijwilliger@voorbeeldstad.demo');
      const res = await c.request('GET', `${API}/municipality`);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('refuses anonymous callers with 401', async () => {
      const res = await new TestClient(v.app).request('GET', `${API}/municipality`);
      expect(res.statusCode).toBe(401);
    });

    it('lets a beheerder change inhabitants and settings, merging and auditing', async () => {
      const res = await beheer.request('PATCH', `${API}/municipality`, {
        inhabitants: 12345,
        settings: { contactEmail: 'schuldhulp@voorbeeldstad.example' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        inhabitants: 12345,
        settings: { theme: 'voorbeeld-theme', contactEmail: 'schuldhulp@voorbeeldstad.example' },
      });
      const cleared = await beheer.request('PATCH', `${API}/municipality`, {
        settings: { theme: 'utrecht-theme', contactEmail: null },
      });
      expect(cleared.json().settings).toEqual({ theme: 'utrecht-theme' });
      expect(await auditCount('municipality.update', voorbeeldstadId)).toBe(2);
      // Dorpsveld is untouched.
      const [other] = await v.database.query<{ inhabitants: number; settings: Record<string, unknown> }>(
        'SELECT inhabitants, settings FROM municipalities WHERE id = $1',
        [dorpsveldId],
      );
      expect(other?.settings).toEqual({ theme: 'voorbeeld-theme' });
      expect(other?.inhabitants).not.toBe(12345);
      await beheer.request('PATCH', `${API}/municipality`, { settings: { theme: 'voorbeeld-theme' } });
    });

    it('validates the theme, e-mail and unknown fields with invalidParams', async () => {
      const bad = await beheer.request('PATCH', `${API}/municipality`, { settings: { theme: 'Red Theme' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().invalidParams[0].name).toBe('body.settings.theme');
      const mail = await beheer.request('PATCH', `${API}/municipality`, {
        settings: { contactEmail: 'nope' },
      });
      expect(mail.statusCode).toBe(400);
      const unknown = await beheer.request('PATCH', `${API}/municipality`, { name: 'Andere naam' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().invalidParams[0]).toMatchObject({ name: 'body.name', code: 'unknown_field' });
      const negative = await beheer.request('PATCH', `${API}/municipality`, { inhabitants: -1 });
      expect(negative.statusCode).toBe(400);
    });

    it('refuses changes by readers without organisation:manage', async () => {
      const res = await auditor.request('PATCH', `${API}/municipality`, { inhabitants: 1 });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('teams', () => {
    let teamId: string;

    it('lists the seeded teams of the active municipality only', async () => {
      const res = await auditor.request('GET', `${API}/teams`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.map((t: { name: string }) => t.name)).toEqual([
        'Team Vroegsignalering',
        'Wijkteam Voorbeeldstad',
      ]);
      expect(body.nextCursor).toBeNull();
    });

    it('creates a team with 201, audits it and refuses a duplicate name with 409', async () => {
      const res = await beheer.request('POST', `${API}/teams`, {
        name: 'Team Schuldhulp',
        description: 'Schulden',
      });
      expect(res.statusCode).toBe(201);
      const team = res.json();
      expect(team).toMatchObject({ name: 'Team Schuldhulp', description: 'Schulden', memberIds: [] });
      teamId = team.id;
      expect(await auditCount('team.create', teamId)).toBe(1);
      const dup = await beheer.request('POST', `${API}/teams`, { name: 'Team Schuldhulp' });
      expect(dup.statusCode).toBe(409);
      expect(dup.headers['content-type']).toContain('application/problem+json');
    });

    it('allows the same team name in another municipality', async () => {
      const rows = await v.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM teams WHERE name = 'Team Vroegsignalering'",
      );
      expect(rows[0]?.n).toBe(2);
      const res = await beheer.request('POST', `${API}/teams`, { name: 'Wijkteam Dorpsveld' });
      expect(res.statusCode).toBe(201);
      expect((await beheer.request('DELETE', `${API}/teams/${res.json().id}`)).statusCode).toBe(204);
    });

    it('validates the body strictly', async () => {
      expect((await beheer.request('POST', `${API}/teams`, { name: '' })).statusCode).toBe(400);
      expect((await beheer.request('POST', `${API}/teams`, { name: 'X', colour: 'red' })).statusCode).toBe(
        400,
      );
      expect((await auditor.request('POST', `${API}/teams`, { name: 'Auditteam' })).statusCode).toBe(403);
    });

    it('reads, renames and refuses a rename onto an existing name', async () => {
      const got = await auditor.request('GET', `${API}/teams/${teamId}`);
      expect(got.statusCode).toBe(200);
      const renamed = await beheer.request('PATCH', `${API}/teams/${teamId}`, { name: 'Team Schulden' });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().name).toBe('Team Schulden');
      const clash = await beheer.request('PATCH', `${API}/teams/${teamId}`, {
        name: 'Team Vroegsignalering',
      });
      expect(clash.statusCode).toBe(409);
      expect(await auditCount('team.update', teamId)).toBe(1);
    });

    it('replaces members with users of this municipality only', async () => {
      const local = await v.database.query<{ id: string }>(
        "SELECT id FROM users WHERE email IN ('schuldhulp@voorbeeldstad.demo', 'regisseur@voorbeeldstad.demo') ORDER BY email",
      );
      const ids = local.map((u) => u.id);
      const res = await beheer.request('PUT', `${API}/teams/${teamId}/members`, { userIds: ids });
      expect(res.statusCode).toBe(200);
      expect([...res.json().memberIds].sort()).toEqual([...ids].sort());

      // A user who only works for Dorpsveld, and an id that does not exist at all: the same 400.
      const [region] = await v.database.query<{ region_id: string }>(
        'SELECT region_id FROM municipalities LIMIT 1',
      );
      const [outsider] = await v.database.query<{ id: string }>(
        "INSERT INTO users (region_id, email, display_name) VALUES ($1, 'alleen@dorpsveld.demo', 'Alleen Dorpsveld') RETURNING id",
        [region?.region_id],
      );
      await v.database.query(
        "INSERT INTO memberships (user_id, municipality_id, role) VALUES ($1, $2, 'regisseur')",
        [outsider?.id, dorpsveldId],
      );
      const bad = await beheer.request('PUT', `${API}/teams/${teamId}/members`, {
        userIds: [ids[0], outsider?.id, '00000000-0000-4000-8000-000000000000'],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().invalidParams).toEqual([
        { name: 'body.userIds.1', code: 'not_a_member', reason: 'Not a user of this municipality' },
        { name: 'body.userIds.2', code: 'not_a_member', reason: 'Not a user of this municipality' },
      ]);
      // Nothing changed.
      expect((await auditor.request('GET', `${API}/teams/${teamId}`)).json().memberIds).toHaveLength(2);
      expect(await auditCount('team.members_replace', teamId)).toBe(1);

      const emptied = await beheer.request('PUT', `${API}/teams/${teamId}/members`, { userIds: [] });
      expect(emptied.json().memberIds).toEqual([]);
      const invalid = await beheer.request('PUT', `${API}/teams/${teamId}/members`, { userIds: ['nope'] });
      expect(invalid.statusCode).toBe(400);
    });

    it('pages with an opaque cursor and rejects a forged one', async () => {
      for (const name of ['Page A', 'Page B', 'Page C']) {
        expect((await beheer.request('POST', `${API}/teams`, { name })).statusCode).toBe(201);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url = `${API}/teams?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await auditor.request('GET', url);
        expect(res.statusCode).toBe(200);
        const body = res.json() as { items: { name: string }[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((t) => t.name));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual([
        'Page A',
        'Page B',
        'Page C',
        'Team Schulden',
        'Team Vroegsignalering',
        'Wijkteam Voorbeeldstad',
      ]);
      expect(pages).toBe(3);
      const forged = await auditor.request('GET', `${API}/teams?cursor=not-a-cursor`);
      expect(forged.statusCode).toBe(400);
      expect(forged.json().invalidParams[0].name).toBe('query.cursor');
      expect((await auditor.request('GET', `${API}/teams?limit=0`)).statusCode).toBe(400);
      expect((await auditor.request('GET', `${API}/teams?limit=201`)).statusCode).toBe(400);
      // A cursor that points into the other municipality's names still lists only our own teams.
      const sneaky = Buffer.from(JSON.stringify(['A', '00000000-0000-0000-0000-000000000000'])).toString(
        'base64url',
      );
      const names = (await auditor.request('GET', `${API}/teams?cursor=${sneaky}`))
        .json()
        .items.map((t: { name: string }) => t.name);
      expect(names).not.toContain('Wijkteam Dorpsveld');
    });

    it('answers 404 for a team of another municipality, for every method', async () => {
      const [other] = await v.database.query<{ id: string }>(
        'SELECT id FROM teams WHERE municipality_id = $1',
        [dorpsveldId],
      );
      const id = other?.id ?? '';
      expect((await beheer.request('GET', `${API}/teams/${id}`)).statusCode).toBe(404);
      expect((await beheer.request('PATCH', `${API}/teams/${id}`, { name: 'Overgenomen' })).statusCode).toBe(
        404,
      );
      expect((await beheer.request('PUT', `${API}/teams/${id}/members`, { userIds: [] })).statusCode).toBe(
        404,
      );
      expect((await beheer.request('DELETE', `${API}/teams/${id}`)).statusCode).toBe(404);
      const [still] = await v.database.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [id]);
      expect(still?.name).toBe('Wijkteam Dorpsveld');
      expect((await beheer.request('GET', `${API}/teams/not-a-uuid`)).statusCode).toBe(400);
    });
  });

  describe('wijken', () => {
    let wijkId: string;
    let teamId: string;

    beforeAll(async () => {
      const res = await beheer.request('POST', `${API}/teams`, { name: 'Wijkteam Oost' });
      teamId = res.json().id;
    }, 120_000);

    it('lists the seeded wijken of the active municipality by name', async () => {
      const res = await auditor.request('GET', `${API}/wijken`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { code: string; name: string; teamId: string | null }[];
      expect(items.map((w) => w.name)).toEqual(['Centrum', 'Noord', 'Zuid']);
      expect(items.every((w) => w.code.startsWith('WK9901'))).toBe(true);
    });

    it('creates a wijk whose code carries the CBS code of the municipality', async () => {
      const res = await beheer.request('POST', `${API}/wijken`, { code: 'WK990110', name: 'Oost', teamId });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ code: 'WK990110', name: 'Oost', teamId });
      wijkId = res.json().id;
      expect(await auditCount('wijk.create', wijkId)).toBe(1);
      expect(
        (await beheer.request('POST', `${API}/wijken`, { code: 'WK990110', name: 'Dubbel' })).statusCode,
      ).toBe(409);
    });

    it("refuses a code of another municipality, a malformed code and another municipality's team", async () => {
      const foreign = await beheer.request('POST', `${API}/wijken`, { code: 'WK990211', name: 'Elders' });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().invalidParams).toEqual([
        expect.objectContaining({ name: 'body.code', code: 'wrong_municipality' }),
      ]);
      expect(
        (await beheer.request('POST', `${API}/wijken`, { code: 'WK99011', name: 'Kort' })).statusCode,
      ).toBe(400);
      expect(
        (await beheer.request('POST', `${API}/wijken`, { code: 'wk990111', name: 'Klein' })).statusCode,
      ).toBe(400);
      const [otherTeam] = await v.database.query<{ id: string }>(
        'SELECT id FROM teams WHERE municipality_id = $1',
        [dorpsveldId],
      );
      const res = await beheer.request('POST', `${API}/wijken`, {
        code: 'WK990112',
        name: 'Met vreemd team',
        teamId: otherTeam?.id,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.teamId' })]);
      const patched = await beheer.request('PATCH', `${API}/wijken/${wijkId}`, { teamId: otherTeam?.id });
      expect(patched.statusCode).toBe(400);
    });

    it('changes name, code and team, and removes the team with null', async () => {
      const res = await beheer.request('PATCH', `${API}/wijken/${wijkId}`, {
        name: 'Oost-Noord',
        code: 'WK990113',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Oost-Noord', code: 'WK990113', teamId });
      const noTeam = await beheer.request('PATCH', `${API}/wijken/${wijkId}`, { teamId: null });
      expect(noTeam.json().teamId).toBeNull();
      const clash = await beheer.request('PATCH', `${API}/wijken/${wijkId}`, { code: 'WK990101' });
      expect(clash.statusCode).toBe(409);
      expect(await auditCount('wijk.update', wijkId)).toBe(2);
    });

    it('keeps a wijk without a team when its team is deleted', async () => {
      const team = (await beheer.request('POST', `${API}/teams`, { name: 'Tijdelijk team' })).json();
      await beheer.request('PATCH', `${API}/wijken/${wijkId}`, { teamId: team.id });
      expect((await beheer.request('DELETE', `${API}/teams/${team.id}`)).statusCode).toBe(204);
      expect(await auditCount('team.delete', team.id)).toBe(1);
      expect((await beheer.request('GET', `${API}/teams/${team.id}`)).statusCode).toBe(404);
      expect((await auditor.request('GET', `${API}/wijken/${wijkId}`)).json().teamId).toBeNull();
    });

    it('refuses to delete a wijk that still has addresses', async () => {
      const used = (
        await beheer.request('POST', `${API}/wijken`, { code: 'WK990120', name: 'Bewoond' })
      ).json();
      await v.database.query(
        "INSERT INTO addresses (municipality_id, straat, huisnummer, postcode, woonplaats, wijk_id) VALUES ($1, 'Dorpsstraat', 1, '1234AB', 'Voorbeeldstad', $2)",
        [voorbeeldstadId, used.id],
      );
      const res = await beheer.request('DELETE', `${API}/wijken/${used.id}`);
      expect(res.statusCode).toBe(409);
      expect((await auditor.request('GET', `${API}/wijken/${used.id}`)).statusCode).toBe(200);
      expect((await beheer.request('DELETE', `${API}/wijken/${wijkId}`)).statusCode).toBe(204);
      expect(await auditCount('wijk.delete', wijkId)).toBe(1);
      expect((await beheer.request('DELETE', `${API}/wijken/${wijkId}`)).statusCode).toBe(404);
    });

    it('answers 404 for a wijk of another municipality', async () => {
      const [other] = await v.database.query<{ id: string }>(
        'SELECT id FROM wijken WHERE municipality_id = $1',
        [dorpsveldId],
      );
      const id = other?.id ?? '';
      expect((await auditor.request('GET', `${API}/wijken/${id}`)).statusCode).toBe(404);
      expect((await beheer.request('PATCH', `${API}/wijken/${id}`, { name: 'Overgenomen' })).statusCode).toBe(
        404,
      );
      expect((await beheer.request('DELETE', `${API}/wijken/${id}`)).statusCode).toBe(404);
      const names = (await auditor.request('GET', `${API}/wijken`))
        .json()
        .items.map((w: { name: string }) => w.name);
      expect(names).not.toContain('Kern');
    });
  });
});
