import type { Orm } from '../../db/client.ts';
import type { MachineActor } from '../../http/context.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { randomToken, sha256, verifyPassword } from './crypto.ts';
import * as repo from './repository.ts';

export const MACHINE_TOKEN_TTL_SECONDS = 900;

/** OAuth2 client credentials: a short-lived opaque token, scoped to the client's municipality and purposes. */
export async function issueMachineToken(
  db: Orm,
  input: { clientId: string; clientSecret: string; scope?: string },
  requestId: string,
) {
  const client = await repo.findMachineClient(db, input.clientId);
  const valid = client?.isActive && (await verifyPassword(client.secretHash, input.clientSecret));
  if (!client || !valid) throw problems.unauthorized('invalid_client');
  const requested = input.scope ? input.scope.split(' ').filter(Boolean) : client.scopes;
  const denied = requested.filter((s) => !client.scopes.includes(s));
  if (denied.length > 0) {
    throw problems.badRequest(`invalid_scope: ${denied.join(' ')}`, [
      {
        name: 'body.scope',
        code: 'invalid_scope',
        reason: `Not allowed for this client: ${denied.join(' ')}`,
      },
    ]);
  }
  const token = randomToken();
  await db.transaction(async (tx) => {
    await repo.insertMachineToken(tx, {
      tokenHash: sha256(token),
      machineClientId: client.id,
      municipalityId: client.municipalityId,
      scopes: requested,
      expiresAt: new Date(Date.now() + MACHINE_TOKEN_TTL_SECONDS * 1000),
    });
    await recordAudit(
      tx,
      {
        actor: {
          type: 'machine',
          machineClientId: client.id,
          clientId: client.clientId,
          kind: client.kind,
          municipalityId: client.municipalityId,
          scopes: requested,
        },
        municipalityId: client.municipalityId,
        requestId,
      },
      { action: 'auth.machine_token', purpose: PURPOSES.machineAccess, details: { scopes: requested } },
    );
  });
  return {
    access_token: token,
    token_type: 'Bearer' as const,
    expires_in: MACHINE_TOKEN_TTL_SECONDS,
    scope: requested.join(' '),
  };
}

export async function resolveMachineToken(db: Orm, token: string): Promise<MachineActor | null> {
  const row = await repo.findMachineToken(db, sha256(token), new Date());
  if (!row) return null;
  return {
    type: 'machine',
    machineClientId: row.client.id,
    clientId: row.client.clientId,
    kind: row.client.kind,
    municipalityId: row.token.municipalityId,
    scopes: row.token.scopes,
  };
}
