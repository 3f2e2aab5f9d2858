import { and, eq, lt, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import { preparedName } from '../../db/named.ts';
import {
  machineClients,
  machineTokens,
  memberships,
  municipalities,
  sessions,
  users,
} from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByEmail(tx: Orm, email: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return row;
}

export async function findUserById(tx: Orm, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findUserByOidcSubject(tx: Orm, subject: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
  return row;
}

export async function updateUserAuthState(
  tx: Orm,
  id: string,
  patch: Partial<
    Pick<
      UserRow,
      'failedLogins' | 'lockedUntil' | 'lastLoginAt' | 'totpSecretEnc' | 'totpEnabledAt' | 'oidcSubject'
    >
  >,
): Promise<void> {
  await tx
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, id));
}

export type MembershipView = {
  municipalityId: string;
  name: string;
  cbsCode: string;
  role: string;
  theme: string;
};

export async function findMembershipsOfUser(tx: Orm, userId: string): Promise<MembershipView[]> {
  return tx
    .select({
      municipalityId: memberships.municipalityId,
      name: municipalities.name,
      cbsCode: municipalities.cbsCode,
      role: memberships.role,
      theme: sql<string>`coalesce(${municipalities.settings}->>'theme', 'voorbeeld-theme')`,
    })
    .from(memberships)
    .innerJoin(municipalities, eq(municipalities.id, memberships.municipalityId))
    .where(eq(memberships.userId, userId))
    .orderBy(municipalities.name, memberships.role);
}

export async function insertSession(tx: Orm, row: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(row);
}

/** What every signed-in request needs: the session, its user and the user's roles in the active municipality. */
export type SessionForRequest = {
  session: SessionRow;
  user: Pick<UserRow, 'id' | 'regionId' | 'displayName' | 'email' | 'preferredLanguage' | 'isActive'>;
  /** Sorted; empty when there is no active municipality or no membership in it any more. */
  roles: string[];
};

// Every signed-in request runs this statement: as a named statement (DATABASE_NAMED_STATEMENTS, off behind a pooler
// in transaction mode) each pooled connection parses and plans it once.
function prepareSessionForRequest(tx: Orm) {
  const query = tx
    .select({
      session: sessions,
      user: {
        id: users.id,
        regionId: users.regionId,
        displayName: users.displayName,
        email: users.email,
        preferredLanguage: users.preferredLanguage,
        isActive: users.isActive,
      },
      roles: sql<string[]>`coalesce((SELECT array_agg(m.role ORDER BY m.role) FROM memberships m
        WHERE m.user_id = ${sessions.userId} AND m.municipality_id = ${sessions.activeMunicipalityId}), '{}')`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1);
  return query.prepare(preparedName(query));
}

const sessionForRequestQueries = new WeakMap<Orm, ReturnType<typeof prepareSessionForRequest>>();

/**
 * One statement per request instead of one for the session and one for the memberships: the roles come from a
 * subquery on the memberships primary key (user, municipality, role), read at every request so that a role taken
 * away counts at once. Built once per database handle: drizzle otherwise builds the SQL text anew for every
 * request (0.1 to 0.15 ms of the event loop each time).
 */
export async function findSessionForRequest(tx: Orm, id: string): Promise<SessionForRequest | undefined> {
  let query = sessionForRequestQueries.get(tx);
  if (!query) {
    query = prepareSessionForRequest(tx);
    sessionForRequestQueries.set(tx, query);
  }
  const [row] = await query.execute({ id });
  return row;
}

export async function updateSession(
  tx: Orm,
  id: string,
  patch: Partial<Pick<SessionRow, 'mfaState' | 'activeMunicipalityId' | 'lastSeenAt' | 'csrfToken'>>,
): Promise<void> {
  await tx.update(sessions).set(patch).where(eq(sessions.id, id));
}

export async function deleteSession(tx: Orm, id: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(tx: Orm, userId: string): Promise<number> {
  const rows = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return rows.length;
}

export async function deleteExpiredSessions(tx: Orm, now: Date, idleCutoff: Date): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(sql`${sessions.expiresAt} < ${now} OR ${sessions.lastSeenAt} < ${idleCutoff}`)
    .returning({ id: sessions.id });
  return rows.length;
}

export async function findMachineClient(tx: Orm, clientId: string) {
  const [row] = await tx.select().from(machineClients).where(eq(machineClients.clientId, clientId)).limit(1);
  return row;
}

export async function insertMachineToken(tx: Orm, row: typeof machineTokens.$inferInsert): Promise<void> {
  await tx.insert(machineTokens).values(row);
}

export async function findMachineToken(tx: Orm, tokenHash: string, now: Date) {
  const [row] = await tx
    .select({ token: machineTokens, client: machineClients })
    .from(machineTokens)
    .innerJoin(machineClients, eq(machineClients.id, machineTokens.machineClientId))
    .where(and(eq(machineTokens.tokenHash, tokenHash)))
    .limit(1);
  if (!row || row.token.expiresAt < now || !row.client.isActive) return undefined;
  return row;
}

export async function deleteExpiredMachineTokens(tx: Orm, now: Date): Promise<void> {
  await tx.delete(machineTokens).where(lt(machineTokens.expiresAt, now));
}
