import { z } from 'zod';
import { DDAS_SIGNAALPARTNERS } from '../ddas.ts';

/** How a signalling partner delivers: through the partner API, as files, or both. */
export const DELIVERY_CHANNELS = ['api', 'bestand', 'beide'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** The only scope a signalling partner's machine client gets. */
export const PARTNER_SCOPE = 'signalen:aanleveren';

/** Saved column mappings are opaque to the server, but bounded. */
export const MAX_COLUMN_MAPPING_BYTES = 64 * 1024;

const Name = z.string().trim().min(1).max(200);

export const ColumnMappingSchema = z
  .record(z.string(), z.unknown())
  .describe('Opaque column mapping for file uploads, e.g. {"columns": {"<our field>": "<their header>"}}');

export const SignalPartnerSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    partnerType: z.enum(DDAS_SIGNAALPARTNERS).describe('DDAS EnumSignaalpartner, verbatim'),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    deliveryChannel: z.enum(DELIVERY_CHANNELS),
    isActive: z.boolean(),
    columnMapping: ColumnMappingSchema.nullable(),
    clientId: z
      .string()
      .nullable()
      .describe('The client_id of the current machine client, if credentials were issued; never the secret'),
    credentialsIssuedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'SignalPartner' });
export type SignalPartner = z.infer<typeof SignalPartnerSchema>;

export const SignalPartnerCreateBody = z.strictObject({
  name: Name,
  partnerType: z.enum(DDAS_SIGNAALPARTNERS).describe('DDAS EnumSignaalpartner, verbatim'),
  contactName: z.string().trim().max(200).nullable().optional(),
  contactEmail: z.email().max(320).nullable().optional(),
  deliveryChannel: z.enum(DELIVERY_CHANNELS).optional().describe('Default api'),
  isActive: z.boolean().optional().describe('Default true'),
});
export type SignalPartnerCreate = z.infer<typeof SignalPartnerCreateBody>;

export const SignalPartnerPatchBody = z.strictObject({
  name: Name.optional(),
  partnerType: z.enum(DDAS_SIGNAALPARTNERS).optional(),
  contactName: z.string().trim().max(200).nullable().optional().describe('null removes the contact name'),
  contactEmail: z.email().max(320).nullable().optional().describe('null removes the address'),
  deliveryChannel: z.enum(DELIVERY_CHANNELS).optional(),
  isActive: z
    .boolean()
    .optional()
    .describe('false deactivates the partner and its machine client; partners are never deleted'),
});
export type SignalPartnerPatch = z.infer<typeof SignalPartnerPatchBody>;

export const ColumnMappingBody = z.strictObject({
  columnMapping: ColumnMappingSchema.refine(
    (v) => new TextEncoder().encode(JSON.stringify(v)).length <= MAX_COLUMN_MAPPING_BYTES,
    { params: { code: 'too_large' }, message: `At most ${MAX_COLUMN_MAPPING_BYTES} bytes of JSON` },
  )
    .nullable()
    .describe('null removes the saved mapping'),
});
export type ColumnMappingInput = z.infer<typeof ColumnMappingBody>;

export const PartnerCredentialsSchema = z
  .object({
    clientId: z.string(),
    clientSecret: z.string().describe('Shown once; only its hash is stored'),
  })
  .meta({ id: 'PartnerCredentials' });
export type PartnerCredentials = z.infer<typeof PartnerCredentialsSchema>;

// --- Referral sources (verwijzers) ----------------------------------------------------------------------

export const REFERRAL_SOURCE_KINDS = ['intern', 'extern'] as const;
export type ReferralSourceKind = (typeof REFERRAL_SOURCE_KINDS)[number];

/** The referrers a municipality starts with; each municipality can rename, add and deactivate them. */
export const DEFAULT_REFERRAL_SOURCES: readonly { name: string; kind: ReferralSourceKind }[] = [
  { name: 'Participatiewet', kind: 'intern' },
  { name: 'Armoederegelingen', kind: 'intern' },
  { name: 'Wmo', kind: 'intern' },
  { name: 'Jeugdhulp', kind: 'intern' },
  { name: 'Gemeentelijke belastingen', kind: 'intern' },
  { name: 'Wijkteam', kind: 'intern' },
  { name: 'Maatschappelijk werk', kind: 'extern' },
  { name: 'Woningcorporatie', kind: 'extern' },
  { name: 'Voedselbank', kind: 'extern' },
  { name: 'School', kind: 'extern' },
  { name: 'UWV', kind: 'extern' },
  { name: 'Werkgever', kind: 'extern' },
];

export const ReferralSourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(REFERRAL_SOURCE_KINDS),
    isActive: z.boolean(),
  })
  .meta({ id: 'ReferralSource' });
export type ReferralSource = z.infer<typeof ReferralSourceSchema>;

export const ReferralSourceCreateBody = z.strictObject({
  name: Name,
  kind: z.enum(REFERRAL_SOURCE_KINDS),
  isActive: z.boolean().optional().describe('Default true'),
});
export type ReferralSourceCreate = z.infer<typeof ReferralSourceCreateBody>;

export const ReferralSourcePatchBody = z.strictObject({
  name: Name.optional(),
  kind: z.enum(REFERRAL_SOURCE_KINDS).optional(),
  isActive: z.boolean().optional(),
});
export type ReferralSourcePatch = z.infer<typeof ReferralSourcePatchBody>;
