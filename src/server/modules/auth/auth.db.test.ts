import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestClient, testConfig } from '../../../../test/harness.ts';
import type { Vangnet } from '../../server.ts';
import { decryptSecret } from './crypto.ts';
import { currentTotp } from './totp.ts';

describe('authentication and sessions', () => {
  let v: Vangnet;
  beforeAll(async () => {
    v = await startTestApp();
  });
  afterAll(async () => v?.close());

  it('gives an anonymous visitor a CSRF token and no personal data', async () => {
    const c = new TestClient(v.app);
    const res = await c.request('GET', '/api/v1/session');
    expect(res.statusCode).toBe(200);
    expect(res.headers['api-version']).toBe('1.0.0');
    const body = res.json();
    expect(body.authenticated).toBe(false);
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(body.user).toBeNull();
    expect(c.jar.get('vangnet_csrf')).toBe(body.csrfToken);
  });

  it('refuses a login without the CSRF token with 403 problem+json', async () => {
    const c = new TestClient(v.app);
    const res = await c.request('POST', '/api/v1/auth/login', {
      email: 'beheer@voorbeeldstad.demo',
      password: 'x',
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().type).toContain('csrf');
  });

  it('logs in with the right password and sets a HttpOnly SameSite session cookie', async () => {
    const c = new TestClient(v.app);
    await c.refreshSession();
    const res = await c.request('POST', '/api/v1/auth/login', {
      email: 'BEHEER@voorbeeldstad.demo',
      password: 'Vangnet-demo-2026',
    });
    expect(res.statusCode).toBe(200);
    const cookie = (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[]).find(
      (x) => x.name === 'vangnet_session',
    );
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const s = res.json();
    expect(s.authenticated).toBe(true);
    expect(s.mfa).toBe('not_required');
    expect(s.activeMunicipality.name).toBe('Voorbeeldstad');
    expect(s.permissions).toContain('users:manage');
    const audit = await v.database.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE actor_id = $1 AND action = 'auth.login'",
      [s.user.id],
    );
    expect(audit.length).toBeGreaterThan(0);
  });

  it('rejects a wrong password with 401 and locks the account after five failures', async () => {
    const c = new TestClient(v.app);
    for (let i = 0; i < 5; i++) {
      const res = await c.login('schuldhulp@voorbeeldstad.demo', 'wrong-password');
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toContain('incorrect');
    }
    const locked = await c.login('schuldhulp@voorbeeldstad.demo');
    expect(locked.statusCode).toBe(423);
    const rows = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.account_locked'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const c = new TestClient(v.app);
    const res = await c.login('nobody@voorbeeldstad.demo', 'whatever');
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('The e-mail address or password is incorrect.');
  });

  it('switches between municipalities of the user and refuses others with 404', async () => {
    const regio = new TestClient(v.app);
    const s = (await regio.login('regio@voorbeeldstad.demo')).json();
    expect(s.municipalities).toHaveLength(2);
    const other = s.municipalities.find((m: { name: string }) => m.name === 'Dorpsveld');
    expect(other).toBeDefined();
    const switched = await regio.request('PUT', '/api/v1/session/municipality', { municipalityId: other.id });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().activeMunicipality.id).toBe(other.id);

    const beheer = new TestClient(v.app);
    await beheer.login('beheer@voorbeeldstad.demo');
    const refused = await beheer.request('PUT', '/api/v1/session/municipality', { municipalityId: other.id });
    expect(refused.statusCode).toBe(404);
  });

  it('ends a session on logout and every session on logout everywhere', async () => {
    const a = new TestClient(v.app);
    const b = new TestClient(v.app);
    await a.login('beleid@voorbeeldstad.demo');
    await b.login('beleid@voorbeeldstad.demo');
    expect((await a.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await a.refreshSession()).authenticated).toBe(false);
    expect((await b.refreshSession()).authenticated).toBe(true);
    await a.login('beleid@voorbeeldstad.demo');
    expect((await a.request('POST', '/api/v1/auth/logout-everywhere')).statusCode).toBe(204);
    expect((await b.refreshSession()).authenticated).toBe(false);
  });

  it('expires an idle session and answers 401 on protected routes', async () => {
    const c = new TestClient(v.app);
    const s = (await c.login('auditor@voorbeeldstad.demo')).json();
    expect((await c.request('GET', '/api/v1/audit-events')).statusCode).toBe(200);
    await v.database.query(
      "UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1",
      [s.user.id],
    );
    const res = await c.request('GET', '/api/v1/audit-events');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('expires a session at its absolute timeout even when active', async () => {
    const c = new TestClient(v.app);
    const s = (await c.login('auditor@voorbeeldstad.demo')).json();
    await v.database.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1",
      [s.user.id],
    );
    expect((await c.request('GET', '/api/v1/audit-events')).statusCode).toBe(401);
  });

  it('gives a session the roles of its active municipality only, read anew at every request', async () => {
    const c = new TestClient(v.app);
    const s = (await c.login('regio@voorbeeldstad.demo')).json();
    const dorpsveld = s.municipalities.find((m: { name: string }) => m.name === 'Dorpsveld');
    const voorbeeldstad = s.municipalities.find((m: { name: string }) => m.name === 'Voorbeeldstad');
    // A policy role in Dorpsveld only, on top of beheerder and auditor in both.
    await v.database.query(
      "INSERT INTO memberships (user_id, municipality_id, role) VALUES ($1, $2, 'beleidsmedewerker')",
      [s.user.id, dorpsveld.id],
    );
    try {
      await c.request('PUT', '/api/v1/session/municipality', { municipalityId: voorbeeldstad.id });
      const inVoorbeeldstad = await c.refreshSession();
      expect(inVoorbeeldstad.permissions).toContain('audit:read');
      expect(inVoorbeeldstad.permissions).not.toContain('aggregates:read');
      expect((await c.request('GET', '/api/v1/prijslijsten')).statusCode).toBe(403);

      await c.request('PUT', '/api/v1/session/municipality', { municipalityId: dorpsveld.id });
      expect((await c.refreshSession()).permissions).toContain('aggregates:read');
      expect((await c.request('GET', '/api/v1/prijslijsten')).statusCode).toBe(200);
    } finally {
      await v.database.query(
        "DELETE FROM memberships WHERE user_id = $1 AND municipality_id = $2 AND role = 'beleidsmedewerker'",
        [s.user.id, dorpsveld.id],
      );
    }
    // The session stays, the role taken away counts at the next request.
    expect((await c.request('GET', '/api/v1/prijslijsten')).statusCode).toBe(403);
    const after = await c.refreshSession();
    expect(after.authenticated).toBe(true);
    expect(after.permissions).toContain('users:manage');
    expect(after.permissions).not.toContain('aggregates:read');
  });

  it('ends the session of a user deactivated behind its back', async () => {
    const c = new TestClient(v.app);
    const s = (await c.login('coordinator@voorbeeldstad.demo')).json();
    await v.database.query('UPDATE users SET is_active = false WHERE id = $1', [s.user.id]);
    try {
      const res = await c.request('GET', '/api/v1/session');
      expect(res.json().authenticated).toBe(false);
      const left = await v.database.query('SELECT 1 FROM sessions WHERE user_id = $1', [s.user.id]);
      expect(left).toHaveLength(0);
    } finally {
      await v.database.query('UPDATE users SET is_active = true WHERE id = $1', [s.user.id]);
    }
  });

  it('forbids routes outside the role with 403', async () => {
    const c = new TestClient(v.app);
    await c.login('vrijwilliger@voorbeeldstad.demo');
    const res = await c.request('GET', '/api/v1/audit-events');
    expect(res.statusCode).toBe(403);
  });
});

describe('second factor (TOTP) when required', () => {
  let v: Vangnet;
  beforeAll(async () => {
    v = await startTestApp({ env: { MFA_REQUIRED: 'true' } });
  });
  afterAll(async () => v?.close());

  async function secretOf(email: string): Promise<string> {
    const [row] = await v.database.query<{ totp_secret_enc: string }>(
      'SELECT totp_secret_enc FROM users WHERE email = $1',
      [email],
    );
    return decryptSecret(testConfig().secretKey, row?.totp_secret_enc ?? '');
  }

  it('makes a new user enrol, then verify on the next login', async () => {
    const email = 'regisseur@voorbeeldstad.demo';
    const c = new TestClient(v.app);
    const first = (await c.login(email)).json();
    expect(first.mfa).toBe('enrol');
    expect(first.permissions).toEqual([]);
    expect((await c.request('GET', '/api/v1/audit-events')).statusCode).toBe(401);

    const enrol = await c.request('POST', '/api/v1/auth/totp/enrolment');
    expect(enrol.statusCode).toBe(200);
    expect(enrol.json().qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrol.json().otpauthUri).toContain('otpauth://totp/Vangnet');
    const secret = enrol.json().secret;
    expect(await secretOf(email)).toBe(secret);

    const wrongCode = currentTotp(secret) === '000000' ? '111111' : '000000';
    const wrong = await c.request('POST', '/api/v1/auth/totp/enrolment/confirm', { code: wrongCode });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().invalidParams[0].name).toBe('body.code');

    const ok = await c.request('POST', '/api/v1/auth/totp/enrolment/confirm', { code: currentTotp(secret) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mfa).toBe('verified');
    c.csrf = ok.json().csrfToken;
    expect(ok.json().permissions).toContain('persons:read');

    const again = new TestClient(v.app);
    const second = (await again.login(email)).json();
    expect(second.mfa).toBe('verify');
    const verified = await again.request('POST', '/api/v1/auth/totp/verify', { code: currentTotp(secret) });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().mfa).toBe('verified');
  });

  it('refuses to start when production mode would switch the second factor off', async () => {
    const { loadConfig, ConfigError } = await import('../../config.ts');
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        MFA_REQUIRED: 'false',
        SECRET_KEY: 'x'.repeat(40),
        DATABASE_URL: 'postgres://x/y',
      }),
    ).toThrow(ConfigError);
  });
});

describe('machine clients (OAuth2 client credentials)', () => {
  let v: Vangnet;
  beforeAll(async () => {
    v = await startTestApp();
  });
  afterAll(async () => v?.close());

  it('issues a scoped bearer token for valid credentials (form-encoded, Basic auth)', async () => {
    const res = await v.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('cbs-demo:demo-partner-secret').toString('base64')}`,
      },
      payload: 'grant_type=client_credentials&scope=ddas%3Alezen',
    });
    expect(res.statusCode).toBe(200);
    const token = res.json();
    expect(token.token_type).toBe('Bearer');
    expect(token.scope).toBe('ddas:lezen');
    // A machine token never opens staff routes.
    const staff = await v.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events',
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(staff.statusCode).toBe(401);
  });

  it('rejects a wrong secret and scopes the client was not given', async () => {
    const wrong = await v.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: { grant_type: 'client_credentials', client_id: 'cbs-demo', client_secret: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const scope = await v.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: 'cbs-demo',
        client_secret: 'demo-partner-secret',
        scope: 'signalen:aanleveren',
      },
    });
    expect(scope.statusCode).toBe(400);
    const bad = await v.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(bad.statusCode).toBe(401);
  });
});
