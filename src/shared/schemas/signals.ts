import { z } from 'zod';
import { isValidBsn } from '../bsn.ts';
import { todayInNetherlands } from '../calendar.ts';
import { DDAS_SIGNAALPARTNERS } from '../ddas.ts';

/** Absurd amounts are refused: no household arrear to one partner comes near a million euro. */
export const MAX_AMOUNT_CENTS = 100_000_000;

// The Dutch today: a partner or worker may send it just after Dutch midnight, while the UTC day has not yet begun.
const today = () => todayInNetherlands();

const IsoDate = z.iso.date();
const PastDate = IsoDate.refine((d) => d >= '1900-01-01', {
  params: { code: 'date_before_1900' },
  message: 'Date before 1900',
}).refine((d) => d <= today(), { params: { code: 'date_in_future' }, message: 'Date in the future' });
const AnyDate = IsoDate.refine((d) => d >= '1900-01-01', {
  params: { code: 'date_before_1900' },
  message: 'Date before 1900',
});

const Postcode = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .refine((v) => /^[1-9][0-9]{3}[A-Z]{2}$/.test(v), {
    params: { code: 'invalid_postcode' },
    message: 'Invalid postcode',
  });

/**
 * One signal as a partner delivers it: the same validation for the partner API, file imports, manual entry and
 * referrals. Person fields are as the partner knows them; matching with the BRP comes later.
 */
export const SignalFieldsSchema = z.strictObject({
  externalId: z.string().trim().min(1).max(100).optional().describe("The partner's own id of this signal"),
  bsn: z
    .string()
    .refine(isValidBsn, { params: { code: 'invalid_bsn' }, message: 'Fails the BSN 11-test' })
    .optional(),
  voornamen: z.string().trim().min(1).max(200).optional(),
  voorletters: z.string().trim().min(1).max(30).optional(),
  voorvoegsel: z.string().trim().min(1).max(30).optional(),
  achternaam: z.string().trim().min(1).max(200).describe('Surname, or a business name when isBusiness'),
  geboortedatum: PastDate.optional(),
  straat: z.string().trim().min(1).max(200).optional(),
  huisnummer: z.number().int().min(1).max(99999).optional(),
  huisletter: z
    .string()
    .regex(/^[A-Za-z]$/)
    .optional(),
  toevoeging: z.string().trim().min(1).max(4).optional(),
  postcode: Postcode.optional(),
  woonplaats: z.string().trim().min(1).max(100).optional(),
  telefoon: z.string().trim().min(6).max(30).optional(),
  email: z.email().max(320).optional(),
  isBusiness: z.boolean().default(false),
  customerNumber: z.string().trim().min(1).max(100).optional(),
  amountCents: z
    .number()
    .int()
    .min(0, { message: 'Negative amount' })
    .max(MAX_AMOUNT_CENTS, { message: 'Absurd amount' })
    .describe('Arrears in euro cents'),
  arrearsSince: PastDate.optional().describe('Ontstaansdatum of the arrears'),
  signalDate: PastDate.describe('Date the partner made the signal'),
  monthsInArrears: z.number().int().min(0).max(600).optional(),
  daysInArrears: z.number().int().min(0).max(20000).optional(),
  endOfSupply: z.boolean().default(false),
  endOfSupplyDate: AnyDate.optional(),
  evictionAnnounced: z.boolean().default(false),
  evictionDate: AnyDate.optional(),
  insuranceTermination: z.boolean().default(false),
  warmHandover: z.boolean().default(false),
  remark: z.string().trim().max(2000).optional(),
});

export const SignalInputSchema = SignalFieldsSchema.superRefine((s, ctx) => {
  if (!s.postcode && !s.bsn) {
    ctx.addIssue({
      code: 'custom',
      path: ['postcode'],
      params: { code: 'address_or_bsn_required' },
      message: 'Give a postcode and huisnummer, or a BSN',
    });
  }
  if (s.postcode && s.huisnummer === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['huisnummer'],
      params: { code: 'required' },
      message: 'Huisnummer is required with a postcode',
    });
  }
  if (s.arrearsSince && s.arrearsSince > s.signalDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['arrearsSince'],
      params: { code: 'after_signal_date' },
      message: 'Arrears cannot start after the signal date',
    });
  }
});
export type SignalInput = z.input<typeof SignalInputSchema>;
export type ValidSignal = z.output<typeof SignalInputSchema>;

export const PartnerTypeSchema = z.enum(DDAS_SIGNAALPARTNERS);

/** Fields a file column can be mapped to (the keys of SignalInput). */
export const SIGNAL_FIELDS = Object.keys(
  SignalFieldsSchema.shape,
) as (keyof typeof SignalFieldsSchema.shape)[];

/** A field-level problem with one signal: the field, a stable code for translation, and the message. */
export type SignalFieldError = { field: string; code: string; message: string };

/** Validates one signal; errors carry stable codes so file imports can report them per row and column. */
export function validateSignal(
  input: unknown,
): { ok: true; value: ValidSignal } | { ok: false; errors: SignalFieldError[] } {
  const parsed = SignalInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => {
      const params = (i as { params?: { code?: string } }).params;
      return { field: i.path.join('.') || '(signal)', code: params?.code ?? i.code, message: i.message };
    }),
  };
}
