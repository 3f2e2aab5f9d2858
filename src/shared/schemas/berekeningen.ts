import { z } from 'zod';

// Inputs and explained results of the rules engine (modules/berekeningen). The same schemas validate the API
// (POST /api/v1/berekeningen/<regel>), the command line (npm run calc -- <regel>) and the calculator page.
// Field names are Dutch: they are the terms of the law and of the people who use them.

export const REGELS = [
  'beslagvrije-voet',
  'bijstandsnorm',
  'zorgtoeslag',
  'huurtoeslag',
  'kindgebonden-budget',
] as const;
export type Regel = (typeof REGELS)[number];

export const LEEFSITUATIES_BVV = [
  'alleenstaande',
  'alleenstaande-ouder',
  'gehuwd-zonder-kinderen',
  'gehuwd-met-kinderen',
] as const;
export type LeefsituatieBvv = (typeof LEEFSITUATIES_BVV)[number];

export const LEEFSITUATIES_BIJSTAND = ['alleenstaande', 'alleenstaande-ouder', 'gehuwd'] as const;
export type LeefsituatieBijstand = (typeof LEEFSITUATIES_BIJSTAND)[number];

export const PARAMETER_STATUSSEN = ['gepubliceerd', 'afgeleid', 'onzeker'] as const;
export type ParameterStatus = (typeof PARAMETER_STATUSSEN)[number];

const Peildatum = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'Not an existing calendar date',
    },
  )
  .describe('The date whose rules apply (YYYY-MM-DD); 2025-01-01 through 2026-12-31');

/** Euros, never negative, at most a billion (anything larger is a typing error, not an income). */
const Euro = z.number().min(0).max(1_000_000_000);
const Leeftijd = z.number().int().min(0).max(130);

export const BeslagvrijeVoetInput = z
  .strictObject({
    peildatum: Peildatum,
    leefsituatie: z.enum(LEEFSITUATIES_BVV),
    belastbaarJaarinkomen: Euro.describe(
      'Belastbaar jaarinkomen of the schuldenaar (and partner), euros per year',
    ),
    maandinkomen: Euro.describe('Net monthly income on which the beslag lies, including vakantiebijslag'),
    bijstand: z.boolean().describe('Whether the income is a Participatiewet benefit (art. 475dc lid 2 Rv)'),
    woonadresInNederland: z
      .boolean()
      .default(true)
      .describe('false: no woonadres in the BRP (art. 475da lid 4)'),
    leeftijd: Leeftijd.min(18)
      .optional()
      .describe('Age of the schuldenaar; default 21 (AOW age gives the higher norm)'),
    leeftijdPartner: Leeftijd.min(18).optional(),
    partnerInkomen: Euro.optional().describe(
      'Net monthly income of the partner not under beslag (art. 475db)',
    ),
    eigenAnderInkomen: Euro.optional().describe('Own other net monthly income not under beslag (art. 475db)'),
    woonkosten: Euro.optional().describe('Monthly housing costs, for the raise of art. 475da lid 5'),
    huurtoeslagOntvangen: z.boolean().optional(),
  })
  .meta({ id: 'BeslagvrijeVoetInput' });
export type BeslagvrijeVoetInput = z.input<typeof BeslagvrijeVoetInput>;

export const BijstandsnormInput = z
  .strictObject({
    peildatum: Peildatum,
    leefsituatie: z.enum(LEEFSITUATIES_BIJSTAND),
    leeftijd: Leeftijd.min(18),
    leeftijdPartner: Leeftijd.min(18).optional().describe('Required for gehuwd'),
    kostendelers: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('Number of kostendelers in the home incl. the applicant (and partner); default 1 (art. 22a)'),
    metKinderen: z.boolean().optional().describe('Ten laste komende kinderen (matters for 18-20 year olds)'),
  })
  .refine((v) => v.leefsituatie !== 'gehuwd' || v.leeftijdPartner !== undefined, {
    path: ['leeftijdPartner'],
    message: 'Required when leefsituatie is gehuwd',
    params: { code: 'required' },
  })
  .meta({ id: 'BijstandsnormInput' });
export type BijstandsnormInput = z.input<typeof BijstandsnormInput>;

export const ZorgtoeslagInput = z
  .strictObject({
    peildatum: Peildatum,
    toetsingsinkomen: Euro.describe('Toetsingsinkomen of the applicant and toeslagpartner, euros per year'),
    toeslagpartner: z.boolean(),
    vermogen: Euro.optional().describe('Vermogen on 1 January (with partner: together); default 0'),
  })
  .meta({ id: 'ZorgtoeslagInput' });
export type ZorgtoeslagInput = z.input<typeof ZorgtoeslagInput>;

export const HuurtoeslagInput = z
  .strictObject({
    peildatum: Peildatum,
    toetsingsinkomen: Euro.describe('Toetsingsinkomen of the household, euros per year'),
    toeslagpartner: z.boolean(),
    huishoudgrootte: z.number().int().min(1).max(20),
    kaleHuur: Euro.describe('Kale huur per month'),
    servicekosten: Euro.optional().describe('Service costs per month (count until 2025 only)'),
    leeftijdOudste: Leeftijd.min(18).optional().describe('Age of the oldest member; default 23'),
    vermogen: Euro.optional(),
  })
  .meta({ id: 'HuurtoeslagInput' });
export type HuurtoeslagInput = z.input<typeof HuurtoeslagInput>;

export const KindgebondenBudgetInput = z
  .strictObject({
    peildatum: Peildatum,
    toetsingsinkomen: Euro.describe('Toetsingsinkomen of the applicant and toeslagpartner, euros per year'),
    toeslagpartner: z.boolean(),
    leeftijdenKinderen: z.array(Leeftijd.max(17)).max(20).describe('Age of each child under 18'),
    vermogen: Euro.optional(),
  })
  .meta({ id: 'KindgebondenBudgetInput' });
export type KindgebondenBudgetInput = z.input<typeof KindgebondenBudgetInput>;

export const REGEL_INPUTS = {
  'beslagvrije-voet': BeslagvrijeVoetInput,
  bijstandsnorm: BijstandsnormInput,
  zorgtoeslag: ZorgtoeslagInput,
  huurtoeslag: HuurtoeslagInput,
  'kindgebonden-budget': KindgebondenBudgetInput,
} as const satisfies Record<Regel, z.ZodType>;

// --- The explanation every result carries ------------------------------------------------------------------

export const WetsverwijzingSchema = z.object({ bwbr: z.string(), artikel: z.string() });
export const BronSchema = z.object({ titel: z.string(), url: z.string().optional() });

export const GebruiktParameterSchema = z
  .object({
    set: z.string(),
    naam: z.string(),
    omschrijving: z.string(),
    waarde: z.number(),
    eenheid: z.string(),
    geldigVanaf: z.string(),
    status: z.enum(PARAMETER_STATUSSEN),
    wet: WetsverwijzingSchema,
    bron: BronSchema,
    toelichting: z.string().optional(),
  })
  .meta({ id: 'GebruiktParameter' });
export type GebruiktParameter = z.infer<typeof GebruiktParameterSchema>;

export const StapSchema = z
  .object({
    code: z.string().describe('Stable name of the component'),
    omschrijving: z.string(),
    bedrag: z.number().nullable().describe('Euros (per month unless the description says otherwise)'),
    wet: z.string().optional().describe('Article the step applies'),
  })
  .meta({ id: 'BerekeningStap' });
export type Stap = z.infer<typeof StapSchema>;

export const ToelichtingSchema = z
  .object({
    stappen: z.array(StapSchema),
    parameters: z.array(GebruiktParameterSchema),
    waarschuwingen: z.array(z.string()),
    betrouwbaarheid: z.enum(PARAMETER_STATUSSEN).describe('The weakest status among the parameters used'),
  })
  .meta({ id: 'Toelichting' });
export type Toelichting = z.infer<typeof ToelichtingSchema>;

const Base = { regel: z.enum(REGELS), peildatum: z.string(), toelichting: ToelichtingSchema };

export const BeslagvrijeVoetResult = z
  .object({
    ...Base,
    beslagvrijeVoet: z.number(),
    afloscapaciteit: z.number(),
    inkomensgroep: z.enum(['laag', 'midden', 'hoog', 'bijstand', 'geen-woonadres']),
    formule: z.enum(['2021-2025', '2026']),
    maximum: z.number(),
  })
  .meta({ id: 'BeslagvrijeVoetResultaat' });
export const BijstandsnormResult = z
  .object({
    ...Base,
    normPerMaand: z.number(),
    normExclVakantietoeslag: z.number(),
    vakantietoeslagPerMaand: z.number(),
    categorie: z.string(),
  })
  .meta({ id: 'BijstandsnormResultaat' });
export const ZorgtoeslagResult = z
  .object({ ...Base, zorgtoeslagPerMaand: z.number(), zorgtoeslagPerJaar: z.number() })
  .meta({ id: 'ZorgtoeslagResultaat' });
export const HuurtoeslagResult = z
  .object({
    ...Base,
    huurtoeslagPerMaand: z.number(),
    huurtoeslagPerJaar: z.number(),
    systeem: z.enum(['2025', '2026']),
  })
  .meta({ id: 'HuurtoeslagResultaat' });
export const KindgebondenBudgetResult = z
  .object({ ...Base, kindgebondenBudgetPerMaand: z.number(), kindgebondenBudgetPerJaar: z.number() })
  .meta({ id: 'KindgebondenBudgetResultaat' });

export const REGEL_RESULTS = {
  'beslagvrije-voet': BeslagvrijeVoetResult,
  bijstandsnorm: BijstandsnormResult,
  zorgtoeslag: ZorgtoeslagResult,
  huurtoeslag: HuurtoeslagResult,
  'kindgebonden-budget': KindgebondenBudgetResult,
} as const satisfies Record<Regel, z.ZodType>;

export type BeslagvrijeVoetResultaat = z.infer<typeof BeslagvrijeVoetResult>;
export type BijstandsnormResultaat = z.infer<typeof BijstandsnormResult>;
export type ZorgtoeslagResultaat = z.infer<typeof ZorgtoeslagResult>;
export type HuurtoeslagResultaat = z.infer<typeof HuurtoeslagResult>;
export type KindgebondenBudgetResultaat = z.infer<typeof KindgebondenBudgetResult>;

// --- Municipal schemes (configured per municipality) ---------------------------------------------------------

export const REGELING_SOORTEN = [
  'kwijtschelding',
  'bijzondere-bijstand',
  'individuele-inkomenstoeslag',
  'minimaregeling',
] as const;
export type RegelingSoort = (typeof REGELING_SOORTEN)[number];
export const BEDRAG_PERIODES = ['maand', 'jaar'] as const;

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD')
  // zod runs refinements even after the regex failed: never call toISOString on an invalid date.
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'Not an existing calendar date');
const Naam = z.string().trim().min(2).max(120);

const RegelingFields = {
  soort: z.enum(REGELING_SOORTEN),
  naam: Naam,
  inkomensgrensPercentage: z
    .number()
    .gt(0)
    .max(300)
    .multipleOf(0.01)
    .describe('Income limit as a percentage of the applicable bijstandsnorm incl. vakantietoeslag'),
  vermogensgrens: Euro.nullable().describe('Asset limit of the household in euros; null: no asset test'),
  bedrag: Euro.describe('Amount per household, in euros per bedragPeriode'),
  bedragPerKind: Euro.describe('Extra amount per child under 18, in euros per bedragPeriode'),
  bedragPeriode: z.enum(BEDRAG_PERIODES),
  minimumLeeftijd: Leeftijd.min(15).nullable().describe('Minimum age of the applicant; null: 18'),
  hoeAanvragen: z.string().trim().max(1000).describe('How to apply, in plain language'),
  aanvraagUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  geldigVanaf: IsoDate,
  geldigTot: IsoDate.nullable(),
  actief: z.boolean(),
};

function checkDates(v: { geldigVanaf?: string; geldigTot?: string | null }, ctx: z.RefinementCtx) {
  if (v.geldigVanaf && v.geldigTot && v.geldigTot < v.geldigVanaf) {
    ctx.addIssue({
      code: 'custom',
      path: ['geldigTot'],
      message: 'Must not be before geldigVanaf',
      params: { code: 'before_start' },
    });
  }
}

export const RegelingCreateBody = z
  .strictObject({
    ...RegelingFields,
    vermogensgrens: RegelingFields.vermogensgrens.default(null),
    bedragPerKind: RegelingFields.bedragPerKind.default(0),
    minimumLeeftijd: RegelingFields.minimumLeeftijd.default(null),
    hoeAanvragen: RegelingFields.hoeAanvragen.default(''),
    aanvraagUrl: RegelingFields.aanvraagUrl.default(null),
    geldigTot: RegelingFields.geldigTot.default(null),
    actief: RegelingFields.actief.default(true),
  })
  .superRefine(checkDates)
  .meta({ id: 'RegelingCreate' });
export type RegelingCreate = z.output<typeof RegelingCreateBody>;

export const RegelingPatchBody = z
  .strictObject(RegelingFields)
  .partial()
  .superRefine(checkDates)
  .meta({ id: 'RegelingPatch' });
export type RegelingPatch = z.output<typeof RegelingPatchBody>;

export const RegelingSchema = z
  .object({
    id: z.uuid(),
    soort: z.enum(REGELING_SOORTEN),
    naam: z.string(),
    inkomensgrensPercentage: z.number(),
    vermogensgrens: z.number().nullable(),
    bedrag: z.number(),
    bedragPerKind: z.number(),
    bedragPeriode: z.enum(BEDRAG_PERIODES),
    minimumLeeftijd: z.number().nullable(),
    hoeAanvragen: z.string(),
    aanvraagUrl: z.string().nullable(),
    geldigVanaf: z.string(),
    geldigTot: z.string().nullable(),
    actief: z.boolean(),
    bijgewerkt: z.string(),
  })
  .meta({ id: 'Regeling' });
export type Regeling = z.infer<typeof RegelingSchema>;

export const RegelingenQuery = z.strictObject({
  peildatum: Peildatum.optional().describe('Only the schemes in force on this date'),
});

// --- Voorliggende voorzieningen (non-take-up) scan ----------------------------------------------------------

export const LANDELIJKE_VOORZIENINGEN = [
  'zorgtoeslag',
  'huurtoeslag',
  'kindgebonden-budget',
  'bijstand',
] as const;
export type LandelijkeVoorziening = (typeof LANDELIJKE_VOORZIENINGEN)[number];
export const HUISHOUDEN_ROLLEN = ['aanvrager', 'partner', 'kind', 'overig'] as const;
export type HuishoudenRol = (typeof HUISHOUDEN_ROLLEN)[number];

export const HuishoudenLidInput = z.strictObject({
  rol: z
    .enum(HUISHOUDEN_ROLLEN)
    .describe('aanvrager and partner are toeslagpartners; kind and overig live with them'),
  leeftijd: Leeftijd,
  nettoMaandinkomen: Euro.default(0).describe('Net monthly income incl. vakantiegeld'),
  belastbaarJaarinkomen: Euro.optional().describe(
    'Belastbaar jaarinkomen; default 12 x the net monthly income',
  ),
});

export const VoorzieningenScanInput = z
  .strictObject({
    peildatum: Peildatum,
    leden: z.array(HuishoudenLidInput).min(1).max(20),
    kaleHuur: Euro.optional().describe('Kale huur per month; absent: no rented home (no huurtoeslag)'),
    servicekosten: Euro.optional(),
    vermogen: Euro.default(0).describe('Assets of the household on 1 January'),
    ontvangt: z
      .array(z.enum(LANDELIJKE_VOORZIENINGEN))
      .max(4)
      .default([])
      .describe('National provisions the household already receives'),
    ontvangtRegelingen: z
      .array(z.uuid())
      .max(50)
      .default([])
      .describe('Municipal schemes (ids) the household already receives'),
  })
  .superRefine((v, ctx) => {
    const aanvragers = v.leden.filter((l) => l.rol === 'aanvrager');
    if (aanvragers.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['leden'],
        message: 'Exactly one member must have rol aanvrager',
        params: { code: 'one_aanvrager' },
      });
    }
    if (v.leden.filter((l) => l.rol === 'partner').length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['leden'],
        message: 'At most one partner',
        params: { code: 'one_partner' },
      });
    }
    v.leden.forEach((l, i) => {
      if (l.rol !== 'kind' && l.leeftijd < 18) {
        ctx.addIssue({
          code: 'custom',
          path: ['leden', i, 'leeftijd'],
          message: 'The aanvrager, partner and other adults are at least 18',
          params: { code: 'too_young' },
        });
      }
    });
  })
  .meta({ id: 'VoorzieningenScanInput' });
export type VoorzieningenScanInput = z.input<typeof VoorzieningenScanInput>;
export type VoorzieningenScanVraag = z.output<typeof VoorzieningenScanInput>;

const Tekst = z.object({ nl: z.string(), en: z.string() });
const Teksten = z.object({ nl: z.array(z.string()), en: z.array(z.string()) });

export const VoorzieningKansSchema = z
  .object({
    voorziening: z
      .string()
      .describe('zorgtoeslag, huurtoeslag, kindgebonden-budget, bijstand, or the scheme kind'),
    soort: z.enum(['landelijk', 'gemeentelijk']),
    regelingId: z.uuid().nullable(),
    naam: Tekst,
    bedragPerMaand: z.number(),
    bedragPerJaar: z.number(),
    reden: Tekst,
    controleren: Teksten,
    aanvragen: Tekst,
    aanvraagUrl: z.string().nullable(),
    betrouwbaarheid: z.enum(PARAMETER_STATUSSEN),
  })
  .meta({ id: 'VoorzieningKans' });
export type VoorzieningKans = z.infer<typeof VoorzieningKansSchema>;

export const VoorzieningenScanResult = z
  .object({
    peildatum: z.string(),
    huishouden: z.object({
      leefsituatie: z.enum(LEEFSITUATIES_BIJSTAND),
      personen: z.number(),
      kinderen: z.number(),
      nettoMaandinkomen: z.number().describe('Aanvrager and partner together'),
      toetsingsinkomen: z.number().describe('Aanvrager and partner together, per year'),
      bijstandsnorm: z
        .number()
        .describe('The applicable norm incl. vakantietoeslag (kostendelersnorm applied)'),
      inkomenAlsPercentageVanNorm: z.number(),
    }),
    kansen: z.array(VoorzieningKansSchema),
    totaalPerMaand: z.number(),
    totaalPerJaar: z.number(),
    waarschuwingen: z.array(z.string()),
  })
  .meta({ id: 'VoorzieningenScanResultaat' });
export type VoorzieningenScanResultaat = z.infer<typeof VoorzieningenScanResult>;

export const HuishoudenScanResult = VoorzieningenScanResult.extend({
  householdId: z.uuid(),
  invoer: z.object({
    leden: z.array(
      z.object({ rol: z.enum(HUISHOUDEN_ROLLEN), leeftijd: z.number(), nettoMaandinkomen: z.number() }),
    ),
    kaleHuur: z.number().nullable(),
    vermogen: z.number(),
    ontvangt: z.array(z.string()),
  }),
}).meta({ id: 'HuishoudenScanResultaat' });

export const ScanQuery = z.strictObject({
  peildatum: Peildatum.optional().describe('Default: today'),
});

export const ScanStartBody = z
  .strictObject({ peildatum: Peildatum.optional().describe('Default: today') })
  .meta({ id: 'NietGebruikScanStart' });

export const ScanRunSchema = z
  .object({
    id: z.uuid(),
    peildatum: z.string(),
    gestartOp: z.string(),
    klaarOp: z.string().nullable(),
    huishoudens: z.number(),
    huishoudensMetKansen: z.number(),
    totaalPerJaar: z.number(),
  })
  .meta({ id: 'NietGebruikScan' });
export type ScanRun = z.infer<typeof ScanRunSchema>;

export const OutreachItemSchema = z
  .object({
    householdId: z.uuid(),
    naam: z.string().describe('Name of the head of the household'),
    adres: z.string(),
    kansen: z.array(
      z.object({
        voorziening: z.string(),
        regelingId: z.uuid().nullable(),
        naam: Tekst,
        bedragPerMaand: z.number(),
        bedragPerJaar: z.number(),
      }),
    ),
    totaalPerMaand: z.number(),
    totaalPerJaar: z.number(),
  })
  .meta({ id: 'NietGebruikHuishouden' });
export type OutreachItem = z.infer<typeof OutreachItemSchema>;
