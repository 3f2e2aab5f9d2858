import type { Orm } from '../../db/client.ts';
import type { UserContext } from '../../http/context.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { canSearchPersons, canSeeBsn, canViewPerson } from './policy.ts';
import { presentAddress, presentPerson } from './presenter.ts';
import * as repo from './repository.ts';

type Ctx = UserContext;

// Volunteer matching does not exist yet; see policy.ts.
const NO_MATCHES: ReadonlySet<string> = new Set();

export async function searchPersons(
  db: Orm,
  ctx: Ctx,
  query: { bsn?: string; postcode?: string; huisnummer?: number },
) {
  if (!canSearchPersons(ctx.actor)) throw problems.forbidden();
  return db.transaction(async (tx) => {
    const rows = query.bsn
      ? await repo.findPersonsByBsn(tx, ctx.municipalityId, query.bsn)
      : await repo.findPersonsAtAddress(tx, ctx.municipalityId, query.postcode ?? '', query.huisnummer ?? 0);
    await recordAudit(tx, ctx, {
      action: 'persons.search',
      purpose: PURPOSES.brpLookup,
      subjectType: 'person',
      subjectIds: rows.map((r) => r.person.id),
      details: { by: query.bsn ? 'bsn' : 'address', results: rows.length },
    });
    return rows.map((r) => presentPerson(r, { withBsn: canSeeBsn(ctx.actor) }));
  });
}

export async function getPerson(db: Orm, ctx: Ctx, id: string) {
  return db.transaction(async (tx) => {
    const row = await repo.findPersonById(tx, ctx.municipalityId, id);
    if (!row || !canViewPerson(ctx.actor, NO_MATCHES, row.person.householdId)) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'persons.read',
      purpose: PURPOSES.brpLookup,
      subjectType: 'person',
      subjectIds: [row.person.id],
    });
    return presentPerson(row, { withBsn: canSeeBsn(ctx.actor) });
  });
}

export async function getHousehold(db: Orm, ctx: Ctx, id: string) {
  return db.transaction(async (tx) => {
    const found = await repo.findHousehold(tx, ctx.municipalityId, id);
    if (!found || !canViewPerson(ctx.actor, NO_MATCHES, found.household.id)) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'households.read',
      purpose: PURPOSES.brpLookup,
      subjectType: 'household',
      subjectIds: [found.household.id, ...found.members.map((m) => m.person.id)],
    });
    const withBsn = canSeeBsn(ctx.actor);
    return {
      id: found.household.id,
      address: presentAddress(found.address),
      members: found.members.map((m) => presentPerson(m, { withBsn })),
    };
  });
}
