// Amounts: the API counts in euro cents, people type and read euros ("€ 1.234,56").
import { formatNumber } from '../i18n/index.ts';

/** Euro cents as currency in the user's language, e.g. € 1.234,56. */
export function formatEuros(cents: number): string {
  return formatNumber(cents / 100, { style: 'currency', currency: 'EUR' });
}

/** Euro cents as the text of an amount field, e.g. 1234,56 (no currency sign, no thousands separator). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return formatNumber(cents / 100, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  });
}

const THOUSANDS_DOT = /^\d{1,3}(\.\d{3})+$/;
const THOUSANDS_COMMA = /^\d{1,3}(,\d{3})+$/;

/**
 * An amount in euros as people type it, to cents: "75", "75,5", "1.234,56", "1,234.56", "1234.56", "€ 12".
 * A dot followed by exactly three digits is a thousands separator (Dutch "1.234"); null when it is no amount,
 * or negative.
 */
export function parseEuros(text: string): number | null {
  let s = text
    .replace(/\s+/g, '')
    .replace(/^€|€$/g, '')
    .replace(/^eur(o|os)?|eur(o|os)?$/i, '');
  if (s === '' || !/^[\d.,]+$/.test(s)) return null;
  let whole: string;
  let fraction = '';
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const grouping = decimal === '.' ? ',' : '.';
    const [intPart = '', fracPart = '', ...rest] = s.split(decimal);
    if (rest.length > 0) return null;
    if (!(decimal === '.' ? THOUSANDS_COMMA : THOUSANDS_DOT).test(intPart) && intPart.includes(grouping)) {
      return null;
    }
    whole = intPart.split(grouping).join('');
    fraction = fracPart;
  } else if (lastComma >= 0) {
    if (THOUSANDS_COMMA.test(s) && s.split(',').length > 2) {
      whole = s.replace(/,/g, '');
    } else {
      const [intPart = '', fracPart = '', ...rest] = s.split(',');
      if (rest.length > 0) return null;
      whole = intPart;
      fraction = fracPart;
    }
  } else if (lastDot >= 0) {
    if (THOUSANDS_DOT.test(s)) {
      whole = s.replace(/\./g, '');
    } else {
      const [intPart = '', fracPart = '', ...rest] = s.split('.');
      if (rest.length > 0) return null;
      whole = intPart;
      fraction = fracPart;
    }
  } else {
    whole = s;
  }
  s = whole;
  if (s === '' && fraction === '') return null;
  if (!/^\d*$/.test(s) || !/^\d{0,2}$/.test(fraction)) return null;
  if (s.length > 12) return null;
  return Number(s || '0') * 100 + Number(fraction.padEnd(2, '0') || '0');
}
