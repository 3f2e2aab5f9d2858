// SQL of the maatwerkbudget. Every function takes the municipality id and filters on it.
import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';

async function all<T>(tx: Orm, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

async function one<T>(tx: Orm, query: SQL): Promise<T | undefined> {
  return (await all<T>(tx, query))[0];
}

// --- Budgets -----------------------------------------------------------------------------------------------

export type BudgetRow = {
  id: string;
  year: number;
  team_id: string | null;
  team_name: string | null;
  name: string;
  total_cents: string | number;
  four_eyes_above_cents: string | number;
  limits: Record<string, number>;
};

const BUDGET_SELECT = sql`
  SELECT b.id, b.year, b.team_id, t.name AS team_name, b.name, b.total_cents, b.four_eyes_above_cents, b.limits
    FROM budgets b LEFT JOIN teams t ON t.id = b.team_id`;

export async function listBudgets(tx: Orm, municipalityId: string) {
  return all<BudgetRow>(
    tx,
    sql`${BUDGET_SELECT} WHERE b.municipality_id = ${municipalityId}::uuid ORDER BY b.year DESC, t.name NULLS FIRST, b.id`,
  );
}

/** FOR UPDATE serialises final approvals of one budget, so two at once cannot both pass the remaining check. */
export async function findBudget(tx: Orm, municipalityId: string, id: string, opts: { lock?: boolean } = {}) {
  return one<BudgetRow>(
    tx,
    sql`${BUDGET_SELECT} WHERE b.municipality_id = ${municipalityId}::uuid AND b.id = ${id}::uuid
        ${opts.lock ? sql`FOR UPDATE OF b` : sql``}`,
  );
}

export async function teamExists(tx: Orm, municipalityId: string, id: string) {
  return (
    (await one(
      tx,
      sql`SELECT 1 FROM teams WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
    )) !== undefined
  );
}

export async function insertBudget(
  tx: Orm,
  v: {
    municipalityId: string;
    year: number;
    teamId: string | null;
    name: string;
    totalCents: number;
    fourEyesAboveCents: number;
    limits: Record<string, number>;
    by: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO budgets (municipality_id, year, team_id, name, total_cents, four_eyes_above_cents, limits, created_by)
        VALUES (${v.municipalityId}::uuid, ${v.year}, ${v.teamId}::uuid, ${v.name}, ${v.totalCents},
                ${v.fourEyesAboveCents}, ${JSON.stringify(v.limits)}::jsonb, ${v.by}::uuid)
        ON CONFLICT DO NOTHING RETURNING id`,
  );
}

export async function updateBudget(
  tx: Orm,
  municipalityId: string,
  id: string,
  v: { name: string; totalCents: number; fourEyesAboveCents: number; limits: Record<string, number> },
) {
  await tx.execute(
    sql`UPDATE budgets SET name = ${v.name}, total_cents = ${v.totalCents}, four_eyes_above_cents = ${v.fourEyesAboveCents},
               limits = ${JSON.stringify(v.limits)}::jsonb
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

export type CategoryRow = {
  category: string;
  requests: number;
  spent: string | number;
  committed: string | number;
  pending: string | number;
};

/** Spent (paid), committed (approved, unpaid) and pending (undecided) per category of one budget. */
export async function categoryTotals(tx: Orm, budgetId: string) {
  return all<CategoryRow>(
    tx,
    sql`SELECT category, count(*)::int AS requests,
               coalesce(sum(amount_cents) FILTER (WHERE status IN ('betaald', 'afgerond')), 0) AS spent,
               coalesce(sum(amount_cents) FILTER (WHERE status = 'goedgekeurd'), 0) AS committed,
               coalesce(sum(amount_cents) FILTER (WHERE status IN ('ingediend', 'eerste_akkoord')), 0) AS pending
          FROM budget_requests WHERE budget_id = ${budgetId}::uuid
         GROUP BY category ORDER BY category`,
  );
}

/** What the budget already carries: paid plus approved. Read after the budget row is locked. */
export async function usedCents(tx: Orm, budgetId: string) {
  const r = await one<{ used: string | number }>(
    tx,
    sql`SELECT coalesce(sum(amount_cents), 0) AS used FROM budget_requests
         WHERE budget_id = ${budgetId}::uuid AND status IN ('goedgekeurd', 'betaald', 'afgerond')`,
  );
  return Number(r?.used ?? 0);
}

// --- Households --------------------------------------------------------------------------------------------

export async function findCase(tx: Orm, municipalityId: string, id: string) {
  return one<{ id: string; status: string; household_id: string | null; label: string }>(
    tx,
    sql`SELECT id, status, household_id, label FROM household_cases
         WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid`,
  );
}

export async function goalOfCase(tx: Orm, municipalityId: string, caseId: string, goalId: string) {
  return (
    (await one(
      tx,
      sql`SELECT 1 FROM household_goals WHERE municipality_id = ${municipalityId}::uuid
            AND household_case_id = ${caseId}::uuid AND id = ${goalId}::uuid`,
    )) !== undefined
  );
}

export async function insertTimelineEvent(
  tx: Orm,
  e: {
    municipalityId: string;
    caseId: string;
    kind: string;
    actorUserId: string;
    subjectId: string;
    text: string;
  },
) {
  // The household plan has no budget category of its own: a budget request is part of the plan.
  await tx.execute(
    sql`INSERT INTO household_timeline (municipality_id, household_case_id, category, kind, actor_user_id,
                                        subject_id, text)
        VALUES (${e.municipalityId}::uuid, ${e.caseId}::uuid, 'plan', ${e.kind}, ${e.actorUserId}::uuid,
                ${e.subjectId}::uuid, ${e.text})`,
  );
  await tx.execute(
    sql`UPDATE household_cases SET last_activity_at = now()
         WHERE municipality_id = ${e.municipalityId}::uuid AND id = ${e.caseId}::uuid`,
  );
}

// --- Requests ----------------------------------------------------------------------------------------------

export type RequestRow = {
  id: string;
  budget_id: string;
  budget_name: string;
  four_eyes_above_cents: string | number;
  household_case_id: string;
  household_label: string;
  goal_id: string | null;
  goal_title: string | null;
  category: string;
  problem: string;
  amount_cents: string | number;
  payee_name: string;
  payee_iban: string;
  payment_reference: string;
  expected_effect: string;
  network_considered: boolean;
  network_note: string;
  status: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  scanned_at: Date | null;
  gate_override_reason: string | null;
  version: number;
};

const REQUEST_COLUMNS = sql`
  SELECT r.id, r.budget_id, b.name AS budget_name, b.four_eyes_above_cents, r.household_case_id,
         c.label AS household_label, r.goal_id, g.title AS goal_title, r.category, r.problem, r.amount_cents,
         r.payee_name, r.payee_iban, r.payment_reference, r.expected_effect, r.network_considered, r.network_note,
         r.status, r.requested_by, u.display_name AS requested_by_name, r.requested_at, r.scanned_at,
         r.gate_override_reason, r.version`;
const REQUEST_FROM = sql`
    FROM budget_requests r
    JOIN budgets b ON b.id = r.budget_id
    JOIN household_cases c ON c.id = r.household_case_id
    JOIN users u ON u.id = r.requested_by
    LEFT JOIN household_goals g ON g.id = r.goal_id`;
const REQUEST_SELECT = sql`${REQUEST_COLUMNS} ${REQUEST_FROM}`;

/** A row of the list with its position: requested_at in microseconds, as the cursor must carry it. */
export type RequestListRow = RequestRow & { cursor_at: string };

export async function listRequests(
  tx: Orm,
  f: {
    municipalityId: string;
    budgetId?: string;
    status?: string;
    householdCaseId?: string;
    after?: { at: string; id: string };
    limit: number;
  },
) {
  // The order is requested_at DESC, id ASC (as the list index), so "after" is not one row comparison: older, or
  // as old with a higher id.
  const after = f.after
    ? sql`AND (r.requested_at < ${f.after.at}::timestamptz
               OR (r.requested_at = ${f.after.at}::timestamptz AND r.id > ${f.after.id}::uuid))`
    : sql``;
  return all<RequestListRow>(
    tx,
    sql`${REQUEST_COLUMNS},
               to_char(r.requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
        ${REQUEST_FROM}
         WHERE r.municipality_id = ${f.municipalityId}::uuid
           ${f.budgetId ? sql`AND r.budget_id = ${f.budgetId}::uuid` : sql``}
           ${f.status ? sql`AND r.status = ${f.status}` : sql``}
           ${f.householdCaseId ? sql`AND r.household_case_id = ${f.householdCaseId}::uuid` : sql``}
           ${after}
         ORDER BY r.requested_at DESC, r.id LIMIT ${f.limit}`,
  );
}

export async function findRequest(
  tx: Orm,
  municipalityId: string,
  id: string,
  opts: { lock?: boolean } = {},
) {
  return one<RequestRow>(
    tx,
    sql`${REQUEST_SELECT} WHERE r.municipality_id = ${municipalityId}::uuid AND r.id = ${id}::uuid
        ${opts.lock ? sql`FOR UPDATE OF r` : sql``}`,
  );
}

export async function insertRequest(
  tx: Orm,
  v: {
    municipalityId: string;
    budgetId: string;
    householdCaseId: string;
    goalId: string | null;
    category: string;
    problem: string;
    amountCents: number;
    payeeName: string;
    payeeIban: string;
    paymentReference: string;
    expectedEffect: string;
    networkConsidered: boolean;
    networkNote: string;
    scanned: boolean;
    requestedBy: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO budget_requests (municipality_id, budget_id, household_case_id, goal_id, category, problem,
                                     amount_cents, payee_name, payee_iban, payment_reference, expected_effect,
                                     network_considered, network_note, scanned_at, requested_by)
        VALUES (${v.municipalityId}::uuid, ${v.budgetId}::uuid, ${v.householdCaseId}::uuid, ${v.goalId}::uuid,
                ${v.category}, ${v.problem}, ${v.amountCents}, ${v.payeeName}, ${v.payeeIban}, ${v.paymentReference},
                ${v.expectedEffect}, ${v.networkConsidered}, ${v.networkNote},
                ${v.scanned ? sql`now()` : sql`NULL`}, ${v.requestedBy}::uuid)
        RETURNING id`,
  );
}

export async function setNetwork(tx: Orm, id: string, considered: boolean, note: string) {
  await tx.execute(
    sql`UPDATE budget_requests SET network_considered = ${considered}, network_note = ${note}, version = version + 1
         WHERE id = ${id}::uuid`,
  );
}

export async function bumpVersion(tx: Orm, id: string) {
  await tx.execute(sql`UPDATE budget_requests SET version = version + 1 WHERE id = ${id}::uuid`);
}

export async function setStatus(
  tx: Orm,
  id: string,
  status: string,
  extra: { overrideReason?: string | null; overrideBy?: string | null; decided?: boolean } = {},
) {
  await tx.execute(
    sql`UPDATE budget_requests SET status = ${status}, version = version + 1
               ${extra.overrideReason ? sql`, gate_override_reason = ${extra.overrideReason}, gate_override_by = ${extra.overrideBy ?? null}::uuid` : sql``}
               ${extra.decided ? sql`, decided_at = now()` : sql``}
         WHERE id = ${id}::uuid`,
  );
}

// --- Provisions, decisions, payments, follow-ups -----------------------------------------------------------

export type ProvisionRow = {
  provision: string;
  label: string;
  likely_eligible: boolean;
  estimate_yearly_cents: string | number | null;
  outcome: string;
  note: string;
  checked_by_name: string | null;
  checked_at: Date | null;
};

export async function provisionsOf(tx: Orm, requestId: string) {
  return all<ProvisionRow>(
    tx,
    sql`SELECT p.provision, p.label, p.likely_eligible, p.estimate_yearly_cents, p.outcome, p.note,
               u.display_name AS checked_by_name, p.checked_at
          FROM budget_request_provisions p LEFT JOIN users u ON u.id = p.checked_by
         WHERE p.request_id = ${requestId}::uuid
         ORDER BY p.likely_eligible DESC, p.provision`,
  );
}

export async function insertProvisions(
  tx: Orm,
  municipalityId: string,
  requestId: string,
  rows: readonly {
    provision: string;
    label: string;
    likelyEligible: boolean;
    estimateYearlyCents: number | null;
  }[],
) {
  const col = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(rows.map((r) => r[k]));
  await tx.execute(
    sql`INSERT INTO budget_request_provisions (request_id, municipality_id, provision, label, likely_eligible,
                                               estimate_yearly_cents)
        SELECT ${requestId}::uuid, ${municipalityId}::uuid, * FROM unnest(${col('provision')}::text[],
               ${col('label')}::text[], ${col('likelyEligible')}::boolean[], ${col('estimateYearlyCents')}::bigint[])`,
  );
}

export async function setProvisionOutcome(
  tx: Orm,
  requestId: string,
  v: { provision: string; outcome: string; note: string; by: string },
) {
  await tx.execute(
    sql`UPDATE budget_request_provisions SET outcome = ${v.outcome}, note = ${v.note}, checked_by = ${v.by}::uuid,
               checked_at = now()
         WHERE request_id = ${requestId}::uuid AND provision = ${v.provision}`,
  );
}

export type DecisionRow = {
  decision: 'akkoord' | 'afgewezen';
  decided_by: string;
  by_name: string;
  roles: string[];
  reason: string;
  gate_override_reason: string | null;
  decided_at: Date;
};

export async function decisionsOf(tx: Orm, requestId: string) {
  return all<DecisionRow>(
    tx,
    sql`SELECT d.decision, d.decided_by, u.display_name AS by_name, d.roles, d.reason, d.gate_override_reason,
               d.decided_at
          FROM budget_decisions d JOIN users u ON u.id = d.decided_by
         WHERE d.request_id = ${requestId}::uuid ORDER BY d.decided_at, d.id`,
  );
}

export async function insertDecision(
  tx: Orm,
  v: {
    municipalityId: string;
    requestId: string;
    decision: string;
    by: string;
    roles: string[];
    limitCents: number | null;
    reason: string;
    overrideReason: string | null;
  },
) {
  await tx.execute(
    sql`INSERT INTO budget_decisions (municipality_id, request_id, decision, decided_by, roles, limit_cents, reason,
                                      gate_override_reason)
        VALUES (${v.municipalityId}::uuid, ${v.requestId}::uuid, ${v.decision}, ${v.by}::uuid,
                ${sql.param(v.roles)}::text[], ${v.limitCents}, ${v.reason}, ${v.overrideReason})`,
  );
}

export async function paymentOf(tx: Orm, requestId: string) {
  return one<{ id: string; paid_on: string; amount_cents: string | number; reference: string }>(
    tx,
    sql`SELECT id, paid_on::text AS paid_on, amount_cents, reference FROM budget_payments
         WHERE request_id = ${requestId}::uuid`,
  );
}

export async function insertPayment(
  tx: Orm,
  v: {
    municipalityId: string;
    requestId: string;
    amountCents: number;
    paidOn: string;
    payeeName: string;
    payeeIban: string;
    reference: string;
    by: string;
  },
) {
  return one<{ id: string }>(
    tx,
    sql`INSERT INTO budget_payments (municipality_id, request_id, amount_cents, paid_on, payee_name, payee_iban,
                                     reference, recorded_by)
        VALUES (${v.municipalityId}::uuid, ${v.requestId}::uuid, ${v.amountCents}, ${v.paidOn}::date, ${v.payeeName},
                ${v.payeeIban}, ${v.reference}, ${v.by}::uuid)
        ON CONFLICT (request_id) DO NOTHING RETURNING id`,
  );
}

export type PaymentExportRow = {
  paid_on: string;
  amount_cents: string | number;
  payee_name: string;
  payee_iban: string;
  reference: string;
  request_id: string;
  category: string;
  budget_name: string;
  year: number;
};

export async function paymentsBetween(
  tx: Orm,
  f: { municipalityId: string; from: string; to: string; budgetId?: string },
) {
  return all<PaymentExportRow>(
    tx,
    sql`SELECT p.paid_on::text AS paid_on, p.amount_cents, p.payee_name, p.payee_iban, p.reference, p.request_id,
               r.category, b.name AS budget_name, b.year
          FROM budget_payments p JOIN budget_requests r ON r.id = p.request_id JOIN budgets b ON b.id = r.budget_id
         WHERE p.municipality_id = ${f.municipalityId}::uuid AND p.paid_on BETWEEN ${f.from}::date AND ${f.to}::date
           ${f.budgetId ? sql`AND r.budget_id = ${f.budgetId}::uuid` : sql``}
         ORDER BY p.paid_on, p.id`,
  );
}

export type FollowupRow = {
  id: string;
  request_id: string;
  after_days: number;
  due_on: string;
  status: 'gepland' | 'te_beoordelen' | 'beoordeeld';
  effect: 'bereikt' | 'deels' | 'niet_bereikt' | 'onbekend' | null;
  note: string | null;
};

const FOLLOWUP_SELECT = sql`SELECT id, request_id, after_days, due_on::text AS due_on, status, effect, note
  FROM budget_followups`;

export async function followupsOf(tx: Orm, requestId: string) {
  return all<FollowupRow>(
    tx,
    sql`${FOLLOWUP_SELECT} WHERE request_id = ${requestId}::uuid ORDER BY after_days`,
  );
}

export async function listFollowups(tx: Orm, municipalityId: string, status: string) {
  return all<FollowupRow>(
    tx,
    sql`${FOLLOWUP_SELECT} WHERE municipality_id = ${municipalityId}::uuid AND status = ${status}
         ORDER BY due_on, id LIMIT 500`,
  );
}

export async function findFollowup(tx: Orm, municipalityId: string, id: string) {
  return one<FollowupRow>(
    tx,
    sql`${FOLLOWUP_SELECT} WHERE municipality_id = ${municipalityId}::uuid AND id = ${id}::uuid FOR UPDATE`,
  );
}

export async function insertFollowups(tx: Orm, municipalityId: string, requestId: string, paidOn: string) {
  await tx.execute(
    sql`INSERT INTO budget_followups (municipality_id, request_id, after_days, due_on)
        SELECT ${municipalityId}::uuid, ${requestId}::uuid, d, ${paidOn}::date + d FROM unnest(ARRAY[30, 90]) d
        ON CONFLICT DO NOTHING`,
  );
}

export async function assessFollowup(tx: Orm, id: string, v: { effect: string; note: string; by: string }) {
  await tx.execute(
    sql`UPDATE budget_followups SET status = 'beoordeeld', effect = ${v.effect}, note = ${v.note},
               assessed_by = ${v.by}::uuid, assessed_at = now()
         WHERE id = ${id}::uuid`,
  );
}

/** Marks every planned follow-up that is due (all municipalities): the daily job. Idempotent. */
export async function markDueFollowups(tx: Orm, today: string) {
  const r = await all<{ id: string }>(
    tx,
    sql`UPDATE budget_followups SET status = 'te_beoordelen'
         WHERE status = 'gepland' AND due_on <= ${today}::date RETURNING id`,
  );
  return r.length;
}

/** A request whose follow-ups are all assessed is done. */
export async function completeIfAssessed(tx: Orm, requestId: string) {
  await tx.execute(
    sql`UPDATE budget_requests SET status = 'afgerond', version = version + 1
         WHERE id = ${requestId}::uuid AND status = 'betaald'
           AND NOT EXISTS (SELECT 1 FROM budget_followups f WHERE f.request_id = ${requestId}::uuid
                            AND f.status <> 'beoordeeld')`,
  );
}
