import {
  DEFAULT_THRESHOLD_CENTS,
  type RuleSetDefinition,
  RuleSetDefinitionSchema,
} from '../../../../shared/schemas/rules.ts';

// The starting afwegingskader for a new municipality. It is a proposal, not policy: every municipality reviews
// and edits it (and publishes its own version in the Algoritmeregister). Rules are tried top to bottom; the first
// whose conditions all hold wins.

export type WorkQueueKind = 'regulier' | 'crisis' | 'matching';
export type DefaultWorkQueue = { name: string; kind: WorkQueueKind; targetWorkingDays: number };

export const QUEUE_CRISIS = 'Crisis';
export const QUEUE_HOGE_PRIORITEIT = 'Hoge prioriteit';
export const QUEUE_REGULIER = 'Regulier';
export const QUEUE_HUISBEZOEK_WIJKTEAM = 'Huisbezoek wijkteam';
export const QUEUE_MATCHING = 'Handmatig koppelen';

export const DEFAULT_WORK_QUEUES: readonly DefaultWorkQueue[] = [
  { name: QUEUE_CRISIS, kind: 'crisis', targetWorkingDays: 3 },
  { name: QUEUE_HOGE_PRIORITEIT, kind: 'regulier', targetWorkingDays: 5 },
  { name: QUEUE_REGULIER, kind: 'regulier', targetWorkingDays: 10 },
  { name: QUEUE_HUISBEZOEK_WIJKTEAM, kind: 'regulier', targetWorkingDays: 10 },
  // Signals that could not be matched to a person in the BRP wait here; no rule routes to it.
  { name: QUEUE_MATCHING, kind: 'matching', targetWorkingDays: 5 },
];

const definition: RuleSetDefinition = {
  thresholds: {
    // EUR 75: below this an arrear is usually a forgotten bill rather than a sign of payment problems, and the
    // outreach costs more than it brings. Common practice among municipalities; tune it locally.
    defaultAmountCents: DEFAULT_THRESHOLD_CENTS,
    amountCentsByPartnerType: {
      // The CAK takes over the premium collection (bestuursrechtelijke premie) only after six months of unpaid
      // health insurance premium. That signal is formal and late by design: always pick it up.
      'CAK Zorgverzekeringen': 0,
      // Housing arrears put the home at risk (eviction, forced sale), and landlords and lenders signal only after
      // a missed monthly payment, which is well above EUR 75 anyway: never drop a housing signal on its amount.
      Huur: 0,
      Hypotheek: 0,
      // Drinking water bills are small (tens of euros a month), so even several missed months can stay below
      // EUR 75 while the supply is at stake: a lower threshold of EUR 50.
      Water: 5000,
    },
  },
  matchingPeriod: 'kalendermaand',
  crisisQueue: QUEUE_CRISIS,
  rules: [
    {
      id: 'crisis-met-kinderen',
      name: 'Crisis in een gezin met minderjarige kinderen',
      description:
        'Afsluiting, aangekondigde ontruiming of beëindiging van de zorgverzekering bij een huishouden met ' +
        'minderjarige kinderen: binnen drie werkdagen op huisbezoek.',
      conditions: [
        { field: 'crisis', op: 'eq', value: true },
        { field: 'minorChildren', op: 'eq', value: true },
      ],
      outcome: { queue: QUEUE_CRISIS, priority: 1, contactStrategy: 'huisbezoek', deadlineWorkingDays: 3 },
    },
    {
      id: 'crisis',
      name: 'Crisis',
      description:
        'Afsluiting, aangekondigde ontruiming of beëindiging van de zorgverzekering: binnen drie werkdagen ' +
        'telefonisch contact, zo nodig gevolgd door een huisbezoek.',
      conditions: [{ field: 'crisis', op: 'eq', value: true }],
      outcome: { queue: QUEUE_CRISIS, priority: 1, contactStrategy: 'telefoon', deadlineWorkingDays: 3 },
    },
    {
      id: 'warme-overdracht',
      name: 'Warme overdracht',
      description:
        'De signaalpartner heeft de inwoner gesproken en die verwacht contact: snel bellen, anders gaat het ' +
        'vertrouwen verloren.',
      conditions: [{ field: 'warmHandover', op: 'eq', value: true }],
      outcome: {
        queue: QUEUE_HOGE_PRIORITEIT,
        priority: 2,
        contactStrategy: 'telefoon',
        deadlineWorkingDays: 3,
      },
    },
    {
      id: 'meervoudig-met-kinderen',
      name: 'Meervoudige achterstanden in een gezin met kinderen',
      description:
        'Achterstanden bij meerdere partners tegelijk bij een huishouden met minderjarige kinderen: ' +
        'huisbezoek met hoge prioriteit.',
      conditions: [
        { field: 'meervoudig', op: 'eq', value: true },
        { field: 'minorChildren', op: 'eq', value: true },
      ],
      outcome: {
        queue: QUEUE_HOGE_PRIORITEIT,
        priority: 2,
        contactStrategy: 'huisbezoek',
        deadlineWorkingDays: 5,
      },
    },
    {
      id: 'opeenvolgend-met-kinderen',
      name: 'Opeenvolgende signalen in een gezin met kinderen',
      description:
        'Eerder al een signaal op dit adres (binnen zes maanden) bij een huishouden met minderjarige ' +
        'kinderen: huisbezoek met hoge prioriteit.',
      conditions: [
        { field: 'opeenvolgend', op: 'eq', value: true },
        { field: 'minorChildren', op: 'eq', value: true },
      ],
      outcome: {
        queue: QUEUE_HOGE_PRIORITEIT,
        priority: 2,
        contactStrategy: 'huisbezoek',
        deadlineWorkingDays: 5,
      },
    },
    {
      id: 'huurachterstand-vanaf-500',
      name: 'Huurachterstand vanaf € 500',
      description: 'Risico op huisuitzetting: hoge prioriteit, telefonisch contact.',
      conditions: [{ field: 'amount', op: 'gte', cents: 50000, partnerType: 'Huur' }],
      outcome: {
        queue: QUEUE_HOGE_PRIORITEIT,
        priority: 2,
        contactStrategy: 'telefoon',
        deadlineWorkingDays: 5,
      },
    },
    {
      id: 'hypotheekachterstand-vanaf-500',
      name: 'Hypotheekachterstand vanaf € 500',
      description: 'Risico op gedwongen verkoop: hoge prioriteit, telefonisch contact.',
      conditions: [{ field: 'amount', op: 'gte', cents: 50000, partnerType: 'Hypotheek' }],
      outcome: {
        queue: QUEUE_HOGE_PRIORITEIT,
        priority: 2,
        contactStrategy: 'telefoon',
        deadlineWorkingDays: 5,
      },
    },
    {
      id: 'jongeren',
      name: 'Jongeren (18 tot en met 27 jaar)',
      description:
        'Jongeren lopen snel verder vast en reageren beter op digitaal contact: voorrang, eerst per mail, ' +
        'daarna telefonisch.',
      conditions: [{ field: 'age', op: 'young', of: 'oldest' }],
      outcome: { queue: QUEUE_HOGE_PRIORITEIT, priority: 2, contactStrategy: 'mail', deadlineWorkingDays: 5 },
    },
    {
      id: 'aow-leeftijd',
      name: 'Inwoners met de AOW-leeftijd',
      description:
        'Ouderen: eerst een kaartje of brief, zonder reactie een huisbezoek door het wijkteam (digitaal contact ' +
        'werkt minder goed).',
      conditions: [{ field: 'age', op: 'aow', of: 'oldest' }],
      outcome: {
        queue: QUEUE_HUISBEZOEK_WIJKTEAM,
        priority: 3,
        contactStrategy: 'kaartje_brief',
        deadlineWorkingDays: 10,
      },
    },
  ],
  fallback: { queue: QUEUE_REGULIER, priority: 3, contactStrategy: 'kaartje_brief', deadlineWorkingDays: 10 },
};

/** Parsed once so the default is exactly what a stored definition would look like after validation. */
export const DEFAULT_RULE_SET: RuleSetDefinition = RuleSetDefinitionSchema.parse(definition);
