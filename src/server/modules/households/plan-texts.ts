// The texts of the printable household plan, one object per language. Adding a language is adding its code to
// PLAN_LANGUAGES (shared/schemas/households.ts) and one object here; the type makes sure nothing is forgotten.
// Plain language (B1): the plan is for the resident.
import {
  BRIDGE_LEVEL_NAMES,
  PILLAR_TEXTS,
  PILLARS,
  type Pillar,
  type PlanLanguage,
  type ReferralTarget,
  ZRM,
  ZRM_DOMAINS,
  ZRM_LEVEL_NAMES,
  type ZrmDomain,
} from '../../../shared/schemas/households.ts';

export type PlanTexts = {
  locale: string;
  title: string;
  madeOn: string;
  regisseur: string;
  noRegisseur: string;
  members: string;
  goals: string;
  noGoals: string;
  goalStatus: Record<'actief' | 'bereikt' | 'gestopt', string>;
  targetDate: string;
  linkedTo: string;
  chosenBy: string;
  actions: string;
  noActions: string;
  actionStatus: Record<'open' | 'gedaan' | 'vervallen', string>;
  due: string;
  who: string;
  progress: string;
  reachedOn: string;
  wellDone: string;
  zrm: string;
  zrmIntro: string;
  bridge: string;
  network: string;
  referrals: string;
  referralStatus: Record<'verzonden' | 'geaccepteerd' | 'afgewezen' | 'afgerond', string>;
  referralTargets: Record<ReferralTarget, string>;
  zrmDomains: Record<ZrmDomain, string>;
  zrmLevels: Record<1 | 2 | 3 | 4 | 5, string>;
  pillars: Record<Pillar, string>;
  bridgeLevels: Record<1 | 2 | 3 | 4 | 5, string>;
};

const pick = <K extends string>(keys: readonly K[], get: (k: K) => string) =>
  Object.fromEntries(keys.map((k) => [k, get(k)])) as Record<K, string>;
const levels = (source: Record<1 | 2 | 3 | 4 | 5, { nl: string; en: string }>, lang: 'nl' | 'en') =>
  ({
    1: source[1][lang],
    2: source[2][lang],
    3: source[3][lang],
    4: source[4][lang],
    5: source[5][lang],
  }) as Record<1 | 2 | 3 | 4 | 5, string>;

const TARGETS_NL: Record<ReferralTarget, string> = {
  participatiewet: 'Werk en inkomen (Participatiewet)',
  armoederegelingen: 'Regelingen voor minima',
  wmo: 'Wmo (zorg en ondersteuning)',
  jeugdhulp: 'Jeugdhulp',
  gemeentelijke_belastingen: 'Gemeentelijke belastingen (kwijtschelding)',
  maatschappelijk_werk: 'Maatschappelijk werk',
  voedselbank: 'Voedselbank',
  woningcorporatie: 'Woningcorporatie',
  uwv: 'UWV',
  school: 'School',
  overig: 'Andere organisatie',
};
const TARGETS_EN: Record<ReferralTarget, string> = {
  participatiewet: 'Work and income (Participation Act)',
  armoederegelingen: 'Schemes for people on a low income',
  wmo: 'Wmo (care and support)',
  jeugdhulp: 'Youth care',
  gemeentelijke_belastingen: 'Municipal taxes (remission)',
  maatschappelijk_werk: 'Social work',
  voedselbank: 'Food bank',
  woningcorporatie: 'Housing association',
  uwv: 'UWV (employee insurance agency)',
  school: 'School',
  overig: 'Other organisation',
};

export const PLAN_TEXTS: Record<PlanLanguage, PlanTexts> = {
  nl: {
    locale: 'nl-NL',
    title: 'Ons plan',
    madeOn: 'Gemaakt op',
    regisseur: 'Uw vaste contactpersoon',
    noRegisseur: 'Nog geen vaste contactpersoon',
    members: 'Wie horen bij het huishouden',
    goals: 'Onze doelen',
    noGoals: 'Er zijn nog geen doelen.',
    goalStatus: { actief: 'Bezig', bereikt: 'Gelukt', gestopt: 'Gestopt' },
    targetDate: 'Wanneer klaar',
    linkedTo: 'Gaat over',
    chosenBy: 'Gekozen door',
    actions: 'Stappen',
    noActions: 'Nog geen stappen.',
    actionStatus: { open: 'Nog doen', gedaan: 'Gedaan', vervallen: 'Niet meer nodig' },
    due: 'Wanneer',
    who: 'Wie',
    progress: 'Wat is al gelukt',
    reachedOn: 'Gelukt op',
    wellDone: 'Goed gedaan!',
    zrm: 'Hoe gaat het nu (Zelfredzaamheid-Matrix)',
    zrmIntro: 'Score van 1 (grote zorgen) tot 5 (gaat goed), laatste meting.',
    bridge: 'De brug naar zelfstandigheid',
    network: 'Wie helpen mee',
    referrals: 'Doorverwezen naar',
    referralStatus: {
      verzonden: 'Verstuurd',
      geaccepteerd: 'Aangenomen',
      afgewezen: 'Afgewezen',
      afgerond: 'Klaar',
    },
    referralTargets: TARGETS_NL,
    zrmDomains: pick(ZRM_DOMAINS, (d) => ZRM[d].name.nl),
    zrmLevels: levels(ZRM_LEVEL_NAMES, 'nl'),
    pillars: pick(PILLARS, (p) => PILLAR_TEXTS[p].name.nl),
    bridgeLevels: levels(BRIDGE_LEVEL_NAMES, 'nl'),
  },
  en: {
    locale: 'en-GB',
    title: 'Our plan',
    madeOn: 'Made on',
    regisseur: 'Your contact person',
    noRegisseur: 'No contact person yet',
    members: 'Who belongs to the household',
    goals: 'Our goals',
    noGoals: 'There are no goals yet.',
    goalStatus: { actief: 'In progress', bereikt: 'Achieved', gestopt: 'Stopped' },
    targetDate: 'Ready by',
    linkedTo: 'About',
    chosenBy: 'Chosen by',
    actions: 'Steps',
    noActions: 'No steps yet.',
    actionStatus: { open: 'To do', gedaan: 'Done', vervallen: 'No longer needed' },
    due: 'When',
    who: 'Who',
    progress: 'What went well',
    reachedOn: 'Achieved on',
    wellDone: 'Well done!',
    zrm: 'How things are now (Self-Sufficiency Matrix)',
    zrmIntro: 'Score from 1 (serious worries) to 5 (going well), latest assessment.',
    bridge: 'The bridge to self-sufficiency',
    network: 'Who is helping',
    referrals: 'Referred to',
    referralStatus: { verzonden: 'Sent', geaccepteerd: 'Accepted', afgewezen: 'Declined', afgerond: 'Done' },
    referralTargets: TARGETS_EN,
    zrmDomains: pick(ZRM_DOMAINS, (d) => ZRM[d].name.en),
    zrmLevels: levels(ZRM_LEVEL_NAMES, 'en'),
    pillars: pick(PILLARS, (p) => PILLAR_TEXTS[p].name.en),
    bridgeLevels: levels(BRIDGE_LEVEL_NAMES, 'en'),
  },
};
