// Use cases of the maatwerkbudget. The gate comes before money: the household's own network and the voorliggende
// voorzieningen (pre-filled by the rules engine's scan) are checked before anyone may approve. Approval respects
// the approver's limit, never the requester's own request, four eyes above the set amount, and never more than
// the budget has left: the final approval locks the budget row, so concurrent approvals cannot overspend.

import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { InvalidParam } from '../../../shared/problem.ts';
import {
  type BudgetBody,
  type BudgetPatchBody,
  type BudgetRequestBody,
  type BudgetRequestListQuery,
  type DecisionBody,
  type FollowupBody,
  type GateBody,
  LIMIT_ROLES,
  type PaymentBody,
  type PaymentExportQuery,
  PROVISIONS,
  type WithdrawBody,
} from '../../../shared/schemas/budget.ts';
import type { Orm } from '../../db/client.ts';
import type { UserContext } from '../../http/context.ts';
import { decodeTimeCursor, encodeKeyCursor } from '../../http/cursor.ts';
import { ProblemError, problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { recordBudgetPaymentIntervention } from '../businesscase/service.ts';
import { approvalCompletes, gateBlocks, limitFor } from './policy.ts';
import { presentBudget, presentListItem, presentRequest } from './presenter.ts';
import * as repo from './repository.ts';
import type { ProvisionScanner } from './scan.ts';

export type BudgetDeps = { today: () => string; scanner: ProvisionScanner };

const purpose = PURPOSES.customBudget;

const PROVISION_LABELS: Record<string, string> = {
  kwijtschelding: 'Kwijtschelding gemeentelijke belastingen',
  huurtoeslag: 'Huurtoeslag',
  zorgtoeslag: 'Zorgtoeslag',
  'kindgebonden-budget': 'Kindgebonden budget',
  'bijzondere-bijstand': 'Bijzondere bijstand',
  bijstand: 'Bijstand',
  'individuele-inkomenstoeslag': 'Individuele inkomenstoeslag',
  minimaregeling: 'Minimaregeling',
};

// --- Errors with stable types ------------------------------------------------------------------------------

const err = (
  status: number,
  slug: string,
  detail: string,
  ext?: Record<string, string | number | boolean | null>,
) => new ProblemError(status, slug, status === 403 ? 'Forbidden' : 'Conflict', detail, undefined, ext);

const stale = () =>
  err(409, 'aanvraag-gewijzigd', 'Someone else changed this request. Reload and try again.');
const notOpen = () => err(409, 'aanvraag-niet-open', 'This request is no longer waiting for a decision.');

function check(detail: string, params: InvalidParam[]) {
  if (params.length > 0) throw problems.badRequest(detail, params);
}

// --- Budgets -----------------------------------------------------------------------------------------------

async function budgetView(tx: Orm, b: repo.BudgetRow) {
  return presentBudget(b, await repo.categoryTotals(tx, b.id));
}

export async function listBudgets(db: Orm, ctx: UserContext) {
  const rows = await repo.listBudgets(db, ctx.municipalityId);
  const out = [];
  for (const b of rows) out.push(await budgetView(db, b));
  return out;
}

export async function getBudget(db: Orm, ctx: UserContext, id: string) {
  const b = await repo.findBudget(db, ctx.municipalityId, id);
  if (!b) throw problems.notFound();
  return budgetView(db, b);
}

export async function createBudget(db: Orm, ctx: UserContext, body: z.output<typeof BudgetBody>) {
  return db.transaction(async (tx) => {
    if (body.teamId && !(await repo.teamExists(tx, ctx.municipalityId, body.teamId))) {
      check('The budget is not valid.', [
        { name: 'body.teamId', code: 'unknown_team', reason: 'Not a team here' },
      ]);
    }
    const row = await repo.insertBudget(tx, {
      municipalityId: ctx.municipalityId,
      year: body.year,
      teamId: body.teamId ?? null,
      name: body.name,
      totalCents: body.totalCents,
      fourEyesAboveCents: body.fourEyesAboveCents,
      limits: body.limits as Record<string, number>,
      by: ctx.actor.userId,
    });
    if (!row)
      throw err(409, 'budget-bestaat', 'This municipality (or team) already has a budget for that year.');
    await recordAudit(tx, ctx, {
      action: 'budget.create',
      purpose,
      subjectType: 'budget',
      subjectIds: [row.id],
      details: { year: body.year, totalCents: body.totalCents, limits: body.limits },
    });
    const b = await repo.findBudget(tx, ctx.municipalityId, row.id);
    if (!b) throw new Error('budget vanished');
    return budgetView(tx, b);
  });
}

export async function updateBudget(
  db: Orm,
  ctx: UserContext,
  id: string,
  body: z.output<typeof BudgetPatchBody>,
) {
  return db.transaction(async (tx) => {
    const b = await repo.findBudget(tx, ctx.municipalityId, id, { lock: true });
    if (!b) throw problems.notFound();
    const total = body.totalCents ?? Number(b.total_cents);
    const used = await repo.usedCents(tx, id);
    if (total < used) {
      throw problems.badRequest('The budget cannot be lower than what it already carries.', [
        { name: 'body.totalCents', code: 'below_used', reason: `Already paid or approved: ${used} cents` },
      ]);
    }
    await repo.updateBudget(tx, ctx.municipalityId, id, {
      name: body.name ?? b.name,
      totalCents: total,
      fourEyesAboveCents: body.fourEyesAboveCents ?? Number(b.four_eyes_above_cents),
      limits: (body.limits as Record<string, number> | undefined) ?? b.limits,
    });
    await recordAudit(tx, ctx, {
      action: 'budget.update',
      purpose,
      subjectType: 'budget',
      subjectIds: [id],
      details: body,
    });
    const updated = await repo.findBudget(tx, ctx.municipalityId, id);
    if (!updated) throw problems.notFound();
    return budgetView(tx, updated);
  });
}

// --- Requests ----------------------------------------------------------------------------------------------

async function requestView(tx: Orm, ctx: UserContext, id: string) {
  const r = await repo.findRequest(tx, ctx.municipalityId, id);
  if (!r) throw problems.notFound();
  return presentRequest(
    r,
    await repo.provisionsOf(tx, id),
    await repo.decisionsOf(tx, id),
    await repo.paymentOf(tx, id),
    await repo.followupsOf(tx, id),
  );
}

export async function listRequests(db: Orm, ctx: UserContext, q: z.output<typeof BudgetRequestListQuery>) {
  const after = decodeTimeCursor(q.cursor);
  return db.transaction(async (tx) => {
    // One row more than the page tells whether another page follows.
    const rows = await repo.listRequests(tx, {
      municipalityId: ctx.municipalityId,
      budgetId: q.budgetId,
      status: q.status,
      householdCaseId: q.householdCaseId,
      after,
      limit: q.limit + 1,
    });
    const items = rows.slice(0, q.limit);
    await recordAudit(tx, ctx, {
      action: 'budget_request.list',
      purpose,
      subjectType: 'budget_request',
      subjectIds: items.map((r) => r.id),
    });
    const last = items.at(-1);
    return {
      items: items.map(presentListItem),
      nextCursor: rows.length > q.limit && last ? encodeKeyCursor([last.cursor_at, last.id]) : null,
    };
  });
}

export async function getRequest(db: Orm, ctx: UserContext, id: string) {
  return db.transaction(async (tx) => {
    const view = await requestView(tx, ctx, id);
    await recordAudit(tx, ctx, {
      action: 'budget_request.read',
      purpose,
      subjectType: 'budget_request',
      subjectIds: [id, view.householdCaseId],
    });
    return view;
  });
}

/** A request for a household (and a goal of its plan), with the gate pre-filled by the rules engine's scan. */
export async function createRequest(db: Orm, ctx: UserContext, deps: BudgetDeps, body: BudgetRequestBody) {
  return db.transaction(async (tx) => {
    const bad: InvalidParam[] = [];
    const budget = await repo.findBudget(tx, ctx.municipalityId, body.budgetId);
    if (!budget)
      bad.push({
        name: 'body.budgetId',
        code: 'unknown_budget',
        reason: 'Not a budget of this municipality',
      });
    const c = await repo.findCase(tx, ctx.municipalityId, body.householdCaseId);
    if (!c)
      bad.push({
        name: 'body.householdCaseId',
        code: 'unknown_household',
        reason: 'Not a household plan here',
      });
    else if (c.status !== 'open') {
      bad.push({
        name: 'body.householdCaseId',
        code: 'household_closed',
        reason: 'This household plan is closed',
      });
    }
    if (c && body.goalId && !(await repo.goalOfCase(tx, ctx.municipalityId, c.id, body.goalId))) {
      bad.push({
        name: 'body.goalId',
        code: 'goal_not_in_plan',
        reason: 'Not a goal of this household plan',
      });
    }
    if (budget && body.amountCents > Number(budget.total_cents)) {
      bad.push({ name: 'body.amountCents', code: 'above_budget', reason: 'More than the whole budget' });
    }
    check('The request is not valid.', bad);
    if (!c) throw problems.notFound();
    const likely = await deps.scanner(tx, ctx.municipalityId, c.household_id, deps.today());
    const row = await repo.insertRequest(tx, {
      municipalityId: ctx.municipalityId,
      budgetId: body.budgetId,
      householdCaseId: c.id,
      goalId: body.goalId ?? null,
      category: body.category,
      problem: body.problem,
      amountCents: body.amountCents,
      payeeName: body.payeeName,
      payeeIban: body.payeeIban,
      paymentReference: body.paymentReference,
      expectedEffect: body.expectedEffect,
      networkConsidered: body.networkConsidered,
      networkNote: body.networkNote,
      scanned: likely !== null,
      requestedBy: ctx.actor.userId,
    });
    if (!row) throw new Error('request insert returned nothing');
    await repo.insertProvisions(
      tx,
      ctx.municipalityId,
      row.id,
      PROVISIONS.map((p) => {
        const hit = likely?.find((l) => l.provision === p);
        return {
          provision: p,
          label: hit?.label ?? PROVISION_LABELS[p] ?? p,
          likelyEligible: hit !== undefined,
          estimateYearlyCents: hit?.estimateYearlyCents ?? null,
        };
      }),
    );
    await repo.insertTimelineEvent(tx, {
      municipalityId: ctx.municipalityId,
      caseId: c.id,
      kind: 'maatwerkbudget_aangevraagd',
      actorUserId: ctx.actor.userId,
      subjectId: row.id,
      text: body.problem,
    });
    await recordAudit(tx, ctx, {
      action: 'budget_request.create',
      purpose,
      subjectType: 'budget_request',
      subjectIds: [row.id, c.id],
      details: {
        amountCents: body.amountCents,
        scanned: likely !== null,
        likely: likely?.map((l) => l.provision) ?? [],
      },
    });
    return requestView(tx, ctx, row.id);
  });
}

/** Records the gate: own network considered, each checked provision with its outcome. */
export async function recordGate(db: Orm, ctx: UserContext, id: string, body: z.output<typeof GateBody>) {
  return db.transaction(async (tx) => {
    const r = await repo.findRequest(tx, ctx.municipalityId, id, { lock: true });
    if (!r) throw problems.notFound();
    if (r.version !== body.version) throw stale();
    if (r.status !== 'ingediend' && r.status !== 'eerste_akkoord') throw notOpen();
    if (body.networkConsidered !== undefined || body.networkNote !== undefined) {
      await repo.setNetwork(
        tx,
        id,
        body.networkConsidered ?? r.network_considered,
        body.networkNote ?? r.network_note,
      );
    } else {
      await repo.bumpVersion(tx, id);
    }
    for (const p of body.provisions) {
      await repo.setProvisionOutcome(tx, id, {
        provision: p.provision,
        outcome: p.outcome,
        note: p.note,
        by: ctx.actor.userId,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'budget_request.gate',
      purpose,
      subjectType: 'budget_request',
      subjectIds: [id],
      details: {
        network: body.networkConsidered ?? null,
        provisions: body.provisions.map((p) => [p.provision, p.outcome]),
      },
    });
    return requestView(tx, ctx, id);
  });
}

/**
 * A decision. Refusals, in this order: not open (409), own request (403 eigen-aanvraag), already decided by this
 * person (409 al-beoordeeld), above one's limit (403 boven-limiet), the gate (409 netwerk-niet-overwogen,
 * voorziening-niet-gecontroleerd unless overridden with a reason), and at the final approval the remaining
 * budget (409 budget-ontoereikend).
 */
export async function decide(db: Orm, ctx: UserContext, id: string, body: z.output<typeof DecisionBody>) {
  return db.transaction(async (tx) => {
    const r = await repo.findRequest(tx, ctx.municipalityId, id, { lock: true });
    if (!r) throw problems.notFound();
    if (r.status !== 'ingediend' && r.status !== 'eerste_akkoord') throw notOpen();
    if (r.version !== body.version) throw stale();
    if (r.requested_by === ctx.actor.userId) {
      throw err(403, 'eigen-aanvraag', 'You cannot decide on a request you made yourself. Ask a colleague.');
    }
    const decisions = await repo.decisionsOf(tx, id);
    if (decisions.some((d) => d.decided_by === ctx.actor.userId)) {
      throw err(
        409,
        'al-beoordeeld',
        'You already approved this request; four eyes means a second person decides.',
      );
    }
    const roles = ctx.actor.roles.filter((role) => (LIMIT_ROLES as readonly string[]).includes(role));
    if (body.decision === 'afgewezen') {
      await repo.insertDecision(tx, {
        municipalityId: ctx.municipalityId,
        requestId: id,
        decision: 'afgewezen',
        by: ctx.actor.userId,
        roles,
        limitCents: null,
        reason: body.reason,
        overrideReason: null,
      });
      await repo.setStatus(tx, id, 'afgewezen', { decided: true });
      await repo.insertTimelineEvent(tx, {
        municipalityId: ctx.municipalityId,
        caseId: r.household_case_id,
        kind: 'maatwerkbudget_afgewezen',
        actorUserId: ctx.actor.userId,
        subjectId: id,
        text: body.reason,
      });
      await recordAudit(tx, ctx, {
        action: 'budget_request.reject',
        purpose,
        subjectType: 'budget_request',
        subjectIds: [id],
      });
      return requestView(tx, ctx, id);
    }
    const budget = await repo.findBudget(tx, ctx.municipalityId, r.budget_id);
    if (!budget) throw problems.notFound();
    const amount = Number(r.amount_cents);
    const limit = limitFor(budget.limits, roles);
    if (limit === null || amount > limit) {
      throw err(
        403,
        'boven-limiet',
        limit === null
          ? 'Your role has no spending limit in this budget, so you cannot approve.'
          : `This amount is above your limit of ${limit} cents. Ask someone with a higher limit.`,
        { limitCents: limit },
      );
    }
    const provisions = await repo.provisionsOf(tx, id);
    const blocks = gateBlocks(
      r.network_considered,
      provisions.map((p) => ({
        provision: p.provision,
        likelyEligible: p.likely_eligible,
        outcome: p.outcome,
      })),
    );
    if (blocks.includes('netwerk')) {
      throw new ProblemError(
        409,
        'netwerk-niet-overwogen',
        'Conflict',
        "Record first that the household's own network was considered.",
        [{ name: 'networkConsidered', code: 'required', reason: 'The own network comes before the budget.' }],
      );
    }
    const unchecked = blocks.filter((b) => b !== 'netwerk');
    if (unchecked.length > 0 && !body.gateOverrideReason) {
      throw new ProblemError(
        409,
        'voorziening-niet-gecontroleerd',
        'Conflict',
        'The household is probably entitled to provisions that were not checked. Check them, or approve with a ' +
          'reason (gateOverrideReason).',
        unchecked.map((p) => ({
          name: `provisions.${p}`,
          code: 'not_checked',
          reason: 'Likely eligible, not checked',
        })),
      );
    }
    const override = unchecked.length > 0 ? (body.gateOverrideReason ?? null) : null;
    const completes = approvalCompletes(
      amount,
      Number(budget.four_eyes_above_cents),
      decisions.filter((d) => d.decision === 'akkoord').length,
    );
    if (completes) {
      // The remaining budget, read after locking the budget row: concurrent final approvals wait here in turn.
      const locked = await repo.findBudget(tx, ctx.municipalityId, r.budget_id, { lock: true });
      const used = await repo.usedCents(tx, r.budget_id);
      const remaining = Number(locked?.total_cents ?? 0) - used;
      if (amount > remaining) {
        throw err(409, 'budget-ontoereikend', `Only ${remaining} cents of the budget remain.`, {
          remainingCents: remaining,
        });
      }
    }
    await repo.insertDecision(tx, {
      municipalityId: ctx.municipalityId,
      requestId: id,
      decision: 'akkoord',
      by: ctx.actor.userId,
      roles,
      limitCents: limit,
      reason: body.reason,
      overrideReason: override,
    });
    await repo.setStatus(tx, id, completes ? 'goedgekeurd' : 'eerste_akkoord', {
      overrideReason: override,
      overrideBy: override ? ctx.actor.userId : null,
      decided: completes,
    });
    await repo.insertTimelineEvent(tx, {
      municipalityId: ctx.municipalityId,
      caseId: r.household_case_id,
      kind: completes ? 'maatwerkbudget_goedgekeurd' : 'maatwerkbudget_eerste_akkoord',
      actorUserId: ctx.actor.userId,
      subjectId: id,
      text: '',
    });
    await recordAudit(tx, ctx, {
      action: completes ? 'budget_request.approve' : 'budget_request.first_approval',
      purpose,
      subjectType: 'budget_request',
      subjectIds: [id],
      details: { amountCents: amount, limitCents: limit, gateOverride: override !== null },
    });
    return requestView(tx, ctx, id);
  });
}

export async function withdraw(db: Orm, ctx: UserContext, id: string, body: z.output<typeof WithdrawBody>) {
  return db.transaction(async (tx) => {
    const r = await repo.findRequest(tx, ctx.municipalityId, id, { lock: true });
    if (!r) throw problems.notFound();
    if (r.version !== body.version) throw stale();
    if (!['ingediend', 'eerste_akkoord', 'goedgekeurd'].includes(r.status)) throw notOpen();
    await repo.setStatus(tx, id, 'ingetrokken');
    await repo.insertTimelineEvent(tx, {
      municipalityId: ctx.municipalityId,
      caseId: r.household_case_id,
      kind: 'maatwerkbudget_ingetrokken',
      actorUserId: ctx.actor.userId,
      subjectId: id,
      text: body.reason,
    });
    await recordAudit(tx, ctx, {
      action: 'budget_request.withdraw',
      purpose,
      subjectType: 'budget_request',
      subjectIds: [id],
    });
    return requestView(tx, ctx, id);
  });
}

/** The payment of an approved request: follow-ups at 30 and 90 days, and the intervention for the business case. */
export async function recordPayment(
  db: Orm,
  ctx: UserContext,
  deps: BudgetDeps,
  id: string,
  body: z.output<typeof PaymentBody>,
) {
  return db.transaction(async (tx) => {
    const r = await repo.findRequest(tx, ctx.municipalityId, id, { lock: true });
    if (!r) throw problems.notFound();
    if (r.version !== body.version) throw stale();
    if (r.status !== 'goedgekeurd') {
      throw err(409, 'niet-goedgekeurd', 'Only an approved request can be paid.');
    }
    if (body.paidOn > deps.today()) {
      check('The payment is not valid.', [
        { name: 'body.paidOn', code: 'in_future', reason: 'This date lies in the future.' },
      ]);
    }
    const amount = Number(r.amount_cents);
    const payment = await repo.insertPayment(tx, {
      municipalityId: ctx.municipalityId,
      requestId: id,
      amountCents: amount,
      paidOn: body.paidOn,
      payeeName: r.payee_name,
      payeeIban: r.payee_iban,
      reference: body.reference ?? (r.payment_reference || `MWB-${id.slice(0, 8)}`),
      by: ctx.actor.userId,
    });
    if (!payment) throw err(409, 'al-betaald', 'This request has already been paid.');
    await repo.setStatus(tx, id, 'betaald');
    await repo.insertFollowups(tx, ctx.municipalityId, id, body.paidOn);
    await recordBudgetPaymentIntervention(tx, {
      municipalityId: ctx.municipalityId,
      householdCaseId: r.household_case_id,
      paidOn: body.paidOn,
      amountCents: amount,
      paymentId: payment.id,
      by: ctx.actor.userId,
    });
    await repo.insertTimelineEvent(tx, {
      municipalityId: ctx.municipalityId,
      caseId: r.household_case_id,
      kind: 'maatwerkbudget_betaald',
      actorUserId: ctx.actor.userId,
      subjectId: id,
      text: r.payee_name,
    });
    await recordAudit(tx, ctx, {
      action: 'budget_request.pay',
      purpose,
      subjectType: 'budget_request',
      subjectIds: [id, payment.id],
      details: { amountCents: amount, paidOn: body.paidOn },
    });
    return requestView(tx, ctx, id);
  });
}

/** CSV for the financial administration: one line per payment, no resident data beyond the payee. */
export async function exportPayments(db: Orm, ctx: UserContext, q: z.output<typeof PaymentExportQuery>) {
  if (q.to < q.from) {
    check('The period is not valid.', [
      { name: 'query.to', code: 'before_from', reason: 'Before the start of the period' },
    ]);
  }
  return db.transaction(async (tx) => {
    const rows = await repo.paymentsBetween(tx, { municipalityId: ctx.municipalityId, ...q });
    await recordAudit(tx, ctx, {
      action: 'budget_payment.export',
      purpose,
      subjectType: 'budget_request',
      subjectIds: rows.map((r) => r.request_id),
      details: { from: q.from, to: q.to, count: rows.length },
    });
    return stringify(
      rows.map((r) => ({
        betaaldatum: r.paid_on,
        bedrag: (Number(r.amount_cents) / 100).toFixed(2),
        begunstigde: r.payee_name,
        iban: r.payee_iban,
        kenmerk: r.reference,
        categorie: r.category,
        budget: `${r.budget_name} ${r.year}`,
        aanvraag: r.request_id,
      })),
      {
        header: true,
        columns: [
          'betaaldatum',
          'bedrag',
          'begunstigde',
          'iban',
          'kenmerk',
          'categorie',
          'budget',
          'aanvraag',
        ],
        delimiter: ';',
      },
    );
  });
}

// --- Follow-up ---------------------------------------------------------------------------------------------

export async function listFollowups(db: Orm, ctx: UserContext, status: string) {
  return (await repo.listFollowups(db, ctx.municipalityId, status)).map((f) => ({
    id: f.id,
    requestId: f.request_id,
    afterDays: f.after_days,
    dueOn: f.due_on,
    status: f.status,
    effect: f.effect,
    note: f.note,
  }));
}

export async function assessFollowup(
  db: Orm,
  ctx: UserContext,
  id: string,
  body: z.output<typeof FollowupBody>,
) {
  return db.transaction(async (tx) => {
    const f = await repo.findFollowup(tx, ctx.municipalityId, id);
    if (!f) throw problems.notFound();
    if (f.status === 'gepland') throw err(409, 'opvolging-nog-niet', `This follow-up is due on ${f.due_on}.`);
    await repo.assessFollowup(tx, id, { effect: body.effect, note: body.note, by: ctx.actor.userId });
    await repo.completeIfAssessed(tx, f.request_id);
    const r = await repo.findRequest(tx, ctx.municipalityId, f.request_id);
    if (r) {
      await repo.insertTimelineEvent(tx, {
        municipalityId: ctx.municipalityId,
        caseId: r.household_case_id,
        kind: 'maatwerkbudget_opvolging',
        actorUserId: ctx.actor.userId,
        subjectId: f.request_id,
        text: `${f.after_days}: ${body.effect}`,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'budget_request.followup',
      purpose,
      subjectType: 'budget_request',
      subjectIds: [f.request_id, id],
      details: { afterDays: f.after_days, effect: body.effect },
    });
    return requestView(tx, ctx, f.request_id);
  });
}

/** The daily job: follow-ups that are due become visible to assess. */
export async function markDueFollowups(db: Orm, today: string) {
  return db.transaction((tx) => repo.markDueFollowups(tx, today));
}
