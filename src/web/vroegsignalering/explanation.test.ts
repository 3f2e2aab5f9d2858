import { beforeAll, describe, expect, it } from 'vitest';
import { EXPLANATION_CODES, type ExplanationCode } from '../../shared/schemas/rules.ts';
import { i18n, initI18n } from '../i18n/index.ts';
import { conditionExplanation, explanationSentence, groupExplanation } from './explanation.ts';

/** Params as the rules engine stores them for each code. */
const PARAMS: Record<ExplanationCode, Record<string, string | number | boolean | string[]>> = {
  partnerType_in: { values: ['Huur', 'Energie'] },
  amount_gte: { cents: 50000, partnerType: 'Huur' },
  amount_lt: { cents: 7500 },
  daysInArrears_gte: { days: 30 },
  daysInArrears_lt: { days: 1 },
  monthsInArrears_gte: { months: 3 },
  monthsInArrears_lt: { months: 6 },
  age_between: { of: 'youngest', min: 18, max: 30 },
  age_young: { of: 'oldest', min: 18, max: 27 },
  age_aow: { of: 'oldest', min: 67 },
  minorChildren: { value: true },
  enkelvoudig: { value: false },
  meervoudig: { value: true },
  opeenvolgend: { value: true },
  crisis: { value: true },
  knownToShv: { value: false },
  warmHandover: { value: true },
  wijk_in: { wijkIds: ['w1'] },
  signalCount_gte: { count: 2 },
  fallback: { queue: 'Regulier' },
  crisis_override: {
    queue: 'Crisis',
    priority: 1,
    contactStrategy: 'kaartje_brief',
    deadlineWorkingDays: 3,
    changed: ['queue', 'contactStrategy'],
  },
};

describe('explanation sentences', () => {
  beforeAll(async () => {
    initI18n();
    await i18n.changeLanguage('nl');
  });

  for (const language of ['nl', 'en']) {
    it(`has a readable sentence for every explanation code (${language})`, async () => {
      await i18n.changeLanguage(language);
      for (const code of EXPLANATION_CODES) {
        const sentence = explanationSentence(
          i18n.t,
          { code, params: PARAMS[code] },
          { wijkName: () => 'Centrum' },
        );
        expect(sentence, code).not.toMatch(/explanation\.|\{\{/);
        expect(sentence.length, code).toBeGreaterThan(15);
      }
    });
  }

  it('reads like a sentence in Dutch', async () => {
    await i18n.changeLanguage('nl');
    const say = (code: ExplanationCode) =>
      explanationSentence(i18n.t, { code, params: PARAMS[code] }, { wijkName: () => 'Centrum' }).replace(
        /\u00a0/g,
        ' ',
      );
    expect(say('amount_gte')).toBe('De achterstand bij Huur is € 500,00 of meer.');
    expect(say('monthsInArrears_gte')).toBe('De achterstand bestaat 3 maanden of langer.');
    expect(say('enkelvoudig')).toBe('Er zijn signalen van meer dan één partner.');
    expect(say('age_between')).toBe('De jongste volwassene in het huishouden is 18 tot en met 30 jaar oud.');
    expect(say('wijk_in')).toBe('Het adres ligt in Centrum.');
    expect(say('crisis_override')).toBe(
      'Bij een crisis gaat een melding altijd naar Crisis: prioriteit 1, contact per kaartje of brief, binnen 3 ' +
        'werkdagen. Daarvoor is aangepast: het werkbakje, de manier van contact.',
    );
  });

  it('gives a condition the sentence the engine would give', async () => {
    await i18n.changeLanguage('nl');
    const item = conditionExplanation({ field: 'amount', op: 'lt', cents: 2500 });
    expect(item).toEqual({ code: 'amount_lt', params: { cents: 2500 } });
    expect(conditionExplanation({ field: 'age', op: 'aow', of: 'oldest' }).params.min).toBe(67);
  });

  it('groups the items of one rule together', () => {
    const groups = groupExplanation([
      { ruleId: 'a', code: 'crisis', params: { value: true }, met: false },
      { ruleId: 'b', code: 'crisis', params: { value: true }, met: true },
      { ruleId: 'b', code: 'minorChildren', params: { value: true }, met: true },
      { ruleId: null, code: 'crisis_override', params: {}, met: true },
    ]);
    expect(groups.map((g) => [g.ruleId, g.items.length])).toEqual([
      ['a', 1],
      ['b', 2],
      [null, 1],
    ]);
  });
});
