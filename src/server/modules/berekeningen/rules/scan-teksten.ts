// Plain-language texts (B1, Dutch and English) for the scan: why a household probably has a right, what to check
// and how to apply. Kept apart from the rules so the batch scan does not build texts it does not store.
import type {
  RegelingSoort,
  VoorzieningenScanResultaat,
  VoorzieningKans,
} from '../../../../shared/schemas/berekeningen.ts';
import type { Evaluatie, HuishoudenFeiten, Kans } from './scan.ts';
import { totaal } from './scan.ts';

const nlEuro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const enEuro = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
const euro = { nl: (x: number) => nlEuro.format(x), en: (x: number) => enEuro.format(x) };
const pct = (x: number) => Math.round(x);

type T = { nl: string; en: string };
type Texts = {
  naam: T;
  reden: T;
  controleren: { nl: string[]; en: string[] };
  aanvragen: T;
  url: string | null;
};

export const REGELING_NAMEN: Record<RegelingSoort, T> = {
  kwijtschelding: { nl: 'Kwijtschelding gemeentelijke belastingen', en: 'Remission of municipal taxes' },
  'bijzondere-bijstand': { nl: 'Bijzondere bijstand', en: 'Special assistance (bijzondere bijstand)' },
  'individuele-inkomenstoeslag': {
    nl: 'Individuele inkomenstoeslag',
    en: 'Individual income supplement (individuele inkomenstoeslag)',
  },
  minimaregeling: { nl: 'Minimaregeling', en: 'Local scheme for low incomes (minimaregeling)' },
};

export const LANDELIJKE_NAMEN: Record<string, T> = {
  zorgtoeslag: { nl: 'Zorgtoeslag', en: 'Healthcare allowance (zorgtoeslag)' },
  huurtoeslag: { nl: 'Huurtoeslag', en: 'Rent benefit (huurtoeslag)' },
  'kindgebonden-budget': { nl: 'Kindgebonden budget', en: 'Child-related budget (kindgebonden budget)' },
  bijstand: {
    nl: 'Bijstand (aanvulling tot de bijstandsnorm)',
    en: 'Social assistance (top-up to the norm)',
  },
};

/** The name of a provision for lists (the outreach list stores only codes and scheme ids). */
export function naamVan(voorziening: string, regelingNaam?: string | null): T {
  if (regelingNaam) return { nl: regelingNaam, en: regelingNaam };
  return (
    LANDELIJKE_NAMEN[voorziening] ??
    REGELING_NAMEN[voorziening as RegelingSoort] ?? { nl: voorziening, en: voorziening }
  );
}

function inkomen(f: HuishoudenFeiten): T {
  return {
    nl: `Het inkomen van het huishouden is ongeveer ${euro.nl(f.toetsingsinkomen)} per jaar`,
    en: `The household's income is about ${euro.en(f.toetsingsinkomen)} a year`,
  };
}

function texts(k: Kans, f: HuishoudenFeiten): Texts {
  const perMaand = { nl: euro.nl(k.perMaand), en: euro.en(k.perMaand) };
  const toeslagen = 'https://www.belastingdienst.nl/wps/wcm/connect/nl/toeslagen/toeslagen';
  switch (k.voorziening) {
    case 'zorgtoeslag':
      return {
        naam: LANDELIJKE_NAMEN.zorgtoeslag as T,
        reden: {
          nl: `${inkomen(f).nl}. Daarbij hoort ongeveer ${perMaand.nl} zorgtoeslag per maand, maar het huishouden krijgt geen zorgtoeslag.`,
          en: `${inkomen(f).en}. That gives about ${perMaand.en} healthcare allowance a month, but the household does not receive it.`,
        },
        controleren: {
          nl: [
            'Heeft iedereen van 18 jaar of ouder een Nederlandse zorgverzekering?',
            'Klopt het inkomen van dit jaar (ook van de toeslagpartner)?',
            'Is het vermogen op 1 januari lager dan de vermogensgrens?',
          ],
          en: [
            'Does everyone aged 18 or over have Dutch health insurance?',
            "Is this year's income right (also of the allowance partner)?",
            'Were the assets on 1 January below the asset limit?',
          ],
        },
        aanvragen: {
          nl: 'Vraag zorgtoeslag aan bij Dienst Toeslagen, met DigiD, op Mijn toeslagen. Dat kan tot 1 september van het volgende jaar.',
          en: 'Apply to Dienst Toeslagen (the Benefits Agency) with DigiD, at Mijn toeslagen. You can apply until 1 September of the next year.',
        },
        url: toeslagen,
      };
    case 'huurtoeslag':
      return {
        naam: LANDELIJKE_NAMEN.huurtoeslag as T,
        reden: {
          nl: `Het huishouden huurt een woning en het inkomen is laag genoeg. Daarbij hoort ongeveer ${perMaand.nl} huurtoeslag per maand.`,
          en: `The household rents its home and its income is low enough. That gives about ${perMaand.en} rent benefit a month.`,
        },
        controleren: {
          nl: [
            'Is het een zelfstandige woning (eigen voordeur, keuken en wc)?',
            'Staan alle bewoners op dit adres ingeschreven, en klopt hun inkomen?',
            'Klopt de kale huur (zonder servicekosten)?',
          ],
          en: [
            'Is it a self-contained home (own front door, kitchen and toilet)?',
            'Are all residents registered at this address, and is their income right?',
            'Is the basic rent (without service charges) right?',
          ],
        },
        aanvragen: {
          nl: 'Vraag huurtoeslag aan bij Dienst Toeslagen, met DigiD, op Mijn toeslagen. Houd het huurcontract bij de hand.',
          en: 'Apply to Dienst Toeslagen with DigiD, at Mijn toeslagen. Keep the rental contract at hand.',
        },
        url: toeslagen,
      };
    case 'kindgebonden-budget':
      return {
        naam: LANDELIJKE_NAMEN['kindgebonden-budget'] as T,
        reden: {
          nl: `Er wonen ${f.kinderen} kinderen jonger dan 18 jaar in het huishouden. Bij dit inkomen hoort ongeveer ${perMaand.nl} kindgebonden budget per maand.`,
          en: `${f.kinderen} children under 18 live in the household. At this income that gives about ${perMaand.en} child-related budget a month.`,
        },
        controleren: {
          nl: [
            'Krijgt het huishouden kinderbijslag van de SVB? Dan komt het kindgebonden budget meestal vanzelf.',
            'Klopt het inkomen van dit jaar, en het vermogen op 1 januari?',
          ],
          en: [
            'Does the household receive child benefit (kinderbijslag) from the SVB? Then the budget usually follows by itself.',
            "Is this year's income right, and the assets on 1 January?",
          ],
        },
        aanvragen: {
          nl: 'Vraag eerst kinderbijslag aan bij de SVB als die er nog niet is. Vraag daarna kindgebonden budget aan bij Dienst Toeslagen, met DigiD.',
          en: 'First apply for child benefit at the SVB if the household does not have it. Then apply for the child-related budget at Dienst Toeslagen, with DigiD.',
        },
        url: toeslagen,
      };
    case 'bijstand': {
      const aow = f.leeftijdAanvrager >= f.aowLeeftijd;
      return {
        naam: aow
          ? {
              nl: 'AIO-aanvulling (bijstand vanaf de AOW-leeftijd)',
              en: 'AIO supplement (assistance from state pension age)',
            }
          : (LANDELIJKE_NAMEN.bijstand as T),
        reden: {
          nl: `Het netto inkomen (${euro.nl(f.nettoMaandinkomen)} per maand) is lager dan de bijstandsnorm (${euro.nl(f.bijstandsnorm)}). Het verschil is ongeveer ${perMaand.nl} per maand.`,
          en: `The net income (${euro.en(f.nettoMaandinkomen)} a month) is below the social assistance norm (${euro.en(f.bijstandsnorm)}). The difference is about ${perMaand.en} a month.`,
        },
        controleren: {
          nl: [
            'Klopt het netto inkomen, inclusief vakantiegeld?',
            `Is het vermogen lager dan ${euro.nl(f.vermogensgrensBijstand)}?`,
            'Wonen er andere volwassenen (kostendelers) op het adres?',
          ],
          en: [
            'Is the net income right, including holiday pay?',
            `Are the assets below ${euro.en(f.vermogensgrensBijstand)}?`,
            'Do other adults (cost sharers) live at the address?',
          ],
        },
        aanvragen: aow
          ? {
              nl: 'Vraag de AIO-aanvulling aan bij de SVB (Sociale Verzekeringsbank), met DigiD of op een SVB-kantoor.',
              en: 'Apply for the AIO supplement at the SVB (Social Insurance Bank), with DigiD or at an SVB office.',
            }
          : {
              nl: 'Vraag bijstand aan bij de gemeente. Een medewerker van de gemeente helpt bij de aanvraag.',
              en: 'Apply for social assistance at the municipality. A municipal worker helps with the application.',
            },
        url: aow ? 'https://www.svb.nl/nl/aio' : null,
      };
    }
    default: {
      const r = k.regeling;
      const naam = r ? { nl: r.naam, en: r.naam } : naamVan(k.voorziening);
      const grens = r ? pct(r.inkomensgrensPercentage) : 100;
      const soort = REGELING_NAMEN[k.voorziening as RegelingSoort] ?? naam;
      return {
        naam,
        reden: {
          nl: `${soort.nl}: het inkomen is niet hoger dan ${grens} % van de bijstandsnorm (${euro.nl((grens / 100) * f.bijstandsnorm)} per maand). Geschat bedrag: ${perMaand.nl} per maand.`,
          en: `${soort.en}: the income is not above ${grens} % of the social assistance norm (${euro.en((grens / 100) * f.bijstandsnorm)} a month). Estimated amount: ${perMaand.en} a month.`,
        },
        controleren: {
          nl: [
            'Klopt het netto inkomen van het huishouden?',
            ...(r?.vermogensgrens != null
              ? [`Is het vermogen niet hoger dan ${euro.nl(r.vermogensgrens)}?`]
              : []),
            'Voldoet het huishouden aan de andere voorwaarden van de regeling?',
          ],
          en: [
            "Is the household's net income right?",
            ...(r?.vermogensgrens != null ? [`Are the assets not above ${euro.en(r.vermogensgrens)}?`] : []),
            'Does the household meet the other conditions of the scheme?',
          ],
        },
        aanvragen: r?.hoeAanvragen
          ? { nl: r.hoeAanvragen, en: r.hoeAanvragen }
          : {
              nl: 'Vraag de regeling aan bij de gemeente.',
              en: 'Apply for the scheme at the municipality.',
            },
        url: r?.aanvraagUrl ?? null,
      };
    }
  }
}

/** The scan result with texts, for one household. */
export function legUit(peildatum: string, e: Evaluatie): VoorzieningenScanResultaat {
  const kansen: VoorzieningKans[] = e.kansen.map((k) => {
    const t = texts(k, e.feiten);
    return {
      voorziening: k.voorziening,
      soort: k.soort,
      regelingId: k.regeling?.id ?? null,
      naam: t.naam,
      bedragPerMaand: k.perMaand,
      bedragPerJaar: k.perJaar,
      reden: t.reden,
      controleren: t.controleren,
      aanvragen: t.aanvragen,
      aanvraagUrl: t.url,
      betrouwbaarheid: k.status,
    };
  });
  const som = totaal(e.kansen);
  const f = e.feiten;
  const waarschuwingen = [...e.waarschuwingen];
  if (e.kansen.some((k) => k.status === 'onzeker')) {
    waarschuwingen.push(
      'Een of meer bedragen gebruiken parameters met status "onzeker": gebruik ze als indicatie en controleer ze.',
    );
  }
  waarschuwingen.push(
    'Dit is een schatting op basis van de bekende gegevens. Het echte recht hangt af van de beoordeling door de uitvoerder.',
  );
  return {
    peildatum,
    huishouden: {
      leefsituatie: f.leefsituatie,
      personen: f.personen,
      kinderen: f.kinderen,
      nettoMaandinkomen: f.nettoMaandinkomen,
      toetsingsinkomen: f.toetsingsinkomen,
      bijstandsnorm: f.bijstandsnorm,
      inkomenAlsPercentageVanNorm:
        f.bijstandsnorm > 0 ? Math.round((f.nettoMaandinkomen / f.bijstandsnorm) * 1000) / 10 : 0,
    },
    kansen,
    totaalPerMaand: som.perMaand,
    totaalPerJaar: som.perJaar,
    waarschuwingen,
  };
}
