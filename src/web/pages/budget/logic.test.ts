import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../api.ts';
import type { BudgetRequest } from './api.ts';
import {
  amountOf,
  decisionHint,
  gateBody,
  gateDraftOf,
  limitFor,
  periodProblem,
  problemSlug,
  sortBudgets,
  usedPercent,
} from './logic.ts';

const provision = (
  p: BudgetRequest['provisions'][number]['provision'],
  outcome: BudgetRequest['provisions'][number]['outcome'] = 'niet_gecontroleerd',
  note = '',
): BudgetRequest['provisions'][number] => ({
  provision: p,
  label: p,
  likelyEligible: p === 'huurtoeslag',
  estimateYearlyCents: null,
  outcome,
  note,
  checkedByName: null,
  checkedAt: null,
});

describe('limitFor', () => {
  it('takes the highest limit among the roles that have one', () => {
    expect(
      limitFor({ regisseur: 75_000, schuldhulpverlener: 200_000 }, ['regisseur', 'schuldhulpverlener']),
    ).toBe(200_000);
    expect(limitFor({ regisseur: 75_000 }, ['regisseur', 'auditor'])).toBe(75_000);
  });

  it('is null when none of the roles has a limit (a limit of 0 still counts)', () => {
    expect(limitFor({ regisseur: 75_000 }, ['functioneel_beheerder'])).toBeNull();
    expect(limitFor({ regisseur: 0 }, ['regisseur'])).toBe(0);
  });
});

describe('decisionHint', () => {
  const r = {
    requestedBy: { id: 'me', name: 'Me' },
    amountCents: 50_000,
    needsFourEyes: false,
    status: 'ingediend' as const,
  };

  it('says first that one cannot decide on one own request', () => {
    expect(decisionHint(r, 'me', 100_000)).toBe('own');
  });

  it('names a missing limit and an amount above the limit', () => {
    expect(decisionHint(r, 'other', null)).toBe('noLimit');
    expect(decisionHint(r, 'other', 40_000)).toBe('aboveLimit');
    expect(decisionHint(r, 'other', 50_000)).toBeNull();
  });

  it('announces four eyes only before the first approval, and says nothing while the budget loads', () => {
    expect(decisionHint({ ...r, needsFourEyes: true }, 'other', 100_000)).toBe('fourEyes');
    expect(
      decisionHint({ ...r, needsFourEyes: true, status: 'eerste_akkoord' }, 'other', 100_000),
    ).toBeNull();
    expect(decisionHint(r, 'other', undefined)).toBeNull();
  });
});

describe('gateBody', () => {
  const r = {
    version: 4,
    networkConsidered: false,
    networkNote: '',
    provisions: [
      provision('huurtoeslag'),
      provision('zorgtoeslag', 'ontvangt_al', 'sinds 2024'),
      provision('bijstand'),
    ],
  };

  it('sends the network and only the provisions whose outcome or note changed', () => {
    const draft = gateDraftOf(r);
    draft.networkConsidered = true;
    draft.networkNote = '  Zus helpt niet  ';
    draft.provisions.huurtoeslag = { outcome: 'aangevraagd', note: '' };
    draft.provisions.zorgtoeslag = { outcome: 'ontvangt_al', note: 'sinds 2024 ' };
    draft.provisions.bijstand = { outcome: 'niet_gecontroleerd', note: 'nagevraagd' };
    expect(gateBody(r, draft)).toEqual({
      version: 4,
      networkConsidered: true,
      networkNote: 'Zus helpt niet',
      provisions: [
        { provision: 'huurtoeslag', outcome: 'aangevraagd', note: '' },
        { provision: 'bijstand', outcome: 'niet_gecontroleerd', note: 'nagevraagd' },
      ],
    });
  });

  it('sends no provisions when none changed', () => {
    expect(gateBody(r, gateDraftOf(r)).provisions).toEqual([]);
  });
});

describe('problemSlug', () => {
  it('is the last part of the problem type', () => {
    const p = new ApiProblem({
      type: 'https://vangnet.nl/problemen/eigen-aanvraag',
      title: 'Forbidden',
      status: 403,
    });
    expect(problemSlug(p)).toBe('eigen-aanvraag');
  });

  it('is null for a problem without a type and for other errors', () => {
    expect(problemSlug(new ApiProblem({ title: 'x', status: 500 }))).toBeNull();
    expect(problemSlug(new Error('x'))).toBeNull();
  });
});

describe('periodProblem', () => {
  it('accepts a period, also of one day', () => {
    expect(periodProblem('2026-01-01', '2026-03-31')).toBeNull();
    expect(periodProblem('2026-02-01', '2026-02-01')).toBeNull();
  });

  it('refuses an empty date and an end before the start', () => {
    expect(periodProblem('', '2026-03-31')).toBe('required');
    expect(periodProblem('2026-03-31', '2026-01-01')).toBe('before_from');
  });
});

describe('amountOf', () => {
  it('reads euros as people type them', () => {
    expect(amountOf('125,50')).toEqual({ cents: 12_550 });
    expect(amountOf('1.250')).toEqual({ cents: 125_000 });
  });

  it('knows empty, negative and nonsense', () => {
    expect(amountOf(' ')).toEqual({ error: 'required' });
    expect(amountOf('', true)).toEqual({ cents: null });
    expect(amountOf('-5')).toEqual({ error: 'negative_amount' });
    expect(amountOf('vijf')).toEqual({ error: 'invalid_amount' });
  });
});

describe('budgets', () => {
  const budget = (year: number, teamId: string | null, name: string) =>
    ({ id: `${year}-${name}`, year, teamId, name, totalCents: 0, spentCents: 0, committedCents: 0 }) as never;

  it('sorts the newest year first, the whole municipality before its teams', () => {
    const sorted = sortBudgets([budget(2025, null, 'A'), budget(2026, 't', 'B'), budget(2026, null, 'C')]);
    expect(sorted.map((b) => b.id)).toEqual(['2026-C', '2026-B', '2025-A']);
  });

  it('counts paid and promised as used, capped at 100%', () => {
    expect(usedPercent({ totalCents: 1000, spentCents: 250, committedCents: 100 })).toBe(35);
    expect(usedPercent({ totalCents: 100, spentCents: 150, committedCents: 0 })).toBe(100);
    expect(usedPercent({ totalCents: 0, spentCents: 0, committedCents: 0 })).toBe(0);
  });
});
