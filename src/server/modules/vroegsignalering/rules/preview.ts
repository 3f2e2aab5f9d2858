import type { RuleSetDefinition } from '../../../../shared/schemas/rules.ts';
import { evaluateRules, type MeldingFacts } from './engine.ts';

// "What would this change do?" before a municipality activates a new version of its afwegingskader: both versions
// are run on the same (open) meldingen and the queue changes are counted. The baseline is the current rule set,
// not the stored queue, so the numbers show the effect of the rule change alone; meldingen that already sit in
// another queue than the current rules give (moved by hand, or routed by an older version) are counted apart.

export type PreviewMelding = { id: string; queue: string | null; facts: MeldingFacts };
export type QueueTransition = { from: string; to: string; count: number };
export type PreviewSample = { id: string; from: string; to: string };

export type RuleChangePreview = {
  total: number;
  /** Meldingen the proposed rules put in another queue than the current rules. */
  moved: number;
  /** Moves per (from, to) pair, largest first. */
  byTransition: QueueTransition[];
  /** Up to MAX_PREVIEW_SAMPLES moved meldingen, in input order. */
  samples: PreviewSample[];
  /** Meldingen whose stored queue differs from what the current rules give (not counted as moved). */
  storedQueueDiffers: number;
};

export const MAX_PREVIEW_SAMPLES = 20;

export function previewRuleChange(
  current: RuleSetDefinition,
  proposed: RuleSetDefinition,
  meldingen: readonly PreviewMelding[],
): RuleChangePreview {
  const transitions = new Map<string, QueueTransition>();
  const samples: PreviewSample[] = [];
  let moved = 0;
  let storedQueueDiffers = 0;

  for (const m of meldingen) {
    const from = evaluateRules(current, m.facts).outcome.queue;
    const to = evaluateRules(proposed, m.facts).outcome.queue;
    if (m.queue !== null && m.queue !== from) storedQueueDiffers += 1;
    if (from === to) continue;
    moved += 1;
    const key = JSON.stringify([from, to]);
    const t = transitions.get(key);
    if (t) t.count += 1;
    else transitions.set(key, { from, to, count: 1 });
    if (samples.length < MAX_PREVIEW_SAMPLES) samples.push({ id: m.id, from, to });
  }

  const byTransition = [...transitions.values()].sort(
    (a, b) => b.count - a.count || a.from.localeCompare(b.from, 'nl') || a.to.localeCompare(b.to, 'nl'),
  );
  return { total: meldingen.length, moved, byTransition, samples, storedQueueDiffers };
}
