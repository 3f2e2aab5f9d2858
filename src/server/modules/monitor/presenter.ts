// What a user sees of the monitor: policy advisers (no persons:read) see no cell that rests on fewer than five
// residents ("<5"), in the dashboard, the CSV, the PDF and the API alike, because all of them print these cells.
import {
  MONITOR_INDICATORS,
  type MonitorCell,
  type MonitorIndicatorId,
  type MonitorRow,
  type MonitorUnit,
  SUPPRESSION_THRESHOLD,
} from '../../../shared/schemas/reporting.ts';
import { SUPPRESSED_DISPLAY } from '../../../shared/suppression.ts';
import type { RawCell, RawRow } from './service.ts';

export type Language = 'nl' | 'en';
const LOCALE: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export const SUPPRESSED = SUPPRESSED_DISPLAY;
export const NOT_AVAILABLE = '–';

export function formatValue(value: number, unit: MonitorUnit, language: Language): string {
  const locale = LOCALE[language];
  switch (unit) {
    case 'count':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    case 'share':
      return new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(value);
    case 'rate':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        value,
      );
    case 'days':
      return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        value,
      );
  }
}

export function presentCell(
  cell: RawCell,
  unit: MonitorUnit,
  opts: { suppressed: boolean; language: Language },
): MonitorCell {
  if (opts.suppressed && cell.basis < SUPPRESSION_THRESHOLD)
    return { value: null, suppressed: true, display: SUPPRESSED };
  if (cell.value === null) return { value: null, suppressed: false, display: NOT_AVAILABLE };
  return { value: cell.value, suppressed: false, display: formatValue(cell.value, unit, opts.language) };
}

export function presentRows(
  current: RawRow[],
  previous: RawRow[],
  opts: { suppressed: boolean; language: Language },
): MonitorRow[] {
  return current.map((row, i) => {
    const before = previous[i] as RawRow;
    return {
      indicator: row.indicator,
      unit: row.unit,
      category: row.category,
      current: presentCell(row.cell, row.unit, opts),
      previous: presentCell(before.cell, row.unit, opts),
    };
  });
}

/** Indicator names for the CSV and the PDF (the web page has the same texts in src/web/i18n). */
export const INDICATOR_LABELS: Record<Language, Record<MonitorIndicatorId, string>> = {
  nl: {
    signalen_per_1000: 'Signalen per 1.000 inwoners per maand',
    signalen_per_partnertype: 'Signalen per soort signaalpartner',
    aandeel_signalen_melding: 'Aandeel signalen dat een melding werd',
    aandeel_enkelvoudig: 'Aandeel enkelvoudige meldingen',
    aandeel_meervoudig: 'Aandeel meervoudige meldingen',
    aandeel_opeenvolgend: 'Aandeel opeenvolgende meldingen',
    contactpogingen_per_soort: 'Contactpogingen per soort',
    aandeel_bereikt: 'Aandeel meldingen waarbij de inwoner is bereikt',
    aandeel_hulp_aanvaard_van_bereikt: 'Aandeel bereikte inwoners dat hulp aanvaardde',
    aandeel_hulp_aanvaard: 'Aandeel van alle meldingen met hulp aanvaard',
    eindresultaten: 'Eindresultaten',
    dagen_tot_oppakken_mediaan: 'Dagen van signaal tot oppakken (mediaan)',
    dagen_tot_oppakken_p90: 'Dagen van signaal tot oppakken (90e percentiel)',
    dagen_tot_eerste_contact_mediaan: 'Dagen van signaal tot eerste contactpoging (mediaan)',
    dagen_tot_eerste_contact_p90: 'Dagen van signaal tot eerste contactpoging (90e percentiel)',
    aandeel_binnen_termijn: 'Aandeel opgepakt binnen de termijn van de gemeente',
    crisissignalen: 'Crisissignalen',
    crisis_dagen_tot_oppakken_mediaan: 'Crisis: dagen van signaal tot oppakken (mediaan)',
  },
  en: {
    signalen_per_1000: 'Signals per 1,000 inhabitants per month',
    signalen_per_partnertype: 'Signals by kind of signalling partner',
    aandeel_signalen_melding: 'Share of signals that became a melding',
    aandeel_enkelvoudig: 'Share of single meldingen (enkelvoudig)',
    aandeel_meervoudig: 'Share of multiple meldingen (meervoudig)',
    aandeel_opeenvolgend: 'Share of successive meldingen (opeenvolgend)',
    contactpogingen_per_soort: 'Contact attempts by kind',
    aandeel_bereikt: 'Share of meldingen where the resident was reached',
    aandeel_hulp_aanvaard_van_bereikt: 'Share of reached residents who accepted help',
    aandeel_hulp_aanvaard: 'Share of all meldingen with help accepted',
    eindresultaten: 'End results',
    dagen_tot_oppakken_mediaan: 'Days from signal to pick-up (median)',
    dagen_tot_oppakken_p90: 'Days from signal to pick-up (90th percentile)',
    dagen_tot_eerste_contact_mediaan: 'Days from signal to first contact attempt (median)',
    dagen_tot_eerste_contact_p90: 'Days from signal to first contact attempt (90th percentile)',
    aandeel_binnen_termijn: "Share picked up within the municipality's deadline",
    crisissignalen: 'Crisis signals',
    crisis_dagen_tot_oppakken_mediaan: 'Crisis: days from signal to pick-up (median)',
  },
};

export const MONITOR_INDICATOR_IDS = MONITOR_INDICATORS.map((i) => i.id);
