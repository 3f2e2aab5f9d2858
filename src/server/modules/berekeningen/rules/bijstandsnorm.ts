import type {
  BijstandsnormResultaat,
  LeefsituatieBijstand,
} from '../../../../shared/schemas/berekeningen.ts';
import { type Berekening, cents } from './context.ts';

export type BijstandsnormVraag = {
  leefsituatie: LeefsituatieBijstand;
  leeftijd: number;
  leeftijdPartner?: number | undefined;
  kostendelers?: number | undefined;
  metKinderen?: boolean | undefined;
};

const PW = 'Participatiewet (BWBR0015703)';

/**
 * The bijstandsnorm incl. vakantietoeslag per month. Participatiewet art. 20 (18-20 jaar), 21 (21 tot AOW-leeftijd),
 * 22 (AOW-leeftijd) and 22a (kostendelersnorm: (40 + A x 30) / (A x 100) x de gehuwdennorm, per kostendeler).
 */
export function bijstandsnorm(b: Berekening, v: BijstandsnormVraag): { norm: number; categorie: string } {
  const aow = b.p.get('bijstandsnormen', 'aow_leeftijd');
  const gehuwd = v.leefsituatie === 'gehuwd';
  const leeftijden = gehuwd ? [v.leeftijd, v.leeftijdPartner ?? v.leeftijd] : [v.leeftijd];
  const jongeren = leeftijden.filter((l) => l < 21).length;
  const aowBereikt = leeftijden.some((l) => l >= aow);
  let norm: number;
  let categorie: string;
  let artikel: string;

  if (aowBereikt) {
    // Art. 22: one partner at AOW age is enough for the AOW norm of the couple.
    norm = b.p.get('bijstandsnormen', gehuwd ? 'norm_gehuwden_aow' : 'norm_alleenstaande_aow');
    categorie = gehuwd ? 'gehuwden-aow' : 'alleenstaande-aow';
    artikel = `art. 22, onderdeel ${gehuwd ? 'b' : 'a'}`;
  } else if (jongeren > 0) {
    // Art. 20: youth norms; a single parent of 18-20 gets the youth norm too (the kindgebonden budget compensates).
    if (!gehuwd) {
      norm = b.p.get('bijstandsnormen', 'norm_alleenstaande_18_20');
      categorie = 'alleenstaande-18-20';
    } else {
      const beiden = jongeren === 2;
      const kinderen = v.metKinderen ?? false;
      const naam = `norm_gehuwden_${beiden ? 'beiden' : 'een'}_18_20_${kinderen ? 'met' : 'zonder'}_kinderen`;
      norm = b.p.get('bijstandsnormen', naam);
      categorie = `gehuwden-${beiden ? 'beiden' : 'een'}-18-20-${kinderen ? 'met' : 'zonder'}-kinderen`;
    }
    artikel = 'art. 20';
  } else {
    norm = b.p.get('bijstandsnormen', gehuwd ? 'norm_gehuwden_21_aow' : 'norm_alleenstaande_21_aow');
    categorie = gehuwd ? 'gehuwden-21-aow' : 'alleenstaande-21-aow';
    artikel = `art. 21, onderdeel ${gehuwd ? 'b' : 'a'}`;
  }
  b.stap('basisnorm', `Norm ${categorie} (inclusief vakantietoeslag)`, norm, `${PW} ${artikel}`);

  const a = v.kostendelers ?? 1;
  if (a > 1) {
    if (jongeren > 0) {
      // Art. 22a lid 1 applies from 21; the youth norms are already low and are not reduced further.
      b.waarschuw(
        'De kostendelersnorm geldt niet voor een belanghebbende jonger dan 21 jaar; de jongerennorm blijft.',
      );
    } else {
      const gehuwdennorm = b.p.get(
        'bijstandsnormen',
        aowBereikt ? 'norm_gehuwden_aow' : 'norm_gehuwden_21_aow',
      );
      const fractie = (40 + a * 30) / (a * 100);
      const perPersoon = fractie * gehuwdennorm;
      norm = gehuwd ? 2 * perPersoon : perPersoon;
      categorie = `${categorie}-kostendelers-${a}`;
      b.stap(
        'kostendelersnorm',
        `Kostendelersnorm bij ${a} kostendelers: (40 + ${a} x 30) / (${a} x 100) = ${(fractie * 100).toFixed(2)} % van de gehuwdennorm ${gehuwdennorm.toFixed(2)}${gehuwd ? ', voor beide partners samen' : ''}`,
        norm,
        `${PW} art. 22a, eerste en tweede lid`,
      );
      b.p.get('bijstandsnormen', 'kostendelers_minimumleeftijd');
    }
  }
  return { norm: cents(norm), categorie };
}

export function berekenBijstandsnorm(
  b: Berekening,
  v: BijstandsnormVraag,
): Omit<BijstandsnormResultaat, 'regel' | 'peildatum' | 'toelichting'> {
  const { norm, categorie } = bijstandsnorm(b, v);
  const fractie = b.p.get('bijstandsnormen', 'vakantietoeslag_fractie');
  const vakantietoeslag = cents(norm * fractie);
  const excl = cents(norm - vakantietoeslag);
  b.stap(
    'vakantietoeslag',
    `Waarvan vakantietoeslag (${fractie * 100} % van de norm)`,
    vakantietoeslag,
    `${PW} art. 19, derde lid`,
  );
  b.stap('norm-excl-vakantietoeslag', 'Norm zonder vakantietoeslag (maandelijks uitbetaald)', excl);
  b.stap('norm', 'Bijstandsnorm per maand inclusief vakantietoeslag', norm);
  return {
    normPerMaand: norm,
    normExclVakantietoeslag: excl,
    vakantietoeslagPerMaand: vakantietoeslag,
    categorie,
  };
}
