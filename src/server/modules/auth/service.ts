import { permissionsFor, rolesRequireMfa, STAFF_ROLES, type StaffRole } from '../../../shared/roles.ts';
import type { Config } from '../../config.ts';
import type { Orm } from '../../db/client.ts';
import type { MfaState, UserActor } from '../../http/context.ts';
import { ProblemError, problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit, recordRegionAudit } from '../audit/service.ts';
import {
  decryptSecret,
  dummyPasswordHash,
  encryptSecret,
  randomToken,
  sha256,
  verifyPassword,
} from './crypto.ts';
import * as repo from './repository.ts';
import { newTotpSecret, totpEnrolment, verifyTotp } from './totp.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

type AuthDeps = { db: Orm; config: Config };
type RequestInfo = { requestId: string };

function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

async function homeMunicipalityOf(tx: Orm, userId: string): Promise<string | null> {
  return (await repo.findMembershipsOfUser(tx, userId))[0]?.municipalityId ?? null;
}

function contextFor(actor: UserActor, municipalityId: string, requestId: string) {
  return { actor, municipalityId, requestId };
}

function initialMfaState(
  config: Config,
  user: repo.UserRow,
  roles: StaffRole[],
  idpDidMfa: boolean,
): MfaState {
  if (idpDidMfa) return 'verified';
  if (user.totpEnabledAt) return 'verify';
  if (config.mfaRequired && rolesRequireMfa(roles)) return 'enrol';
  return 'not_required';
}

async function createSession(
  tx: Orm,
  config: Config,
  user: repo.UserRow,
  method: 'password' | 'oidc',
  idpDidMfa: boolean,
): Promise<string> {
  const memberships = await repo.findMembershipsOfUser(tx, user.id);
  const allRoles = memberships.map((m) => m.role).filter(isStaffRole);
  const token = randomToken();
  const now = new Date();
  await repo.insertSession(tx, {
    id: sha256(token),
    userId: user.id,
    activeMunicipalityId: memberships[0]?.municipalityId ?? null,
    csrfToken: randomToken(),
    mfaState: initialMfaState(config, user, allRoles, idpDidMfa),
    authMethod: method,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + config.session.absoluteHours * 3_600_000),
  });
  await repo.updateUserAuthState(tx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
  return token;
}

function assertNotLocked(user: repo.UserRow): void {
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    throw new ProblemError(
      423,
      'account-geblokkeerd',
      'Locked',
      `Too many failed attempts. The account is locked until ${user.lockedUntil.toISOString()}.`,
    );
  }
}

/**
 * Counts a wrong password or code; the fifth in a row locks the account and ends its sessions. Committed on its
 * own, because the failure count must survive the error response.
 */
async function registerFailedAttempt(
  db: Orm,
  user: repo.UserRow,
  action: 'auth.login_failed' | 'auth.totp_failed',
  info: RequestInfo,
): Promise<void> {
  const failed = user.failedLogins + 1;
  const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null;
  await db.transaction(async (tx) => {
    await repo.updateUserAuthState(tx, user.id, { failedLogins: lockedUntil ? 0 : failed, lockedUntil });
    if (lockedUntil) await repo.deleteSessionsOfUser(tx, user.id);
    await recordRegionAudit(tx, {
      actorType: 'user',
      actorId: user.id,
      municipalityId: await homeMunicipalityOf(tx, user.id),
      requestId: info.requestId,
      action: lockedUntil ? 'auth.account_locked' : action,
      purpose: PURPOSES.authentication,
      details: { failedAttempts: failed },
    });
  });
}

/** Creates the session of a successful login and its audit row, in the caller's transaction. */
async function openSession(
  tx: Orm,
  config: Config,
  user: repo.UserRow,
  how: { method: 'password' | 'oidc'; idpDidMfa: boolean },
  info: RequestInfo,
): Promise<string> {
  const token = await createSession(tx, config, user, how.method, how.idpDidMfa);
  await recordRegionAudit(tx, {
    actorType: 'user',
    actorId: user.id,
    municipalityId: await homeMunicipalityOf(tx, user.id),
    requestId: info.requestId,
    action: 'auth.login',
    purpose: PURPOSES.authentication,
    details: how.method === 'oidc' ? { method: 'oidc', idpMfa: how.idpDidMfa } : { method: 'password' },
  });
  return token;
}

/** Password login. Returns the opaque session token for the cookie. */
export async function loginWithPassword(
  { db, config }: AuthDeps,
  input: { email: string; password: string },
  info: RequestInfo,
): Promise<string> {
  const user = await repo.findUserByEmail(db, input.email);
  if (!user?.passwordHash || !user.isActive) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await recordRegionAudit(db, {
      actorType: 'user',
      actorId: user?.id ?? null,
      requestId: info.requestId,
      action: 'auth.login_failed',
      purpose: PURPOSES.authentication,
      details: { reason: user ? 'inactive_or_no_password' : 'unknown_account' },
    });
    throw problems.unauthorized('The e-mail address or password is incorrect.');
  }
  assertNotLocked(user);
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    await registerFailedAttempt(db, user, 'auth.login_failed', info);
    throw problems.unauthorized('The e-mail address or password is incorrect.');
  }
  return db.transaction((tx) =>
    openSession(tx, config, user, { method: 'password', idpDidMfa: false }, info),
  );
}

/** Session for a user the municipality's OpenID Connect provider vouched for. */
export async function loginWithOidc(
  { db, config }: AuthDeps,
  claims: { sub: string; email?: string; amr?: string[] },
  info: RequestInfo,
): Promise<string> {
  const token = await db.transaction(async (tx) => {
    let user = await repo.findUserByOidcSubject(tx, claims.sub);
    if (!user && claims.email) {
      // First OIDC login of a known staff member: link the provider's subject to the account once.
      const byEmail = await repo.findUserByEmail(tx, claims.email);
      if (byEmail && !byEmail.oidcSubject) {
        await repo.updateUserAuthState(tx, byEmail.id, { oidcSubject: claims.sub });
        user = { ...byEmail, oidcSubject: claims.sub };
      }
    }
    if (!user?.isActive) return null;
    const idpDidMfa = (claims.amr ?? []).some((m) => ['mfa', 'otp', 'hwk', 'swk', 'sc'].includes(m));
    return openSession(tx, config, user, { method: 'oidc', idpDidMfa }, info);
  });
  if (token) return token;
  // Written on its own: the refusal must stay on record although no session is made.
  await recordRegionAudit(db, {
    actorType: 'user',
    actorId: null,
    requestId: info.requestId,
    action: 'auth.login_failed',
    purpose: PURPOSES.authentication,
    details: { method: 'oidc', reason: 'no_matching_account' },
  });
  throw problems.forbidden('There is no active Vangnet account for this identity.');
}

/**
 * Turns a session cookie into an actor, enforcing idle and absolute timeouts. Runs before every API request, so it
 * reads session, user and roles in one statement; the rare writes (touch, deleting an expired session) follow.
 */
export async function resolveSession({ db, config }: AuthDeps, token: string): Promise<UserActor | null> {
  const id = sha256(token);
  const found = await repo.findSessionForRequest(db, id);
  if (!found) return null;
  const { session, user } = found;
  const now = new Date();
  const idleLimit = new Date(session.lastSeenAt.getTime() + config.session.idleMinutes * 60_000);
  if (session.expiresAt <= now || idleLimit <= now || !user.isActive) {
    await repo.deleteSession(db, id);
    return null;
  }
  // Touch at most once a minute: a write per request would be wasteful.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000)
    await repo.updateSession(db, id, { lastSeenAt: now });
  const roles = found.roles.filter(isStaffRole);
  return {
    type: 'user',
    userId: user.id,
    regionId: user.regionId,
    displayName: user.displayName,
    email: user.email,
    preferredLanguage: user.preferredLanguage,
    sessionId: id,
    csrfToken: session.csrfToken,
    mfaState: session.mfaState,
    activeMunicipalityId: session.activeMunicipalityId,
    roles,
    permissions: permissionsFor(roles),
  };
}

export async function describeSession({ db, config }: AuthDeps, actor: UserActor | null, csrfToken: string) {
  const memberships = actor ? await repo.findMembershipsOfUser(db, actor.userId) : [];
  const byMunicipality = new Map<
    string,
    { id: string; name: string; cbsCode: string; theme: string; roles: string[] }
  >();
  for (const m of memberships) {
    const entry = byMunicipality.get(m.municipalityId) ?? {
      id: m.municipalityId,
      name: m.name,
      cbsCode: m.cbsCode,
      theme: m.theme,
      roles: [],
    };
    entry.roles.push(m.role);
    byMunicipality.set(m.municipalityId, entry);
  }
  const active = actor?.activeMunicipalityId ? byMunicipality.get(actor.activeMunicipalityId) : undefined;
  const mfaDone = actor && (actor.mfaState === 'verified' || actor.mfaState === 'not_required');
  return {
    authenticated: actor !== null,
    csrfToken,
    oidcEnabled: config.oidc !== null,
    mfa: actor?.mfaState ?? null,
    user: actor
      ? {
          id: actor.userId,
          email: actor.email,
          displayName: actor.displayName,
          preferredLanguage: actor.preferredLanguage,
        }
      : null,
    activeMunicipality:
      active && mfaDone
        ? { id: active.id, name: active.name, cbsCode: active.cbsCode, theme: active.theme }
        : null,
    municipalities: mfaDone ? [...byMunicipality.values()].map(({ theme: _t, ...m }) => m) : [],
    permissions: mfaDone ? [...actor.permissions].sort() : [],
  };
}

export async function startTotpEnrolment({ db, config }: AuthDeps, actor: UserActor) {
  if (actor.mfaState !== 'enrol' && actor.mfaState !== 'not_required' && actor.mfaState !== 'verified') {
    throw problems.conflict('Verify your current second factor first.');
  }
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw problems.unauthorized();
  if (user.totpEnabledAt && actor.mfaState !== 'verified') {
    throw problems.conflict('A second factor is already set up.');
  }
  const secret = newTotpSecret();
  // Stored as pending (no totp_enabled_at) until the user proves they scanned it.
  await repo.updateUserAuthState(db, user.id, {
    totpSecretEnc: encryptSecret(config.secretKey, secret),
    totpEnabledAt: user.totpEnabledAt,
  });
  return totpEnrolment(secret, user.email);
}

async function checkTotpCode(deps: AuthDeps, actor: UserActor, code: string, info: RequestInfo) {
  const user = await repo.findUserById(deps.db, actor.userId);
  if (!user?.totpSecretEnc) throw problems.conflict('Start the enrolment first.');
  assertNotLocked(user);
  const secret = decryptSecret(deps.config.secretKey, user.totpSecretEnc);
  if (!verifyTotp(secret, code)) {
    await registerFailedAttempt(deps.db, user, 'auth.totp_failed', info);
    throw problems.badRequest('The code is not correct.', [
      { name: 'body.code', code: 'invalid_code', reason: 'The code is not correct or has expired.' },
    ]);
  }
  return user;
}

export async function confirmTotpEnrolment(
  deps: AuthDeps,
  actor: UserActor,
  code: string,
  info: RequestInfo,
) {
  const user = await checkTotpCode(deps, actor, code, info);
  await deps.db.transaction(async (tx) => {
    await repo.updateUserAuthState(tx, user.id, { totpEnabledAt: new Date(), failedLogins: 0 });
    await repo.updateSession(tx, actor.sessionId, { mfaState: 'verified', csrfToken: randomToken() });
    await recordRegionAudit(tx, {
      actorType: 'user',
      actorId: user.id,
      municipalityId: await homeMunicipalityOf(tx, user.id),
      requestId: info.requestId,
      action: 'auth.totp_enrolled',
      purpose: PURPOSES.authentication,
    });
  });
}

export async function verifyTotpForSession(
  deps: AuthDeps,
  actor: UserActor,
  code: string,
  info: RequestInfo,
) {
  if (actor.mfaState !== 'verify') throw problems.conflict('No second factor is awaited for this session.');
  const user = await checkTotpCode(deps, actor, code, info);
  if (!user.totpEnabledAt) throw problems.conflict('Finish the enrolment first.');
  await deps.db.transaction(async (tx) => {
    await repo.updateUserAuthState(tx, user.id, { failedLogins: 0 });
    // A fresh CSRF token once the session gains its full rights.
    await repo.updateSession(tx, actor.sessionId, { mfaState: 'verified', csrfToken: randomToken() });
    await recordRegionAudit(tx, {
      actorType: 'user',
      actorId: user.id,
      municipalityId: await homeMunicipalityOf(tx, user.id),
      requestId: info.requestId,
      action: 'auth.totp_verified',
      purpose: PURPOSES.authentication,
    });
  });
}

export async function logout({ db }: AuthDeps, actor: UserActor, info: RequestInfo, everywhere: boolean) {
  await db.transaction(async (tx) => {
    if (everywhere) await repo.deleteSessionsOfUser(tx, actor.userId);
    else await repo.deleteSession(tx, actor.sessionId);
    await recordRegionAudit(tx, {
      actorType: 'user',
      actorId: actor.userId,
      municipalityId: actor.activeMunicipalityId,
      requestId: info.requestId,
      action: everywhere ? 'auth.logout_everywhere' : 'auth.logout',
      purpose: PURPOSES.authentication,
    });
  });
}

export async function switchMunicipality(
  { db }: AuthDeps,
  actor: UserActor,
  municipalityId: string,
  info: RequestInfo,
) {
  const memberships = await repo.findMembershipsOfUser(db, actor.userId);
  if (!memberships.some((m) => m.municipalityId === municipalityId)) {
    // Same answer as for a municipality that does not exist: do not reveal other tenants.
    throw problems.notFound('You are not a member of this municipality.');
  }
  await db.transaction(async (tx) => {
    await repo.updateSession(tx, actor.sessionId, { activeMunicipalityId: municipalityId });
    await recordAudit(tx, contextFor(actor, municipalityId, info.requestId), {
      action: 'session.switch_municipality',
      purpose: PURPOSES.authentication,
      subjectType: 'municipality',
      subjectIds: [municipalityId],
    });
  });
}
