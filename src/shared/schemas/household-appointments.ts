// Appointments of a household, the preparation call before the first conversation with its list of documents to
// bring, and reminders for referrals without an answer (issue 7). Shared by the server (validation, OpenAPI) and
// the web UI. The texts of the built-in documents exist in every letter language; a municipality adds its own.
import { z } from 'zod';
import type { TemplateLanguage } from './outreach.ts';

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const DateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date and time with offset');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Optional = (max: number) => z.string().trim().max(max).optional();

// --- Code lists ------------------------------------------------------------------------------------------

/** How the appointment takes place: at a place (office, at home), by phone, or by video. */
export const APPOINTMENT_MODES = ['locatie', 'telefoon', 'video'] as const;
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];

export const APPOINTMENT_PURPOSES = [
  'eerste_gesprek',
  'vervolggesprek',
  'huisbezoek',
  'netwerkoverleg',
  'overig',
] as const;
export type AppointmentPurpose = (typeof APPOINTMENT_PURPOSES)[number];

export const APPOINTMENT_STATUSES = ['gepland', 'gehouden', 'geannuleerd', 'niet_verschenen'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** The longest appointment we accept: a longer one is almost certainly a typing error in the end time. */
export const MAX_APPOINTMENT_HOURS = 12;

export const PREPARATION_CHANNELS = ['brief', 'mail'] as const;
export type PreparationChannel = (typeof PREPARATION_CHANNELS)[number];

export const PREPARATION_STATUSES = [
  'afgedrukt',
  'in_wachtrij',
  'verzenden',
  'verzonden',
  'mislukt',
] as const;

/**
 * The languages a preparation letter or e-mail is written in. Adding one: its letter texts in
 * modules/households/appointments/preparation-texts.ts, the texts of every built-in document below, and the
 * language in TEMPLATE_LANGUAGE_META (shared/schemas/outreach.ts: direction and locale). The type checker asks
 * for every missing text.
 */
export const PREPARATION_LANGUAGES = ['nl', 'en', 'ar', 'tr'] as const satisfies readonly TemplateLanguage[];
export type PreparationLanguage = (typeof PREPARATION_LANGUAGES)[number];

export function isPreparationLanguage(code: string): code is PreparationLanguage {
  return (PREPARATION_LANGUAGES as readonly string[]).includes(code);
}

/** Documents every municipality can put on the list, with their text in each letter language (B1). */
export const CHECKLIST_CODES = [
  'identiteitsbewijs',
  'inkomen',
  'bankafschriften',
  'brieven_schuldeisers',
  'huurcontract',
  'zorgpolis',
  'vaste_lasten',
  'toeslagen',
] as const;
export type ChecklistCode = (typeof CHECKLIST_CODES)[number];

/** The list a municipality starts with (Eindhoven's list for the first conversation, in short). */
export const DEFAULT_CHECKLIST: readonly ChecklistCode[] = [
  'identiteitsbewijs',
  'inkomen',
  'bankafschriften',
  'brieven_schuldeisers',
  'huurcontract',
  'zorgpolis',
];

export type Multilingual = Record<PreparationLanguage, string>;

// The Arabic and Turkish texts are samples: a municipality has them checked by a translator before use, as with
// the outreach templates.
export const CHECKLIST_TEXTS: Record<ChecklistCode, Multilingual> = {
  identiteitsbewijs: {
    nl: 'Uw identiteitsbewijs (paspoort, ID-kaart of verblijfsdocument)',
    en: 'Your proof of identity (passport, ID card or residence document)',
    ar: 'وثيقة إثبات الهوية (جواز السفر أو بطاقة الهوية أو وثيقة الإقامة)',
    tr: 'Kimlik belgeniz (pasaport, kimlik kartı veya oturma izni belgesi)',
  },
  inkomen: {
    nl: 'Uw inkomen van de laatste 3 maanden: loonstroken of specificaties van uw uitkering',
    en: 'Your income of the last 3 months: payslips or benefit statements',
    ar: 'دخلك في الأشهر الثلاثة الأخيرة: كشوف الراتب أو كشوف الإعانة',
    tr: 'Son 3 ayın gelir belgeleri: maaş bordroları veya sosyal yardım dökümleri',
  },
  bankafschriften: {
    nl: 'Bankafschriften van de laatste 3 maanden, van al uw rekeningen',
    en: 'Bank statements of the last 3 months, for all your accounts',
    ar: 'كشوف الحساب البنكي للأشهر الثلاثة الأخيرة، لجميع حساباتك',
    tr: 'Tüm hesaplarınızın son 3 aylık banka dökümleri',
  },
  brieven_schuldeisers: {
    nl: 'Brieven van schuldeisers, incassobureaus en deurwaarders (ook brieven die nog dicht zijn)',
    en: 'Letters from creditors, debt collectors and bailiffs (also letters you have not opened)',
    ar: 'رسائل الدائنين وشركات التحصيل والمحضرين (حتى الرسائل التي لم تفتحها بعد)',
    tr: 'Alacaklılardan, tahsilat bürolarından ve icra memurlarından gelen mektuplar (açılmamış olanlar da)',
  },
  huurcontract: {
    nl: 'Uw huurcontract of de gegevens van uw hypotheek',
    en: 'Your rental contract or the details of your mortgage',
    ar: 'عقد الإيجار أو بيانات الرهن العقاري',
    tr: 'Kira sözleşmeniz veya ipotek bilgileriniz',
  },
  zorgpolis: {
    nl: 'Uw zorgpolis (zorgverzekering)',
    en: 'Your health-insurance policy',
    ar: 'وثيقة التأمين الصحي',
    tr: 'Sağlık sigortası poliçeniz',
  },
  vaste_lasten: {
    nl: 'Rekeningen van vaste lasten: energie, water, telefoon en internet',
    en: 'Bills for fixed costs: energy, water, phone and internet',
    ar: 'فواتير المصاريف الثابتة: الطاقة والماء والهاتف والإنترنت',
    tr: 'Sabit giderlerin faturaları: enerji, su, telefon ve internet',
  },
  toeslagen: {
    nl: 'Brieven van de Dienst Toeslagen over uw toeslagen',
    en: 'Letters from the Dienst Toeslagen about your allowances',
    ar: 'رسائل من Dienst Toeslagen بشأن الإعانات التي تحصل عليها',
    tr: 'Dienst Toeslagen’den ödenekleriniz hakkında gelen mektuplar',
  },
};

// --- Request bodies ----------------------------------------------------------------------------------------

const Version = z
  .number()
  .int()
  .min(1)
  .describe('The version as last read; a stale version answers 409 (someone else changed it meanwhile)');

export const AppointmentBody = z
  .strictObject({
    startsAt: DateTime.describe('For a planned appointment: not in the past'),
    endsAt: DateTime.describe(`After startsAt, at most ${MAX_APPOINTMENT_HOURS} hours later`),
    mode: z.enum(APPOINTMENT_MODES),
    location: Optional(300).describe('Address or room (required for locatie), or the video link'),
    purpose: z.enum(APPOINTMENT_PURPOSES),
    note: Optional(2000),
    professionalId: z
      .uuid()
      .optional()
      .describe('The professional of the municipality who takes part; the regisseur when omitted'),
    networkMemberIds: z
      .array(z.uuid())
      .max(10)
      .default([])
      .describe('Members of the household’s network who take part; someone outside the network answers 400'),
    status: z
      .enum(['gepland', 'gehouden'])
      .default('gepland')
      .describe('gehouden records an appointment that already took place'),
  })
  .meta({ id: 'HouseholdAppointmentNew' });

export const AppointmentPatchBody = z
  .strictObject({
    version: Version,
    status: z.enum(APPOINTMENT_STATUSES).optional(),
    reason: Optional(2000).describe('Why it was cancelled (required for geannuleerd), or what happened'),
    startsAt: DateTime.optional().describe('A new time: only while planned, and not in the past'),
    endsAt: DateTime.optional(),
    mode: z.enum(APPOINTMENT_MODES).optional(),
    location: Optional(300),
    note: Optional(2000),
  })
  .meta({ id: 'HouseholdAppointmentPatch' });

export const ChecklistItemInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('standaard'), code: z.enum(CHECKLIST_CODES) }),
  z.strictObject({
    kind: z.literal('eigen'),
    text: Text(300).describe('A document of your own, written in the language of the letter'),
  }),
]);

export const PreparationBody = z
  .strictObject({
    calledOn: IsoDate.describe('The day of the preparation call; not in the future'),
    memberId: z.uuid().describe('The household member who was called'),
    appointmentId: z
      .uuid()
      .optional()
      .describe('The planned first conversation this prepares; its day, time and place go in the letter'),
    language: z
      .string()
      .trim()
      .min(2)
      .max(10)
      .describe(
        `The resident’s language: ${PREPARATION_LANGUAGES.join(', ')}; another answers 400 unsupported_language`,
      ),
    channel: z.enum(PREPARATION_CHANNELS),
    recipient: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('E-mail address (mail); the member’s own address when omitted'),
    items: z.array(ChecklistItemInput).min(1).max(30).describe('The documents to bring, in the order sent'),
    note: Optional(2000).describe('What was discussed in the call'),
  })
  .meta({ id: 'HouseholdPreparationNew' });

const ChecklistSettingItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('standaard'), code: z.enum(CHECKLIST_CODES) }),
  z.strictObject({
    kind: z.literal('eigen'),
    texts: z
      .strictObject({
        nl: Text(300),
        en: Text(300),
        ar: Optional(300),
        tr: Optional(300),
      })
      .describe('Dutch and English required; other letter languages fall back to English'),
  }),
]);

export const ChecklistSettingsBody = z
  .strictObject({
    items: z.array(ChecklistSettingItem).min(1).max(30),
    version: z.number().int().min(0).describe('The version you edited (0 when the built-in list was shown)'),
  })
  .meta({ id: 'HouseholdChecklistSettings' });

export const ReminderListQuery = z.strictObject({
  regisseur: z
    .enum(['mij', 'alle'])
    .default('mij')
    .describe('mij: reminders of my caseload; alle: of every open household'),
});

// --- Responses ---------------------------------------------------------------------------------------------

const UserRef = z.object({ id: z.uuid(), name: z.string() });

export const AppointmentSchema = z
  .object({
    id: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    mode: z.enum(APPOINTMENT_MODES),
    location: z.string().nullable(),
    purpose: z.enum(APPOINTMENT_PURPOSES),
    note: z.string().nullable(),
    professional: UserRef.nullable(),
    networkMembers: z.array(
      z.object({ id: z.uuid(), name: z.string(), organisation: z.string().nullable() }),
    ),
    status: z.enum(APPOINTMENT_STATUSES),
    statusReason: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime({ offset: true }),
    by: UserRef.nullable(),
  })
  .meta({ id: 'HouseholdAppointment' });

export const PreparationSchema = z
  .object({
    id: z.uuid(),
    calledOn: z.string(),
    member: z.object({ id: z.uuid(), naam: z.string() }),
    appointmentId: z.uuid().nullable(),
    language: z.string(),
    channel: z.enum(PREPARATION_CHANNELS),
    recipient: z.string().nullable(),
    items: z.array(z.object({ code: z.enum(CHECKLIST_CODES).nullable(), text: z.string() })),
    subject: z.string(),
    status: z.enum(PREPARATION_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    sentAt: z.iso.datetime({ offset: true }).nullable(),
    note: z.string().nullable(),
    hasPdf: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    by: UserRef.nullable(),
  })
  .meta({ id: 'HouseholdPreparation' });

export const ReferralReminderSchema = z
  .object({
    id: z.uuid(),
    householdCaseId: z.uuid(),
    householdLabel: z.string(),
    regisseur: UserRef.nullable(),
    referralId: z.uuid(),
    target: z.string(),
    organisation: z.string().nullable(),
    remindOn: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'HouseholdReferralReminder' });

export const AppointmentsViewSchema = z
  .object({
    householdCaseId: z.uuid(),
    canManage: z.boolean().describe('The caller is the regisseur of this open household'),
    appointments: z.array(AppointmentSchema),
    preparations: z
      .array(PreparationSchema)
      .nullable()
      .describe('null for network members: the call and its letter are between resident and municipality'),
    reminders: z.array(ReferralReminderSchema).nullable(),
  })
  .meta({ id: 'HouseholdAppointmentsView' });

export const ChecklistSettingsSchema = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(['standaard', 'eigen']),
        code: z.enum(CHECKLIST_CODES).nullable(),
        texts: z.object({ nl: z.string(), en: z.string(), ar: z.string(), tr: z.string() }),
      }),
    ),
    version: z.number().int().describe('0 while the municipality uses the built-in list'),
  })
  .meta({ id: 'HouseholdChecklist' });

export const ReminderListSchema = z.object({ items: z.array(ReferralReminderSchema) });

export type Appointment = z.output<typeof AppointmentSchema>;
export type Preparation = z.output<typeof PreparationSchema>;
export type ReferralReminder = z.output<typeof ReferralReminderSchema>;
export type AppointmentsView = z.output<typeof AppointmentsViewSchema>;
export type ChecklistSettings = z.output<typeof ChecklistSettingsSchema>;
