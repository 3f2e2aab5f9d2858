import { and, desc, eq, sql } from 'drizzle-orm';
import { type RuleSetDefinition, referencedQueues, validateRuleSet } from '../../../shared/schemas/rules.ts';
import type { Config } from '../../config.ts';
import type { Orm } from '../../db/client.ts';
import { meldingen, ruleSets } from '../../db/schema.ts';
import { actorId, type UserContext } from '../../http/context.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { ensureRuleSet, meldingFacts, prioritiseMeldingen } from './pipeline/process.ts';
import * as pipelineRepo from './pipeline/repository.ts';
import { pipelineDeps } from './pipeline-deps.ts';
import { previewRuleChange } from './rules/preview.ts';

function parseDefinition(input: unknown): RuleSetDefinition {
  const v = validateRuleSet(input);
  if (!v.ok) {
    throw problems.badRequest(
      'The rule set is not valid.',
      v.errors.map((e) => ({ name: `body.definition.${e.field}`, code: e.code, reason: e.message })),
    );
  }
  return v.value;
}

async function assertQueuesExist(
  tx: Orm,
  municipalityId: string,
  def: RuleSetDefinition,
): Promise<Map<string, string>> {
  const queues = await pipelineRepo.queuesByName(tx, municipalityId);
  const missing = referencedQueues(def).filter((q) => !queues.has(q));
  if (missing.length > 0) {
    throw problems.badRequest(
      'The rule set refers to work queues that do not exist.',
      missing.map((q) => ({
        name: 'body.definition',
        code: 'unknown_queue',
        reason: `Unknown werkbakje: ${q}`,
      })),
    );
  }
  return queues;
}

async function openMeldingIds(tx: Orm, municipalityId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: meldingen.id })
    .from(meldingen)
    .where(and(eq(meldingen.municipalityId, municipalityId), sql`${meldingen.status} <> 'afgesloten'`));
  return rows.map((r) => r.id);
}

export async function getRuleSets(db: Orm, ctx: UserContext) {
  return db.transaction(async (tx) => {
    const active = await ensureRuleSet(tx, ctx.municipalityId);
    const versions = await tx
      .select({
        id: ruleSets.id,
        version: ruleSets.version,
        isActive: ruleSets.isActive,
        createdAt: ruleSets.createdAt,
        createdBy: ruleSets.createdBy,
      })
      .from(ruleSets)
      .where(eq(ruleSets.municipalityId, ctx.municipalityId))
      .orderBy(desc(ruleSets.version));
    return {
      active: {
        id: active.id,
        version: versions.find((v) => v.id === active.id)?.version ?? 1,
        definition: active.definition,
      },
      versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
      queues: [...active.queues.keys()],
    };
  });
}

/** How many open meldingen a proposed rule set would move, and between which queues; nothing is saved. */
export async function previewRuleSet(db: Orm, config: Config, ctx: UserContext, input: unknown) {
  const proposed = parseDefinition(input);
  return db.transaction(async (tx) => {
    await assertQueuesExist(tx, ctx.municipalityId, proposed);
    const current = await ensureRuleSet(tx, ctx.municipalityId);
    const queueNames = new Map([...current.queues].map(([name, id]) => [id, name]));
    const facts = await meldingFacts(
      tx,
      ctx.municipalityId,
      await openMeldingIds(tx, ctx.municipalityId),
      pipelineDeps(config).today(),
    );
    return previewRuleChange(
      current.definition,
      proposed,
      facts.map((f) => ({
        id: f.melding.id,
        queue: f.melding.queueId ? (queueNames.get(f.melding.queueId) ?? null) : null,
        facts: f.facts,
      })),
    );
  });
}

/** Saves a new version, makes it active and re-prioritises the open meldingen with it, in one transaction. */
export async function saveRuleSet(db: Orm, config: Config, ctx: UserContext, input: unknown) {
  const definition = parseDefinition(input);
  return db.transaction(async (tx) => {
    const queues = await assertQueuesExist(tx, ctx.municipalityId, definition);
    await ensureRuleSet(tx, ctx.municipalityId);
    const [last] = await tx
      .select({ version: ruleSets.version })
      .from(ruleSets)
      .where(eq(ruleSets.municipalityId, ctx.municipalityId))
      .orderBy(desc(ruleSets.version))
      .limit(1);
    await tx
      .update(ruleSets)
      .set({ isActive: false })
      .where(and(eq(ruleSets.municipalityId, ctx.municipalityId), eq(ruleSets.isActive, true)));
    const created = await pipelineRepo.insertRuleSet(tx, {
      municipalityId: ctx.municipalityId,
      version: (last?.version ?? 0) + 1,
      definition: definition as unknown as Record<string, unknown>,
      isActive: true,
      createdBy: actorId(ctx),
    });
    const ids = await openMeldingIds(tx, ctx.municipalityId);
    await prioritiseMeldingen(
      tx,
      ctx.municipalityId,
      ids,
      { id: created.id, definition, queues },
      pipelineDeps(config).today(),
    );
    await recordAudit(tx, ctx, {
      action: 'rule_set.activate',
      purpose: PURPOSES.administration,
      subjectType: 'rule_set',
      subjectIds: [created.id],
      details: { version: created.version, reprioritised: ids.length },
    });
    return { id: created.id, version: created.version, reprioritised: ids.length };
  });
}
