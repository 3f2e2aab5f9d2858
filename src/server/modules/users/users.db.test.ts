import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient } from '../../../../test/harness.ts';
import { ROLE_PERMISSIONS, STAFF_ROLES } from '../../../shared/roles.ts';
import type { Vangnet } from '../../server.ts';

const API = '/api/v1';
type UserBody = {
  id: string;
  email: string;
  displayName: string;
  isActive: boolean;
  mfaEnabled: boolean;
  roles: string[];
};

describe('users and roles', () => {
  let v: Vangnet;
  let beheer: TestClient;
  let voorbeeldstadId: string;
  let dorpsveldId: string;
  let beheerId: string;

  async function loggedIn(email: string, password?: string) {
    const c = new TestClient(v.app);
    const res = await c.login(email, password);
    expect(res.statusCode).toBe(200);
    return c;
  }

  async function audits(action: string, subjectId: string) {
    return v.database.query<{ purpose: string; municipality_id: string; details: Record<string, unknown> }>(
      'SELECT purpose, municipality_id, details FROM audit_events WHERE action = $1 AND $2 = ANY(subject_ids)',
      [action, subjectId],
    );
  }

  beforeAll(async () => {
    v = await startTestApp();
    beheer = await loggedIn('beheer@voorbeeldstad.demo');
    const ids = await v.database.query<{ id: string; name: string }>('SELECT id, name FROM municipalities');
    voorbeeldstadId = ids.find((m) => m.name === 'Voorbeeldstad')?.id ?? '';
    dorpsveldId = ids.find((m) => m.name === 'Dorpsveld')?.id ?? '';
    beheerId = (await beheer.refreshSession()).user.id;
  }, 120_000);
  afterAll(async () => v?.close());

  it('lists the staff of the active municipality with their roles there, and audits the read', async () => {
    const res = await beheer.request('GET', `${API}/users`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: UserBody[]; nextCursor: string | null };
    // One account per staff role (incl. the netwerkpartner of the household plan) and the regional account.
    expect(body.items).toHaveLength(10);
    expect(body.items.map((u) => u.email)).toContain('netwerkpartner@voorbeeldstad.demo');
    const regio = body.items.find((u) => u.email === 'regio@voorbeeldstad.demo');
    expect(regio?.roles).toEqual(['functioneel_beheerder', 'auditor']);
    const self = body.items.find((u) => u.id === beheerId);
    expect(self).toEqual({
      id: beheerId,
      email: 'beheer@voorbeeldstad.demo',
      displayName: 'Fenna de Beheerder',
      isActive: true,
      mfaEnabled: false,
      roles: ['functioneel_beheerder'],
    });
    expect(JSON.stringify(body)).not.toMatch(/password|totp|hash/i);
    const names = body.items.map((u) => u.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const logged = await audits('user.list', beheerId);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.purpose).toBe('beheer-organisatie');
    expect(logged[0]?.municipality_id).toBe(voorbeeldstadId);
  });

  it('pages the user list with a cursor', async () => {
    const first = (await beheer.request('GET', `${API}/users?limit=4`)).json();
    expect(first.items).toHaveLength(4);
    const second = (await beheer.request('GET', `${API}/users?limit=4&cursor=${first.nextCursor}`)).json();
    const third = (await beheer.request('GET', `${API}/users?limit=4&cursor=${second.nextCursor}`)).json();
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items].map((u: UserBody) => u.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(9);
  });

  it('needs users:read to list and users:manage to change', async () => {
    const auditor = await loggedIn('auditor@voorbeeldstad.demo');
    expect((await auditor.request('GET', `${API}/users`)).statusCode).toBe(403);
    expect(
      (await auditor.request('PATCH', `${API}/users/${beheerId}`, { displayName: 'X' })).statusCode,
    ).toBe(403);
    expect((await new TestClient(v.app).request('GET', `${API}/users`)).statusCode).toBe(401);
  });

  it('lists every role with its permissions', async () => {
    const c = await loggedIn('vrijwilliger@voorbeeldstad.demo');
    const res = await c.request('GET', `${API}/roles`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual(
      STAFF_ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
    );
  });

  describe('creating', () => {
    let newId: string;

    it('creates an account in the region with a hashed password, and it can log in', async () => {
      const res = await beheer.request('POST', `${API}/users`, {
        email: 'nieuw@voorbeeldstad.demo',
        displayName: 'Nina Nieuw',
        password: 'een-lang-wachtwoord',
        roles: ['schuldhulpverlener', 'regisseur'],
      });
      expect(res.statusCode).toBe(201);
      const user = res.json() as UserBody;
      expect(user).toMatchObject({
        displayName: 'Nina Nieuw',
        isActive: true,
        roles: ['schuldhulpverlener', 'regisseur'],
      });
      newId = user.id;
      const [row] = await v.database.query<{ password_hash: string; region_id: string }>(
        'SELECT password_hash, region_id FROM users WHERE id = $1',
        [newId],
      );
      expect(row?.password_hash).toMatch(/^\$argon2id\$/);
      const memberships = await v.database.query<{ municipality_id: string }>(
        'SELECT municipality_id FROM memberships WHERE user_id = $1',
        [newId],
      );
      expect(new Set(memberships.map((m) => m.municipality_id))).toEqual(new Set([voorbeeldstadId]));
      expect(await audits('user.create', newId)).toHaveLength(1);
      const nina = await loggedIn('nieuw@voorbeeldstad.demo', 'een-lang-wachtwoord');
      expect((await nina.refreshSession()).permissions).toContain('persons:read_bsn');
    });

    it('validates the body: e-mail, short password, no roles, unknown role, unknown fields', async () => {
      const base = { email: 'x@voorbeeldstad.demo', displayName: 'X', roles: ['vrijwilliger'] };
      const cases: Record<string, unknown>[] = [
        { ...base, email: 'geen-email' },
        { ...base, password: 'kort' },
        { ...base, roles: [] },
        { ...base, roles: ['superuser'] },
        { ...base, roles: ['vrijwilliger', 'vrijwilliger'] },
        { ...base, isAdmin: true },
        { email: base.email, roles: base.roles },
      ];
      for (const body of cases) {
        const res = await beheer.request('POST', `${API}/users`, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().invalidParams.length).toBeGreaterThan(0);
      }
    });

    it('adds roles to an existing account of the same region instead of creating a second one', async () => {
      const regio = await loggedIn('regio@voorbeeldstad.demo');
      const sw = await regio.request('PUT', `${API}/session/municipality`, { municipalityId: dorpsveldId });
      expect(sw.statusCode).toBe(200);
      regio.csrf = sw.json().csrfToken;
      const res = await regio.request('POST', `${API}/users`, {
        email: 'NIEUW@voorbeeldstad.demo',
        displayName: 'Other name',
        password: 'een-ander-wachtwoord',
        roles: ['vrijwilliger'],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: newId, displayName: 'Nina Nieuw', roles: ['vrijwilliger'] });
      // The existing password is not replaced by someone else's administrator.
      await loggedIn('nieuw@voorbeeldstad.demo', 'een-lang-wachtwoord');
      const added = await audits('user.add_to_municipality', newId);
      expect(added[0]?.municipality_id).toBe(dorpsveldId);
      // Roles in Voorbeeldstad are untouched.
      const own = (await beheer.request('GET', `${API}/users/${newId}`)).json();
      expect(own.roles).toEqual(['schuldhulpverlener', 'regisseur']);
      // A second time: already a member there.
      const again = await regio.request('POST', `${API}/users`, {
        email: 'nieuw@voorbeeldstad.demo',
        displayName: 'Nina Nieuw',
        roles: ['regisseur'],
      });
      expect(again.statusCode).toBe(409);
    });

    it('refuses with 409 an e-mail address that belongs to another region', async () => {
      const [region] = await v.database.query<{ id: string }>(
        "INSERT INTO regions (name) VALUES ('Regio Elders') RETURNING id",
      );
      await v.database.query(
        "INSERT INTO users (region_id, email, display_name) VALUES ($1, 'iemand@elders.example', 'Iemand Elders')",
        [region?.id],
      );
      const res = await beheer.request('POST', `${API}/users`, {
        email: 'Iemand@Elders.example',
        displayName: 'Overname',
        roles: ['vrijwilliger'],
      });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).not.toContain('Iemand Elders');
      const rows = await v.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE lower(u.email) = 'iemand@elders.example'",
      );
      expect(rows[0]?.n).toBe(0);
    });

    it('creates an account without a password (OpenID Connect only)', async () => {
      const res = await beheer.request('POST', `${API}/users`, {
        email: 'oidc-only@voorbeeldstad.demo',
        displayName: 'Olga OIDC',
        roles: ['beleidsmedewerker'],
      });
      expect(res.statusCode).toBe(201);
      const [row] = await v.database.query<{ password_hash: string | null }>(
        'SELECT password_hash FROM users WHERE id = $1',
        [res.json().id],
      );
      expect(row?.password_hash).toBeNull();
    });
  });

  describe('changing', () => {
    let targetId: string;

    beforeAll(async () => {
      const res = await beheer.request('POST', `${API}/users`, {
        email: 'wijziging@voorbeeldstad.demo',
        displayName: 'Willem Wijziging',
        password: 'wachtwoord-van-willem',
        roles: ['vrijwilliger'],
      });
      targetId = res.json().id;
      // Also works for Dorpsveld, as regisseur.
      await v.database.query(
        "INSERT INTO memberships (user_id, municipality_id, role) VALUES ($1, $2, 'regisseur')",
        [targetId, dorpsveldId],
      );
    }, 120_000);

    it('reads one user and audits the read', async () => {
      const res = await beheer.request('GET', `${API}/users/${targetId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().roles).toEqual(['vrijwilliger']);
      const logged = await audits('user.read', targetId);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.purpose).toBe('beheer-organisatie');
    });

    it('replaces roles in the active municipality only', async () => {
      const res = await beheer.request('PATCH', `${API}/users/${targetId}`, {
        displayName: 'Willem W.',
        roles: ['coordinator_vrijwilligers', 'vrijwilliger'],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        displayName: 'Willem W.',
        roles: ['coordinator_vrijwilligers', 'vrijwilliger'],
      });
      const elsewhere = await v.database.query<{ role: string }>(
        'SELECT role FROM memberships WHERE user_id = $1 AND municipality_id = $2',
        [targetId, dorpsveldId],
      );
      expect(elsewhere.map((r) => r.role)).toEqual(['regisseur']);
      const logged = await audits('user.update', targetId);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.details).toMatchObject({ rolesBefore: ['vrijwilliger'] });
    });

    it('ends all sessions when a user is deactivated, and the user can no longer log in', async () => {
      const willem = await loggedIn('wijziging@voorbeeldstad.demo', 'wachtwoord-van-willem');
      expect((await willem.refreshSession()).authenticated).toBe(true);
      // Only an account that works for this municipality alone may be switched off from here.
      await v.database.query('DELETE FROM memberships WHERE user_id = $1 AND municipality_id = $2', [
        targetId,
        dorpsveldId,
      ]);
      const res = await beheer.request('PATCH', `${API}/users/${targetId}`, { isActive: false });
      expect(res.statusCode).toBe(200);
      expect(res.json().isActive).toBe(false);
      const sessions = await v.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1',
        [targetId],
      );
      expect(sessions[0]?.n).toBe(0);
      expect((await willem.refreshSession()).authenticated).toBe(false);
      const again = await new TestClient(v.app).login(
        'wijziging@voorbeeldstad.demo',
        'wachtwoord-van-willem',
      );
      expect(again.statusCode).toBe(401);
      const logged = await audits('user.update', targetId);
      expect(logged.at(-1)?.details).toMatchObject({ isActive: false, sessionsEnded: 1 });
      expect((await beheer.request('PATCH', `${API}/users/${targetId}`, { isActive: true })).statusCode).toBe(
        200,
      );
      await v.database.query(
        "INSERT INTO memberships (user_id, municipality_id, role) VALUES ($1, $2, 'regisseur')",
        [targetId, dorpsveldId],
      );
    });

    it('does not let a beheerder lock themselves out', async () => {
      const off = await beheer.request('PATCH', `${API}/users/${beheerId}`, { isActive: false });
      expect(off.statusCode).toBe(409);
      expect(off.headers['content-type']).toContain('application/problem+json');
      const demote = await beheer.request('PATCH', `${API}/users/${beheerId}`, { roles: ['auditor'] });
      expect(demote.statusCode).toBe(409);
      const keep = await beheer.request('PATCH', `${API}/users/${beheerId}`, {
        roles: ['functioneel_beheerder', 'auditor'],
      });
      expect(keep.statusCode).toBe(200);
      const back = await beheer.request('PATCH', `${API}/users/${beheerId}`, {
        roles: ['functioneel_beheerder'],
      });
      expect(back.json().roles).toEqual(['functioneel_beheerder']);
      expect((await beheer.refreshSession()).authenticated).toBe(true);
    });

    it('validates the patch strictly', async () => {
      expect((await beheer.request('PATCH', `${API}/users/${targetId}`, { roles: [] })).statusCode).toBe(400);
      expect((await beheer.request('PATCH', `${API}/users/${targetId}`, { email: 'a@b.c' })).statusCode).toBe(
        400,
      );
      expect((await beheer.request('PATCH', `${API}/users/${targetId}`, { isActive: 'no' })).statusCode).toBe(
        400,
      );
    });

    it('answers 404 for a user without a role in the active municipality', async () => {
      const [outsider] = await v.database.query<{ id: string }>(
        "INSERT INTO users (region_id, email, display_name) SELECT region_id, 'alleen@dorpsveld.demo', 'Alleen Dorpsveld' FROM municipalities WHERE id = $1 RETURNING id",
        [dorpsveldId],
      );
      const id = outsider?.id ?? '';
      await v.database.query(
        "INSERT INTO memberships (user_id, municipality_id, role) VALUES ($1, $2, 'regisseur')",
        [id, dorpsveldId],
      );
      const get = await beheer.request('GET', `${API}/users/${id}`);
      expect(get.statusCode).toBe(404);
      expect(get.body).not.toContain('Alleen Dorpsveld');
      const patch = await beheer.request('PATCH', `${API}/users/${id}`, {
        isActive: false,
        roles: ['vrijwilliger'],
      });
      expect(patch.statusCode).toBe(404);
      const [row] = await v.database.query<{ is_active: boolean }>(
        'SELECT is_active FROM users WHERE id = $1',
        [id],
      );
      expect(row?.is_active).toBe(true);
      const roles = await v.database.query<{ municipality_id: string }>(
        'SELECT municipality_id FROM memberships WHERE user_id = $1',
        [id],
      );
      expect(roles.map((r) => r.municipality_id)).toEqual([dorpsveldId]);
      const list = (await beheer.request('GET', `${API}/users?limit=200`)).json().items as UserBody[];
      expect(list.some((u) => u.id === id)).toBe(false);
      expect(
        (await beheer.request('GET', `${API}/users/00000000-0000-4000-8000-000000000000`)).statusCode,
      ).toBe(404);
    });
  });
});

describe('regional accounts', () => {
  let v: Vangnet;
  beforeAll(async () => {
    v = await startTestApp();
  });
  afterAll(async () => v?.close());

  it('refuses to deactivate an account that also works in another municipality', async () => {
    const beheer = new TestClient(v.app);
    await beheer.login('beheer@voorbeeldstad.demo');
    const [regio] = await v.database.query<{ id: string }>(
      "SELECT id FROM users WHERE email = 'regio@voorbeeldstad.demo'",
    );
    const res = await beheer.request('PATCH', `/api/v1/users/${regio?.id}`, { isActive: false });
    expect(res.statusCode).toBe(409);
    const [row] = await v.database.query<{ is_active: boolean }>(
      'SELECT is_active FROM users WHERE id = $1',
      [regio?.id],
    );
    expect(row?.is_active).toBe(true);
  });
});
