// The rules engine's one entry point: validate the input with the shared schema, compute with the dated
// parameters of the peildatum, and return the result with its explanation.
import type { z } from 'zod';
import { REGEL_INPUTS, type REGEL_RESULTS, type Regel } from '../../../../shared/schemas/berekeningen.ts';
import { berekenBeslagvrijeVoet } from './beslagvrije-voet.ts';
import { berekenBijstandsnorm } from './bijstandsnorm.ts';
import { Berekening, cents } from './context.ts';
import { huurtoeslagPerMaand } from './huurtoeslag.ts';
import { kindgebondenBudgetPerJaar } from './kindgebonden-budget.ts';
import { zorgtoeslagPerJaar } from './zorgtoeslag.ts';

export type RegelInput<R extends Regel> = z.input<(typeof REGEL_INPUTS)[R]>;
export type RegelResultaat<R extends Regel> = z.infer<(typeof REGEL_RESULTS)[R]>;

type Compute<R extends Regel> = (
  b: Berekening,
  input: RegelInput<R>,
) => Omit<RegelResultaat<R>, 'regel' | 'peildatum' | 'toelichting'>;

const COMPUTE: { [R in Regel]: Compute<R> } = {
  'beslagvrije-voet': (b, i) => berekenBeslagvrijeVoet(b, i),
  bijstandsnorm: (b, i) => berekenBijstandsnorm(b, i),
  zorgtoeslag: (b, i) => {
    const jaar = zorgtoeslagPerJaar(b, i);
    b.stap('zorgtoeslag', 'Zorgtoeslag per jaar', jaar);
    return { zorgtoeslagPerJaar: jaar, zorgtoeslagPerMaand: cents(jaar / 12) };
  },
  huurtoeslag: (b, i) => {
    const { bedrag, systeem } = huurtoeslagPerMaand(b, i);
    b.stap('huurtoeslag', 'Huurtoeslag per maand', bedrag);
    return {
      huurtoeslagPerMaand: bedrag,
      huurtoeslagPerJaar: cents(bedrag * 12),
      systeem: String(systeem) as '2025' | '2026',
    };
  },
  'kindgebonden-budget': (b, i) => {
    const jaar = kindgebondenBudgetPerJaar(b, i);
    b.stap('kindgebonden-budget', 'Kindgebonden budget per jaar', jaar);
    return { kindgebondenBudgetPerJaar: jaar, kindgebondenBudgetPerMaand: cents(jaar / 12) };
  },
};

/** Computes one rule on input that already passed its schema. Throws RegelInputError for a date out of range. */
export function bereken<R extends Regel>(regel: R, input: RegelInput<R>): RegelResultaat<R> {
  const b = new Berekening(input.peildatum);
  const uitkomst = COMPUTE[regel](b, input);
  return {
    regel,
    peildatum: input.peildatum,
    ...uitkomst,
    toelichting: b.toelichting(),
  } as RegelResultaat<R>;
}

/** Validates raw input (from JSON) and computes; the zod error is thrown as is for the caller to present. */
export function berekenOnbewerkt(regel: Regel, raw: unknown): RegelResultaat<Regel> {
  const input = REGEL_INPUTS[regel].parse(raw);
  return bereken(regel, input as RegelInput<typeof regel>);
}
