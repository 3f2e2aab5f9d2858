import { and, asc, eq, exists, inArray, ne, sql } from 'drizzle-orm';
import type { StaffRole } from '../../../shared/roles.ts';
import type { Orm } from '../../db/client.ts';
import { memberships, sessions, users } from '../../db/schema.ts';
import type { NameKey } from '../../http/cursor.ts';

export type UserRow = typeof users.$inferSelect;

/** The user has at least one role in the municipality. */
function memberOf(municipalityId: string) {
  return exists(
    sql`(select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.municipalityId} = ${municipalityId})`,
  );
}

/** Users with a role in the municipality, by display name then id. */
export async function listUsersOfMunicipality(
  tx: Orm,
  municipalityId: string,
  page: { after?: NameKey; limit: number },
): Promise<UserRow[]> {
  const after = page.after
    ? sql`(${users.displayName}, ${users.id}) > (${page.after.name}, ${page.after.id}::uuid)`
    : undefined;
  return tx
    .select()
    .from(users)
    .where(and(memberOf(municipalityId), after))
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(page.limit);
}

export async function findUserInMunicipality(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<UserRow | undefined> {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), memberOf(municipalityId)))
    .limit(1);
  return row;
}

/** By e-mail address, case-insensitively, in any region (e-mail addresses are unique across the install). */
export async function findUserByEmail(tx: Orm, email: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return row;
}

/** Roles per user in one municipality. */
export async function findRoles(
  tx: Orm,
  municipalityId: string,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.municipalityId, municipalityId), inArray(memberships.userId, [...userIds])));
  for (const r of rows) result.get(r.userId)?.push(r.role);
  return result;
}

export async function insertUser(
  tx: Orm,
  values: { regionId: string; email: string; displayName: string; passwordHash: string | null },
): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  if (!row) throw new Error('user insert returned nothing');
  return row;
}

export async function updateUser(
  tx: Orm,
  id: string,
  patch: { displayName?: string; isActive?: boolean },
): Promise<void> {
  await tx
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, id));
}

/** Replaces the user's roles in one municipality; memberships elsewhere are not touched. */
export async function replaceRoles(
  tx: Orm,
  userId: string,
  municipalityId: string,
  roles: readonly StaffRole[],
): Promise<void> {
  await tx
    .delete(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.municipalityId, municipalityId)));
  if (roles.length > 0) {
    await tx.insert(memberships).values(roles.map((role) => ({ userId, municipalityId, role })));
  }
}

export async function deleteSessionsOfUser(tx: Orm, userId: string): Promise<number> {
  const rows = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return rows.length;
}

/** How many other municipalities the user holds a role in. */
export async function countOtherMunicipalities(
  tx: Orm,
  userId: string,
  municipalityId: string,
): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(DISTINCT ${memberships.municipalityId})::int` })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), ne(memberships.municipalityId, municipalityId)));
  return row?.n ?? 0;
}
