// The maatwerkbudget's client-side rules, kept pure so they are unit-tested (logic.test.ts): the caller's
// spending limit (the server decides; the page only says it beforehand), which gate changes to send, the period of
// the payments CSV, and amounts as people type them.
import { isApiProblem } from '../../api.ts';
import { parseEuros } from '../../vroegsignalering/money.ts';
import type { Budget, BudgetRequest, GateInput, ProvisionCheck } from './api.ts';

/** The highest limit among the roles in this budget; null: none of the roles may approve (as the server counts). */
export function limitFor(limits: Record<string, number>, roles: readonly string[]): number | null {
  let best: number | null = null;
  for (const role of roles) {
    const limit = limits[role];
    if (typeof limit === 'number' && (best === null || limit > best)) best = limit;
  }
  return best;
}

/** The last part of a problem's type, e.g. `eigen-aanvraag` of https://vangnet.nl/problemen/eigen-aanvraag. */
export function problemSlug(error: unknown): string | null {
  if (!isApiProblem(error)) return null;
  const slug = error.type.split('/').pop();
  return slug && slug !== 'about:blank' ? slug : null;
}

/** What the approver should know before deciding; the server checks the same and has the last word. */
export type DecisionHint = 'own' | 'noLimit' | 'aboveLimit' | 'fourEyes' | null;

export function decisionHint(
  r: Pick<BudgetRequest, 'requestedBy' | 'amountCents' | 'needsFourEyes' | 'status'>,
  userId: string | undefined,
  limit: number | null | undefined,
): DecisionHint {
  if (userId && r.requestedBy.id === userId) return 'own';
  if (limit === null) return 'noLimit';
  if (limit !== undefined && r.amountCents > limit) return 'aboveLimit';
  if (r.needsFourEyes && r.status === 'ingediend') return 'fourEyes';
  return null;
}

export interface GateDraft {
  networkConsidered: boolean;
  networkNote: string;
  provisions: Record<string, { outcome: ProvisionCheck['outcome']; note: string }>;
}

export function gateDraftOf(
  r: Pick<BudgetRequest, 'networkConsidered' | 'networkNote' | 'provisions'>,
): GateDraft {
  return {
    networkConsidered: r.networkConsidered,
    networkNote: r.networkNote,
    provisions: Object.fromEntries(
      r.provisions.map((p) => [p.provision, { outcome: p.outcome, note: p.note }]),
    ),
  };
}

/**
 * The body of PUT /poort: the network always, and only the provisions whose outcome or note changed, because the
 * server records who checked each provision it receives (an untouched one was not checked by this person).
 */
export function gateBody(r: Pick<BudgetRequest, 'version' | 'provisions'>, draft: GateDraft): GateInput {
  const provisions: NonNullable<GateInput['provisions']> = [];
  for (const p of r.provisions) {
    const d = draft.provisions[p.provision];
    if (!d) continue;
    if (d.outcome !== p.outcome || d.note.trim() !== p.note.trim()) {
      provisions.push({ provision: p.provision, outcome: d.outcome, note: d.note.trim() });
    }
  }
  return {
    version: r.version,
    networkConsidered: draft.networkConsidered,
    networkNote: draft.networkNote.trim(),
    provisions,
  };
}

/** Why a period of the payments CSV cannot be downloaded, or null when it can. */
export function periodProblem(from: string, to: string): 'required' | 'before_from' | null {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(from) || !date.test(to)) return 'required';
  return to < from ? 'before_from' : null;
}

export type AmountResult =
  | { cents: number | null; error?: undefined }
  | { cents?: undefined; error: 'required' | 'invalid_amount' | 'negative_amount' };

/** An amount field: empty is null when optional, "-5" is negative, "12,50" is 1250 cents. */
export function amountOf(text: string, optional = false): AmountResult {
  const s = text.trim();
  if (s === '') return optional ? { cents: null } : { error: 'required' };
  if (s.startsWith('-')) return { error: 'negative_amount' };
  const cents = parseEuros(s);
  return cents === null ? { error: 'invalid_amount' } : { cents };
}

/** Budgets newest year first; within a year the whole municipality before its teams, then by name. */
export function sortBudgets(budgets: readonly Budget[]): Budget[] {
  return [...budgets].sort(
    (a, b) =>
      b.year - a.year ||
      Number(a.teamId !== null) - Number(b.teamId !== null) ||
      a.name.localeCompare(b.name),
  );
}

/** The part of a budget that is used (paid plus approved), as a whole percentage of its total. */
export function usedPercent(b: Pick<Budget, 'totalCents' | 'spentCents' | 'committedCents'>): number {
  if (b.totalCents <= 0) return 0;
  return Math.min(100, Math.round(((b.spentCents + b.committedCents) / b.totalCents) * 100));
}
