import type { InvalidParam } from '../../../shared/problem.ts';
import type {
  MunicipalityPatch,
  TeamCreate,
  TeamPatch,
  WijkCreate,
  WijkPatch,
} from '../../../shared/schemas/organisation.ts';
import type { Orm } from '../../db/client.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.ts';
import type { ServiceContext } from '../../http/context.ts';
import type { NameKey } from '../../http/cursor.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { mergeSettings, wijkCodeProblem } from './policy.ts';
import * as repo from './repository.ts';

// Every use case works on ctx.municipalityId only. A resource of another municipality answers 404, exactly like
// one that does not exist, so ids cannot be used to probe other tenants.

type Page = { after?: NameKey; limit: number };

const duplicateTeam = () => problems.conflict('A team with this name already exists in this municipality.');
const duplicateWijk = () => problems.conflict('A wijk with this code already exists in this municipality.');

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
// Municipality

export async function getMunicipality(db: Orm, ctx: ServiceContext) {
  const row = await repo.findMunicipality(db, ctx.municipalityId);
  if (!row) throw problems.notFound();
  return row;
}

export async function updateMunicipality(db: Orm, ctx: ServiceContext, patch: MunicipalityPatch) {
  return db.transaction(async (tx) => {
    const current = await repo.findMunicipality(tx, ctx.municipalityId);
    if (!current) throw problems.notFound();
    const settings = patch.settings ? mergeSettings(current.settings, patch.settings) : undefined;
    const row = await repo.updateMunicipality(tx, ctx.municipalityId, {
      ...(patch.inhabitants !== undefined ? { inhabitants: patch.inhabitants } : {}),
      ...(settings ? { settings } : {}),
    });
    if (!row) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'municipality.update',
      purpose: PURPOSES.administration,
      subjectType: 'municipality',
      subjectIds: [ctx.municipalityId],
      details: { fields: Object.keys(patch), settings: patch.settings ? Object.keys(patch.settings) : [] },
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Teams

export async function listTeams(db: Orm, ctx: ServiceContext, page: Page) {
  return repo.listTeams(db, ctx.municipalityId, page);
}

export async function getTeam(db: Orm, ctx: ServiceContext, id: string) {
  const team = await repo.findTeam(db, ctx.municipalityId, id);
  if (!team) throw problems.notFound();
  return team;
}

export async function createTeam(db: Orm, ctx: ServiceContext, input: TeamCreate) {
  const work = db.transaction(async (tx) => {
    if (await repo.findTeamByName(tx, ctx.municipalityId, input.name)) throw duplicateTeam();
    const row = await repo.insertTeam(tx, {
      municipalityId: ctx.municipalityId,
      name: input.name,
      description: input.description ?? '',
    });
    await recordAudit(tx, ctx, {
      action: 'team.create',
      purpose: PURPOSES.administration,
      subjectType: 'team',
      subjectIds: [row.id],
      details: { name: row.name },
    });
    return { ...row, memberIds: [] };
  });
  return mapUnique(work, duplicateTeam);
}

export async function updateTeam(db: Orm, ctx: ServiceContext, id: string, patch: TeamPatch) {
  const work = db.transaction(async (tx) => {
    const current = await repo.findTeam(tx, ctx.municipalityId, id);
    if (!current) throw problems.notFound();
    if (patch.name !== undefined && patch.name !== current.name) {
      if (await repo.findTeamByName(tx, ctx.municipalityId, patch.name)) throw duplicateTeam();
    }
    await repo.updateTeam(tx, ctx.municipalityId, id, patch);
    await recordAudit(tx, ctx, {
      action: 'team.update',
      purpose: PURPOSES.administration,
      subjectType: 'team',
      subjectIds: [id],
      details: { fields: Object.keys(patch) },
    });
    const updated = await repo.findTeam(tx, ctx.municipalityId, id);
    if (!updated) throw problems.notFound();
    return updated;
  });
  return mapUnique(work, duplicateTeam);
}

export async function deleteTeam(db: Orm, ctx: ServiceContext, id: string): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      // Members go with the team (ON DELETE CASCADE); wijken of the team keep existing without a team.
      if (!(await repo.deleteTeam(tx, ctx.municipalityId, id))) throw problems.notFound();
      await recordAudit(tx, ctx, {
        action: 'team.delete',
        purpose: PURPOSES.administration,
        subjectType: 'team',
        subjectIds: [id],
      });
    });
  } catch (err) {
    if (isForeignKeyViolation(err))
      throw problems.conflict('The team is still in use and cannot be deleted.');
    throw err;
  }
}

export async function replaceTeamMembers(
  db: Orm,
  ctx: ServiceContext,
  id: string,
  userIds: readonly string[],
) {
  const unique = [...new Set(userIds)];
  return db.transaction(async (tx) => {
    const current = await repo.findTeam(tx, ctx.municipalityId, id);
    if (!current) throw problems.notFound();
    const members = await repo.findMemberUserIds(tx, ctx.municipalityId, unique);
    const invalid: InvalidParam[] = [];
    userIds.forEach((userId, i) => {
      if (!members.has(userId)) {
        // The same answer for a user of another municipality and a user that does not exist.
        invalid.push({
          name: `body.userIds.${i}`,
          code: 'not_a_member',
          reason: 'Not a user of this municipality',
        });
      }
    });
    if (invalid.length > 0)
      throw problems.badRequest('Some users are not members of this municipality.', invalid);
    await repo.replaceTeamMembers(tx, id, unique);
    const before = new Set(current.memberIds);
    const after = new Set(unique);
    await recordAudit(tx, ctx, {
      action: 'team.members_replace',
      purpose: PURPOSES.administration,
      subjectType: 'team',
      subjectIds: [id],
      details: {
        added: unique.filter((u) => !before.has(u)),
        removed: current.memberIds.filter((u) => !after.has(u)),
      },
    });
    const updated = await repo.findTeam(tx, ctx.municipalityId, id);
    if (!updated) throw problems.notFound();
    return updated;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Wijken

export async function listWijken(db: Orm, ctx: ServiceContext, page: Page) {
  return repo.listWijken(db, ctx.municipalityId, page);
}

export async function getWijk(db: Orm, ctx: ServiceContext, id: string) {
  const wijk = await repo.findWijk(db, ctx.municipalityId, id);
  if (!wijk) throw problems.notFound();
  return wijk;
}

/** Checks the wijkcode and team of a new or changed wijk against the active municipality. */
async function checkWijk(tx: Orm, ctx: ServiceContext, input: { code?: string; teamId?: string | null }) {
  const invalid: InvalidParam[] = [];
  if (input.code !== undefined) {
    const municipality = await repo.findMunicipality(tx, ctx.municipalityId);
    if (!municipality) throw problems.notFound();
    const problem = wijkCodeProblem(input.code, municipality.cbsCode);
    if (problem) invalid.push(problem);
  }
  if (input.teamId) {
    const team = await repo.findTeam(tx, ctx.municipalityId, input.teamId);
    if (!team)
      invalid.push({ name: 'body.teamId', code: 'unknown_team', reason: 'Not a team of this municipality' });
  }
  if (invalid.length > 0) throw problems.badRequest('The wijk does not fit this municipality.', invalid);
}

export async function createWijk(db: Orm, ctx: ServiceContext, input: WijkCreate) {
  const work = db.transaction(async (tx) => {
    await checkWijk(tx, ctx, input);
    if (await repo.findWijkByCode(tx, ctx.municipalityId, input.code)) throw duplicateWijk();
    const row = await repo.insertWijk(tx, {
      municipalityId: ctx.municipalityId,
      code: input.code,
      name: input.name,
      teamId: input.teamId ?? null,
    });
    await recordAudit(tx, ctx, {
      action: 'wijk.create',
      purpose: PURPOSES.administration,
      subjectType: 'wijk',
      subjectIds: [row.id],
      details: { code: row.code, teamId: row.teamId },
    });
    return row;
  });
  return mapUnique(work, duplicateWijk);
}

export async function updateWijk(db: Orm, ctx: ServiceContext, id: string, patch: WijkPatch) {
  const work = db.transaction(async (tx) => {
    const current = await repo.findWijk(tx, ctx.municipalityId, id);
    if (!current) throw problems.notFound();
    await checkWijk(tx, ctx, patch);
    if (patch.code !== undefined && patch.code !== current.code) {
      if (await repo.findWijkByCode(tx, ctx.municipalityId, patch.code)) throw duplicateWijk();
    }
    const row = await repo.updateWijk(tx, ctx.municipalityId, id, patch);
    if (!row) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'wijk.update',
      purpose: PURPOSES.administration,
      subjectType: 'wijk',
      subjectIds: [id],
      details: { fields: Object.keys(patch) },
    });
    return row;
  });
  return mapUnique(work, duplicateWijk);
}

export async function deleteWijk(db: Orm, ctx: ServiceContext, id: string): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      if (!(await repo.findWijk(tx, ctx.municipalityId, id))) throw problems.notFound();
      if ((await repo.countAddressesInWijk(tx, ctx.municipalityId, id)) > 0) {
        throw problems.conflict('Addresses lie in this wijk; move them to another wijk first.');
      }
      await repo.deleteWijk(tx, ctx.municipalityId, id);
      await recordAudit(tx, ctx, {
        action: 'wijk.delete',
        purpose: PURPOSES.administration,
        subjectType: 'wijk',
        subjectIds: [id],
      });
    });
  } catch (err) {
    if (isForeignKeyViolation(err))
      throw problems.conflict('The wijk is still in use and cannot be deleted.');
    throw err;
  }
}
