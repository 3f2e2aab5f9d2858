import { z } from 'zod';

// --- Languages of letters and messages -----------------------------------------------------------------------

/** Languages a template may be written in; `dir` drives the layout (right-to-left for Arabic). */
export const TEMPLATE_LANGUAGE_META = {
  nl: { dir: 'ltr', locale: 'nl-NL', name: 'Nederlands' },
  en: { dir: 'ltr', locale: 'en-GB', name: 'English' },
  ar: { dir: 'rtl', locale: 'ar-u-nu-latn', name: 'العربية' },
  tr: { dir: 'ltr', locale: 'tr-TR', name: 'Türkçe' },
} as const;
export const TEMPLATE_LANGUAGES = ['nl', 'en', 'ar', 'tr'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const OUTREACH_CHANNELS = ['brief', 'kaartje', 'mail', 'sms'] as const;
export type OutreachChannel = (typeof OUTREACH_CHANNELS)[number];

/** DDAS EnumContactsoort value a message of each channel is registered as. */
export const CHANNEL_CONTACTSOORT = {
  brief: 'Brief',
  kaartje: 'Kaartje',
  mail: 'Mail',
  sms: 'SMS/Whatsapp',
} as const;

const Channel = z.enum(OUTREACH_CHANNELS);
const Language = z.enum(TEMPLATE_LANGUAGES);
const PaperChannel = z.enum(['brief', 'kaartje']);
const DigitalChannel = z.enum(['mail', 'sms']);

// --- Templates -----------------------------------------------------------------------------------------------

export const OutreachTemplateSchema = z
  .object({
    id: z.uuid(),
    channel: Channel,
    language: Language,
    name: z.string(),
    subject: z.string(),
    body: z.string(),
    isDefault: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OutreachTemplate' });
export type OutreachTemplate = z.infer<typeof OutreachTemplateSchema>;

const TemplateName = z.string().trim().min(1).max(200);
const TemplateSubject = z.string().max(300).describe('Letter title / e-mail subject; may use merge fields');
const TemplateBody = z
  .string()
  .max(10_000)
  .describe(
    'Text with merge fields: {{naam}}, {{#if partners}}…{{/if}}, {{foto}} and {{qr}} on a line of their own',
  );

export const OutreachTemplateCreateBody = z.strictObject({
  channel: Channel,
  language: Language,
  name: TemplateName,
  subject: TemplateSubject.default(''),
  body: TemplateBody,
  isDefault: z
    .boolean()
    .optional()
    .describe('Use this template when none is chosen (per channel and language)'),
});

export const OutreachTemplateUpdateBody = z.strictObject({
  name: TemplateName,
  subject: TemplateSubject,
  body: TemplateBody,
  isDefault: z.boolean(),
  version: z.number().int().min(1).describe('The version you edited; a newer stored version gives 409'),
});

export const TemplateErrorSchema = z.object({
  part: z.enum(['subject', 'body']),
  line: z.number().int(),
  column: z.number().int(),
  code: z.string(),
  field: z.string().optional(),
  message: z.string(),
});
export type TemplateErrorView = z.infer<typeof TemplateErrorSchema>;

export const OutreachPreviewBody = z.strictObject({
  channel: Channel,
  language: Language,
  subject: TemplateSubject.default(''),
  body: TemplateBody,
});

export const LetterBlockSchema = z.object({
  type: z.enum(['heading', 'paragraph', 'image']),
  text: z.string().optional(),
  field: z.enum(['foto', 'qr']).optional(),
});

export const OutreachPreviewSchema = z.object({
  valid: z.boolean(),
  errors: z.array(TemplateErrorSchema),
  dir: z.enum(['ltr', 'rtl']),
  subject: z.string(),
  blocks: z.array(LetterBlockSchema),
  text: z.string(),
});
export type OutreachPreview = z.infer<typeof OutreachPreviewSchema>;

// --- Settings and the worker's contact card ------------------------------------------------------------------

export const OutreachSettingsSchema = z
  .object({
    senderName: z.string().max(200),
    returnAddress: z.string().max(300),
    appointmentUrl: z.url().max(500).nullable(),
    mentionPartnerTypes: z
      .boolean()
      .describe('Name the kind of organisation (never an amount) in letters and messages'),
  })
  .meta({ id: 'OutreachSettings' });
export const OutreachSettingsBody = z.strictObject({
  senderName: z.string().trim().max(200),
  returnAddress: z.string().trim().max(300),
  appointmentUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  mentionPartnerTypes: z.boolean(),
});

export const ContactCardSchema = z.object({
  directPhone: z.string(),
  hasPhoto: z.boolean(),
  photoDataUrl: z.string().nullable(),
});
export const ContactCardBody = z.strictObject({
  directPhone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9+() -]*$/, 'Digits, spaces, +, - and brackets only'),
  photo: z
    .strictObject({
      type: z.enum(['image/png', 'image/jpeg']),
      base64: z.base64().max(700_000).describe('At most about 500 kB'),
    })
    .nullable()
    .optional()
    .describe('Omit to keep the current photo; null removes it'),
});

// --- Letters, batches and messages ---------------------------------------------------------------------------

export const LetterBody = z.strictObject({
  channel: PaperChannel,
  batchKey: z
    .uuid()
    .describe('Made by the client once per click; a retry with the same key prints nothing new'),
  templateId: z.uuid().optional(),
  language: Language.optional().describe('Default nl; ignored when templateId is given'),
});

export const QueueLettersBody = LetterBody.extend({
  limit: z.number().int().min(1).max(2000).optional().describe('At most this many letters (default 1000)'),
});

export const LetterBatchSchema = z
  .object({
    id: z.uuid(),
    queueId: z.uuid().nullable(),
    channel: PaperChannel,
    letterCount: z.number().int(),
    created: z
      .boolean()
      .describe('false when this batch key was printed before: nothing was registered again'),
    meldingIds: z.array(z.uuid()),
  })
  .meta({ id: 'LetterBatch' });

export const MessageBody = z.strictObject({
  channel: DigitalChannel,
  templateId: z.uuid().optional(),
  language: Language.optional(),
  recipient: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('E-mail address or mobile number; default the one the signalling partner gave'),
});

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'printed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const OutreachMessageSchema = z
  .object({
    id: z.uuid(),
    meldingId: z.uuid(),
    channel: Channel,
    templateName: z.string().nullable(),
    language: z.string(),
    batchId: z.uuid().nullable(),
    recipient: z.string().nullable(),
    subject: z.string(),
    status: z.enum(MESSAGE_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    contactAttemptId: z.uuid().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'OutreachMessage' });
export type OutreachMessage = z.infer<typeof OutreachMessageSchema>;

export const MessageListQuery = z.strictObject({
  status: z.enum(MESSAGE_STATUSES).optional(),
  channel: Channel.optional(),
  meldingId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
