import type { BeslagvrijeVoetResultaat, LeefsituatieBvv } from '../../../../shared/schemas/berekeningen.ts';
import { bijstandsnorm } from './bijstandsnorm.ts';
import { type Berekening, cents, pos } from './context.ts';
import { huurtoeslagPerMaand } from './huurtoeslag.ts';
import { kindgebondenBudgetPerJaar } from './kindgebonden-budget.ts';
import { zorgtoeslagPerJaar } from './zorgtoeslag.ts';

const RV = 'Rv (BWBR0001827)';

export type BeslagvrijeVoetVraag = {
  leefsituatie: LeefsituatieBvv;
  belastbaarJaarinkomen: number;
  maandinkomen: number;
  bijstand: boolean;
  woonadresInNederland?: boolean | undefined;
  leeftijd?: number | undefined;
  leeftijdPartner?: number | undefined;
  partnerInkomen?: number | undefined;
  eigenAnderInkomen?: number | undefined;
  woonkosten?: number | undefined;
  huurtoeslagOntvangen?: boolean | undefined;
};

const MAXIMUM: Record<LeefsituatieBvv, string> = {
  alleenstaande: 'maximum_alleenstaande',
  'alleenstaande-ouder': 'maximum_alleenstaande_ouder',
  'gehuwd-zonder-kinderen': 'maximum_gehuwd_zonder_kinderen',
  'gehuwd-met-kinderen': 'maximum_gehuwd_met_kinderen',
};

const gehuwd = (l: LeefsituatieBvv) => l === 'gehuwd-zonder-kinderen' || l === 'gehuwd-met-kinderen';
const metKinderen = (l: LeefsituatieBvv) => l === 'alleenstaande-ouder' || l === 'gehuwd-met-kinderen';

/** The published maximum for a leefsituatie (art. 475da lid 1). */
export function maximumBeslagvrijeVoet(b: Berekening, leefsituatie: LeefsituatieBvv): number {
  return b.p.get('beslagvrije-voet', MAXIMUM[leefsituatie]);
}

/**
 * The compensation of art. 475da lid 1 for the middle incomes. The law adds to 95 % of the norm a huurtoeslag, a
 * zorg and a kindgebonden-budget term with fixed coefficients (the terms with C, D, E, H, I, J and K), growing from
 * nothing (income at the norm) to the "maximale compensatiekop" (maximum minus 95 % of the norm) once no toeslag is
 * left. Those coefficients are not in our parameter files, so each term is derived: the kop, in proportion to the
 * share of the maximal toeslagen the household loses at its belastbaar jaarinkomen according to our own toeslag
 * rules (computed silently). At both ends this equals the published amounts; in between it is an approximation, and
 * the result says so. The zorg term can never exceed its share of the kop (art. 475da lid 3).
 */
function compensatie(
  b: Berekening,
  v: BeslagvrijeVoetVraag,
  kop: number,
): { zorg: number; wonen: number; kind: number } {
  const partner = gehuwd(v.leefsituatie);
  const inkomen = v.belastbaarJaarinkomen;
  const zorg = (y: number) =>
    zorgtoeslagPerJaar(b, { toetsingsinkomen: y, toeslagpartner: partner }, false) / 12;
  const huishouden = (partner ? 2 : 1) + (metKinderen(v.leefsituatie) ? 1 : 0);
  // The normhuur of the woonkostenterm: a rent at the aftoppingsgrens of the household size.
  const normhuur = b.p.get(
    'huurtoeslag',
    huishouden >= 3 ? 'aftoppingsgrens_3_personen' : 'aftoppingsgrens_1_2_personen',
  );
  const huur = (y: number) =>
    huurtoeslagPerMaand(
      b,
      { toetsingsinkomen: y, toeslagpartner: partner, huishoudgrootte: huishouden, kaleHuur: normhuur },
      false,
    ).bedrag;
  const kgb = (y: number) =>
    metKinderen(v.leefsituatie)
      ? kindgebondenBudgetPerJaar(
          b,
          { toetsingsinkomen: y, toeslagpartner: partner, leeftijdenKinderen: [6] },
          false,
        ) / 12
      : 0;
  const max = { zorg: zorg(0), wonen: huur(0), kind: kgb(0) };
  const totaal = max.zorg + max.wonen + max.kind;
  if (totaal <= 0) return { zorg: 0, wonen: 0, kind: 0 };
  const deel = (maximaal: number, nu: number) => (kop * Math.min(maximaal, pos(maximaal - nu))) / totaal;
  return {
    zorg: deel(max.zorg, zorg(inkomen)),
    wonen: deel(max.wonen, huur(inkomen)),
    kind: deel(max.kind, kgb(inkomen)),
  };
}

/** Beslagvrije voet per month: Rv art. 475da-475dc, with the deductions of art. 475db. */
export function berekenBeslagvrijeVoet(
  b: Berekening,
  v: BeslagvrijeVoetVraag,
): Omit<BeslagvrijeVoetResultaat, 'regel' | 'peildatum' | 'toelichting'> {
  const formule: '2021-2025' | '2026' =
    b.peildatum >= `${b.p.get('beslagvrije-voet', 'formule_versie_2026_vanaf')}-01-01` ? '2026' : '2021-2025';
  b.stap(
    'formule',
    `Formule ${formule} (${formule === '2026' ? 'woonkostenterm volgens de huurtoeslag 2026' : 'sinds de Wet vereenvoudiging beslagvrije voet'})`,
    null,
  );
  const { norm, categorie } = bijstandsnorm(b, {
    leefsituatie: gehuwd(v.leefsituatie)
      ? 'gehuwd'
      : v.leefsituatie === 'alleenstaande-ouder'
        ? 'alleenstaande-ouder'
        : 'alleenstaande',
    leeftijd: Math.max(21, v.leeftijd ?? 21),
    leeftijdPartner: Math.max(21, v.leeftijdPartner ?? v.leeftijd ?? 21),
    metKinderen: metKinderen(v.leefsituatie),
  });
  const pct = b.p.get('beslagvrije-voet', 'percentage_norm');
  const maximum = maximumBeslagvrijeVoet(b, v.leefsituatie);
  const basis = pct * norm;
  b.stap(
    'maximum',
    `Maximale beslagvrije voet voor ${v.leefsituatie}`,
    maximum,
    `${RV} art. 475da, eerste lid`,
  );

  let bvv: number;
  let groep: BeslagvrijeVoetResultaat['inkomensgroep'];
  let woonkostenMogelijk = true;
  if (v.woonadresInNederland === false) {
    bvv = basis;
    groep = 'geen-woonadres';
    woonkostenMogelijk = false;
    b.stap(
      'geen-woonadres',
      `Geen woonadres in de BRP: ${pct * 100} % van de norm ${categorie}, zonder toeslagcompensatie`,
      bvv,
      `${RV} art. 475da, vierde lid`,
    );
    b.waarschuw(
      'Zonder woonadres in Nederland is de compensatie voor toeslagen niet meegeteld (toeslagen vereisen een woonadres).',
    );
  } else if (v.bijstand) {
    bvv = basis;
    groep = 'bijstand';
    b.stap(
      'bijstand',
      `Bijstandsuitkering: ${pct * 100} % van de toepasselijke norm ${norm.toFixed(2)}`,
      bvv,
      `${RV} art. 475dc, tweede lid`,
    );
  } else if (v.maandinkomen <= norm) {
    const laag = b.p.get('beslagvrije-voet', 'percentage_laag_inkomen');
    bvv = laag * v.maandinkomen;
    groep = 'laag';
    woonkostenMogelijk = false;
    b.stap(
      'laag-inkomen',
      `Maandinkomen ${v.maandinkomen.toFixed(2)} niet hoger dan de norm ${norm.toFixed(2)}: ${laag * 100} % van het maandinkomen`,
      bvv,
      `${RV} art. 475dc, eerste lid`,
    );
  } else {
    b.stap(
      'basis',
      `${pct * 100} % van de bijstandsnorm ${norm.toFixed(2)} (${categorie})`,
      basis,
      `${RV} art. 475da, eerste lid`,
    );
    const kop = pos(maximum - basis);
    b.stap(
      'compensatiekop',
      `Maximale compensatiekop: maximum ${maximum.toFixed(2)} min de basis`,
      kop,
      `${RV} art. 475da, eerste lid`,
    );
    const c = compensatie(b, v, kop);
    b.stap(
      'woonkostenterm',
      'Woonkostenterm: deel van de kop naar rato van de huurtoeslag die door het inkomen wegvalt',
      c.wonen,
      `${RV} art. 475da, eerste lid`,
    );
    b.stap(
      'zorgterm',
      'Zorgterm: deel van de kop naar rato van de weggevallen zorgtoeslag (begrensd)',
      c.zorg,
      `${RV} art. 475da, derde lid`,
    );
    if (metKinderen(v.leefsituatie)) {
      b.stap(
        'kindterm',
        'Kindterm: deel van de kop naar rato van het weggevallen kindgebonden budget',
        c.kind,
        `${RV} art. 475da, eerste lid`,
      );
    }
    const zonderMaximum = basis + c.wonen + c.zorg + c.kind;
    bvv = Math.min(maximum, zonderMaximum);
    groep = zonderMaximum >= maximum - 0.005 ? 'hoog' : 'midden';
    if (groep === 'hoog')
      b.stap(
        'begrensd',
        'Begrensd op het maximum voor deze leefsituatie',
        bvv,
        `${RV} art. 475da, eerste lid`,
      );
    if (groep === 'midden') {
      b.waarschuw(
        'Middeninkomen: de wet berekent de compensatie voor huurtoeslag, zorgtoeslag en kindgebonden budget met vaste coëfficiënten (art. 475da lid 1) die niet in deze gegevensset staan. Hier is de maximale compensatiekop verdeeld naar rato van de toeslagen die door het inkomen wegvallen (eigen toeslagregels). Controleer het bedrag met de rekenmodule beslagvrije voet.',
      );
    }
  }

  if (woonkostenMogelijk && v.woonkosten !== undefined && !v.huurtoeslagOntvangen) {
    const grens = b.p.get('huurtoeslag', 'maximale_huurgrens');
    const verhoging = pos(v.woonkosten - grens);
    if (verhoging > 0) {
      bvv += verhoging;
      b.stap(
        'woonkosten',
        `Woonkosten ${v.woonkosten.toFixed(2)} boven ${grens} zonder huurtoeslag: verhoging met het verschil`,
        verhoging,
        `${RV} art. 475da, vijfde lid`,
      );
      b.waarschuw(
        'De verhoging voor hoge woonkosten (art. 475da lid 5) geldt op verzoek van de schuldenaar; de grens is hier de maximale huurgrens van de huurtoeslag.',
      );
    }
  }

  const eigen = v.eigenAnderInkomen ?? 0;
  if (eigen > 0) {
    const aftrek = Math.min(bvv, eigen);
    bvv -= aftrek;
    b.stap(
      'eigen-ander-inkomen',
      'Eigen ander inkomen waarop geen beslag ligt',
      -aftrek,
      `${RV} art. 475db, eerste lid, onderdeel b`,
    );
  }
  if (gehuwd(v.leefsituatie) && (v.partnerInkomen ?? 0) > 0) {
    const fractie = b.p.get('beslagvrije-voet', 'partner_aftrek_maximum_fractie');
    const aftrek = Math.min(v.partnerInkomen ?? 0, fractie * bvv);
    bvv -= aftrek;
    b.stap(
      'partnerinkomen',
      `Inkomen van de partner, ten hoogste ${fractie * 100} % van de beslagvrije voet`,
      -aftrek,
      `${RV} art. 475db, eerste lid, onderdeel a`,
    );
  }
  b.waarschuw(
    'Niet berekend: de vermindering voor privégebruik van een auto van de zaak (art. 475db lid 1 onder c) en verhogingen door de kantonrechter (art. 475fa).',
  );
  const beslagvrijeVoet = cents(pos(bvv));
  b.stap('beslagvrije-voet', 'Beslagvrije voet per maand', beslagvrijeVoet);
  return {
    beslagvrijeVoet,
    afloscapaciteit: cents(pos(v.maandinkomen - beslagvrijeVoet)),
    inkomensgroep: groep,
    formule,
    maximum,
  };
}
