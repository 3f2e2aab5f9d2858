import { describe, expect, it } from 'vitest';
import { DDAS_EINDRESULTATEN, DDAS_SIGNAALSTATUSSEN } from '../../../../shared/ddas.ts';
import { feedbackOf } from './policy.ts';

describe('what a partner may learn of a signal', () => {
  it('says nothing yet while the signal has not been looked at', () => {
    expect(
      feedbackOf({ ddasStatus: 'Nog niet opgepakt', meldingStatus: 'open', eindresultaat: null }),
    ).toEqual({
      takenUp: null,
      helpAccepted: null,
    });
  });

  it('gives every "not taken up" status as the same false, so no reason can be read from it', () => {
    const notTakenUp = DDAS_SIGNAALSTATUSSEN.filter((s) => s !== 'Opgepakt' && s !== 'Nog niet opgepakt');
    expect(notTakenUp).toContain('Niet opgepakt: andere reden');
    const answers = notTakenUp.flatMap((ddasStatus) =>
      DDAS_EINDRESULTATEN.map((eindresultaat) =>
        JSON.stringify(feedbackOf({ ddasStatus, meldingStatus: 'afgesloten', eindresultaat })),
      ),
    );
    expect(new Set(answers)).toEqual(new Set([JSON.stringify({ takenUp: false, helpAccepted: null })]));
  });

  it('tells whether help was accepted only once the melding is closed', () => {
    expect(
      feedbackOf({ ddasStatus: 'Opgepakt', meldingStatus: 'in_behandeling', eindresultaat: null }),
    ).toEqual({ takenUp: true, helpAccepted: null });
    expect(
      feedbackOf({
        ddasStatus: 'Opgepakt',
        meldingStatus: 'afgesloten',
        eindresultaat: 'Vervolghulp en/of verwijzing financieel',
      }),
    ).toEqual({ takenUp: true, helpAccepted: true });
    expect(
      feedbackOf({
        ddasStatus: 'Opgepakt',
        meldingStatus: 'afgesloten',
        eindresultaat: 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
      }),
    ).toEqual({ takenUp: true, helpAccepted: false });
  });

  it('never reveals that the resident is already in debt help', () => {
    for (const eindresultaat of [
      'Inwoner al bekend bij schuldhulpverlening',
      'Inwoner heeft al een ander lopend traject',
    ] as const) {
      expect(feedbackOf({ ddasStatus: 'Opgepakt', meldingStatus: 'afgesloten', eindresultaat })).toEqual({
        takenUp: true,
        helpAccepted: null,
      });
    }
  });

  it('answers only the two allowed facts for every status and end result', () => {
    for (const ddasStatus of DDAS_SIGNAALSTATUSSEN)
      for (const eindresultaat of [...DDAS_EINDRESULTATEN, null])
        for (const meldingStatus of ['open', 'in_behandeling', 'afgesloten', null]) {
          const f = feedbackOf({ ddasStatus, meldingStatus, eindresultaat });
          expect(Object.keys(f).sort()).toEqual(['helpAccepted', 'takenUp']);
          if (f.takenUp !== true) expect(f.helpAccepted).toBeNull();
        }
  });
});
