import { beforeAll, describe, expect, it } from 'vitest';
import { ApiProblem } from '../../api.ts';
import { i18n, initI18n } from '../../i18n/index.ts';
import { budgetFieldErrors, budgetProblemMessage } from './parts.tsx';

const problem = (slug: string, status = 409, invalidParams: ApiProblem['invalidParams'] = []) =>
  new ApiProblem({ type: `https://vangnet.nl/problemen/${slug}`, title: 'x', status, invalidParams });

describe('the server problems in words', () => {
  beforeAll(async () => {
    initI18n();
    await i18n.changeLanguage('nl');
  });

  it('names a known refusal by its type, with its values', () => {
    const t = i18n.t.bind(i18n);
    expect(budgetProblemMessage(t, problem('eigen-aanvraag', 403))).toContain(
      'U hebt deze aanvraag zelf gedaan',
    );
    expect(budgetProblemMessage(t, problem('boven-limiet', 403), { limit: '€ 750,00' })).toContain(
      '€ 750,00',
    );
  });

  it('picks the variant when there is one, and the plain message when not', () => {
    const t = i18n.t.bind(i18n);
    expect(budgetProblemMessage(t, problem('boven-limiet', 403), { variant: 'none' })).toContain(
      'geen limiet',
    );
    expect(budgetProblemMessage(t, problem('vog-verlopen'), { variant: 'none' })).toContain('VOG');
  });

  it('falls back to the message of the status for an unknown type', () => {
    const t = i18n.t.bind(i18n);
    expect(budgetProblemMessage(t, problem('iets-nieuws'))).toBe(t('errors.conflict'));
  });

  it('gives field errors in words: own codes, then checks known by their message, then the shared codes', () => {
    const t = i18n.t.bind(i18n);
    const errors = budgetFieldErrors(
      t,
      problem('ongeldige-invoer', 400, [
        { name: 'body.goalId', code: 'goal_not_in_plan', reason: 'Not a goal of this household plan' },
        { name: 'body.payeeIban', code: 'invalid_format', reason: 'Not an IBAN.' },
        { name: 'body.problem', code: 'invalid_type', reason: 'Required' },
      ]),
    );
    expect(errors).toEqual({
      goalId: 'Dit doel hoort niet bij het plan van dit huishouden.',
      payeeIban: 'Dit is geen IBAN. Schrijf het zo: NL91 ABNA 0417 1643 00.',
      problem: t('errors.required'),
    });
  });
});
