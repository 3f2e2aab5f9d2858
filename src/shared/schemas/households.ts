// The integrated household plan: one household, one plan, one regisseur. Members, network, consent (AVG),
// timeline, Zelfredzaamheid-Matrix, the Mobility Mentoring bridge, goals with actions, and referrals. Shared by the
// server (validation, OpenAPI) and the web UI. The texts of the ZRM levels and the bridge are written in our own
// words, faithful to the published ZRM (2017) and EMPath's Bridge to Self-Sufficiency; they are not copies.
import { z } from 'zod';

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Optional = (max: number) => z.string().trim().max(max).optional();

// --- Code lists ------------------------------------------------------------------------------------------

export const MEMBER_ROLES = ['hoofd', 'partner', 'kind', 'overig'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const NETWORK_KINDS = ['informeel', 'formeel'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/** Relations per kind: informal people around the household, professionals of named organisations. */
export const NETWORK_RELATIONS = {
  informeel: ['familie', 'vriend', 'buur', 'budgetmaatje', 'overig'],
  formeel: [
    'wijkteam',
    'maatschappelijk_werk',
    'woningcorporatie',
    'ggz',
    'bewindvoerder',
    'schuldhulp',
    'overig',
  ],
} as const;
export const ALL_NETWORK_RELATIONS = [
  'familie',
  'vriend',
  'buur',
  'budgetmaatje',
  'wijkteam',
  'maatschappelijk_werk',
  'woningcorporatie',
  'ggz',
  'bewindvoerder',
  'schuldhulp',
  'overig',
] as const;
export type NetworkRelation = (typeof ALL_NETWORK_RELATIONS)[number];

/**
 * What the resident can share with a network member. `financien` is the debt-help part (modules/schuldhulp):
 * the plan view leaves it to that module.
 */
export const CONSENT_CATEGORIES = [
  'netwerk',
  'plan',
  'zrm',
  'tijdlijn',
  'verwijzingen',
  'financien',
] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

export const ZRM_LEVELS = [1, 2, 3, 4, 5] as const;
export type ZrmLevel = (typeof ZRM_LEVELS)[number];

export const ZRM_DOMAINS = [
  'financien',
  'werk_opleiding',
  'tijdsbesteding',
  'huisvesting',
  'huiselijke_relaties',
  'geestelijke_gezondheid',
  'lichamelijke_gezondheid',
  'middelengebruik',
  'basale_adl',
  'instrumentele_adl',
  'sociaal_netwerk',
  'maatschappelijke_participatie',
  'justitie',
] as const;
export type ZrmDomain = (typeof ZRM_DOMAINS)[number];

/** Mobility Mentoring: the five pillars of the bridge to self-sufficiency. */
export const PILLARS = [
  'gezinsstabiliteit',
  'welzijn',
  'financieel_beheer',
  'onderwijs_training',
  'werk_loopbaan',
] as const;
export type Pillar = (typeof PILLARS)[number];

export const GOAL_STATUSES = ['actief', 'bereikt', 'gestopt'] as const;
export const ACTION_STATUSES = ['open', 'gedaan', 'vervallen'] as const;
export const OWNER_KINDS = ['bewoner', 'netwerk', 'regisseur'] as const;
export const GOAL_EVENT_KINDS = ['voortgang', 'mijlpaal', 'bereikt'] as const;

export const INTERNAL_REFERRAL_TARGETS = [
  'participatiewet',
  'armoederegelingen',
  'wmo',
  'jeugdhulp',
  'gemeentelijke_belastingen',
] as const;
export const EXTERNAL_REFERRAL_TARGETS = [
  'maatschappelijk_werk',
  'voedselbank',
  'woningcorporatie',
  'uwv',
  'school',
  'overig',
] as const;
export const REFERRAL_TARGETS = [...INTERNAL_REFERRAL_TARGETS, ...EXTERNAL_REFERRAL_TARGETS] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];
export const REFERRAL_STATUSES = ['verzonden', 'geaccepteerd', 'afgewezen', 'afgerond'] as const;

export function referralKind(target: ReferralTarget): 'intern' | 'extern' {
  return (INTERNAL_REFERRAL_TARGETS as readonly string[]).includes(target) ? 'intern' : 'extern';
}

export const TIMELINE_CATEGORIES = [
  'huishouden',
  'netwerk',
  'toestemming',
  'zrm',
  'plan',
  'verwijzing',
  'melding',
  'schuldhulp',
] as const;
export type TimelineCategory = (typeof TIMELINE_CATEGORIES)[number];

/** Languages the printable plan exists in; adding one is adding its texts in households/plan-texts.ts. */
export const PLAN_LANGUAGES = ['nl', 'en'] as const;
export type PlanLanguage = (typeof PLAN_LANGUAGES)[number];

type Bilingual = { nl: string; en: string };

// --- Zelfredzaamheid-Matrix: domains and level descriptions ------------------------------------------------

export const ZRM_LEVEL_NAMES: Record<ZrmLevel, Bilingual> = {
  1: { nl: 'Acute problematiek', en: 'Acute problems' },
  2: { nl: 'Niet zelfredzaam', en: 'Not self-reliant' },
  3: { nl: 'Beperkt zelfredzaam', en: 'Partly self-reliant' },
  4: { nl: 'Voldoende zelfredzaam', en: 'Sufficiently self-reliant' },
  5: { nl: 'Volledig zelfredzaam', en: 'Fully self-reliant' },
};

/** Each domain's name and, per level 1-5, what that level looks like (our own words, B1). */
export const ZRM: Record<
  ZrmDomain,
  { name: Bilingual; levels: [Bilingual, Bilingual, Bilingual, Bilingual, Bilingual] }
> = {
  financien: {
    name: { nl: 'Financiën', en: 'Finances' },
    levels: [
      {
        nl: 'Schulden groeien en zijn ingewikkeld. Er is geen geld voor eten of andere basisbehoeften.',
        en: 'Debts are growing and complex. There is no money for food or other basic needs.',
      },
      {
        nl: 'Er is geen of geen vast inkomen, of er gaat meer uit dan er binnenkomt. Schulden nemen toe.',
        en: 'Income is missing or irregular, or more goes out than comes in. Debts are increasing.',
      },
      {
        nl: 'Er is een vast inkomen, maar het geld gaat niet altijd naar de goede dingen. Schulden groeien niet meer, soms met hulp.',
        en: 'There is a steady income, but money does not always go to the right things. Debts no longer grow, sometimes with help.',
      },
      {
        nl: 'Het inkomen is genoeg voor de vaste lasten. Er zijn geen schulden, of er is een regeling die wordt nagekomen.',
        en: 'Income covers the fixed costs. There are no debts, or there is an arrangement that is kept.',
      },
      {
        nl: 'Het inkomen is ruim genoeg. Er blijft geld over om te sparen en er zijn geen schulden.',
        en: 'Income is more than enough. There is money left to save and there are no debts.',
      },
    ],
  },
  werk_opleiding: {
    name: { nl: 'Werk en opleiding', en: 'Work and education' },
    levels: [
      {
        nl: 'Geen werk en geen opleiding, en ook geen uitkering of inschrijving waar recht op is.',
        en: 'No work and no education, and no benefit or registration the person is entitled to.',
      },
      {
        nl: 'Geen werk of opleiding, wel een uitkering of ingeschreven als werkzoekende.',
        en: 'No work or education, but a benefit or registered as a jobseeker.',
      },
      {
        nl: 'Vrijwilligerswerk, een werkervaringsplek, een onzeker contract, of een opleiding die moeizaam gaat.',
        en: 'Volunteering, a work placement, an uncertain contract, or studies that are difficult.',
      },
      {
        nl: 'Werk met een contract, of een opleiding die goed gaat.',
        en: 'Work with a contract, or studies that go well.',
      },
      {
        nl: 'Vast werk, of een opleiding die bijna klaar is, met goede vooruitzichten.',
        en: 'Permanent work, or studies nearly finished, with good prospects.',
      },
    ],
  },
  tijdsbesteding: {
    name: { nl: 'Tijdsbesteding', en: 'Daytime activities' },
    levels: [
      {
        nl: 'Geen zinvolle dagbesteding. Er is geen dag- en nachtritme.',
        en: 'No meaningful daytime activity. There is no day and night rhythm.',
      },
      {
        nl: 'Weinig dagbesteding en een onregelmatig ritme. Dat schaadt de gezondheid of het werk.',
        en: 'Little daytime activity and an irregular rhythm. This harms health or work.',
      },
      {
        nl: 'Enige dagbesteding, maar nog niet genoeg of niet vast. Het ritme wisselt.',
        en: 'Some daytime activity, but not enough or not regular. The rhythm varies.',
      },
      {
        nl: 'Een vaste dagbesteding en een gezond ritme.',
        en: 'Regular daytime activities and a healthy rhythm.',
      },
      {
        nl: 'Een dagbesteding die voldoening geeft, zelf gekozen en goed vol te houden.',
        en: 'Satisfying daytime activities, chosen by the person and easy to keep up.',
      },
    ],
  },
  huisvesting: {
    name: { nl: 'Huisvesting', en: 'Housing' },
    levels: [
      { nl: 'Geen woning: dakloos of in de nachtopvang.', en: 'No home: homeless or in a night shelter.' },
      {
        nl: 'Een onzekere of tijdelijke woonplek, of een dreigende uitzetting.',
        en: 'Insecure or temporary housing, or an eviction is threatening.',
      },
      {
        nl: 'Een woning, maar die is onveilig, ongezond, te duur of te klein.',
        en: 'A home, but it is unsafe, unhealthy, too expensive or too small.',
      },
      { nl: 'Een veilige en betaalbare woning die past.', en: 'A safe and affordable home that fits.' },
      {
        nl: 'Een goede, betaalbare woning voor lange tijd, zelf gekozen.',
        en: 'A good, affordable home for the long term, chosen by the person.',
      },
    ],
  },
  huiselijke_relaties: {
    name: { nl: 'Huiselijke relaties', en: 'Relationships at home' },
    levels: [
      {
        nl: 'Huiselijk geweld of kindermishandeling. Het is thuis nu niet veilig.',
        en: 'Domestic violence or child abuse. Home is not safe right now.',
      },
      {
        nl: 'Veel spanning en ruzie thuis. De veiligheid is in gevaar.',
        en: 'Much tension and conflict at home. Safety is at risk.',
      },
      {
        nl: 'Vaak spanning thuis, maar het blijft veilig.',
        en: 'Frequent tension at home, but it stays safe.',
      },
      {
        nl: 'Soms spanning, en die lossen de gezinsleden samen op.',
        en: 'Some tension now and then, which the family resolves together.',
      },
      {
        nl: 'De gezinsleden steunen elkaar. De sfeer thuis is goed.',
        en: 'Family members support each other. The atmosphere at home is good.',
      },
    ],
  },
  geestelijke_gezondheid: {
    name: { nl: 'Geestelijke gezondheid', en: 'Mental health' },
    levels: [
      {
        nl: 'Een psychische noodsituatie: gevaar voor zichzelf of voor anderen.',
        en: 'A mental health emergency: danger to the person or to others.',
      },
      {
        nl: 'Ernstige psychische klachten zonder passende behandeling. Het dagelijks leven lukt niet.',
        en: 'Serious mental health problems without suitable treatment. Daily life does not work.',
      },
      {
        nl: 'Psychische klachten die het dagelijks leven hinderen. Er is behandeling, of die wordt gezocht.',
        en: 'Mental health problems that get in the way of daily life. Treatment is there or being sought.',
      },
      {
        nl: 'Lichte klachten, of klachten die met behandeling onder controle zijn.',
        en: 'Mild problems, or problems kept under control with treatment.',
      },
      {
        nl: 'Geen psychische klachten, alleen de gewone zorgen van het leven.',
        en: 'No mental health problems, only the ordinary worries of life.',
      },
    ],
  },
  lichamelijke_gezondheid: {
    name: { nl: 'Lichamelijke gezondheid', en: 'Physical health' },
    levels: [
      {
        nl: 'Een lichamelijke noodsituatie die direct zorg nodig heeft.',
        en: 'A physical emergency that needs care straight away.',
      },
      {
        nl: 'Ernstige lichamelijke klachten zonder passende zorg.',
        en: 'Serious physical problems without suitable care.',
      },
      {
        nl: 'Lichamelijke klachten die het dagelijks leven hinderen. Zorg wordt niet altijd gebruikt.',
        en: 'Physical problems that get in the way of daily life. Care is not always used.',
      },
      {
        nl: 'Klachten zijn onder controle met zorg of behandeling.',
        en: 'Problems are under control with care or treatment.',
      },
      {
        nl: 'Gezond, zonder klachten die aandacht vragen.',
        en: 'Healthy, with no problems that need attention.',
      },
    ],
  },
  middelengebruik: {
    name: { nl: 'Middelengebruik', en: 'Substance use' },
    levels: [
      {
        nl: 'Verslaving met ernstige gevolgen voor lichaam of omgeving. Er is direct gevaar.',
        en: 'Addiction with serious effects on body or surroundings. There is immediate danger.',
      },
      {
        nl: 'Gebruik van alcohol, drugs of medicijnen dat duidelijk problemen geeft, zonder behandeling.',
        en: 'Use of alcohol, drugs or medicines that clearly causes problems, without treatment.',
      },
      {
        nl: 'Gebruik dat soms problemen geeft. Er is behandeling, of de wil om te minderen.',
        en: 'Use that sometimes causes problems. There is treatment, or the wish to cut down.',
      },
      {
        nl: 'Gebruik zonder problemen, of gestopt met steun om dat vol te houden.',
        en: 'Use without problems, or stopped with support to keep it that way.',
      },
      {
        nl: 'Geen gebruik, of alleen met mate en zonder problemen.',
        en: 'No use, or only in moderation and without problems.',
      },
    ],
  },
  basale_adl: {
    name: { nl: 'Basale ADL (zelfverzorging)', en: 'Basic daily living (self-care)' },
    levels: [
      {
        nl: 'Kan zichzelf niet verzorgen (wassen, aankleden, eten). Er is ernstige verwaarlozing.',
        en: 'Cannot take care of themselves (washing, dressing, eating). There is serious neglect.',
      },
      {
        nl: 'Verzorgt zichzelf niet genoeg en krijgt niet de hulp die nodig is.',
        en: 'Does not take care of themselves enough and lacks the help that is needed.',
      },
      {
        nl: 'Verzorgt zichzelf met moeite, of met hulp die nog niet altijd genoeg is.',
        en: 'Takes care of themselves with difficulty, or with help that is not always enough.',
      },
      {
        nl: 'Verzorgt zichzelf, als het nodig is met passende hulp.',
        en: 'Takes care of themselves, with suitable help where needed.',
      },
      { nl: 'Verzorgt zichzelf zonder hulp.', en: 'Takes care of themselves without help.' },
    ],
  },
  instrumentele_adl: {
    name: { nl: 'Instrumentele ADL (huishouden)', en: 'Running the household' },
    levels: [
      {
        nl: 'Het huishouden loopt niet: geen boodschappen, geen schoon of veilig huis.',
        en: 'The household is not run: no shopping, no clean or safe home.',
      },
      {
        nl: 'Het huishouden lukt niet genoeg en er is geen passende hulp.',
        en: 'The household is not run well enough and suitable help is missing.',
      },
      {
        nl: 'Het huishouden lukt met moeite, of met hulp die nog niet altijd genoeg is.',
        en: 'The household is run with difficulty, or with help that is not always enough.',
      },
      {
        nl: 'Het huishouden lukt, als het nodig is met passende hulp.',
        en: 'The household is run, with suitable help where needed.',
      },
      { nl: 'Het huishouden lukt zonder hulp.', en: 'The household is run without help.' },
    ],
  },
  sociaal_netwerk: {
    name: { nl: 'Sociaal netwerk', en: 'Social network' },
    levels: [
      {
        nl: 'Geen contact met anderen, of alleen contacten die schaden.',
        en: 'No contact with others, or only contacts that do harm.',
      },
      {
        nl: 'Weinig contact met anderen, en vooral contacten die niet helpen.',
        en: 'Little contact with others, mostly contacts that do not help.',
      },
      {
        nl: 'Enig contact met familie of vrienden, maar weinig steun.',
        en: 'Some contact with family or friends, but little support.',
      },
      {
        nl: 'Genoeg contact met familie of vrienden die helpen als het nodig is.',
        en: 'Enough contact with family or friends who help when needed.',
      },
      {
        nl: 'Een stevig netwerk dat steunt, en zelf ook anderen steunen.',
        en: 'A strong network that supports, and supporting others too.',
      },
    ],
  },
  maatschappelijke_participatie: {
    name: { nl: 'Maatschappelijke participatie', en: 'Taking part in society' },
    levels: [
      {
        nl: 'Doet op geen enkele manier mee in de buurt of de samenleving.',
        en: 'Takes no part at all in the neighbourhood or society.',
      },
      {
        nl: 'Doet weinig mee en loopt tegen veel drempels aan.',
        en: 'Takes little part and meets many barriers.',
      },
      {
        nl: 'Doet soms mee, bijvoorbeeld in de buurt of bij een club.',
        en: 'Sometimes takes part, for example in the neighbourhood or at a club.',
      },
      {
        nl: 'Doet regelmatig mee in de buurt, bij een club of als vrijwilliger.',
        en: 'Regularly takes part in the neighbourhood, at a club or as a volunteer.',
      },
      {
        nl: 'Doet actief mee en zet zich in voor anderen.',
        en: 'Takes an active part and does things for others.',
      },
    ],
  },
  justitie: {
    name: { nl: 'Justitie', en: 'Justice' },
    levels: [
      {
        nl: 'Pleegt nu strafbare feiten, of is net vrij zonder begeleiding.',
        en: 'Is committing offences now, or has just been released without support.',
      },
      {
        nl: 'Kort geleden in contact met politie of justitie, of een lopende zaak zonder begeleiding.',
        en: 'Recent contact with police or the courts, or a pending case without support.',
      },
      {
        nl: 'Een strafblad of lopende zaak, en houdt zich aan de afspraken (bijvoorbeeld met de reclassering).',
        en: 'A criminal record or pending case, and keeps to the agreements (for example with probation).',
      },
      {
        nl: 'Vroeger met justitie te maken gehad, maar niet meer in het laatste jaar.',
        en: 'Dealt with the justice system in the past, but not in the last year.',
      },
      { nl: 'Geen contact met politie of justitie.', en: 'No contact with police or the justice system.' },
    ],
  },
};

// --- Mobility Mentoring bridge -----------------------------------------------------------------------------

export const BRIDGE_LEVEL_NAMES: Record<ZrmLevel, Bilingual> = {
  1: { nl: 'In crisis', en: 'In crisis' },
  2: { nl: 'Kwetsbaar', en: 'Vulnerable' },
  3: { nl: 'Stabiel', en: 'Stable' },
  4: { nl: 'Op weg', en: 'Building' },
  5: { nl: 'Zelfstandig', en: 'Self-sufficient' },
};

export const PILLAR_TEXTS: Record<Pillar, { name: Bilingual; about: Bilingual }> = {
  gezinsstabiliteit: {
    name: { nl: 'Gezinsstabiliteit', en: 'Family stability' },
    about: {
      nl: 'Wonen, zorg voor de kinderen en rust thuis.',
      en: 'Housing, care for the children and calm at home.',
    },
  },
  welzijn: {
    name: { nl: 'Welzijn', en: 'Well-being' },
    about: {
      nl: 'Gezondheid, steun van anderen en omgaan met stress.',
      en: 'Health, support from others and dealing with stress.',
    },
  },
  financieel_beheer: {
    name: { nl: 'Financieel beheer', en: 'Financial management' },
    about: { nl: 'Schulden, sparen en grip op het geld.', en: 'Debts, savings and control over money.' },
  },
  onderwijs_training: {
    name: { nl: 'Onderwijs en training', en: 'Education and training' },
    about: {
      nl: 'Diploma’s, cursussen en leren voor later.',
      en: 'Diplomas, courses and learning for the future.',
    },
  },
  werk_loopbaan: {
    name: { nl: 'Werk en loopbaan', en: 'Employment and career' },
    about: {
      nl: 'Werk, inkomen uit werk en groeien in het werk.',
      en: 'Work, income from work and growing at work.',
    },
  },
};

// --- Request bodies ----------------------------------------------------------------------------------------

const Version = z
  .number()
  .int()
  .min(1)
  .describe('The version as last read; a stale version answers 409 (someone else changed it meanwhile)');

export const MemberBody = z.strictObject({
  personId: z.uuid().optional().describe('A person of the BRP; the names then come from the BRP'),
  voornamen: Optional(200),
  voorvoegsel: Optional(50),
  geslachtsnaam: Optional(200),
  geboortedatum: IsoDate.optional(),
  role: z.enum(MEMBER_ROLES).default('overig'),
  phone: Optional(40),
  email: z.email().max(200).optional(),
});
export type MemberInput = z.output<typeof MemberBody>;

export const HouseholdCreateBody = z.strictObject({
  householdId: z
    .uuid()
    .optional()
    .describe('The BRP household; its registered members are added. Without it, give the members.'),
  members: z.array(MemberBody).max(20).default([]),
  regisseurId: z.uuid().optional().describe('The regisseur; the caller when omitted'),
  planLanguage: z.enum(PLAN_LANGUAGES).default('nl'),
});

export const RegisseurHandoverBody = z
  .strictObject({
    regisseurId: z.uuid(),
    version: Version,
    reason: Text(2000).describe('Why the household gets another regisseur'),
  })
  .meta({ id: 'HouseholdRegisseurHandover' });

export const CloseHouseholdBody = z
  .strictObject({ version: Version, reason: Text(2000) })
  .meta({ id: 'HouseholdClose' });

export const NetworkMemberBody = z
  .strictObject({
    kind: z.enum(NETWORK_KINDS),
    relation: z.enum(ALL_NETWORK_RELATIONS),
    name: Text(200),
    organisation: Optional(200).describe('Required for a professional (formeel)'),
    phone: Optional(40),
    email: z.email().max(200).optional(),
    userId: z.uuid().optional().describe('The login of this network member, to let them open the plan'),
  })
  .meta({ id: 'HouseholdNetworkMemberNew' });

export const NetworkMemberEndBody = z
  .strictObject({ endedOn: IsoDate })
  .meta({ id: 'HouseholdNetworkMemberEnd' });

export const ConsentBody = z
  .strictObject({
    networkMemberId: z.uuid(),
    categories: z.array(z.enum(CONSENT_CATEGORIES)).min(1).max(CONSENT_CATEGORIES.length),
    purpose: Text(2000).describe('What the network member may use it for'),
    givenOn: IsoDate,
    givenByMemberId: z.uuid().describe('The household member who gave consent'),
  })
  .meta({ id: 'HouseholdConsentNew' });

export const ConsentWithdrawBody = z
  .strictObject({
    withdrawnOn: IsoDate,
    withdrawnByMemberId: z.uuid().describe('The household member who withdrew consent'),
  })
  .meta({ id: 'HouseholdConsentWithdraw' });

const Level = z.number().int().min(1).max(5);

export const ZrmScoresSchema = z.strictObject(
  Object.fromEntries(ZRM_DOMAINS.map((d) => [d, Level])) as Record<ZrmDomain, typeof Level>,
);

export const ZrmBody = z
  .strictObject({
    assessedOn: IsoDate,
    memberId: z.uuid().optional().describe('The member the scores are about; the household when omitted'),
    scores: ZrmScoresSchema.describe('All 13 domains, each 1 (acute problems) to 5 (fully self-reliant)'),
    note: Optional(2000),
  })
  .meta({ id: 'HouseholdZrmAssessmentNew' });

export const BridgeLevelsSchema = z.strictObject(
  Object.fromEntries(PILLARS.map((p) => [p, Level])) as Record<Pillar, typeof Level>,
);

export const BridgeBody = z
  .strictObject({
    assessedOn: IsoDate,
    levels: BridgeLevelsSchema.describe('Each pillar 1 (in crisis) to 5 (self-sufficient)'),
    note: Optional(2000),
  })
  .meta({ id: 'HouseholdBridgeAssessmentNew' });

export const GoalBody = z
  .strictObject({
    title: z.string().trim().min(3).max(300).describe('Concrete, in the resident’s own words'),
    description: Optional(2000),
    zrmDomain: z.enum(ZRM_DOMAINS).optional(),
    pillar: z.enum(PILLARS).optional(),
    chosenByMemberId: z.uuid().describe('The household member who chose this goal'),
    targetDate: IsoDate.describe('Not in the past'),
  })
  .meta({ id: 'HouseholdGoalNew' });

export const GoalPatchBody = z
  .strictObject({
    version: Version,
    status: z.enum(GOAL_STATUSES).optional(),
    title: z.string().trim().min(3).max(300).optional(),
    targetDate: IsoDate.optional(),
    reachedOn: IsoDate.optional().describe('When status becomes bereikt; today when omitted'),
    recognition: Optional(1000).describe('A message of recognition when the goal is reached'),
  })
  .meta({ id: 'HouseholdGoalPatch' });

export const ActionOwnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('bewoner'), memberId: z.uuid() }),
  z.strictObject({ kind: z.literal('netwerk'), networkMemberId: z.uuid() }),
  z.strictObject({ kind: z.literal('regisseur') }),
]);

export const ActionBody = z
  .strictObject({
    description: z.string().trim().min(3).max(500).describe('One small step, in plain language'),
    owner: ActionOwnerSchema,
    dueDate: IsoDate,
  })
  .meta({ id: 'HouseholdActionNew' });

export const ActionPatchBody = z
  .strictObject({ status: z.enum(ACTION_STATUSES) })
  .meta({ id: 'HouseholdActionPatch' });

export const GoalEventBody = z
  .strictObject({
    kind: z.enum(['voortgang', 'mijlpaal']),
    note: Text(2000),
    occurredOn: IsoDate,
  })
  .meta({ id: 'HouseholdGoalEventNew' });

export const ReferralBody = z
  .strictObject({
    target: z.enum(REFERRAL_TARGETS),
    organisation: Optional(200).describe('The receiving organisation; required for overig'),
    reason: Text(2000),
    goalId: z.uuid().optional(),
    remindOn: IsoDate.optional().describe('When to check for an answer'),
    consent: z.strictObject({
      givenOn: IsoDate,
      memberId: z.uuid().describe('The household member who agreed to the referral'),
      shared: Text(1000).describe('What is shared with the receiver'),
    }),
  })
  .meta({ id: 'HouseholdReferralNew' });

export const ReferralPatchBody = z
  .strictObject({
    version: Version,
    status: z.enum(REFERRAL_STATUSES).optional(),
    reply: Optional(2000).describe('The answer of the receiver'),
    repliedOn: IsoDate.optional(),
    remindOn: IsoDate.nullable().optional(),
  })
  .meta({ id: 'HouseholdReferralPatch' });

// --- Queries -----------------------------------------------------------------------------------------------

export const CaseloadQuery = z.strictObject({
  regisseur: z
    .enum(['mij', 'alle', 'geen'])
    .default('mij')
    .describe('mij: my caseload; geen: households without a regisseur; alle: every household'),
  status: z.enum(['open', 'gesloten']).default('open'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const TimelineQuery = z.strictObject({
  categorie: z.enum(TIMELINE_CATEGORIES).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const PlanPdfQuery = z.strictObject({ taal: z.enum(PLAN_LANGUAGES).default('nl') });

// --- Responses ---------------------------------------------------------------------------------------------

const UserRef = z.object({ id: z.uuid(), name: z.string() });

export const HouseholdMemberSchema = z
  .object({
    id: z.uuid(),
    source: z.enum(['brp', 'ingevoerd']),
    personId: z.uuid().nullable(),
    bsn: z.string().optional().describe('Only for roles that may see a BSN; never for volunteers'),
    naam: z.string(),
    voornamen: z.string(),
    voorvoegsel: z.string().nullable(),
    geslachtsnaam: z.string(),
    geboortedatum: z.string().nullable(),
    role: z.enum(MEMBER_ROLES),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'HouseholdMember' });

export const NetworkMemberSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(NETWORK_KINDS),
    relation: z.enum(ALL_NETWORK_RELATIONS),
    name: z.string(),
    organisation: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    user: UserRef.nullable(),
    endedOn: z.string().nullable(),
  })
  .meta({ id: 'HouseholdNetworkMember' });

export const ConsentSchema = z
  .object({
    id: z.uuid(),
    networkMemberId: z.uuid(),
    categories: z.array(z.enum(CONSENT_CATEGORIES)),
    purpose: z.string(),
    givenOn: z.string(),
    givenBy: z.object({ id: z.uuid(), naam: z.string() }),
    recordedBy: UserRef.nullable(),
    withdrawnOn: z.string().nullable(),
    withdrawnBy: z.object({ id: z.uuid(), naam: z.string() }).nullable(),
    withdrawalRecordedBy: UserRef.nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'HouseholdConsent' });

export const ZrmAssessmentSchema = z
  .object({
    id: z.uuid(),
    assessedOn: z.string(),
    memberId: z.uuid().nullable(),
    scores: z.record(z.string(), z.number().int()),
    note: z.string().nullable(),
    by: UserRef.nullable(),
  })
  .meta({ id: 'HouseholdZrmAssessment' });

export const BridgeAssessmentSchema = z
  .object({
    id: z.uuid(),
    assessedOn: z.string(),
    levels: z.record(z.string(), z.number().int()),
    note: z.string().nullable(),
    by: UserRef.nullable(),
  })
  .meta({ id: 'HouseholdBridgeAssessment' });

export const ActionSchema = z
  .object({
    id: z.uuid(),
    goalId: z.uuid(),
    description: z.string(),
    owner: z.object({
      kind: z.enum(OWNER_KINDS),
      id: z.uuid().nullable().describe('Household member, network member or user'),
      name: z.string(),
    }),
    dueDate: z.string(),
    status: z.enum(ACTION_STATUSES),
    doneOn: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'HouseholdAction' });

export const GoalEventSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(GOAL_EVENT_KINDS),
    note: z.string(),
    occurredOn: z.string(),
    by: UserRef.nullable(),
  })
  .meta({ id: 'HouseholdGoalEvent' });

export const GoalSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    zrmDomain: z.enum(ZRM_DOMAINS).nullable(),
    pillar: z.enum(PILLARS).nullable(),
    chosenBy: z.object({ id: z.uuid(), naam: z.string() }),
    targetDate: z.string(),
    status: z.enum(GOAL_STATUSES),
    reachedOn: z.string().nullable(),
    recognition: z.string().nullable(),
    version: z.number().int(),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    actions: z.array(ActionSchema),
    events: z.array(GoalEventSchema),
  })
  .meta({ id: 'HouseholdGoal' });

export const ReferralSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['intern', 'extern']),
    target: z.enum(REFERRAL_TARGETS),
    organisation: z.string().nullable(),
    reason: z.string(),
    goalId: z.uuid().nullable(),
    status: z.enum(REFERRAL_STATUSES),
    reply: z.string().nullable(),
    repliedOn: z.string().nullable(),
    remindOn: z.string().nullable(),
    reminderDue: z.boolean(),
    consent: z.object({
      givenOn: z.string(),
      member: z.object({ id: z.uuid(), naam: z.string() }),
      shared: z.string(),
    }),
    version: z.number().int(),
    createdAt: z.iso.datetime({ offset: true }),
    by: UserRef.nullable(),
  })
  .meta({ id: 'HouseholdReferral' });

export const TimelineEventSchema = z
  .object({
    id: z.uuid(),
    occurredAt: z.iso.datetime({ offset: true }),
    category: z.enum(TIMELINE_CATEGORIES),
    kind: z.string(),
    text: z.string(),
    by: UserRef.nullable(),
    subjectId: z.uuid().nullable(),
  })
  .meta({ id: 'HouseholdTimelineEvent' });

export const TimelinePageSchema = z.object({
  items: z.array(TimelineEventSchema),
  nextCursor: z.string().nullable(),
});

export const RegisseurHandoverSchema = z.object({
  id: z.uuid(),
  from: UserRef.nullable(),
  to: UserRef,
  reason: z.string(),
  by: UserRef.nullable(),
  at: z.iso.datetime({ offset: true }),
});

export const HouseholdAccessSchema = z.object({
  level: z.enum(['professional', 'netwerk']),
  categories: z.array(z.enum(CONSENT_CATEGORIES)),
  canManage: z.boolean().describe('The caller is the regisseur of this household and may change the plan'),
});

export const HouseholdViewSchema = z
  .object({
    id: z.uuid(),
    label: z.string(),
    status: z.enum(['open', 'gesloten']),
    version: z.number().int(),
    openedAt: z.iso.datetime({ offset: true }),
    closedAt: z.iso.datetime({ offset: true }).nullable(),
    planLanguage: z.string(),
    householdId: z.uuid().nullable(),
    openedFromMeldingId: z.uuid().nullable(),
    regisseur: UserRef.nullable(),
    access: HouseholdAccessSchema,
    members: z.array(HouseholdMemberSchema).nullable().describe('null: not shared with the caller'),
    regisseurHistory: z.array(RegisseurHandoverSchema).nullable(),
    network: z.array(NetworkMemberSchema).nullable(),
    consents: z.array(ConsentSchema).nullable(),
    zrm: z.array(ZrmAssessmentSchema).nullable(),
    bridge: z.array(BridgeAssessmentSchema).nullable(),
    goals: z.array(GoalSchema).nullable(),
    referrals: z.array(ReferralSchema).nullable(),
    timeline: TimelinePageSchema.nullable(),
  })
  .meta({ id: 'HouseholdView' });

export const CaseloadItemSchema = z
  .object({
    id: z.uuid(),
    label: z.string(),
    status: z.enum(['open', 'gesloten']),
    regisseur: UserRef.nullable(),
    openedAt: z.iso.datetime({ offset: true }),
    lastActivityAt: z.iso.datetime({ offset: true }),
    members: z.number().int(),
    activeGoals: z.number().int(),
    reachedGoals: z.number().int(),
    openActions: z.number().int(),
    overdueActions: z.number().int(),
    nextDueDate: z.string().nullable(),
  })
  .meta({ id: 'HouseholdCaseloadItem' });

export const CaseloadPageSchema = z.object({
  items: z.array(CaseloadItemSchema),
  nextCursor: z.string().nullable(),
});

export const RegisseurOptionSchema = UserRef;

export type HouseholdView = z.output<typeof HouseholdViewSchema>;
export type CaseloadItem = z.output<typeof CaseloadItemSchema>;
export type Goal = z.output<typeof GoalSchema>;
export type HouseholdAction = z.output<typeof ActionSchema>;
export type TimelineEvent = z.output<typeof TimelineEventSchema>;
