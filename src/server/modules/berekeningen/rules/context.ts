import type { Stap, Toelichting } from '../../../../shared/schemas/berekeningen.ts';
import { ParameterReader, weakest } from '../parameters.ts';

/** What a formula writes into while it computes: parameters it read, steps it took, warnings it raised. */
export class Berekening {
  readonly p: ParameterReader;
  private readonly stappen: Stap[] = [];
  private readonly waarschuwingen = new Set<string>();

  constructor(readonly peildatum: string) {
    this.p = new ParameterReader(peildatum);
  }

  stap(code: string, omschrijving: string, bedrag: number | null, wet?: string): void {
    this.stappen.push({
      code,
      omschrijving,
      bedrag: bedrag === null ? null : cents(bedrag),
      ...(wet ? { wet } : {}),
    });
  }

  waarschuw(tekst: string): void {
    this.waarschuwingen.add(tekst);
  }

  toelichting(): Toelichting {
    const parameters = this.p.parameters();
    const betrouwbaarheid = weakest(parameters.map((x) => x.status));
    const waarschuwingen = [...this.waarschuwingen];
    if (betrouwbaarheid === 'onzeker') {
      waarschuwingen.push(
        'Een of meer gebruikte bedragen zijn niet in een officiële bron gecontroleerd (status "onzeker"): gebruik de uitkomst als indicatie.',
      );
    }
    return { stappen: this.stappen, parameters, waarschuwingen, betrouwbaarheid };
  }
}

/** Rounds euros to cents, half away from zero (as in the published tables). */
export function cents(x: number): number {
  return (Math.sign(x) * Math.round(Math.abs(x) * 100 + Number.EPSILON)) / 100;
}

export const pos = (x: number) => Math.max(0, x);
