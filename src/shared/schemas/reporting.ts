// Reporting: the reporting period shared by the DDAS export (CLI and CBS API) and the monitor dashboard.
import { z } from 'zod';
import type { InvalidParam } from '../problem.ts';

/** The longest period one export or dashboard covers. */
export const MAX_PERIOD_YEARS = 5;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The date `years` years after an ISO date (29 February moves to 1 March). */
export function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export type Period = { van: string; tot: string };

/**
 * Checks a period given as two inclusive ISO dates. Returns the field problems (empty when it is fine); `names`
 * says how the fields are called where they came from (CLI flags, body fields, query parameters).
 */
export function periodProblems(
  van: string | undefined,
  tot: string | undefined,
  names: { van: string; tot: string } = { van: 'van', tot: 'tot' },
): InvalidParam[] {
  const out: InvalidParam[] = [];
  if (van === undefined)
    out.push({ name: names.van, code: 'required', reason: 'Geef de begindatum (JJJJ-MM-DD).' });
  else if (!isIsoDate(van))
    out.push({
      name: names.van,
      code: 'invalid_date',
      reason: `"${van}" is geen bestaande datum (JJJJ-MM-DD).`,
    });
  if (tot === undefined)
    out.push({ name: names.tot, code: 'required', reason: 'Geef de einddatum (JJJJ-MM-DD).' });
  else if (!isIsoDate(tot))
    out.push({
      name: names.tot,
      code: 'invalid_date',
      reason: `"${tot}" is geen bestaande datum (JJJJ-MM-DD).`,
    });
  if (out.length > 0 || van === undefined || tot === undefined) return out;
  if (tot < van) {
    out.push({
      name: names.tot,
      code: 'period_end_before_start',
      reason: `De einddatum ${tot} ligt voor de begindatum ${van}.`,
    });
  } else if (tot >= addYears(van, MAX_PERIOD_YEARS)) {
    out.push({
      name: names.tot,
      code: 'period_too_long',
      reason: `Een periode is hoogstens ${MAX_PERIOD_YEARS} jaar; ${van} tot en met ${tot} is langer.`,
    });
  }
  return out;
}

// --- Monitor dashboard (Divosa monitor vroegsignalering) --------------------------------------------------------
// Every indicator has one definition in docs/monitor-indicatoren.md and one SQL computation
// (src/server/modules/monitor/repository.ts); the dashboard, the CSV and the PDF show the same cells.

/** Cells based on fewer residents than this are suppressed for policy advisers ("<5"); one rule for all reports. */
export { SUPPRESSION_THRESHOLD } from '../suppression.ts';

export const MONITOR_INDICATORS = [
  { id: 'signalen_per_1000', unit: 'rate' },
  { id: 'signalen_per_partnertype', unit: 'count' },
  { id: 'aandeel_signalen_melding', unit: 'share' },
  { id: 'aandeel_enkelvoudig', unit: 'share' },
  { id: 'aandeel_meervoudig', unit: 'share' },
  { id: 'aandeel_opeenvolgend', unit: 'share' },
  { id: 'contactpogingen_per_soort', unit: 'count' },
  { id: 'aandeel_bereikt', unit: 'share' },
  { id: 'aandeel_hulp_aanvaard_van_bereikt', unit: 'share' },
  { id: 'aandeel_hulp_aanvaard', unit: 'share' },
  { id: 'eindresultaten', unit: 'count' },
  { id: 'dagen_tot_oppakken_mediaan', unit: 'days' },
  { id: 'dagen_tot_oppakken_p90', unit: 'days' },
  { id: 'dagen_tot_eerste_contact_mediaan', unit: 'days' },
  { id: 'dagen_tot_eerste_contact_p90', unit: 'days' },
  { id: 'aandeel_binnen_termijn', unit: 'share' },
  { id: 'crisissignalen', unit: 'count' },
  { id: 'crisis_dagen_tot_oppakken_mediaan', unit: 'days' },
] as const;
export type MonitorIndicatorId = (typeof MONITOR_INDICATORS)[number]['id'];
export type MonitorUnit = (typeof MONITOR_INDICATORS)[number]['unit'];

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const MonitorQuery = z.strictObject({
  van: IsoDate.optional().describe(
    'First day (inclusive); default: the first day of the month eleven months before the month of tot',
  ),
  tot: IsoDate.optional().describe(
    'Last day (inclusive); default: the last day of the current month (today when only van is given). Whole ' +
      'months are read from the monthly rollups; parts of months are counted live and take longer.',
  ),
  wijkId: z.uuid().optional().describe('Only this wijk of the active municipality'),
  regio: z
    .enum(['true', 'false'])
    .optional()
    .describe('Also the municipalities of the region side by side (those you hold a monitor role in)'),
  taal: z.enum(['nl', 'en']).optional().describe('Language of labels and numbers in CSV and PDF'),
});
export type MonitorQueryInput = z.infer<typeof MonitorQuery>;

/** A value, or null when suppressed or not computable; `display` is what the dashboard, CSV and PDF print. */
export const MonitorCellSchema = z.object({
  value: z.number().nullable(),
  suppressed: z.boolean(),
  display: z.string(),
});
export type MonitorCell = z.infer<typeof MonitorCellSchema>;

export const MonitorRowSchema = z.object({
  indicator: z.string(),
  unit: z.enum(['rate', 'count', 'share', 'days']),
  /** For breakdowns (partner type, contact kind, end result); null for a single figure. */
  category: z.string().nullable(),
  current: MonitorCellSchema,
  previous: MonitorCellSchema,
});
export type MonitorRow = z.infer<typeof MonitorRowSchema>;

const PeriodSchema = z.object({ van: z.string(), tot: z.string() });

export const MonitorMunicipalitySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  cbsCode: z.string(),
  rows: z.array(MonitorRowSchema),
});

export const MonitorResponseSchema = z
  .object({
    period: PeriodSchema,
    previousPeriod: PeriodSchema,
    wijk: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
    suppressed: z.boolean().describe('Whether small cells (<5) are hidden for this user'),
    municipality: MonitorMunicipalitySchema,
    region: z.array(MonitorMunicipalitySchema).nullable(),
  })
  .meta({ id: 'MonitorDashboard' });
export type MonitorResponse = z.infer<typeof MonitorResponseSchema>;
