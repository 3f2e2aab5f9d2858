// The filters of the melding list as they appear in the address bar (readable, and shareable with a colleague),
// and as the API takes them.
import { DDAS_SIGNAALPARTNERS } from '../../shared/ddas.ts';
import type { MeldingFilters, MeldingFlag, MeldingSort, MeldingStatus } from '../api-vroegsignalering.ts';
import { MELDING_FLAGS } from './labels.tsx';
import { parseEuros } from './money.ts';

export interface MeldingenSearch {
  queueId?: string;
  wijkId?: string;
  status?: MeldingStatus;
  /** DDAS partner types, comma-separated. */
  partnerType?: string;
  /** Euros, e.g. 75 or 75.5 (a number: the router would quote a numeric string in the address). */
  minAmount?: number;
  maxAmount?: number;
  minAge?: number;
  maxAge?: number;
  /** Flags that must all hold, comma-separated. */
  flags?: string;
  sort?: MeldingSort;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: readonly MeldingStatus[] = ['open', 'in_behandeling', 'afgesloten'];
export const SORTS: readonly MeldingSort[] = ['priority', 'deadline', 'amount'];

function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function age(v: unknown): number | undefined {
  const s = text(v);
  if (s === undefined || !/^\d{1,3}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 130 ? n : undefined;
}

function euros(v: unknown): number | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  const cents = parseEuros(s);
  return cents === null ? undefined : centsToSearch(cents);
}

/** Cents as euros for the address bar: 7500 → 75, 7550 → 75.5. */
export function centsToSearch(cents: number): number {
  return cents / 100;
}

function list<T extends string>(v: unknown, allowed: readonly T[]): string | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  const items = s.split(',').filter((i): i is T => (allowed as readonly string[]).includes(i));
  return items.length ? [...new Set(items)].join(',') : undefined;
}

/** Only known values survive: a hand-edited or old address still shows a list. */
export function validateMeldingenSearch(search: Record<string, unknown>): MeldingenSearch {
  const queueId = text(search.queueId);
  const wijkId = text(search.wijkId);
  const status = text(search.status);
  const sort = text(search.sort);
  const out: MeldingenSearch = {
    queueId: queueId && UUID.test(queueId) ? queueId : undefined,
    wijkId: wijkId && UUID.test(wijkId) ? wijkId : undefined,
    status: STATUSES.find((s) => s === status),
    partnerType: list(search.partnerType, DDAS_SIGNAALPARTNERS),
    minAmount: euros(search.minAmount),
    maxAmount: euros(search.maxAmount),
    minAge: age(search.minAge),
    maxAge: age(search.maxAge),
    flags: list<MeldingFlag>(search.flags, MELDING_FLAGS),
    sort: SORTS.find((s) => s === sort && s !== 'priority'),
  };
  for (const key of Object.keys(out) as (keyof MeldingenSearch)[])
    if (out[key] === undefined) delete out[key];
  return out;
}

/** The address-bar filters as the API takes them: amounts in cents. */
export function toMeldingFilters(search: MeldingenSearch): MeldingFilters {
  const cents = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * 100));
  return {
    status: search.status,
    queueId: search.queueId,
    wijkId: search.wijkId,
    partnerType: search.partnerType,
    minAmountCents: cents(search.minAmount),
    maxAmountCents: cents(search.maxAmount),
    minAge: search.minAge,
    maxAge: search.maxAge,
    flags: search.flags,
    sort: search.sort ?? 'priority',
  };
}
