import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider, { type Account } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTestServer } from '../../../../test/harness.ts';

const CLIENT_ID = 'vangnet-test';
const CLIENT_SECRET = randomBytes(24).toString('hex');

/** The identities the provider knows: subject -> e-mail address. */
const ACCOUNTS = new Map<string, string>([
  ['idp-beheer-7f3a', 'beheer@voorbeeldstad.demo'],
  ['idp-stranger-19c2', 'onbekend@elders.example'],
]);

/** A real OpenID provider on 127.0.0.1 whose login step signs in `nextLogin` (the test decides who logs in). */
async function startProvider(redirectUri: string) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' };
  const state: { nextLogin: { accountId: string; amr?: string[] } | null } = { nextLogin: null };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // amr with the openid scope: like most providers, the ID token says how the user authenticated.
    claims: { openid: ['sub', 'amr'], email: ['email'] },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 300,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 300,
      Interaction: 600,
      Session: 600,
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string): Account | undefined => {
      const email = ACCOUNTS.get(id);
      return email ? { accountId: id, claims: () => ({ sub: id, email }) } : undefined;
    },
  });

  // The provider's own login and consent pages, reduced to what a user would click.
  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      const login = state.nextLogin;
      if (!login) throw new Error('the test did not say who logs in');
      await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
      return;
    }
    if (details.prompt.name === 'consent' && details.session) {
      const grant = new provider.Grant({
        accountId: details.session.accountId,
        clientId: details.params.client_id,
      });
      if (details.params.scope) grant.addOIDCScope(details.params.scope);
      const missingClaims = details.prompt.details.missingOIDCClaims;
      if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims.map(String));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    res.statusCode = 501;
    res.end(`unexpected prompt ${details.prompt.name}`);
  }

  const handle = provider.callback();
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    } else {
      handle(req, res);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    issuer,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Cookies per origin (host and port), like a browser that keeps the provider's and Vangnet's apart. */
class Browser {
  readonly jars = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  async get(url: string): Promise<Response> {
    const u = new URL(url);
    const jar = this.jars.get(u.origin) ?? new Map<string, string>();
    this.jars.set(u.origin, jar);
    const res = await fetch(u, {
      redirect: 'manual',
      headers: jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {},
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a),
      );
      if (value === '' || expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects until one points at `stopAt` (not fetched) or a page answers without redirecting. */
  async follow(
    url: string,
    stopAt: string,
  ): Promise<{ url: string; hops: string[]; final: Response | null }> {
    const hops: string[] = [];
    let next = url;
    for (let i = 0; i < 15; i++) {
      if (i > 0 && next.startsWith(stopAt)) return { url: next, hops, final: null };
      hops.push(next);
      const res = await this.get(next);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: next, hops, final: res };
      next = new URL(location, next).toString();
    }
    throw new Error(`too many redirects: ${hops.join(' -> ')}`);
  }
}

describe('login with OpenID Connect against a real provider', { timeout: 30_000 }, () => {
  let vangnet: Awaited<ReturnType<typeof startTestServer>>;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let callbackUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    callbackUrl = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
    provider = await startProvider(callbackUrl);
    vangnet = await startTestServer({
      port,
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_REDIRECT_URI: callbackUrl,
        MFA_REQUIRED: 'true',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await vangnet?.close();
    await provider?.close();
  });

  /** Starts at Vangnet's login link and walks through the provider until the browser is sent back to Vangnet. */
  async function loginAtProvider(browser: Browser, login: { accountId: string; amr?: string[] }) {
    provider.state.nextLogin = login;
    const start = await browser.get(`${vangnet.url}/api/v1/auth/oidc/login`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.searchParams.get('redirect_uri')).toBe(callbackUrl);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')?.length).toBeGreaterThan(40);
    const walk = await browser.follow(authorize.toString(), callbackUrl);
    expect(walk.final, `the provider stopped at ${walk.url} (${walk.final?.status})`).toBeNull();
    const callback = new URL(walk.url);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    return callback.toString();
  }

  async function sessionOf(browser: Browser) {
    const res = await browser.get(`${vangnet.url}/api/v1/session`);
    expect(res.status).toBe(200);
    return (await res.json()) as {
      authenticated: boolean;
      oidcEnabled: boolean;
      mfa: string | null;
      user: { id: string; email: string } | null;
      activeMunicipality: { name: string } | null;
    };
  }

  it('uses a provider that insists on PKCE, so the logins below prove Vangnet sends a challenge', async () => {
    const res = await fetch(
      `${provider.issuer}/auth?client_id=${CLIENT_ID}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(callbackUrl)}&state=x`,
      { redirect: 'manual' },
    );
    const location = new URL(res.headers.get('location') ?? '', provider.issuer);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('links the demo administrator by e-mail on first login and asks for the second factor without IdP MFA', async () => {
    const browser = new Browser();
    const anonymous = await sessionOf(browser);
    expect(anonymous.authenticated).toBe(false);
    expect(anonymous.oidcEnabled).toBe(true);

    const callback = await loginAtProvider(browser, { accountId: 'idp-beheer-7f3a', amr: ['pwd'] });
    const res = await browser.get(callback);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/inloggen/tweede-factor');
    expect(browser.cookie(vangnet.url, 'vangnet_session')).toBeTruthy();

    const s = await sessionOf(browser);
    expect(s.authenticated).toBe(true);
    expect(s.user?.email).toBe('beheer@voorbeeldstad.demo');
    expect(s.mfa).toBe('enrol');
    // No municipality (and so no data) before the second factor.
    expect(s.activeMunicipality).toBeNull();

    const [user] = await vangnet.vangnet.database.query<{ oidc_subject: string | null }>(
      'SELECT oidc_subject FROM users WHERE lower(email) = $1',
      ['beheer@voorbeeldstad.demo'],
    );
    expect(user?.oidc_subject).toBe('idp-beheer-7f3a');
    const [session] = await vangnet.vangnet.database.query<{ auth_method: string; mfa_state: string }>(
      'SELECT auth_method, mfa_state FROM sessions WHERE user_id = $1',
      [s.user?.id],
    );
    expect(session).toEqual({ auth_method: 'oidc', mfa_state: 'enrol' });

    // The authorization code and the state are single-use: replaying the callback is refused.
    const replay = await new Browser().get(callback);
    expect(replay.status).toBe(400);
    expect(replay.headers.get('content-type')).toContain('application/problem+json');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('vangnet_session='))).toBe(false);
  });

  it('trusts the second factor of the provider when the ID token says amr=mfa, and finds the user by subject', async () => {
    // The provider now reports another e-mail address for the same subject: the linked subject decides.
    ACCOUNTS.set('idp-beheer-7f3a', 'f.beheerder@elders.example');
    try {
      const browser = new Browser();
      const callback = await loginAtProvider(browser, { accountId: 'idp-beheer-7f3a', amr: ['pwd', 'mfa'] });
      const res = await browser.get(callback);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/');
      const s = await sessionOf(browser);
      expect(s.authenticated).toBe(true);
      expect(s.user?.email).toBe('beheer@voorbeeldstad.demo');
      expect(s.mfa).toBe('verified');
      expect(s.activeMunicipality?.name).toBe('Voorbeeldstad');
      // A verified session may use the API.
      const users = await browser.get(`${vangnet.url}/api/v1/users`);
      expect(users.status).toBe(200);
    } finally {
      ACCOUNTS.set('idp-beheer-7f3a', 'beheer@voorbeeldstad.demo');
    }
  });

  it('refuses an identity whose e-mail address has no Vangnet account with 403 and no session', async () => {
    const browser = new Browser();
    const callback = await loginAtProvider(browser, { accountId: 'idp-stranger-19c2', amr: ['pwd', 'mfa'] });
    const res = await browser.get(callback);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { status: number; detail: string };
    expect(problem.status).toBe(403);
    expect(problem.detail).toContain('no active Vangnet account');
    expect(browser.cookie(vangnet.url, 'vangnet_session')).toBeUndefined();
    expect((await sessionOf(browser)).authenticated).toBe(false);
    const linked = await vangnet.vangnet.database.query('SELECT id FROM users WHERE oidc_subject = $1', [
      'idp-stranger-19c2',
    ]);
    expect(linked).toHaveLength(0);
    const refused = await vangnet.vangnet.database.query<{ details: { method: string; reason: string } }>(
      "SELECT details FROM audit_events WHERE action = 'auth.login_failed' AND details->>'method' = 'oidc'",
    );
    expect(refused.map((r) => r.details.reason)).toEqual(['no_matching_account']);
  });

  it('refuses a callback with an unknown state with 400', async () => {
    const browser = new Browser();
    const res = await browser.get(`${callbackUrl}?code=forged-code&state=${randomBytes(16).toString('hex')}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(browser.cookie(vangnet.url, 'vangnet_session')).toBeUndefined();
  });

  it('writes auth.login audit events with method oidc', async () => {
    const rows = await vangnet.vangnet.database.query<{ idp_mfa: boolean; municipality_id: string | null }>(
      `SELECT (details->>'idpMfa')::boolean AS idp_mfa, municipality_id FROM audit_events
       WHERE action = 'auth.login' AND details->>'method' = 'oidc' ORDER BY id`,
    );
    expect(rows.map((r) => r.idp_mfa)).toEqual([false, true]);
    expect(rows.every((r) => r.municipality_id !== null)).toBe(true);
  });
});
