// Feedback to signalling partners: the partner's machine client pages through its own signals' feedback by
// change time; staff see (and download as CSV) the feedback of one partner, exactly as that partner sees it.
import type { z } from 'zod';
import type { TerugmeldingenQuery } from '../../../../shared/schemas/terugmeldingen.ts';
import type { Orm } from '../../../db/client.ts';
import type { MachineActor, ServiceContext, UserContext } from '../../../http/context.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../../http/cursor.ts';
import { problems } from '../../../http/problem.ts';
import { PURPOSES, recordAudit } from '../../audit/service.ts';
import { presentFeedback } from './presenter.ts';
import * as repo from './repository.ts';

type Query = z.output<typeof TerugmeldingenQuery>;

/** The most rows one CSV download holds; a partner with more uses the API with its cursor. */
export const EXPORT_MAX_ROWS = 100_000;

function afterOf(cursor: string | undefined) {
  const key = decodeKeyCursor(cursor, 2);
  if (!key) return undefined;
  const [changedAt, id] = key;
  if (typeof changedAt !== 'string' || Number.isNaN(Date.parse(changedAt))) {
    throw problems.badRequest('Invalid cursor.', [
      { name: 'query.cursor', code: 'invalid', reason: 'Use the nextCursor of a previous page' },
    ]);
  }
  return { changedAt, id: String(id) };
}

async function page(tx: Orm, ctx: ServiceContext, partnerId: string, q: Query) {
  const rows = await repo.listFeedback(tx, ctx.municipalityId, partnerId, {
    after: afterOf(q.cursor),
    since: q.changedSince,
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentFeedback),
    nextCursor: rows.length > q.limit && last ? encodeKeyCursor([last.changed_at, last.id]) : null,
  };
}

/** GET /terugmeldingen: the calling partner's own signals only; its client is bound to one partner. */
export async function listFeedbackForClient(
  db: Orm,
  ctx: ServiceContext & { actor: MachineActor },
  q: Query,
) {
  return db.transaction(async (tx) => {
    const partnerId = await repo.partnerOfClient(tx, ctx.municipalityId, ctx.actor.machineClientId);
    if (!partnerId) throw problems.forbidden('This client does not belong to an active signalling partner.');
    const result = await page(tx, ctx, partnerId, q);
    await recordAudit(tx, ctx, {
      action: 'terugmeldingen.list',
      purpose: PURPOSES.machineAccess,
      subjectType: 'signal_partner',
      subjectIds: [partnerId],
      details: { count: result.items.length },
    });
    return result;
  });
}

/** The feedback of one partner as staff see it (the same facts the partner gets, nothing more). */
export async function listFeedbackOfPartner(db: Orm, ctx: UserContext, partnerId: string, q: Query) {
  return db.transaction(async (tx) => {
    if (!(await repo.partnerExists(tx, ctx.municipalityId, partnerId))) throw problems.notFound();
    const result = await page(tx, ctx, partnerId, q);
    await recordAudit(tx, ctx, {
      action: 'terugmeldingen.partner.list',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'signal_partner',
      subjectIds: [partnerId],
      details: { count: result.items.length },
    });
    return result;
  });
}

/** The CSV download for a partner: everything changed since the given moment (or all), oldest change first. */
export async function exportFeedbackOfPartner(
  db: Orm,
  ctx: UserContext,
  partnerId: string,
  changedSince: string | undefined,
) {
  return db.transaction(async (tx) => {
    if (!(await repo.partnerExists(tx, ctx.municipalityId, partnerId))) throw problems.notFound();
    const rows = await repo.listFeedback(tx, ctx.municipalityId, partnerId, {
      since: changedSince,
      limit: EXPORT_MAX_ROWS,
    });
    await recordAudit(tx, ctx, {
      action: 'terugmeldingen.partner.export',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'signal_partner',
      subjectIds: [partnerId],
      details: { count: rows.length },
    });
    return rows.map(presentFeedback);
  });
}
