import { eq, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Config } from '../../config.ts';
import type { Orm } from '../../db/client.ts';
import { oidcLoginStates } from '../../db/schema.ts';
import { problems } from '../../http/problem.ts';

type OidcSettings = NonNullable<Config['oidc']>;
const STATE_TTL_MS = 10 * 60_000;

/** Login with the municipality's own identity provider (authorization code flow with PKCE). */
export class OidcLogin {
  #configuration: Promise<client.Configuration> | null = null;

  constructor(
    private readonly settings: OidcSettings,
    private readonly db: Orm,
  ) {}

  #discover(): Promise<client.Configuration> {
    this.#configuration ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        {
          // Plain http is only accepted for a provider on this machine (development and tests).
          execute: /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(this.settings.issuer)
            ? [client.allowInsecureRequests]
            : [],
        },
      )
      .catch((err: unknown) => {
        this.#configuration = null;
        throw err;
      });
    return this.#configuration;
  }

  async authorizationUrl(): Promise<string> {
    const configuration = await this.#discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.db
      .delete(oidcLoginStates)
      .where(lt(oidcLoginStates.createdAt, new Date(Date.now() - STATE_TTL_MS)));
    await this.db.insert(oidcLoginStates).values({ state, codeVerifier, nonce });
    return client
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.settings.redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      .toString();
  }

  async handleCallback(callbackUrl: URL): Promise<{ sub: string; email?: string; amr?: string[] }> {
    const configuration = await this.#discover();
    const state = callbackUrl.searchParams.get('state') ?? '';
    const [stored] = await this.db
      .delete(oidcLoginStates)
      .where(eq(oidcLoginStates.state, state))
      .returning();
    if (!stored || stored.createdAt.getTime() < Date.now() - STATE_TTL_MS) {
      throw problems.badRequest('The login attempt is unknown or expired. Start again.');
    }
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: stored.codeVerifier,
      expectedState: stored.state,
      expectedNonce: stored.nonce,
    });
    const claims = tokens.claims();
    if (!claims) throw problems.badRequest('The identity provider returned no ID token.');
    let email = typeof claims.email === 'string' ? claims.email : undefined;
    if (email === undefined) {
      // In the code flow a conforming provider returns the email scope's claims from the UserInfo endpoint only
      // (OpenID Connect Core 5.4); fetchUserInfo checks that its subject is the ID token's.
      const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      email = typeof info.email === 'string' ? info.email : undefined;
    }
    return {
      sub: claims.sub,
      email,
      amr: Array.isArray(claims.amr)
        ? claims.amr.filter((m): m is string => typeof m === 'string')
        : undefined,
    };
  }
}
