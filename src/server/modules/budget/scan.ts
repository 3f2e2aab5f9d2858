// The narrow interface between the maatwerkbudget's gate and the rules engine: which voorliggende voorzieningen a
// household is probably entitled to but does not receive. The default implementation runs the non-take-up scan of
// modules/berekeningen on the household's financial profile, in the caller's transaction.
import { PROVISIONS, type Provision } from '../../../shared/schemas/budget.ts';
import type { Orm } from '../../db/client.ts';
import { knownRange } from '../berekeningen/parameters.ts';
import * as berekeningenRepo from '../berekeningen/repository.ts';
import { evalueerHuishouden } from '../berekeningen/rules/scan.ts';
import { schemesInForce, vraagOf } from '../berekeningen/service.ts';

export type LikelyProvision = { provision: Provision; label: string; estimateYearlyCents: number };

/** null: the household could not be scanned (no BRP household, no financial profile, or no rules for the date). */
export type ProvisionScanner = (
  tx: Orm,
  municipalityId: string,
  householdId: string | null,
  peildatum: string,
) => Promise<LikelyProvision[] | null>;

const NATIONAL_LABELS: Record<string, string> = {
  zorgtoeslag: 'Zorgtoeslag',
  huurtoeslag: 'Huurtoeslag',
  'kindgebonden-budget': 'Kindgebonden budget',
  bijstand: 'Bijstand',
};

export const rulesEngineScanner: ProvisionScanner = async (tx, municipalityId, householdId, peildatum) => {
  if (!householdId) return null;
  const profile = await berekeningenRepo.findProfile(tx, municipalityId, householdId);
  if (!profile) return null;
  // The rules know a range of dates; outside it, the nearest known rules are the best estimate for the gate.
  const { van, tot } = knownRange();
  // The middle of the three ISO dates: the peildatum clamped to [van, tot].
  const clamped = [van, peildatum, tot].sort()[1] ?? peildatum;
  try {
    const vraag = vraagOf(profile, clamped);
    if (!vraag.leden.some((l) => l.rol === 'aanvrager')) return null;
    const regelingen = schemesInForce(await berekeningenRepo.listSchemes(tx, municipalityId), clamped);
    const { kansen } = evalueerHuishouden(vraag, regelingen);
    // Several municipal schemes of one kind count as one provision of the gate.
    const out = new Map<Provision, LikelyProvision>();
    for (const k of kansen) {
      if (!(PROVISIONS as readonly string[]).includes(k.voorziening)) continue;
      const p = k.voorziening as Provision;
      const prev = out.get(p);
      const label = k.regeling?.naam ?? NATIONAL_LABELS[p] ?? p;
      out.set(p, {
        provision: p,
        label: prev ? `${prev.label}, ${label}` : label,
        estimateYearlyCents: (prev?.estimateYearlyCents ?? 0) + Math.round(k.perJaar * 100),
      });
    }
    return [...out.values()];
  } catch {
    // Rules unknown for the date or an incomplete profile: the worker checks by hand.
    return null;
  }
};
