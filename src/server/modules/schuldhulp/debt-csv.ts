// Reading a debt list (schuldenlijst) from CSV. Pure: text in, the good debts and every problem (line, column,
// reason) out. A bad line is left out and reported; the good lines are kept. The cell parsers are the ones of the
// vroegsignalering import (Dutch amounts and dates).

import { parse } from 'csv-parse/sync';
import {
  DEBT_STATUSES,
  type DebtStatus,
  SHV_SCHULDENSOORTEN,
  type ShvSchuldensoort,
} from '../../../shared/ddas-shv.ts';
import {
  cleanText,
  parseAmountCents,
  parseBoolean,
  parseDate,
  parsePostcode,
} from '../vroegsignalering/import/values.ts';

export const MAX_DEBT_LINES = 5000;
const MAX_CENTS = 100_000_000_000;

export type ParsedDebt = {
  row: number;
  creditorName: string;
  creditorKvk: string | null;
  creditorPostcode: string | null;
  creditorIsPrivate: boolean;
  schuldsoort: ShvSchuldensoort;
  isBusiness: boolean;
  originalCents: number;
  currentCents: number;
  status: DebtStatus;
  establishedOn: string;
  reference: string | null;
};

export type CsvProblem = { row: number; column: string | null; code: string; reason: string };

type Field =
  | 'schuldeiser'
  | 'soort'
  | 'oorspronkelijk_bedrag'
  | 'huidig_bedrag'
  | 'status'
  | 'peildatum'
  | 'kvk'
  | 'postcode'
  | 'prive'
  | 'zakelijk'
  | 'kenmerk';

const REQUIRED: readonly Field[] = ['schuldeiser', 'soort', 'oorspronkelijk_bedrag'];

/** Header names as people write them; compared without case, spaces, dashes and underscores. */
const ALIASES: Record<Field, string[]> = {
  schuldeiser: ['schuldeiser', 'naamschuldeiser', 'crediteur', 'creditor'],
  soort: ['soort', 'schuldsoort', 'type', 'schuldensoort'],
  oorspronkelijk_bedrag: ['oorspronkelijkbedrag', 'oorspronkelijk', 'bedrag', 'originalamount', 'hoofdsom'],
  huidig_bedrag: ['huidigbedrag', 'huidig', 'openstaand', 'openstaandbedrag', 'saldo', 'currentamount'],
  status: ['status'],
  peildatum: ['peildatum', 'datum', 'vastgesteldop'],
  kvk: ['kvk', 'kvknummer'],
  postcode: ['postcode', 'postcodeschuldeiser'],
  prive: ['prive', 'privé', 'priveperson', 'privepersoon', 'particulier'],
  zakelijk: ['zakelijk', 'zakelijkeschuld'],
  kenmerk: ['kenmerk', 'referentie', 'dossiernummer', 'reference'],
};

const key = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');

function fieldOf(header: string): Field | null {
  const k = key(header);
  for (const [field, names] of Object.entries(ALIASES) as [Field, string[]][])
    if (names.map(key).includes(k)) return field;
  return null;
}

const STATUS_WORDS: Record<string, DebtStatus> = Object.fromEntries([
  ...DEBT_STATUSES.map((s) => [key(s), s]),
  [key('inventarisatie'), 'in_inventarisatie'],
  [key('aanbod'), 'aanbod_verstuurd'],
  [key('voorstel verstuurd'), 'aanbod_verstuurd'],
  [key('akkoord schuldeiser'), 'akkoord'],
  [key('afgelost'), 'betaald'],
]);

function detectDelimiter(text: string): ';' | ',' | '\t' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = {
    ';': header.split(';').length,
    ',': header.split(',').length,
    '\t': header.split('\t').length,
  };
  return (Object.entries(counts).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ';') as ';' | ',' | '\t';
}

/** Parses a whole debt list. `trajectoryRequestedOn` and `today` bound the peildatum. */
export function parseDebtCsv(
  text: string,
  opts: { today: string },
): { debts: ParsedDebt[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return {
      debts: [],
      problems: [
        {
          row: e.lines ?? 1,
          column: null,
          code: 'csv_unreadable',
          reason: `The file cannot be read as CSV from this line on: ${e.message ?? 'unknown error'}`,
        },
      ],
    };
  }
  const [head, ...body] = records;
  if (!head)
    return {
      debts: [],
      problems: [{ row: 1, column: null, code: 'empty_file', reason: 'The file is empty.' }],
    };
  const columns = head.record.map((h) => cleanText(h));
  const fields = columns.map(fieldOf);
  for (const [i, f] of fields.entries()) {
    if (!f)
      problems.push({
        row: 1,
        column: columns[i] ?? null,
        code: 'unknown_column',
        reason: 'This column is not known and is left out.',
      });
  }
  const seen = new Set<Field>();
  for (const [i, f] of fields.entries()) {
    if (!f) continue;
    if (seen.has(f))
      problems.push({
        row: 1,
        column: columns[i] ?? null,
        code: 'duplicate_column',
        reason: 'This column appears twice.',
      });
    seen.add(f);
  }
  const missing = REQUIRED.filter((f) => !seen.has(f));
  if (missing.length > 0) {
    for (const f of missing)
      problems.push({ row: 1, column: f, code: 'missing_column', reason: `The column ${f} is required.` });
    return { debts: [], problems };
  }
  if (body.length > MAX_DEBT_LINES) {
    problems.push({
      row: 1,
      column: null,
      code: 'too_many_lines',
      reason: `A debt list has at most ${MAX_DEBT_LINES} lines; this one has ${body.length}.`,
    });
    return { debts: [], problems };
  }

  const debts: ParsedDebt[] = [];
  for (const { record, info } of body) {
    const row = info.lines;
    if (record.every((c) => c.trim() === '')) continue;
    const lineProblems: CsvProblem[] = [];
    const bad = (column: string, code: string, reason: string) =>
      lineProblems.push({ row, column, code, reason });
    if (record.length !== columns.length)
      bad('', 'column_count', `This line has ${record.length} cells; the header has ${columns.length}.`);
    const cell = (f: Field): { column: string; value: string } | null => {
      const i = fields.indexOf(f);
      if (i < 0) return null;
      return { column: columns[i] ?? f, value: cleanText(record[i] ?? '') };
    };

    const creditor = cell('schuldeiser');
    const creditorName = creditor?.value ?? '';
    if (!creditorName) bad(creditor?.column ?? 'schuldeiser', 'required', 'The creditor is empty.');
    else if (creditorName.length > 200)
      bad(creditor?.column ?? 'schuldeiser', 'too_long', 'At most 200 characters.');

    const soortCell = cell('soort');
    const schuldsoort = SHV_SCHULDENSOORTEN.find((s) => key(s) === key(soortCell?.value ?? ''));
    if (!schuldsoort)
      bad(
        soortCell?.column ?? 'soort',
        'invalid_schuldsoort',
        `"${soortCell?.value ?? ''}" is not a schuldsoort (${SHV_SCHULDENSOORTEN.join(', ')}).`,
      );

    const amount = (f: Field, required: boolean): number | null => {
      const c = cell(f);
      if (!c || c.value === '') {
        if (required) bad(c?.column ?? f, 'required', 'The amount is empty.');
        return null;
      }
      const parsed = parseAmountCents(c.value);
      if (!parsed.ok) {
        bad(c.column, 'invalid_amount', `"${c.value}" is not an amount.`);
        return null;
      }
      if (parsed.value < 0) {
        bad(c.column, 'negative_amount', 'An amount cannot be negative.');
        return null;
      }
      if (parsed.value > MAX_CENTS) {
        bad(c.column, 'amount_too_large', 'This amount is implausibly large.');
        return null;
      }
      return parsed.value;
    };
    const originalCents = amount('oorspronkelijk_bedrag', true);
    const currentCents = amount('huidig_bedrag', false);

    let status: DebtStatus = 'in_inventarisatie';
    const statusCell = cell('status');
    if (statusCell && statusCell.value !== '') {
      const s = STATUS_WORDS[key(statusCell.value)];
      if (s) status = s;
      else
        bad(
          statusCell.column,
          'invalid_status',
          `"${statusCell.value}" is not a status (${DEBT_STATUSES.join(', ')}).`,
        );
    }

    let establishedOn = opts.today;
    const dateCell = cell('peildatum');
    if (dateCell && dateCell.value !== '') {
      const d = parseDate(dateCell.value);
      if (!d.ok) bad(dateCell.column, 'invalid_date', `"${dateCell.value}" is not a date.`);
      else if (d.value > opts.today) bad(dateCell.column, 'in_future', 'The peildatum lies in the future.');
      else if (d.value < '1900-01-01')
        bad(dateCell.column, 'invalid_date', 'The peildatum is implausibly early.');
      else establishedOn = d.value;
    }

    let creditorKvk: string | null = null;
    const kvkCell = cell('kvk');
    if (kvkCell && kvkCell.value !== '') {
      const digits = kvkCell.value.replace(/[\s.]/g, '');
      if (/^[0-9]{8}$/.test(digits)) creditorKvk = digits;
      else bad(kvkCell.column, 'invalid_kvk', 'A KvK number has 8 digits.');
    }
    let creditorPostcode: string | null = null;
    const pcCell = cell('postcode');
    if (pcCell && pcCell.value !== '') {
      const pc = parsePostcode(pcCell.value);
      if (pc.ok) creditorPostcode = pc.value;
      else bad(pcCell.column, 'invalid_postcode', `"${pcCell.value}" is not a postcode.`);
    }
    const flag = (f: Field): boolean => {
      const c = cell(f);
      if (!c) return false;
      const b = parseBoolean(c.value);
      if (b.ok) return b.value;
      bad(c.column, 'invalid_boolean', `"${c.value}" is not ja or nee.`);
      return false;
    };
    const creditorIsPrivate = flag('prive');
    const isBusiness = flag('zakelijk');
    const refCell = cell('kenmerk');
    const reference = refCell?.value ? refCell.value : null;
    if (reference && reference.length > 100)
      bad(refCell?.column ?? 'kenmerk', 'too_long', 'At most 100 characters.');

    if (lineProblems.length > 0 || !schuldsoort || originalCents === null) {
      problems.push(...lineProblems);
      continue;
    }
    debts.push({
      row,
      creditorName,
      creditorKvk,
      creditorPostcode,
      creditorIsPrivate,
      schuldsoort,
      isBusiness,
      originalCents,
      currentCents: currentCents ?? originalCents,
      status,
      establishedOn,
      reference,
    });
  }
  return { debts, problems };
}
