import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLLOWUP_SETTINGS, WorkCalendar } from '../vroegsignalering/followup/deadlines.ts';
import {
  addMonths,
  type ClockFacts,
  DEFAULT_DEBT_HELP_SETTINGS,
  firstConversationDue,
  trajectoryClocks,
} from './clocks.ts';
import { parseDebtCsv } from './debt-csv.ts';
import { currentPhase, type PhaseFacts, periodProblems, phaseProblems } from './policy.ts';

const cal = new WorkCalendar(DEFAULT_FOLLOWUP_SETTINGS);

describe('statutory clocks', () => {
  it('gives the first conversation 4 weeks, or 3 working days when threatening (holidays skipped)', () => {
    // Thursday 2026-04-23: + 3 working days passes Koningsdag (Monday 27 April) → Wednesday 29 April.
    expect(firstConversationDue(cal, '2026-04-23', true)).toBe('2026-04-29');
    // 4 weeks after Friday 2026-11-27 is Friday 2026-12-25 (Kerstmis) → Monday 28 December.
    expect(firstConversationDue(cal, '2026-11-27', false)).toBe('2026-12-28');
    expect(firstConversationDue(cal, '2026-03-02', false)).toBe('2026-03-30');
  });

  it('adds months the way PostgreSQL does (end of month clamps)', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-01-15', 18)).toBe('2026-07-15');
    expect(addMonths('2025-12-31', 1)).toBe('2026-01-31');
  });

  const facts: ClockFacts = {
    requestedOn: '2026-01-05',
    firstConversationDue: '2026-02-02',
    firstConversationOn: null,
    beschikkingOn: null,
    oplossingSoort: null,
    oplossingStart: null,
    oplossingEnd: null,
    uitstroomOn: null,
    periods: [],
  };

  it('states each clock: on track, due soon, overdue, met and met late', () => {
    const at = (today: string, f: Partial<ClockFacts> = {}) =>
      trajectoryClocks(cal, DEFAULT_DEBT_HELP_SETTINGS, { ...facts, ...f }, today).map((c) => [
        c.clock,
        c.state,
      ]);
    expect(at('2026-01-10')).toEqual([['eerste_gesprek', 'on_track']]);
    expect(at('2026-01-29')).toEqual([['eerste_gesprek', 'due_soon']]);
    expect(at('2026-02-03')).toEqual([['eerste_gesprek', 'overdue']]);
    expect(at('2026-02-03', { firstConversationOn: '2026-02-02' })).toEqual([
      ['eerste_gesprek', 'met'],
      ['beschikking', 'on_track'],
    ]);
    // The decision 8 weeks after the first conversation of 2 February: 30 March.
    expect(at('2026-04-01', { firstConversationOn: '2026-02-02' })).toEqual([
      ['eerste_gesprek', 'met'],
      ['beschikking', 'overdue'],
    ]);
    expect(at('2026-04-01', { firstConversationOn: '2026-02-04', beschikkingOn: '2026-03-20' })).toEqual([
      ['eerste_gesprek', 'met_late'],
      ['beschikking', 'met'],
    ]);
    // An ended trajectory leaves no open clock behind.
    expect(at('2026-04-01', { uitstroomOn: '2026-01-20' })).toEqual([['eerste_gesprek', 'met']]);
  });

  it('runs a crisis intervention 2 weeks, a moratorium 6 months and a schuldregeling 18 months', () => {
    const clocks = trajectoryClocks(
      cal,
      DEFAULT_DEBT_HELP_SETTINGS,
      {
        ...facts,
        firstConversationOn: '2026-01-06',
        beschikkingOn: '2026-01-20',
        oplossingSoort: 'Saneringskrediet',
        oplossingStart: '2026-02-01',
        periods: [
          { id: 'c', kind: 'crisisinterventie', startOn: '2026-01-05', endOn: null },
          { id: 'm', kind: 'moratorium', startOn: '2026-01-10', endOn: null },
        ],
      },
      '2026-01-21',
    );
    expect(clocks.map((c) => [c.clock, c.due, c.state])).toEqual([
      ['eerste_gesprek', '2026-02-02', 'met'],
      ['beschikking', '2026-03-03', 'met'],
      ['crisisinterventie', '2026-01-19', 'overdue'],
      ['moratorium', '2026-07-10', 'on_track'],
      ['schuldregeling', '2027-08-01', 'on_track'],
    ]);
    // A betalingsregeling pays in full: no 18-month clock.
    const plain = trajectoryClocks(
      cal,
      DEFAULT_DEBT_HELP_SETTINGS,
      { ...facts, oplossingSoort: 'Betalingsregeling', oplossingStart: '2026-02-01' },
      '2026-01-21',
    );
    expect(plain.map((c) => c.clock)).toEqual(['eerste_gesprek']);
  });
});

describe('phase rules', () => {
  const f: PhaseFacts = {
    requestedOn: '2026-01-05',
    firstConversationOn: null,
    infoAdviesStart: null,
    beschikkingOn: null,
    beschikkingssoort: null,
    stabilisatieStart: null,
    oplossingSoort: null,
    oplossingStart: null,
    nazorgStart: null,
    uitstroomOn: null,
  };
  const codes = (facts: PhaseFacts, body: Parameters<typeof phaseProblems>[1]) =>
    phaseProblems(facts, body, '2026-06-01').map((p) => `${p.name}:${p.code}`);

  it('derives the current phase from the furthest phase that started', () => {
    expect(currentPhase(f)).toBe('aanmelding');
    expect(currentPhase({ ...f, infoAdviesStart: '2026-01-06' })).toBe('informatie_en_advies');
    expect(currentPhase({ ...f, firstConversationOn: '2026-01-06' })).toBe('intake');
    expect(currentPhase({ ...f, oplossingStart: '2026-03-01', nazorgStart: '2026-05-01' })).toBe('nazorg');
    expect(currentPhase({ ...f, uitstroomOn: '2026-05-01' })).toBe('uitstroom');
  });

  it('refuses dates in the future, before the help request, and ends before starts', () => {
    expect(codes(f, { fase: 'intake', version: 1, startdatum: '2026-07-01' })).toEqual([
      'body.startdatum:in_future',
    ]);
    expect(codes(f, { fase: 'intake', version: 1, startdatum: '2026-01-01' })).toEqual([
      'body.startdatum:before_aanmelding',
    ]);
    expect(
      codes(f, { fase: 'stabilisatie', version: 1, startdatum: '2026-03-01', einddatum: '2026-02-01' }),
    ).toEqual(['body.einddatum:end_before_start']);
  });

  it('keeps the order of the trajectory: decision after intake, solution after admission', () => {
    expect(
      codes(f, { fase: 'beschikking', version: 1, datum: '2026-02-01', soort: 'Toelatingsbeschikking' }),
    ).toEqual(['body.datum:intake_not_started']);
    expect(
      codes(
        { ...f, firstConversationOn: '2026-01-10' },
        { fase: 'beschikking', version: 1, datum: '2026-01-09', soort: 'Toelatingsbeschikking' },
      ),
    ).toEqual(['body.datum:before_first_conversation']);
    const refused = {
      ...f,
      firstConversationOn: '2026-01-10',
      beschikkingOn: '2026-02-01',
      beschikkingssoort: 'Afwijzingsbeschikking',
    };
    expect(
      codes(refused, { fase: 'oplossing', version: 1, soort: 'Betalingsregeling', startdatum: '2026-03-01' }),
    ).toEqual(['body.soort:not_admitted']);
    expect(codes(refused, { fase: 'planVanAanpak', version: 1, datumAfronding: '2026-03-01' })).toEqual([
      'body.datumAfronding:not_admitted',
    ]);
  });

  it('enforces the statutory maxima: 18 months of schuldregeling, 6 months of moratorium', () => {
    const admitted = {
      ...f,
      requestedOn: '2024-01-05',
      firstConversationOn: '2024-01-10',
      beschikkingOn: '2024-02-01',
      beschikkingssoort: 'Toelatingsbeschikking',
    };
    expect(
      codes(admitted, {
        fase: 'oplossing',
        version: 1,
        soort: 'Schuldbemiddeling',
        startdatum: '2024-03-01',
        einddatum: '2025-09-02',
      }),
    ).toEqual(['body.einddatum:schuldregeling_too_long']);
    expect(
      codes(admitted, {
        fase: 'oplossing',
        version: 1,
        soort: 'Schuldbemiddeling',
        startdatum: '2024-03-01',
        einddatum: '2025-09-01',
      }),
    ).toEqual([]);
    const moratorium = (einddatum: string) =>
      periodProblems(admitted, 'moratorium', { startdatum: '2024-03-01', einddatum }, '2026-06-01').map(
        (p) => p.code,
      );
    expect(moratorium('2024-09-01')).toEqual([]);
    expect(moratorium('2024-09-02')).toEqual(['moratorium_too_long']);
  });

  it('needs a schuldregeling solution before a schuldregeling, and dwangakkoord for its request', () => {
    expect(
      codes(
        { ...f, oplossingSoort: 'Betalingsregeling', oplossingStart: '2026-02-01' },
        {
          fase: 'schuldregeling',
          version: 1,
          datum: '2026-02-01',
          dwangakkoord: false,
          datumVerzoekDwangakkoord: '2026-03-01',
        },
      ),
    ).toEqual(['body.datum:not_a_schuldregeling', 'body.dwangakkoord:dwangakkoord_required']);
  });
});

describe('debt list CSV', () => {
  it('keeps the good lines and names every bad line, column and reason', () => {
    const csv = [
      'Schuldeiser;Soort;Oorspronkelijk bedrag;Huidig bedrag;Status;Peildatum;KvK',
      'Woningcorporatie Zuid;Publiek;1.234,56;1.000,00;aanbod verstuurd;01-02-2026;12345678',
      'Energie BV;nuts;€ 300;;;;',
      ';Zorg;100;;;;',
      'Buurman;Overig;-50;;;;',
      'Telefoon BV;Telecom;100;;;;',
      'Later BV;Overig;100;;;01-01-2030;',
      'Kort;Zorg;10',
    ].join('\n');
    const { debts, problems } = parseDebtCsv(csv, { today: '2026-06-01' });
    expect(
      debts.map((d) => [d.row, d.creditorName, d.schuldsoort, d.originalCents, d.currentCents, d.status]),
    ).toEqual([
      [2, 'Woningcorporatie Zuid', 'Publiek', 123_456, 100_000, 'aanbod_verstuurd'],
      [3, 'Energie BV', 'Nuts', 30_000, 30_000, 'in_inventarisatie'],
    ]);
    expect(debts[0]?.establishedOn).toBe('2026-02-01');
    expect(debts[1]?.establishedOn).toBe('2026-06-01');
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, 'Schuldeiser', 'required'],
      [5, 'Oorspronkelijk bedrag', 'negative_amount'],
      [6, 'Soort', 'invalid_schuldsoort'],
      [7, 'Peildatum', 'in_future'],
      [8, '', 'column_count'],
    ]);
  });

  it('refuses a file without the required columns, and reports unknown columns', () => {
    const { debts, problems } = parseDebtCsv('Naam,Bedrag,Kleur\nA,1,rood\n', { today: '2026-06-01' });
    expect(debts).toEqual([]);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, 'Naam', 'unknown_column'],
      [1, 'Kleur', 'unknown_column'],
      [1, 'schuldeiser', 'missing_column'],
      [1, 'soort', 'missing_column'],
    ]);
  });
});
