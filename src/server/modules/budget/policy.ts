// The rules of the maatwerkbudget that need no database: the spending limit of a person's roles, what blocks the
// gate, and whether a decision completes the approval. Pure functions, unit-tested in policy.test.ts.
import type { Provision } from '../../../shared/schemas/budget.ts';

/** The highest limit among the caller's roles in this budget; null: none of their roles may approve. */
export function limitFor(limits: Record<string, number>, roles: readonly string[]): number | null {
  let best: number | null = null;
  for (const r of roles) {
    const l = limits[r];
    if (typeof l === 'number' && (best === null || l > best)) best = l;
  }
  return best;
}

/** What still blocks approval: the own network not considered, and likely-eligible provisions left unchecked. */
export function gateBlocks(
  networkConsidered: boolean,
  provisions: readonly { provision: string; likelyEligible: boolean; outcome: string }[],
): ('netwerk' | Provision)[] {
  const out: ('netwerk' | Provision)[] = networkConsidered ? [] : ['netwerk'];
  for (const p of provisions) {
    if (p.likelyEligible && p.outcome === 'niet_gecontroleerd') out.push(p.provision as Provision);
  }
  return out;
}

/** Above the four-eyes amount the first approval waits for a second person; at or below it, one is enough. */
export function approvalCompletes(
  amountCents: number,
  fourEyesAboveCents: number,
  earlierApprovals: number,
): boolean {
  return amountCents <= fourEyesAboveCents || earlierApprovals >= 1;
}
