// Readable sentences for the afwegingskader: why a melding is in its werkbakje (the stored explanation items)
// and what a rule's conditions say (the same sentences, from a condition). Every code of EXPLANATION_CODES has
// its text in the `explanation` block of the language files.
import type { TFunction } from 'i18next';
import {
  AOW_AGE,
  type Condition,
  type ExplanationCode,
  type ExplanationItem,
  type ExplanationParam,
  type Outcome,
  YOUNG_MAX_AGE,
  YOUNG_MIN_AGE,
} from '../../shared/schemas/rules.ts';
import { formatEuros } from './money.ts';

export type ExplanationParams = Record<string, ExplanationParam>;

/** The explanation item a condition would give (the engine's codes and params), for showing a rule. */
export function conditionExplanation(c: Condition): { code: ExplanationCode; params: ExplanationParams } {
  switch (c.field) {
    case 'partnerType':
      return { code: 'partnerType_in', params: { values: [...c.values] } };
    case 'amount':
      return {
        code: c.op === 'gte' ? 'amount_gte' : 'amount_lt',
        params:
          c.partnerType === undefined ? { cents: c.cents } : { cents: c.cents, partnerType: c.partnerType },
      };
    case 'daysInArrears':
      return { code: c.op === 'gte' ? 'daysInArrears_gte' : 'daysInArrears_lt', params: { days: c.days } };
    case 'monthsInArrears':
      return {
        code: c.op === 'gte' ? 'monthsInArrears_gte' : 'monthsInArrears_lt',
        params: { months: c.months },
      };
    case 'age':
      if (c.op === 'between') return { code: 'age_between', params: { of: c.of, min: c.min, max: c.max } };
      if (c.op === 'young') {
        return { code: 'age_young', params: { of: c.of, min: YOUNG_MIN_AGE, max: YOUNG_MAX_AGE } };
      }
      return { code: 'age_aow', params: { of: c.of, min: AOW_AGE } };
    case 'wijk':
      return { code: 'wijk_in', params: { wijkIds: [...c.wijkIds] } };
    case 'signalCount':
      return { code: 'signalCount_gte', params: { count: c.count } };
    default:
      return { code: c.field, params: { value: c.value } };
  }
}

/** What a sentence needs besides the item: names for ids, lists joined in the user's language. */
export interface ExplanationContext {
  wijkName?: (id: string) => string;
  list?: (items: string[]) => string;
}

const str = (v: ExplanationParam | undefined): string => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
const num = (v: ExplanationParam | undefined): number => (typeof v === 'number' ? v : Number(v ?? 0));
const arr = (v: ExplanationParam | undefined): string[] =>
  Array.isArray(v) ? v : v === undefined ? [] : [String(v)];

const BOOLEAN_CODES = new Set<ExplanationCode>([
  'minorChildren',
  'enkelvoudig',
  'meervoudig',
  'opeenvolgend',
  'crisis',
  'knownToShv',
  'warmHandover',
]);

type ExplanationKey = `explanation.${string}`;

/** The sentence for one explanation item (or condition), e.g. "Er wonen minderjarige kinderen in het huishouden." */
export function explanationSentence(
  t: TFunction,
  item: { code: ExplanationCode; params: ExplanationParams },
  context: ExplanationContext = {},
): string {
  const { code, params } = item;
  const list = context.list ?? ((items: string[]) => items.join(', '));
  const tx = (key: ExplanationKey, values: Record<string, unknown> = {}) =>
    t(key as 'explanation.fallback', values as { queue: string });
  if (BOOLEAN_CODES.has(code)) {
    return tx(`explanation.${code}_${params.value === false ? 'false' : 'true'}`);
  }
  switch (code) {
    case 'partnerType_in':
      return tx('explanation.partnerType_in', { values: list(arr(params.values)) });
    case 'amount_gte':
    case 'amount_lt': {
      const amount = formatEuros(num(params.cents));
      if (params.partnerType !== undefined) {
        return tx(`explanation.${code}_partner`, { amount, partnerType: str(params.partnerType) });
      }
      return tx(`explanation.${code}`, { amount });
    }
    case 'daysInArrears_gte':
    case 'daysInArrears_lt':
      return tx(`explanation.${code}`, { count: num(params.days) });
    case 'monthsInArrears_gte':
    case 'monthsInArrears_lt':
      return tx(`explanation.${code}`, { count: num(params.months) });
    case 'age_between':
    case 'age_young':
    case 'age_aow':
      return tx(`explanation.${code}`, {
        who: t(params.of === 'youngest' ? 'explanation.youngest' : 'explanation.oldest'),
        min: num(params.min),
        max: num(params.max),
      });
    case 'wijk_in': {
      const ids = arr(params.wijkIds);
      return tx('explanation.wijk_in', { wijken: list(ids.map((i) => context.wijkName?.(i) ?? i)) });
    }
    case 'signalCount_gte':
      return tx('explanation.signalCount_gte', { count: num(params.count) });
    case 'fallback':
      return tx('explanation.fallback', { queue: str(params.queue) });
    case 'crisis_override': {
      const base = tx('explanation.crisis_override', {
        queue: str(params.queue),
        priority: num(params.priority),
        contactStrategy: contactStrategyLabel(t, str(params.contactStrategy)).toLowerCase(),
        count: num(params.deadlineWorkingDays),
      });
      const changed = arr(params.changed);
      if (changed.length === 0) return base;
      const parts = changed.map((c) => tx(`explanation.changed.${c}`, {}));
      return `${base} ${tx('explanation.crisis_changed', { changed: list(parts) })}`;
    }
    default:
      return code;
  }
}

/** The translated name of a contact strategy (kaartje_brief, mail, telefoon, huisbezoek). */
export function contactStrategyLabel(t: TFunction, strategy: string | null | undefined): string {
  if (!strategy) return t('common.none');
  return t(`vs.contactStrategy.${strategy}` as 'vs.contactStrategy.mail', { defaultValue: strategy });
}

/** "Werkbakje Regulier, prioriteit 3, per kaartje of brief, binnen 10 werkdagen." */
export function outcomeSentence(t: TFunction, outcome: Outcome): string {
  return t('afwegingskader.outcomeSentence', {
    queue: outcome.queue,
    priority: outcome.priority,
    contactStrategy: contactStrategyLabel(t, outcome.contactStrategy).toLowerCase(),
    count: outcome.deadlineWorkingDays,
  });
}

/** The explanation items grouped per rule, in order; the fallback and the crisis override each on their own. */
export function groupExplanation(
  items: ExplanationItem[],
): { ruleId: string | null; items: ExplanationItem[] }[] {
  const groups: { ruleId: string | null; items: ExplanationItem[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && item.ruleId !== null && last.ruleId === item.ruleId) last.items.push(item);
    else groups.push({ ruleId: item.ruleId, items: [item] });
  }
  return groups;
}
