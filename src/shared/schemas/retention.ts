import { z } from 'zod';

// Retention (AVG) of vroegsignalering data: the terms per municipality, the legal hold of one melding and the
// deletion report of a run.

const Months = z.number().int().min(1).max(120);

export const RetentionSettingsSchema = z
  .object({
    noContactMonths: Months.describe(
      'A signal that led to no contact: deleted this many months after the signal',
    ),
    takenUpMonths: Months.describe(
      'A taken-up signal of a closed melding: this many months after the signal',
    ),
    closedMonths: Months.describe('A closed melding: this many months after closing'),
  })
  .meta({ id: 'RetentionSettings' });
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export const RetentionSettingsBody = z.strictObject(RetentionSettingsSchema.shape);

export const RETENTION_DEFAULTS: RetentionSettings = {
  noContactMonths: 6,
  takenUpMonths: 12,
  closedMonths: 18,
};

/** Why a melding may not be deleted yet. A code, never free text: a hold must not hold personal data itself. */
export const LEGAL_HOLD_REASONS = ['bezwaar', 'klacht', 'rechtszaak', 'onderzoek', 'overig'] as const;
export type LegalHoldReason = (typeof LEGAL_HOLD_REASONS)[number];

export const LegalHoldBody = z.strictObject({
  reason: z
    .enum(LEGAL_HOLD_REASONS)
    .nullable()
    .describe('Set a legal hold with this reason, or null to lift it (the retention terms apply again)'),
});

export const LegalHoldSchema = z
  .object({
    meldingId: z.uuid(),
    reason: z.enum(LEGAL_HOLD_REASONS).nullable(),
    setAt: z.string().nullable(),
  })
  .meta({ id: 'LegalHold' });

export const RetentionReportSchema = z
  .object({
    date: z.string().describe('The day the terms were counted back from (YYYY-MM-DD, Dutch time)'),
    terms: RetentionSettingsSchema,
    meldingen: z.number().int().describe('Meldingen whose personal data was deleted'),
    signals: z.number().int().describe('Signals whose personal data was deleted'),
    contactNotes: z.number().int(),
    messages: z.number().int().describe('Letters, e-mails and text messages emptied'),
    letterBatches: z.number().int().describe('Stored print runs (PDF) deleted'),
    importRows: z.number().int().describe('File lines whose raw cells were deleted'),
    held: z.number().int().describe('Meldingen kept because of a legal hold'),
  })
  .meta({ id: 'RetentionReport' });
export type RetentionReport = z.infer<typeof RetentionReportSchema>;
