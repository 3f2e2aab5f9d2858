// The editing model of the afwegingskader: the rule set as the form holds it (numbers and amounts as typed text,
// rules that can be switched off), and back to a definition with the errors per input.
import { DDAS_SIGNAALPARTNERS, type DdasSignaalpartner } from '../../shared/ddas.ts';
import type {
  Condition,
  ConditionField,
  ContactStrategy,
  MatchingPeriod,
  Outcome,
  RuleSetDefinition,
} from '../../shared/schemas/rules.ts';
import { centsToInput, parseEuros } from './money.ts';

export const CONTACT_STRATEGIES: readonly ContactStrategy[] = [
  'kaartje_brief',
  'mail',
  'telefoon',
  'huisbezoek',
];
export const MATCHING_PERIODS: readonly MatchingPeriod[] = ['kalendermaand', 'doorlopend'];
export const CONDITION_FIELDS: readonly ConditionField[] = [
  'crisis',
  'minorChildren',
  'meervoudig',
  'opeenvolgend',
  'enkelvoudig',
  'knownToShv',
  'warmHandover',
  'partnerType',
  'amount',
  'daysInArrears',
  'monthsInArrears',
  'age',
  'signalCount',
  'wijk',
];
export const BOOLEAN_FIELDS: readonly ConditionField[] = [
  'crisis',
  'minorChildren',
  'meervoudig',
  'opeenvolgend',
  'enkelvoudig',
  'knownToShv',
  'warmHandover',
];

/** One condition as the form holds it: every property any condition can have, as text. */
export interface EditorCondition {
  key: string;
  field: ConditionField;
  op: string;
  value: 'true' | 'false';
  values: string[];
  amount: string;
  partnerType: string;
  number: string;
  min: string;
  max: string;
  of: 'oldest' | 'youngest';
  wijkIds: string[];
}

export interface EditorOutcome {
  queue: string;
  priority: string;
  contactStrategy: string;
  deadline: string;
}

export interface EditorRule {
  key: string;
  /** The rule's id in the definition (kept when it is renamed: explanations refer to it); '' for a new rule. */
  id: string;
  enabled: boolean;
  name: string;
  description: string;
  conditions: EditorCondition[];
  outcome: EditorOutcome;
}

export interface EditorState {
  defaultThreshold: string;
  thresholds: Record<string, string>;
  matchingPeriod: string;
  crisisQueue: string;
  rules: EditorRule[];
  fallback: EditorOutcome;
}

let counter = 0;
export const newKey = (prefix: string) => `${prefix}${++counter}`;

export function blankCondition(field: ConditionField): EditorCondition {
  const base: EditorCondition = {
    key: newKey('c'),
    field,
    op: 'eq',
    value: 'true',
    values: [],
    amount: '',
    partnerType: '',
    number: '',
    min: '',
    max: '',
    of: 'oldest',
    wijkIds: [],
  };
  switch (field) {
    case 'partnerType':
    case 'wijk':
      return { ...base, op: 'in' };
    case 'amount':
    case 'daysInArrears':
    case 'monthsInArrears':
    case 'signalCount':
      return { ...base, op: 'gte' };
    case 'age':
      return { ...base, op: 'young' };
    default:
      return base;
  }
}

function toEditorCondition(c: Condition): EditorCondition {
  const e = blankCondition(c.field);
  switch (c.field) {
    case 'partnerType':
      return { ...e, values: [...c.values] };
    case 'amount':
      return { ...e, op: c.op, amount: centsToInput(c.cents), partnerType: c.partnerType ?? '' };
    case 'daysInArrears':
      return { ...e, op: c.op, number: String(c.days) };
    case 'monthsInArrears':
      return { ...e, op: c.op, number: String(c.months) };
    case 'age':
      return c.op === 'between'
        ? { ...e, op: c.op, of: c.of, min: String(c.min), max: String(c.max) }
        : { ...e, op: c.op, of: c.of };
    case 'wijk':
      return { ...e, wijkIds: [...c.wijkIds] };
    case 'signalCount':
      return { ...e, number: String(c.count) };
    default:
      return { ...e, value: c.value ? 'true' : 'false' };
  }
}

function toEditorOutcome(o: Outcome): EditorOutcome {
  return {
    queue: o.queue,
    priority: String(o.priority),
    contactStrategy: o.contactStrategy,
    deadline: String(o.deadlineWorkingDays),
  };
}

export function toEditorState(def: RuleSetDefinition): EditorState {
  return {
    defaultThreshold: centsToInput(def.thresholds.defaultAmountCents),
    thresholds: Object.fromEntries(
      DDAS_SIGNAALPARTNERS.map((p) => {
        const cents = def.thresholds.amountCentsByPartnerType[p];
        return [p, cents === undefined ? '' : centsToInput(cents)];
      }),
    ),
    matchingPeriod: def.matchingPeriod,
    crisisQueue: def.crisisQueue,
    rules: def.rules.map((r) => ({
      key: newKey('r'),
      id: r.id,
      enabled: true,
      name: r.name,
      description: r.description ?? '',
      conditions: r.conditions.map(toEditorCondition),
      outcome: toEditorOutcome(r.outcome),
    })),
    fallback: toEditorOutcome(def.fallback),
  };
}

/** `Huurachterstand vanaf € 500` → `huurachterstand-vanaf-500`. */
export function ruleSlug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/g, '') || 'regel'
  );
}

/** Input ids: one scheme for the form, the error alert and the server's invalidParams. */
export const ids = {
  defaultThreshold: 'threshold-default',
  threshold: (p: string) => `threshold-${DDAS_SIGNAALPARTNERS.indexOf(p as DdasSignaalpartner)}`,
  matchingPeriod: 'matchingPeriod',
  crisisQueue: 'crisisQueue',
  ruleName: (rule: string) => `rule-${rule}-name`,
  ruleConditions: (rule: string) => `rule-${rule}-add`,
  outcome: (owner: string, part: keyof EditorOutcome) => `${owner}-${part}`,
  condition: (rule: string, cond: string, part: string) => `rule-${rule}-${cond}-${part}`,
};

/** What the form's checks found: input id → code (errorCodes.* or an afwegingskader check). */
export type EditorErrors = Record<string, string>;

function wholeNumber(text: string, min: number, max: number): number | null {
  const s = text.trim();
  if (!/^\d{1,6}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

function toOutcome(o: EditorOutcome, owner: string, errors: EditorErrors): Outcome {
  const priority = wholeNumber(o.priority, 1, 5);
  const deadline = wholeNumber(o.deadline, 1, 60);
  if (!o.queue) errors[ids.outcome(owner, 'queue')] = 'required';
  if (priority === null) errors[ids.outcome(owner, 'priority')] = 'priorityRange';
  if (deadline === null) errors[ids.outcome(owner, 'deadline')] = 'deadlineRange';
  return {
    queue: o.queue,
    priority: priority ?? 1,
    contactStrategy: o.contactStrategy as ContactStrategy,
    deadlineWorkingDays: deadline ?? 1,
  };
}

function toCondition(c: EditorCondition, rule: string, errors: EditorErrors): Condition | null {
  const id = (part: string) => ids.condition(rule, c.key, part);
  const op = c.op === 'lt' ? 'lt' : 'gte';
  switch (c.field) {
    case 'partnerType':
      if (c.values.length === 0) {
        errors[id('values')] = 'choosePartnerType';
        return null;
      }
      return { field: 'partnerType', op: 'in', values: c.values as DdasSignaalpartner[] };
    case 'amount': {
      const cents = parseEuros(c.amount);
      if (cents === null) {
        errors[id('amount')] = 'invalid_amount';
        return null;
      }
      return c.partnerType
        ? { field: 'amount', op, cents, partnerType: c.partnerType as DdasSignaalpartner }
        : { field: 'amount', op, cents };
    }
    case 'daysInArrears':
    case 'monthsInArrears': {
      const n = wholeNumber(c.number, 0, c.field === 'daysInArrears' ? 20000 : 600);
      if (n === null) {
        errors[id('number')] = 'invalid_number';
        return null;
      }
      return c.field === 'daysInArrears'
        ? { field: 'daysInArrears', op, days: n }
        : { field: 'monthsInArrears', op, months: n };
    }
    case 'age': {
      if (c.op === 'between') {
        const min = wholeNumber(c.min, 18, 130);
        const max = wholeNumber(c.max, 18, 130);
        if (min === null) errors[id('min')] = 'ageRange';
        if (max === null) errors[id('max')] = 'ageRange';
        if (min === null || max === null) return null;
        if (min > max) {
          errors[id('max')] = 'min_above_max';
          return null;
        }
        return { field: 'age', op: 'between', min, max, of: c.of };
      }
      return { field: 'age', op: c.op === 'aow' ? 'aow' : 'young', of: c.of };
    }
    case 'wijk':
      if (c.wijkIds.length === 0) {
        errors[id('wijkIds')] = 'chooseWijk';
        return null;
      }
      return { field: 'wijk', op: 'in', wijkIds: c.wijkIds };
    case 'signalCount': {
      const n = wholeNumber(c.number, 1, 1000);
      if (n === null) {
        errors[id('number')] = 'countRange';
        return null;
      }
      return { field: 'signalCount', op: 'gte', count: n };
    }
    default:
      return { field: c.field, op: 'eq', value: c.value === 'true' };
  }
}

export interface BuiltDefinition {
  definition: RuleSetDefinition;
  errors: EditorErrors;
  /** The editor key of each rule in the definition, by its index there (for the server's errors). */
  ruleKeys: string[];
}

/** The definition the form describes; rules that are switched off are left out. */
export function buildDefinition(state: EditorState): BuiltDefinition {
  const errors: EditorErrors = {};
  const threshold = (text: string, id: string) => {
    const cents = parseEuros(text);
    if (cents === null) errors[id] = 'invalid_amount';
    return cents ?? 0;
  };
  const amountCentsByPartnerType: Partial<Record<DdasSignaalpartner, number>> = {};
  for (const p of DDAS_SIGNAALPARTNERS) {
    const text = state.thresholds[p] ?? '';
    if (text.trim() !== '') amountCentsByPartnerType[p] = threshold(text, ids.threshold(p));
  }
  const used = new Set<string>();
  for (const r of state.rules) if (r.id) used.add(r.id);
  const enabled = state.rules.filter((r) => r.enabled);
  const rules = enabled.map((r) => {
    if (!r.name.trim()) errors[ids.ruleName(r.key)] = 'required';
    if (r.conditions.length === 0) errors[ids.ruleConditions(r.key)] = 'conditionRequired';
    let id = r.id;
    if (!id) {
      const base = ruleSlug(r.name);
      id = base;
      for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
      used.add(id);
    }
    const conditions = r.conditions
      .map((c) => toCondition(c, r.key, errors))
      .filter((c): c is Condition => c !== null);
    const description = r.description.trim();
    return {
      id,
      name: r.name.trim(),
      ...(description ? { description } : {}),
      conditions,
      outcome: toOutcome(r.outcome, `rule-${r.key}`, errors),
    };
  });
  const definition: RuleSetDefinition = {
    thresholds: {
      defaultAmountCents: threshold(state.defaultThreshold, ids.defaultThreshold),
      amountCentsByPartnerType,
    },
    matchingPeriod: state.matchingPeriod as MatchingPeriod,
    crisisQueue: state.crisisQueue,
    rules,
    fallback: toOutcome(state.fallback, 'fallback', errors),
  };
  return { definition, errors, ruleKeys: enabled.map((r) => r.key) };
}

/**
 * The input an invalidParam of PUT/POST /afwegingskader belongs to, e.g. `definition.rules.2.outcome.priority`
 * → `rule-r7-outcome…`; null when it belongs to no single input.
 */
export function inputForProblem(name: string, state: EditorState, ruleKeys: string[]): string | null {
  const path = name.replace(/^definition\.?/, '').split('.');
  const [head, second, third, fourth, fifth] = path;
  if (head === 'thresholds') {
    if (second === 'defaultAmountCents') return ids.defaultThreshold;
    if (second === 'amountCentsByPartnerType' && third) return ids.threshold(third);
    return ids.defaultThreshold;
  }
  if (head === 'matchingPeriod') return ids.matchingPeriod;
  if (head === 'crisisQueue') return ids.crisisQueue;
  if (head === 'fallback') return outcomeInput('fallback', second);
  if (head === 'rules' && second !== undefined) {
    const key = ruleKeys[Number(second)];
    const rule = state.rules.find((r) => r.key === key);
    if (!key || !rule) return null;
    if (third === 'outcome') return outcomeInput(`rule-${key}`, fourth);
    if (third === 'conditions') {
      const cond = fourth === undefined ? undefined : rule.conditions[Number(fourth)];
      if (!cond) return ids.ruleConditions(key);
      const part =
        fifth === 'cents' ? 'amount' : fifth === 'values' || fifth === 'wijkIds' ? fifth : 'number';
      return ids.condition(key, cond.key, cond.field === 'age' && fifth ? fifth : part);
    }
    return ids.ruleName(key);
  }
  return null;
}

function outcomeInput(owner: string, part: string | undefined): string {
  const map: Record<string, keyof EditorOutcome> = {
    queue: 'queue',
    priority: 'priority',
    contactStrategy: 'contactStrategy',
    deadlineWorkingDays: 'deadline',
  };
  return ids.outcome(owner, map[part ?? ''] ?? 'queue');
}
