// The voorliggende-voorzieningen (non-take-up) scan: for one household, every provision it is probably entitled to
// but does not receive, with an estimate per month and year. National provisions use the same formulas as the
// calculators (zorgtoeslag, huurtoeslag, kindgebonden budget, the bijstandsnorm); municipal schemes use the limits
// the municipality configured. Pure functions: the batch scan, the household view and the benchmark call them.
import type {
  LeefsituatieBijstand,
  ParameterStatus,
  RegelingSoort,
  VoorzieningenScanVraag,
} from '../../../../shared/schemas/berekeningen.ts';
import { weakest } from '../parameters.ts';
import { bijstandsnorm } from './bijstandsnorm.ts';
import { Berekening, cents } from './context.ts';
import { huurtoeslagPerMaand } from './huurtoeslag.ts';
import { kindgebondenBudgetPerJaar } from './kindgebonden-budget.ts';
import { zorgtoeslagPerJaar } from './zorgtoeslag.ts';

/** A municipal scheme as the scan needs it: the version in force on the peildatum. */
export type RegelingRegel = {
  id: string;
  /** Ids of every version of this scheme: receiving any of them counts as receiving the scheme. */
  versieIds: readonly string[];
  soort: RegelingSoort;
  naam: string;
  inkomensgrensPercentage: number;
  vermogensgrens: number | null;
  bedrag: number;
  bedragPerKind: number;
  bedragPeriode: 'maand' | 'jaar';
  minimumLeeftijd: number | null;
  hoeAanvragen: string;
  aanvraagUrl: string | null;
};

/** One provision the household probably misses, without texts (what the batch stores). */
export type Kans = {
  voorziening: string;
  soort: 'landelijk' | 'gemeentelijk';
  regeling: RegelingRegel | null;
  perMaand: number;
  perJaar: number;
  status: ParameterStatus;
};

export type HuishoudenFeiten = {
  leefsituatie: LeefsituatieBijstand;
  personen: number;
  kinderen: number;
  nettoMaandinkomen: number;
  toetsingsinkomen: number;
  huishoudinkomen: number;
  bijstandsnorm: number;
  normStatus: ParameterStatus;
  vermogen: number;
  vermogensgrensBijstand: number;
  aowLeeftijd: number;
  leeftijdAanvrager: number;
};

export type Evaluatie = { feiten: HuishoudenFeiten; kansen: Kans[]; waarschuwingen: string[] };

/** Collects the parameters one provision reads, for its own betrouwbaarheid. */
function status(b: Berekening): ParameterStatus {
  return weakest(b.p.parameters().map((p) => p.status));
}

/** Evaluates every provision for one household on input that passed VoorzieningenScanInput. */
export function evalueerHuishouden(
  v: VoorzieningenScanVraag,
  regelingen: readonly RegelingRegel[],
): Evaluatie {
  const waarschuwingen: string[] = [];
  const aanvrager = v.leden.find((l) => l.rol === 'aanvrager') ?? v.leden[0];
  if (!aanvrager) throw new Error('a household needs an aanvrager');
  const partner = v.leden.find((l) => l.rol === 'partner');
  const kinderen = v.leden.filter((l) => l.rol === 'kind' && l.leeftijd < 18);
  const overigen = v.leden.filter((l) => l !== aanvrager && l !== partner && !kinderen.includes(l));
  const jaar = (l: { nettoMaandinkomen: number; belastbaarJaarinkomen?: number | undefined }) =>
    l.belastbaarJaarinkomen ?? l.nettoMaandinkomen * 12;
  const nettoMaandinkomen = aanvrager.nettoMaandinkomen + (partner?.nettoMaandinkomen ?? 0);
  const toetsingsinkomen = jaar(aanvrager) + (partner ? jaar(partner) : 0);
  // Huurtoeslag counts the income of every member of 18 or older who lives there (medebewoners).
  const huishoudinkomen = toetsingsinkomen + overigen.reduce((s, l) => s + jaar(l), 0);
  const leefsituatie: LeefsituatieBijstand = partner
    ? 'gehuwd'
    : kinderen.length > 0
      ? 'alleenstaande-ouder'
      : 'alleenstaande';

  // The applicable bijstandsnorm: medebewoners of the kostendelers age share the costs (art. 22a).
  const nb = new Berekening(v.peildatum);
  const kostendelerLeeftijd = nb.p.get('bijstandsnormen', 'kostendelers_minimumleeftijd');
  const kostendelers =
    1 + (partner ? 1 : 0) + overigen.filter((l) => l.leeftijd >= kostendelerLeeftijd).length;
  const { norm } = bijstandsnorm(nb, {
    leefsituatie,
    leeftijd: Math.max(18, aanvrager.leeftijd),
    leeftijdPartner: partner ? Math.max(18, partner.leeftijd) : undefined,
    kostendelers,
    metKinderen: kinderen.length > 0,
  });
  const aowLeeftijd = nb.p.get('bijstandsnormen', 'aow_leeftijd');
  const vermogensgrensBijstand = nb.p.get(
    'bijstandsnormen',
    leefsituatie === 'alleenstaande' ? 'vermogensgrens_alleenstaande' : 'vermogensgrens_gezin',
  );
  const feiten: HuishoudenFeiten = {
    leefsituatie,
    personen: v.leden.length,
    kinderen: kinderen.length,
    nettoMaandinkomen: cents(nettoMaandinkomen),
    toetsingsinkomen: cents(toetsingsinkomen),
    huishoudinkomen: cents(huishoudinkomen),
    bijstandsnorm: norm,
    normStatus: status(nb),
    vermogen: v.vermogen,
    vermogensgrensBijstand,
    aowLeeftijd,
    leeftijdAanvrager: aanvrager.leeftijd,
  };

  const kansen: Kans[] = [];
  const ontvangt = new Set<string>(v.ontvangt);
  const landelijk = (voorziening: string, perMaand: number, perJaar: number, b: Berekening) => {
    if (perMaand >= 0.5)
      kansen.push({ voorziening, soort: 'landelijk', regeling: null, perMaand, perJaar, status: status(b) });
  };
  const toeslagpartner = partner !== undefined;

  if (!ontvangt.has('zorgtoeslag')) {
    const b = new Berekening(v.peildatum);
    const perJaar = zorgtoeslagPerJaar(b, { toetsingsinkomen, toeslagpartner, vermogen: v.vermogen }, false);
    landelijk('zorgtoeslag', cents(perJaar / 12), perJaar, b);
  }
  if (!ontvangt.has('huurtoeslag') && v.kaleHuur !== undefined && v.kaleHuur > 0) {
    const b = new Berekening(v.peildatum);
    const leeftijdOudste = Math.max(...v.leden.filter((l) => l.rol !== 'kind').map((l) => l.leeftijd));
    const { bedrag } = huurtoeslagPerMaand(
      b,
      {
        toetsingsinkomen: huishoudinkomen,
        toeslagpartner,
        huishoudgrootte: v.leden.length,
        kaleHuur: v.kaleHuur,
        servicekosten: v.servicekosten,
        leeftijdOudste: Math.max(18, leeftijdOudste),
        vermogen: v.vermogen,
      },
      false,
    );
    landelijk('huurtoeslag', bedrag, cents(bedrag * 12), b);
  }
  if (!ontvangt.has('kindgebonden-budget') && kinderen.length > 0) {
    const b = new Berekening(v.peildatum);
    const perJaar = kindgebondenBudgetPerJaar(
      b,
      {
        toetsingsinkomen,
        toeslagpartner,
        leeftijdenKinderen: kinderen.map((k) => k.leeftijd),
        vermogen: v.vermogen,
      },
      false,
    );
    landelijk('kindgebonden-budget', cents(perJaar / 12), perJaar, b);
  }

  // Bijstand (or, from the AOW age, the AIO-aanvulling of the SVB) tops the income up to the norm.
  let bijstandKans = false;
  if (!ontvangt.has('bijstand') && v.vermogen <= vermogensgrensBijstand && aanvrager.leeftijd >= 18) {
    const aanvulling = cents(norm - nettoMaandinkomen);
    if (aanvulling >= 0.5) {
      bijstandKans = true;
      kansen.push({
        voorziening: 'bijstand',
        soort: 'landelijk',
        regeling: null,
        perMaand: aanvulling,
        perJaar: cents(aanvulling * 12),
        status: feiten.normStatus,
      });
    }
  }

  // With bijstand the income is the norm; the local schemes test that income.
  const inkomenVoorRegelingen =
    ontvangt.has('bijstand') || bijstandKans ? Math.max(nettoMaandinkomen, norm) : nettoMaandinkomen;
  const ontvangtRegelingen = new Set(v.ontvangtRegelingen);
  for (const r of regelingen) {
    if (r.versieIds.some((id) => ontvangtRegelingen.has(id)) || ontvangtRegelingen.has(r.id)) continue;
    if (aanvrager.leeftijd < (r.minimumLeeftijd ?? 18)) continue;
    if (inkomenVoorRegelingen > (r.inkomensgrensPercentage / 100) * norm + 0.005) continue;
    if (r.vermogensgrens !== null && v.vermogen > r.vermogensgrens) continue;
    const bedrag = r.bedrag + r.bedragPerKind * kinderen.length;
    if (bedrag <= 0) continue;
    const perMaand = r.bedragPeriode === 'maand' ? bedrag : cents(bedrag / 12);
    const perJaar = r.bedragPeriode === 'jaar' ? bedrag : cents(bedrag * 12);
    kansen.push({
      voorziening: r.soort,
      soort: 'gemeentelijk',
      regeling: r,
      perMaand,
      perJaar,
      status: feiten.normStatus,
    });
  }

  if (overigen.length > 0) {
    waarschuwingen.push(
      'Medebewoners hebben mogelijk zelf recht op zorgtoeslag of bijstand; die zijn niet apart berekend.',
    );
  }
  return { feiten, kansen, waarschuwingen };
}

export const totaal = (kansen: readonly { perMaand: number; perJaar: number }[]) => ({
  perMaand: cents(kansen.reduce((s, k) => s + k.perMaand, 0)),
  perJaar: cents(kansen.reduce((s, k) => s + k.perJaar, 0)),
});
