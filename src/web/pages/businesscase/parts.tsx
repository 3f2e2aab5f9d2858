// Building blocks of the business-case screens: the names of codes in the user's language, amounts, ranges and
// ratios written out (a range is always "low to high", never one number), a figure hidden by the small-number
// rule, and the section wrapper.
import { Heading2 } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONFIDENCES,
  EVIDENCE_TYPES,
  INTERVENTION_TYPES,
  PRICE_UNITS,
  RISK_CODES,
} from '../../../shared/businesscase-codes.ts';
import { SUPPRESSED_DISPLAY } from '../../../shared/suppression.ts';
import { isApiProblem } from '../../api.ts';
import { type FieldErrors, problemFieldErrors } from '../../components/problem.tsx';
import { formatNumber } from '../../i18n/index.ts';

export { CONFIDENCES, EVIDENCE_TYPES, INTERVENTION_TYPES, PRICE_UNITS, RISK_CODES };

// --- Names of codes ----------------------------------------------------------------------------------------

/** An intervention type by name; a type the screens do not know keeps its code. */
export const typeName = (t: TFunction, type: string) =>
  type === 'totaal'
    ? t('businesscase.view.total')
    : t(`businesscase.types.${type}` as 'businesscase.types.overig', { defaultValue: type });

/** A risk by the label of the price list when there is one, else by the name the screens know, else its code. */
export const riskName = (t: TFunction, code: string, label?: string | null) =>
  label || t(`businesscase.risks.${code}` as 'businesscase.risks.huisuitzetting', { defaultValue: code });

export const confidenceName = (t: TFunction, c: string) =>
  t(`businesscase.confidences.${c}` as 'businesscase.confidences.laag', { defaultValue: c });

export const unitName = (t: TFunction, u: string) =>
  t(`businesscase.units.${u}` as 'businesscase.units.per_maand', { defaultValue: u });

export const evidenceName = (t: TFunction, e: string) =>
  t(`businesscase.evidenceTypes.${e}` as 'businesscase.evidenceTypes.effectonderzoek', { defaultValue: e });

export const typeOptions = (t: TFunction) =>
  INTERVENTION_TYPES.map((v) => ({ value: v, label: typeName(t, v) }));
export const confidenceOptions = (t: TFunction) =>
  CONFIDENCES.map((v) => ({ value: v, label: confidenceName(t, v) }));

// --- Amounts -----------------------------------------------------------------------------------------------

/** Euro cents in whole euros ("€ 12.345"): the business case estimates, cents would suggest false precision. */
export function formatWholeEuros(cents: number): string {
  return formatNumber(cents / 100, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
}

/** Euro cents exactly ("€ 85,00"), for prices and rates people enter themselves. */
export function formatEuros(cents: number): string {
  return formatNumber(cents / 100, { style: 'currency', currency: 'EUR' });
}

/** A range of euros, "€ 1.200 tot € 3.400"; one amount when both ends are equal. */
export function formatEuroRange(t: TFunction, low: number, high: number): string {
  if (Math.round(low / 100) === Math.round(high / 100)) return formatWholeEuros(low);
  return t('businesscase.range', { low: formatWholeEuros(low), high: formatWholeEuros(high) });
}

export function formatDecimal(value: number, digits = 2): string {
  return formatNumber(value, { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** The ratio as a range ("0,8 tot 2,1"): euros likely avoided per euro spent; none without costs. */
export function formatRatio(t: TFunction, low: number | null, high: number | null): string {
  if (low === null || high === null) return t('businesscase.view.noRatio');
  if (low === high) return formatDecimal(low);
  return t('businesscase.range', { low: formatDecimal(low), high: formatDecimal(high) });
}

export function formatPercent(fraction: number): string {
  return formatNumber(fraction, { style: 'percent', maximumFractionDigits: 1 });
}

/** A price in prices of its year, brought to another year with the yearly index (compounded), as the server does. */
export function indexedCents(
  amountCents: number,
  priceYear: number,
  year: number,
  indexPercent: number,
): number {
  return Math.round(amountCents * (1 + indexPercent / 100) ** (year - priceYear));
}

/** A number as people type it ("85", "0,3", "2.5"), or null. */
export function parseDecimal(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** A number as the text of a field, in the user's language ("0,3"). */
export function decimalToInput(value: number): string {
  return formatNumber(value, { maximumFractionDigits: 4, useGrouping: false });
}

// --- Problems ----------------------------------------------------------------------------------------------

/** Codes only the business case answers with; their messages live in this namespace (others in errorCodes). */
export const OWN_CODES = [
  'before_from',
  'bron_ontbreekt',
  'duplicate_code',
  'missing_column',
  'unknown_risk',
  'before_intervention',
  'unknown_household',
] as const;

export function ownCodeMessage(t: TFunction, code: string): string | undefined {
  return (OWN_CODES as readonly string[]).includes(code)
    ? t(`businesscase.errors.${code}` as 'businesscase.errors.before_from')
    : undefined;
}

/** Field errors of an API problem by field name, with the business case's own codes in the user's language. */
export function bcFieldErrors(t: TFunction, error: unknown): FieldErrors {
  const out = problemFieldErrors(t, error);
  if (!isApiProblem(error)) return out;
  for (const [name, p] of Object.entries(error.fieldErrors())) {
    const own = ownCodeMessage(t, p.code);
    if (own) out[name] = own;
  }
  return out;
}

/** Whether the API answered with this problem type (its slug, e.g. "eigen-bestand"). */
export function isProblemType(error: unknown, slug: string): boolean {
  return isApiProblem(error) && error.type.endsWith(`/${slug}`);
}

// --- Layout ------------------------------------------------------------------------------------------------

/** A section of a page with its h2, labelled by it. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="vangnet-bc-section" aria-labelledby={`${id}-title`}>
      <Heading2 id={`${id}-title`}>{title}</Heading2>
      {children}
    </section>
  );
}

/**
 * A figure hidden by the small-number rule: "<5" to the eye, and in words to a screen reader (which would read "<5"
 * as "less than 5", untrue for a figure hidden only so another cannot be worked out).
 */
export function SuppressedFigure() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">{SUPPRESSED_DISPLAY}</span>
      <span className="vangnet-visually-hidden">{t('businesscase.view.suppressedCell')}</span>
    </>
  );
}
