import { and, asc, type Column, eq, inArray, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import { addresses, memberships, municipalities, teamMembers, teams, wijken } from '../../db/schema.ts';
import type { NameKey } from '../../http/cursor.ts';

// Every function takes the municipality id and filters on it: a row of another municipality is never found.

export type MunicipalityRow = typeof municipalities.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;
export type WijkRow = typeof wijken.$inferSelect;
export type TeamWithMembers = TeamRow & { memberIds: string[] };

export async function findMunicipality(
  tx: Orm,
  municipalityId: string,
): Promise<MunicipalityRow | undefined> {
  const [row] = await tx.select().from(municipalities).where(eq(municipalities.id, municipalityId)).limit(1);
  return row;
}

export async function updateMunicipality(
  tx: Orm,
  municipalityId: string,
  patch: { inhabitants?: number; settings?: Record<string, unknown> },
): Promise<MunicipalityRow | undefined> {
  const [row] = await tx
    .update(municipalities)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(municipalities.id, municipalityId))
    .returning();
  return row;
}

/** Keyset condition: rows after the cursor in (name, id) order. */
function afterName(nameColumn: Column, idColumn: Column, after?: NameKey) {
  return after ? sql`(${nameColumn}, ${idColumn}) > (${after.name}, ${after.id}::uuid)` : undefined;
}

/** Member ids per team, limited to users who are still members of the municipality. */
async function memberIdsOf(
  tx: Orm,
  municipalityId: string,
  teamIds: string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return result;
  const rows = await tx
    .selectDistinct({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, teamMembers.userId), eq(memberships.municipalityId, municipalityId)),
    )
    .where(inArray(teamMembers.teamId, teamIds))
    .orderBy(teamMembers.teamId, teamMembers.userId);
  for (const r of rows) result.get(r.teamId)?.push(r.userId);
  return result;
}

async function withMembers(tx: Orm, municipalityId: string, rows: TeamRow[]): Promise<TeamWithMembers[]> {
  const members = await memberIdsOf(
    tx,
    municipalityId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, memberIds: members.get(r.id) ?? [] }));
}

export async function listTeams(
  tx: Orm,
  municipalityId: string,
  page: { after?: NameKey; limit: number },
): Promise<TeamWithMembers[]> {
  const rows = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.municipalityId, municipalityId), afterName(teams.name, teams.id, page.after)))
    .orderBy(asc(teams.name), asc(teams.id))
    .limit(page.limit);
  return withMembers(tx, municipalityId, rows);
}

export async function findTeam(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<TeamWithMembers | undefined> {
  const [row] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.municipalityId, municipalityId), eq(teams.id, id)))
    .limit(1);
  return row ? (await withMembers(tx, municipalityId, [row]))[0] : undefined;
}

export async function findTeamByName(
  tx: Orm,
  municipalityId: string,
  name: string,
): Promise<TeamRow | undefined> {
  const [row] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.municipalityId, municipalityId), eq(teams.name, name)))
    .limit(1);
  return row;
}

export async function insertTeam(
  tx: Orm,
  values: { municipalityId: string; name: string; description: string },
): Promise<TeamRow> {
  const [row] = await tx.insert(teams).values(values).returning();
  if (!row) throw new Error('team insert returned nothing');
  return row;
}

export async function updateTeam(
  tx: Orm,
  municipalityId: string,
  id: string,
  patch: { name?: string; description?: string },
): Promise<void> {
  await tx
    .update(teams)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(teams.municipalityId, municipalityId), eq(teams.id, id)));
}

export async function deleteTeam(tx: Orm, municipalityId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(teams)
    .where(and(eq(teams.municipalityId, municipalityId), eq(teams.id, id)))
    .returning({ id: teams.id });
  return rows.length > 0;
}

/** Replaces the member list of a team (the caller checked that the team belongs to the municipality). */
export async function replaceTeamMembers(tx: Orm, teamId: string, userIds: readonly string[]): Promise<void> {
  await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
  if (userIds.length > 0) await tx.insert(teamMembers).values(userIds.map((userId) => ({ teamId, userId })));
}

/** Which of the given user ids have a membership (any role) in the municipality. */
export async function findMemberUserIds(
  tx: Orm,
  municipalityId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.municipalityId, municipalityId), inArray(memberships.userId, [...userIds])));
  return new Set(rows.map((r) => r.userId));
}

export async function listWijken(
  tx: Orm,
  municipalityId: string,
  page: { after?: NameKey; limit: number },
): Promise<WijkRow[]> {
  return tx
    .select()
    .from(wijken)
    .where(and(eq(wijken.municipalityId, municipalityId), afterName(wijken.name, wijken.id, page.after)))
    .orderBy(asc(wijken.name), asc(wijken.id))
    .limit(page.limit);
}

export async function findWijk(tx: Orm, municipalityId: string, id: string): Promise<WijkRow | undefined> {
  const [row] = await tx
    .select()
    .from(wijken)
    .where(and(eq(wijken.municipalityId, municipalityId), eq(wijken.id, id)))
    .limit(1);
  return row;
}

export async function findWijkByCode(
  tx: Orm,
  municipalityId: string,
  code: string,
): Promise<WijkRow | undefined> {
  const [row] = await tx
    .select()
    .from(wijken)
    .where(and(eq(wijken.municipalityId, municipalityId), eq(wijken.code, code)))
    .limit(1);
  return row;
}

export async function insertWijk(
  tx: Orm,
  values: { municipalityId: string; code: string; name: string; teamId: string | null },
): Promise<WijkRow> {
  const [row] = await tx.insert(wijken).values(values).returning();
  if (!row) throw new Error('wijk insert returned nothing');
  return row;
}

export async function updateWijk(
  tx: Orm,
  municipalityId: string,
  id: string,
  patch: { code?: string; name?: string; teamId?: string | null },
): Promise<WijkRow | undefined> {
  const [row] = await tx
    .update(wijken)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(wijken.municipalityId, municipalityId), eq(wijken.id, id)))
    .returning();
  return row;
}

export async function deleteWijk(tx: Orm, municipalityId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(wijken)
    .where(and(eq(wijken.municipalityId, municipalityId), eq(wijken.id, id)))
    .returning({ id: wijken.id });
  return rows.length > 0;
}

export async function countAddressesInWijk(tx: Orm, municipalityId: string, wijkId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(addresses)
    .where(and(eq(addresses.municipalityId, municipalityId), eq(addresses.wijkId, wijkId)));
  return row?.n ?? 0;
}
