import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { MeldingListQuery, ReferralBody } from '../../../shared/schemas/meldingen.ts';
import type { LegalHoldReason } from '../../../shared/schemas/retention.ts';
import type { ExplanationItem } from '../../../shared/schemas/rules.ts';
import type { SignalInput } from '../../../shared/schemas/signals.ts';
import type { Config } from '../../config.ts';
import type { Database, Orm } from '../../db/client.ts';
import { municipalities, referralSources } from '../../db/schema.ts';
import type { MachineActor, ServiceContext, UserContext } from '../../http/context.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../http/cursor.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { findPartner, findPartnerForMachineClient } from '../partners/service.ts';
import { type IntakeResult, ingestSignals } from './intake/service.ts';
import { presentMeldingSummary, presentSignal } from './meldingen/presenter.ts';
import * as meldingRepo from './meldingen/repository.ts';
import { intakeSignals } from './pipeline/process.ts';
import { pipelineDeps } from './pipeline-deps.ts';

function summarise(results: IntakeResult[]) {
  return {
    accepted: results.filter((r) => r.outcome === 'accepted').length,
    duplicates: results.filter((r) => r.outcome === 'duplicate').length,
    rejected: results.filter((r) => r.outcome === 'rejected').length,
    results: results.map((r) =>
      r.outcome === 'accepted'
        ? { index: r.ref, outcome: r.outcome, id: r.signalId, version: r.version }
        : r.outcome === 'duplicate'
          ? { index: r.ref, outcome: r.outcome, duplicateOf: r.duplicateOf }
          : { index: r.ref, outcome: r.outcome, errors: r.errors },
    ),
  };
}

/** Partner API: a batch from the machine client of one partner, for that partner's municipality only. */
export async function receivePartnerBatch(
  database: Database,
  config: Config,
  actor: MachineActor,
  requestId: string,
  body: { gemeentecode?: string; signalen: unknown[] },
) {
  const db = database.orm;
  const partner = await findPartnerForMachineClient(db, actor.machineClientId);
  if (!partner?.isActive) throw problems.forbidden('This client is not an active signalling partner.');
  if (body.gemeentecode) {
    const [m] = await db
      .select({ cbsCode: municipalities.cbsCode })
      .from(municipalities)
      .where(eq(municipalities.id, partner.municipalityId));
    if (m?.cbsCode !== body.gemeentecode) {
      throw problems.forbidden(
        `There is no agreement with municipality ${body.gemeentecode} for this partner.`,
      );
    }
  }
  const ctx: ServiceContext = { actor, municipalityId: partner.municipalityId, requestId };
  const deps = pipelineDeps(config);
  const results = await db.transaction((tx) =>
    ingestSignals(
      tx,
      ctx,
      { partnerId: partner.id, source: 'api', items: body.signalen.map((raw, ref) => ({ ref, raw })) },
      (t, c, rows) => intakeSignals(t, c, rows, deps),
    ),
  );
  return summarise(results);
}

/** Manual entry by staff, optionally on behalf of a partner (a phone call, a letter). */
export async function enterSignal(
  database: Database,
  config: Config,
  ctx: UserContext,
  body: { partnerId?: string; signal: SignalInput },
) {
  const db = database.orm;
  if (body.partnerId && !(await findPartner(db, ctx.municipalityId, body.partnerId))) {
    throw problems.badRequest('Unknown partner.', [
      { name: 'body.partnerId', code: 'unknown', reason: 'Not a partner of this municipality' },
    ]);
  }
  const deps = pipelineDeps(config);
  const results = await db.transaction((tx) =>
    ingestSignals(
      tx,
      ctx,
      { partnerId: body.partnerId ?? null, source: 'handmatig', items: [{ ref: 0, raw: body.signal }] },
      (t, c, rows) => intakeSignals(t, c, rows, deps),
    ),
  );
  return summarise(results);
}

/** A referral by a colleague or an outside organisation, recorded with the referrer. */
export async function referResident(
  database: Database,
  config: Config,
  ctx: UserContext,
  body: z.output<typeof ReferralBody>,
) {
  const db = database.orm;
  const [source] = await db
    .select()
    .from(referralSources)
    .where(eq(referralSources.id, body.referralSourceId));
  if (!source || source.municipalityId !== ctx.municipalityId || !source.isActive) {
    throw problems.badRequest('Unknown referrer.', [
      { name: 'body.referralSourceId', code: 'unknown', reason: 'Not a referrer of this municipality' },
    ]);
  }
  const deps = pipelineDeps(config);
  const signal: SignalInput = {
    ...body.person,
    amountCents: body.amountCents ?? 0,
    signalDate: deps.today(),
    warmHandover: body.warmHandover,
    remark: body.reason,
  };
  const results = await db.transaction((tx) =>
    ingestSignals(
      tx,
      ctx,
      {
        partnerId: null,
        source: 'verwijzing',
        referralSourceId: source.id,
        referrerName: body.referrerName,
        items: [{ ref: 0, raw: signal }],
      },
      (t, c, rows) => intakeSignals(t, c, rows, deps),
    ),
  );
  return summarise(results);
}

export async function listMeldingen(db: Orm, ctx: UserContext, q: z.output<typeof MeldingListQuery>) {
  const after = decodeKeyCursor(q.cursor, q.sort === 'amount' ? 2 : 3);
  return db.transaction(async (tx) => {
    const rows = await meldingRepo.listMeldingen(tx, {
      municipalityId: ctx.municipalityId,
      status: q.status,
      queueId: q.queueId,
      wijkId: q.wijkId,
      partnerTypes: q.partnerType,
      minAmountCents: q.minAmountCents,
      maxAmountCents: q.maxAmountCents,
      minAge: q.minAge,
      maxAge: q.maxAge,
      flags: q.flags,
      sort: q.sort,
      after,
      limit: q.limit + 1,
    });
    const items = rows.slice(0, q.limit);
    await recordAudit(tx, ctx, {
      action: 'meldingen.list',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'melding',
      subjectIds: items.map((r) => r.melding.id),
    });
    const last = items.at(-1);
    return {
      items: items.map(presentMeldingSummary),
      nextCursor:
        rows.length > q.limit && last ? encodeKeyCursor(meldingRepo.sortKeyOf(q.sort, last.melding)) : null,
    };
  });
}

export async function getMelding(db: Orm, ctx: UserContext, id: string) {
  return db.transaction(async (tx) => {
    const row = await meldingRepo.findMelding(tx, ctx.municipalityId, id);
    if (!row) throw problems.notFound();
    const signalRows = await meldingRepo.signalsOfMelding(tx, ctx.municipalityId, id);
    await recordAudit(tx, ctx, {
      action: 'meldingen.read',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'melding',
      subjectIds: [id, ...signalRows.map((s) => s.signal.id)],
    });
    return {
      ...presentMeldingSummary(row),
      householdId: row.melding.householdId,
      ruleSetId: row.melding.ruleSetId,
      ruleVersion: row.ruleVersion,
      ruleExplanation: row.melding.ruleExplanation as ExplanationItem[],
      signals: signalRows.map(presentSignal),
      legalHold:
        row.melding.legalHoldReason && row.melding.legalHoldSetAt
          ? {
              reason: row.melding.legalHoldReason as LegalHoldReason,
              // To the second, as PUT /bewaarplicht answers it.
              setAt: row.melding.legalHoldSetAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
            }
          : null,
    };
  });
}

export async function getSignal(db: Orm, ctx: UserContext, id: string) {
  return db.transaction(async (tx) => {
    const row = await meldingRepo.signalById(tx, ctx.municipalityId, id);
    if (!row) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'signals.read',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'signal',
      subjectIds: [id],
    });
    return presentSignal(row);
  });
}
