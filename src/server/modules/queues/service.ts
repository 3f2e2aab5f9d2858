import { and, eq } from 'drizzle-orm';
import type { InvalidParam } from '../../../shared/problem.ts';
import type { WorkQueueCreate, WorkQueuePatch } from '../../../shared/schemas/queues.ts';
import { RuleSetDefinitionSchema, referencedQueues } from '../../../shared/schemas/rules.ts';
import type { Orm } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ruleSets } from '../../db/schema.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { NameKey } from '../../http/cursor.ts';
import { ProblemError, problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { overlapProblems, PostcodeMap, parsePostcode, type Range, rangeProblems } from './policy.ts';
import * as repo from './repository.ts';

// Every use case works on ctx.municipalityId only. A resource of another municipality answers 404, exactly like
// one that does not exist, so ids cannot be used to probe other tenants.

type Page = { after?: NameKey; limit: number };

const duplicateQueue = () =>
  problems.conflict('A werkbakje with this name already exists in this municipality.');

/** Turns a unique violation that slipped past the pre-check (a concurrent request) into the same 409. */
async function mapUnique<T>(work: Promise<T>, conflict: () => Error): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------
// For the intake pipeline

/** Where a postcode is handled: its wijk and the wijk's team (null when the wijk has no team). */
export type WijkRoute = { wijkId: string; teamId: string | null };

/**
 * The wijk of a postcode (`1234AB`, `1234 ab` or a bare `1234`) by the municipality's postcode map: a PC6 range
 * wins over a PC4 range; PC4 ranges compare on the four digits. null when no range holds it or it is no postcode.
 */
export async function findWijkForPostcode(
  db: Orm,
  municipalityId: string,
  postcode: string,
): Promise<WijkRoute | null> {
  const parsed = parsePostcode(postcode);
  if (!parsed) return null;
  return (await repo.findWijkForPostcode(db, municipalityId, parsed)) ?? null;
}

/**
 * The same for many postcodes with one query: the map of the municipality is read once and searched in memory.
 * Keys are the postcodes exactly as given; postcodes without a wijk are absent from the map.
 */
export async function findWijkenForPostcodes(
  db: Orm,
  municipalityId: string,
  postcodes: readonly string[],
): Promise<Map<string, WijkRoute>> {
  const result = new Map<string, WijkRoute>();
  if (postcodes.length === 0) return result;
  const map = new PostcodeMap(await repo.listRoutedRanges(db, municipalityId));
  for (const postcode of new Set(postcodes)) {
    const hit = map.lookup(postcode);
    if (hit) result.set(postcode, { wijkId: hit.wijkId, teamId: hit.teamId });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Work queues (werkbakjes)

export async function listWorkQueues(db: Orm, ctx: ServiceContext, page: Page) {
  return repo.listWorkQueues(db, ctx.municipalityId, page);
}

async function checkTeam(tx: Orm, ctx: ServiceContext, teamId: string | null | undefined): Promise<void> {
  if (!teamId || (await repo.teamExists(tx, ctx.municipalityId, teamId))) return;
  // The same answer for a team of another municipality and a team that does not exist.
  throw problems.badRequest('The werkbakje does not fit this municipality.', [
    { name: 'body.teamId', code: 'unknown_team', reason: 'Not a team of this municipality' },
  ]);
}

export async function createWorkQueue(db: Orm, ctx: ServiceContext, input: WorkQueueCreate) {
  const work = db.transaction(async (tx) => {
    await checkTeam(tx, ctx, input.teamId);
    if (await repo.findWorkQueueByName(tx, ctx.municipalityId, input.name)) throw duplicateQueue();
    const row = await repo.insertWorkQueue(tx, {
      municipalityId: ctx.municipalityId,
      name: input.name,
      kind: input.kind ?? 'regulier',
      teamId: input.teamId ?? null,
      targetWorkingDays: input.targetWorkingDays ?? 10,
    });
    await recordAudit(tx, ctx, {
      action: 'work_queue.create',
      purpose: PURPOSES.administration,
      subjectType: 'work_queue',
      subjectIds: [row.id],
      details: {
        name: row.name,
        kind: row.kind,
        teamId: row.teamId,
        targetWorkingDays: row.targetWorkingDays,
      },
    });
    return row;
  });
  return mapUnique(work, duplicateQueue);
}

export async function updateWorkQueue(db: Orm, ctx: ServiceContext, id: string, patch: WorkQueuePatch) {
  const work = db.transaction(async (tx) => {
    const current = await repo.findWorkQueue(tx, ctx.municipalityId, id);
    if (!current) throw problems.notFound();
    await checkTeam(tx, ctx, patch.teamId);
    if (patch.name !== undefined && patch.name !== current.name) {
      if (await repo.findWorkQueueByName(tx, ctx.municipalityId, patch.name)) throw duplicateQueue();
      // The afwegingskader names its werkbakjes; renaming one it uses would silently stop routing to it.
      const [active] = await tx
        .select({ definition: ruleSets.definition })
        .from(ruleSets)
        .where(and(eq(ruleSets.municipalityId, ctx.municipalityId), eq(ruleSets.isActive, true)));
      const parsed = RuleSetDefinitionSchema.safeParse(active?.definition);
      if (parsed.success && referencedQueues(parsed.data).includes(current.name)) {
        throw problems.conflict(
          `The active afwegingskader routes meldingen to "${current.name}". Change the rules first, then rename it.`,
        );
      }
    }
    const row =
      Object.keys(patch).length > 0 ? await repo.updateWorkQueue(tx, ctx.municipalityId, id, patch) : current;
    if (!row) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'work_queue.update',
      purpose: PURPOSES.administration,
      subjectType: 'work_queue',
      subjectIds: [id],
      details: { fields: Object.keys(patch) },
    });
    return row;
  });
  return mapUnique(work, duplicateQueue);
}

// ---------------------------------------------------------------------------------------------------------
// Wijk postcode ranges

export async function getWijkPostcodeRanges(db: Orm, ctx: ServiceContext, wijkId: string) {
  const wijk = await repo.findWijk(db, ctx.municipalityId, wijkId);
  if (!wijk) throw problems.notFound();
  return { wijkId, ranges: await repo.listRangesOfWijk(db, ctx.municipalityId, wijkId) };
}

/**
 * Replaces the postcode ranges of a wijk. Ranges are checked on their own and against each other (400), then
 * against the other wijken of the municipality (409, naming each collision): no postcode may fall in two wijken
 * at the same precedence. A PC6 range inside a PC4 range of another wijk is allowed: it is the exception.
 */
export async function replaceWijkPostcodeRanges(
  db: Orm,
  ctx: ServiceContext,
  wijkId: string,
  ranges: readonly Range[],
) {
  return db.transaction(async (tx) => {
    if (!(await repo.findWijk(tx, ctx.municipalityId, wijkId))) throw problems.notFound();
    const invalid: InvalidParam[] = rangeProblems(ranges);
    if (invalid.length > 0) throw problems.badRequest('The postcode ranges are not valid.', invalid);
    await repo.lockPostcodeMap(tx, ctx.municipalityId);
    const overlaps = overlapProblems(
      ranges,
      await repo.listRangesOfOtherWijken(tx, ctx.municipalityId, wijkId),
    );
    if (overlaps.length > 0) {
      throw new ProblemError(
        409,
        'conflict',
        'Conflict',
        'Some postcode ranges overlap ranges of other wijken.',
        overlaps,
      );
    }
    const previous = await repo.listRangesOfWijk(tx, ctx.municipalityId, wijkId);
    await repo.replaceRangesOfWijk(tx, ctx.municipalityId, wijkId, ranges);
    await recordAudit(tx, ctx, {
      action: 'wijk.postcode_ranges_replace',
      purpose: PURPOSES.administration,
      subjectType: 'wijk',
      subjectIds: [wijkId],
      details: { count: ranges.length, previousCount: previous.length },
    });
    return { wijkId, ranges: await repo.listRangesOfWijk(tx, ctx.municipalityId, wijkId) };
  });
}
