// Shapes of the maatwerkbudget. A request names the household by the label of its plan (as the regisseur sees it
// in the caseload), never by BSN.
import type {
  Budget,
  BudgetCategory,
  BudgetRequest,
  Provision,
  RequestStatus,
} from '../../../shared/schemas/budget.ts';
import { gateBlocks } from './policy.ts';
import type * as repo from './repository.ts';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function presentBudget(b: repo.BudgetRow, categories: repo.CategoryRow[]): Budget {
  const perCategory = categories.map((c) => ({
    category: c.category as BudgetCategory,
    requests: c.requests,
    spentCents: Number(c.spent),
    committedCents: Number(c.committed),
    pendingCents: Number(c.pending),
  }));
  const sum = (k: 'spentCents' | 'committedCents' | 'pendingCents') =>
    perCategory.reduce((s, c) => s + c[k], 0);
  const total = Number(b.total_cents);
  return {
    id: b.id,
    year: b.year,
    teamId: b.team_id,
    teamName: b.team_name,
    name: b.name,
    totalCents: total,
    fourEyesAboveCents: Number(b.four_eyes_above_cents),
    limits: b.limits,
    spentCents: sum('spentCents'),
    committedCents: sum('committedCents'),
    pendingCents: sum('pendingCents'),
    remainingCents: total - sum('spentCents') - sum('committedCents'),
    perCategory,
  };
}

export function presentListItem(r: repo.RequestRow) {
  return {
    id: r.id,
    budgetId: r.budget_id,
    householdCaseId: r.household_case_id,
    householdLabel: r.household_label,
    category: r.category as BudgetCategory,
    amountCents: Number(r.amount_cents),
    payeeName: r.payee_name,
    status: r.status as RequestStatus,
    requestedAt: iso(r.requested_at),
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
  };
}

export function presentRequest(
  r: repo.RequestRow,
  provisions: repo.ProvisionRow[],
  decisions: repo.DecisionRow[],
  payment: { paid_on: string; amount_cents: string | number; reference: string } | undefined,
  followups: repo.FollowupRow[],
): BudgetRequest {
  const ps = provisions.map((p) => ({
    provision: p.provision as Provision,
    label: p.label,
    likelyEligible: p.likely_eligible,
    estimateYearlyCents: p.estimate_yearly_cents === null ? null : Number(p.estimate_yearly_cents),
    outcome: p.outcome as BudgetRequest['provisions'][number]['outcome'],
    note: p.note,
    checkedByName: p.checked_by_name,
    checkedAt: p.checked_at ? iso(p.checked_at) : null,
  }));
  return {
    ...presentListItem(r),
    budgetName: r.budget_name,
    goalId: r.goal_id,
    goalTitle: r.goal_title,
    problem: r.problem,
    payeeIban: r.payee_iban,
    paymentReference: r.payment_reference,
    expectedEffect: r.expected_effect,
    networkConsidered: r.network_considered,
    networkNote: r.network_note,
    scannedAt: r.scanned_at ? iso(r.scanned_at) : null,
    gateOverrideReason: r.gate_override_reason,
    version: r.version,
    needsFourEyes: Number(r.amount_cents) > Number(r.four_eyes_above_cents),
    gateBlocks: gateBlocks(r.network_considered, ps),
    provisions: ps,
    decisions: decisions.map((d) => ({
      decision: d.decision,
      byName: d.by_name,
      roles: d.roles,
      reason: d.reason,
      gateOverrideReason: d.gate_override_reason,
      at: iso(d.decided_at),
    })),
    payment: payment
      ? { paidOn: payment.paid_on, amountCents: Number(payment.amount_cents), reference: payment.reference }
      : null,
    followups: followups.map((f) => ({
      id: f.id,
      requestId: f.request_id,
      afterDays: f.after_days,
      dueOn: f.due_on,
      status: f.status,
      effect: f.effect,
      note: f.note,
    })),
  };
}
