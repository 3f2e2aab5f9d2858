import { and, asc, type Column, eq, ne, sql } from 'drizzle-orm';
import type { WorkQueueKind } from '../../../shared/schemas/queues.ts';
import type { Orm } from '../../db/client.ts';
import { municipalities, teams, wijken, wijkPostcodeRanges, workQueues } from '../../db/schema.ts';
import type { NameKey } from '../../http/cursor.ts';
import type { Range, RoutedRange, TakenRange } from './policy.ts';

// Every function takes the municipality id and filters on it: a row of another municipality is never found.

export type WorkQueueRow = typeof workQueues.$inferSelect;

type Page = { after?: NameKey; limit: number };

/** Keyset condition: rows after the cursor in (name, id) order. */
function afterName(nameColumn: Column, idColumn: Column, after?: NameKey) {
  return after ? sql`(${nameColumn}, ${idColumn}) > (${after.name}, ${after.id}::uuid)` : undefined;
}

// --- Work queues -------------------------------------------------------------------------------------------

export async function listWorkQueues(tx: Orm, municipalityId: string, page: Page): Promise<WorkQueueRow[]> {
  return tx
    .select()
    .from(workQueues)
    .where(
      and(
        eq(workQueues.municipalityId, municipalityId),
        afterName(workQueues.name, workQueues.id, page.after),
      ),
    )
    .orderBy(asc(workQueues.name), asc(workQueues.id))
    .limit(page.limit);
}

export async function findWorkQueue(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<WorkQueueRow | undefined> {
  const [row] = await tx
    .select()
    .from(workQueues)
    .where(and(eq(workQueues.municipalityId, municipalityId), eq(workQueues.id, id)))
    .limit(1);
  return row;
}

export async function findWorkQueueByName(
  tx: Orm,
  municipalityId: string,
  name: string,
): Promise<WorkQueueRow | undefined> {
  const [row] = await tx
    .select()
    .from(workQueues)
    .where(and(eq(workQueues.municipalityId, municipalityId), eq(workQueues.name, name)))
    .limit(1);
  return row;
}

export async function insertWorkQueue(
  tx: Orm,
  values: {
    municipalityId: string;
    name: string;
    kind: WorkQueueKind;
    teamId: string | null;
    targetWorkingDays: number;
  },
): Promise<WorkQueueRow> {
  const [row] = await tx.insert(workQueues).values(values).returning();
  if (!row) throw new Error('work queue insert returned nothing');
  return row;
}

export async function updateWorkQueue(
  tx: Orm,
  municipalityId: string,
  id: string,
  patch: { name?: string; kind?: WorkQueueKind; teamId?: string | null; targetWorkingDays?: number },
): Promise<WorkQueueRow | undefined> {
  const [row] = await tx
    .update(workQueues)
    .set(patch)
    .where(and(eq(workQueues.municipalityId, municipalityId), eq(workQueues.id, id)))
    .returning();
  return row;
}

export async function teamExists(tx: Orm, municipalityId: string, teamId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.municipalityId, municipalityId), eq(teams.id, teamId)))
    .limit(1);
  return row !== undefined;
}

// --- Wijk postcode ranges ----------------------------------------------------------------------------------

export async function findWijk(
  tx: Orm,
  municipalityId: string,
  id: string,
): Promise<{ id: string; code: string; name: string; teamId: string | null } | undefined> {
  const [row] = await tx
    .select({ id: wijken.id, code: wijken.code, name: wijken.name, teamId: wijken.teamId })
    .from(wijken)
    .where(and(eq(wijken.municipalityId, municipalityId), eq(wijken.id, id)))
    .limit(1);
  return row;
}

/**
 * Serialises changes to the postcode map of one municipality, so two wijken edited at the same time cannot both
 * pass the overlap check. NO KEY UPDATE does not block inserts that merely refer to the municipality.
 */
export async function lockPostcodeMap(tx: Orm, municipalityId: string): Promise<void> {
  await tx
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId))
    .for('no key update');
}

const fromC = sql`${wijkPostcodeRanges.postcodeFrom} COLLATE "C"`;

export async function listRangesOfWijk(tx: Orm, municipalityId: string, wijkId: string): Promise<Range[]> {
  return tx
    .select({ from: wijkPostcodeRanges.postcodeFrom, to: wijkPostcodeRanges.postcodeTo })
    .from(wijkPostcodeRanges)
    .where(and(eq(wijkPostcodeRanges.municipalityId, municipalityId), eq(wijkPostcodeRanges.wijkId, wijkId)))
    .orderBy(sql`length(${wijkPostcodeRanges.postcodeFrom})`, fromC, asc(wijkPostcodeRanges.postcodeTo));
}

/** The ranges of every other wijk of the municipality, with the wijk's code and name for error messages. */
export async function listRangesOfOtherWijken(
  tx: Orm,
  municipalityId: string,
  wijkId: string,
): Promise<TakenRange[]> {
  return tx
    .select({
      from: wijkPostcodeRanges.postcodeFrom,
      to: wijkPostcodeRanges.postcodeTo,
      wijkId: wijkPostcodeRanges.wijkId,
      wijkCode: wijken.code,
      wijkName: wijken.name,
    })
    .from(wijkPostcodeRanges)
    .innerJoin(
      wijken,
      and(
        eq(wijken.id, wijkPostcodeRanges.wijkId),
        eq(wijken.municipalityId, wijkPostcodeRanges.municipalityId),
      ),
    )
    .where(and(eq(wijkPostcodeRanges.municipalityId, municipalityId), ne(wijkPostcodeRanges.wijkId, wijkId)))
    .orderBy(wijken.code, fromC);
}

export async function replaceRangesOfWijk(
  tx: Orm,
  municipalityId: string,
  wijkId: string,
  ranges: readonly Range[],
): Promise<void> {
  await tx
    .delete(wijkPostcodeRanges)
    .where(and(eq(wijkPostcodeRanges.municipalityId, municipalityId), eq(wijkPostcodeRanges.wijkId, wijkId)));
  if (ranges.length === 0) return;
  await tx
    .insert(wijkPostcodeRanges)
    .values(ranges.map((r) => ({ municipalityId, wijkId, postcodeFrom: r.from, postcodeTo: r.to })));
}

/** Every range of the municipality with the team of its wijk, for looking up many postcodes in memory. */
export async function listRoutedRanges(tx: Orm, municipalityId: string): Promise<RoutedRange[]> {
  return tx
    .select({
      id: wijkPostcodeRanges.id,
      from: wijkPostcodeRanges.postcodeFrom,
      to: wijkPostcodeRanges.postcodeTo,
      wijkId: wijkPostcodeRanges.wijkId,
      teamId: wijken.teamId,
    })
    .from(wijkPostcodeRanges)
    .innerJoin(
      wijken,
      and(
        eq(wijken.id, wijkPostcodeRanges.wijkId),
        eq(wijken.municipalityId, wijkPostcodeRanges.municipalityId),
      ),
    )
    .where(eq(wijkPostcodeRanges.municipalityId, municipalityId));
}

/**
 * The wijk of one postcode: a containing PC6 range first, else a PC4 range on the four digits; among several,
 * the greatest `from` (the same order as PostcodeMap). Compared bytewise (COLLATE "C"), whatever the database
 * collation.
 */
export async function findWijkForPostcode(
  tx: Orm,
  municipalityId: string,
  postcode: { pc6: string | null; pc4: string },
): Promise<{ wijkId: string; teamId: string | null } | undefined> {
  const from = wijkPostcodeRanges.postcodeFrom;
  const to = wijkPostcodeRanges.postcodeTo;
  const pc6 = postcode.pc6
    ? sql`(length(${from}) = 6 AND ${from} COLLATE "C" <= ${postcode.pc6} AND ${to} COLLATE "C" >= ${postcode.pc6})`
    : sql`false`;
  const pc4 = sql`(length(${from}) = 4 AND ${from} COLLATE "C" <= ${postcode.pc4} AND ${to} COLLATE "C" >= ${postcode.pc4})`;
  const [row] = await tx
    .select({ wijkId: wijkPostcodeRanges.wijkId, teamId: wijken.teamId })
    .from(wijkPostcodeRanges)
    .innerJoin(
      wijken,
      and(
        eq(wijken.id, wijkPostcodeRanges.wijkId),
        eq(wijken.municipalityId, wijkPostcodeRanges.municipalityId),
      ),
    )
    .where(and(eq(wijkPostcodeRanges.municipalityId, municipalityId), sql`(${pc6} OR ${pc4})`))
    .orderBy(sql`length(${from}) DESC`, sql`${from} COLLATE "C" DESC`, sql`${wijkPostcodeRanges.id} DESC`)
    .limit(1);
  return row;
}
