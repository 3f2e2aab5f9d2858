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
